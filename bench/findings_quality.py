"""Recall and false alarms of the finding rules on real text, in a tuning and a held-out part.

Run by hand: ``.venv/bin/python bench/findings_quality.py [--part tuning|held-out|both]
[--limit N] [--workers W] [--seed S]``. Figures go to stdout as plain-text tables; nothing
is asserted.

Two parts, the same cases in each (`_parts` holds the rule that keeps them apart):

- **tuning**: BASIL and BBC, the corpora the rules' guards were tuned on (``limit`` of each,
  drawn as before, so the figures stay comparable with older runs);
- **held-out**: AllSides, ECB+ and Reuters-21578 articles (``limit`` of each) that share no
  outlet, date window or close content with the tuning corpora.

Each sampled article gets altered copies as a second source: one per rule with ONE injected
change of that rule's kind, one near-verbatim copy, control copies with only neutral edits,
and copied-sentence revisions (`_revisions`: one sentence with one figure or date changed,
set among the original's other sentences or, with one neighbour, into another article).
Injection sites are found with simple patterns of these scripts, not with dedupe's
extractors, so a site the extractors miss counts as a miss. A case is found when the
expected rule reports a span on the altered copy that overlaps the change. Controls must
raise no error or warning. One `compare_documents` call per article holds the original and
all its copies; the copies share one source, so they are only ever paired with the original.

Real revisions (`_real_revisions`: sentence pairs of two real versions of one story that
differ in one figure or date token) are mined from the held-out corpora; those of the
tuning corpora are shown beside them for reference. MRPC train pairs whose sentences differ
only in their figures belong to the tuning part (the guards were weighed against them).
A last table sets the two parts side by side.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import repeat

from _corpora import (
    CORPORA,
    Article,
    MrpcPair,
    allsides_articles,
    basil_articles,
    bbc_articles,
    ecbplus_articles,
    mrpc_pairs,
    reuters_articles,
    sample,
    table,
)
from _parts import Guard, guard, held_out_sample, outside_tuning
from _real_revisions import RealCase, RealOutcome, event_pairs, judge, mine, silver_pairs
from _real_revisions import title_pairs as same_title_pairs
from _revisions import MONTH, MONTHS, REVISIONS, WEEKDAYS, Change
from rapidfuzz import fuzz

from dedupe.claims.names import extract_names
from dedupe.claims.numbers import extract_numbers
from dedupe.claims.quotes import extract_quotes
from dedupe.config import Settings
from dedupe.engines.local import compare_documents
from dedupe.model import Document, Finding, Pair, Span
from dedupe.segment import sentences

SEED = 20240601
PER_CORPUS = 60  # 60 articles of each of the five corpora: about a minute on two cores


@dataclass(frozen=True)
class Case:
    """One altered copy of one article, and the rule it should (or should not) raise."""

    kind: str
    rule: str | None  # None for a control copy
    article: str
    copy: str
    change: Change


# --- injection sites -------------------------------------------------------------------

_FIGURE = re.compile(r"(?<![\w.,$/-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w,./:-]?\d)(?=\s+[a-z])")
_HEDGE = re.compile(
    r"\b(about|around|approximately|nearly|almost|more than|over|up to|at least)\s+$", re.I
)
_ANY_HEDGE = re.compile(
    r"\b(?:about|around|approximately|roughly|some|nearly|almost|over|under|below|above|"
    r"(?:more|less|fewer) than|up to|as many as|at least|at most|estimated)\s+\$?$",
    re.I,
)
_NOT_COUNTED = frozenset(
    "had have has was were is are and or to of in on at for with by from the a an than as".split()
)
_NEW_HEDGE = {
    "about": "up to",
    "around": "more than",
    "approximately": "at least",
    "nearly": "more than",
    "almost": "at least",
    "more than": "about",
    "over": "nearly",
    "up to": "about",
    "at least": "nearly",
}
_DAY = re.compile(rf"\b({MONTH})\s+(\d{{1,2}})\b(?!:)")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_QUOTE = re.compile(r"“([^”\n]{10,600})”|\"([^\"\n]{10,600})\"")
_WORD = re.compile(r"[A-Za-z]{4,}")
_SAID = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+){0,2}) (?:said|says|told)\b")
_YEAR = range(1900, 2100)
# What, just before a capitalised run, makes it part of a name or a phrase, not a whole
# source: more of the name ("US Geological Survey", "Mr. Stone", "J. Henry Schroder",
# "Department of Criminal Justice"), an article ("the Bishop"), an owner ("Sam's Club").
_MORE_OF_A_NAME = re.compile(r"(?:\b[A-Z][\w.&-]*|\b(?:the|a|an|of|for|and)|['’]s)[ \t]*\Z")
# Invented people who credit a sentence when its article names no other source.
_OTHER_SOURCES = ("Dana Whitfield", "Marek Olsen", "Priya Raman", "Tomas Ferreira")
# Capitalised words before "said" that are not a source's name.
_NOT_SOURCES = frozenset(
    "He She They It We I You This That There Mr Mrs Ms Dr The But And Officials All".split()
    + WEEKDAYS
    + MONTHS
)


def _figures(text: str) -> list[re.Match[str]]:
    """Bare figures before a lower-case word, not years, times or calendar days."""
    out = []
    for m in _FIGURE.finditer(text):
        value = int(m.group(1).replace(",", ""))
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() :].split(None, 1)[0].lower() if text[m.end() :].strip() else ""
        if value in _YEAR or re.search(rf"(?:{MONTH}|\band|\bto|\bbetween|-)\s*$", before):
            continue  # a year, a calendar day or the end of a range
        if after in _NOT_COUNTED:
            continue  # "17 had": a figure whose noun is elsewhere
        out.append(m)
    return out


def _scaled(digits: str, rng: random.Random) -> str:
    """Another figure of the same shape that no rounding reconciles: 23 -> 31, 10,000 -> 12,000."""
    value = int(digits.replace(",", ""))
    zeros = len(str(value)) - len(str(value).rstrip("0")) if value else 0
    if value < 10:
        new = value + rng.choice((2, 3, 4))
    else:
        factor = rng.choice((1.2, 1.35, 1.5, 0.8, 0.65))
        step = 10**zeros
        new = max(step, round(value * factor / step) * step)
        new = new if new != value else value + step
    return f"{new:,}" if "," in digits else str(new)


def number_swap(text: str, rng: random.Random) -> Change | None:
    """Change one bare figure before a noun: expect number-mismatch."""
    sites = [
        m for m in _figures(text) if not _ANY_HEDGE.search(text[max(0, m.start() - 20) : m.start()])
    ]
    if not sites:
        return None
    m = rng.choice(sites)
    new = _scaled(m.group(1), rng)
    altered = text[: m.start()] + new + text[m.end() :]
    spot = (m.start(), m.start() + len(new))
    return Change(altered, (spot,), f"{m.group(1)} -> {new}", (_read_as_count(text, m),))


def _read_as_count(text: str, m: re.Match[str]) -> str:
    """Whether dedupe's number grammar reads the figure at ``m`` (a breakdown, not a filter)."""
    seen = any(c.start <= m.start() < c.end for c in extract_numbers(text))
    return "extractor reads the figure" if seen else "extractor skips the figure"


