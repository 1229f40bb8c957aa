"""Findings: where two sources that tell the same thing disagree.

One checker per rule family; each takes the two sides of a passage pair (documents, spans
and claims) and yields `Finding`s. Checkers lean towards silence: paraphrase, reordering,
compatible precision ("about 10,000" vs "10,000"), rounding and unrelated figures in paired
sentences must not raise errors, because a checker that cries wolf gets switched off.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz

from dedupe import claims as claim_extraction
from dedupe.attribution import sentences
from dedupe.config import Settings
from dedupe.dates import DAY_WORD, WEEKDAY_WORDS, extract_dates
from dedupe.model import (
    SEVERITY_RANK,
    AttributionClaim,
    DateClaim,
    Document,
    Finding,
    NameClaim,
    NumberClaim,
    Pair,
    QuoteClaim,
    Span,
)
from dedupe.normalize import fold, match_tokens
from dedupe.numbers import same_kind
from dedupe.pairing import Pairing
from dedupe.quotes import same_speaker
from dedupe.rules import RULES
from dedupe.worddiff import changes, describe, longest_run, similarity
from dedupe.workers import parallel_map_shared

# Characters either side of a claim that tell what it is about: a figure's subject can be a
# few words away; a date is tied to the verb right next to it.
_CONTEXT = 60
_DATE_CONTEXT = 30
# Pair score from which two passages surely tell the same event, so their dates must agree.
_SURE_PAIR = 0.5


@dataclass(frozen=True)
class Side:
    """One side of a passage pair: its document, span and claims."""

    doc: Document
    span: Span
    claims: claim_extraction.Claims

    def at(self, start: int, end: int) -> Span:
        """A span of this side's document."""
        return self.doc.span(start, end)

    def context(self, start: int, end: int, width: int = _CONTEXT) -> set[str]:
        """Content words around ``text[start:end]``, the claim itself left out."""
        text = self.doc.text
        before = text[max(self.span.start, start - width) : start]
        after = text[end : min(self.span.end, end + width)]
        return set(match_tokens(f"{before} {after}")) - {"#"}


def fingerprint(rule: str, a: Span, b: Span) -> str:
    """A content fingerprint: rule, documents and the words involved, never positions."""
    key = "\0".join((rule, a.doc, b.doc, fold(a.text), fold(b.text)))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def finding(rule: str, pair: Pair | None, a: Span, b: Span, message: str) -> Finding:
    """A `Finding` of ``rule`` at its default severity."""
    severity = RULES[rule].severity
    return Finding(
        fingerprint(rule, a, b), rule, severity, pair.id if pair else None, a, b, message
    )


def find(
    documents: Sequence[Document],
    pairing: Pairing,
    settings: Settings,
    known: Mapping[str, claim_extraction.Claims] | None = None,
) -> list[Finding]:
    """Every finding for the passage pairs and clusters, most severe first, deduplicated.

    ``known`` holds claims extracted earlier (by the store); the others are extracted now.
    """
    known = known or {}
    by_id = {d.id: d for d in documents}
    spans = passage_spans(pairing.pairs)
    todo = [(by_id[i], spans[i]) for i in spans if i not in known]
    stored = {
        i: claim_extraction.restrict(known[i], by_id[i], spans[i]) for i in spans if i in known
    }
    claims = {**stored, **claims_of(todo, settings)}
    checked = _checks(_Evidence(pairing.pairs, by_id, claims, settings))
    return unique([*checked, *duplicate_findings(pairing, by_id, settings)], settings)


# Passage pairs checked per task: enough tasks to spread over the workers from a few
# thousand articles on.
_TASK_PAIRS = 64
# A run's checks take about as long as one article's claims, so a few dozen are worth a pool.
_MIN_RUNS = 32


class _Evidence(NamedTuple):
    """What the checks read: passage pairs, their documents and claims, and the settings."""

    pairs: Sequence[Pair]
    by_id: Mapping[str, Document]
    claims: Mapping[str, claim_extraction.Claims]
    settings: Settings


