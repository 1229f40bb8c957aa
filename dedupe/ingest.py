"""Read articles from files and folders into `Document`s.

Formats: ``.txt`` and ``.md`` (optional YAML front matter, or leading header lines such as
``date 2024-11-01``), ``.html`` (main text and metadata extracted by trafilatura), ``.json``
(one article object or a list of them) and ``.jsonl`` (one article per line), the last two
also compressed (``.gz``, ``.xz``, ``.bz2``) and, as ``-``, JSON Lines on standard input.
Archives are read record by record (`dedupe.archives`): ``max_document_bytes`` bounds each
record's text, not the archive.

A file that cannot be read is skipped with a `Diagnostic`; `InputError` is raised only when
the run cannot go on at all (a missing path, nothing readable). The text is kept exactly as
decoded so every offset points into it. Only regular files are read: a FIFO or a device
found in a folder or given by name is skipped with a note, as reading it may never end.

Encodings are told by rule, not guessed, so an 8-bit file is never read as the wrong text:

- A UTF-32 or UTF-16 byte order mark gives the encoding, and the file must decode strictly.
  UTF-16 or UTF-32 text must also hold a character below U+0100 (a space, a line break, a
  digit, a Latin letter) and no control character but tab, line breaks and form feed: an
  8-bit file that happens to begin with the bytes FF FE decodes to none of these.
- A file with NUL bytes and no mark is UTF-16 when it passes the same test in the byte order
  that gives the more spaces and line breaks (little-endian on a tie), else it is binary.
- Anything else is UTF-8, with or without its mark. Other encodings (Latin-1, cp1252, …) are
  skipped with the fix: re-save the file as UTF-8.

Front matter is YAML without aliases (a few hundred bytes of them expand to gigabytes) and
nested at most `FRONT_MATTER_DEPTH` deep; its timestamps are read by `parse_date` like any
other date. A metadata field of the wrong type (a list or mapping where text is wanted) is
dropped with a warning, never written out as its Python repr.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import ftfy
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
# A desk or medium that a source label names in parentheses ("ABC News (Online)", "New
# York Post (Opinion)"): the outlet itself, which must never be compared with itself as if
# it were another source. Other parentheses name something else ("The Observer (New
# York)", a columnist's "(Wall Street Journal)") and stay.
_DESK = re.compile(
    r"\s*\((?:online(?: news)?|web(?: news)?|news|opinions?|editorials?|blogs?)\)\s*$", re.I
)
# A page whose extracted words nearly all occur in its link texts is navigation: with no
# article, trafilatura falls back to the menu. All 2,225 BBC News articles, each set in a page
# with a menu, a few inline links and 40 related headlines, gave shares of 0.27 (median) to
# 0.51; with 300 headlines, at most 0.62 (300 of them). A menu alone gives 1.0.
LINK_SHARE = 0.9
# Real front matter is two or three levels deep; deeper nesting is refused well before the
# YAML composer's recursion would reach Python's limit.
FRONT_MATTER_DEPTH = 50
# Byte order marks that give a wide encoding; the UTF-32-LE mark begins with UTF-16-LE's.
_WIDE_MARKS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Controls no article holds: all of C0 and C1 but tab, line feed, vertical tab, form feed, CR.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LOW = re.compile("[\x00-\xff]")
_BREAKS = re.compile("[ \t\n\r]")
# An ISO date and the time written after it; the rest (fractions, zone) is not checked.
_ISO_DATE_TIME = re.compile(r"(\d{4}-\d\d-\d\d)(?:(?:[Tt]|[ \t]+)(\d\d):(\d\d)(?::(\d\d))?)?")


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
        elif _regular(path, diagnostics):
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
            if path.suffix.lower() not in SUFFIXES and not archives.kind(path):
                diagnostics.append(Diagnostic(str(path), "not an article format; skipped", "note"))
            elif _regular(path, diagnostics):
                yield _Origin(path, root)


_SPECIAL_FILES = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def _regular(path: Path, diagnostics: list[Diagnostic]) -> bool:
    """Whether ``path`` may be read; a FIFO or a device is noted and skipped, as reading it
    may wait for ever (a FIFO with no writer) or never end (/dev/zero)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return True  # reading fails too, and its warning says why (a symlink loop, ...)
    if stat.S_ISREG(mode):
        return True
    kind = _SPECIAL_FILES.get(stat.S_IFMT(mode), "a special file")
    diagnostics.append(Diagnostic(str(path), f"{kind}, not a regular file; skipped", "note"))
    return False


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
    text = _decode_bytes(data)
    if not text.strip():
        raise _Skip("empty file; skipped")
    return text


