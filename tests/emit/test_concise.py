"""Tests for dedupe.emit.concise (reference file tests/reference/report.concise.txt) and the
terminal report's top findings."""

from __future__ import annotations

import dataclasses

from sample import check_reference, empty_report, many_findings, sample_findings, sample_report
from typer.testing import CliRunner

from dedupe.cli import app
from dedupe.emit import concise, text


def test_concise_matches_reference() -> None:
    check_reference("report.concise.txt", concise.render(sample_report()))


def test_one_line_per_finding_even_with_line_breaks_in_messages() -> None:
    lines = concise.render(sample_report()).splitlines()
    assert len(lines) == len(sample_findings())
    assert lines[0].startswith("articles/new/troops day 1.md:3:1: error number-mismatch Counts")
    assert "Dates differ: Friday" in lines[3]
    assert concise.render(empty_report()) == ""


def test_a_record_of_an_archive_is_named_by_its_id() -> None:
    report = sample_report()
    records = [dataclasses.replace(d, path="feed.jsonl") for d in report.documents]
    lines = concise.render(dataclasses.replace(report, documents=tuple(records))).splitlines()
    assert lines[0].startswith("new/troops day 1.md:3:1: ")  # the id, not feed.jsonl


def test_top_findings_open_a_long_report_most_severe_first() -> None:
    assert text.top_findings(sample_report()) == []
    long = many_findings(600)
    shown = text.plain(text.top_findings(long))
    assert f"Top findings ({text.TOP} of 600)" in shown
    severities = [line.split()[0] for line in shown.splitlines() if line[:1].isalpha()]
    assert len(severities) == text.TOP and severities == sorted(
        severities, key=["error", "warning", "info"].index
    )


def test_format_concise_on_the_command_line(seeds: object) -> None:
    result = CliRunner().invoke(app, ["compare", str(seeds), "-f", "concise"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines and all(": warning " in line or ": info " in line for line in lines)
    assert any("quote-drift" in line for line in lines)
