"""Dates and periods in news text, absolute ("Oct. 27-28") and relative ("on Friday").

Spans are found by a small grammar of compiled regular expressions, one rule per kind of
expression; each rule's handler turns a match into an inclusive day range resolved against
the article's date (the *anchor*). dateparser is not used: its span search invents dates in
ordinary words ("may", "a", "Do"), it has no day ranges or seasons, it resolves a weekday
that is the article's own day to the week before, and it costs milliseconds per call, while
every expression recognised here resolves with ``datetime`` arithmetic alone.

Conventions (news reports the past):

- A weekday alone is the most recent such day on or before the anchor; "last Friday" is the
  most recent one strictly before it, "next Friday" the first one after it.
- A date without a year takes the latest year that puts it at most `FUTURE_DAYS` after the
  anchor ("December 28" in an article of 2024-01-03 is 2023-12-28). Bare months and
  quarters ("in March", "the third quarter") take the latest one starting at most
  `FUTURE_DAYS` after the anchor. After a word announcing the future ("will", "scheduled",
  "payable", "until"), a year-less date or weekday is the next one on or after the anchor
  instead.
- Seasons are meteorological, Northern hemisphere: spring is March-May, summer June-August,
  autumn September-November, winter December to February (winter 2022 starts in December 2022).
- "Early", "late", "the beginning/end of" keep the whole period they modify: the claim has no
  field for a part of a period, and a wider range never invents a conflict. "Earlier this
  month/year" and "later this ..." are cut at the anchor, since they say which side it is on.
- US numeric dates: 11/01/2024 is November 1; the day comes first only when the first
  number cannot be a month.
- A week runs Monday to Sunday. ``relative`` is True whenever the anchor was needed; without
  an anchor such claims keep ``first = last = None``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from dedupe.model import DateClaim, Granularity

FUTURE_DAYS = 60
"""How far after the article's date a year-less date may fall before it is read as past."""

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_ABBREVIATIONS = {"Sept": 9, **{name[:3]: i + 1 for i, name in enumerate(_MONTHS)}}
# The abbreviations that are not also a full name ("May" is both): these take a full stop.
_SHORT_FORMS = [m for m in _MONTH_ABBREVIATIONS if m not in _MONTHS]
MONTH_SHORT_FORMS = frozenset(m.lower() for m in _SHORT_FORMS)
_MONTH_NUMBER = {
    **{name: i + 1 for i, name in enumerate(_MONTHS)},
    **{name.upper(): i + 1 for i, name in enumerate(_MONTHS)},
    **_MONTH_ABBREVIATIONS,
    **{name.upper(): n for name, n in _MONTH_ABBREVIATIONS.items()},
}
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY_NUMBER = {name: i for i, name in enumerate(_WEEKDAYS)}
WEEKDAY_WORDS = frozenset(name.lower() for name in _WEEKDAYS)
MONTH_WORDS = frozenset(name.lower() for name in _MONTH_ABBREVIATIONS.keys() | _MONTHS)
"""Month names and their short forms, in lower case ("september", "sept", "sep")."""
_NUMBER_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]
_COUNTS = {"a": 1, "an": 1, **{w: i + 1 for i, w in enumerate(_NUMBER_WORDS)}}
_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_ORDINAL_NUMBER = {
    **{word: i + 1 for i, word in enumerate(_ORDINALS)},
    **{f"twenty-{word}": 21 + i for i, word in enumerate(_ORDINALS[:9])},
    "thirtieth": 30,
    "thirty-first": 31,
}
# Words announcing that a year-less date or a weekday lies ahead ("will meet Monday", "closed
# until June"; in news "until" mostly looks ahead, but "wasn't until May" looks back).
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|won't|'ll|scheduled|set\s(?:to|for)|(?:is|are)\s(?:to|due)|expected"
    r"|plans?\sto|planned|due\s(?:to|on|by)|payable|upcoming|next|coming|effective"
    r"|(?<!n't\s)(?<!n’t\s)(?<!not\s)until)\b"
)
_CUE_WINDOW = 60
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# Days named by a weekday that are holidays or events, not the weekday of the article's week.
# ("every Friday" is a recurrence, not a day).
_NAMED_DAYS = re.compile(
    r"(?:Good|Black|Cyber|Super|Ash|Holy|Bloody|Palm|Easter|Maundy|Whit|Man|Girl|Gal"
    r"|[Ee]very|[Ee]ach)\s$"
)


