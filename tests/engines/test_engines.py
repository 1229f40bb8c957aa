"""Tests for dedupe.engines.compare: a run on the engine named."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import dedupe
from dedupe import engines


def _content(report: dedupe.Report) -> tuple[Any, ...]:
    return report.documents, report.pairs, report.findings, report.stories, report.only


def test_the_local_engine_is_dedupe_compare(seeds: Path) -> None:
    said: list[str] = []
    report = engines.compare([seeds], progress=said.append, only="pairs")
    assert _content(report) == _content(dedupe.compare([seeds], only="pairs"))
    assert said[0] == "reading articles"


def test_the_spark_engine_is_called_with_its_options(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyspark")
    from dedupe.engines import spark

    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(spark, "compare", lambda *args, **options: calls.append((args, options)))
    engines.compare([seeds], None, None, "pairs", engine="spark", quiet=True)
    assert calls == [(([seeds], None, None), {"only": "pairs", "quiet": True})]


def test_an_unknown_engine_is_named_before_anything_is_read(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown engine 'dask'; use local or spark"):
        engines.compare([tmp_path / "missing"], engine="dask")
