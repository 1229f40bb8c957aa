"""The data that flows through dedupe: documents → sentences → pairs → stories → claims →
findings → report.

Everything here is a frozen dataclass so stages can share values without copying and
without one stage changing what another computed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Literal, TypeVar

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


class Positional:
    """Pickled as its class and field values: several times faster than the default for
    slotted dataclasses, and passages, claims and findings come back from worker processes
    by the hundred thousand."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        cls = type(self)
        if cls not in _INIT_FIELDS:
            _INIT_FIELDS[cls] = tuple(f.name for f in fields(cls) if f.init)  # type: ignore[arg-type]
        return cls, tuple(getattr(self, name) for name in _INIT_FIELDS[cls])


_INIT_FIELDS: dict[type, tuple[str, ...]] = {}
_NEWLINE = re.compile("\n")


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text exactly as decoded, plus metadata.

    ``id`` is the path relative to the folder given (POSIX form), or ``FILE#ID`` for a
    record of a JSON/JSONL file. Every offset anywhere in dedupe points into ``text``;
    ``body_start`` is where the article proper begins (after front matter or header lines).
    """

    id: str
    path: str
    source: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    body_start: int = 0
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        starts = self._line_starts or self._index_lines()
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def _index_lines(self) -> tuple[int, ...]:
        # On first use: most documents of an archive never have a position asked for.
        starts = (0, *(match.end() for match in _NEWLINE.finditer(self.text)))
        object.__setattr__(self, "_line_starts", starts)
        return starts

    def span(self, start: int, end: int) -> Span:
        """The `Span` of ``text[start:end]``."""
        line, column = self.position(start)
        return Span(self.id, start, end, line, column, self.text[start:end])


@dataclass(frozen=True, slots=True)
class Span(Positional):
    """A stretch of one document; ``text == document.text[start:end]``."""

    doc: str
    start: int
    end: int
    line: int
    column: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a line that is not one, such as a heading) with its offsets."""

    doc: str
    index: int
    start: int
    end: int
    boilerplate: bool = False


@dataclass(frozen=True, slots=True)
class Pair(Positional):
    """Two passages from different sources that tell the same thing.

    ``links`` holds the (sentence index in a, sentence index in b) alignments inside
    the passage; ``score`` is 0..1, the mean fuzzy similarity of the aligned sentences.
    """

    id: str
    score: float
    a: Span
    b: Span
    links: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Cluster:
    """Near-duplicate documents: one article reprinted with small edits."""

    id: str
    documents: tuple[str, ...]
    overlap: float


@dataclass(frozen=True, slots=True)
class Finding(Positional):
    """One discrepancy between two sources.

    ``id`` is a content fingerprint: it depends on the rule, the two documents and the
    words involved, never on line numbers, so it survives unrelated edits. ``story`` and
    ``slot`` name the story the two articles belong to and the claim whose versions differ
    (None for a finding about no claim, such as a copied article, or between articles of
    no common story).
    """

    id: str
    rule: str
    severity: Severity
    pair: str | None
    a: Span
    b: Span
    message: str
    story: str | None = None
    slot: str | None = None


@dataclass(frozen=True, slots=True)
class Match(Positional):
    """Two claims that are versions of one claim (a link of a story's slot): their kind,
    what they are about (``key``), their spans and readings, and the findings their
    difference raises (none when they agree)."""

    kind: str
    key: str
    a: Span
    b: Span
    value_a: str
    value_b: str
    findings: tuple[Finding, ...] = field(default=())

    @classmethod
    def of(
        cls,
        kind: str,
        key: str,
        sides: tuple[tuple[Span, str], tuple[Span, str]],
        findings: Iterable[Finding] = (),
    ) -> Match:
        """The match of two (span, reading) sides."""
        (a, value_a), (b, value_b) = sides
        return cls(kind, key, a, b, value_a, value_b, tuple(findings))


