"""number-mismatch, number-qualifier and number-update: the figures of paired passages.

Figures of the same kind are matched by value first (the same value hedged differently is
a qualifier finding, and a matched figure credited to two different sources an
attribution one, `attribution.credit`); a lone pair left over may conflict when said in
the same words. Between articles of one story every figure is compared so; between
articles of no common story only a sentence copied with just its figure changed is
(templated copy, such as earnings tables, pairs across stories, and its figures are not
meant to agree). A copied sentence with only its figure changed is always the same claim
changed: no guard silences it, nor does it matter whether the number grammar reads the
changed numeral as a count (a time of day "9 a.m.", a label "Amendment 64" are compared
there too, unless the sentence is a line a few words long or a counter the article repeats
with other digits, "Hide Caption 2 of 11").

Outside a copied sentence, two spans of time ("10 years", "three years") are one claim
only in sentences that tell one fact (what a span measures is said by the rest of its
sentence), and two values of a running count (the dead, the injured, homes without
power) are number-update, not number-mismatch: such counts change as a story develops.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from dedupe.checks.attribution import credit
from dedupe.checks.evidence import (
    ONE_FACT,
    SURE_PAIR,
    DocumentPair,
    Placed,
    Side,
    another_of_a_kind,
    finding,
    likeness,
    named_apart,
    told_apart,
)
from dedupe.claims.numbers import TIME_NOUNS, extract_numbers, same_kind
from dedupe.model import Finding, Match, NumberClaim, Pair
from dedupe.normalize import fold


def check(docs: DocumentPair) -> Iterator[Match]:
    """The figures of every passage pair that are versions of one figure, with the
    findings their differences raise."""
    for pair, a, b in docs.passages:
        yield from _numbers(docs, pair, a, b)
        yield from _numerals(docs, pair, a, b)


class _Numeral(NamedTuple):
    """Digits that no grammar reads as a count or a date: a time ("9 a.m."), a label
    ("Amendment 64", "No. 2"), a model ("Robocop 2")."""

    start: int
    end: int
    text: str


# Digits standing alone, with the "a.m."/"p.m." of a time of day.
_NUMERAL = re.compile(r"(?<![\w.,:])\d+(?:[.,:]\d+)*(?:\s?[ap]\.m\.|\s?[ap]m\b|(?!\w))(?![,.:]?\d)")
# Words of a copied sentence around a numeral, from which it is a sentence and not a line
# such as "Update at 3:15 p.m. ET", which every live blog repeats with its own time.
_FRAME_WORDS = 6


def _numerals(docs: DocumentPair, pair: Pair, a: Side, b: Side) -> Iterator[Match]:
    """A sentence copied with only a numeral changed that no grammar reads (a time, a
    label): the same claim changed, whatever the numeral is."""
    copies = docs.copied(a, b, _loose_numerals(a), _loose_numerals(b))
    for x, y in copies.items():
        if _digits(x.text) == _digits(y.text) or a.frame(x.start, x.end) < _FRAME_WORDS:
            continue
        if _counter(a, x) or _counter(b, y):
            continue
        span_x, span_y = a.at(x.start, x.end), b.at(y.start, y.end)
        message = f'"{x.text}" vs "{y.text}": the figures do not agree'
        found = finding("number-mismatch", pair, span_x, span_y, message, (a.doc, b.doc))
        yield Match.of("number", "figure", ((span_x, x.text), (span_y, y.text)), [found])


def _loose_numerals(side: Side) -> list[_Numeral]:
    """The numerals of a passage outside its figures, dates and quotes (which their own
    checks compare)."""
    claims = side.claims
    compared: tuple[Placed, ...] = (*claims.numbers, *claims.dates, *claims.quotes)
    taken = [(c.start, c.end) for c in compared]
    text, span = side.doc.text, side.span
    return [
        _Numeral(m.start(), m.end(), m.group())
        for m in _NUMERAL.finditer(text, span.start, span.end)
        if not any(start < m.end() and m.start() < end for start, end in taken)
    ]


def _counter(side: Side, numeral: _Numeral) -> bool:
    """Whether the sentence of a numeral recurs in its article with other digits: a
    counter or a list ("Hide Caption 1 of 11", "Hide Caption 2 of 11"), not a claim."""
    start, end = side.sentence_at(numeral.start)
    pieces = re.split(r"\d+", side.doc.text[start:end])
    shape = re.compile(r"\d+".join(map(re.escape, pieces)))
    return len(shape.findall(side.doc.text)) > 1


def _digits(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def reading(claim: NumberClaim) -> str:
    """What a figure says, as its slot's variants compare it: hedge, value, unit."""
    value = f"{claim.low:g}" if claim.low == claim.high else f"{claim.low:g}-{claim.high:g}"
    parts = [claim.hedge or "", value, claim.unit or "", "(vague)" if claim.vague else ""]
    return " ".join(p for p in parts if p)