def _checks(evidence: _Evidence) -> list[Finding]:
    """`pair_findings` then `name_findings` of every pair, in worker processes over runs of
    whole document pairs: the same findings in the same order as in one process."""
    runs = _document_runs(evidence.pairs, _TASK_PAIRS)
    workers = evidence.settings.workers
    checked = "runs of passage pairs checked"
    done = parallel_map_shared(_check_run, evidence, runs, workers, _MIN_RUNS, checked)
    return [f for checked, _ in done for f in checked] + [f for _, named in done for f in named]


def _document_runs(pairs: Sequence[Pair], size: int) -> list[tuple[int, int]]:
    """Consecutive runs of about ``size`` pairs, never splitting a document pair's."""
    docs = [(p.a.doc, p.b.doc) for p in pairs]
    runs: list[tuple[int, int]] = []
    start = 0
    for k in range(1, len(pairs) + 1):
        if k == len(pairs) or (k - start >= size and docs[k] != docs[k - 1]):
            runs.append((start, k))
            start = k
    return runs


def _check_run(evidence: _Evidence, run: tuple[int, int]) -> tuple[list[Finding], list[Finding]]:
    pairs, by_id, claims, settings = evidence
    some = pairs[run[0] : run[1]]
    return pair_findings(some, by_id, claims, settings), list(name_findings(some, by_id, claims))


def passage_spans(pairs: Iterable[Pair]) -> dict[str, list[tuple[int, int]]]:
    """Each paired document's passage spans, documents in first-seen order."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for p in pairs:
        for span in (p.a, p.b):
            spans[span.doc].append((span.start, span.end))
    return dict(spans)


def claims_of(
    todo: Sequence[tuple[Document, list[tuple[int, int]]]], settings: Settings
) -> dict[str, claim_extraction.Claims]:
    """The claims each document's passages need, in worker processes.

    Speakers and pronouns look back before a passage; each passage then takes the claims
    inside it.
    """
    # The workers inherit the documents; only positions and spans travel to them.
    documents = [doc for doc, _ in todo]
    items = [(k, spans) for k, (_, spans) in enumerate(todo)]
    read = "documents read for claims"
    found = parallel_map_shared(_passage_claims, documents, items, settings.workers, what=read)
    return {doc.id: claims for doc, claims in zip(documents, found, strict=True)}


def _passage_claims(
    documents: Sequence[Document], item: tuple[int, list[tuple[int, int]]]
) -> claim_extraction.Claims:
    return claim_extraction.extract_passages(documents[item[0]], item[1])


def side(doc: Document, claims: claim_extraction.Claims, span: Span) -> Side:
    """One side of a passage pair, with the document's claims inside the span."""
    return Side(doc, span, claims.within(span.start, span.end))


def pair_findings(
    pairs: Iterable[Pair],
    by_id: Mapping[str, Document],
    claims: Mapping[str, claim_extraction.Claims],
    settings: Settings,
) -> list[Finding]:
    """The claim checks of every passage pair."""
    found: list[Finding] = []
    telling: dict[str, set[str]] = {}

    def names(doc: str) -> set[str]:
        if doc not in telling:
            telling[doc] = {fold(n.name) for n in claims[doc].names if _telling(n)}
        return telling[doc]

    for pair in pairs:
        a = side(by_id[pair.a.doc], claims[pair.a.doc], pair.a)
        b = side(by_id[pair.b.doc], claims[pair.b.doc], pair.b)
        same_story = bool(names(pair.a.doc) & names(pair.b.doc))
        found.extend(check_pair(pair, a, b, settings, same_story))
    return found


def _telling(name: NameClaim) -> bool:
    """A name that tells which story an article is on: a person, a place, or a body of more
    than one word (a lone capitalised word such as a table's "NOTE" tells nothing)."""
    return name.category in ("person", "place") or (
        name.category == "organisation" and " " in name.name.strip()
    )


def check_pair(
    pair: Pair, a: Side, b: Side, settings: Settings, same_story: bool = True
) -> Iterator[Finding]:
    """The claim checks for one passage pair.

    Figures and dates are compared only when the two articles are on the same story, i.e.
    they name someone or something in common: templated copy (earnings tables, weather
    reports) pairs across stories, and its figures are not meant to agree.
    """
    if same_story:
        yield from _numbers(pair, a, b)
        yield from _dates(pair, a, b)
    yield from _quotes(pair, a, b)
    if settings.show_omissions:
        yield from _omissions(pair, a, b)


