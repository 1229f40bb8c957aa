"""Tests for dedupe.store: the SQLite corpus, its index, and its safety under failure."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dedupe.config import Settings
from dedupe.model import Document
from dedupe.store import SCHEMA_VERSION, Store, StoreError

ROOT = Path(__file__).resolve().parent.parent


def _doc(doc_id: str, text: str, source: str = "wire") -> Document:
    return Document(id=doc_id, path=f"/articles/{doc_id}", source=source, text=text)


def _basil(corpora: Path, count: int) -> list[Document]:
    lines = (corpora / "basil" / "basil_articles.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines[:count]]
    return [
        Document(r["id"], f"basil/{r['id']}", r["source"].lower(), r["text"], title=r["title"])
        for r in rows
    ]


def test_add_is_idempotent_and_replaces_changed(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    first = [_doc("a", "Troops crossed the border at dawn."), _doc("b", "Prices rose sharply.")]
    with Store.open(path, create=True) as store:
        assert store.add(first).added == 2
        again = store.add(first)
        assert (again.added, again.replaced, again.unchanged) == (0, 0, 2)
        changed = store.add([_doc("a", "Troops crossed the river at night."), _doc("c", "Rain.")])
        assert (changed.added, changed.replaced, changed.unchanged) == (1, 1, 0)
        assert store.documents(["a"])[0].text == "Troops crossed the river at night."
        assert [e.id for e in store.list()] == ["a", "b", "c"]
        stats = store.stats()
        assert (stats.documents, stats.sources, stats.schema) == (3, 1, SCHEMA_VERSION)
        assert stats.bytes > 0


def test_replacing_keeps_the_index_consistent(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite", create=True) as store:
        store.add([_doc("a", "Troops crossed the border."), _doc("b", "Troops left the border.")])
        store.add([_doc("a", "Ministers met in Geneva.")])
        assert store.remove(["b", "missing"]) == ["b"]
        vocab = dict(store._db.execute("SELECT term, df FROM vocab"))
    assert "border" not in vocab and "troop" not in vocab
    assert vocab["geneva"] == 1


def test_remove_all_removes_nothing_when_an_id_is_unknown(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store.open(path, create=True) as store:
        store.add([_doc("a", "Troops crossed the border."), _doc("b", "Prices rose.")])
        with pytest.raises(StoreError, match=f"^not in {path}: x, y; see `dedupe index ls`$"):
            store.remove_all(["y", "a", "x"])
        assert [e.id for e in store.list()] == ["a", "b"]
        assert store.remove_all(["b", "b"]) == ["b"]
        assert [e.id for e in store.list()] == ["a"]


def test_documents_round_trip_metadata(tmp_path: Path) -> None:
    import datetime as dt

    doc = Document(
        "x.md", "news/x.md", "Reuters", "T\n\nBody text here.", dt.date(2024, 11, 1), "T", "u", 3
    )
    with Store.open(tmp_path / "s.sqlite", create=True) as store:
        store.add([doc])
        assert store.documents(["x.md", "nope"]) == [doc]
        assert store.contains(["x.md", "nope"]) == {"x.md"}


@pytest.mark.corpus
def test_candidates_are_the_same_event_from_other_outlets(corpora: Path, tmp_path: Path) -> None:
    docs = _basil(corpora, 120)
    with Store.open(tmp_path / "s.sqlite", create=True) as store:
        store.add(docs)
        probe = docs[0]
        rewritten = Document("probe", "/new/probe.txt", "wire", probe.text)
        found = store.candidates([rewritten], 5)
        same_event = [d.id for d in docs if d.id.split("_")[0] == probe.id.split("_")[0]]
        assert found[0] == probe.id  # the article itself, from another source, ranks first
        assert set(same_event) & set(found[1:])
        # The stored version of a new article is never its candidate, and same source is skipped.
        assert probe.id not in store.candidates([probe], 5)
        assert all(d.source != probe.source for d in store.documents(store.candidates([probe], 5)))


def test_open_refuses_files_that_are_not_stores(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("hello, not a database\n", encoding="utf-8")
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store.open(text)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a dedupe store"):
        Store.open(other, create=True)
    with pytest.raises(StoreError, match="no store there"):
        Store.open(tmp_path / "missing.sqlite")


def test_open_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    Store.open(path, create=True).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer dedupe"):
        Store.open(path)


def test_open_reports_missing_tables(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    Store.open(path, create=True).close()
    db = sqlite3.connect(path)
    db.execute("DROP TABLE term")
    db.close()
    with pytest.raises(StoreError, match="missing tables term"):
        Store.open(path)


def test_a_held_lock_fails_clearly_after_the_timeout(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    Store.open(path, create=True).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with (
            Store.open(path, timeout=0.2) as store,
            pytest.raises(StoreError, match="locked by another dedupe process; try again"),
        ):
            store.add([_doc("a", "Troops crossed the border.")])
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# A writer in another process: adds COUNT synthetic documents with many distinct terms.
_WRITER = textwrap.dedent(
    """
    import random, sys
    from dedupe.model import Document
    from dedupe.store import Store
    path, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(prefix)
    docs = [
        Document(f"{prefix}{i}", f"/w/{prefix}{i}", prefix,
                 " ".join(f"w{rng.randrange(10**6)}x" for _ in range(400)) + ".")
        for i in range(count)
    ]
    print("ready", flush=True)
    with Store.open(path, create=True) as store:
        store.add(docs)
    """
)


def _writer(path: Path, prefix: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), prefix, str(count)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _integrity(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        db.close()


def test_a_writer_killed_mid_transaction_leaves_the_store_intact(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store.open(path, create=True) as store:
        store.add([_doc("kept", "Troops crossed the border at dawn.")])
    writer = _writer(path, "k", 1500)
    wal = Path(f"{path}-wal")
    deadline = time.monotonic() + 120
    # Kill once the transaction has started spilling pages into the write-ahead log.
    while writer.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 512 * 1024:
            break
        time.sleep(0.01)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL, "the writer finished before it could be killed"
    assert _integrity(path) == "ok"
    with Store.open(path) as store:
        assert store.stats().documents in (1, 1501)
        assert store.documents(["kept"])[0].text == "Troops crossed the border at dawn."
        store.add([_doc("after", "Ministers met in Geneva.")])  # and it still takes writes
        assert "after" in store.contains(["after"])


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    Store.open(path, create=True).close()
    writers = [_writer(path, prefix, 150) for prefix in ("p", "q")]
    for writer in writers:
        writer.wait(timeout=120)
        assert writer.returncode == 0
    assert _integrity(path) == "ok"
    with Store.open(path) as store:
        assert store.stats().documents == 300
        bad = store._db.execute(
            "SELECT COUNT(*) FROM vocab v WHERE df != (SELECT COUNT(*) FROM term t"
            " WHERE t.term = v.id)"
        ).fetchone()[0]
    assert bad == 0


def test_a_schema_1_store_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    doc = Document("a.txt", "a.txt", "wire", "Officials said 23 people were killed on Monday.")
    with Store.open(path, create=True) as store:
        store.add([doc])
    raw = sqlite3.connect(path)
    raw.executescript("DROP TABLE prepared; PRAGMA user_version = 1;")
    raw.close()
    with Store.open(path) as store:
        assert store.stats().schema == SCHEMA_VERSION
        assert store.documents(["a.txt"]) == [doc]
        assert store.segmentations(["a.txt"], Settings()) == {}  # prepared again when needed
        assert store.claims(["a.txt"]) == {}


def test_a_full_disk_keeps_what_was_stored(tmp_path: Path) -> None:
    """SQLite's page limit stands in for a full disk: the write fails as one transaction."""
    path = tmp_path / "s.sqlite"
    first = Document("a.txt", "a.txt", "wire", "Officials said 23 people were killed on Monday.")
    with Store.open(path, create=True) as store:
        store.add([first])
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages + 2}")
        many = [
            Document(f"n{k}.txt", f"n{k}.txt", "paper", f"Story {k}: " + "words " * 4000)
            for k in range(20)
        ]
        with pytest.raises(StoreError, match="disk is full"):
            store.add(many)
    with Store.open(path) as store:
        assert [e.id for e in store.list()] == ["a.txt"]
        assert store.documents(["a.txt"]) == [first]
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