def _match(a: Side, b: Side, x: NumberClaim, y: NumberClaim, found: Iterable[Finding]) -> Match:
    key = x.counted or y.counted or x.unit or y.unit or "figure"
    sides = ((a.at(x.start, x.end), reading(x)), (b.at(y.start, y.end), reading(y)))
    return Match.of("number", key, sides, found)


_HEDGE_WORDS = {
    None: "exact",
    "about": '"about"',
    "nearly": '"nearly"',
    "up to": '"up to"',
    "at least": '"at least"',
    "more than": '"more than"',
    "less than": '"less than"',
}


def admitted(claim: NumberClaim) -> tuple[float, float]:
    """The values a claim allows, given its hedge and the precision it is written with."""
    low, high = claim.low, claim.high
    if claim.vague:
        return low, high
    slack = _rounding(high)
    bounds = {
        None: (low - slack, high + slack),
        "about": (low * 0.85, high * 1.15),
        "nearly": (low * 0.85, high),
        "up to": (0.0, high + slack),
        "at least": (low - slack, math.inf),
        "more than": (low, math.inf),
        "less than": (0.0, high),
    }
    return bounds[claim.hedge]


def _rounding(value: float) -> float:
    """How far a written figure may be from the true one because it was rounded.

    Half a unit of the last significant digit ("1.2 million" stands for 1.15..1.25 million,
    "1,200" for 1,150..1,250), but never more than 5% of the value: "10,000" is not a
    rounding of 12,000.
    """
    return min(0.5 * _unit(value), 0.05 * abs(value))


def _unit(value: float) -> float:
    """The unit of a written figure's last significant digit (1 for "2,352", 0.1 for
    "1.2 million" in millions, 1,000 for "12,000")."""
    if value == 0 or not math.isfinite(value):
        return 0.0
    digits = f"{abs(value):.15g}".replace(".", "").rstrip("0").lstrip("0")
    magnitude = math.floor(math.log10(abs(value)))
    return 10.0 ** (magnitude - max(len(digits), 1) + 1)


def _overlap(x: tuple[float, float], y: tuple[float, float]) -> bool:
    return (x[0] < y[1] and y[0] < x[1]) or x == y


# Most a cut figure falls short of the exact one, as a share of it.
_CUT_SHARE = 0.01


def _cut(x: NumberClaim, y: NumberClaim) -> bool:
    """Whether exact ``x`` is ``y`` written with its last digits cut rather than rounded:
    "2,352 points" for "2,352.60 points". Writers cut only decimals, and only of large
    figures, so never by 1% or more: "45 percent" is no cut of 45.9 percent, nor "1,200"
    of 1,201."""
    if x.hedge or y.hedge or x.low != x.high or y.low != y.high:
        return False
    kept = _decimals(x.low)
    if _decimals(y.low) <= kept:
        return False
    gap = y.low - x.low
    return 0 < gap < min(10.0**-kept, _CUT_SHARE * abs(x.low))


