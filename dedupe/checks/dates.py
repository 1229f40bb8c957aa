"""date-mismatch: one event dated differently by two sources.

Relative dates ("on Friday") are resolved against each article's date. Dates are compared
only between articles on the same story, in surely paired passages, when the words around
the two dates are mostly the same; dates of two different things (two measurements, the
two ends of a stretch, two statements) are told apart and left alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz

from dedupe.checks.evidence import (
    ONE_FACT,
    SURE_PAIR,
    DocumentPair,
    Side,
    another_of_a_kind,
    finding,
    likeness,
    named_apart,
    told_apart,
)
from dedupe.claims.dates import DAY_WORD, WEEKDAY_WORDS, dates_a_post, extract_dates
from dedupe.model import DateClaim, Match, Pair
from dedupe.normalize import fold, match_tokens

# Characters either side of a date that tell what it dates: a date is tied to the verb
# right next to it.
_DATE_CONTEXT = 30
_DIGIT = re.compile(r"\d")


def check(docs: DocumentPair) -> Iterator[Match]:
    """The dates of every passage pair that date one event, with the findings their
    differences raise."""
    for pair, a, b in docs.passages:
        yield from _dates(docs, pair, a, b)


def _dates(docs: DocumentPair, pair: Pair, a: Side, b: Side) -> Iterator[Match]:
    """One dated event each side, told in the same words, on days that do not overlap.

    A sentence copied with only its date changed is always compared; other dates only
    between articles of one story, in surely paired passages, and not when they date two
    different things.
    """
    # Undated articles: only a copied passage is sure enough to compare year-less dates.
    copied = fuzz.ratio(fold(a.span.text), fold(b.span.text)) >= 90
    da, db = _dated(a, b, copied), _dated(b, a, copied)
    sure = docs.comparable and pair.score >= SURE_PAIR
    copies = docs.copied(a, b, da, db)
    for x in da:
        if x in copies:
            if not _each_its_own(a, b, x, copies[x]):
                yield _match(pair, a, b, x, copies[x], _read_apart(x, copies[x]))
            continue
        if not sure or dates_a_post(a.doc.text, x.start):
            continue  # a post's dateline is compared only in a copy of the post
        rivals = [y for y in db if _same_event(a, b, x, y)]
        if len(rivals) != 1:
            continue
        y = rivals[0]
        if _same_period(x, y) or not _two_things(a, b, da, db, x, y):
            yield _match(pair, a, b, x, y, False)


def _each_its_own(a: Side, b: Side, x: DateClaim, y: DateClaim) -> bool:
    """Whether a sentence copied with its date changed is a standing line, each article's
    date its own days: each date falls within a month of its own article and not of the
    other ("The poll was conducted July 24-28" in August, "Jan. 17-21" in January). A copy
    edited within one stretch of news is the same claim changed."""
    own = _near(a.doc.date, x) and _near(b.doc.date, y)
    return own and not (_near(b.doc.date, x) or _near(a.doc.date, y))


# How long before or after its article a standing line's date may fall: a poll is
# published a week or two after it was taken.
_OWN_DAYS = 31


def _near(published: dt.date | None, date: DateClaim) -> bool:
    """Whether a date's days reach to within `_OWN_DAYS` of ``published``."""
    assert date.first and date.last
    if published is None:
        return False
    return (date.first - published).days <= _OWN_DAYS and (published - date.last).days <= _OWN_DAYS


def _two_things(
    a: Side, b: Side, da: list[DateClaim], db: list[DateClaim], x: DateClaim, y: DateClaim
) -> bool:
    """Whether two different days told in alike words date two things, not one."""
    if _read_apart(x, y):
        return True
    if likeness(a, b, x, y) < ONE_FACT:
        return True  # "protests went on Tuesday in Tahrir Square" / "in Tahrir Square on Thursday"
    shorter, longer = sorted((_length(x), _length(y)))
    if shorter <= _WEEK and longer >= _YEAR:
        return True  # "the Super Bowl next year" and "on Monday, the host committee"
    if {_bound(a, x), _bound(b, y)} == {"start", "end"}:
        return True  # "since late 2008" and "until late 2014" are two ends of one stretch
    if _of_a_state(a, b, x, y):
        return True  # "since May, the IRS has taken" dates no statement "on Monday"
    if _owned_apart(a, b, x, y) or _owned_apart(b, a, y, x):
        return True  # "Wednesday's attack" dates the attack, not the tower "dark on January 8"
    if named_apart(a, x, b, y) or another_of_a_kind(a, x, b, y):
        # "Sessions testified Tuesday" and "Comey testified Thursday"; "the test was
        # confirmed Sunday" and "a separate test this morning"
        return True
    if _tied_apart(a, x, b, y):
        return True  # "leaves office in 2017" and "the goals are set for 2025"
    if _said_on(a, x) and _said_on(b, y) and not _same_statement(a, b, x, y):
        return True  # "Kirby said Tuesday" and "Kirby told CNN on Thursday": two statements
    if _gives(b, db, y, x) or _gives(a, da, x, y):
        return True  # "disputed Friday a report" vs "on Friday disputed the report Thursday"
    figures_x, figures_y = _figures_beside(a, x), _figures_beside(b, y)
    # two measurements: "8.1 percent in August", "7.8 percent in September"
    return told_apart(figures_x, figures_y)