def unique(findings: Iterable[Finding], settings: Settings) -> list[Finding]:
    """Findings without repeats or ignored rules, most severe first, in a stable order."""
    seen: dict[str, Finding] = {}
    for f in findings:
        if f.rule not in settings.ignore_rules:
            seen.setdefault(f.id, f)
    return sorted(
        seen.values(),
        key=lambda f: (-SEVERITY_RANK[f.severity], f.a.doc, f.b.doc, f.a.start, f.rule),
    )


# --- numbers ---------------------------------------------------------------------------

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
    if value == 0 or not math.isfinite(value):
        return 0.0
    digits = f"{abs(value):.15g}".replace(".", "").rstrip("0").lstrip("0")
    magnitude = math.floor(math.log10(abs(value)))
    half_unit = 0.5 * 10.0 ** (magnitude - max(len(digits), 1) + 1)
    return min(half_unit, 0.05 * abs(value))


def _overlap(x: tuple[float, float], y: tuple[float, float]) -> bool:
    return (x[0] < y[1] and y[0] < x[1]) or x == y


def _numbers(pair: Pair, a: Side, b: Side) -> Iterator[Finding]:
    """Same-kind figures: matched by value first; a lone pair left over may conflict."""
    left, right = list(a.claims.numbers), list(b.claims.numbers)
    for x in list(left):
        twins = [y for y in right if same_kind(x, y) and _same_value(x, y)]
        if not twins:
            continue
        # Of several, the one said in the most alike words: a figure given for two places
        # is the twin of the other side's figure for the same place.
        same = twins[0] if len(twins) == 1 else _closest(a, b, x, twins)
        left.remove(x)
        right.remove(same)
        yield from _qualifier(pair, a, b, x, same)
    for x in left:
        if _bare(x):
            # A figure that counts nothing named is compared only inside a copied sentence.
            rivals = [y for y in right if _bare(y) and y.unit == x.unit]
            mates = [z for z in left if _bare(z) and z.unit == x.unit]
            twin = _twin_in_context(a, b, x, rivals, mates, 0.6) if rivals else None
        else:
            rivals = [y for y in right if same_kind(x, y)]
            mates = [z for z in left if same_kind(x, z)]
            single = len(rivals) == 1 and len(mates) == 1
            twin = rivals[0] if single else _twin_in_context(a, b, x, rivals, mates, 0.5)
        if twin is not None:
            yield from _conflict(pair, a, b, x, twin)


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
        yield finding("number-qualifier", pair, a.at(x.start, x.end), b.at(y.start, y.end), message)
    yield from _attribution(pair, a, b, x, y)


def _conflict(pair: Pair, a: Side, b: Side, x: NumberClaim, y: NumberClaim) -> Iterator[Finding]:
    """Two figures for one thing: an error when they cannot both be true, said of one subject.

    "Of one subject" means the passages are surely paired and the words around the two
    figures are largely the same; otherwise they are likely two different counts.
    """
    cx, cy = a.context(x.start, x.end), b.context(y.start, y.end)
    if pair.score < _SURE_PAIR or len(cx & cy) < 0.3 * max(1, len(cx | cy)):
        return
    if _besides(x) != _besides(y):
        return  # "three other Americans" counts people besides one "four Americans" holds
    span_x, span_y = a.at(x.start, x.end), b.at(y.start, y.end)
    if x.vague or y.vague:
        if not _overlap(admitted(x), admitted(y)):
            message = f'"{x.text}" vs "{y.text}": a vague amount that does not fit the figure'
            yield finding("number-qualifier", pair, span_x, span_y, message)
        return
    if not _overlap(admitted(x), admitted(y)):
        message = f'"{x.text}" vs "{y.text}": the figures do not agree'
        yield finding("number-mismatch", pair, span_x, span_y, message)
    elif x.hedge != y.hedge:
        message = f'"{x.text}" vs "{y.text}": compatible figures, hedged differently'
        yield finding("number-qualifier", pair, span_x, span_y, message)
    yield from _attribution(pair, a, b, x, y)


# --- attributions ----------------------------------------------------------------------

_DIGIT = re.compile(r"\d")
# House-style abbreviations outlets put inside quotes; spelling one out is not drift.
_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "pres": "president",
    "dept": "department",
    "govt": "government",
    "st": "saint",
    "mt": "mount",
    "ft": "fort",
    "%": "percent",
}