def _decimals(value: float) -> int:
    """How many decimals a written figure has (0 for "2,352" and for "12,000")."""
    unit = _unit(value)
    return max(0, -math.floor(math.log10(unit))) if unit else 0


def _agree(x: NumberClaim, y: NumberClaim) -> bool:
    """Whether two figures can both be true: their admitted values overlap, or one is the
    other cut short."""
    return _overlap(admitted(x), admitted(y)) or _cut(x, y) or _cut(y, x)


def _numbers(docs: DocumentPair, pair: Pair, a: Side, b: Side) -> Iterator[Match]:
    """Same-kind figures: matched by value first; a lone pair left over may conflict."""
    left, right = list(a.claims.numbers), list(b.claims.numbers)
    copies = {x: y for x, y in docs.copied(a, b, left, right).items() if _comparable(x, y)}
    for x in list(left):
        copy = copies.get(x)
        if copy is not None and not _same_value(x, copy):
            # its sentence is copied with the figure changed: a figure of that value
            # elsewhere on the other side is another mention, not its version
            continue
        twins = [y for y in right if same_kind(x, y) and _same_value(x, y)]
        if not docs.comparable:
            twins = [y for y in twins if copy is y or _edited(docs, a, b, x, y)]
        if not twins:
            continue
        # Of several, the one said in the most alike words: a figure given for two places
        # is the twin of the other side's figure for the same place.
        same = twins[0] if len(twins) == 1 else _closest(a, b, x, twins)
        left.remove(x)
        right.remove(same)
        yield _match(a, b, x, same, _qualifier(pair, a, b, x, same))
    for x in left:
        copy = copies.get(x)
        copied = copy is not None and copy in right
        twin = copy if copied else _rival(docs, a, b, x, left, right)
        if twin is not None and (copied or not _told_both(docs, x, twin)):
            found = list(_conflict(pair, a, b, x, twin, copied))
            if found or copied or _said_alike(pair, a, b, x, twin):
                yield _match(a, b, x, twin, found)


def _rival(
    docs: DocumentPair,
    a: Side,
    b: Side,
    x: NumberClaim,
    left: list[NumberClaim],
    right: list[NumberClaim],
) -> NumberClaim | None:
    """The other side's version of ``x``: only between articles of one story, or in a copy
    of its sentence edited."""
    if not docs.comparable:
        return _edited_copy(docs, a, b, x, left, right)
    if _bare(x):
        # A figure that counts nothing named is compared only inside a copied sentence.
        rivals = [y for y in right if _bare(y) and y.unit == x.unit]
        mates = [z for z in left if _bare(z) and z.unit == x.unit]
        return _twin_in_context(a, b, x, rivals, mates, 0.6) if rivals else None
    # Nor is a figure of something named the version of one that names nothing.
    rivals = [y for y in right if same_kind(x, y) and not _bare(y)]
    mates = [z for z in left if same_kind(x, z) and not _bare(z)]
    if len(rivals) == 1 and len(mates) == 1:
        return rivals[0]
    return _twin_in_context(a, b, x, rivals, mates, 0.5)


# Word likeness from which the sentence of a figure is the other's copied and edited
# ("released earlier this month, 24 percent" / "released last month, 25 percent").
EDITED_COPY = 0.8


def _edited_copy(
    docs: DocumentPair,
    a: Side,
    b: Side,
    x: NumberClaim,
    left: list[NumberClaim],
    right: list[NumberClaim],
) -> NumberClaim | None:
    """The figure of ``x``'s sentence copied and edited on the other side: compared however
    far apart the articles are, as an exact copy is, when it is the one figure of the
    sentence changed (a line with all its figures new is a form filled in anew)."""
    if sum(a.sentence_of(z) == a.sentence_of(x) for z in left) != 1:
        return None
    rivals = [y for y in right if same_kind(x, y) and _edited(docs, a, b, x, y)]
    return rivals[0] if len(rivals) == 1 else None


