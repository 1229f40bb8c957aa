"""Read articles from files and folders into `Document`s.

Formats: ``.txt`` and ``.md`` (optional YAML front matter, or leading header lines such as
``date 2024-11-01``), ``.html`` (main text and metadata extracted by trafilatura), ``.json``
(one article object or a list of them) and ``.jsonl`` (one article per line), the last two
also compressed (``.gz``, ``.xz``, ``.bz2``) and, as ``-``, JSON Lines on standard input.
Archives are read record by record (`dedupe.archives`): ``max_document_bytes`` bounds each
record's text, not the archive.

A file that cannot be read is skipped with a `Diagnostic`; `InputError` is raised only when
the run cannot go on at all (a missing path, nothing readable). The text is kept exactly as
decoded so every offset points into it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from dedupe import archives
from dedupe.config import Settings
from dedupe.model import Diagnostic, Document
from dedupe.workers import tell

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | archives.ARCHIVE_SUFFIXES

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_HEADER_DATE = re.compile(r"[ \t]*date:?[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|[ \t]*\r?\n)", re.I)
_HEADER_LINE = re.compile(r"(source|title|url):?[ \t]+([^\r\n]+)\r?\n", re.I)
_WORD = re.compile(r"\w+")
# Unpaired UTF-16 surrogates (a JSON "\ud800" escape) are not text: no encoder takes them.
_SURROGATE = re.compile("[\ud800-\udfff]")
# A page whose extracted words nearly all occur in its link texts is navigation: with no
# article, trafilatura falls back to the menu. All 2,225 BBC News articles, each set in a page
# with a menu, a few inline links and 40 related headlines, gave shares of 0.27 (median) to
# 0.51; with 300 headlines, at most 0.62 (300 of them). A menu alone gives 1.0.
LINK_SHARE = 0.9


class InputError(Exception):
    """The run cannot go on; the message names the path and the fix."""


@dataclass(frozen=True)
class _Origin:
    """Where a file was found: the path as given and the folder its id is relative to."""

    path: Path
    root: Path | None


def load(
    paths: Sequence[str | os.PathLike[str]], settings: Settings | None = None
) -> tuple[list[Document], list[Diagnostic]]:
    """Read every article under ``paths``; returns the documents and what was skipped."""
    settings = settings or Settings()
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    origins = list(_walk([Path(p) for p in paths], diagnostics))
    read = _Reading(origins)
    for origin in origins:
        documents.extend(_read_file(origin, settings, diagnostics, read.at))
        read.done(origin)
    return _unique(documents, diagnostics), diagnostics


class _Reading:
    """How many MB of the files have been read, for `dedupe.workers.counting`."""

    def __init__(self, origins: Sequence[_Origin]) -> None:
        self._sizes = {origin.path: _size(origin.path) for origin in origins}
        self._total = max(1, _mb(sum(self._sizes.values())))
        self._before = 0

    def at(self, position: int) -> None:
        """The file being read has been read up to byte ``position``."""
        tell("MB read", min(self._total, _mb(self._before + position)), self._total)

    def done(self, origin: _Origin) -> None:
        self._before += self._sizes[origin.path]
        self.at(0)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path != archives.STDIN else 0
    except OSError:
        return 0


def _mb(size: int) -> int:
    return size // 1_000_000


def in_id_order(documents: Sequence[Document]) -> list[Document]:
    """``documents`` sorted by id: the order every engine pairs them in, so the same articles
    give the same pairs, sides and findings whatever order they were read in (ties between
    equally close partners are broken by position, and the earlier document is side a)."""
    return sorted(documents, key=lambda doc: doc.id)


def nothing_readable(
    paths: Sequence[str | os.PathLike[str]], diagnostics: Sequence[Diagnostic]
) -> InputError:
    """The error for a run that read no article, carrying why the files were unusable.

    One skipped file gives its own reason and fix; several give the first reason (a warning
    before a note) and the count, since the per-file lines are lost when the run stops.
    """
    where = ", ".join(map(str, paths))
    if not diagnostics:
        return InputError(
            f"{where}: no readable article found; "
            "give a folder of .txt, .md, .html, .json or .jsonl files"
        )
    first = next((d for d in diagnostics if d.level == "warning"), diagnostics[0])
    if len(diagnostics) == 1:
        return InputError(str(first))
    return InputError(
        f"{where}: no readable article found; {len(diagnostics)} skipped, the first: {first}"
    )


def one_source(
    paths: Sequence[str | os.PathLike[str]], documents: Sequence[Document]
) -> Diagnostic | None:
    """A note when every document comes from one source: no passage can pair across sources."""
    sources = {doc.source for doc in documents}
    if len(sources) != 1:
        return None
    count = (
        "the only document comes" if len(documents) == 1 else f"all {len(documents)} documents come"
    )
    return Diagnostic(
        ", ".join(map(str, paths)),
        f"{count} from one source ({sources.pop()}): nothing to compare across sources; "
        "lay out one folder per outlet or set `source` in the metadata",
        "note",
    )


def _walk(paths: list[Path], diagnostics: list[Diagnostic]) -> Iterator[_Origin]:
    for path in paths:
        if path == archives.STDIN:
            yield _Origin(path, None)
            continue
        if not path.exists():
            raise InputError(f"{path}: no such file or folder; check the path")
        if path.is_dir():
            yield from _walk_folder(path, diagnostics)
        else:
            yield _Origin(path, None)


def _walk_folder(root: Path, diagnostics: list[Diagnostic]) -> Iterator[_Origin]:
    """Files under ``root`` in a stable order; symlinked folders are followed once."""
    seen: set[Path] = set()

    def unlisted(exc: OSError) -> None:
        # os.walk drops a folder it cannot open; say so, or its articles vanish unnoticed.
        where = str(exc.filename or root)
        reason = exc.strerror or type(exc).__name__
        diagnostics.append(
            Diagnostic(where, f"cannot list folder ({reason}); check its permissions")
        )

    for folder, dirs, files in os.walk(root, followlinks=True, onerror=unlisted):
        real = Path(folder).resolve()
        if real in seen:
            diagnostics.append(Diagnostic(folder, "folder visited twice (symlink loop); skipped"))
            dirs.clear()
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith("."):
                continue
            if path.suffix.lower() in SUFFIXES or archives.kind(path):
                yield _Origin(path, root)
            else:
                diagnostics.append(Diagnostic(str(path), "not an article format; skipped", "note"))


def _unique(documents: list[Document], diagnostics: list[Diagnostic]) -> list[Document]:
    seen: set[str] = set()
    out = []
    for doc in documents:
        if doc.id in seen:
            diagnostics.append(Diagnostic(doc.path, f"duplicate document id {doc.id!r}; skipped"))
            continue
        seen.add(doc.id)
        out.append(doc)
    return out


def _read_file(
    origin: _Origin,
    settings: Settings,
    diagnostics: list[Diagnostic],
    consumed: Callable[[int], None] | None = None,
) -> list[Document]:
    path = origin.path
    if archives.kind(path):
        return _archive_documents(origin, settings, diagnostics, consumed)
    try:
        text = _decode(path, settings)
    except _Skip as skip:
        diagnostics.append(Diagnostic(str(path), str(skip)))
        return []
    if path.suffix.lower() in HTML_SUFFIXES:
        html_doc = _html_document(origin, text, settings)
        if html_doc is None:
            diagnostics.append(Diagnostic(str(path), "no main text found in the HTML; skipped"))
            return []
        return [html_doc]
    return [_text_document(origin, text, settings, diagnostics)]


class _Skip(Exception):
    """A file to skip; the message says why and what to do."""


def _decode(path: Path, settings: Settings) -> str:
    try:
        size = path.stat().st_size
        if size > settings.max_document_bytes:
            raise _Skip(_too_big(size, settings))
        data = path.read_bytes()
    except PermissionError:
        raise _Skip("permission denied; make the file readable") from None
    except OSError as exc:
        raise _Skip(f"cannot read ({exc.strerror}); check the file") from None
    if not data.strip():
        raise _Skip("empty file; skipped")
    return _decode_bytes(data)


def _decode_bytes(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise _Skip("binary file (NUL bytes); not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Skip(
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8"
        ) from None


def _text_document(
    origin: _Origin, text: str, settings: Settings, diagnostics: list[Diagnostic]
) -> Document:
    meta, body_start = _front_matter(text, origin.path, diagnostics)
    doc_id = _doc_id(origin)
    return _document(doc_id, origin, text, meta, settings, diagnostics, body_start)


def _front_matter(
    text: str, path: Path, diagnostics: list[Diagnostic]
) -> tuple[dict[str, Any], int]:
    """Metadata and where the body starts: YAML front matter, else header lines."""
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark else ""
            diagnostics.append(
                Diagnostic(str(path), f"front matter is not valid YAML{where}; metadata ignored")
            )
            meta = {}
        return (meta if isinstance(meta, dict) else {}), match.end()
    return _header_lines(text)


def _header_lines(text: str) -> tuple[dict[str, Any], int]:
    meta: dict[str, Any] = {}
    pos = 0
    while True:
        date = _HEADER_DATE.match(text, pos)
        line = None if date else _HEADER_LINE.match(text, pos)
        if date:
            meta["date"], pos = date.group(1), date.end()
        elif line and line.group(1).lower() not in meta:
            meta[line.group(1).lower()], pos = line.group(2).strip(), line.end()
        else:
            return meta, pos


def _html_document(origin: _Origin, html: str, settings: Settings) -> Document | None:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is None:
        return None
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = data.get("text") or ""
    if not text.strip() or _mostly_link_text(text, html):
        return None
    meta = {k: data.get(k) for k in ("title", "date", "url")}
    meta["source"] = data.get("sitename") or data.get("hostname")
    return _document(_doc_id(origin), origin, text, meta, settings, [], 0)


def _mostly_link_text(text: str, html: str) -> bool:
    """Whether nearly every word of ``text`` is a word of some link on the page."""
    words = _WORD.findall(text.casefold())
    links = _LinkWords()
    links.feed(html)
    links.close()
    inside = sum(word in links.words for word in words)
    return inside >= LINK_SHARE * len(words)


class _LinkWords(HTMLParser):
    """The set of words written inside ``<a>`` elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: set[str] = set()
        self._open = 0  # depth of <a> elements; broken HTML may nest or never close them

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open += tag == "a"

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open = max(0, self._open - 1)

    def handle_data(self, data: str) -> None:
        if self._open:
            self.words.update(_WORD.findall(data.casefold()))


