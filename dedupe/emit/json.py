"""The ``dedupe.report/1`` JSON document, for scripts and for ``dedupe report FILE``."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, TextIO

import orjson

from dedupe.report import Report

# Indented as json.dumps(indent=2, ensure_ascii=False) indents: names such as "Zelenskyy"
# or "Київ" stay readable in the file. Keys that are not strings are written as strings,
# as the standard library does.
_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
# How far an item of a top-level list is indented.
_ITEM_INDENT = b"\n    "


def render(report: Report) -> str:
    """The report as indented JSON; keys keep `Report.to_dict`'s order so diffs stay small."""
    buffer = io.StringIO()
    write(report, buffer)
    return buffer.getvalue()


def write(report: Report, stream: TextIO) -> None:
    """`render`'s text written piece by piece: an archive's report is never one string."""
    for chunk in _chunks(report.to_dict()):
        stream.write(chunk.decode("utf-8"))
    stream.write("\n")


def _chunks(data: dict[str, Any]) -> Iterator[bytes]:
    """The top-level object one member at a time, each list one item at a time.

    orjson encodes in compiled code (the standard library's indented encoder is pure
    Python, a fifth of an archive run's time at 10,000 articles); a string never holds a
    raw newline in JSON, so indenting an item is inserting spaces after each newline.
    """
    yield b"{"
    for k, (key, value) in enumerate(data.items()):
        yield (b",\n  " if k else b"\n  ") + orjson.dumps(key) + b": "
        if isinstance(value, list) and value:
            yield b"["
            for n, item in enumerate(value):
                encoded = orjson.dumps(item, option=_OPTIONS).replace(b"\n", _ITEM_INDENT)
                yield (b"," if n else b"") + _ITEM_INDENT + encoded
            yield b"\n  ]"
        else:
            yield orjson.dumps(value, option=_OPTIONS).replace(b"\n", b"\n  ")
    yield b"\n}" if data else b"}"