def _edited(docs: DocumentPair, a: Side, b: Side, x: NumberClaim, y: NumberClaim) -> bool:
    """Whether the sentences of ``x`` and ``y`` are one copied and edited: not a template,
    nor a standing line of articles months apart (a pollster's "interviews with 1,027
    registered voters" of each month's poll)."""
    return not docs.apart and not docs.template(a, x.start) and likeness(a, b, x, y) >= EDITED_COPY


def _told_both(docs: DocumentPair, x: NumberClaim, y: NumberClaim) -> bool:
    """Whether one article gives both figures, each as often as the other article gives
    it: then they are two things it tells (a first estimate and a new one, a part and the
    whole, an offer and the counteroffer), and ``x``'s version is elsewhere, not ``y``.
    For a figure of a telling value (`_telling`) the whole article counts, not only its
    paired passages: the other figure is often a paragraph away ("overall manufacturing
    jobs fell 7,000" above "a loss of 12,000 jobs in food manufacturing")."""
    (in_a, in_b), (of_a, of_b) = _looked_among(docs, x), _looked_among(docs, y)
    return _gives(in_b, x) >= _gives(in_a, x) or _gives(of_a, y) >= _gives(of_b, y)


def _looked_among(
    docs: DocumentPair, figure: NumberClaim
) -> tuple[Sequence[NumberClaim], Sequence[NumberClaim]]:
    """The figures of the two articles among which ``figure``'s value is looked for: all
    of them for a telling value, those of the paired passages for another."""
    if _telling(figure):
        return _figures(docs.a.text), _figures(docs.b.text)
    return docs.claims_a.numbers, docs.claims_b.numbers


def _telling(figure: NumberClaim) -> bool:
    """Whether a figure's value tells it apart from others: a whole count under 100 ("two
    years ago", "three people") recurs by chance in any long article; a larger or a
    fractional one ("7,000 jobs", "$10.10") seldom does."""
    return figure.high >= 100 or not figure.low.is_integer()


@functools.lru_cache(maxsize=256)
def _figures(text: str) -> tuple[NumberClaim, ...]:
    """The figures of a whole article (an article is in many pairs: read it once)."""
    return tuple(extract_numbers(text))


def _gives(claims: Iterable[NumberClaim], figure: NumberClaim) -> int:
    """How often ``claims`` give ``figure``'s value in its unit, of what it counts or of
    nothing named ("manufacturing jobs fell 7,000" gives "7,000 jobs")."""
    return sum(
        z.unit == figure.unit and z.counted in (figure.counted, None) and _same_value(z, figure)
        for z in claims
    )


def _comparable(x: NumberClaim, y: NumberClaim) -> bool:
    """Whether two figures of one copied sentence are one figure changed: the same unit, or
    neither counting anything named."""
    return x.unit == y.unit or _bare(x) == _bare(y)


def _closest(a: Side, b: Side, x: NumberClaim, candidates: list[NumberClaim]) -> NumberClaim:
    """The candidate whose surrounding words share the most with ``x``'s (the first on ties)."""
    here = a.context(x.start, x.end)
    return max(candidates, key=lambda y: _likeness(here, b.context(y.start, y.end)))


def _likeness(one: set[str], other: set[str]) -> float:
    """Jaccard likeness of two context word sets."""
    return len(one & other) / max(1, len(one | other))


def _bare(claim: NumberClaim) -> bool:
    """A figure that counts nothing named: a plain number, or a share ("48 percent") that
    does not say of what (a poll gives many, each of another group)."""
    unnamed = claim.counted is None and (claim.unit is None or claim.unit in _SHARES)
    return unnamed and not claim.vague


_SHARES = frozenset({"%", "pp"})