# A day and a whole year that do not overlap date two things: no writer dates one event
# "on Monday" where another says "next year".
_YEAR, _WEEK = 365, 7


def _length(claim: DateClaim) -> int:
    """Days the period of a date spans."""
    assert claim.first and claim.last
    return (claim.last - claim.first).days + 1


def _read_apart(x: DateClaim, y: DateClaim) -> bool:
    """Whether two days differ only as dedupe resolved them, not as written: both wrote
    "Tuesday" (a different resolution is ours), one wrote no year and the two differ only
    in the year (the year is ours), or "today", which is the article's date, often a day
    after it was written, is a day off the other."""
    if (
        x.relative
        and y.relative
        and _same_words_of_day(x, y)
        and _written_figures(x) == _written_figures(y)
    ):
        return True  # "Saturday, Jan. 15" and "Saturday, Jan. 17" differ as written
    if _years_apart_only(x, y) and not (
        _YEAR_WRITTEN.search(x.text) and _YEAR_WRITTEN.search(y.text)
    ):
        return True  # "November" read as last November, where the other says this November
    return (_deictic(x) or _deictic(y)) and _days_apart(x, y) <= 1


_YEAR_WRITTEN = re.compile(r"\b\d{4}\b|'\d\d\b")


def _written_figures(claim: DateClaim) -> list[str]:
    """The figures a date is written with."""
    return re.findall(r"\d+", claim.text)


def _years_apart_only(x: DateClaim, y: DateClaim) -> bool:
    """Whether two periods shorter than a year are the same days of the calendar in
    different years."""
    assert x.first and x.last and y.first and y.last
    same_days = (x.first.month, x.first.day, x.last.month, x.last.day) == (
        y.first.month,
        y.first.day,
        y.last.month,
        y.last.day,
    )
    # A whole year ("last year", "2016") is never a year dedupe guessed.
    return same_days and x.first.year != y.first.year and _length(x) < _YEAR


def _match(pair: Pair, a: Side, b: Side, x: DateClaim, y: DateClaim, silent: bool) -> Match:
    """The match of two dates of one event; a date-mismatch when their days differ."""
    span_x, span_y = a.at(x.start, x.end), b.at(y.start, y.end)
    found = []
    if not silent and not _same_period(x, y):
        if a.doc.date is None or b.doc.date is None:  # a year may be inferred: show none
            message = f'"{x.text}" vs "{y.text}": dated differently'
        else:
            message = f"{_told(x)} vs {_told(y)}: dated differently"
        found.append(finding("date-mismatch", pair, span_x, span_y, message, (a.doc, b.doc)))
    shared = a.context(x.start, x.end, _DATE_CONTEXT) & b.context(y.start, y.end, _DATE_CONTEXT)
    key = _dated_thing(a, x, shared)
    return Match.of("date", key, ((span_x, _period(x)), (span_y, _period(y))), found)


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _dated_thing(side: Side, date: DateClaim, shared: set[str]) -> str:
    """What a date dates, in the article's own words: the words around it that the other
    side shares too, in their order ("Super Bowl Host Committee")."""
    text, span = side.doc.text, side.span
    before = text[max(span.start, date.start - _DATE_CONTEXT) : date.start]
    after = text[date.end : min(span.end, date.end + _DATE_CONTEXT)]
    # The window's two outer words may be cut: leave them out.
    around = before.split(" ", 1)[-1] + " " + after.rsplit(" ", 1)[0]
    words = [w for w in _WORD.findall(around) if len(w) > 1 and shared & set(match_tokens(w))]
    return " ".join(words[:4]) or "date"


# Resolves the year-less dates of two undated articles alike, so that "Feb. 20" and
# "Feb. 27" can still be told apart; any fixed day serves.
_COMMON_ANCHOR = dt.date(2000, 12, 31)


def _dated(side: Side, other: Side, copied: bool) -> list[DateClaim]:
    """The resolved dates of ``side``. When its article has no date and the passage is a
    copy, its written dates ("Feb. 20") and weekdays ("Friday") are resolved against the
    other article's date (or, when neither has one, one common day): both sides then agree
    on the year and the week, and a copy that moves an event to another weekday is told.
    Words told from the day of writing ("yesterday", "today"), which need the article's
    own date, stay out."""
    resolved = [d for d in side.claims.dates if d.first is not None]
    if not copied or side.doc.date is not None:
        return resolved
    anchor = other.doc.date or _COMMON_ANCHOR
    again = extract_dates(side.doc.text, anchor, side.span.start, side.span.end)
    return resolved + [d for d in again if d.relative and _written_out(d)]


