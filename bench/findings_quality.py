"""Recall and false alarms of the finding rules on real text, with known injected changes.

Run by hand: ``.venv/bin/python bench/findings_quality.py [--limit N] [--workers W]``.
Figures go to stdout as plain-text tables; nothing is asserted.

Each sampled article (BASIL and BBC, fixed seed) gets altered copies as a second source:
one per rule with ONE injected change of that rule's kind, one near-verbatim copy, and
control copies with only neutral edits. Injection sites are found with simple patterns of
this script, not with dedupe's extractors, so a site the extractors miss counts as a miss.
A case is found when the expected rule reports a span on the altered copy that overlaps
the change. Controls must raise no error or warning. One `compare_documents` call per
article holds the original and all its copies; the copies share one source, so they are
only ever paired with the original.

A last section runs MRPC train pairs whose sentences differ only in their figures.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

from _corpora import Article, MrpcPair, basil_articles, bbc_articles, mrpc_pairs, sample, table
from rapidfuzz import fuzz

from dedupe.claims.names import extract_names
from dedupe.claims.numbers import extract_numbers
from dedupe.claims.quotes import extract_quotes
from dedupe.config import Settings
from dedupe.engines.local import compare_documents
from dedupe.model import Document, Finding
from dedupe.segment import sentences

SEED = 20240601
PER_CORPUS = 60  # 2 x 60 articles run in about three minutes on two cores
Spot = tuple[int, int]


@dataclass(frozen=True)
class Change:
    """An altered copy: its text, where the change lies in it, and a short note."""

    text: str
    spots: tuple[Spot, ...]
    note: str
    detail: str = ""  # a breakdown key, e.g. whether the quote's speaker is known


@dataclass(frozen=True)
class Case:
    """One altered copy of one article, and the rule it should (or should not) raise."""

    kind: str
    rule: str | None  # None for a control copy
    article: str
    copy: str
    change: Change


# --- injection sites -------------------------------------------------------------------

_MONTHS = (
    "January February March April May June July August September October November December "
    "Jan. Feb. Mar. Apr. Aug. Sept. Sep. Oct. Nov. Dec."
).split()
_MONTH = "|".join(re.escape(m) for m in _MONTHS)
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
_DAY = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})\b(?!:)")
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")
_QUOTE = re.compile(r"“([^”\n]{10,600})”|\"([^\"\n]{10,600})\"")
_WORD = re.compile(r"[A-Za-z]{4,}")
_SAID = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+){0,2}) (?:said|says|told)\b")
_YEAR = range(1900, 2100)
# Capitalised words before "said" that are not a source's name.
_NOT_SOURCES = frozenset(
    "He She They It We I You This That There Mr Mrs Ms Dr The But And Officials".split()
    + _WEEKDAYS
    + _MONTHS
)


def _figures(text: str) -> list[re.Match[str]]:
    """Bare figures before a lower-case word, not years, times or calendar days."""
    out = []
    for m in _FIGURE.finditer(text):
        value = int(m.group(1).replace(",", ""))
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() :].split(None, 1)[0].lower() if text[m.end() :].strip() else ""
        if value in _YEAR or re.search(rf"(?:{_MONTH}|\band|\bto|\bbetween|-)\s*$", before):
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
    return Change(altered, (spot,), f"{m.group(1)} -> {new}", _read_as_count(text, m))


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
        return Change(altered, (spot,), f"{old} -> {new}", _read_as_count(text, m))
    new = rng.choice(("about", "more than"))
    altered = f"{text[:start]}{new} {text[start:]}"
    spot = (start, m.end() + len(new) + 1)
    return Change(altered, (spot,), f"+{new} {m.group(1)}", _read_as_count(text, m))


def date_change(text: str, rng: random.Random) -> Change | None:
    """Move a month-day date by two days, or else a weekday: expect date-mismatch."""
    days = list(_DAY.finditer(text))
    if days:
        m = rng.choice(days)
        day = int(m.group(2))
        new = str(day + 2 if day <= 26 else day - 2)
        altered = text[: m.start(2)] + new + text[m.end(2) :]
        spot = (m.start(), m.start(2) + len(new))
        return Change(altered, (spot,), f"{m.group(0)} -> {m.group(1)} {new}", "month-day")
    weekdays = list(_WEEKDAY.finditer(text))
    if not weekdays:
        return None
    m = rng.choice(weekdays)
    new = _WEEKDAYS[(_WEEKDAYS.index(m.group(1)) + 2) % 7]
    altered = text[: m.start()] + new + text[m.end() :]
    return Change(
        altered, ((m.start(), m.start() + len(new)),), f"{m.group(1)} -> {new}", "weekday"
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
    return Change(altered, ((w.start(), w.start() + len(new)),), note, detail)


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
    """Credit a sentence with a figure to another named source: expect attribution-mismatch."""
    saids = [m for m in _SAID.finditer(text) if m.group(1).split()[0] not in _NOT_SOURCES]
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
    new = rng.choice(others) if others else "The ministry"
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
        for m in re.finditer(r"\b[a-z]+\b", text)
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


# --- running ---------------------------------------------------------------------------


@dataclass
class Outcome:
    """What happened to one case: whether it was found, and every finding of its pair."""

    case: Case
    found: bool
    findings: tuple[Finding, ...]
    sentences: int


def cases(doc: Document, seed: int) -> list[Case]:
    """The altered copies of one article, each from its own seeded generator."""
    out = []
    for kind, (rule, inject) in INJECTIONS.items():
        change = inject(doc.text, random.Random(f"{seed}:{doc.id}:{kind}"))
        if change is not None:
            out.append(Case(kind, rule, doc.id, f"{doc.id}~{kind}", change))
    return out


def run_article(doc: Document, seed: int = SEED) -> list[Outcome]:
    """Compare one article with all its altered copies in one call and judge each case."""
    original = replace(doc, source="original", body_start=0)
    todo = cases(original, seed)
    copies = [
        replace(
            original, id=c.copy, path=c.copy, source="altered", text=c.change.text, body_start=0
        )
        for c in todo
    ]
    report = compare_documents([original, *copies], Settings(), lambda _m: None)
    counted = sum(not s.boilerplate for s in sentences(original))
    return [_judge(c, report.findings, counted) for c in todo]


def _judge(case: Case, findings: Sequence[Finding], counted: int) -> Outcome:
    mine = tuple(f for f in findings if case.copy in (f.a.doc, f.b.doc))
    found = any(f.rule == case.rule and _covers(case, f) for f in mine)
    return Outcome(case, found, mine, counted)


def _covers(case: Case, f: Finding) -> bool:
    span = f.a if f.a.doc == case.copy else f.b
    return any(span.start < end and start < span.end for start, end in case.change.spots)


def run_all(articles: Sequence[Document], workers: int) -> list[Outcome]:
    """Every article's outcomes, in article order; articles spread over processes."""
    if workers <= 1:
        return [o for doc in articles for o in run_article(doc)]
    with ProcessPoolExecutor(workers) as pool:
        return [o for batch in pool.map(run_article, articles, chunksize=2) for o in batch]


