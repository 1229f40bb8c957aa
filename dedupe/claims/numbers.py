"""Counts and quantities with their hedges: "about 10,000 troops", "several thousand", "12%".

The grammar is ours (no library keeps hedges, ranges and vague amounts together); only
spelled-out numbers ("twenty six", "five hundred thousand") go to ``text2num``, which reads
a whole run of number words but knows nothing of "a dozen", "half a million" or "a hundred".

A claim is read in this order, left to right over word tokens:

    [hedge] [between] amount [- | to | and amount] [unit] [-noun | of [det] noun | noun]

Vague amounts become intervals (``vague=True``); the choices, all inclusive:

======================  ================  ==============================================
phrase                  interval          why
======================  ================  ==============================================
a few, few              2..5              "a few weeks" is rarely more than five
a handful (of)          2..5              a small countable set, like "a few"
a couple (of)           2..3              usually two, loosely three
several                 2..9              "several thousand" = 2000..9000 (one digit)
dozens                  24..99            "dozens" stops where "more than a hundred" starts
hundreds                200..9,999        plural scales get one order of magnitude of slack:
thousands               2,000..99,999     outlets write "thousands" for 10,000 troops
millions, billions      2M..99.9M, ...    (same rule)
tens of X / hundreds    20..99 x X /      strict, since the scale is spelled out
of X                    200..999 x X
some + plural noun      2..1e12           "some troops": no stated upper bound
======================  ================  ==============================================

A vague base followed by scale words multiplies: "a few hundred" = 200..500.

Not counts (nothing is returned): years (a bare 1800..2100 integer unless it counts a known
noun, "2000 troops", or has a currency or unit), dates ("October 25", "Oct. 27-28",
"25 October", "2024-11-01"), ordinals ("21st", "third"), times ("10:30", "5 p.m.",
"1500 GMT"), decades ("1990s"), numbers glued to letters or inside identifiers and URLs
("F-16", "G20", "24/7"), phone-like digit groups, labels ("Article 5", "Boeing 737",
"No. 10": a bare integer after a label word or a capitalised word inside a sentence),
scores ("2-1"), fractions ("two-thirds") and "one" unless it counts a known noun ("one
soldier" yes; "no one", "one day", "one of the" no).

Ages ("33-year-old") are counts of years with ``counted="year-old"``, so an age never has
the same kind as a duration ("a two-year conflict", ``counted="year"``).

"over"/"under" before a duration ("over 10 years") is read as "during", not as a hedge.
Bare "m" and "k" glued to digits are millions and thousands, as news style uses them
("£10m", "$5bn"); "pounds" is sterling (weights are rarely written so in news).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from text_to_num import text2num

from dedupe.model import Hedge, NumberClaim

__all__ = ["NOUN_CLASSES", "UNBOUNDED", "extract_numbers", "noun_class", "same_kind"]

# Digits with separators, words (letters only, with one inner apostrophe) or one symbol.
# Each repeated group starts with a literal separator, so matching is linear.
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?|\S")
_GROUPED_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# Clock times and time zones right after a number ("5 p.m.", "10am", "1500 GMT").
_TIME_AFTER_RE = re.compile(
    r"\s?(?:[ap]\.?m\b\.?|o['’]clock\b|(?:GMT|BST|UTC|EST|EDT|CET|ET|PT)\b|local time\b)",
    re.IGNORECASE,
)

UNBOUNDED = 1e12
"""Upper bound for "some troops": the text states none."""


class _Tok(NamedTuple):
    text: str
    low: str
    start: int
    end: int
    kind: str  # "num", "word" or "sym"


class _Amount(NamedTuple):
    first: int  # index of the first token
    stop: int  # index after the last token
    low: float
    high: float
    vague: bool = False
    unit: str | None = None
    factor: float = 1.0  # the scale word applied ("million"), for ranges
    bare: bool = False  # plain digits with no separator, scale or currency: maybe a year
    takes_of: bool = False  # "thousands of", "a handful of": a noun follows "of"
    word_one: bool = False  # the word "one", often a pronoun
    zero: bool = False  # "zero", rhetorical unless it counts something ("'zero' response")


class _Noun(NamedTuple):
    counted: str
    first: int
    head: int


_UNITS_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety"
).split()
_SCALE_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion"})
_NUMBER_WORDS = frozenset(_UNITS_WORDS) | _SCALE_WORDS - {"trillion"}  # text2num lacks it
_SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "trln": 1e12,
    "tn": 1e12,
    "k": 1e3,
}
_GLUED_ONLY_SCALES = frozenset({"m", "k"})  # "5m" is five million, "5 m" is not
_VAGUE_BASES: dict[tuple[str, ...], tuple[float, float]] = {
    ("a", "few"): (2, 5),
    ("few",): (2, 5),
    ("a", "handful"): (2, 5),
    ("a", "couple"): (2, 3),
    ("several",): (2, 9),
}
_VAGUE_FIRST = frozenset(key[0] for key in _VAGUE_BASES)
_PLURAL_SCALES: dict[str, tuple[float, float]] = {
    "dozens": (24, 99),
    "hundreds": (200, 9_999),
    "thousands": (2_000, 99_999),
    "millions": (2e6, 99_999_999),
    "billions": (2e9, 99_999_999_999),
}
_TENS_OF: dict[str, tuple[float, float]] = {"tens": (20, 99), "hundreds": (200, 999)}
_SCALE_OF_PLURAL = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}

# Every amount holds a digit or one of these words: text with none has no claim, and most
# sentences have none, so they are not tokenised.
_AMOUNT_WORDS = (
    _NUMBER_WORDS
    | _SCALE_WORDS
    | _PLURAL_SCALES.keys()
    | _TENS_OF.keys()
    | {word for key in _VAGUE_BASES for word in key if word != "a"}
    | {"dozen", "some"}
)
_TRIGGER_RE = re.compile(rf"\d|\b(?i:{'|'.join(sorted(_AMOUNT_WORDS, key=len, reverse=True))})\b")

_HEDGES: dict[tuple[str, ...], Hedge] = {
    ("about",): "about",
    ("approximately",): "about",
    ("around",): "about",
    ("roughly",): "about",
    ("some",): "about",
    ("estimated",): "about",
    ("an", "estimated"): "about",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("close", "to"): "nearly",
    ("just", "under"): "nearly",
    ("just", "below"): "nearly",
    ("up", "to"): "up to",
    ("as", "many", "as"): "up to",
    ("as", "much", "as"): "up to",
    ("no", "more", "than"): "up to",
    ("not", "more", "than"): "up to",
    ("at", "most"): "up to",
    ("at", "least"): "at least",
    ("no", "fewer", "than"): "at least",
    ("no", "less", "than"): "at least",
    ("more", "than"): "more than",
    ("over",): "more than",
    ("above",): "more than",
    ("upwards", "of"): "more than",
    ("in", "excess", "of"): "more than",
    ("just", "over"): "more than",
    ("well", "over"): "more than",
    ("less", "than"): "less than",
    ("fewer", "than"): "less than",
    ("under",): "less than",
    ("below",): "less than",
}
_PREPOSITION_HEDGES = frozenset({"over", "under"})  # "over 10 years" usually means "during"

_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_DOLLAR_PREFIXES = {"us": "USD", "a": "AUD", "c": "CAD", "hk": "HKD", "nz": "NZD", "s": "SGD"}
_CURRENCY_UNITS = frozenset({"USD", "EUR", "GBP", "JPY", "AUD", "CAD", "HKD", "NZD", "SGD"})
_DOLLAR_ADJECTIVES = {"us": "USD", "canadian": "CAD", "australian": "AUD"}
# The tokens besides digits an amount can start at: an amount word, an article or "half"
# before a scale ("a dozen", "half a million"), "between", a currency symbol or a dollar
# prefix ("US$"). A claim is looked for only there.
_STARTS = (
    _AMOUNT_WORDS | {"a", "half", "between"} | _DOLLAR_PREFIXES.keys() | _CURRENCY_SYMBOLS.keys()
)
# Unit words after a number (lemma -> (unit, factor)); cents and pence scale to the currency.
_UNIT_WORDS: dict[str, tuple[str, float]] = {
    "%": ("%", 1),
    "percent": ("%", 1),
    "pct": ("%", 1),
    "dollar": ("USD", 1),
    "dlr": ("USD", 1),
    "dlrs": ("USD", 1),
    "cent": ("USD", 0.01),
    "ct": ("USD", 0.01),
    "cts": ("USD", 0.01),
    "euro": ("EUR", 1),
    "pound": ("GBP", 1),
    "sterling": ("GBP", 1),
    "pence": ("GBP", 0.01),
    "yen": ("JPY", 1),
    "km": ("km", 1),
    "kilometre": ("km", 1),
    "kilometer": ("km", 1),
    "mile": ("mile", 1),
    "metre": ("m", 1),
    "meter": ("m", 1),
    "kg": ("kg", 1),
    "kilogram": ("kg", 1),
    "tonne": ("t", 1),
    "ton": ("t", 1),
}
_TWO_WORD_UNITS: dict[tuple[str, str], str] = {
    ("per", "cent"): "%",
    ("percentage", "point"): "pp",
    ("basis", "point"): "bp",
}
_GLUED_UNITS = frozenset({"km", "kg"})

NOUN_CLASSES: dict[str, str] = {
    **dict.fromkeys(
        "troop soldier military serviceman fighter marine sailor airman personnel paratrooper "
        "reservist conscript mercenary army force contingent".split(),
        "people:military",
    ),
    **dict.fromkeys(
        "people person resident civilian citizen inhabitant individual man woman child adult "
        "villager".split(),
        "people",
    ),
    # Jobs are positions, not people, but outlets report one cut as "500 jobs" or "500 workers".
    **dict.fromkeys("worker employee staff job".split(), "people:worker"),
    **dict.fromkeys("casualty death fatality victim".split(), "people:casualty"),
    **{w: w for w in "year month week day hour minute decade century".split()},
}
"""Counted nouns that name the same kind of thing (lemma -> class).

