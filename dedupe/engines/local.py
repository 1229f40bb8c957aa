"""The whole run in this machine's processes, as one library call: `compare(paths) -> Report`.

The CLI calls exactly this, so library callers get the same results as the command line.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence

from dedupe.config import Settings
from dedupe.engines.stages import Progress, finished, read, run
from dedupe.ingest import in_id_order, one_source
from dedupe.model import Document
from dedupe.report import Report
from dedupe.workers import Local


def compare(
    paths: Sequence[str | os.PathLike[str]],
    settings: Settings | None = None,
    progress: Progress | None = None,
    only: str | None = None,
) -> Report:
    """Read the articles under ``paths``, pair passages across sources, report findings
    (with ``only="pairs"``, stop after the passage pairs and near-duplicate groups).

    Raises `InputError` when the run cannot go on (a missing path, no readable article).
    Files that cannot be read are skipped and listed in ``report.diagnostics``.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    say = progress or (lambda _message: None)
    documents, diagnostics = read(paths, settings, say, "articles")
    note = one_source(paths, documents)
    diagnostics.extend([note] if note else [])
    report = compare_documents(documents, settings, say, only)
    return finished(report, diagnostics, started)


def compare_documents(
    documents: Sequence[Document], settings: Settings, say: Progress, only: str | None = None
) -> Report:
    """Pair and check documents already loaded (no diagnostics nor timing), in id order."""
    return run(in_id_order(documents), settings, Local(settings.workers), say, only=only)