# --- reporting -------------------------------------------------------------------------


def recall_table(outcomes: Sequence[Outcome]) -> str:
    """Per injected kind: cases, recall, and other error/warning findings per case."""
    rows = []
    for kind, (rule, _) in INJECTIONS.items():
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
        "injected change",
        "expected rule",
        "cases",
        "found",
        "recall",
        "other err+warn/case",
    ]
    return table(headers, rows)


def _by_detail(outcomes: Sequence[Outcome]) -> dict[str, list[Outcome]]:
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        if o.case.change.detail:
            groups.setdefault(o.case.change.detail, []).append(o)
    return groups if len(groups) > 1 else {}


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
    for kind in (k for k, (r, _) in INJECTIONS.items() if r is None):
        mine = [o for o in controls if o.case.kind == kind]
        loud = sum(_loud(f) for o in mine for f in o.findings)
        rows.append(
            [f"{kind}: err+warn", loud, 1000 * loud / max(sum(o.sentences for o in mine), 1)]
        )
    errors = sum(f.severity == "error" for o in controls for f in o.findings)
    rows.append(["TOTAL error-level", errors, 1000 * errors / max(total, 1)])
    head = f"controls: {len(controls)} copies, {total} original sentences\n"
    return head + table(["finding on controls", "count", "per 1,000 sentences"], rows)


def failure_examples(outcomes: Sequence[Outcome], per_kind: int = 4) -> str:
    """A few misses per injected kind and a few control false alarms (printed, not stored)."""
    lines = []
    for kind, (rule, _) in INJECTIONS.items():
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


# --- main ------------------------------------------------------------------------------


def articles(limit: int, seed: int = SEED) -> list[Document]:
    """``limit`` BASIL and ``limit`` BBC articles, drawn with the fixed seed."""
    picked: list[Article] = sample(basil_articles(), limit, seed) + sample(
        bbc_articles(), limit, seed
    )
    return [a.document for a in picked]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the injections, the controls and the MRPC figure check; print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=PER_CORPUS, help="articles per corpus")
    parser.add_argument("--workers", type=int, default=2, help="processes")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    outcomes = run_all(articles(args.limit), args.workers)
    print(
        f"== injected changes: {args.limit} BASIL + {args.limit} BBC articles, seed {SEED}, "
        f"{time.perf_counter() - started:.0f} s"
    )
    print(recall_table(outcomes), end="\n\n")
    print(false_alarm_table(outcomes), end="\n\n")
    print(failure_examples(outcomes), end="\n\n", flush=True)
    print(mrpc_numbers_report(figure_only(mrpc_pairs())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
