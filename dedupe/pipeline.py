"""The whole run as one library call: `compare(paths) -> Report`.

The CLI calls exactly this, so library callers get the same results as the command line.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from dedupe import discrepancies, pairing
from dedupe.config import Settings
from dedupe.ingest import in_id_order, load, nothing_readable, one_source
from dedupe.model import Diagnostic, Document
from dedupe.report import Report
from dedupe.workers import release_memory

Progress = Callable[[str], None]


def compare(
    paths: Sequence[str | os.PathLike[str]],
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Report:
    """Read the articles under ``paths``, pair passages across sources, report findings.

    Raises `InputError` when the run cannot go on (a missing path, no readable article).
    Files that cannot be read are skipped and listed in ``report.diagnostics``.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    say = progress or (lambda _message: None)
    documents, diagnostics = read(paths, settings, say, "articles")
    note = one_source(paths, documents)
    diagnostics.extend([note] if note else [])
    return finished(compare_documents(documents, settings, say), diagnostics, started)


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


def compare_documents(documents: Sequence[Document], settings: Settings, say: Progress) -> Report:
    """Pair and check documents already loaded (no diagnostics nor timing), in id order."""
    documents = in_id_order(documents)
    say(f"pairing passages across {len(documents)} documents")
    found = pairing.pair(documents, settings)
    say(f"checking claims in {len(found.pairs)} passage pairs")
    findings = discrepancies.find(documents, found, settings)
    release_memory()  # the claims are gone: the report is written from a smaller process
    return Report(
        documents=tuple(documents),
        pairs=tuple(found.pairs),
        findings=tuple(findings),
        clusters=tuple(found.clusters),
        options=settings.as_dict(),
    )