def _written_out(claim: DateClaim) -> bool:
    """Whether a relative date says its day in words any copy would keep: a figure ("Feb.
    20"), or a weekday ("on Friday") with no word told from the day of writing."""
    if _DIGIT.search(claim.text):
        return True
    return bool(_weekdays(claim)) and not _deictic(claim)


def _same_event(a: Side, b: Side, x: DateClaim, y: DateClaim) -> bool:
    """Whether two dates are said of the same thing: most words around them are shared."""
    cx, cy = a.context(x.start, x.end, _DATE_CONTEXT), b.context(y.start, y.end, _DATE_CONTEXT)
    return len(cx & cy) >= 2 and len(cx & cy) >= 0.5 * min(len(cx), len(cy))


def _same_words_of_day(x: DateClaim, y: DateClaim) -> bool:
    """Whether two relative dates are written alike: the same words, or the same weekday
    ("Wednesday" and "Wednesday afternoon")."""
    if fold(x.text) == fold(y.text):
        return True
    days_x = _weekdays(x)
    return bool(days_x) and days_x == _weekdays(y)


def _weekdays(claim: DateClaim) -> frozenset[str]:
    """The weekdays a date's words name ("friday" in "Friday afternoon")."""
    return WEEKDAY_WORDS.intersection(re.findall(r"\w+", fold(claim.text)))


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
    for word in reversed(_words_before(side, date, 30)[-3:]):
        if word in _BOUNDS:
            return _BOUNDS[word]
    return None


def _of_a_state(a: Side, b: Side, x: DateClaim, y: DateClaim) -> bool:
    """Whether one date dates a state where the other dates an event ("since May" and "on
    Monday"), or either says when a state was read ("in critical condition as of
    Tuesday"): each report reads it on its own day."""
    return _since(a, x) != _since(b, y) or _as_of(a, x) or _as_of(b, y)


def _since(side: Side, date: DateClaim) -> bool:
    """Whether ``date`` starts a state that still holds ("since May"): it dates no event."""
    before = _words_before(side, date, 12)
    return bool(before) and before[-1] == "since"


def _as_of(side: Side, date: DateClaim) -> bool:
    """Whether ``date`` says when a state or a count was read ("as of Tuesday")."""
    return _words_before(side, date, 12)[-2:] == ["as", "of"]


def _words_before(side: Side, date: DateClaim, reach: int) -> list[str]:
    """The words of the ``reach`` characters of the passage before ``date``, folded,
    without the punctuation that clings to them: the opening quote of '"Since May, the
    IRS has taken' is no part of "since"."""
    return _WORD.findall(fold(side.doc.text[max(side.span.start, date.start - reach) : date.start]))


_OWNER = re.compile(r"['’]s\s+((?:[\w-]+\s+){0,2}[\w-]+)")
# Words that end the noun phrase a possessive date opens: "Wednesday's House hearing on".
_PHRASE_ENDS = frozenset("on of in at for to with by from about over and or".split())


def _owned_apart(a: Side, b: Side, x: DateClaim, y: DateClaim) -> bool:
    """Whether ``x`` dates a thing it owns ("Wednesday's House hearing") that the sentence of
    ``y`` does not name: then ``y`` dates something else. The thing is the phrase's head,
    its last noun ("hearing"): "White House officials" on the other side name no hearing."""
    owned = _OWNER.match(a.doc.text, x.end)
    if owned is None:
        return False
    words = owned.group(1).split()
    cut = next((k for k, w in enumerate(words) if w in _PHRASE_ENDS), len(words))
    start, end = b.sentence_of(y)
    there = set(match_tokens(b.doc.text[start:end]))
    return there.isdisjoint(match_tokens(words[max(cut, 1) - 1]))


def _tied_apart(a: Side, x: DateClaim, b: Side, y: DateClaim) -> bool:
    """Whether two dates are tied to other words: a date dates the words right next to it
    ("confirmed Sunday", "a statement on Tuesday"), and when neither date's neighbours
    stand near the other (two words either side, as "massed Tuesday in Tahrir Square" and
    "massed in Tahrir Square on Thursday" do), they date two things, however alike the rest
    of their sentences reads ("leaves office in 2017", "the goals are set for 2025")."""
    (before_x, after_x), (before_y, after_y) = _neighbours(a, x), _neighbours(b, y)
    if _opens(a, x, before_x) or _opens(b, y, before_y):
        return False  # "In February, the city council voted": it dates the whole clause
    near_x, near_y = _ties(before_x, after_x, 1), _ties(before_y, after_y, 1)
    return near_x.isdisjoint(_ties(before_y, after_y, 2)) and near_y.isdisjoint(
        _ties(before_x, after_x, 2)
    )