def _decode_bytes(data: bytes) -> str:
    """The text of a file, by the rules in the module docstring."""
    for mark, codec in _WIDE_MARKS:
        if data.startswith(mark):
            return _decode_wide(data, len(mark), codec)
    if b"\x00" in data[:8192]:
        return _utf16_without_mark(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Skip(
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8"
        ) from None


def _decode_wide(data: bytes, start: int, codec: str) -> str:
    """``data[start:]`` in ``codec``, which the byte order mark before ``start`` named."""
    name = codec[:6].upper()
    not_wide = _Skip(
        f"begins with a {name} byte order mark but is not {name} text "
        "(an 8-bit file?); re-save the file as UTF-8"
    )
    try:
        text = data[start:].decode(codec)
    except UnicodeDecodeError as exc:
        if b"\x00" not in data[start:]:  # ÿþ and Latin-1 text, of odd length
            raise not_wide from None
        raise _Skip(
            f"not valid {name} ({exc.reason} at offset {start + exc.start}); "
            "re-save the file as UTF-8"
        ) from None
    if not _wide_text(text):
        raise not_wide
    return text


def _utf16_without_mark(data: bytes) -> str:
    """UTF-16 with no byte order mark, in the byte order that gives the more spaces and line
    breaks (little-endian on a tie); else binary. In the wrong order a line break is U+0A00."""
    head = data[:8192]
    codec = max(
        ("utf-16-le", "utf-16-be"), key=lambda c: len(_BREAKS.findall(head.decode(c, "replace")))
    )
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        text = ""
    if not _wide_text(text):
        raise _Skip("binary file (NUL bytes); not an article")
    return text


def _wide_text(text: str) -> bool:
    """Whether UTF-16 or UTF-32 decoding gave text: some character below U+0100, no control."""
    return _LOW.search(text) is not None and _CONTROL.search(text) is None


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
    if not match:
        return _header_lines(text)
    try:
        meta = yaml.load(match.group(1), Loader=_FrontMatterLoader)
    except (yaml.YAMLError, ValueError) as exc:
        diagnostics.append(Diagnostic(str(path), f"front matter {_yaml_problem(exc)}"))
        meta = {}
    return (meta if isinstance(meta, dict) else {}), match.end()


def _yaml_problem(exc: yaml.YAMLError | ValueError) -> str:
    """What is wrong with front matter that could not be loaded, and what happens."""
    # Lines count from 1 and from the opening "---", YAML's marks from 0 and after it: + 2.
    if isinstance(exc, _Refused):
        return f"{exc.problem} (line {exc.line + 2}); metadata ignored; {exc.fix}"
    if isinstance(exc, ValueError):  # a value YAML cannot build, such as a 5,000-digit int
        reason = str(exc).split(":")[0]  # without Python's advice on sys.set_int_max_str_digits
        return f"holds a value that cannot be read ({reason}); metadata ignored"
    mark = getattr(exc, "problem_mark", None)
    where = f" (line {mark.line + 2})" if mark else ""
    return f"is not valid YAML{where}; metadata ignored"


class _Refused(yaml.YAMLError):
    """Valid YAML that front matter may not hold: ``problem`` says why, ``fix`` what to do,
    ``line`` where (from 0, in the front matter)."""

    def __init__(self, problem: str, fix: str, line: int) -> None:
        super().__init__(problem)
        self.problem, self.fix, self.line = problem, fix, line


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML that refuses aliases and deep nesting, and keeps timestamps as text."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in the stubs
        line = event.start_mark.line
        if isinstance(event, yaml.AliasEvent):
            # Aliases let 428 bytes build a value of billions of strings (54 s, 3.2 GB).
            raise _Refused(
                "uses a YAML alias (*name), which is refused",
                "write the value out in full",
                line,
            )
        if self._depth >= FRONT_MATTER_DEPTH:
            raise _Refused(
                f"is nested more than {FRONT_MATTER_DEPTH} levels deep",
                "flatten it",
                line,
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# A timestamp stays text, so `parse_date` checks it like a date from any other source: YAML's
# own constructor raises ValueError on 2024-02-30, which would lose all the metadata.
def _timestamp_text(loader: _FrontMatterLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_text)


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
    path, docs, said = origin.path, [], list[Diagnostic]()
    # JSON escapes take up to six bytes a character; the rest of a record is metadata.
    max_line = 6 * settings.max_document_bytes + (1 << 20)
    try:
        for item in archives.records(path, consumed, max_line):
            if isinstance(item, archives.Bad):
                said.append(Diagnostic(_where(origin, item.number), item.reason))
                continue
            doc = _json_document(origin, item.number, item.value, settings, said)
            docs.extend([doc] if doc else [])
    except archives.ArchiveError as exc:
        kept = f"; the {len(docs)} articles before it are kept" if docs else ""
        said.append(Diagnostic(str(path), f"{exc}{kept}"))
    except OSError as exc:
        said.append(Diagnostic(str(path), _unreadable(exc)))
    if not docs and not said:
        said.append(Diagnostic(str(path), "no records in the archive (empty?); skipped"))
    diagnostics.extend(_at_most(said, path))
    return docs


# Warnings kept per archive: an export whose every record lacks the text field would
# otherwise print one line for each of its 37,554 records.
RECORD_WARNINGS = 20


def _at_most(said: list[Diagnostic], path: Path) -> list[Diagnostic]:
    if len(said) <= RECORD_WARNINGS:
        return said
    more = len(said) - RECORD_WARNINGS + 1
    last = said[-1]  # a damaged stream is said last; keep it
    summary = Diagnostic(str(path), f"{more} more records skipped or warned about, not listed")
    return [*said[: RECORD_WARNINGS - 2], summary, last]


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
    """The first of ``id_fields`` the record holds, as text, else its position in the file."""
    key = next((k for k in settings.id_fields if record.get(k) is not None), None)
    if key is None:
        return str(number)
    instead = f"the record's position ({number}) is its id"
    text = _field_text(record, key, where, diagnostics, instead)
    return text.strip() if text and text.strip() else str(number)


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
    # Warnings name the file, and the record after "#" when the file holds several.
    where = str(origin.path) + doc_id.removeprefix(_doc_id(origin))
    source = _source(origin, meta, settings, where, diagnostics)
    if _SURROGATE.search(text):
        message = "unpaired surrogate escapes in the text replaced with U+FFFD"
        diagnostics.append(Diagnostic(doc_id, message))
    return Document(
        id=_valid(doc_id),
        path=origin.path.as_posix(),
        source=source,
        text=_valid(text),
        date=_date(meta, where, diagnostics),
        title=_title(meta, where, diagnostics),
        url=_str_or_none(meta, "url", where, diagnostics),
        body_start=body_start,
    )


def _title(meta: Mapping[str, Any], where: str, diagnostics: list[Diagnostic]) -> str | None:
    """The title, its mojibake undone ("ObamaÃ¢â‚¬â„¢s" is "Obama’s" encoded twice, as
    scraped archives store many titles). Only the title: the text keeps every character
    as read, so that offsets point into the file."""
    title = _str_or_none(meta, "title", where, diagnostics)
    return ftfy.fix_encoding(title) if title else title


def _source(
    origin: _Origin,
    meta: Mapping[str, Any],
    settings: Settings,
    where: str,
    diagnostics: list[Diagnostic],
) -> str:
    """Metadata first, else the first-level folder under the root, else the file."""
    source = _str_or_none(meta, "source", where, diagnostics)
    if source is None and origin.root is not None:
        parts = origin.path.relative_to(origin.root).parts
        source = parts[0] if len(parts) > 1 else None
    source = source or origin.path.name
    if source in settings.sources:
        return settings.sources[source]
    named = outlet(source)
    return settings.sources.get(named, named)


def outlet(label: str) -> str:
    """The outlet a source label names: "ABC News (Online)" and "ABC News" are one."""
    return _DESK.sub("", label) or label


def _valid(text: str) -> str:
    """``text`` with each unpaired surrogate replaced by U+FFFD (one character for one, so
    every offset still holds)."""
    return _SURROGATE.sub("\ufffd", text)


def _str_or_none(
    meta: Mapping[str, Any], field: str, where: str, diagnostics: list[Diagnostic]
) -> str | None:
    """The text of a metadata field, stripped; None when it is missing, blank or unusable."""
    text = _field_text(meta, field, where, diagnostics)
    return (_valid(text).strip() or None) if text is not None else None


def _field_text(
    meta: Mapping[str, Any],
    field: str,
    where: str,
    diagnostics: list[Diagnostic],
    instead: str | None = None,
) -> str | None:
    """A metadata field as text: a string, or a number written out (``title: 12``). A list
    or a mapping is no text: its Python repr would pass for a title, a source or a date."""
    value = meta.get(field)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        try:
            return str(value)
        except ValueError:  # an int over Python's 4,300 digits (YAML reads long hex ones)
            kind = "a number too long to write out"
    elif isinstance(value, Mapping):
        kind = "a mapping"
    elif isinstance(value, list):
        kind = "a list"
    else:  # a set or bytes, from YAML's !!set and !!binary
        kind = f"a {type(value).__name__} value"
    instead = instead or f"{field} ignored"
    diagnostics.append(Diagnostic(where, f"{field} is {kind}, not text; {instead}"))
    return None


def _date(meta: Mapping[str, Any], where: str, diagnostics: list[Diagnostic]) -> dt.date | None:
    value = _field_text(meta, "date", where, diagnostics)
    if value is None or value == "":
        return None
    parsed = parse_date(value)
    if parsed is None:
        diagnostics.append(Diagnostic(where, f"date {value!r} does not parse; date ignored"))
    return parsed


def parse_date(value: str) -> dt.date | None:
    """A metadata date: ISO first, then the forms dateparser knows (M/D/YY, '1 Nov 2024').

    An ISO date or time that cannot be (2024-02-30, 2024-11-01 25:61) is None: no other
    reading of it is more likely to be right."""
    value = value.strip()
    iso = _ISO_DATE_TIME.match(value)
    if iso:
        return _iso_date(*iso.groups())
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    import dateparser  # slow to import; most metadata dates are ISO

    parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None


def _iso_date(day: str, hour: str | None, minute: str | None, second: str | None) -> dt.date | None:
    """The date of an ISO date and optional time, or None when either cannot be."""
    try:
        if hour is not None:
            # A leap second (:60) is a real time, which datetime.time does not take.
            dt.time(int(hour), int(minute or 0), min(int(second or 0), 59))
        return dt.date.fromisoformat(day)
    except ValueError:
        return None