def hedge_change(text: str, rng: random.Random) -> Change | None:
    """Change a hedge before a figure, or add "about"/"more than": expect number-qualifier."""
    sites = _figures(text)
    if not sites:
        return None
    m = rng.choice(sites)
    start = m.start() - 1 if text[m.start() - 1 : m.start()] == "$" else m.start()
    hedged = _HEDGE.search(text[max(0, start - 20) : start])
    if hedged:
        old = hedged.group(1)
        lo = start - len(hedged.group(0))
        new = _NEW_HEDGE[old.lower()]
        altered = text[:lo] + new + text[lo + len(old) :]
        spot = (lo, m.end() - len(old) + len(new))
        return Change(altered, (spot,), f"{old} -> {new}", (_read_as_count(text, m),))
    new = rng.choice(("about", "more than"))
    altered = f"{text[:start]}{new} {text[start:]}"
    spot = (start, m.end() + len(new) + 1)
    return Change(altered, (spot,), f"+{new} {m.group(1)}", (_read_as_count(text, m),))


def date_change(text: str, rng: random.Random) -> Change | None:
    """Move a month-day date by two days, or else a weekday: expect date-mismatch."""
    days = list(_DAY.finditer(text))
    if days:
        m = rng.choice(days)
        day = int(m.group(2))
        new = str(day + 2 if day <= 26 else day - 2)
        altered = text[: m.start(2)] + new + text[m.end(2) :]
        spot = (m.start(), m.start(2) + len(new))
        return Change(altered, (spot,), f"{m.group(0)} -> {m.group(1)} {new}", ("month-day",))
    weekdays = list(_WEEKDAY.finditer(text))
    if not weekdays:
        return None
    m = rng.choice(weekdays)
    new = WEEKDAYS[(WEEKDAYS.index(m.group(1)) + 2) % 7]
    altered = text[: m.start()] + new + text[m.end() :]
    return Change(
        altered, ((m.start(), m.start() + len(new)),), f"{m.group(1)} -> {new}", ("weekday",)
    )


