"""The stages of a run, once for every engine: read, pair, group stories, extract claims,
check (the claims of each story lined up into slots), report.

Each stage is a pure function of what the one before it made; the per-document and
per-pair work inside a stage goes to the `Executor` the engine gives, so the same
documents give the same report whichever engine runs them.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from dedupe import checks, claims, pairing, stories
from dedupe.claims import Claims
from dedupe.config import Settings
from dedupe.ingest import load, nothing_readable
from dedupe.model import Diagnostic, Document, Finding, Story
from dedupe.pairing import Segmented
from dedupe.report import Report
from dedupe.workers import Executor, release_memory

Progress = Callable[[str], None]


def _no_claims(_ids: Sequence[str]) -> Mapping[str, Claims]:
    return {}


@dataclass(frozen=True)
class Prepared:
    """What a store computed earlier: segmentations, and the whole-article claims of the
    documents asked for (read only for the documents that end up paired)."""

    segmented: Mapping[str, Segmented] = field(default_factory=dict)
    claims: Callable[[Sequence[str]], Mapping[str, Claims]] = _no_claims


def run(
    documents: Sequence[Document],
    settings: Settings,
    executor: Executor,
    say: Progress,
    focus: int | None = None,
    known: Prepared | None = None,
    only: str | None = None,
) -> Report:
    """Pair and check ``documents`` in the order given; the report has no diagnostics nor
    timing.

    With ``focus=k`` only document pairs that involve one of the first ``k`` documents are
    aligned (`dedupe check`). ``known`` spares segmenting and extracting claims of the
    documents a store prepared. ``only="pairs"`` stops after passage pairing and the
    near-duplicate groups (no stories, claims nor findings): what a corpus curator who only
    wants the overlap needs, at a fraction of the time.
    """
    known = known or Prepared()
    if focus is None:
        say(f"pairing passages across {len(documents)} documents")
    else:
        say(f"pairing {focus} new articles with {len(documents) - focus} corpus documents")
    found = pairing.pair(documents, settings, focus, known.segmented, executor)
    if only == "pairs":
        return _report(documents, found, settings, only=only)
    say(f"grouping {len(found.pairs)} passage pairs into stories")
    grouped = stories.group(documents, found.pairs, found.vectors, settings, executor)
    found = replace(found, vectors=None)  # read by the stories alone
    say(f"checking claims in {len(found.pairs)} passage pairs")
    spans = claims.passage_spans(found.pairs)
    passage_claims = claims.of_passages(documents, spans, executor, known.claims(list(spans)))
    findings, told = checks.find(documents, found, passage_claims, grouped, settings, executor)
    del passage_claims
    release_memory()  # the claims are gone: the report is written from a smaller process
    return _report(documents, found, settings, findings, told)


def _report(
    documents: Sequence[Document],
    found: pairing.Pairing,
    settings: Settings,
    findings: Sequence[Finding] = (),
    told: Sequence[Story] = (),
    only: str | None = None,
) -> Report:
    return Report(
        documents=tuple(documents),
        pairs=tuple(found.pairs),
        findings=tuple(findings),
        clusters=tuple(found.clusters),
        stories=tuple(told),
        options=settings.as_dict(),
        only=only,
    )


def read(
    paths: Sequence[str | os.PathLike[str]], settings: Settings, say: Progress, what: str
) -> tuple[list[Document], list[Diagnostic]]:
    """The articles under ``paths`` and what reading them said; `InputError` when none
    can be read, with the reason."""
    say(f"reading {what}")
    documents, diagnostics = load(paths, settings)
    if not documents:
        raise nothing_readable(paths, diagnostics)
    return documents, diagnostics


def finished(report: Report, diagnostics: Sequence[Diagnostic], started: float) -> Report:
    """``report`` with the run's diagnostics, creation time and elapsed seconds."""
    return replace(
        report,
        diagnostics=tuple(diagnostics),
        created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        elapsed=time.perf_counter() - started,
    )
