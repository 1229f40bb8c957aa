"""Writers that turn a `Report` into one output format each, plus the geometry they share.

Every writer is a module of this package exposing ``render(report: Report) -> str``: a pure
function, no printing and no file I/O, so the CLI decides where the text goes. `formats`
lists the writers found in the package and `render` dispatches by name, so a new writer
is picked up by adding its module.

`save_all` writes a run's output files (`report_file`, `text_file`) all or none, each
atomically (a temporary file beside it, renamed into place), and `refuse_overwrites`
refuses, before a run, outputs that would replace its own input.

`Locator.locate` answers the question every CI format asks about a span: which file, and which
lines and columns, start and end. Columns are 1-based and count characters (code points);
the end is exclusive, i.e. the column just after the last character, as SARIF wants.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pkgutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol, TextIO, TypeVar, cast

from dedupe.fileerrors import explain
from dedupe.ingest import SUFFIXES
from dedupe.model import Document, Span
from dedupe.report import Report

# Files whose documents are text extracted from them (HTML main text, JSON records, plain or
# compressed): their offsets count in the extracted text, so they are no positions in the file.
_EXTRACTED_FROM = (".html", ".htm", ".json", ".jsonl", ".ndjson", ".gz", ".xz", ".bz2")


class Writer(Protocol):
    """What a writer module looks like."""

    def render(self, report: Report) -> str:
        """The report in this writer's format."""
        ...


def formats() -> list[str]:
    """Names of the available writers (the modules of this package), sorted."""
    return sorted(
        info.name
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_") and not info.ispkg
    )


def render(report: Report, fmt: str) -> str:
    """``report`` rendered by the writer called ``fmt`` (ValueError for an unknown one)."""
    return _writer(fmt).render(report)


def write(report: Report, fmt: str, stream: TextIO) -> None:
    """`render` into ``stream``; writers that can stream (JSON) never build the whole text."""
    module = _writer(fmt)
    streaming = getattr(module, "write", None)
    if streaming is not None:
        streaming(report, stream)
    else:
        stream.write(module.render(report))


def _writer(fmt: str) -> Writer:
    available = formats()
    if fmt not in available:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(available)}")
    return cast(Writer, importlib.import_module(f"{__name__}.{fmt}"))


class OutputError(ValueError):
    """An output file cannot be written; the message names the path and the fix."""


Fill = Callable[[TextIO], object]


def report_file(
    path: Path, report: Report, fmt: str, show_pairs: bool | None = None
) -> tuple[Path, Fill]:
    """The output file ``path`` holding ``report`` in the format ``fmt``, for `save_all`;
    the ``text`` format lists passage pairs as ``show_pairs`` says (`text.view`)."""
    if fmt != "text":
        return path, partial(write, report, fmt)
    from dedupe.emit import text

    return text_file(path, text.plain(text.view(report, show_pairs)))


def text_file(path: Path, text: str) -> tuple[Path, Fill]:
    """The output file ``path`` holding ``text``, for `save_all`."""
    return path, lambda stream: stream.write(text)


def save_all(outputs: Sequence[tuple[Path, Fill]]) -> None:
    """Write every ``(path, fill)`` output, or none of them.

    Each regular file is first written whole to a temporary file in its own folder; only
    when all are written are they renamed into place, so a failure (a full disk, a
    read-only folder) leaves every earlier file as it was. A symbolic link is followed: the
    file it points to is replaced, the link kept. Targets that are not regular files
    (``/dev/stdout``, a pipe) are written directly, after the others are staged.
    Raises `OutputError` naming the path and what to do.
    """
    direct = [(path, fill) for path, fill in outputs if in_place(path)]
    staged: list[tuple[Path, Path]] = []
    try:
        for path, fill in outputs:
            if (path, fill) not in direct:
                target = Path(os.path.realpath(path))
                staged.append((_stage(target, fill), target))
        for path, fill in direct:
            _guard(path, partial(_fill, path, fill))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, path in staged:
        _guard(path, partial(os.replace, temporary, path))


def in_place(path: Path) -> bool:
    """Whether ``path`` is written directly rather than replaced: it is not a regular file
    or folder (a device, a pipe), or it is one of the system's names for an open stream
    (``/dev/stdout`` names whatever standard output was redirected to, and replacing that
    file would leave the redirection writing into a deleted one)."""
    system = path.parts[1:3] if path.is_absolute() else ()
    if system[:1] == ("proc",) or (system[:1] == ("dev",) and system != ("dev", "shm")):
        return True
    with contextlib.suppress(OSError):
        mode = path.stat().st_mode
        return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))
    return False