def _same_words(old: str, new: str) -> bool:
    """Whether a changed stretch differs only in punctuation, in a house-style abbreviation
    ("Sen.", "F.B.I."), a contraction ("we've" for "we have") or "&" for "and"."""
    return _words(old) == _words(new)


def _excerpt(a: list[str], b: list[str]) -> bool:
    """Whether the shorter word list runs unbroken inside the longer one."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return any(long[k : k + len(short)] == short for k in range(len(long) - len(short) + 1))


def _words(text: str) -> list[str]:
    """The words of ``text`` as `_same_words` compares them."""
    plain = _INITIALS.sub(lambda m: m.group().replace(".", ""), fold(text))  # F.B.I. = FBI
    plain = _IRREGULAR.sub(lambda m: _CONTRACTED[m.group()], plain)
    plain = _CONTRACTIONS.sub(lambda m: " " + _CONTRACTED[m.group()], plain)
    found = re.findall(r"\w+|%", plain.replace("&", " and "))
    return [_ABBREVIATIONS.get(w, w) for w in found]


_CONTRACTED = {
    **{"won't": "will not", "can't": "can not", "cannot": "can not"},
    **{"n't": "not", "'ve": "have", "'ll": "will", "'re": "are", "'m": "am"},
    # "I'd like" is "I would like" far more often than "I had"; quotes differ by the former.
    "'d": "would",
}
_IRREGULAR = re.compile(r"\b(?:won't|can't|cannot)\b")
_INITIALS = re.compile(r"\b(?:\w\.){2,}")
_CONTRACTIONS = re.compile(r"(?<=\w)(?:n't|'ve|'ll|'re|'m|'d)\b")


_PRONOUNS = frozenset("he she they it her him them his its their we i you this that".split())


def _attribution(pair: Pair, a: Side, b: Side, x: NumberClaim, y: NumberClaim) -> Iterator[Finding]:
    """A matched figure credited to two different sources."""
    sx, sy = _credited(a, x.start), _credited(b, y.start)
    if sx is None or sy is None:
        return
    fx, fy = fold(sx.source), fold(sy.source)
    if same_speaker(sx.source, sy.source) or fx in fy or fy in fx:
        return  # the same source, or one named more fully ("Economic Council" in the other)
    message = (
        f'"{x.text}" is credited to "{sx.text}" by {a.doc.source}, '
        f'and to "{sy.text}" by {b.doc.source}'
    )
    yield finding(
        "attribution-mismatch", pair, a.at(sx.start, sx.end), b.at(sy.start, sy.end), message
    )


def _credited(side: Side, position: int) -> AttributionClaim | None:
    """The one non-pronoun attribution in the sentence of the claim at ``position``."""
    found = [
        c
        for c in side.claims.attributions
        if fold(c.source) not in _PRONOUNS and _same_sentence(side, c.start, position)
    ]
    return found[0] if len(found) == 1 else None


def _same_sentence(side: Side, x: int, y: int) -> bool:
    lo, hi = min(x, y), max(x, y)
    return not any(ch in ".!?" for ch in side.doc.text[lo:hi].rstrip(".!?"))


# --- dates -----------------------------------------------------------------------------


def _dates(pair: Pair, a: Side, b: Side) -> Iterator[Finding]:
    """One dated event each side, told in the same words, on days that do not overlap."""
    if pair.score < _SURE_PAIR:
        return  # loosely paired sentences often date two different events
    # Undated articles: only a copied passage is sure enough to compare year-less dates.
    copied = fuzz.ratio(fold(a.span.text), fold(b.span.text)) >= 90
    da, db = _dated(a, b, copied), _dated(b, a, copied)
    for x in da:
        rivals = [y for y in db if _same_event(a, b, x, y)]
        if len(rivals) != 1 or _same_period(x, rivals[0]):
            continue
        y = rivals[0]
        if x.relative and y.relative and _same_words_of_day(x, y):
            continue  # both wrote "Tuesday": a different resolution is ours, not theirs
        if (_deictic(x) or _deictic(y)) and _days_apart(x, y) <= 1:
            continue  # "today" is the article's date, often a day after it was written
        if {_bound(a, x), _bound(b, y)} == {"start", "end"}:
            continue  # "since late 2008" and "until late 2014" are two ends of one stretch
        if _said_on(a, x) and _said_on(b, y) and not _same_statement(a, b, x, y):
            continue  # "Kirby said Tuesday" and "Kirby told CNN on Thursday": two statements
        if _gives(b, db, y, x) or _gives(a, da, x, y):
            continue  # "disputed Friday a report" vs "on Friday disputed the report Thursday"
        figures_x, figures_y = _figures_beside(a, x), _figures_beside(b, y)
        if figures_x and figures_y and not figures_x & figures_y:
            continue  # two measurements: "8.1 percent in August", "7.8 percent in September"
        if a.doc.date is None or b.doc.date is None:  # a year may be inferred: show none
            message = f'"{x.text}" vs "{y.text}": dated differently'
        else:
            message = f'"{x.text}" ({_period(x)}) vs "{y.text}" ({_period(y)}): dated differently'
        yield finding("date-mismatch", pair, a.at(x.start, x.end), b.at(y.start, y.end), message)


# Resolves the year-less dates of two undated articles alike, so that "Feb. 20" and
# "Feb. 27" can still be told apart; any fixed day serves.
_COMMON_ANCHOR = dt.date(2000, 12, 31)


def _dated(side: Side, other: Side, copied: bool) -> list[DateClaim]:
    """The resolved dates of ``side``. When its article has no date and the passage is a
    copy, its written dates ("Feb. 20") are resolved against the other article's date (or,
    when neither has one, one common day): both sides then agree on the year, and words such
    as "Friday", which need the article's own date, stay out."""
    resolved = [d for d in side.claims.dates if d.first is not None]
    if not copied or side.doc.date is not None:
        return resolved
    anchor = other.doc.date or _COMMON_ANCHOR
    again = extract_dates(side.doc.text, anchor, side.span.start, side.span.end)
    return resolved + [d for d in again if d.relative and _DIGIT.search(d.text)]