def _archive_documents(
    origin: _Origin,
    settings: Settings,
    diagnostics: list[Diagnostic],
    consumed: Callable[[int], None] | None,
) -> list[Document]:
    """The documents of a JSON or JSON Lines archive, read as a stream."""
    path, docs = origin.path, []
    try:
        for item in archives.records(path, consumed):
            if isinstance(item, archives.Bad):
                diagnostics.append(Diagnostic(_where(origin, item.number), item.reason))
                continue
            doc = _json_document(origin, item.number, item.value, settings, diagnostics)
            docs.extend([doc] if doc else [])
    except archives.ArchiveError as exc:
        kept = f"; the {len(docs)} articles before it are kept" if docs else ""
        diagnostics.append(Diagnostic(str(path), f"{exc}{kept}"))
    except OSError as exc:
        diagnostics.append(Diagnostic(str(path), _unreadable(exc)))
    return docs


def _unreadable(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied; make the file readable"
    return f"cannot read ({exc.strerror or exc}); check the file"


def _where(origin: _Origin, number: int) -> str:
    """FILE:LINE of a JSON Lines record; a JSON list's records are counted from 1."""
    if archives.kind(origin.path) == ".json":
        return f"{origin.path} (record {number})"
    return f"{origin.path}:{number}"


def _json_document(
    origin: _Origin,
    number: int,
    record: Any,
    settings: Settings,
    diagnostics: list[Diagnostic],
) -> Document | None:
    where = _where(origin, number)
    text = _record_text(record, settings)
    if not isinstance(text, str):
        diagnostics.append(Diagnostic(where, _no_text(record, settings)))
        return None
    if not text.strip():
        diagnostics.append(Diagnostic(where, "record has empty text; skipped"))
        return None
    if len(text.encode("utf-8", "surrogatepass")) > settings.max_document_bytes:
        diagnostics.append(
            Diagnostic(where, _too_big(len(text.encode("utf-8", "surrogatepass")), settings))
        )
        return None
    doc_id = f"{_doc_id(origin)}#{_record_id(record, number, settings, where, diagnostics)}"
    return _document(doc_id, origin, text, record, settings, diagnostics, 0)


def _record_text(record: Any, settings: Settings) -> Any:
    """The record's text: the first of ``text_fields`` it holds."""
    if not isinstance(record, Mapping):
        return None
    return next((record[k] for k in settings.text_fields if k in record), None)


def _no_text(record: Any, settings: Settings) -> str:
    first, *others = settings.text_fields or ("text",)
    if not isinstance(record, Mapping):
        return f'record is not an object with a "{first}" string; skipped'
    keys = ", ".join(sorted(map(str, record))[:8])
    nor = f"nor {', '.join(others)}; " if others else ""
    return (
        f'record has no "{first}" string ({nor}its fields: {keys}); skipped: '
        "name its text field in text_fields"
    )


def _record_id(
    record: Mapping[str, Any],
    number: int,
    settings: Settings,
    where: str,
    diagnostics: list[Diagnostic],
) -> str:
    """The first of ``id_fields`` the record holds as a string or number, else its number."""
    for key in settings.id_fields:
        value = record.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return str(value)
        if value is not None:
            message = f'"{key}" is not a string or number; the record is numbered {number}'
            diagnostics.append(Diagnostic(where, message))
            break
    return str(number)


def _too_big(size: int, settings: Settings) -> str:
    return (
        f"{size:,} bytes is over max_document_bytes ({settings.max_document_bytes:,}); "
        "split the file or raise the limit"
    )


def _doc_id(origin: _Origin) -> str:
    if origin.root is None:
        return origin.path.as_posix()
    return origin.path.relative_to(origin.root).as_posix()


def _document(
    doc_id: str,
    origin: _Origin,
    text: str,
    meta: Mapping[str, Any],
    settings: Settings,
    diagnostics: list[Diagnostic],
    body_start: int,
) -> Document:
    source = _source(origin, meta, settings)
    if _SURROGATE.search(text):
        message = "unpaired surrogate escapes in the text replaced with U+FFFD"
        diagnostics.append(Diagnostic(doc_id, message))
    return Document(
        id=_valid(doc_id),
        path=origin.path.as_posix(),
        source=source,
        text=_valid(text),
        date=_date(meta.get("date"), str(origin.path), diagnostics),
        title=_str_or_none(meta.get("title")),
        url=_str_or_none(meta.get("url")),
        body_start=body_start,
    )


def _source(origin: _Origin, meta: Mapping[str, Any], settings: Settings) -> str:
    """Metadata first, else the first-level folder under the root, else the file."""
    source = _str_or_none(meta.get("source"))
    if source is None and origin.root is not None:
        parts = origin.path.relative_to(origin.root).parts
        source = parts[0] if len(parts) > 1 else None
    source = source or origin.path.name
    return settings.sources.get(source, source)


def _valid(text: str) -> str:
    """``text`` with each unpaired surrogate replaced by U+FFFD (one character for one, so
    every offset still holds)."""
    return _SURROGATE.sub("\ufffd", text)


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = _valid(str(value)).strip()
    return text or None


def _date(value: Any, where: str, diagnostics: list[Diagnostic]) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parsed = parse_date(str(value))
    if parsed is None:
        diagnostics.append(Diagnostic(where, f"date {value!r} does not parse; date ignored"))
    return parsed


def parse_date(value: str) -> dt.date | None:
    """A metadata date: ISO first, then the forms dateparser knows (M/D/YY, '1 Nov 2024')."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    import dateparser  # slow to import; most metadata dates are ISO

    parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None
