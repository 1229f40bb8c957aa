"""The block model of the human report: styled texts, headings, boxes, side-by-side texts
and tables, as plain data. `emit.text` lays reports out in blocks and writes them as plain
text; the command line draws the same blocks in colour.

Article text is made inert on the way in (`clean`, `one_line`): control characters become
spaces, one for one so offsets hold, so no text of an article can move the cursor.
"""

from __future__ import annotations

from dataclasses import dataclass

# Unicode category Cc: the C0 controls, DEL and the C1 controls (U+009B is CSI on some
# terminals). Article text keeps its tabs and line breaks; one-line texts keep nothing.
_CONTROLS = [*range(0x20), 0x7F, *range(0x80, 0xA0)]
_CONTROL = dict.fromkeys((c for c in _CONTROLS if c not in (9, 10)), " ")
_CONTROL_LINE = dict.fromkeys(_CONTROLS, " ")

Mark = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Styled:
    """A text with named styles on stretches of it (start, end, style); ``wrap`` False
    for a line that must stay whole (a ``file:line:col`` reference)."""

    text: str
    marks: tuple[Mark, ...] = ()
    wrap: bool = True

    @classmethod
    def join(cls, *runs: str | tuple[str, str]) -> Styled:
        """Runs one after the other, each plain or (text, style)."""
        text, marks = "", []
        for run in runs:
            piece, style = (run, None) if isinstance(run, str) else run
            if style:
                marks.append((len(text), len(text) + len(piece), style))
            text += piece
        return cls(text, tuple(marks))


@dataclass(frozen=True, slots=True)
class Rule:
    """A line across the page with a title: the start of a section."""

    title: str


@dataclass(frozen=True, slots=True)
class Box:
    """A titled box of (label, value) rows: the summary."""

    title: str
    rows: tuple[tuple[str, Styled], ...]


@dataclass(frozen=True, slots=True)
class SideBySide:
    """Two texts in two columns under their headers."""

    headers: tuple[str, str]
    texts: tuple[Styled, Styled]


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells under a header row."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Styled, ...], ...]


Block = Styled | Rule | Box | SideBySide | Table
BLANK = Styled("")


def clean(text: str) -> str:
    """Article text made inert: control characters become spaces, tabs and line breaks
    stay. One character for one keeps every offset valid for marking."""
    return text.translate(_CONTROL)


def one_line(text: str) -> str:
    """Text for one line: every control character, line breaks too, becomes a space."""
    return text.translate(_CONTROL_LINE)