A class ``people:X`` is a kind of ``people``: "10,000 North Koreans" (a demonym, class
``people``) may count the same men as "10,000 North Korean troops" (``people:military``),
but troops and workers are never the same count. Durations keep one class per unit because
"two years" and "24 months" differ in value. Nouns not listed are their own class.
"""

_PEOPLE_ENDINGS = ("ian", "ean", "can", "crat", "ani", "eli", "aqi")
TIME_NOUNS = frozenset("year month week day hour minute decade century".split())
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_LABEL_WORDS = frozenset(
    "article section clause chapter paragraph page no number room flight route line platform "
    "gate lane rule level grade phase stage round game act version model vol volume part item "
    "resolution amendment highway interstate channel row seat step tier category type size "
    "division group".split()
)
_FRACTIONS = frozenset("half halve third quarter fifth sixth seventh eighth ninth tenth".split())
_DETERMINERS = frozenset("the its their his her our your my those these".split())
_NOT_AFTER_ONE = frozenset("no any every each the this that which someone anyone".split())
_STOP = frozenset(
    "a an the of in on at to for from by with and or but nor as is are was were be been being "
    "has have had will would could should may might can must do does did said says say than "
    "that which who whom whose this these those it its their his her our your my them they he "
    "she we you i there here per up down over under after before ago since last next "
    "into onto out off about around between among against during so not no only also each "
    "every all both such what when where while if then".split()
)
_NOT_PLURAL = frozenset(
    "news series species means politics economics physics lens gas bus chaos status crisis "
    "basis analysis thesis plus minus versus always perhaps whereas unless towards afterwards "
    "besides sometimes".split()
)
_IRREGULAR = {
    "people": "people",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "lives": "life",
    "wives": "wife",
    "halves": "half",
    "police": "police",
    "personnel": "personnel",
    "staff": "staff",
    "military": "military",
}
_IRREGULAR_PLURALS = frozenset(w for w, lemma in _IRREGULAR.items() if w != lemma) | {
    "people",
    "police",
    "personnel",
}
_NOT_SOME = _STOP | _NUMBER_WORDS  # "some of the troops", "some 10,000" (a hedge)
_OPENERS = frozenset({"(", "[", '"', "“", "‘", "'", "~"} | set(_CURRENCY_SYMBOLS))
_SENTENCE_ENDS = frozenset({".", "!", "?", '"', "“", "”", ":", ";", "(", "—", "–", "-"})
_CHANGE_WORDS = frozenset(
    "from rose fell rise fall risen fallen increased decreased climbed dropped jumped slipped "
    "grew gained lost raised lowered cut up down".split()
)
_DASHES = frozenset({"-", "–", "—"})


def extract_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberClaim]:
    """The counts and quantities in ``text[start:end]``, left to right.

    Offsets are absolute into ``text``; each claim spans its hedge, number, unit and counted
    noun, and ``claim.text == text[claim.start:claim.end]``.
    """
    stop = len(text) if end is None else end
    if not _TRIGGER_RE.search(text, start, stop):
        return []
    toks = [_token(m) for m in _TOKEN_RE.finditer(text, start, stop)]
    claims: list[NumberClaim] = []
    i = 0
    while i < len(toks):
        may_start = toks[i].kind == "num" or toks[i].low in _STARTS
        found = _claim_at(text, toks, i) if may_start else None
        if found is None:
            i += 1
            continue
        claim, i = found
        claims.append(claim)
    return claims


def noun_class(counted: str | None) -> str | None:
    """The class of a counted lemma (see `NOUN_CLASSES`); unknown nouns are their own class.

    Nouns for people by origin, party or trade share endings ("north korean", "ethiopian",
    "republican", "democrat", "israeli", "politician"): those are class ``people`` (though
    two different ones never count the same people, see `same_kind`).
    """
    if counted is None:
        return None
    if counted in NOUN_CLASSES:
        return NOUN_CLASSES[counted]
    if counted.endswith(_PEOPLE_ENDINGS):
        return "people"
    return counted


def same_kind(a: NumberClaim, b: NumberClaim) -> bool:
    """Whether two claims count or measure the same kind of thing, so their values compare.

    Units must match ("USD" never compares with "EUR": no conversion is attempted); counted
    nouns must be of compatible classes ("military" ~ "troop" ~ "north korean"). When a side
    has neither unit nor counted noun nothing is known of it, so, conservatively, the two
    are the same kind only when they state the very same figure (then only their hedges
    can differ: "about 10,000" vs "up to 10,000"); never a conflict of values.
    """
    if (a.unit is None and a.counted is None) or (b.unit is None and b.counted is None):
        return (a.low, a.high) == (b.low, b.high)
    if a.unit != b.unit:
        return False
    if a.counted is None or b.counted is None:
        return a.unit is not None
    if a.counted != b.counted and _named_people(a.counted) and _named_people(b.counted):
        return False  # "Republicans" and "Democrats", "Americans" and "Iraqis": other people
    return _compatible(noun_class(a.counted), noun_class(b.counted))


def _named_people(counted: str) -> bool:
    """Whether a counted noun names people by origin or party ("north korean", "democrat")."""
    return counted not in NOUN_CLASSES and counted.endswith(_PEOPLE_ENDINGS)


def _compatible(x: str | None, y: str | None) -> bool:
    """Equal classes, or a class and its parent ("people" and "people:military")."""
    if x is None or y is None:
        return False
    return x == y or x.split(":")[0] == y or y.split(":")[0] == x


def _token(match: re.Match[str]) -> _Tok:
    word = match.group()
    # isdecimal, not isdigit: "²" is a digit to Python but float() rejects it; the token
    # pattern's \d matches exactly the decimal digits, so only its numbers count as "num".
    kind = "num" if word[0].isdecimal() else "word" if word[0].isalpha() else "sym"
    return _Tok(word, word.lower(), match.start(), match.end(), kind)


def _glued(toks: list[_Tok], k: int) -> bool:
    """Whether token k touches the token before it (no space between)."""
    return 0 < k < len(toks) and toks[k].start == toks[k - 1].end


def _word(toks: list[_Tok], k: int) -> str:
    """The lower-cased token k, or "" past either end."""
    return toks[k].low if 0 <= k < len(toks) else ""


# --- Reading one claim ------------------------------------------------------------------


def _claim_at(text: str, toks: list[_Tok], i: int) -> tuple[NumberClaim, int] | None:
    """The claim whose amount starts at token i, and the index after it."""
    amount = _amount_at(text, toks, i)
    if amount is None:
        return None
    unit, factor, j = _unit_after(toks, amount.stop)
    unit = amount.unit or unit
    trailing, j = _hedge_after(toks, j)
    noun = None if unit in _CURRENCY_UNITS else _counted(toks, j, amount, unit)
    if noun is not None and noun.counted in _FRACTIONS:
        return None
    if noun is not None and unit is None and noun.counted in _UNIT_WORDS:
        unit, factor = _UNIT_WORDS[noun.counted]  # "one-billion-dlr", "10-km"
        noun = _Noun("", noun.first, noun.head)
    if _rejected(text, toks, amount, unit, noun):
        return None
    first, hedge = _hedge_before(toks, amount.first, noun)
    hedge = hedge or trailing
    last = max(j - 1, amount.stop - 1, noun.head if noun else -1)
    begin, finish = toks[first].start, toks[last].end
    span = (toks[noun.first].start, toks[noun.head].end) if noun else None
    claim = NumberClaim(
        start=begin,
        end=finish,
        text=text[begin:finish],
        low=_times(amount.low, factor),
        high=_times(amount.high, factor),
        hedge=hedge,
        vague=amount.vague,
        unit=unit,
        counted=noun.counted if noun and noun.counted else None,
        counted_span=span if noun and noun.counted else None,
    )
    return claim, last + 1


def _amount_at(text: str, toks: list[_Tok], i: int) -> _Amount | None:
    """A number, number words or vague amount starting at token i, with a range if any."""
    if toks[i].low == "between":
        inner = _amount_at(text, toks, i + 1)
        return None if inner is None else _range(text, toks, inner, i)
    amount = _digits_amount(text, toks, i) or _words_amount(toks, i) or _vague_amount(toks, i)
    if amount is None or amount.vague:
        return amount
    amount = _and_a_half(toks, amount)
    return _range(text, toks, amount, None)


def _and_a_half(toks: list[_Tok], a: _Amount) -> _Amount:
    """ "two and a half", "two-and-a-half", "a billion and a half": one half more of the
    amount's last scale word (of one after a plain number); scale words after "half" scale
    the whole ("three and a half billion")."""
    words = [t.low for t in toks[a.stop : a.stop + 7] if t.text not in _DASHES]
    if words[:3] != ["and", "a", "half"]:
        return a
    stop = a.stop
    while toks[stop].low != "half":
        stop += 1
    scale = _SCALES.get(toks[a.stop - 1].low, 1.0)
    factor, after = _scale_after(toks, stop + 1) if scale == 1 else (1.0, stop + 1)
    low, high = (_times(v + scale / 2, factor) for v in (a.low, a.high))
    return a._replace(stop=after, low=low, high=high, factor=a.factor * factor, bare=False)


def _digits_amount(text: str, toks: list[_Tok], i: int) -> _Amount | None:
    """Digits, with a currency before them and scale words after ("$2.5 billion")."""
    unit, k = _currency_before(toks, i)
    if k >= len(toks) or toks[k].kind != "num" or not _clean_left(toks, k, unit is not None):
        return None
    value = _parse_digits(toks[k].text)
    if value is None:
        return None
    factor, j = _scale_after(toks, k + 1)
    if not _clean_right(text, toks, j):
        return None
    if j == k + 2 and toks[k + 1].low == "m" and unit is None and not _head_noun(toks, j, False):
        factor, unit = 1.0, "m"  # "100m", "6.63m": metres, unless it counts ("3m people")
    bare = toks[k].text.isdecimal() and factor == 1 and unit is None
    v = _times(value, factor)
    return _Amount(i, j, v, v, unit=unit, factor=factor, bare=bare)


def _currency_before(toks: list[_Tok], i: int) -> tuple[str | None, int]:
    """The currency of a symbol at token i ("$", "US$", "€") and the index after it."""
    t = toks[i]
    if t.text in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[t.text], i + 1
    # "US$5", "HK$2": the letters belong to the currency when they start a word.
    standalone = not _glued(toks, i) or toks[i - 1].kind == "sym"
    if t.low in _DOLLAR_PREFIXES and _word(toks, i + 1) == "$" and _glued(toks, i + 1):
        return (_DOLLAR_PREFIXES[t.low], i + 2) if standalone else (None, i)
    return None, i


def _clean_left(toks: list[_Tok], k: int, after_currency: bool) -> bool:
    """A number starts cleanly: not glued to a letter, digit or joiner ("F-16", "24/7")."""
    if len(toks[k].text) > 1 and toks[k].text[0] == "0" and toks[k].text[1].isdecimal():
        return False  # "020 7946": codes and phone numbers
    if not _glued(toks, k):
        return not (k > 0 and toks[k - 1].kind == "num")  # "10 000", "+44 20 7946"
    return after_currency or toks[k - 1].text in _OPENERS


def _clean_right(text: str, toks: list[_Tok], j: int) -> bool:
    """Nothing glued after the number but a symbol that may end it ("21st", "10:30" fail)."""
    if j >= len(toks) or not _glued(toks, j):
        return True
    nxt = toks[j]
    if nxt.kind == "word":
        return nxt.low in _GLUED_UNITS
    if nxt.text in {":", "/", "@", "_", "#"}:
        return False
    return not (nxt.text == "." and _glued(toks, j + 1) and toks[j + 1].kind != "sym")


def _parse_digits(digits: str) -> float | None:
    """The value of "10,000" or "9.8"; None for "1,2" or "1.2.3" (lists, versions, dates)."""
    if len(digits) > 24:
        return None  # an identifier, not a quantity (and float() would give inf)
    if "," in digits:
        return float(digits.replace(",", "")) if _GROUPED_RE.fullmatch(digits) else None
    return float(digits) if digits.count(".") <= 1 else None


def _times(value: float, factor: float) -> float:
    """``value * factor`` in decimal, so that 1.13 billion is 1130000000, not 1129999999.99."""
    return float(Decimal(repr(value)) * Decimal(repr(factor)))


def _scale_after(toks: list[_Tok], j: int) -> tuple[float, int]:
    """The product of scale words from token j ("million", glued "bn") and the index after."""
    factor = 1.0
    for _ in range(3):  # "hundred thousand million" is already absurd
        if j >= len(toks) or toks[j].low not in _SCALES:
            break
        if toks[j].low in _GLUED_ONLY_SCALES and not _glued(toks, j):
            break
        factor *= _SCALES[toks[j].low]
        j += 1
    return factor, j


def _words_amount(toks: list[_Tok], i: int) -> _Amount | None:
    """Spelled-out numbers: "twelve", "twenty-six", "two dozen", "a hundred", "half a million"."""
    low = toks[i].low
    if low == "half" and _word(toks, i + 1) == "a":
        inner = _words_amount(toks, i + 1)
        if inner is None or inner.stop == i + 2:
            return None
        return inner._replace(first=i, low=inner.low / 2, high=inner.high / 2)
    if low == "a" and _word(toks, i + 1) in _SCALE_WORDS | {"dozen"}:
        value, j = 1.0, i + 1  # "a hundred" is one hundred; the scale is read next
        if _word(toks, j) in _NUMBER_WORDS:
            value, j = _number_words(toks, j)
    elif low in _NUMBER_WORDS and not (_glued(toks, i) and toks[i - 1].text in _DASHES):
        value, j = _number_words(toks, i)  # not "multi-billion"
    else:
        return None
    if _word(toks, j) == "dozen":
        value, j = value * 12, j + 1
    factor, j = _scale_after(toks, j)  # text2num has no "trillion"
    one = low == "one" and j == i + 1
    v = _times(value, factor)
    # bare: a spelled-out number may be a label too ("lane seven")
    return _Amount(i, j, v, v, factor=factor, bare=True, word_one=one, zero=v == 0)


def _number_words(toks: list[_Tok], i: int) -> tuple[float, int]:
    """The longest run of number words from token i that text2num reads, and the index after."""
    words: list[tuple[str, int]] = []
    k = i
    while k < len(toks) and len(words) < 12:
        low = toks[k].low
        if low in _NUMBER_WORDS:
            words.append((low, k + 1))
        elif not (low in {"-", "and"} and words and _word(toks, k + 1) in _NUMBER_WORDS):
            break
        k += 1
    for n in range(len(words), 0, -1):  # "one two" fails whole; fall back to "one"
        try:
            return float(text2num(" ".join(w for w, _ in words[:n]), "en")), words[n - 1][1]
        except ValueError:
            continue
    return float(text2num(words[0][0], "en")), words[0][1]


def _vague_amount(toks: list[_Tok], i: int) -> _Amount | None:
    """ "several thousand", "a few", "thousands", "tens of thousands", "some" + plural noun."""
    low = toks[i].low
    if low in _TENS_OF and _word(toks, i + 1) == "of" and _word(toks, i + 2) in _SCALE_OF_PLURAL:
        lo, hi = _TENS_OF[low]
        scale = _SCALE_OF_PLURAL[_word(toks, i + 2)]
        return _Amount(i, i + 3, lo * scale, hi * scale, vague=True, takes_of=True)
    if low in _PLURAL_SCALES:
        lo, hi = _PLURAL_SCALES[low]
        return _Amount(i, i + 1, lo, hi, vague=True, takes_of=True)
    if low == "some" and _word(toks, i + 1).isalpha() and _word(toks, i + 1) not in _NOT_SOME:
        return _Amount(i, i + 1, 2, UNBOUNDED, vague=True)
    if low not in _VAGUE_FIRST:
        return None
    for key, (lo, hi) in _VAGUE_BASES.items():
        if tuple(_word(toks, i + n) for n in range(len(key))) != key:
            continue
        if key == ("a", "couple") and _word(toks, i + 2) != "of":
            return None  # "a couple who ...": two people, but not written as a number
        factor, j = _scale_after(toks, i + len(key))
        takes_of = key[-1] in {"handful", "couple", "few"} or factor > 1
        return _Amount(i, j, lo * factor, hi * factor, vague=True, takes_of=takes_of)
    return None


def _range(text: str, toks: list[_Tok], a: _Amount, between: int | None) -> _Amount | None:
    """Extend ``a`` over "-10", "to 10" or (after "between") "and 10"; None for a score."""
    unit, _, j = _unit_after(toks, a.stop)  # "20% and 30%"
    joiner = _word(toks, j)
    dash = joiner in _DASHES and (_glued(toks, j) or joiner == "–")
    if not (dash or joiner in {"to", "or"} or (joiner == "and" and between is not None)):
        return a if between is None else None
    b = _range_end(text, toks, j + 1, dash)
    valid = b is not None and _valid_range(toks, a, b, "-" if dash else joiner)
    if valid and b is not None and unit is not None and _unit_after(toks, b.stop)[0] != unit:
        valid = False  # "5% to 300 points": not one quantity
    if b is None or not valid:
        # A glued dash with no valid range after it is a score, a phone number or a code.
        glued_number = dash and j + 1 < len(toks) and toks[j + 1].kind == "num"
        return None if glued_number or between is not None else a
    factor = b.factor if a.factor == 1 else 1.0
    first = a.first if between is None else between
    bare = a.bare and b.factor == 1 and b.unit is None
    unit = a.unit or b.unit
    low = _times(a.low, factor)
    return _Amount(first, b.stop, low, b.high, unit=unit, factor=b.factor, bare=bare)


def _range_end(text: str, toks: list[_Tok], k: int, dash: bool) -> _Amount | None:
    """The second number of a range; after a dash it may touch the dash."""
    if k >= len(toks):
        return None
    if dash and toks[k].kind == "num":
        value = _parse_digits(toks[k].text)
        factor, j = _scale_after(toks, k + 1)
        if value is None or not _clean_right(text, toks, j):
            return None
        bare = toks[k].text.isdecimal() and factor == 1
        v = _times(value, factor)
        return _Amount(k, j, v, v, factor=factor, bare=bare)
    return _digits_amount(text, toks, k) or _words_amount(toks, k)


def _valid_range(toks: list[_Tok], a: _Amount, b: _Amount, joiner: str) -> bool:
    """Whether "a-b", "a to b", "a or b" is a range of one quantity, not a score or change."""
    low = _times(a.low, b.factor if a.factor == 1 else 1)
    if not low < b.high:
        return False
    if joiner == "to" and (b.high > 10 * low or _word(toks, a.first - 1) in _CHANGE_WORDS):
        return False  # "rose from 5 to 10", "rose 5% to 10%": a change, not a range
    if joiner == "or":
        return b.high <= 2 * low + 1  # "two or three", "five or six"; not "1 or 10"
    if joiner == "-":
        left, right = toks[a.stop - 1].text, toks[b.first].text
        if len(right) > len(left) + 1 or (len(left), len(right)) == (3, 4):
            return False  # "555-1234"
    return True


# --- After the amount -------------------------------------------------------------------


def _unit_after(toks: list[_Tok], j: int) -> tuple[str | None, float, int]:
    """A unit after the amount ("%", "per cent", "US dollars", "km") as (unit, factor, next)."""
    if j >= len(toks):
        return None, 1.0, j
    pair = (_word(toks, j), _lemma(_word(toks, j + 1)))
    if pair in _TWO_WORD_UNITS:
        return _TWO_WORD_UNITS[pair], 1.0, j + 2
    if pair[0] in _DOLLAR_ADJECTIVES and pair[1] == "dollar":
        return _DOLLAR_ADJECTIVES[pair[0]], 1.0, j + 2
    word = _lemma(toks[j].low)
    if word in _UNIT_WORDS:
        unit, factor = _UNIT_WORDS[word]
        return unit, factor, j + 1
    return None, 1.0, j


def _counted(toks: list[_Tok], j: int, a: _Amount, unit: str | None) -> _Noun | None:
    """The noun the amount counts: "-year", "of its military", "North Korean troops"."""
    if j >= len(toks):
        return None
    if toks[j].text in _DASHES and _glued(toks, j) and _glued(toks, j + 1):
        return _compound_noun(toks, j + 1) if toks[j + 1].kind == "word" else None
    if toks[j].low == "of":
        if a.word_one or not (a.takes_of or unit == "%" or _word(toks, j + 1) in _DETERMINERS):
            return None
        k = j + 2 if _word(toks, j + 1) in _DETERMINERS else j + 1
        return _head_noun(toks, k, partitive=True)
    if unit is not None and unit != "%":
        return None
    return _head_noun(toks, j, partitive=False)


def _compound_noun(toks: list[_Tok], k: int) -> _Noun | None:
    """The word after "10-": "two-year" -> year, "33-year-old" -> year-old, "-strong force"."""
    low = toks[k].low
    if low == "strong":
        found = _head_noun(toks, k + 1, partitive=False)
        return _Noun(found.counted, k, found.head) if found else None
    if low in TIME_NOUNS and _word(toks, k + 1) == "-" and _word(toks, k + 2) == "old":
        return _Noun(f"{low}-old", k, k + 2)
    return _Noun(_lemma(low), k, k)


def _head_noun(toks: list[_Tok], k: int, partitive: bool) -> _Noun | None:
    """The head of the noun phrase from token k: a listed noun, else the last plural.

    Up to three modifiers may come first ("North Korean troops"). After "of" a short phrase
    may end in a singular noun ("of the vote"). A capitalised plural is a demonym or party
    member ("North Koreans" -> "north korean").
    """
    words = _phrase(toks, k)
    for n, idx in enumerate(words):
        if _lemma(toks[idx].low) in NOUN_CLASSES:
            return _named(toks, words[: n + 1])
    plurals = [n for n, idx in enumerate(words) if _is_plural(toks[idx].low)]
    if plurals:  # the last: "sports utility vehicles" counts vehicles
        return _named(toks, words[: plurals[-1] + 1])
    if partitive and 0 < len(words) <= 2:
        return _named(toks, words)
    return None


def _phrase(toks: list[_Tok], k: int) -> list[int]:
    """Indices of up to four consecutive words from token k that are not function words."""
    words: list[int] = []
    while k < len(toks) and len(words) < 4:
        t = toks[k]
        if t.kind != "word" or t.low in _STOP or t.low in _NUMBER_WORDS or t.low in _MONTHS:
            break
        words.append(k)
        k += 1
    if k < len(toks) and toks[k].text in _DASHES and _glued(toks, k) and _glued(toks, k + 1):
        return []  # "8% of search-engine Google": a compound we cannot head
    return words


def _named(toks: list[_Tok], words: list[int]) -> _Noun:
    """The counted noun ending at the last of ``words``, with a capitalised run as one name."""
    head = words[-1]
    first = head
    if toks[head].text[0].isupper() and _lemma(toks[head].low) not in NOUN_CLASSES:
        while first - 1 >= words[0] and toks[first - 1].text[0].isupper():
            first -= 1
    names = [toks[n].low for n in range(first, head)]
    return _Noun(" ".join([*names, _lemma(toks[head].low)]), first, head)


def _is_plural(word: str) -> bool:
    """Whether a lower-case word looks like a plural noun ("troops", "people", "women")."""
    if word in _IRREGULAR_PLURALS or (word.endswith("men") and len(word) > 4):
        return True
    if word in _NOT_PLURAL or word in _STOP or len(word) < 3:
        return False
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))


def _lemma(word: str) -> str:
    """A singular form by a few rules: "troops" -> "troop", "casualties" -> "casualty"."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"
    if not _is_plural(word):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    return word[:-1]