def _opens(side: Side, date: DateClaim, before: list[str]) -> bool:
    """Whether a date opens its sentence and so dates all of it: no content word before
    it, and it owns no thing ("At Wednesday's hearing" dates the hearing alone)."""
    return not before and _OWNER.match(side.doc.text, date.end) is None


def _neighbours(side: Side, date: DateClaim) -> tuple[list[str], list[str]]:
    """The content words of a date's sentence before it and after it (none before: the
    date opens its sentence)."""
    start, end = side.sentence_of(date)
    text = side.doc.text
    return match_tokens(text[start : date.start]), match_tokens(text[date.end : end])


def _ties(before: list[str], after: list[str], reach: int) -> set[str]:
    """The ``reach`` content words either side of a date (figures aside)."""
    before, after = [w for w in before if w != "#"], [w for w in after if w != "#"]
    return {*before[-reach:], *after[:reach]}


# How far after an attribution ("Kirby said", "Kirby told CNN") a date still dates it.
_SAID_REACH = 15
# Word likeness from which the sentences of two statement dates tell one statement.
_SAME_STATEMENT = 0.6


def _said_on(side: Side, date: DateClaim) -> bool:
    """Whether ``date`` dates a statement: it follows an attribution ("said Tuesday")."""
    return any(0 <= date.start - c.end <= _SAID_REACH for c in side.claims.attributions)


def _same_statement(a: Side, b: Side, x: DateClaim, y: DateClaim) -> bool:
    """Whether the sentences of two statement dates tell nearly the same words."""
    return likeness(a, b, x, y) >= _SAME_STATEMENT


def _gives(side: Side, dates: Iterable[DateClaim], rival: DateClaim, x: DateClaim) -> bool:
    """Whether the sentence of ``rival`` on ``side`` also gives a date that overlaps ``x`` and
    not ``rival``: then it dates two events ("elected in 1995 and resigned last year"), and
    the one that differs from ``x`` is the other event. ("This month", which holds both
    days, tells nothing.)"""
    others = [d for d in dates if _same_period(d, x) and not _same_period(d, rival)]
    if not others:
        return False
    start, end = side.sentence_of(rival)
    return any(start <= d.start < end for d in others)


def _figures_beside(side: Side, date: DateClaim) -> set[tuple[float, float]]:
    """The values of the figures in the sentence of ``date``."""
    return {(n.low, n.high) for n in side.beside(date, side.claims.numbers)}


def _same_period(x: DateClaim, y: DateClaim) -> bool:
    """Whether two dates may tell the same days: their periods overlap ("March" and "March
    21"), but two stretches of days must be the same stretch ("March 21-24" is no reading of
    "March 19-24": a poll taken, a summit held from another day)."""
    assert x.first and x.last and y.first and y.last
    if _stretch_of_days(x) and _stretch_of_days(y):
        return (x.first, x.last) == (y.first, y.last)
    return x.first <= y.last and y.first <= x.last


def _stretch_of_days(claim: DateClaim) -> bool:
    """Whether a date is written as a stretch of days in figures ("March 21-24"), not in
    words that span days ("last weekend")."""
    stretch = claim.granularity == "day" and claim.first != claim.last
    return stretch and _DIGIT.search(claim.text) is not None


def _told(claim: DateClaim) -> str:
    """A date as written, with its days as a reader says them where it does not say them
    itself ("Friday" (March 6, 2015), but "2002")."""
    spoken = _spoken(claim)
    shown = "" if spoken.casefold() in claim.text.casefold() else f" ({spoken})"
    return f'"{claim.text}"{shown}'


def _spoken(claim: DateClaim) -> str:
    """A date's days as a reader says them: "March 6, 2015", "March 2015", "2015",
    "March 3-7, 2015", "March 30 to April 2, 2015"."""
    first, last = claim.first, claim.last
    assert first and last
    if first == last:
        return f"{first:%B} {first.day}, {first.year}"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    if first.day == 1 and (last + dt.timedelta(days=1)).day == 1 and first.month == last.month:
        return f"{first:%B} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%B} {first.day}-{last.day}, {first.year}"
    if first.year == last.year:
        return f"{first:%B} {first.day} to {last:%B} {last.day}, {first.year}"
    return f"{first:%B} {first.day}, {first.year} to {last:%B} {last.day}, {last.year}"


def _period(claim: DateClaim) -> str:
    if claim.first == claim.last:
        return f"{claim.first}"
    return f"{claim.first}..{claim.last}"
