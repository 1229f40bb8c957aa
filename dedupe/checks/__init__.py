"""Findings: where two sources that tell the same thing disagree.

One checker per rule family, each a module of this package with the same signature,
``check(docs: DocumentPair) -> Iterable[Match | Finding]``: `numbers` (number-mismatch,
number-qualifier, number-update), `dates` (date-mismatch), `quotes` (quote-drift),
`names` (name-variant), `attribution` (attribution-mismatch, which `numbers` also asks of
the figures it matches), `copies` (duplicate) and `omissions` (omission). `dedupe.rules`
names each rule's family, so a new rule is a row there and, for a new family, a module
here. `find` runs every checker over every paired document pair; the matches of claims
become the slots of each story (`stories.slots`), which name every finding's story and
slot; then the findings are deduplicated.

Checkers lean towards silence: paraphrase, reordering, compatible precision ("about
10,000" vs "10,000"), rounding and unrelated figures in paired sentences must not raise
errors, because a checker that cries wolf gets switched off.
"""

from __future__ import annotations

import importlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import NamedTuple, Protocol, cast

from dedupe.checks.evidence import DocumentPair, apart, fingerprint, sentence_key
from dedupe.claims import Claims
from dedupe.claims.attribution import sentences
from dedupe.config import Settings
from dedupe.model import SEVERITY_RANK, Document, Finding, Match, NameClaim, Pair, Story
from dedupe.normalize import fold
from dedupe.pairing import Pairing
from dedupe.rules import RULES
from dedupe.stories import Stories, slots
from dedupe.workers import Executor

__all__ = ["DocumentPair", "find", "fingerprint", "unique"]


class Checker(Protocol):
    """What a rule family's module looks like."""

    def check(self, docs: DocumentPair) -> Iterable[Match | Finding]:
        """The matched claims (with their findings) and the findings about no claim of
        this family between two paired documents."""
        ...


@cache
def checkers() -> tuple[Checker, ...]:
    """The checker modules of every rule family in `dedupe.rules`, in catalogue order."""
    families = dict.fromkeys(rule.family for rule in RULES.values())
    return tuple(cast(Checker, importlib.import_module(f"{__name__}.{f}")) for f in families)


# Passage pairs checked per task: enough tasks to spread over the workers from a few
# thousand articles on.
_TASK_PAIRS = 64
# A run's checks take about as long as one article's claims, so a few dozen are worth a pool.
_MIN_RUNS = 32


class _Evidence(NamedTuple):
    """What the checks read: passage pairs, their documents and claims, the overlap of each
    document pair, the stories, the recurring sentences, the settings, and whether the run
    dates its articles."""

    pairs: Sequence[Pair]
    by_id: Mapping[str, Document]
    claims: Mapping[str, Claims]
    overlaps: Mapping[tuple[str, str], float]
    stories: Stories
    templates: frozenset[bytes]
    settings: Settings
    dated: bool


def find(
    documents: Sequence[Document],
    pairing: Pairing,
    claims: Mapping[str, Claims],
    stories: Stories,
    settings: Settings,
    executor: Executor,
) -> tuple[list[Finding], list[Story]]:
    """Every finding for the passage pairs and clusters, most severe first, deduplicated,
    and the stories with their slots.

    ``claims`` holds each paired document's passage claims (`claims.of_passages`); the
    checks run with ``executor`` over runs of whole document pairs.
    """
    by_id = {d.id: d for d in documents}
    templates = _templates(by_id, pairing.pairs, stories)
    evidence = _Evidence(
        pairing.pairs,
        by_id,
        claims,
        pairing.overlaps,
        stories,
        templates,
        settings,
        _dated(documents),
    )
    runs = _document_runs(pairing.pairs, _TASK_PAIRS)
    checked = "runs of passage pairs checked"
    done = executor.map_shared(_check_run, evidence, runs, checked, _MIN_RUNS)
    told, findings = slots.assemble(stories, by_id, (item for run in done for item in run))
    return unique(findings, settings), told


# Share of a run's articles that, dated, make it a run that dates its articles.
_DATED_SHARE = 0.25


def _dated(documents: Sequence[Document]) -> bool:
    """Whether a run dates its articles: it holds more than two (two are set side by side
    by choice) and a quarter of them or more have a date. Then an undated one cannot be set
    in time beside the others (`DocumentPair.placed`); in a folder of undated texts, all
    are."""
    dated = sum(doc.date is not None for doc in documents)
    return len(documents) > 2 and dated > 0 and dated >= _DATED_SHARE * len(documents)