def _twin_in_context(
    a: Side,
    b: Side,
    x: NumberClaim,
    rivals: list[NumberClaim],
    mates: list[NumberClaim],
    needed: float,
) -> NumberClaim | None:
    """Among several figures (a long copied passage), the one said in the same words as
    ``x``: each other's best context match, sharing at least ``needed`` of their words."""
    if not rivals:
        return None
    here = a.context(x.start, x.end)
    scored = sorted(
        ((_likeness(here, b.context(y.start, y.end)), k) for k, y in enumerate(rivals)),
        reverse=True,
    )
    best, k = scored[0]
    if best < needed or (len(scored) > 1 and scored[1][0] == best):
        return None
    there = b.context(rivals[k].start, rivals[k].end)
    if any(_likeness(a.context(z.start, z.end), there) >= best for z in mates if z is not x):
        return None
    return rivals[k]


# Words that make a figure count some beyond those already told of: "18 more", "two other".
_BESIDES = frozenset({"other", "others", "more", "additional", "further", "extra"})


def _besides(claim: NumberClaim) -> bool:
    """Whether a figure counts others besides some already told of (its hedge aside)."""
    words = claim.text.lower().replace("more than", " ").split()
    return not _BESIDES.isdisjoint(words)


def _same_value(x: NumberClaim, y: NumberClaim) -> bool:
    return math.isclose(x.low, y.low, rel_tol=1e-9) and math.isclose(x.high, y.high, rel_tol=1e-9)


def _qualifier(pair: Pair, a: Side, b: Side, x: NumberClaim, y: NumberClaim) -> Iterator[Finding]:
    if x.hedge != y.hedge or x.vague != y.vague:
        if x.vague != y.vague:
            how = "one exact, one vague"
        else:
            how = f"hedged {_HEDGE_WORDS[x.hedge]} vs {_HEDGE_WORDS[y.hedge]}"
        message = f'"{x.text}" vs "{y.text}": the same figure, {how}'
        yield finding(
            "number-qualifier",
            pair,
            a.at(x.start, x.end),
            b.at(y.start, y.end),
            message,
            (a.doc, b.doc),
        )
    yield from credit(pair, a, b, x.start, y.start, x.text)


def _said_alike(pair: Pair, a: Side, b: Side, x: NumberClaim, y: NumberClaim) -> bool:
    """Whether two figures are said of one subject: the passages are surely paired and the
    words around the two figures are largely the same; otherwise they are likely two
    different counts."""
    cx, cy = a.context(x.start, x.end), b.context(y.start, y.end)
    if pair.score < SURE_PAIR or len(cx & cy) < 0.3 * max(1, len(cx | cy)):
        return False
    if _span_of_time(a, x) and _span_of_time(b, y) and likeness(a, b, x, y) < ONE_FACT:
        return False  # "10 years after citizenship" / "another three years to gain it"
    if _of_two_subjects(a, b, x, y) or another_of_a_kind(a, x, b, y):
        return False
    if {_moved(a, x), _moved(b, y)} == {"up", "down"}:
        return False  # "the Dow was down about 14 points" / "climbed more than 90 points"
    if _companions_apart(a, b, x, y) and not (_running(a, x) and _running(b, y)):
        return False  # "the vote was 273 to 156, with 159 Republicans" / "319 to 108, 53"
    if _rate(a, x) != _rate(b, y):
        return False  # "$225,000 a speech" / "paid $675,000" for three
    # "three other Americans" counts people besides one "four Americans" holds
    return _besides(x) == _besides(y)


# Words right before a figure that tell which way what it measures moved.
_MOVES = {
    **dict.fromkeys(
        "up rose risen rise rises climbed climbs gained gains jumped jumps surged increased "
        "advanced higher".split(),
        "up",
    ),
    **dict.fromkeys(
        "down fell fallen falls dropped drops declined declines lost slid slipped tumbled "
        "plunged sank lower decreased".split(),
        "down",
    ),
}