def quote_change(text: str, rng: random.Random) -> Change | None:
    """Replace or insert one word inside a quotation of >= 5 words: expect quote-drift."""
    quotes = [m for m in _QUOTE.finditer(text) if len((m.group(1) or m.group(2)).split()) >= 5]
    if not quotes:
        return None
    m = rng.choice(quotes)
    group = 1 if m.group(1) else 2
    words = list(_WORD.finditer(text, m.start(group), m.end(group)))
    if not words:
        return None
    w = rng.choice(words)
    spoken = {(q.start, q.end): q.speaker for q in extract_quotes(text)}
    speaker = next((s for (a, b), s in spoken.items() if a <= w.start() < b), None)
    detail = "speaker found" if speaker else "no speaker found"
    if rng.random() < 0.5:
        new = "really " + w.group()
        note = f"+really before {w.group()!r}"
    else:
        new = w.group()[:-1] + ("s" if w.group()[-1] != "s" else "d")
        note = f"{w.group()!r} -> {new!r}"
    altered = text[: w.start()] + new + text[w.end() :]
    return Change(altered, ((w.start(), w.start() + len(new)),), note, (detail,))


def _respelled(first: str) -> str | None:
    """One letter of a first name changed the way transliterations differ: Sergei -> Sergey."""
    swaps = {"i": "y", "y": "i", "a": "e", "e": "a", "o": "u", "u": "o"}
    if first[-1] in swaps:
        return first[:-1] + swaps[first[-1]]
    for k in range(len(first) - 2, 0, -1):
        if first[k] in swaps:
            return first[:k] + swaps[first[k]] + first[k + 1 :]
    return None


def name_change(text: str, rng: random.Random) -> Change | None:
    """Respell a person's first name wherever the full name occurs: expect name-variant."""
    people = {
        n.name
        for n in extract_names(text)
        if n.category == "person" and len(n.name.split()) >= 2 and n.name.split()[0].isalpha()
    }
    people = {p for p in people if len(p.split()[0]) >= 5 and _respelled(p.split()[0])}
    if not people:
        return None
    full = rng.choice(sorted(people))
    first, rest = full.split(" ", 1)
    new = f"{_respelled(first)} {rest}"
    spots = tuple((m.start(), m.start() + len(new)) for m in re.finditer(re.escape(full), text))
    return Change(text.replace(full, new), spots, f"{full} -> {new}")


def attribution_change(text: str, rng: random.Random) -> Change | None:
    """Credit a sentence with a figure to another named source: expect attribution-mismatch.

    The source is a whole name, replaced whole, by another source the article names or else
    by an invented person: a part of a name replaced ("the US Dana Whitfield said") or a
    name replaced by a description ("The ministry", which may be the very body named) is
    no credit a reader could tell apart.
    """
    saids = [
        m
        for m in _SAID.finditer(text)
        if m.group(1).split()[0] not in _NOT_SOURCES
        and not _MORE_OF_A_NAME.search(text, max(0, m.start() - 24), m.start())
    ]
    doc = Document("x", "x", "x", text)
    sites = [
        m
        for s in sentences(doc)
        if re.search(r"\d", text[s.start : s.end])
        for m in saids
        if s.start <= m.start() < s.end
    ]
    if not sites:
        return None
    m = rng.choice(sites)
    words = set(m.group(1).split())
    others = sorted({o.group(1) for o in saids if not words & set(o.group(1).split())})
    new = rng.choice(others or [o for o in _OTHER_SOURCES if o.split()[-1] not in text])
    altered = text[: m.start(1)] + new + text[m.end(1) :]
    return Change(altered, ((m.start(1), m.start(1) + len(new)),), f"{m.group(1)} -> {new}")


# --- neutral edits ---------------------------------------------------------------------

_SYNONYMS = {
    "big": "large",
    "large": "big",
    "start": "begin",
    "started": "began",
    "began": "started",
    "help": "assist",
    "helped": "assisted",
    "buy": "purchase",
    "bought": "purchased",
    "shows": "indicates",
    "showed": "indicated",
    "important": "significant",
    "quickly": "rapidly",
    "try": "attempt",
    "tried": "attempted",
    "need": "require",
    "needs": "requires",
    "country": "nation",
    "main": "principal",
    "plan": "proposal",
}


def near_copy(text: str, rng: random.Random) -> Change | None:
    """The whole article nearly verbatim (one synonym at most): expect duplicate."""
    edited = synonyms(text, rng, most=1) or Change(text, (), "")
    return Change(edited.text, ((0, len(edited.text)),), "verbatim copy" + edited.note)


