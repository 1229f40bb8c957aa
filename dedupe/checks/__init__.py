"""Findings: where two sources that tell the same thing disagree.

One checker per rule family, each a module of this package with the same signature,
``check(docs: DocumentPair) -> Iterable[Finding]``: `numbers` (number-mismatch,
number-qualifier, attribution-mismatch), `dates` (date-mismatch), `quotes` (quote-drift),
`names` (name-variant), `copies` (duplicate) and `omissions` (omission). `dedupe.rules`
names each rule's family, so a new rule is a row there and, for a new family, a module
here. `find` runs every checker over every paired document pair and deduplicates.

Checkers lean towards silence: paraphrase, reordering, compatible precision ("about
10,000" vs "10,000"), rounding and unrelated figures in paired sentences must not raise
errors, because a checker that cries wolf gets switched off.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import NamedTuple, Protocol, cast

from dedupe.checks.evidence import DocumentPair, fingerprint
from dedupe.claims import Claims
from dedupe.config import Settings
from dedupe.model import SEVERITY_RANK, Document, Finding, NameClaim, Pair
from dedupe.normalize import fold
from dedupe.pairing import Pairing
from dedupe.rules import RULES
from dedupe.workers import Executor

__all__ = ["DocumentPair", "find", "fingerprint", "unique"]


class Checker(Protocol):
    """What a rule family's module looks like."""

    def check(self, docs: DocumentPair) -> Iterable[Finding]:
        """The findings of this family between two paired documents."""
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
    document pair, and the settings."""

    pairs: Sequence[Pair]
    by_id: Mapping[str, Document]
    claims: Mapping[str, Claims]
    overlaps: Mapping[tuple[str, str], float]
    settings: Settings


def find(
    documents: Sequence[Document],
    pairing: Pairing,
    claims: Mapping[str, Claims],
    settings: Settings,
    executor: Executor,
) -> list[Finding]:
    """Every finding for the passage pairs and clusters, most severe first, deduplicated.

    ``claims`` holds each paired document's passage claims (`claims.of_passages`); the
    checks run with ``executor`` over runs of whole document pairs.
    """
    by_id = {d.id: d for d in documents}
    evidence = _Evidence(pairing.pairs, by_id, claims, pairing.overlaps, settings)
    runs = _document_runs(pairing.pairs, _TASK_PAIRS)
    checked = "runs of passage pairs checked"
    done = executor.map_shared(_check_run, evidence, runs, checked, _MIN_RUNS)
    return unique((f for found in done for f in found), settings)


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


def _check_run(evidence: _Evidence, run: tuple[int, int]) -> list[Finding]:
    """Every checker's findings for the document pairs of one run of passage pairs."""
    found: list[Finding] = []
    telling: dict[str, set[str]] = {}
    for docs in _document_pairs(evidence, evidence.pairs[run[0] : run[1]], telling):
        for checker in checkers():
            found.extend(checker.check(docs))
    return found


def _document_pairs(
    evidence: _Evidence, pairs: Sequence[Pair], telling: dict[str, set[str]]
) -> Iterable[DocumentPair]:
    """The document pairs of consecutive ``pairs``, in order; ``telling`` caches each
    document's story names."""
    grouped: dict[tuple[str, str], list[Pair]] = {}
    for pair in pairs:
        grouped.setdefault((pair.a.doc, pair.b.doc), []).append(pair)
    for (a, b), some in grouped.items():
        for doc in (a, b):
            if doc not in telling:
                names = evidence.claims[doc].names
                telling[doc] = {fold(n.name) for n in names if _telling(n)}
        yield DocumentPair(
            evidence.by_id[a],
            evidence.by_id[b],
            some,
            evidence.claims[a],
            evidence.claims[b],
            evidence.overlaps.get((a, b), 0.0),
            bool(telling[a] & telling[b]),
            evidence.settings,
        )


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