def _moved(side: Side, claim: NumberClaim) -> str | None:
    """Which way a figure of a change says its measure moved ("fell 14 points", "was up 3
    percent"), from the two words before it; None when they say no way. Two figures of
    moves in opposite ways are two moves (an index at two moments), not one figure told
    two ways."""
    before = _WORD.findall(fold(side.doc.text[max(0, claim.start - 30) : claim.start]))
    ways = [_MOVES[w] for w in before[-2:] if w in _MOVES]
    return ways[-1] if ways else None


def _of_two_subjects(a: Side, b: Side, x: NumberClaim, y: NumberClaim) -> bool:
    """Whether two figures told alike are each of its own subject: of two parties
    ("Republicans need 1,237 delegates" / "Democrats need 2,383"), of other people and
    places ("Clinton held 14 events in Indiana" / "Sanders held 9 in Kentucky"), or
    distances from two places ("60 miles south of Boston" / "65 miles south of Cambridge")."""
    return (
        _known_apart(_party(a, x), _party(b, y))
        or named_apart(a, x, b, y)
        or _known_apart(_measured_from(a, x), _measured_from(b, y))
    )


def _known_apart(one: str | None, other: str | None) -> bool:
    """Whether both sides say which (party, place) and say different ones."""
    return one is not None and other is not None and one != other


_DISTANCES = frozenset({"km", "mile", "m"})
# Where a distance is measured from: "60 miles south of Boston", "40 km from Kyiv".
_ORIGIN = re.compile(
    r"\s+(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?(?:of|from)\s+"
    r"((?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})"
)


def _measured_from(side: Side, claim: NumberClaim) -> str | None:
    """The place a distance is measured from, as its sentence names it right after the
    figure (None: not a distance, or no place named): two distances from two places are
    two figures."""
    if claim.unit not in _DISTANCES:
        return None
    origin = _ORIGIN.match(side.doc.text, claim.end)
    return fold(origin.group(1)) if origin else None


def _companions_apart(a: Side, b: Side, x: NumberClaim, y: NumberClaim) -> bool:
    """Whether the sentences of two figures each give other figures and share none of them:
    then the two tell two things (two votes of one day, two options of one report, one
    index at two moments), each told with its own figures, not one figure changed. (A
    running count told with its moment, "60 percent of precincts reporting", is the same
    count at two moments: `_running` keeps it.)"""
    return told_apart(_companions(a, x), _companions(b, y))


def _companions(side: Side, claim: NumberClaim) -> set[float]:
    """The values of the other figures in the sentence of ``claim`` (both ends of a
    range: "a 61-30 vote" gives 61 and 30)."""
    return {value for z in side.beside(claim, side.claims.numbers) for value in (z.low, z.high)}


# A figure for each of some unit ("$225,000 a speech", "$10 per hour"), read right after it.
_PER = re.compile(r"\s+(?:a|an|per|each)\s+[a-z]+\b(?!\s+(?:ago|after|before|earlier|later))", re.I)


def _rate(side: Side, claim: NumberClaim) -> bool:
    """Whether a figure is for each of some unit ("$225,000 a speech"): not a total."""
    return bool(_PER.match(side.doc.text, claim.end))


# The two sides of a two-party contest, by the words that name them.
_PARTIES = {
    "democrat": "democratic",
    "democrats": "democratic",
    "democratic": "democratic",
    "republican": "republican",
    "republicans": "republican",
    "gop": "republican",
}


def _party(side: Side, claim: NumberClaim) -> str | None:
    """The one party a figure's sentence names, None when it names both or neither: two
    parties' counts (delegates needed, a poll's subsamples) are two figures told alike."""
    start, end = side.sentence_of(claim)
    named = {_PARTIES[w] for w in _WORD.findall(fold(side.doc.text[start:end])) if w in _PARTIES}
    return named.pop() if len(named) == 1 else None


