"""Real revisions: two versions of one story whose sentences are identical but for one figure
or one date token (a wire's correction, an outlet's update), mined from the corpora.

Candidate article pairs are the silver near-duplicate lists (computed, not gold), articles
with the same title once "CORRECTED -", "RPT-" and the like are dropped (titles shared by
more than `MAX_TITLE_GROUP` articles are a recurring report's, not one story's), and, where
a corpus has gold events, articles of one event. A dated pair counts only within its
corpus's day window: Reuters' daily market reports repeat one title and template day after
day, so it must be the same day there. In each pair, two sentences are a revision when
their tokens are the same but for one, and that one is a figure in both (of a different
value: "2,000" against "2000" is not a revision), a weekday, a month, a month's day or a
year in both. Times ("11:07") and sentences whose figure-blind form occurs more than once in
an article (a live blog's time stamps, a table's rows) are left out. A sentence pair found
in several article pairs (copies of one version) counts once.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from _corpora import Article
from _revisions import MONTHS, WEEKDAYS

from dedupe.config import Settings
from dedupe.engines.local import compare_documents
from dedupe.model import Document, Span
from dedupe.segment import sentences

Spot = tuple[int, int]
MAX_TITLE_GROUP = 6
TITLE_WORDS = 5
MIN_TOKENS = 6
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]")
_TITLE_PREFIX = re.compile(r"^\W*(?:corrected|correction|rpt|repeat|update\s*\d*)\W*", re.I)
_MONTH_WORDS = frozenset(m.rstrip(".") for m in MONTHS)
_WEEKDAY_WORDS = frozenset(WEEKDAYS)
RULES = {"number": "number-mismatch", "date": "date-mismatch"}


@dataclass(frozen=True)
class RealCase:
    """One revised sentence pair: the two real articles and the changed token in each."""

    corpus: str
    a: Document
    b: Document
    kind: str  # "number" or "date"
    token_a: Spot
    token_b: Spot

    @property
    def rule(self) -> str:
        """The rule expected to report it."""
        return RULES[self.kind]


@dataclass(frozen=True)
class RealOutcome:
    """What dedupe reported on one real case."""

    case: RealCase
    found: bool
    paired: bool
    rules: tuple[str, ...]


def silver_pairs(path: Path, prefix: str, suffix: str = "") -> list[tuple[str, str]]:
    """A silver list's pairs as document ids: its first two columns, ``prefix`` added and
    ``suffix`` dropped (BBC lists ``business/007.txt``, our id is ``bbc/business/007``)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    return [
        (f"{prefix}{a.removesuffix(suffix)}", f"{prefix}{b.removesuffix(suffix)}")
        for a, b, *_ in rows
    ]


def title_pairs(articles: Sequence[Article]) -> list[tuple[str, str]]:
    """Pairs of articles whose titles begin alike (grouped by their first words; see
    `same_title`), as ids."""
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for a in articles:
        key = _title_key(a.document.title or "")
        if key:
            groups[" ".join(key.split()[:TITLE_WORDS])].append(a.document.id)
    return [
        (ids[i], ids[j])
        for ids in groups.values()
        if 2 <= len(ids) <= MAX_TITLE_GROUP
        for i in range(len(ids))
        for j in range(i + 1, len(ids))
    ]


def same_title(a: Document, b: Document) -> bool:
    """One title is the other, or begins it ("... MAY BE DOWNGRADED" and "... DOWNGRADED BY
    MOODY'S"), once prefixes such as "CORRECTED -" are dropped; true when either has none.
    Titles that merely look alike are different stories: "ST PAUL HOGS SEEN STEADY" and
    "JOLIET HOGS SEEN STEADY" are two markets' reports."""
    ka, kb = _title_key(a.title or ""), _title_key(b.title or "")
    return not ka or not kb or ka.startswith(kb) or kb.startswith(ka)


def _title_key(title: str) -> str:
    return re.sub(r"\W+", " ", _TITLE_PREFIX.sub("", title.strip())).strip().lower()


def event_pairs(articles: Sequence[Article]) -> list[tuple[str, str]]:
    """Pairs of articles of one gold event (BASIL triplets, ECB+ sub-topics), as ids."""
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for a in articles:
        if a.cluster is not None:
            groups[a.cluster].append(a.document.id)
    return [
        (ids[i], ids[j])
        for ids in groups.values()
        for i in range(len(ids))
        for j in range(i + 1, len(ids))
    ]