def _same_event(a: Side, b: Side, x: DateClaim, y: DateClaim) -> bool:
    """Whether two dates are said of the same thing: most words around them are shared."""
    cx, cy = a.context(x.start, x.end, _DATE_CONTEXT), b.context(y.start, y.end, _DATE_CONTEXT)
    return len(cx & cy) >= 2 and len(cx & cy) >= 0.5 * min(len(cx), len(cy))


def _same_words_of_day(x: DateClaim, y: DateClaim) -> bool:
    """Whether two relative dates are written alike: the same words, or the same weekday
    ("Wednesday" and "Wednesday afternoon")."""
    if fold(x.text) == fold(y.text):
        return True
    days_x, days_y = (WEEKDAY_WORDS.intersection(re.findall(r"\w+", fold(d.text))) for d in (x, y))
    return bool(days_x) and days_x == days_y


def _deictic(claim: DateClaim) -> bool:
    """Whether a date is a day word told from the article's date ("today", "last night")."""
    return bool(DAY_WORD.search(claim.text))


def _days_apart(x: DateClaim, y: DateClaim) -> int:
    """Days between two periods (0 when they overlap)."""
    assert x.first and x.last and y.first and y.last
    return max((y.first - x.last).days, (x.first - y.last).days, 0)


_BOUNDS = {
    **dict.fromkeys(("since", "from", "after"), "start"),
    **dict.fromkeys(("until", "till", "through", "by", "before"), "end"),
}


def _bound(side: Side, date: DateClaim) -> str | None:
    """Whether ``date`` starts a stretch ("since 2008"), ends one ("until at least 2014"),
    or neither (None), from the last three words before it."""
    before = side.doc.text[max(side.span.start, date.start - 30) : date.start]
    for word in reversed(fold(before).split()[-3:]):
        if word in _BOUNDS:
            return _BOUNDS[word]
    return None


# How far after an attribution ("Kirby said", "Kirby told CNN") a date still dates it.
_SAID_REACH = 15
# Word likeness from which the sentences of two statement dates tell one statement.
_SAME_STATEMENT = 0.6


def _said_on(side: Side, date: DateClaim) -> bool:
    """Whether ``date`` dates a statement: it follows an attribution ("said Tuesday")."""
    return any(0 <= date.start - c.end <= _SAID_REACH for c in side.claims.attributions)