# --- What is not a count, and the hedge -------------------------------------------------


def _rejected(
    text: str, toks: list[_Tok], a: _Amount, unit: str | None, noun: _Noun | None
) -> bool:
    """Dates, times, years, labels, and "one" as a pronoun."""
    known = noun is not None and noun.counted in NOUN_CLASSES
    if a.zero and noun is None:
        return True
    if a.word_one:
        return not known or _word(toks, a.first - 1) in _NOT_AFTER_ONE or _noun_is(noun, "day")
    if a.vague:
        return a.first == a.stop - 1 and toks[a.first].low in {"few", "some"} and noun is None
    if _is_date(toks, a) or _TIME_AFTER_RE.match(text, toks[a.stop - 1].end):
        return True
    year_like = 1800 <= a.low <= a.high <= 2100 and toks[a.first].kind == "num"
    if year_like and _noun_is(noun, "year") and "," not in toks[a.first].text:
        return True  # "the 2020 budget year", "the 2019 school year" name a year
    if not a.bare or unit is not None:
        return False
    if year_like and not known:
        return True  # "in 2022", "2010-2015"
    return _is_label(text, toks, a.first, noun is not None)


def _noun_is(noun: _Noun | None, lemma: str) -> bool:
    """Whether the counted noun is ``lemma`` ("one day" is an adverbial, not a count)."""
    return noun is not None and noun.counted == lemma