def mine(
    corpus: str,
    articles: Sequence[Article],
    pairs: Iterable[tuple[str, str]],
    max_days: int | None,
) -> list[RealCase]:
    """The real revisions among ``pairs`` of ``articles`` (pairs naming others are skipped)."""
    by_id = {a.document.id: a.document for a in articles}
    seen: set[tuple[str, str]] = set()
    out = []
    for first, second in sorted({tuple(sorted(p)) for p in pairs}):
        a, b = by_id.get(first), by_id.get(second)
        if a is None or b is None or a.text == b.text:
            continue
        if not (same_title(a, b) and _close(a.date, b.date, max_days)):
            continue
        for kind, ta, tb in revised_tokens(a, b):
            key = (_sentence_of(a, ta), _sentence_of(b, tb))
            if key not in seen:
                seen.add(key)
                out.append(RealCase(corpus, a, b, kind, ta, tb))
    return out


def _close(a: dt.date | None, b: dt.date | None, max_days: int | None) -> bool:
    return max_days is None or a is None or b is None or abs((a - b).days) <= max_days


def _sentence_of(doc: Document, token: Spot) -> str:
    """The sentence holding ``token``, in memory only (to count a revision once)."""
    return next(doc.text[s.start : s.end] for s in sentences(doc) if s.start <= token[0] < s.end)


Tokens = list[re.Match[str]]


def revised_tokens(a: Document, b: Document) -> list[tuple[str, Spot, Spot]]:
    """(kind, token in a, token in b) for each sentence pair that differs in one token."""
    mine_a, mine_b = _keyed(a), _keyed(b)
    out = []
    for key, tokens_a in mine_a.items():
        tokens_b = mine_b.get(key)
        if tokens_b is None:
            continue
        differ = [
            k
            for k, (x, y) in enumerate(zip(tokens_a, tokens_b, strict=True))
            if x.group() != y.group()
        ]
        if len(differ) == 1:
            kind = _kind(tokens_a, tokens_b, differ[0])
            if kind:
                out.append((kind, tokens_a[differ[0]].span(), tokens_b[differ[0]].span()))
    return out


def _keyed(doc: Document) -> dict[tuple[str, ...], Tokens]:
    """Each sentence's tokens by its figure- and date-blind form; forms seen twice dropped."""
    forms: dict[tuple[str, ...], Tokens] = {}
    counts: Counter[tuple[str, ...]] = Counter()
    for s in sentences(doc):
        tokens = list(_TOKEN.finditer(doc.text, s.start, s.end))
        if s.boilerplate or len(tokens) < MIN_TOKENS:
            continue
        form = tuple(_blind(t.group()) for t in tokens)
        counts[form] += 1
        forms[form] = tokens
    return {form: tokens for form, tokens in forms.items() if counts[form] == 1}


def _blind(token: str) -> str:
    if token[0].isdigit():
        return "#"
    return "@" if token in _WEEKDAY_WORDS or token in _MONTH_WORDS else token


def _kind(a: Tokens, b: Tokens, k: int) -> str | None:
    """ "number" or "date" for the differing token ``k``, None when it is no revision."""
    x, y = a[k].group(), b[k].group()
    if x in _WEEKDAY_WORDS and y in _WEEKDAY_WORDS:
        return "date"
    if x in _MONTH_WORDS and y in _MONTH_WORDS:
        return "date" if x[:3] != y[:3] else None  # "Jan" and "January" are one month
    if not (x[0].isdigit() and y[0].isdigit()) or _value(x) == _value(y):
        return None
    around = {t.group() for t in (a[k - 1 : k] + a[k + 1 : k + 2])}
    if ":" in around:
        return None  # a time: "11:07"
    before = (
        a[k - 2].group() if k >= 2 and a[k - 1].group() == "." else a[k - 1].group() if k else ""
    )
    year = all(t.isdigit() and 1900 <= int(t) <= 2099 for t in (x, y))
    return "date" if year or before in _MONTH_WORDS else "number"


def _value(token: str) -> float:
    return float(token.replace(",", ""))


def judge(case: RealCase) -> RealOutcome:
    """Run dedupe on the two articles (each its own source) and judge the case."""
    a = Document(case.a.id, case.a.path, case.a.id, case.a.text, case.a.date, case.a.title)
    b = Document(case.b.id, case.b.path, case.b.id, case.b.text, case.b.date, case.b.title)
    report = compare_documents([a, b], Settings(), lambda _m: None)
    spots = {a.id: case.token_a, b.id: case.token_b}
    found = any(
        f.rule == case.rule and (_touches(spots, f.a) or _touches(spots, f.b))
        for f in report.findings
    )
    paired = any(_touches(spots, p.a) or _touches(spots, p.b) for p in report.pairs)
    loud = sorted({f.rule for f in report.findings if f.severity != "info"})
    return RealOutcome(case, found, paired, tuple(loud))


def _touches(spots: dict[str, Spot], span: Span) -> bool:
    lo, hi = spots.get(span.doc, (0, 0))
    return span.start < hi and lo < span.end