@dataclass(frozen=True, slots=True)
class Variant(Positional):
    """One reading of a claim in a story: its words as written (``text``, the first
    document's), what dedupe read in it (``value``: "about 10000", "2024-10-28", a
    quote's folded words, a spelling), and where each document that reads so says it."""

    text: str
    value: str
    documents: tuple[str, ...]
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Slot(Positional):
    """One thing claimed in a story (a count, the date of an event, a quotation, a person),
    with every version of it the story's articles give, the most widely given first.

    ``key`` says what the slot is about in a few words ("troops", "Choe Son-hui",
    "killed"); ``kind`` is the claim kind: number, date, quote or name.
    """

    id: str
    kind: str
    key: str
    variants: tuple[Variant, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        """Every document that gives a version, in variant order."""
        return tuple(doc for v in self.variants for doc in v.documents)


@dataclass(frozen=True, slots=True)
class Story(Positional):
    """The articles of several sources about one event, and their claims side by side."""

    id: str
    documents: tuple[str, ...]
    sources: tuple[str, ...]
    slots: tuple[Slot, ...] = ()


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem with the input that did not stop the run (a skipped file, a bad line)."""

    path: str
    message: str
    level: Literal["warning", "note"] = "warning"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


# --- Claims -------------------------------------------------------------------------
# Every claim keeps its exact span in the document (``text == doc.text[start:end]``).

Hedge = Literal[
    "about",  # about, approximately, around, roughly, some (before a figure), an estimated
    "nearly",  # nearly, almost, close to, just under
    "up to",  # up to, as many as
    "at least",  # at least, no fewer than
    "more than",  # more than, over, above, upwards of
    "less than",  # less than, fewer than, under, below
]


@dataclass(frozen=True, slots=True)
class NumberClaim(Positional):
    """A count or quantity: "about 10,000 troops", "several thousand soldiers", "12%".

    ``low``/``high`` bound the stated value before any hedge (equal for an exact figure,
    an interval for a range or a vague amount such as "several thousand" -> 2000..9000).
    ``counted`` is the normalised noun the number counts ("troop"), ``unit`` a unit
    ("%", "USD", "km"), both None when unknown.
    """

    start: int
    end: int
    text: str
    low: float
    high: float
    hedge: Hedge | None = None
    vague: bool = False
    unit: str | None = None
    counted: str | None = None
    counted_span: tuple[int, int] | None = None
    kind: Literal["number"] = "number"


Granularity = Literal["day", "week", "month", "season", "quarter", "year", "decade"]


@dataclass(frozen=True, slots=True)
class DateClaim(Positional):
    """A date or period: "October 25", "Oct. 27-28", "on Friday", "this summer".

    ``first``/``last`` is the inclusive day range it denotes (equal for a single day);
    both None when the date is relative and the article has no date to resolve it.
    """

    start: int
    end: int
    text: str
    first: dt.date | None
    last: dt.date | None
    granularity: Granularity
    relative: bool = False
    kind: Literal["date"] = "date"


@dataclass(frozen=True, slots=True)
class QuoteClaim(Positional):
    """Words in quotation marks; ``start``/``end`` cover the quoted words, marks excluded."""

    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    kind: Literal["quote"] = "quote"


@dataclass(frozen=True, slots=True)
class NameClaim(Positional):
    """A person, organisation or place name; ``name`` has titles stripped."""

    start: int
    end: int
    text: str
    name: str
    category: Literal["person", "organisation", "place", "other"] = "other"
    kind: Literal["name"] = "name"


@dataclass(frozen=True, slots=True)
class AttributionClaim(Positional):
    """Who says so: "the Pentagon said", "the West believes", "according to her".

    ``source`` is the normalised source ("Pentagon", "the West", "US intelligence");
    ``cue`` the reporting verb or phrase ("said", "believes", "according to").
    """

    start: int
    end: int
    text: str
    source: str
    cue: str
    kind: Literal["attribution"] = "attribution"


Claim = NumberClaim | DateClaim | QuoteClaim | NameClaim | AttributionClaim

C = TypeVar("C", NumberClaim, DateClaim, QuoteClaim, NameClaim, AttributionClaim)


def inside(found: Iterable[C], start: int, end: int) -> tuple[C, ...]:
    """The claims of ``found`` that lie inside ``[start, end)``."""
    return tuple(c for c in found if start <= c.start and c.end <= end)
