"""Copied-sentence revisions: a sentence of one article copied into another with exactly one
figure (or one date or weekday) changed and nothing else.

Sites are found with this module's own patterns, not with dedupe's extractors: any figure
that is not a year, a time, a calendar day, an ordinal or part of a range or score, in a
sentence of six words or more that ends like a sentence. Sentences that name no person,
place or organisation (no capitalised word but the first, months and weekdays) are chosen
half the time when the article has one, so short sports, culture and market sentences are
well represented. The other article is built two ways:

- **in article**: the revised sentence among two thirds of the original's other sentences
  (the rest dropped), so the two articles are paired as a rewrite of one story;
- **two shared sentences**: the revised sentence and its neighbour, copied verbatim, set
  as a paragraph into another article of the same corpus on another event, so the two
  articles share only those two sentences.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from dedupe.claims.numbers import extract_numbers
from dedupe.model import Document
from dedupe.segment import sentences

Spot = tuple[int, int]

MONTHS = (
    "January February March April May June July August September October November December "
    "Jan. Feb. Mar. Apr. Aug. Sept. Sep. Oct. Nov. Dec."
).split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTH = "|".join(re.escape(m) for m in MONTHS)


@dataclass(frozen=True)
class Change:
    """An altered copy: its text, where the change lies in it, and a short note.

    ``details`` are breakdown keys, one per breakdown (e.g. whether the quote's speaker is
    known); every case of one kind has the same breakdowns in the same order.
    """

    text: str
    spots: tuple[Spot, ...]
    note: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Site:
    """One token of one sentence of the original that a revision changes."""

    sentence: Spot
    token: Spot
    new: str
    note: str
    details: tuple[str, ...]


# A figure, not part of a longer token: "A320", "COVID-19", "10:30", "3-1", "9/11", "1.5" as
# "5", "1980s", "2nd" are not sites.
_FIGURE = re.compile(
    r"(?<![\w.,:/-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?!\d|,\d|[.:/-]\d|(?:st|nd|rd|th|s)\b|[A-Za-z]*\d)"
)
_MONTH_BEFORE = re.compile(rf"(?:{MONTH})\s*$")
_MONTH_DAY = re.compile(rf"\b({MONTH})\s+(\d{{1,2}})\b(?![:,]?\d)")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_HOUR_AFTER = re.compile(r"\s*(?:[ap]\.?m\b|o['’]clock|GMT|[ECMP][SD]?T\b|BST|CET)", re.I)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
_NOT_NAMES = frozenset(["I", *MONTHS, *(m.rstrip(".") for m in MONTHS), *WEEKDAYS])
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)]?$|[\"”]$")


def revisable_sentences(doc: Document) -> list[Spot]:
    """The body's sentences that can carry a revision: not boilerplate, six words or more,
    ending like a sentence (so headlines, datelines and table rows are left out)."""
    out = []
    for s in sentences(doc):
        text = doc.text[s.start : s.end].strip()
        if not s.boilerplate and len(text.split()) >= 6 and _ENDS_SENTENCE.search(text):
            out.append((s.start, s.end))
    return out


def names_nobody(sentence: str, lower: frozenset[str]) -> bool:
    """No person, place or organisation named: every capitalised word is "I", a month or
    weekday, or a word capitalised only for its place (first in the sentence or after an
    opening quote or colon) that the article also writes in lower case ("The", "With";
    not "Schumer")."""
    for m in _CAPITALISED.finditer(sentence):
        word = m.group().rstrip(".'’")
        if word in _NOT_NAMES or re.match(r"I['’]", word):
            continue
        before = sentence[: m.start()].rstrip()
        opens = not before or before[-1] in "\"“‘'(—-:"
        if not (opens and word.lower() in lower):
            return False
    return True


def lower_words(text: str) -> frozenset[str]:
    """The words an article writes in lower case."""
    return frozenset(w for w in re.findall(r"[\w'’]+", text) if w.islower())


def figure_sites(doc: Document, rng: random.Random) -> list[Site]:
    """Every figure of the revisable sentences, each with its revised value."""
    read = [(c.start, c.end) for c in extract_numbers(doc.text)]
    lower = lower_words(doc.text)
    out = []
    for start, end in revisable_sentences(doc):
        for m in _FIGURE.finditer(doc.text, start, end):
            if _date_or_time(doc.text, m):
                continue
            new, step = revised_figure(m.group(), rng)
            seen = any(a <= m.start() < b for a, b in read)
            details = (
                step,
                _who(doc.text[start:end], lower),
                "extractor reads the figure" if seen else "extractor skips the figure",
            )
            out.append(Site((start, end), m.span(), new, f"{m.group()} -> {new}", details))
    return out


def _date_or_time(text: str, m: re.Match[str]) -> bool:
    """A year (1900-2099 written plainly), the day of "March 3" or a time ("10 p.m."):
    a date or an hour, not a figure."""
    plain = m.group().isdigit()
    return (
        (plain and 1900 <= int(m.group()) <= 2099)
        or bool(_MONTH_BEFORE.search(text[max(0, m.start() - 12) : m.start()]))
        or bool(_HOUR_AFTER.match(text, m.end()))
    )


def date_sites(doc: Document, rng: random.Random) -> list[Site]:
    """Every weekday and month-day of the revisable sentences, moved by one day."""
    lower = lower_words(doc.text)
    out = []
    for start, end in revisable_sentences(doc):
        who = _who(doc.text[start:end], lower)
        for m in _WEEKDAY.finditer(doc.text, start, end):
            new = WEEKDAYS[(WEEKDAYS.index(m.group()) + rng.choice((1, -1))) % 7]
            note = f"{m.group()} -> {new}"
            out.append(Site((start, end), m.span(), new, note, ("weekday", who)))
        for m in _MONTH_DAY.finditer(doc.text, start, end):
            day = int(m.group(2))
            new = str(day + 1 if day == 1 or (day < 28 and rng.random() < 0.5) else day - 1)
            note = f"{m.group()} -> {m.group(1)} {new}"
            out.append(Site((start, end), m.span(2), new, note, ("month-day", who)))
    return sorted(out, key=lambda s: s.token)


def _who(sentence: str, lower: frozenset[str]) -> str:
    return "names nobody" if names_nobody(sentence, lower) else "names someone"


def revised_figure(figure: str, rng: random.Random) -> tuple[str, str]:
    """Another value of the same shape: half the time a one-step correction of the last
    significant digit (18 -> 19, 92 -> 91, 2.5 -> 2.6, 300 -> 400), else a larger change
    rounded one place finer (23 -> 31, 100 -> 60, 10,000 -> 13,000); returns the value and
    which of the two it is."""
    whole, _, decimals = figure.replace(",", "").partition(".")
    places = len(decimals)
    units = int(whole + decimals)  # the figure in steps of its last written place
    zeros = len(str(units)) - len(str(units).rstrip("0")) if units and not places else 0
    step = 10**zeros
    if rng.random() < 0.5:
        new = units + rng.choice((step, -step))
        kind = "one-step revision"
    else:
        finer = max(step // 10, 1)
        new = round(units * rng.choice((1.2, 1.35, 1.5, 0.8, 0.65)) / finer) * finer
        kind = "larger revision"
    new = new if new > 0 and new != units else units + step
    return _written(new, places, "," in figure), kind


def _written(units: int, places: int, commas: bool) -> str:
    """``units`` steps of ``10**-places`` written as the original was (commas, decimals)."""
    whole, part = divmod(units, 10**places) if places else (units, 0)
    head = f"{whole:,}" if commas else str(whole)
    return f"{head}.{part:0{places}d}" if places else head


def pick(sites: Sequence[Site], rng: random.Random) -> Site | None:
    """One site; one in a sentence that names nobody half the time when there is one."""
    nameless = [s for s in sites if "names nobody" in s.details]
    if nameless and rng.random() < 0.5:
        return rng.choice(nameless)
    return rng.choice(list(sites)) if sites else None


def in_article(doc: Document, site: Site, rng: random.Random) -> Change:
    """The revised sentence among two thirds of the original's other sentences."""
    others = [
        (s.start, s.end)
        for s in sentences(Document("x", "x", "x", doc.text))
        if s.end <= site.sentence[0] or s.start >= site.sentence[1]
    ]
    dropped = sorted(rng.sample(others, len(others) // 3))
    pieces, last, shift = [], 0, 0
    for start, end in dropped:
        pieces.append(doc.text[last:start])
        last = end
        shift += (end - start) if end <= site.token[0] else 0
    pieces.append(doc.text[last:])
    kept = "".join(pieces)
    at = site.token[0] - shift
    text = kept[:at] + site.new + kept[at + site.token[1] - site.token[0] :]
    note = f"{site.note}; {len(dropped)} of {len(others)} other sentences dropped"
    return Change(text, ((at, at + len(site.new)),), note, site.details)


def two_shared(doc: Document, filler: str, site: Site) -> Change:
    """The revised sentence and its neighbour set as a paragraph into ``filler``."""
    spans = [(s.start, s.end) for s in sentences(doc) if not s.boilerplate]
    k = spans.index(site.sentence)
    neighbour = spans[k + 1] if k + 1 < len(spans) else spans[k - 1] if k else site.sentence
    lo, hi = min(site.sentence[0], neighbour[0]), max(site.sentence[1], neighbour[1])
    rel = site.token[0] - lo
    block = doc.text[lo : site.token[0]] + site.new + doc.text[site.token[1] : hi]
    cut, sep = _insertion_point(filler)
    head = filler[:cut] if filler[:cut].endswith(sep) or not cut else filler[:cut] + sep
    text = head + block + sep + filler[cut:]
    at = len(head) + rel
    note = f"{site.note}; 2 sentences set into another article"
    return Change(text, ((at, at + len(site.new)),), note, site.details)


def _insertion_point(filler: str) -> tuple[int, str]:
    """The paragraph break nearest the middle of ``filler`` (line breaks where it has no
    blank lines, as ECB+'s one-sentence lines), and the separator to use there."""
    sep = "\n\n" if "\n\n" in filler else "\n"
    breaks = [m.end() for m in re.finditer(re.escape(sep), filler)]
    if not breaks:
        return len(filler), sep
    return min(breaks, key=lambda b: abs(b - len(filler) // 2)), sep


Sites = Callable[[Document, random.Random], list[Site]]
Revision = Callable[[Document, str, random.Random], Change | None]


def _revise(
    sites: Sites, shared: bool, doc: Document, filler: str, rng: random.Random
) -> Change | None:
    site = pick(sites(doc, rng), rng)
    if site is None or (shared and not filler):
        return None
    return two_shared(doc, filler, site) if shared else in_article(doc, site, rng)


REVISIONS: dict[str, tuple[str, Revision]] = {
    "figure revision, in article": ("number-mismatch", partial(_revise, figure_sites, False)),
    "figure revision, 2 shared sentences": (
        "number-mismatch",
        partial(_revise, figure_sites, True),
    ),
    "date revision, in article": ("date-mismatch", partial(_revise, date_sites, False)),
    "date revision, 2 shared sentences": ("date-mismatch", partial(_revise, date_sites, True)),
}