def _between(a: Side, b: Side) -> str:
    """When the two reports of a running count were written, as the message says it."""
    days = sorted({d for d in (a.doc.date, b.doc.date) if d is not None})
    if len(days) == 2:
        return f"may have changed between reports of {days[0]} and {days[1]}"
    return "may have changed between reports"


def _span_of_time(side: Side, claim: NumberClaim) -> bool:
    """Whether a figure is a span of time ("10 years", "13-hour"), not an age ("2 years
    old")."""
    after = side.doc.text[claim.end : claim.end + 8].split()
    return claim.counted in TIME_NOUNS and not (after and after[0].lower() == "old")


# Words of a sentence that tell a running count: a toll, the injured, homes without power
# (or with it restored), the votes while precincts are still reporting, the land a fire
# has burned while it is not yet contained.
_RUNNING = frozenset(
    "killed dead died deaths toll injured injuries wounded hurt hospitalized hospitalised "
    "critical missing evacuated displaced arrested detained rescued outages restored "
    "precincts acres hectares contained containment".split()
)
_WORD = re.compile(r"\w+")
# A count of an event dated this long before the article is settled history, not running.
_HISTORY_DAYS = 365


def _running(side: Side, claim: NumberClaim) -> bool:
    """Whether a figure is a running count of the article's own events: its sentence tells
    the dead, the injured or homes without power, and dates nothing long past ("killed 270
    workers in 1992" is settled)."""
    start, end = side.sentence_of(claim)
    words = fold(side.doc.text[start:end])
    if _RUNNING.isdisjoint(_WORD.findall(words)) and "without power" not in words:
        return False
    published = side.doc.date
    return published is None or not any(
        start <= d.start < end and d.last is not None and (published - d.last).days > _HISTORY_DAYS
        for d in side.claims.dates
    )


def _changed_under_one_hedge(x: NumberClaim, y: NumberClaim) -> bool:
    """Whether two figures differ under one hedge: in a sentence copied with its figure
    changed, "about 800,000" against "about 700,000", "more than 8 million" against "more
    than 10 million". Each hedge admits the other figure, but the copy's writer changed the
    figure, not how sure it is."""
    hedged_alike = x.hedge is not None and x.hedge == y.hedge
    return hedged_alike and (x.low, x.high) != (y.low, y.high)


def _conflict(
    pair: Pair, a: Side, b: Side, x: NumberClaim, y: NumberClaim, copied: bool
) -> Iterator[Finding]:
    """Two figures for one thing: an error when they cannot both be true, said of one
    subject (`_said_alike`), or standing in one sentence copied with them ``copied``."""
    if not copied and not _said_alike(pair, a, b, x, y):
        return
    span_x, span_y = a.at(x.start, x.end), b.at(y.start, y.end)
    if x.vague or y.vague:
        if not _overlap(admitted(x), admitted(y)):
            message = f'"{x.text}" vs "{y.text}": a vague amount that does not fit the figure'
            yield finding("number-qualifier", pair, span_x, span_y, message, (a.doc, b.doc))
        return
    if not _agree(x, y) or (copied and _changed_under_one_hedge(x, y)):
        if not copied and _running(a, x) and _running(b, y):
            message = f'"{x.text}" vs "{y.text}": a running count that {_between(a, b)}'
            yield finding("number-update", pair, span_x, span_y, message, (a.doc, b.doc))
        else:
            message = f'"{x.text}" vs "{y.text}": the figures do not agree'
            yield finding("number-mismatch", pair, span_x, span_y, message, (a.doc, b.doc))
    elif x.hedge != y.hedge:
        message = f'"{x.text}" vs "{y.text}": compatible figures, hedged differently'
        yield finding("number-qualifier", pair, span_x, span_y, message, (a.doc, b.doc))
    yield from credit(pair, a, b, x.start, y.start, x.text)