_FIGURE = re.compile(r"\d")
# A sentence with other figures in articles of this many stories (or unstoried articles) is
# a template (a pollster's methodology line, an earnings table), not one claim copied.
_TEMPLATE_STORIES = 3


def _templates(
    by_id: Mapping[str, Document], pairs: Iterable[Pair], stories: Stories
) -> frozenset[bytes]:
    """The digests of the paired sentences with figures that recur, figures masked, in
    articles of several stories."""
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for pair in pairs:
        for side in (pair.a, pair.b):
            spans[side.doc].add((side.start, side.end))
    told: dict[bytes, set[str]] = defaultdict(set)
    for doc, held in spans.items():
        text = by_id[doc].text
        keys = {
            sentence_key(text[start:end])
            for lo, hi in held
            for start, end in sentences(text, lo, hi)
            if _FIGURE.search(text, start, end)
        }
        for key in keys:
            told[key].add(stories.of.get(doc, doc))
    return frozenset(key for key, where in told.items() if len(where) >= _TEMPLATE_STORIES)


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


def _check_run(evidence: _Evidence, run: tuple[int, int]) -> list[Match | Finding]:
    """Every checker's matches and findings for the document pairs of one run."""
    found: list[Match | Finding] = []
    for docs in _document_pairs(evidence, evidence.pairs[run[0] : run[1]]):
        for checker in checkers():
            found.extend(checker.check(docs))
    return found


def _document_pairs(evidence: _Evidence, pairs: Sequence[Pair]) -> Iterable[DocumentPair]:
    """The document pairs of consecutive ``pairs``, in order."""
    grouped: dict[tuple[str, str], list[Pair]] = {}
    for pair in pairs:
        grouped.setdefault((pair.a.doc, pair.b.doc), []).append(pair)
    of = evidence.stories.of
    telling: dict[str, set[str]] = {}
    # Claims are held packed (`claims.Packed`): each document of the run is unpacked once.
    unpacked: dict[str, Claims] = {}

    def claims_of(doc: str) -> Claims:
        if doc not in unpacked:
            unpacked[doc] = evidence.claims[doc]
        return unpacked[doc]

    for (a, b), some in grouped.items():
        story = of.get(a) if of.get(a) == of.get(b) else None
        loose = (
            story is None
            and (a not in of or b not in of)
            and _name_alike(evidence, a, b, telling, claims_of)
        )
        yield DocumentPair(
            evidence.by_id[a],
            evidence.by_id[b],
            some,
            claims_of(a),
            claims_of(b),
            evidence.overlaps.get((a, b), 0.0),
            story,
            evidence.settings,
            evidence.templates,
            loose,
            _placed(evidence, a, b, story),
        )


def _placed(evidence: _Evidence, a: str, b: str, story: str | None) -> bool:
    """Whether two articles can be set in time beside each other: both are dated, the run
    dates none, or they are of one story whose articles are mostly dated (the dates kept
    it to one stretch of time, and the undated one joined it there)."""
    if not evidence.dated or all(evidence.by_id[doc].date is not None for doc in (a, b)):
        return True
    members = evidence.stories.members.get(story, ()) if story is not None else ()
    dated = sum(evidence.by_id[doc].date is not None for doc in members)
    return 2 * dated > len(members)


def _name_alike(
    evidence: _Evidence,
    a: str,
    b: str,
    telling: dict[str, set[str]],
    claims_of: Callable[[str], Claims],
) -> bool:
    """Whether two articles, published within `story_days` of each other when both are
    dated, name someone or something in common (``telling`` caches each article's names)."""
    if apart(evidence.by_id[a], evidence.by_id[b], evidence.settings):
        return False
    for doc in (a, b):
        if doc not in telling:
            names = claims_of(doc).names
            telling[doc] = {fold(n.name) for n in names if _telling(n)}
    return bool(telling[a] & telling[b])


def _telling(name: NameClaim) -> bool:
    """A name that tells which story an article is on: a person, a place, or a body of more
    than one word (a lone capitalised word such as a table's "NOTE" tells nothing)."""
    return name.category in ("person", "place") or (
        name.category == "organisation" and " " in name.name.strip()
    )


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