def _stage(path: Path, fill: Fill) -> Path:
    """``fill`` written to a new temporary file beside ``path``, flushed to disk."""
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    _guard(path, lambda: path.parent.mkdir(parents=True, exist_ok=True))
    handle, name = _guard(path, lambda: tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent))
    temporary = Path(name)
    try:
        # closing flushes what is buffered, and can itself find the disk full
        _guard(path, partial(_write_to, handle, fill))
        with contextlib.suppress(OSError):  # keep an existing file's permissions
            os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _write_to(handle: int, fill: Fill) -> None:
    """``fill`` written to the open file ``handle``, flushed to disk, and the file closed."""
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        fill(stream)
        stream.flush()
        os.fsync(stream.fileno())


def _fill(path: Path, fill: Fill) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        fill(stream)


T = TypeVar("T")


def _guard(path: Path, call: Callable[[], T]) -> T:
    """``call()``, an `OSError` turned into an `OutputError` that says what to do."""
    try:
        return call()
    except OSError as exc:
        raise OutputError(explain(path, exc, writing=True)) from None


def refuse_overwrites(
    targets: Iterable[Path], inputs: Iterable[Path], protected: Iterable[Path] = ()
) -> None:
    """Raise `OutputError`, before a run starts, for an output that would replace what the
    run reads: an input file (given, or an article file inside a folder given), a file of
    ``protected`` (the store in use, a baseline), another output of the same run, or a
    folder."""
    taken: dict[Path, str] = {}
    for path in protected:
        for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            taken[_real(name)] = f"{path} is in use by this run"
    folders = [_real(p) for p in inputs if p.is_dir()]
    taken.update({_real(p): f"{p} is an input of this run" for p in inputs if not p.is_dir()})
    for target in targets:
        real = _real(target)
        why = taken.get(real) or _inside(real, folders)
        if target.is_dir():
            why = "it is a folder; give a file name"
        if why:
            raise OutputError(f"{target}: will not write there: {why}; write elsewhere")
        taken[real] = f"{target} is already another output of this run"


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inside(real: Path, folders: Sequence[Path]) -> str:
    """Why ``real`` is an input read from one of ``folders`` ("" when it is not)."""
    if not real.is_file() or real.suffix.lower() not in SUFFIXES:
        return ""
    holder = next((f for f in folders if real.is_relative_to(f)), None)
    return f"it is an article read from {holder}" if holder else ""


@dataclass(frozen=True, slots=True)
class Location:
    """Where a span is, in terms a CI tool understands.

    ``path`` is the file (POSIX). ``extracted`` is true when the document's text was
    extracted from the file (the main text of an HTML page, one record of a JSON/JSONL
    file): the lines and columns then count inside that text, and writers must not present
    them as positions in the file.
    """

    path: str
    source: str
    extracted: bool
    start_line: int
    start_column: int
    end_line: int
    end_column: int

    @property
    def single_line(self) -> bool:
        """Whether the span starts and ends on the same line."""
        return self.start_line == self.end_line


class Locator:
    """Positions and sources of spans of one report.

    Built once per rendering: it indexes the documents by id, where `Report.document`
    would rebuild that index on every call.
    """

    def __init__(self, report: Report) -> None:
        self._docs = {doc.id: doc for doc in report.documents}

    def locate(self, span: Span) -> Location:
        """The file and the start and (exclusive) end line/column of ``span``.

        The end comes from the document text when the report carries it; a report read
        back without texts falls back to counting through ``span.text`` from the start.
        """
        doc = self._docs.get(span.doc)
        end_line, end_column = _end(doc, span)
        path = doc.path if doc is not None and doc.path else span.doc
        return Location(
            path=path.replace("\\", "/"),
            source=doc.source if doc is not None else span.doc,
            extracted=path == "-" or path.lower().endswith(_EXTRACTED_FROM),
            start_line=span.line,
            start_column=span.column,
            end_line=end_line,
            end_column=end_column,
        )

    def source(self, doc_id: str) -> str:
        """The outlet a document comes from, or its id when it is not in the report."""
        doc = self._docs.get(doc_id)
        return doc.source if doc is not None else doc_id


def _end(doc: Document | None, span: Span) -> tuple[int, int]:
    # Trust the document only when it really holds the span's text: a report loaded from
    # JSON may have dropped the texts, and then positions must come from the span alone.
    if doc is not None and doc.text[span.start : span.end] == span.text:
        return doc.position(span.end)
    newlines = span.text.count("\n")
    if newlines == 0:
        return span.line, span.column + len(span.text)
    return span.line + newlines, len(span.text) - span.text.rfind("\n")