def _is_date(toks: list[_Tok], a: _Amount) -> bool:
    """A month name before ("October 25", "Oct. 27-28") or after ("25 October")."""
    if a.vague or a.factor != 1 or a.unit is not None or not 1 <= a.low <= a.high <= 31:
        return False
    if a.low != int(a.low) or a.high != int(a.high):
        return False  # "Feb 872.0" in a table is a quantity
    before = a.first - 2 if _word(toks, a.first - 1) == "." else a.first - 1
    after = a.stop + 1 if _word(toks, a.stop) == "of" else a.stop
    return any(
        0 <= k < len(toks) and toks[k].low in _MONTHS and toks[k].text[0].isupper()
        for k in (before, after)
    )


def _is_label(text: str, toks: list[_Tok], k: int, counts: bool) -> bool:
    """A bare integer naming something: "Article 5", "No. 10", "Boeing 737", "#1".

    After a capitalised word it is a label only when it counts nothing ("Boeing 737" but
    not "Australia three years ago").
    """
    prev = k - 2 if _word(toks, k - 1) == "." else k - 1
    if prev < 0:
        return False
    word = toks[prev]
    if word.low in _LABEL_WORDS or word.text == "#":
        return True
    if counts or word.kind != "word" or not word.text[0].isupper() or word.low in _HEDGE_WORDS:
        return False
    if prev == 0 or toks[prev - 1].text in _SENTENCE_ENDS:
        return False  # a capital that starts a sentence says nothing
    return "\n" not in text[toks[prev - 1].end : word.start]