def drop_sentences(text: str, rng: random.Random) -> Change | None:
    """Leave out a fifth of the sentences (never the first)."""
    spans = [(s.start, s.end) for s in sentences(Document("x", "x", "x", text))]
    if len(spans) < 5:
        return None
    dropped = set(rng.sample(range(1, len(spans)), max(1, len(spans) // 5)))
    out, last = [], 0
    for k, (start, end) in enumerate(spans):
        if k in dropped:
            out.append(text[last:start])
            last = end
    out.append(text[last:])
    return Change("".join(out), (), f"dropped {len(dropped)} of {len(spans)} sentences")


def reorder_paragraphs(text: str, rng: random.Random) -> Change | None:
    """Shuffle the paragraphs after the first."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(paragraphs) < 3:
        return None
    rest = paragraphs[1:]
    rng.shuffle(rest)
    return Change("\n\n".join([paragraphs[0], *rest]), (), f"{len(paragraphs)} paragraphs")


def curly_quotes(text: str, rng: random.Random) -> Change | None:
    """Straight quotes and apostrophes made typographic."""
    if '"' not in text and "'" not in text:
        return None
    out = re.sub(r'(^|[\s(\[—-])"', "\\1“", text)
    out = out.replace('"', "”")
    out = re.sub(r"(?<=\w)'(?=\w)", "’", out)
    return Change(out, (), "straight -> curly")


def whitespace(text: str, rng: random.Random) -> Change | None:
    """Two spaces after full stops and paragraphs hard-wrapped at 72 columns, as wire copy."""
    out = re.sub(r"\. (?=[A-Z])", ".  ", text)
    paragraphs = [_wrap(p) for p in out.split("\n\n")]
    return Change("\n\n".join(paragraphs), (), "double spaces, wrapped")


def _wrap(paragraph: str, width: int = 72) -> str:
    lines: list[str] = []
    for word in paragraph.replace("\n", " ").split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def synonyms(text: str, rng: random.Random, most: int = 5) -> Change | None:
    """Up to ``most`` words swapped for synonyms, away from figures and outside quotations."""
    quoted = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    quoted += [(q.start, q.end) for q in extract_quotes(text)]
    sites = [
        m
        for m in re.finditer(r"(?<![\w-])[a-z]+(?![\w-])", text)  # not "self-help"
        if m.group() in _SYNONYMS
        and not any(a <= m.start() < b for a, b in quoted)
        and not re.search(r"\d", text[max(0, m.start() - 15) : m.end() + 15])
    ]
    if not sites:
        return None
    chosen = sorted(rng.sample(sites, min(most, len(sites))), key=lambda m: m.start())
    out, last = [], 0
    for m in chosen:
        out += [text[last : m.start()], _SYNONYMS[m.group()]]
        last = m.end()
    out.append(text[last:])
    return Change("".join(out), (), f"{len(chosen)} synonyms")


Injector = Callable[[str, random.Random], Change | None]
INJECTIONS: dict[str, tuple[str | None, Injector]] = {
    "number swap": ("number-mismatch", number_swap),
    "hedge change": ("number-qualifier", hedge_change),
    "date change": ("date-mismatch", date_change),
    "quote wording": ("quote-drift", quote_change),
    "name spelling": ("name-variant", name_change),
    "attribution change": ("attribution-mismatch", attribution_change),
    "near-verbatim copy": ("duplicate", near_copy),
    "control: drop 20%": (None, drop_sentences),
    "control: reorder": (None, reorder_paragraphs),
    "control: curly quotes": (None, curly_quotes),
    "control: whitespace": (None, whitespace),
    "control: synonyms": (None, synonyms),
}


# Table order: the injected changes, then the copied-sentence revisions, then the controls.
KINDS: dict[str, str | None] = {
    **{kind: rule for kind, (rule, _) in INJECTIONS.items() if rule},
    **{kind: rule for kind, (rule, _) in REVISIONS.items()},
    **{kind: rule for kind, (rule, _) in INJECTIONS.items() if rule is None},
}


# --- running ---------------------------------------------------------------------------


@dataclass
class Outcome:
    """What happened to one case: whether it was found, and every finding of its pair.

    ``paired`` says whether a reported passage pair covers the change (controls: True).
    """

    case: Case
    found: bool
    findings: tuple[Finding, ...]
    sentences: int
    paired: bool = True


def _rng(seed: int, doc: Document, kind: str) -> random.Random:
    return random.Random(f"{seed}:{doc.id}:{kind}")


def cases(doc: Document, seed: int = SEED) -> list[Case]:
    """The injected and control copies of one article, each from its own seeded generator."""
    out = []
    for kind, (rule, inject) in INJECTIONS.items():
        change = inject(doc.text, _rng(seed, doc, kind))
        if change is not None:
            out.append(Case(kind, rule, doc.id, f"{doc.id}~{kind}", change))
    return out


def revision_cases(doc: Document, filler: str, seed: int = SEED) -> list[Case]:
    """The copied-sentence revisions of one article; ``filler`` is the other article the
    two-shared-sentences copies are set into ("" leaves those out)."""
    out = []
    for kind, (rule, revise) in REVISIONS.items():
        change = revise(doc, filler, _rng(seed, doc, kind))
        if change is not None:
            out.append(Case(kind, rule, doc.id, f"{doc.id}~{kind}", change))
    return out


def run_article(doc: Document, filler: str = "", seed: int = SEED) -> list[Outcome]:
    """Compare one article with its altered copies and judge each case.

    The revisions run in a call of their own, so the injected cases and controls see
    exactly the corpus they saw before revisions were added. Revision sites are looked for
    in ``doc`` itself, whose ``body_start`` keeps a headline out of them.
    """
    original = replace(doc, source="original", body_start=0)
    counted = sum(not s.boilerplate for s in sentences(original))
    out = []
    for todo in (cases(original, seed), revision_cases(doc, filler, seed)):
        copies = [
            replace(
                original, id=c.copy, path=c.copy, source="altered", text=c.change.text, body_start=0
            )
            for c in todo
        ]
        if copies:
            report = compare_documents([original, *copies], Settings(), lambda _m: None)
            out += [_judge(c, report.findings, report.pairs, counted) for c in todo]
    return out


def _judge(case: Case, findings: Sequence[Finding], pairs: Sequence[Pair], counted: int) -> Outcome:
    mine = tuple(f for f in findings if case.copy in (f.a.doc, f.b.doc))
    found = any(f.rule == case.rule and _covers(case, _copy_side(case, f.a, f.b)) for f in mine)
    paired = not case.change.spots or any(_covers(case, _copy_side(case, p.a, p.b)) for p in pairs)
    return Outcome(case, found, mine, counted, paired)


def _copy_side(case: Case, a: Span, b: Span) -> Span | None:
    return a if a.doc == case.copy else b if b.doc == case.copy else None


def _covers(case: Case, span: Span | None) -> bool:
    return span is not None and any(
        span.start < end and start < span.end for start, end in case.change.spots
    )


def run_all(
    documents: Sequence[Document], fillers: Sequence[str], workers: int, seed: int = SEED
) -> list[Outcome]:
    """Every article's outcomes, in article order; articles spread over processes."""
    if workers <= 1:
        return [o for d, f in zip(documents, fillers, strict=True) for o in run_article(d, f, seed)]
    with ProcessPoolExecutor(workers) as pool:
        batches = pool.map(run_article, documents, fillers, repeat(seed), chunksize=2)
        return [o for batch in batches for o in batch]


# --- reporting -------------------------------------------------------------------------

_PAIRED = {True: "change inside a reported passage pair", False: "change in no passage pair"}


def recall_table(outcomes: Sequence[Outcome]) -> str:
    """Per case kind: cases, recall, and other error/warning findings per case, with one
    row per value of each breakdown that splits the kind's cases."""
    rows: list[list[object]] = []
    for kind, rule in KINDS.items():
        mine = [o for o in outcomes if o.case.kind == kind]
        if rule is None or not mine:
            continue
        hits = sum(o.found for o in mine)
        others = sum(_loud(f) and f.rule != rule for o in mine for f in o.findings)
        rows.append([kind, rule, len(mine), hits, hits / len(mine), others / len(mine)])
        for detail, group in _by_detail(mine).items():
            found = sum(o.found for o in group)
            rows.append([f"  {detail}", "", len(group), found, found / len(group), ""])
    headers = [
        "case",
        "expected rule",
        "cases",
        "found",
        "recall",
        "other err+warn/case",
    ]
    return table(headers, rows)


def _details(o: Outcome) -> tuple[str, ...]:
    return (*o.case.change.details, _PAIRED[o.paired])


def _by_detail(outcomes: Sequence[Outcome]) -> dict[str, list[Outcome]]:
    """The cases under each value of each breakdown, for breakdowns with two values or more
    (in breakdown order, values sorted)."""
    out: dict[str, list[Outcome]] = {}
    for k in range(max((len(_details(o)) for o in outcomes), default=0)):
        groups: dict[str, list[Outcome]] = {}
        for o in outcomes:
            if k < len(_details(o)):
                groups.setdefault(_details(o)[k], []).append(o)
        if len(groups) > 1:
            out.update(sorted(groups.items()))
    return out


def _loud(f: Finding) -> bool:
    return f.severity in ("error", "warning")


def false_alarm_table(outcomes: Sequence[Outcome]) -> str:
    """Findings on control copies per 1,000 sentences, by control kind and by rule."""
    controls = [o for o in outcomes if o.case.rule is None]
    total = sum(o.sentences for o in controls)
    by_rule: Counter[tuple[str, str]] = Counter(
        (f.rule, f.severity) for o in controls for f in o.findings
    )
    rows: list[list[object]] = [
        [f"{rule} ({severity})", n, 1000 * n / max(total, 1)]
        for (rule, severity), n in sorted(by_rule.items(), key=lambda kv: -kv[1])
    ]
    for kind in (k for k, rule in KINDS.items() if rule is None):
        mine = [o for o in controls if o.case.kind == kind]
        loud = sum(_loud(f) for o in mine for f in o.findings)
        rows.append(
            [f"{kind}: err+warn", loud, 1000 * loud / max(sum(o.sentences for o in mine), 1)]
        )
    errors = sum(f.severity == "error" for o in controls for f in o.findings)
    rows.append(["TOTAL error-level", errors, 1000 * errors / max(total, 1)])
    articles = controls_loud(outcomes)[-1]
    head = (
        f"controls: {len(controls)} copies, {total} original sentences; "
        f"error or warning findings on the copies of {articles} articles\n"
    )
    return head + table(["finding on controls", "count", "per 1,000 sentences"], rows)


def controls_loud(outcomes: Sequence[Outcome]) -> tuple[int, int, int, int, float, int]:
    """The controls: copies, original sentences, error and warning findings, those two per
    1,000 sentences, and how many articles they come from."""
    controls = [o for o in outcomes if o.case.rule is None]
    errors = sum(f.severity == "error" for o in controls for f in o.findings)
    warnings = sum(f.severity == "warning" for o in controls for f in o.findings)
    total = sum(o.sentences for o in controls)
    articles = len({o.case.article for o in controls if any(map(_loud, o.findings))})
    per = 1000 * (errors + warnings) / max(total, 1)
    return len(controls), total, errors, warnings, per, articles


def failure_examples(outcomes: Sequence[Outcome], per_kind: int = 4) -> str:
    """A few misses per case kind and a few control false alarms (printed, not stored)."""
    lines = []
    for kind, rule in KINDS.items():
        if rule is None:
            misses = [o for o in outcomes if o.case.kind == kind and any(map(_loud, o.findings))]
            for o in misses[:per_kind]:
                f = next(f for f in o.findings if _loud(f))
                lines.append(f"  [{kind}] {o.case.article}: {f.rule}: {f.message[:150]}")
            continue
        misses = [o for o in outcomes if o.case.kind == kind and not o.found]
        for o in misses[:per_kind]:
            got = sorted({f.rule for f in o.findings}) or ["nothing"]
            lines.append(f"  [{kind}] miss {o.case.article}: {o.case.change.note} (got {got})")
    return "examples of misses and false alarms:\n" + "\n".join(lines)


# --- MRPC pairs that differ only in a figure -------------------------------------------

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def figure_only(pairs: Sequence[MrpcPair], likeness: float = 85.0) -> list[MrpcPair]:
    """Pairs whose sentences, figures masked, are nearly identical but whose figures differ."""
    out = []
    for row in pairs:
        figures = [_DIGITS.findall(s) for s in (row.first, row.second)]
        if not figures[0] or sorted(figures[0]) == sorted(figures[1]):
            continue  # no figure, or the same figures in another order
        masked = [_DIGITS.sub("#", s) for s in (row.first, row.second)]
        if fuzz.ratio(*masked) >= likeness:
            out.append(row)
    return out


def mrpc_numbers_report(pairs: Sequence[MrpcPair], examples: int = 8) -> str:
    """How the number rules fare on MRPC pairs that differ only in a figure."""
    tally: Counter[tuple[bool, str]] = Counter()
    shown: list[str] = []
    for row in pairs:
        report = compare_documents(list(row.documents()), Settings(), lambda _m: None)
        rules = {f.rule for f in report.findings} & {"number-mismatch", "number-qualifier"}
        outcome = ", ".join(sorted(rules)) or (
            "paired, no number finding" if report.pairs else "not paired"
        )
        tally[(row.paraphrase, outcome)] += 1
        if len(shown) < examples:
            figures = f"{_DIGITS.findall(row.first)} vs {_DIGITS.findall(row.second)}"
            shown.append(f"  line {row.line} (paraphrase={row.paraphrase}): {figures} -> {outcome}")
    rows = [[str(gold), outcome, n] for (gold, outcome), n in sorted(tally.items())]
    head = f"== MRPC train pairs differing only in figures: {len(pairs)}\n"
    return head + table(["gold paraphrase", "outcome", "pairs"], rows) + "\n" + "\n".join(shown)


# --- parts -----------------------------------------------------------------------------

SILVER = "silver_neardup_pairs_jaccard0.8.csv"
FEW_REAL = 20  # below this many real revisions a recall is an anecdote: say so


@dataclass(frozen=True)
class Sample:
    """The articles of one corpus in a part, and how they were drawn."""

    corpus: str
    articles: list[Article]
    note: str = ""

    def fillers(self) -> list[str]:
        """For each article, the text its two-shared-sentences copies are set into: the next
        article of the sample on another event (where the corpus has events), cycling."""
        out = []
        for k, article in enumerate(self.articles):
            others = [*self.articles[k + 1 :], *self.articles[:k]]
            other = next((o for o in others if _other_event(o, article)), None)
            out.append(other.document.text if other else "")
        return out


def _other_event(a: Article, b: Article) -> bool:
    return a.cluster is None or a.cluster != b.cluster


@dataclass
class Corpora:
    """The articles the parts draw from: whole corpora (tests pass small subsets)."""

    basil: list[Article]
    bbc: list[Article]
    allsides: list[Article] = field(default_factory=list)
    ecbplus: list[Article] = field(default_factory=list)
    reuters: list[Article] = field(default_factory=list)

    def tuning_dates(self) -> list[dt.date]:
        """BASIL's article dates, sorted (BBC's are 2004-2005, before every held-out date
        but Reuters' 1987)."""
        return sorted(a.document.date for a in self.basil if a.document.date)


def load(held_out: bool) -> Corpora:
    """The tuning corpora, and the held-out ones when ``held_out`` (AllSides: about 5 s)."""
    corpora = Corpora(basil_articles(), bbc_articles())
    if held_out:
        corpora.allsides = allsides_articles()
        corpora.ecbplus = ecbplus_articles()
        corpora.reuters = reuters_articles()
    return corpora


def tuning_samples(corpora: Corpora, limit: int, seed: int) -> list[Sample]:
    """``limit`` BASIL and ``limit`` BBC articles, drawn as the benchmark always has."""
    return [
        Sample("BASIL", sample(corpora.basil, limit, seed)),
        Sample("BBC", sample(corpora.bbc, limit, seed)),
    ]


def held_out_samples(corpora: Corpora, limit: int, seed: int, near: Guard) -> list[Sample]:
    """``limit`` AllSides, ECB+ and Reuters articles that pass the held-out rule."""
    out = []
    pools = (
        ("AllSides", corpora.allsides),
        ("ECB+", corpora.ecbplus),
        ("Reuters", corpora.reuters),
    )
    for name, pool in pools:
        drawn = held_out_sample(pool, limit, seed, corpora.tuning_dates(), near)
        note = (
            f"{drawn.pool:,} articles, {drawn.eligible:,} pass the outlet, date and length "
            f"tests, the content guard refused {drawn.refused} before {len(drawn.articles)} "
            "were kept"
        )
        out.append(Sample(name, drawn.articles, note))
    return out


def tuning_revisions(corpora: Corpora) -> list[RealCase]:
    """Real revisions in the tuning corpora: BASIL's event triplets and BBC's near-duplicates."""
    bbc = silver_pairs(CORPORA / "bbc_news_2225" / SILVER, "bbc/", ".txt")
    return mine("basil", corpora.basil, event_pairs(corpora.basil), None) + mine(
        "bbc", corpora.bbc, bbc + same_title_pairs(corpora.bbc), None
    )


def held_out_revisions(corpora: Corpora, near: Guard) -> tuple[list[RealCase], int]:
    """Real revisions in the held-out corpora whose two articles both pass the held-out
    rule (outlet, date, content; not length), and how many mined cases failed it.

    Reuters must be the same day (its daily reports repeat title and template), AllSides
    within a day; ECB+'s pairs are articles of one gold event."""
    reuters = silver_pairs(CORPORA / "reuters21578" / SILVER, "reuters/")
    allsides = silver_pairs(CORPORA / "allsides_article_bias" / SILVER, "allsides/")
    mined = [
        *mine("reuters", corpora.reuters, reuters + same_title_pairs(corpora.reuters), 0),
        *mine("allsides", corpora.allsides, allsides + same_title_pairs(corpora.allsides), 1),
        *mine("ecbplus", corpora.ecbplus, event_pairs(corpora.ecbplus), None),
    ]
    dates = corpora.tuning_dates()
    apart = [r for r in mined if all(outside_tuning(Article(d), dates) for d in (r.a, r.b))]
    close = near.closest([d.text for r in apart for d in (r.a, r.b)])
    kept = [r for k, r in enumerate(apart) if max(close[2 * k : 2 * k + 2]) < near.threshold]
    return kept, len(mined) - len(kept)


@dataclass
class PartResult:
    """One part's samples, outcomes and real revisions."""

    name: str
    samples: list[Sample]
    outcomes: list[Outcome]
    real: list[RealOutcome]
    seconds: float
    left_out: int = 0  # mined real revisions the held-out rule turned away


def run_part(
    name: str, corpora: Corpora, limit: int, seed: int, workers: int, near: Guard | None
) -> PartResult:
    """Draw the part's articles, run every case on them and judge its real revisions."""
    started = time.perf_counter()
    left_out = 0
    if name == "tuning":
        samples = tuning_samples(corpora, limit, seed)
        real = tuning_revisions(corpora)
    else:
        assert near is not None, "the held-out part needs the content guard"
        samples = held_out_samples(corpora, limit, seed, near)
        real, left_out = held_out_revisions(corpora, near)
    documents = [a.document for s in samples for a in s.articles]
    fillers = [f for s in samples for f in s.fillers()]
    outcomes = run_all(documents, fillers, workers, seed)
    judged = [judge(case) for case in real]
    return PartResult(name, samples, outcomes, judged, time.perf_counter() - started, left_out)


# --- part reports ----------------------------------------------------------------------


def part_report(result: PartResult, seed: int) -> str:
    """Every table of one part."""
    counts = " + ".join(f"{len(s.articles)} {s.corpus}" for s in result.samples)
    lines = [f"== {result.name} part: {counts} articles, seed {seed}, {result.seconds:.0f} s"]
    lines += [f"  {s.corpus}: {s.note}" for s in result.samples if s.note]
    lines += [recall_table(result.outcomes), "", false_alarm_table(result.outcomes), ""]
    lines += [failure_examples(result.outcomes), "", real_report(result)]
    return "\n".join(lines)


def real_report(result: PartResult) -> str:
    """Recall on the part's real revisions, by corpus and kind, and every case by id and
    offsets (never text)."""
    real = result.real
    if result.name == "tuning":
        head = f"== real revisions in the tuning corpora (for reference, not held out): {len(real)}"
    else:
        head = f"== real revisions, held out: {len(real)} cases"
        head += f" ({result.left_out} more mined but left out by the held-out rule)"
    if len(real) < FEW_REAL:
        head += f"\n   fewer than {FEW_REAL}: the recall below is an anecdote, not a rate"
    rows: list[list[object]] = []
    for corpus, kind in sorted({(o.case.corpus, o.case.kind) for o in real}):
        mine = [o for o in real if (o.case.corpus, o.case.kind) == (corpus, kind)]
        found = sum(o.found for o in mine)
        paired = sum(o.paired for o in mine)
        rows.append([corpus, mine[0].case.rule, len(mine), found, found / len(mine), paired])
    headers = ["corpus", "expected rule", "cases", "found", "recall", "change paired"]
    listing = [
        f"  {o.case.a.id} {list(o.case.token_a)} ~ {o.case.b.id} {list(o.case.token_b)}  "
        f"{o.case.kind}: {'found' if o.found else 'missed'}"
        f"{'' if o.paired else ', not paired'} (err/warn rules: {', '.join(o.rules) or 'none'})"
        for o in real
    ]
    return "\n".join([head, table(headers, rows) if rows else "(none)", *listing])


def _recall(outcomes: Sequence[Outcome | RealOutcome]) -> tuple[int, float | str]:
    return len(outcomes), sum(o.found for o in outcomes) / len(outcomes) if outcomes else "-"


def comparison_table(tuning: PartResult, held_out: PartResult) -> str:
    """Recall per case kind, tuning beside held-out, then the controls' loud findings."""
    rows: list[list[object]] = []
    for kind, rule in KINDS.items():
        if rule is None:
            continue
        t = _recall([o for o in tuning.outcomes if o.case.kind == kind])
        h = _recall([o for o in held_out.outcomes if o.case.kind == kind])
        rows.append([kind, rule, *t, *h, _gap(t[1], h[1])])
    for kind, rule in (("number", "number-mismatch"), ("date", "date-mismatch")):
        t = _recall([o for o in tuning.real if o.case.kind == kind])
        h = _recall([o for o in held_out.real if o.case.kind == kind])
        rows.append([f"real revisions ({kind})", rule, *t, *h, _gap(t[1], h[1])])
    headers = ["case", "expected rule", "tuning cases", "recall", "held-out cases", "recall"]
    recall = table([*headers, "held-out - tuning"], rows)
    controls = [[part.name, *controls_loud(part.outcomes)] for part in (tuning, held_out)]
    columns = ["controls", "copies", "sentences", "errors", "warnings", "per 1,000", "articles"]
    return "== tuning vs held-out\n" + recall + "\n\n" + table(columns, controls)


def _gap(tuning: float | str, held_out: float | str) -> float | str:
    if isinstance(tuning, float) and isinstance(held_out, float):
        return held_out - tuning
    return "-"


# --- main ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the parts asked for and print their tables, then the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--part", choices=("tuning", "held-out", "both"), default="both")
    parser.add_argument("--limit", type=int, default=PER_CORPUS, help="articles per corpus")
    parser.add_argument("--workers", type=int, default=2, help="processes")
    parser.add_argument("--seed", type=int, default=SEED, help="sampling and injection seed")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    names = ["tuning", "held-out"] if args.part == "both" else [args.part]
    corpora = load(held_out="held-out" in names)
    near = guard(corpora.basil, corpora.bbc) if "held-out" in names else None
    print(f"corpora loaded in {time.perf_counter() - started:.0f} s")
    if near is not None:
        print(
            f"content guard: held-out articles with a TF-IDF cosine >= {near.threshold:.3f} "
            "with any tuning article are left out (the 10th percentile of BASIL same-event pairs)"
        )
    results = {}
    for name in names:
        results[name] = run_part(name, corpora, args.limit, args.seed, args.workers, near)
        print(part_report(results[name], args.seed), end="\n\n", flush=True)
        if name == "tuning":
            print(mrpc_numbers_report(figure_only(mrpc_pairs())), end="\n\n", flush=True)
    if len(results) == 2:
        print(comparison_table(results["tuning"], results["held-out"]), end="\n\n")
    print(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
