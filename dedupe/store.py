"""The persistent corpus: articles already published, kept in one SQLite file.

`dedupe check` compares new articles with this corpus without re-reading it. The store keeps
each document whole (text and metadata, so findings can quote it) and an inverted index of
its distinct matching terms (`normalize.match_tokens`), with document frequencies, so the
documents worth comparing with a new article are found by a join instead of a scan.

Safety: every `Store.add` and `Store.remove` is one ``BEGIN IMMEDIATE`` transaction, so a
process killed at any moment leaves the store as it was before or after the call. The file is
in WAL mode, so readers never block the writer; two writers wait for each other
(``busy_timeout``) and only fail, with a clear message, when the wait runs out.
"""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import json
import math
import os
import sqlite3
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any

from dedupe import __version__
from dedupe.claims import Claims, extract
from dedupe.config import Settings
from dedupe.fileerrors import explain
from dedupe.model import Document
from dedupe.normalize import match_tokens
from dedupe.pairing import Segmented, segment, segmentation_key
from dedupe.workers import parallel_map

SCHEMA_VERSION = 2  # 2: the `prepared` table (sentences, matching units, claims)
APPLICATION_ID = 0x64647570  # "ddup": marks an SQLite file as a dedupe store
DEFAULT_PATH = "dedupe.sqlite"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_TABLES = ("meta", "document", "vocab", "term", "prepared")
# A term in more than this share of the corpus is boilerplate-like ("said", "year"): it says
# nothing about which article a new one resembles, and its postings are the longest to read.
_COMMON_SHARE = 0.05
_COMMON_FLOOR = 20  # ... but in a small store no term is common enough to skip
_MIN_SHARED = 3  # a candidate shares at least this many rare terms with the new article
# ... and their rare terms weigh at least this share of the new article's own: on BASIL the
# other outlets' articles on the same event reach 0.08 to 0.5, unrelated ones 0.06 to 0.15.
# Each candidate costs the checker tens of milliseconds, so the long tail is not worth it.
_MIN_SCORE = 0.08
_CHUNK = 500  # host parameters per IN (...) list, well under SQLite's limit
_CACHE_KIB = 256 * 1024  # page cache of a writer; taken only as the index grows

# What the matcher and the checker computed for a document, so `check` reuses it: zlib'd JSON
# of its segmentation (valid for the segmentation settings in `key`) and of its claims, kept
# apart because a check reads every candidate's segmentation but only the paired ones' claims.
_PREPARED = """CREATE TABLE prepared (
    doc INTEGER PRIMARY KEY REFERENCES document (rowid),
    key TEXT NOT NULL,
    segmented BLOB NOT NULL,
    claims BLOB NOT NULL
)"""

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE document (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    location TEXT NOT NULL,
    source TEXT NOT NULL,
    date TEXT,
    title TEXT,
    url TEXT,
    body_start INTEGER NOT NULL,
    text TEXT NOT NULL,
    hash TEXT NOT NULL,
    terms BLOB NOT NULL
);
CREATE INDEX document_location ON document (location);
CREATE TABLE vocab (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, df INTEGER NOT NULL);
CREATE TABLE term (
    doc INTEGER NOT NULL,
    term INTEGER NOT NULL,
    PRIMARY KEY (term, doc)
) WITHOUT ROWID;
{_PREPARED};
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
"""


class StoreError(ValueError):
    """The store cannot be used; the message names the file and the fix."""


@dataclass(frozen=True, slots=True)
class AddResult:
    """What `Store.add` did: documents new to the store, changed, and already there."""

    added: int
    replaced: int
    unchanged: int


@dataclass(frozen=True, slots=True)
class Entry:
    """One stored document, without its text (for listings)."""

    id: str
    source: str
    date: dt.date | None
    title: str | None
    path: str


@dataclass(frozen=True, slots=True)
class Stats:
    """Size of the store: documents, distinct sources and terms, bytes on disk, schema."""

    documents: int
    sources: int
    terms: int
    bytes: int
    schema: int


Packed = tuple[bytes, bytes]


def prepare_all(documents: Sequence[Document], settings: Settings) -> builtins.list[Packed]:
    """Each document's segmentation and claims as the store keeps them (in worker processes)."""
    prepare_one = partial(_prepared, settings=settings)
    return parallel_map(prepare_one, documents, settings.workers, what="documents prepared")


def _prepared(doc: Document, settings: Settings) -> Packed:
    return _pack(segment(doc, settings).to_data()), _pack(extract(doc).to_data())


def _pack(data: Any) -> bytes:
    return zlib.compress(json.dumps(data, separators=(",", ":")).encode("utf-8"))