_HEDGE_WORDS = frozenset(w for key in _HEDGES for w in key) | {"between"}


# Hedges written after the figure: "10,000 or more troops", "$500 billion or so", "$1 billion
# plus in aid", "20-plus years".
_TRAILING_HEDGES: dict[tuple[str, ...], Hedge] = {
    ("or", "more"): "at least",
    ("or", "so"): "about",
    ("or", "less"): "up to",
    ("or", "fewer"): "up to",
    ("plus",): "at least",
    ("-", "plus"): "at least",
}


def _hedge_after(toks: list[_Tok], j: int) -> tuple[Hedge | None, int]:
    """A hedge right after the figure (and its unit), and the index after it. "plus" is a
    hedge only where no amount is added to the figure: "$1 billion plus interest" adds."""
    for key, hedge in _TRAILING_HEDGES.items():
        stop = j + len(key)
        if stop > len(toks) or tuple(toks[m].low for m in range(j, stop)) != key:
            continue
        if key[0] == "-" and not (_glued(toks, j) and _glued(toks, j + 1)):
            continue
        if key == ("plus",) and stop < len(toks) and _adds(toks[stop]):
            continue
        return hedge, stop
    return None, j


def _adds(tok: _Tok) -> bool:
    """Whether the token after "plus" starts an added amount or thing ("plus interest")."""
    return tok.kind == "num" or (tok.kind == "word" and tok.low not in _STOP)


def _hedge_before(toks: list[_Tok], first: int, noun: _Noun | None) -> tuple[int, Hedge | None]:
    """The longest hedge phrase right before token ``first``: (index of its start, hedge)."""
    for n in (3, 2, 1):
        k = first - n
        if k < 0 or any(toks[m].kind != "word" for m in range(k, first)):
            continue
        key = tuple(toks[m].low for m in range(k, first))
        if key not in _HEDGES:
            continue
        if n == 1 and key[0] in _PREPOSITION_HEDGES and noun and noun.counted in TIME_NOUNS:
            return first, None
        return k, _HEDGES[key]
    return first, None
