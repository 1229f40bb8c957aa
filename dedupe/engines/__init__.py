"""The three ways to run dedupe, side by side, over one definition of the stages.

`stages.run` is that definition: documents → passage pairs → claims → findings → report,
each stage's per-item work handed to an `Executor`. The engines only decide which
documents go in and where the work runs:

- `local`: `compare(paths)`, every article against every other, in this machine's processes;
- `check`: new articles against a `Store` or folders (only pairs that involve a new article);
- `spark`: `compare(paths)` with Spark executors doing the per-item work.

A new stage is added to `stages.run` once, and every engine runs it. `compare` runs
``compare(paths)`` on the engine named (``dedupe compare --engine``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from dedupe.config import Settings
from dedupe.engines import local
from dedupe.engines.stages import Progress
from dedupe.report import Report


def compare(
    paths: Sequence[str | os.PathLike[str]],
    settings: Settings | None = None,
    progress: Progress | None = None,
    only: str | None = None,
    engine: str = "local",
    quiet: bool = False,
) -> Report:
    """`dedupe.compare` on the engine named ``engine``: ``local``, or ``spark`` (the spark
    extra; ``quiet`` keeps the JVM's notes off stderr). ValueError for another name."""
    if engine == "spark":
        from dedupe.engines.spark import compare as on_spark

        return on_spark(paths, settings, progress, only=only, quiet=quiet)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; use local or spark")
    return local.compare(paths, settings, progress, only)
