"""Read article records from JSON Lines and JSON-list archives as a stream.

A newsroom's export is one file of many articles (``.jsonl``, ``.ndjson`` or a ``.json``
list), often compressed (``.gz``, ``.xz``, ``.bz2``), or piped in (``-``). It is read record
by record: the archive is never held in memory whole, and a bad record costs only itself.
JSON Lines are split on ``\\n`` alone: a raw U+2028 or U+0085 inside a string (JSON allows
both unescaped) is text, not a line break, as `str.splitlines` would make it.

Each record comes back as a `Record` (its line number and parsed value) or a `Bad` (its
line number and why it was skipped); the caller turns records into documents.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import itertools
import json
import lzma
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

COMPRESSIONS: dict[str, Callable[..., Any]] = {".gz": gzip.open, ".xz": lzma.open, ".bz2": bz2.open}
ARCHIVE_SUFFIXES = {".json", ".jsonl", ".ndjson"}
STDIN = Path("-")
# The longest JSON Lines line read: a record's text is bounded by max_document_bytes
# (20 MB by default) and JSON escapes can take six bytes for one character.
MAX_LINE = 128 << 20
# Bytes read at a time from a JSON list: records are decoded as soon as they are complete.
_CHUNK = 1 << 20

# What a damaged compressed stream raises, by codec (and a file cut short: EOFError).
_STREAM_ERRORS = (OSError, EOFError, lzma.LZMAError, gzip.BadGzipFile)
# What one record can raise besides invalid JSON: nesting deeper than the parser's stack
# (RecursionError), an integer over Python's digit limit (ValueError).
_RECORD_ERRORS = (RecursionError, ValueError)
_NO_COMMA = "invalid JSON (no ',' after the record before); the rest of the list skipped"


@dataclass(frozen=True, slots=True)
class Record:
    """One parsed record and the line it starts on (for a JSON list, its position)."""

    number: int
    value: Any


@dataclass(frozen=True, slots=True)
class Bad:
    """A record that could not be read, with why (one line, the fix where there is one)."""

    number: int
    reason: str


class ArchiveError(Exception):
    """The archive cannot be read on (a damaged compressed stream); records read before it
    were already handed back."""


def kind(path: Path) -> str | None:
    """ ".jsonl", ".ndjson" or ".json" for an archive (compressed or not, or ``-``: JSON
    Lines on standard input), else None."""
    if path == STDIN:
        return ".jsonl"
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] in COMPRESSIONS:
        suffixes.pop()
    inner = suffixes[-1] if suffixes else ""
    return inner if inner in ARCHIVE_SUFFIXES else None


def compressed(path: Path) -> bool:
    """Whether ``path`` names a compressed archive (its size says nothing of its text)."""
    return path.suffix.lower() in COMPRESSIONS


def records(
    path: Path, consumed: Callable[[int], None] | None = None, max_line: int = MAX_LINE
) -> Iterator[Record | Bad]:
    """Every record of the archive at ``path``, in order; ``consumed`` hears how many bytes
    of the file (compressed bytes, for a compressed one) have been read so far. A JSON Lines
    line over ``max_line`` bytes is read past, never held, and reported."""
    with _opened(path) as raw:
        stream = _Counted(raw, consumed)
        try:
            yield from _json_list(stream) if kind(path) == ".json" else _lines(stream, max_line)
        except _STREAM_ERRORS as exc:
            raise ArchiveError(_damage(exc)) from None


@contextmanager
def _opened(path: Path) -> Iterator[IO[bytes]]:
    """The archive's bytes, uncompressed; standard input is read but left open."""
    if path == STDIN:
        yield sys.stdin.buffer
        return
    with COMPRESSIONS.get(path.suffix.lower(), open)(path, "rb") as handle:
        yield handle


