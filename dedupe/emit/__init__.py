"""Writers that turn a `Report` into one output format each, plus the geometry they share.

Every writer is a module of this package exposing ``render(report: Report) -> str``: a pure
function, no printing and no file I/O, so the CLI decides where the text goes. `formats`
lists the writers found in the package and `render` dispatches by name, so a new writer
is picked up by adding its module.

`Locator.locate` answers the question every CI format asks about a span: which file, and which
lines and columns, start and end. Columns are 1-based and count characters (code points);
the end is exclusive, i.e. the column just after the last character, as SARIF wants.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Protocol, TextIO, cast

from dedupe.model import Document, Span
from dedupe.report import Report

# Files whose documents are text extracted from them (HTML main text, JSON records): their
# offsets count in the extracted text, so they are no positions in the file.
_EXTRACTED_FROM = (".html", ".htm", ".json", ".jsonl", ".ndjson")


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
            extracted=path.lower().endswith(_EXTRACTED_FROM),
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