# Days told from the article's own date.
_DAY_WORDS = (
    r"yesterday|today|tomorrow|tonight|this\s{1,3}(?:morning|afternoon|evening)|last\s{1,3}night"
)
DAY_WORD = re.compile(rf"\b(?:{_DAY_WORDS})\b", re.IGNORECASE)
"""Finds, in a date claim's text, a day named from the article's date ("today", "last night")."""


def _alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first so none shadows a longer one."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH_FULL = _alternation(_MONTHS + [m.upper() for m in _MONTHS])
_MONTH_SHORT = _alternation([*_SHORT_FORMS, "SEPT"])
# A full name never takes a full stop (that ends the sentence); an abbreviation may.
_MONTH_ANY = rf"(?:(?:{_MONTH_FULL})\b|(?:{_MONTH_SHORT})\b\.?)"
_WEEKDAY = _alternation(_WEEKDAYS)
_YEAR = r"(?:1[6-9]|20)\d\d"


@dataclass(frozen=True, slots=True)
class _Value:
    """What a matched expression denotes; first/last are None when it awaits an anchor."""

    first: dt.date | None
    last: dt.date | None
    granularity: Granularity
    relative: bool = False


Handler = Callable[[re.Match[str], dt.date | None], _Value | None]


# --- Calendar arithmetic ----------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    last_day = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last_day)


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _week_range(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _quarter_range(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * quarter - 2, 1)
    return first, _month_range(year, 3 * quarter)[1]


def _season_range(year: int, season: str) -> tuple[dt.date, dt.date]:
    start = _SEASON_START[season]
    end_year, end_month = _shift_month(dt.date(year, start, 1), 2)
    return dt.date(year, start, 1), _month_range(end_year, end_month)[1]


def _year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _latest_year(anchor: dt.date, start_of: Callable[[int], dt.date | None], slack: int) -> int:
    """The latest year whose period starts at most ``slack`` days after the anchor."""
    limit = anchor + dt.timedelta(days=slack)
    for year in (anchor.year + 1, anchor.year, anchor.year - 1):
        start = start_of(year)
        if start is not None and start <= limit:
            return year
    return anchor.year - 1


def _year_near(
    anchor: dt.date, start_of: Callable[[int], dt.date | None], future: bool, floor: dt.date
) -> int:
    """The year of a year-less date: the first one from ``floor`` on after a future cue,
    else the latest one starting at most `FUTURE_DAYS` after the anchor."""
    if future:
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            start = start_of(year)
            if start is not None and start >= floor:
                return year
    return _latest_year(anchor, start_of, FUTURE_DAYS)


def _future_context(match: re.Match[str]) -> bool:
    """Whether the words just before a match, in its sentence, speak of the future."""
    before = match.string[max(0, match.start() - _CUE_WINDOW) : match.start()]
    # a full stop after an initial or title ("Daniel P. Davison") does not end the sentence
    sentence = re.split(r"[!?;]\s|(?<=[a-z]{3})\.\s", before)[-1]
    return _FUTURE_CUE.search(sentence) is not None


def _unit_range(unit: str, anchor: dt.date, offset: int) -> tuple[dt.date, dt.date]:
    """The week/weekend/month/quarter/year ``offset`` units from the one holding the anchor."""
    if unit in ("week", "weekend"):
        monday, sunday = _week_range(anchor + dt.timedelta(weeks=offset))
        return (sunday - dt.timedelta(days=1), sunday) if unit == "weekend" else (monday, sunday)
    if unit == "month":
        return _month_range(*_shift_month(anchor, offset))
    if unit == "quarter":
        year, month = _shift_month(anchor, 3 * offset)
        return _quarter_range(year, (month - 1) // 3 + 1)
    return _year_range(anchor.year + offset)


_Range = tuple[dt.date, dt.date]

_UNIT_GRANULARITY: dict[str, Granularity] = {
    "day": "day",
    "weekend": "day",
    "week": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
}
_OFFSET = {"last": -1, "previous": -1, "past": -1, "this": 0, "the": 0, "next": 1, "coming": 1}


def _resolve(
    anchor: dt.date | None, granularity: Granularity, compute: Callable[[dt.date], _Range | None]
) -> _Value | None:
    """Resolve a relative expression, or leave it open when the article has no date."""
    if anchor is None:
        return _Value(None, None, granularity, relative=True)
    days = compute(anchor)
    return None if days is None else _Value(days[0], days[1], granularity, relative=True)


def _absolute(days: _Range | None, granularity: Granularity) -> _Value | None:
    return None if days is None else _Value(days[0], days[1], granularity)


def _offset_word(modifier: str) -> int:
    """-1, 0 or +1 for the word of a modifier that says which period is meant."""
    words = modifier.lower().replace("-", " ").split()
    return next((_OFFSET[w] for w in reversed(words) if w in _OFFSET), 0)


def _cut_at_anchor(days: _Range, modifier: str, anchor: dt.date) -> _Range:
    """ "Earlier this month" ends at the anchor; "later this month" starts there."""
    first, last = days
    if modifier.lower().startswith("earlier") and first <= anchor <= last:
        return first, anchor
    if modifier.lower().startswith("later") and first <= anchor <= last:
        return anchor, last
    return days


# --- Day-level rules ------------------------------------------------------------------------


def _day_number(token: str | None) -> int | None:
    if token is None:
        return None
    token = token.lower()
    return _ORDINAL_NUMBER.get(token) or int(re.sub(r"\D", "", token))


def _day_span(year: int, month: int, first: int, last: int | None) -> _Range | None:
    start = _safe_date(year, month, first)
    end = _safe_date(year, month, last) if last is not None else start
    if start is None or end is None or end < start:
        return None
    return start, end


def _calendar_day(match: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """ "October 25", "Oct. 27-28", "25 October 2024", "Friday, Nov. 1, 2024"."""
    month = _MONTH_NUMBER[match["mon"].rstrip(".")]
    first, last = _day_number(match["d1"]), _day_number(match["d2"])
    assert first is not None  # the pattern requires a first day
    if match["y"]:
        return _absolute(_day_span(int(match["y"]), month, first, last), "day")

    future = _future_context(match)

    def compute(day: dt.date) -> _Range | None:
        year = _year_near(day, lambda y: _safe_date(y, month, first), future, day)
        if match["wd"]:
            year = _year_of_weekday(year, month, first, _WEEKDAY_NUMBER[match["wd"]])
        return _day_span(year, month, first, last)

    return _resolve(anchor, "day", compute)


def _year_of_weekday(year: int, month: int, day: int, weekday: int) -> int:
    """The year next to ``year`` in which the day falls on the weekday the text names, if any."""
    for candidate in (year, year - 1, year + 1):
        found = _safe_date(candidate, month, day)
        if found is not None and found.weekday() == weekday:
            return candidate
    return year


def _iso_day(match: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """ "2024-11-01"."""
    day = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return _absolute(None if day is None else (day, day), "day")


def _numeric_day(match: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """ "11/01/2024", "11/02/89": month first (US) unless the first number cannot be a month."""
    month, day, year = int(match["a"]), int(match["b"]), int(match["y"])
    if month > 12:
        month, day = day, month
    if len(match["y"]) == 2:
        year = _two_digit_year(year, anchor)
    found = _safe_date(year, month, day)
    return _absolute(None if found is None else (found, found), "day")


def _two_digit_year(year: int, anchor: dt.date | None) -> int:
    """The century that puts the year at most ten years after the anchor (or strptime's pivot)."""
    if anchor is None:
        return year + (1900 if year >= 69 else 2000)
    full = anchor.year // 100 * 100 + year
    return full - 100 if full > anchor.year + 10 else full


def _day_word(match: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """ "yesterday", "today", "tonight", "this morning", "last night", "the day after tomorrow"."""
    word = " ".join(match["word"].lower().split())
    if _named_or_generic(match):
        return None
    shift = -2 if "day before" in word else 2 if "day after" in word else 0
    if word.startswith(("yesterday", "last")):
        shift = -1
    elif word.startswith("tomorrow"):
        shift = 1

    def compute(day: dt.date) -> _Range:
        found = day + dt.timedelta(days=shift)
        return found, found

    return _resolve(anchor, "day", compute)


def _named_or_generic(match: re.Match[str]) -> bool:
    """ "USA Today" is a name and "the people of tomorrow" or "today's world" mean no day."""
    before = match.string[max(0, match.start() - 12) : match.start()]
    after = match.string[match.end() : match.end() + 8].lower()
    if match["word"][0].isupper() and re.search(r"\w[^\w.!?:\"'“”]{0,3}$", before):
        return True
    return bool(re.search(r"\bof\s{1,3}$", before) or re.match(r"'s\s{1,3}world\b", after))


def _weekday(match: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """ "Friday" (on or before the anchor), "last Tuesday", "next Monday", "this Sunday"."""
    if _NAMED_DAYS.search(match.string, max(0, match.start() - 12), match.start()):
        return None
    target = _WEEKDAY_NUMBER[match["wd"]]
    offset = _offset_word(match["mod"] or "")
    this_week = "this" in (match["mod"] or "").lower() and offset == 0
    if not match["mod"] and _future_context(match):
        offset = 1  # "talks will resume Monday": the coming Monday (or the anchor day itself)

    def compute(day: dt.date) -> _Range:
        back = (day.weekday() - target) % 7
        if this_week:
            found = _week_range(day)[0] + dt.timedelta(days=target)
        elif offset < 0:
            found = day - dt.timedelta(days=back or 7)
        elif offset > 0:
            ahead = (target - day.weekday()) % 7
            found = day + dt.timedelta(days=ahead if ahead or not match["mod"] else 7)
        else:
            found = day - dt.timedelta(days=back)
        return found, found

    return _resolve(anchor, "day", compute)


def _ago(match: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """ "two days ago", "a week ago", "three years ago"."""
    count_word = match["n"].lower()
    count = int(count_word) if count_word.isdigit() else _COUNTS[count_word]
    unit = match["unit"].lower()

    def compute(day: dt.date) -> _Range:
        if unit == "day":
            found = day - dt.timedelta(days=count)
            return found, found
        return _unit_range(unit, day, -count)

    return _resolve(anchor, _UNIT_GRANULARITY[unit], compute)


# --- Period rules ---------------------------------------------------------------------------


def _month(match: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """ "February 2022", "in March", "last May", "early October", "March of last year"."""
    name = match["mon"]
    month = _MONTH_NUMBER[name.rstrip(".")]
    if match["y"]:
        return _absolute(_month_range(int(match["y"]), month), "month")
    modifier = (match["mod"] or "").lower()
    if not _month_alone_is_date(match, name, modifier):
        return None
    future = _future_context(match)

    def compute(day: dt.date) -> _Range:
        if match["rel"]:
            return _month_range(day.year + _offset_word(match["rel"]), month)
        offset = _offset_word(modifier)
        if offset < 0:
            year = _latest_year(day, lambda y: dt.date(y, month, 1), -day.day)
        elif offset > 0:
            year = day.year + (1 if month <= day.month else 0)
        elif modifier.startswith("this"):
            year = day.year
        else:
            year = _year_near(day, lambda y: dt.date(y, month, 1), future, day.replace(day=1))
        return _month_range(year, month)

    return _resolve(anchor, "month", compute)


def _month_alone_is_date(match: re.Match[str], name: str, modifier: str) -> bool:
    """A month name with no day or year is a date only after a cue; "May" needs a strong one."""
    if match["rel"] or modifier:
        return True
    preposition = (match["prep"] or "").lower()
    if not preposition or (name.capitalize() not in _MONTHS and not name.endswith(".")):
        return False  # "in Jan" may be a person; "in Jan." is the month
    if name in ("May", "March", "MAY", "MARCH"):
        # "told May", "by May" and "the March" are the politician and the walk more often
        return preposition in ("in", "since", "until", "till", "through", "during", "throughout")
    return True


def _year(match: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """ "in 2022", "since 1998", "early 2023", "fiscal 1990"; a bare number is not a year."""
    if not (match["prep"] or match["mod"]):
        return None
    return _absolute(_year_range(int(match["y"])), "year")


def _years(match: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """ "from 2000 to 2006", "between 2010 and 2014": every year from the first to the last."""
    first, last = int(match["y1"]), int(match["y2"])
    if last <= first:
        return None
    return _absolute((_year_range(first)[0], _year_range(last)[1]), "year")


def _decade(match: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """ "the 1990s", "the mid-1980s", "the '90s" (century from the anchor)."""
    if match["full"]:
        start = int(match["full"])
        return _absolute((dt.date(start, 1, 1), dt.date(start + 9, 12, 31)), "decade")
    short = int(match["short"])

    def compute(day: dt.date) -> _Range:
        start = day.year // 100 * 100 + short
        start -= 100 if start > day.year else 0
        return dt.date(start, 1, 1), dt.date(start + 9, 12, 31)

    return _resolve(anchor, "decade", compute)


def _quarter(match: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """ "the third quarter", "Q3 2024", "the fourth quarter of last year", "second-quarter"."""
    token = (match["ord"] or match["q"]).lower()
    quarter = _ORDINAL_NUMBER.get(token) or int(re.sub(r"\D", "", token))
    year = match["y"] or match["fy"]
    if year:
        return _absolute(_quarter_range(int(year), quarter), "quarter")

    def compute(day: dt.date) -> _Range:
        if match["rel"]:
            return _quarter_range(day.year + _offset_word(match["rel"]), quarter)
        start = _latest_year(day, lambda y: _quarter_range(y, quarter)[0], FUTURE_DAYS)
        return _quarter_range(start, quarter)

    return _resolve(anchor, "quarter", compute)


def _season(match: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """ "this summer", "last spring", "in the fall", "the winter of 2022"."""
    season = match["season"].lower()
    if match["y"]:
        return _absolute(_season_range(int(match["y"]), season), "season")
    modifier = (match["mod"] or "").lower()
    if not modifier or (modifier == "the" and not match["prep"]):
        return None
    offset = _offset_word(modifier) if modifier != "the" else 0

    def compute(day: dt.date) -> _Range:
        candidates = [_season_range(y, season) for y in range(day.year - 2, day.year + 2)]
        if offset < 0:
            return max(c for c in candidates if c[1] < day)
        if offset > 0:
            return min(c for c in candidates if c[0] > day)
        if season == "winter":
            return _season_range(day.year if day.month >= 7 else day.year - 1, season)
        return _season_range(day.year, season)

    return _resolve(anchor, "season", compute)


def _relative_unit(match: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """ "last week", "this month", "next year", "earlier this year", "the end of the month"."""
    before = match.string[max(0, match.start() - 4) : match.start()].lower()
    modifier = " ".join(match["mod"].lower().split())
    if modifier in ("last", "next", "past") and before.endswith("the "):
        return None  # "the last year" and "the next month" are durations
    if match["unit"].istitle() and match["mod"][0].isupper():
        return None  # a title: ABC's "This Week"
    unit = match["unit"].lower()

    def compute(day: dt.date) -> _Range:
        days = _unit_range(unit, day, _offset_word(modifier))
        return _cut_at_anchor(days, modifier, day)

    return _resolve(anchor, _UNIT_GRANULARITY[unit], compute)


# --- The grammar ----------------------------------------------------------------------------

_MOD_PERIOD = (
    r"(?i:last|next|this\s{1,3}coming|this|coming|earlier\s{1,3}(?:this|in\s{1,3}the)"
    r"|later\s{1,3}(?:this|in\s{1,3}the)|(?:early|late|mid-?)\s{0,3}(?:this|next|last)"
    r"|the\s{1,3}(?:beginning|start|end|middle)\s{1,3}of\s{1,3}(?:the|this|last|next))"
)
_EDGE_MOD = r"(?i:early|late|mid|the\s{1,3}(?:beginning|start|end|middle)\s{1,3}of)"
_YEAR_PREP = (
    r"(?i:in|since|by|until|till|through|during|from|before|after|for|throughout|between|of"
    r"|around|circa|as\s{1,3}of)"
)
_MONTH_PREP = (
    r"(?i:in|on|since|by|until|till|through|during|from|before|after|for|throughout|of|around)"
)
_PART_OF_DAY = r"(?:\s{1,3}(?:morning|afternoon|evening|night))?"
_NUMBER_WORD = rf"(?i:{_alternation(list(_COUNTS))})"
_DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
_DAY_ANY = rf"(?:{_DAY_NUMBER}|(?:{_alternation(list(_ORDINAL_NUMBER))})(?![\w'-]))"
_RANGE_END = r"(?:\s{0,3}[-–]\s{0,3}|\s{1,3}(?:to|and)\s{1,3})"
_NUMBER_AFTER = r"(?:[.,:/]?\d|\s?%|\s{1,3}(?:percent|per\s{1,3}cent|million|billion)\b)"
# A year followed by a plural noun counts things ("2022 troops"); a few -s words are not nouns.
_COUNTED_NOUN = r"\s{1,3}(?!(?:was|is|has|as|this|its|his|us|does)\b)[a-z]{1,30}s\b"


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    handler: Handler
    # What every match contains: a pattern, or words one of which it holds in lower case. A
    # rule runs only on text where its trigger is found: most sentences hold no date, and
    # rules that open with an optional word are slow to scan.
    trigger: re.Pattern[str] | tuple[str, ...]

    def triggered(self, text: str, start: int, end: int, lowered: str) -> bool:
        """Whether ``text[start:end]`` (``lowered``: in lower case) holds the trigger."""
        if isinstance(self.trigger, tuple):
            return any(word in lowered for word in self.trigger)
        return self.trigger.search(text, start, end) is not None


# Every way of writing a month starts with its three-letter abbreviation.
_MONTH_TRIGGER = tuple(name[:3].lower() for name in _MONTHS)


_RULES = (
    _Rule(
        re.compile(rf"(?<![\d-])(?P<span>(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d))(?![\d-])"),
        _iso_day,
        re.compile(r"\d-[01]\d-"),
    ),
    _Rule(
        re.compile(
            r"(?<![\d/.])(?P<span>(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d\d))(?![\d/])"
        ),
        _numeric_day,
        re.compile(r"\d/\d"),
    ),
    _Rule(
        re.compile(
            rf"(?P<span>(?:\b(?P<wd>{_WEEKDAY}),?\s{{1,3}})?\b(?P<mon>{_MONTH_ANY})\s{{1,3}}"
            rf"(?P<d1>{_DAY_ANY})(?:{_RANGE_END}(?P<d2>{_DAY_NUMBER}))?"
            rf"(?:,?\s{{1,3}}(?P<y>{_YEAR})\b)?)(?!{_NUMBER_AFTER})"
        ),
        _calendar_day,
        _MONTH_TRIGGER,
    ),
    _Rule(
        re.compile(
            rf"(?<![\d.,$£€])(?P<span>(?:\b(?P<wd>{_WEEKDAY}),?\s{{1,3}}(?:the\s{{1,3}})?)?"
            rf"\b(?P<d1>{_DAY_NUMBER})(?:{_RANGE_END}(?P<d2>{_DAY_NUMBER}))?"
            rf"\s{{1,3}}(?:of\s{{1,3}})?(?P<mon>{_MONTH_ANY})(?:,?\s{{1,3}}(?P<y>{_YEAR})\b)?)"
            rf"(?!{_NUMBER_AFTER})"
        ),
        _calendar_day,
        _MONTH_TRIGGER,
    ),
    _Rule(
        re.compile(
            rf"(?:\b(?P<prep>{_MONTH_PREP})\s{{1,3}})?(?P<span>(?:\b(?P<mod>{_MOD_PERIOD}"
            rf"|{_EDGE_MOD})[\s-]{{1,3}})?\b(?P<mon>{_MONTH_ANY})(?:(?:,|\s{{1,3}}of)?\s{{1,3}}"
            rf"(?:(?P<y>{_YEAR})\b|(?P<rel>(?i:last|this|next))\s{{1,3}}year\b))?)"
            rf"(?!\s{{0,3}}\d|'s\b)"
        ),
        _month,
        _MONTH_TRIGGER,
    ),
    _Rule(
        re.compile(
            rf"(?:\b(?P<prep>{_YEAR_PREP})\s{{1,3}}(?:the\s{{1,3}}year\s{{1,3}})?)?"
            rf"(?P<span>(?:\b(?P<mod>{_EDGE_MOD}|(?i:fiscal|calendar))[\s-]{{1,3}})?"
            rf"\b(?P<y>{_YEAR}))\b(?!{_NUMBER_AFTER}|\s{{0,3}}[-–/]\s{{0,3}}\d|'?s\b|{_COUNTED_NOUN})"
        ),
        _year,
        re.compile(_YEAR),
    ),
    _Rule(
        re.compile(
            rf"\b(?i:from|between)\s{{1,3}}(?P<span>(?P<y1>{_YEAR})(?:\s{{1,3}}(?i:to|and|through"
            rf"|until)\s{{1,3}}|\s{{0,3}}[-–]\s{{0,3}})(?P<y2>{_YEAR}))\b(?!{_NUMBER_AFTER})"
        ),
        _years,
        re.compile(_YEAR),
    ),
    _Rule(
        re.compile(
            rf"(?<![\w'])(?P<span>(?:(?i:the)\s{{1,3}})?(?:{_EDGE_MOD}[\s-]{{1,3}})?"
            rf"(?:(?P<full>(?:1[6-9]|20)\d0)'?s|'(?P<short>\d0)s))\b"
        ),
        _decade,
        re.compile(r"0'?s\b"),
    ),
    _Rule(
        re.compile(
            rf"(?<![\w-])(?P<span>(?:(?i:the|this|fiscal)\s{{1,3}}(?:(?P<fy>{_YEAR})\s{{1,3}})?)?"
            r"(?:(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[\s-]{1,3}(?i:quarter)"
            r"|(?P<q>Q[1-4]))"
            rf"(?:(?:\s{{1,3}}of)?\s{{1,3}}(?:(?P<y>{_YEAR})|(?P<rel>(?i:last|this|next))"
            r"\s{1,3}year))?)\b"
        ),
        _quarter,
        ("quarter", "q1", "q2", "q3", "q4"),
    ),
    _Rule(
        re.compile(
            r"(?:\b(?P<prep>(?i:in|during|over|since|until|through|by|throughout|for|before"
            r"|after))\s{1,3})?(?P<span>(?:\b(?P<mod>(?i:this|last|next|past|coming|the|early"
            r"|late|mid)|(?i:the\s{1,3}(?:early|late|mid)))[\s-]{1,3})?"
            r"\b(?P<season>(?i:spring|summer|autumn|fall|winter))\b"
            rf"(?:\s{{1,3}}(?:of\s{{1,3}})?(?P<y>{_YEAR})\b)?)(?!\s{{1,3}}of\b)"
        ),
        _season,
        ("spring", "summer", "autumn", "fall", "winter"),
    ),
    _Rule(
        re.compile(
            rf"(?P<span>\b(?P<mod>{_MOD_PERIOD})\s{{1,3}}"
            r"(?P<unit>(?i:week|weekend|month|quarter|year)))\b(?!\s{1,3}of\b|-)"
        ),
        _relative_unit,
        ("week", "month", "quarter", "year"),
    ),
    _Rule(
        re.compile(
            rf"(?P<span>\b(?P<n>\d{{1,2}}|{_NUMBER_WORD})\s{{1,3}}"
            r"(?P<unit>(?i:day|week|month|year))s?(?:\s{1,3}or\s{1,3}so)?\s{1,3}(?i:ago))\b"
        ),
        _ago,
        ("ago",),
    ),
    _Rule(
        re.compile(
            r"(?P<span>\b(?:(?i:early|late|earlier|later)\s{1,3})?(?P<word>(?i:the\s{1,3}day"
            rf"\s{{1,3}}(?:before\s{{1,3}}yesterday|after\s{{1,3}}tomorrow)|{_DAY_WORDS}))"
            rf"{_PART_OF_DAY})\b"
        ),
        _day_word,
        ("yesterday", "today", "tomorrow", "morning", "afternoon", "evening", "night"),
    ),
    _Rule(
        re.compile(
            rf"(?P<span>\b(?:(?P<mod>{_MOD_PERIOD}|(?i:the\s{{1,3}}(?:previous|following)"
            rf"|previous|early|late|earlier|later))\s{{1,3}})?(?P<wd>{_WEEKDAY})\b{_PART_OF_DAY})\b"
        ),
        _weekday,
        tuple(day.lower() for day in _WEEKDAYS),
    ),
)


def _candidates(text: str, start: int, end: int, anchor: dt.date | None) -> list[DateClaim]:
    found = []
    lowered = text[start:end].lower()
    for rule in _RULES:
        if not rule.triggered(text, start, end, lowered):
            continue
        for match in rule.pattern.finditer(text, start, end):
            value = rule.handler(match, anchor)
            if value is None:
                continue
            s, e = match.span("span")
            found.append(
                DateClaim(
                    s, e, text[s:e], value.first, value.last, value.granularity, value.relative
                )
            )
    return found


def extract_dates(
    text: str, anchor: dt.date | None, start: int = 0, end: int | None = None
) -> list[DateClaim]:
    """The dates and periods in ``text[start:end]``, in order, resolved against ``anchor``.

    ``anchor`` is the article's date. Offsets are absolute in ``text`` and spans never
    overlap: where two expressions compete, the longer one wins ("Friday, Nov. 1" over
    "Friday"). Relative expressions keep ``first = last = None`` when ``anchor`` is None.
    """
    stop = len(text) if end is None else end
    taken = bytearray(stop - start)
    chosen = []
    for claim in sorted(_candidates(text, start, stop, anchor), key=_longest_first):
        if any(taken[claim.start - start : claim.end - start]):
            continue
        taken[claim.start - start : claim.end - start] = b"\x01" * (claim.end - claim.start)
        chosen.append(claim)
    return sorted(chosen, key=lambda c: c.start)


def dates_a_post(text: str, position: int) -> bool:
    """Whether the date at ``position`` is the dateline of an embedded post ("— Jay Inslee
    (@JayInslee) October 15, 2019"): a social-media handle in brackets right before it."""
    return _POST_SIGNATURE.search(text, max(0, position - _SIGNATURE_REACH), position) is not None


_POST_SIGNATURE = re.compile(r"\(@\w{1,30}\)\s*$")
_SIGNATURE_REACH = 40


def _longest_first(claim: DateClaim) -> tuple[int, int]:
    return claim.start - claim.end, claim.start