def _damage(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "the compressed stream ends early (a cut-off download?); fetch the file again"
    detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return f"damaged compressed stream ({detail}); fetch or compress the file again"


class _Counted:
    """A byte stream that tells ``consumed`` the position of the file underneath."""

    def __init__(self, raw: IO[bytes], consumed: Callable[[int], None] | None) -> None:
        self._raw = raw
        # A compressed file's own position is in uncompressed bytes; its underlying file
        # object (gzip's fileobj, lzma's and bz2's _fp) tells how far the disk read went.
        self._file = getattr(raw, "fileobj", None) or getattr(raw, "_fp", None) or raw
        self._consumed = consumed

    def readline(self, limit: int) -> bytes:
        line = self._raw.readline(limit)
        self._tell()
        return line

    def read(self, size: int) -> bytes:
        data = self._raw.read(size)
        self._tell()
        return data

    def _tell(self) -> None:
        if self._consumed is not None and self._file.seekable():
            self._consumed(self._file.tell())


def _lines(stream: _Counted, max_line: int) -> Iterator[Record | Bad]:
    """JSON Lines: binary lines end at b"\\n" only, so U+2028 inside a string stays."""
    for number in itertools.count(1):
        line = stream.readline(max_line + 1)
        if not line:
            return
        if len(line) > max_line and not line.endswith(b"\n"):
            while (rest := stream.readline(max_line)) and not rest.endswith(b"\n"):
                pass  # the rest of an over-long line, dropped as it is read
            yield Bad(number, f"line over {max_line:,} bytes; skipped (is it JSON Lines?)")
        elif line.strip():
            yield _parsed(number, line)


def _parsed(number: int, line: bytes) -> Record | Bad:
    try:
        return Record(number, json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8")))
    except json.JSONDecodeError as exc:
        return Bad(number, f"invalid JSON ({exc.msg}); line skipped")
    except UnicodeDecodeError as exc:
        return Bad(number, f"not UTF-8 (byte 0x{line[exc.start]:02x}); line skipped")
    except _RECORD_ERRORS as exc:  # too deep, or an integer of more digits than Python reads
        return Bad(number, f"unreadable record ({_why(exc)}); line skipped")


def _first_clause(exc: BaseException) -> str:
    return str(exc).split(";")[0].split(":")[0].strip()


def _json_list(stream: _Counted) -> Iterator[Record | Bad]:
    """A ``.json`` file: a list of records decoded one at a time as the bytes arrive, or a
    single object (then read whole: it is one record)."""
    window = _Window(stream)
    number = 1
    try:
        if window.skip_space() != "[":
            yield _single(window.rest())
            return
        window.advance(1)
        for number in itertools.count(1):
            if window.skip_space() == "]":
                return
            item = window.decode()
            yield replace(item, number=number) if isinstance(item, Bad) else Record(number, item)
            follows = "" if isinstance(item, Bad) else window.skip_space()
            if follows != ",":
                yield from [] if follows in ("]", "") else [Bad(number + 1, _NO_COMMA)]
                return
            window.advance(1)
    except UnicodeDecodeError as exc:
        yield Bad(number, f"not UTF-8 ({exc.reason}); re-save the file as UTF-8")


def _single(text: str) -> Record | Bad:
    """A ``.json`` file holding one object: one record, read whole."""
    if not text.strip():
        return Bad(1, "empty file; skipped")
    try:
        return Record(1, json.loads(text))
    except json.JSONDecodeError as exc:
        return Bad(1, f"invalid JSON at line {exc.lineno}; fix it")
    except _RECORD_ERRORS as exc:
        return Bad(1, f"unreadable JSON ({_why(exc)}); skipped")


class _Window:
    """The undecoded text of a JSON list, refilled from the stream as records are taken."""

    def __init__(self, stream: _Counted) -> None:
        self._stream = stream
        self._decode = codecs.getincrementaldecoder("utf-8-sig")().decode
        self._json = json.JSONDecoder()
        self._text = ""
        self._at = 0

    def _fill(self) -> bool:
        """Read on; False at the end of the stream."""
        data = self._stream.read(_CHUNK)
        self._text = self._text[self._at :] + self._decode(data, not data)
        self._at = 0
        return bool(data)

    def skip_space(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            while self._at < len(self._text) and self._text[self._at] in " \t\r\n":
                self._at += 1
            if self._at < len(self._text):
                return self._text[self._at]
            if not self._fill():
                return ""

    def advance(self, count: int) -> None:
        self._at += count

    def rest(self) -> str:
        while self._fill():
            pass
        return self._text[self._at :]

    def decode(self) -> Any:
        """The next value, or `Bad` (its number set by the caller) when it cannot be read.

        A value cut off by the window's end fails to decode: the window then grows, until
        the value is complete or the stream ends (then the list is broken there)."""
        while True:
            try:
                value, self._at = self._json.raw_decode(self._text, self._at)
                return value
            except json.JSONDecodeError as exc:
                if self._fill():
                    continue
                return Bad(0, f"invalid JSON ({exc.msg}); the rest of the list skipped")
            except _RECORD_ERRORS as exc:
                return Bad(0, f"unreadable record ({_why(exc)}); the rest of the list skipped")


def _why(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return _first_clause(exc)
