"""The Spark engine gives the same report as the in-process engine, whatever reads the input."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import dedupe
from dedupe.config import Settings
from dedupe.ingest import load
from dedupe.report import Report

pytestmark = pytest.mark.spark

BASIL_SAMPLE = 45  # 15 stories told by three outlets each; keeps the file under a minute


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local Spark session for the whole run (about ten seconds to start)."""
    if importlib.util.find_spec("pyspark") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pyspark is missing: CI must install the spark extra")
        pytest.skip("pyspark is not installed; pip install -e '.[spark]' to run these tests")
    from pyspark.sql import SparkSession

    # Python workers must run this interpreter, the one with dedupe and its dependencies.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("dedupe-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def basil(corpora: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding one JSONL file of BASIL articles, read from the shared corpus."""
    folder = tmp_path_factory.mktemp("basil")
    lines = (corpora / "basil" / "basil_articles.jsonl").read_text(encoding="utf-8").splitlines()
    (folder / "basil.jsonl").write_text("\n".join(lines[:BASIL_SAMPLE]) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def basil_local(basil: Path) -> Report:
    return dedupe.compare([basil])


def essence(report: Report) -> dict[str, Any]:
    """The whole JSON report less what differs between any two runs (time stamps)."""
    data = report.to_dict()
    del data["created"], data["elapsed"]
    return data


def assert_same(got: Report, expected: Report) -> None:
    # Compare the parts first, so that a failure names what differs.
    assert [(p.id, p.score) for p in got.pairs] == [(p.id, p.score) for p in expected.pairs]
    assert [(f.id, f.rule, f.a, f.b) for f in got.findings] == [
        (f.id, f.rule, f.a, f.b) for f in expected.findings
    ]
    assert [(s.id, s.documents) for s in got.stories] == [
        (s.id, s.documents) for s in expected.stories
    ]
    assert essence(got) == essence(expected)


def test_seeds_give_the_local_report(spark: Any, seeds: Path) -> None:
    from dedupe.engines.spark import compare

    expected = dedupe.compare([seeds])
    assert expected.pairs and expected.findings  # a comparison of empty reports proves nothing
    assert_same(compare([seeds], spark=spark), expected)


def test_only_pairs_gives_the_local_pairs(spark: Any, seeds: Path) -> None:
    from dedupe.engines.spark import compare

    expected = dedupe.compare([seeds], only="pairs")
    got = compare([seeds], spark=spark, only="pairs")
    assert got.only == "pairs" and got.pairs == expected.pairs and not got.findings


def test_basil_sample_gives_the_local_report(spark: Any, basil: Path, basil_local: Report) -> None:
    from dedupe.engines.spark import compare

    assert len(basil_local.pairs) > 50 and basil_local.findings and basil_local.stories
    messages: list[str] = []
    got = compare([basil], spark=spark, progress=messages.append)
    assert_same(got, basil_local)
    assert any("Spark" in m for m in messages)


def test_jsonl_read_by_spark_gives_the_local_report(
    spark: Any, basil: Path, basil_local: Report
) -> None:
    from dedupe.engines.spark import compare

    got = compare([basil], spark=spark, input_format="jsonl")
    assert [d.id for d in got.documents][:2] == [d.id for d in basil_local.documents][:2]
    assert_same(got, basil_local)


def test_jsonl_rows_become_the_documents_ingest_reads(
    spark: Any, basil: Path, tmp_path: Path
) -> None:
    from dedupe.engines.spark import read

    rows = [json.loads(line) for line in (basil / "basil.jsonl").read_text().splitlines()[:4]]
    del rows[1]["id"]  # numbered by its line, as ingest does
    del rows[2]["text"]  # skipped with a diagnostic
    lines = [json.dumps(r) for r in rows] + ['{"text": "unterminated']
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings()
    got, notes = read(spark, [str(path)], settings)
    expected, expected_notes = load([path], settings)
    prefix = path.as_posix()
    assert [d.id for d in got] == [
        f"{prefix}#{rows[0]['id']}",
        f"{prefix}#2",
        f"{prefix}#{rows[3]['id']}",
    ]
    assert got == expected
    assert sorted(n.path for n in notes) == sorted(n.path for n in expected_notes)


def test_parquet_rows_are_read(spark: Any, basil: Path, tmp_path: Path) -> None:
    from dedupe.engines.spark import read

    expected, _ = load([basil])
    frame = spark.read.json(str(basil / "basil.jsonl")).select("id", "source", "date", "text")
    frame.limit(6).coalesce(1).write.parquet(str(tmp_path / "articles"))
    got, notes = read(spark, [str(tmp_path / "articles")], Settings(), "parquet")
    assert not notes and len(got) == 6
    by_record = {d.id.split("#", 1)[1]: d for d in expected}
    for doc in got:
        twin = by_record[doc.id.split("#", 1)[1]]
        assert (doc.text, doc.source, doc.date) == (twin.text, twin.source, twin.date)
        assert doc.id.endswith(".parquet#" + twin.id.split("#", 1)[1])


def test_main_writes_the_json_report_and_parquet_findings(
    spark: Any, seeds: Path, tmp_path: Path
) -> None:
    from dedupe.engines.spark import main

    output, findings = tmp_path / "report.json", tmp_path / "findings"
    assert main([str(seeds), "--output", str(output), "--parquet", str(findings)]) == 0
    expected = essence(dedupe.compare([seeds]))
    written = json.loads(output.read_text(encoding="utf-8"))
    del written["created"], written["elapsed"]
    assert written == expected
    rows = spark.read.parquet(str(findings)).collect()
    assert sorted((r["id"], r["rule"], r["a"]["start"], r["b"]["text"]) for r in rows) == sorted(
        (f["id"], f["rule"], f["a"]["start"], f["b"]["text"]) for f in expected["findings"]
    )
    assert spark.sparkContext._jsc is not None  # main left the caller's session running


def test_runs_as_a_script_despite_the_package_folder_on_sys_path(spark: Any) -> None:
    # spark-submit runs the file itself; dedupe/numbers.py must not shadow `numbers`.
    import dedupe.engines.spark

    done = subprocess.run(
        [sys.executable, dedupe.engines.spark.__file__, "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "--input-format" in done.stdout


def test_quiet_spark_run_prints_nothing_on_stderr(spark: Any, seeds: Path) -> None:
    # The JVM's start-up notes and log4j warnings are no business of a quiet run.
    done = subprocess.run(
        [sys.executable, "-m", "dedupe", "compare", str(seeds), "--engine", "spark", "-q"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and "dedupe" in done.stdout