def _unpack(blob: bytes) -> Any:
    return json.loads(zlib.decompress(blob))


def content_hash(doc: Document) -> str:
    """A hash of everything stored about a document except where it was read from."""
    fields = [doc.text, doc.source, doc.date and doc.date.isoformat(), doc.title, doc.url]
    data = json.dumps([*fields, doc.body_start], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def location(doc: Document) -> str:
    """The absolute file (and record) a document was read from.

    Ids are relative to the folder given, so ``index add corpus/`` and ``check corpus/a.md``
    give one article two ids; the location says they are the same article.
    """
    where = Path(doc.path).resolve().as_posix()
    name = Path(doc.path).name
    marker = doc.id.rfind(f"{name}#") if name else -1
    return where if marker < 0 else f"{where}#{doc.id[marker + len(name) + 1 :]}"


def terms(doc: Document) -> set[str]:
    """The distinct matching terms of the article body (numbers left out)."""
    return set(match_tokens(doc.text[doc.body_start :])) - {"#"}


class Store:
    """A corpus of articles in one SQLite file. Open it with `Store.open`."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        create: bool = False,
        readonly: bool = False,
        timeout: float = 60.0,
    ) -> Store:
        """Open the store at ``path``; with ``create`` a missing or empty file becomes one
        (and its missing folders are made).

        ``readonly`` opens it for reading only, which works on read-only media too.
        ``timeout`` is how many seconds a writer waits for another one to finish.
        Raises `StoreError` for a file that is not a store this version can read.
        """
        where = Path(path)
        _check_file(where, create)
        if not readonly:
            _check_writable(where)
        uri = _read_only_uri(where) if readonly else f"{where.resolve().as_uri()}?mode=rwc"
        with _errors(where):
            db = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
            store = cls(where, db)
            try:
                db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
                store._prepare(create and not readonly, readonly)
            except BaseException:
                db.close()
                raise
        return store

    def _prepare(self, create: bool, readonly: bool) -> None:
        version, app = self._pragma("user_version"), self._pragma("application_id")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer dedupe (store schema {version}, this version "
                f"reads up to {SCHEMA_VERSION}); upgrade dedupe"
            )
        if app not in (0, APPLICATION_ID):
            raise StoreError(f"{self.path}: {_NOT_A_STORE}")
        if version == 0:
            self._initialise(create)
        elif version == 1 and not readonly:
            self._upgrade()
        missing = [t for t in _TABLES if t not in self._tables()]
        if missing:
            raise StoreError(
                f"{self.path}: damaged store (missing tables {', '.join(missing)}); "
                "move it away and rebuild it with `dedupe index add`"
            )
        if not readonly:
            self._db.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL loses no committed data when a process dies (only at a power
            # cut, and then whole transactions); a large page cache keeps index inserts in memory.
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")

    def _initialise(self, create: bool) -> None:
        if self._tables():
            raise StoreError(f"{self.path}: {_NOT_A_STORE}")
        if not create:
            raise StoreError(f"{self.path}: empty file, not a store; {_CREATE}")
        with self._transaction():
            if self._pragma("user_version") == 0:  # another process may have won the race
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    self._db.execute(statement)
                self._db.execute("INSERT INTO meta VALUES ('created_by', ?)", (__version__,))

    def _upgrade(self) -> None:
        """Schema 1 to 2: add the `prepared` table; documents without a row are prepared
        when a check needs them, as before."""
        with self._transaction():
            if self._pragma("user_version") == 1:
                self._db.execute(_PREPARED)
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _pragma(self, name: str) -> int:
        return int(self._db.execute(f"PRAGMA {name}").fetchone()[0])

    def _tables(self) -> set[str]:
        rows = self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}

    def close(self) -> None:
        """Close the connection (the store stays consistent whether or not this is called)."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; the write lock is taken at the start, not half-way."""
        with _errors(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # --- writing -------------------------------------------------------------------------

    def add(self, documents: Sequence[Document], settings: Settings | None = None) -> AddResult:
        """Store ``documents``: new ids are added, changed ones replaced, the same skipped.

        Each new or changed document is also segmented and its claims extracted (with
        ``settings``), so that a check against the store only has to prepare new articles.
        """
        settings = settings or Settings()
        hashes = {doc.id: content_hash(doc) for doc in documents}
        before = self._hashes(hashes)
        # Tokenising and preparing are the slow part: do them before taking the write lock.
        fresh = [d for d in documents if before.get(d.id) != hashes[d.id]]
        index = {d.id: terms(d) for d in fresh}
        prepared = dict(zip((d.id for d in fresh), prepare_all(fresh, settings), strict=True))
        added = replaced = 0
        with self._transaction() as db:
            now = self._hashes(hashes)  # re-read: another writer may have run meanwhile
            changed = [d for d in documents if now.get(d.id) != hashes[d.id]]
            self._delete([d.id for d in changed if d.id in now])
            late = [d for d in changed if d.id not in index]
            index.update((d.id, terms(d)) for d in late)
            prepared.update(zip((d.id for d in late), prepare_all(late, settings), strict=True))
            self._insert(db, changed, hashes, index)
            self._keep_prepared(db, prepared, segmentation_key(settings))
            replaced = sum(1 for d in changed if d.id in now)
            added = len(changed) - replaced
        return AddResult(added, replaced, len(documents) - added - replaced)

    def _hashes(self, ids: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in _chunks(builtins.list(ids)):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT id, hash FROM document WHERE id IN ({marks})", chunk)
            found.update(rows)
        return found

    def _insert(
        self,
        db: sqlite3.Connection,
        documents: Sequence[Document],
        hashes: dict[str, str],
        index: dict[str, set[str]],
    ) -> None:
        term_ids = self._vocabulary(db, Counter(t for d in documents for t in index[d.id]))
        for doc in documents:
            ids = sorted(term_ids[t] for t in index[doc.id])
            cursor = db.execute(
                "INSERT INTO document (id, path, location, source, date, title, url, body_start,"
                " text, hash, terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.id,
                    doc.path,
                    location(doc),
                    doc.source,
                    doc.date.isoformat() if doc.date else None,
                    doc.title,
                    doc.url,
                    doc.body_start,
                    doc.text,
                    hashes[doc.id],
                    array("i", ids).tobytes(),
                ),
            )
            row = cursor.lastrowid
            db.executemany("INSERT INTO term (doc, term) VALUES (?, ?)", ((row, t) for t in ids))

    @staticmethod
    def _keep_prepared(db: sqlite3.Connection, prepared: dict[str, Packed], key: str) -> None:
        rows = (
            dict(
                db.execute(
                    f"SELECT id, rowid FROM document WHERE id IN ({','.join('?' * len(prepared))})",
                    builtins.list(prepared),
                )
            )
            if prepared
            else {}
        )
        db.executemany(
            "INSERT OR REPLACE INTO prepared (doc, key, segmented, claims) VALUES (?, ?, ?, ?)",
            ((rows[i], key, *packed) for i, packed in prepared.items() if i in rows),
        )

    @staticmethod
    def _vocabulary(db: sqlite3.Connection, counts: Counter[str]) -> dict[str, int]:
        """Ids of ``counts``' terms, adding new ones; document frequencies go up by the count."""
        db.executemany(
            "INSERT INTO vocab (term, df) VALUES (?, ?) "
            "ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
            counts.items(),
        )
        found: dict[str, int] = {}
        for chunk in _chunks(builtins.list(counts)):
            marks = ",".join("?" * len(chunk))
            found.update(db.execute(f"SELECT term, id FROM vocab WHERE term IN ({marks})", chunk))
        return found

    def remove(self, ids: Iterable[str]) -> builtins.list[str]:
        """Remove documents by id; returns the ids that were in the store."""
        wanted = builtins.list(dict.fromkeys(ids))
        with self._transaction():
            present = self._hashes(wanted)
            self._delete(builtins.list(present))
        return [i for i in wanted if i in present]

    def remove_all(self, ids: Iterable[str]) -> builtins.list[str]:
        """`remove` the documents ``ids``, or none of them when one is not in the store
        (`StoreError` naming those)."""
        wanted = builtins.list(ids)
        missing = sorted(set(wanted) - self.contains(wanted))
        if missing:
            raise StoreError(f"not in {self.path}: {', '.join(missing)}; see `dedupe index ls`")
        return self.remove(wanted)

    def _delete(self, ids: Sequence[str]) -> None:
        """Delete documents and their postings (inside a transaction)."""
        for doc_id in ids:
            row, blob = self._db.execute(
                "SELECT rowid, terms FROM document WHERE id = ?", (doc_id,)
            ).fetchone()
            term_ids = array("i")
            term_ids.frombytes(blob)
            self._db.executemany(
                "DELETE FROM term WHERE term = ? AND doc = ?", ((t, row) for t in term_ids)
            )
            self._db.executemany(
                "UPDATE vocab SET df = df - 1 WHERE id = ?", ((t,) for t in term_ids)
            )
            self._db.execute("DELETE FROM prepared WHERE doc = ?", (row,))
            self._db.execute("DELETE FROM document WHERE rowid = ?", (row,))
        self._db.execute("DELETE FROM vocab WHERE df <= 0")

    # --- reading -------------------------------------------------------------------------

    def list(self) -> builtins.list[Entry]:
        """Every stored document (without text), by id."""
        with _errors(self.path):
            rows = self._db.execute(
                "SELECT id, source, date, title, path FROM document ORDER BY id"
            ).fetchall()
        return [Entry(i, s, _date(d), t, p) for i, s, d, t, p in rows]

    def stats(self) -> Stats:
        """How big the store is."""
        with _errors(self.path):
            docs, sources = self._db.execute(
                "SELECT COUNT(*), COUNT(DISTINCT source) FROM document"
            ).fetchone()
            vocabulary = self._db.execute("SELECT COUNT(*) FROM vocab").fetchone()[0]
        files = (self.path, Path(f"{self.path}-wal"))
        size = sum(f.stat().st_size for f in files if f.exists())
        return Stats(docs, sources, vocabulary, size, self._pragma("user_version"))

    def contains(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are in the store."""
        with _errors(self.path):
            return set(self._hashes(ids))

    def documents(self, ids: Iterable[str]) -> builtins.list[Document]:
        """The stored documents with these ids, in the order asked (unknown ids are left out)."""
        wanted = builtins.list(dict.fromkeys(ids))
        rows: dict[str, Document] = {}
        columns = "id, path, source, date, title, url, body_start, text"
        with _errors(self.path):
            for chunk in _chunks(wanted):
                marks = ",".join("?" * len(chunk))
                query = f"SELECT {columns} FROM document WHERE id IN ({marks})"
                for row in self._db.execute(query, chunk):
                    rows[row[0]] = _document(row)
        return [rows[i] for i in wanted if i in rows]

    def segmentations(self, ids: Iterable[str], settings: Settings) -> dict[str, Segmented]:
        """The stored segmentations of ``ids`` made with ``settings``' segmentation settings."""
        rows = self._prepared_column(ids, "segmented", segmentation_key(settings))
        return {doc_id: Segmented.from_data(_unpack(blob)) for doc_id, blob in rows}

    def claims(self, ids: Iterable[str]) -> dict[str, Claims]:
        """The stored claims of ``ids``."""
        rows = self._prepared_column(ids, "claims", None)
        return {doc_id: Claims.from_data(_unpack(blob)) for doc_id, blob in rows}

    def _prepared_column(
        self, ids: Iterable[str], column: str, key: str | None
    ) -> builtins.list[tuple[str, bytes]]:
        if "prepared" not in self._tables():
            return []  # a schema-1 store opened read-only: everything is prepared anew
        found: builtins.list[tuple[str, bytes]] = []
        with _errors(self.path):
            for chunk in _chunks(builtins.list(ids)):
                marks = ",".join("?" * len(chunk))
                query = (
                    f"SELECT d.id, p.{column} FROM document d JOIN prepared p ON p.doc = d.rowid "
                    f"WHERE d.id IN ({marks})" + (" AND p.key = ?" if key is not None else "")
                )
                found.extend(self._db.execute(query, [*chunk, *([key] if key else [])]))
        return found

    def candidates(self, documents: Sequence[Document], limit: int) -> builtins.list[str]:
        """Ids of stored documents worth comparing with ``documents``, best first.

        Per new document, at most ``limit`` stored documents from another source that share
        the most rare terms with it (ranked by summed idf, and at least a share of its own).
        Stored documents with the id or the location of a new one are older versions of it and
        never candidates.
        """
        excluded = {d.id for d in documents}
        places = {location(d) for d in documents}
        with _errors(self.path):
            total = self._db.execute("SELECT COUNT(*) FROM document").fetchone()[0]
            found: dict[str, None] = {}
            for doc in documents:
                ranked = self._ranked(doc, total, limit + len(excluded))
                kept = [i for i, where in ranked if i not in excluded and where not in places]
                found.update(dict.fromkeys(kept[:limit]))
        return builtins.list(found)

    def _ranked(self, doc: Document, total: int, limit: int) -> builtins.list[tuple[str, str]]:
        weights = self._weights(terms(doc), total)
        if not weights:
            return []
        values = ",".join(["(?, ?)"] * len(weights))
        query = (
            f"WITH q (term, weight) AS (VALUES {values}) "
            "SELECT d.id, d.location FROM ("
            "  SELECT t.doc AS doc, SUM(q.weight) AS score FROM q JOIN term t ON t.term = q.term"
            f"  GROUP BY t.doc HAVING COUNT(*) >= {_MIN_SHARED} AND SUM(q.weight) >= ?"
            ") s JOIN document d ON d.rowid = s.doc WHERE d.source != ?"
            " ORDER BY s.score DESC, d.id LIMIT ?"
        )
        params = [value for pair in weights for value in pair]
        least = _MIN_SCORE * sum(weight for _, weight in weights)
        return self._db.execute(query, [*params, least, doc.source, limit]).fetchall()

    def _weights(self, words: set[str], total: int) -> builtins.list[tuple[int, float]]:
        """(term id, idf) of the stored terms of ``words`` that are not too common."""
        common = max(_COMMON_SHARE * total, _COMMON_FLOOR)
        weights: builtins.list[tuple[int, float]] = []
        for chunk in _chunks(sorted(words)):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT id, df FROM vocab WHERE term IN ({marks})", chunk)
            weights.extend((i, math.log(total / df)) for i, df in rows if 0 < df <= common)
        return weights


_NOT_A_STORE = (
    "an SQLite database but not a dedupe store; give the right --store file, "
    "or move this one away and build a new store with `dedupe index add`"
)
_CREATE = "create one with `dedupe index add ARTICLES --store FILE`"


def _check_file(path: Path, create: bool) -> None:
    """Refuse early, with the fix, a path that cannot be a store."""
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; give the store's file name")
    if not path.exists():
        if not create:
            raise StoreError(f"{path}: no store there{_folder_problem(path)}; {_CREATE}")
        try:  # as outputs do: `index add --store stores/new.sqlite` makes `stores/`
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(explain(path, exc, writing=True)) from None
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read the store: {explain(path, exc)}") from None
    if head and head != _SQLITE_MAGIC:
        raise StoreError(
            f"{path}: not a dedupe store (not an SQLite database); give the right --store file, "
            "or move this one away and build a new store with `dedupe index add`"
        )


def _folder_problem(path: Path) -> str:
    """Why the folder of a missing store file is missing too ("" when it is there)."""
    folder = path.parent
    if folder.is_dir():
        return ""
    if folder.exists():
        return f" ({folder} is a file, not a folder)"
    return f" (the folder {folder} does not exist)"


def _check_writable(path: Path) -> None:
    """A writer also needs the folder writable: SQLite puts its -wal and -shm files there."""
    folder = path.resolve().parent
    if not path.exists():
        if not _writable(folder):
            raise StoreError(
                f"{path}: cannot create the store (no write permission on {folder}); "
                "make the folder writable or put the store elsewhere"
            )
    elif not _writable(path) or not _writable(folder):
        raise StoreError(
            f"{path}: the store is read-only (no write permission on the file or its folder); "
            "make it writable or use a copy"
        )


def _writable(path: Path) -> bool:
    # os.access also says no on a read-only filesystem, even to root.
    return os.access(path, os.W_OK)


def _read_only_uri(path: Path) -> str:
    """The URI that opens ``path`` for reading only.

    A reader of a WAL-mode store needs its -shm file, and makes it when missing; in a
    folder it cannot write (read-only media, a read-only checkout) it opens the file as
    immutable instead, which SQLite reads without any -shm, as nothing can change it there.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if _writable(path.resolve().parent) or (wal.exists() and shm.exists()):
        return uri
    if wal.exists() and wal.stat().st_size > 0:
        # An immutable open would not see the transactions still in the -wal file.
        raise StoreError(
            f"{path}: its last changes are still in {wal.name}, which cannot be read without "
            f"{shm.name} in a folder that cannot be written; open the store once where it "
            "can be written, or copy it there with its -wal file"
        )
    return f"{uri}&immutable=1"


@contextmanager
def _errors(path: Path) -> Iterator[None]:
    """SQLite errors as `StoreError`s that say what happened and what to do."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise StoreError(
                f"{path}: store is locked by another dedupe process; try again"
            ) from None
        if "full" in text:
            raise StoreError(
                f"{path}: the disk is full; nothing of this run was stored (the store is as it "
                "was): free some space and run again"
            ) from None
        if "readonly" in text or "read-only" in text:
            raise StoreError(
                f"{path}: the store is read-only; make it writable or use a copy"
            ) from None
        raise StoreError(f"{path}: cannot use the store ({exc})") from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path}: not a usable dedupe store ({exc}); move it away and rebuild it with "
            "`dedupe index add`"
        ) from None


def _chunks(items: Sequence[str]) -> Iterator[builtins.list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield builtins.list(items[start : start + _CHUNK])


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _document(row: tuple[str, str, str, str | None, str | None, str | None, int, str]) -> Document:
    doc_id, path, source, date, title, url, body_start, text = row
    return Document(doc_id, path, source, text, _date(date), title, url, body_start)