def _same_statement(a: Side, b: Side, x: DateClaim, y: DateClaim) -> bool:
    """Whether the sentences of two statement dates tell nearly the same words."""
    start, end = _sentence_of(a, x)
    other_start, other_end = _sentence_of(b, y)
    said = similarity(a.doc.text[start:end], b.doc.text[other_start:other_end])
    return said >= _SAME_STATEMENT


def _sentence_of(side: Side, claim: DateClaim) -> tuple[int, int]:
    """Start and end of the sentence of ``side``'s passage that holds ``claim``."""
    for start, end in sentences(side.doc.text, side.span.start, side.span.end):
        if start <= claim.start < end:
            return start, end
    return claim.start, claim.end


def _gives(side: Side, dates: Iterable[DateClaim], rival: DateClaim, x: DateClaim) -> bool:
    """Whether the sentence of ``rival`` on ``side`` also gives a date that overlaps ``x`` and
    not ``rival``: then it dates two events ("elected in 1995 and resigned last year"), and
    the one that differs from ``x`` is the other event. ("This month", which holds both
    days, tells nothing.)"""
    others = [d for d in dates if _same_period(d, x) and not _same_period(d, rival)]
    if not others:
        return False
    start, end = _sentence_of(side, rival)
    return any(start <= d.start < end for d in others)


def _figures_beside(side: Side, date: DateClaim) -> set[tuple[float, float]]:
    """The values of the figures in the sentence of ``date``."""
    start, end = _sentence_of(side, date)
    return {(n.low, n.high) for n in side.claims.numbers if start <= n.start < end}


def _same_period(x: DateClaim, y: DateClaim) -> bool:
    assert x.first and x.last and y.first and y.last
    return x.first <= y.last and y.first <= x.last


def _period(claim: DateClaim) -> str:
    if claim.first == claim.last:
        return f"{claim.first}"
    return f"{claim.first}..{claim.last}"


# --- quotes ----------------------------------------------------------------------------


def _quotes(pair: Pair, a: Side, b: Side) -> Iterator[Finding]:
    """The same quotation from the same speaker, worded differently.

    A quote that the other side repeats word for word has no drift, whatever other quotes
    of the same speaker look like.
    """
    words_a = {fold(q.text) for q in a.claims.quotes}
    words_b = {fold(q.text) for q in b.claims.quotes}
    for x in (q for q in a.claims.quotes if fold(q.text) not in words_b):
        for y in (q for q in b.claims.quotes if fold(q.text) not in words_a):
            if _drifted(x, y):
                who = x.speaker or y.speaker
                whose = f"{who}'s quote" if who else "A quote without a known speaker"
                message = f"{whose} is worded differently: {describe(x.text, y.text)}"
                yield finding(
                    "quote-drift", pair, a.at(x.start, x.end), b.at(y.start, y.end), message
                )


# A quote whose speaker is unknown on a side is compared only when this much alike.
_UNSPOKEN_LIKENESS = 0.8
_UNSPOKEN_RUN = 5


def _drifted(x: QuoteClaim, y: QuoteClaim) -> bool:
    fx, fy = fold(x.text), fold(y.text)
    if fx == fy or fx in fy or fy in fx or min(len(fx.split()), len(fy.split())) < 4:
        return False  # identical, or one quotes a fragment of the other
    known = bool(x.speaker and y.speaker)
    if known and not same_speaker(x.speaker, y.speaker):
        return False
    if all(_same_words(old, new) for old, new in changes(x.text, y.text)):
        return False  # only punctuation or house style ("Sen." for "Senator") differs
    if _excerpt(_words(x.text), _words(y.text)):
        return False  # one quotes a longer stretch of the same words
    # Two different quotes of one speaker share words, rarely a run of three of them; where a
    # side's speaker is unknown, only nearly the same words say it is one quote.
    least, run = (0.5, 3) if known else (_UNSPOKEN_LIKENESS, _UNSPOKEN_RUN)
    return similarity(x.text, y.text) >= least and longest_run(x.text, y.text) >= run


# --- names -----------------------------------------------------------------------------


def name_findings(
    pairs: Sequence[Pair],
    by_id: Mapping[str, Document],
    cache: Mapping[str, claim_extraction.Claims],
) -> Iterator[Finding]:
    """In two articles that share passages, one person's name spelled two ways (names of
    the passages and of the text before quotes in them, as `claims.extract_passages` gives)."""
    doc_pairs = {(p.a.doc, p.b.doc): p for p in pairs}
    spellings: dict[str, _Spellings] = {}
    for da, db in doc_pairs:
        for doc in (da, db):
            if doc not in spellings:
                spellings[doc] = _Spellings.of(cache[doc].names)
        yield from _variants(by_id[da], by_id[db], spellings[da], spellings[db])


@dataclass(frozen=True)
class _Spellings:
    """A document's names by folded spelling (first occurrence), and grouped by initials."""

    first: dict[str, NameClaim]
    by_initials: dict[tuple[str, ...], list[str]]

    @classmethod
    def of(cls, names: Iterable[NameClaim]) -> _Spellings:
        first: dict[str, NameClaim] = {}
        for claim in names:
            first.setdefault(fold(claim.name), claim)
        # Variants have the same number of words with the same initials: compare only those.
        groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for name in first:
            groups[tuple(word[0] for word in name.split())].append(name)
        return cls(first, dict(groups))


def _variants(da: Document, db: Document, a: _Spellings, b: _Spellings) -> Iterator[Finding]:
    """Names of ``da`` and ``db`` that are variants; each spelling pair reported once."""
    for initials, names in a.by_initials.items():
        others = [o for o in b.by_initials.get(initials, ()) if o not in a.first]
        for name in names:
            if name in b.first:
                continue
            for other in others:
                if is_variant(name, other):
                    x, y = a.first[name], b.first[other]
                    message = f'"{x.name}" vs "{y.name}": one name spelled two ways'
                    yield finding(
                        "name-variant",
                        None,
                        da.span(x.start, x.end),
                        db.span(y.start, y.end),
                        message,
                    )


def is_variant(a: str, b: str) -> bool:
    """Two spellings of one multi-word name: every word alike, some not identical.

    "Sergei Lavrov" / "Sergey Lavrov" is a variant; "Vladimir Putin" / "Vladimir Zelensky"
    is two people, and so is "Kim Jong Un" / "Kim Yo Jong".
    """
    wa, wb = fold(a).split(), fold(b).split()
    if len(wa) != len(wb) or len(wa) < 2 or wa == wb:
        return False
    return all(
        x == y or (x[0] == y[0] and x.rstrip("s") != y.rstrip("s") and fuzz.ratio(x, y) >= 80)
        for x, y in zip(wa, wb, strict=True)
    )


# --- omissions and duplicates ----------------------------------------------------------


def _omissions(pair: Pair, a: Side, b: Side) -> Iterator[Finding]:
    """Figures one side gives that the other side's passage does not."""
    for x in a.claims.numbers:
        if not any(same_kind(x, y) for y in b.claims.numbers):
            message = f'"{x.text}" is not in the other source\'s passage'
            yield finding("omission", pair, a.at(x.start, x.end), b.span, message)
    for y in b.claims.numbers:
        if not any(same_kind(x, y) for x in a.claims.numbers):
            message = f'"{y.text}" is not in the other source\'s passage'
            yield finding("omission", pair, a.span, b.at(y.start, y.end), message)


def duplicate_findings(
    pairing: Pairing, by_id: Mapping[str, Document], settings: Settings
) -> Iterator[Finding]:
    """Whole articles and long passages copied from another source."""
    copied = {k for k, v in pairing.overlaps.items() if v >= settings.duplicate_overlap}
    for da, db in copied:
        a, b = by_id[da], by_id[db]
        share = pairing.overlaps[(da, db)]
        message = f"{share:.0%} of the text is shared nearly verbatim with {b.source}"
        yield finding("duplicate", None, _body(a), _body(b), message)
    for pair in pairing.pairs:
        if (pair.a.doc, pair.b.doc) in copied or len(pair.links) < 2:
            continue
        if fuzz.ratio(fold(pair.a.text), fold(pair.b.text)) >= 90:
            message = f"a {len(pair.links)}-sentence passage is copied nearly verbatim"
            yield finding("duplicate", pair, pair.a, pair.b, message)


def _body(doc: Document) -> Span:
    return doc.span(doc.body_start, len(doc.text.rstrip()))
