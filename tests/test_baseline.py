"""Tests for dedupe.baseline: the file format, round trip, hiding, stale entries, bad files.

The reference file is tests/reference/baseline.json; regenerate it with
``DEDUPE_UPDATE_REFERENCE=1 .venv/bin/pytest tests/test_baseline.py`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from sample import check_reference, sample_findings, sample_report

from dedupe import baseline
from dedupe.baseline import Baseline, Entry


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "dedupe-baseline.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_baseline_matches_reference() -> None:
    check_reference("baseline.json", baseline.dump(baseline.create(sample_report())))


def test_entries_are_sorted_by_id_and_unique() -> None:
    report = sample_report()
    doubled = dataclasses.replace(report, findings=report.findings + report.findings[:1])
    created = baseline.create(doubled)
    ids = [e.id for e in created.entries]
    assert ids == sorted(f.id for f in report.findings)
    assert created.created == report.created
    assert baseline.create(report, created="2025-01-01").created == "2025-01-01"


def test_round_trip_through_a_file(tmp_path: Path) -> None:
    original = baseline.create(sample_report())
    assert baseline.load(_write(tmp_path, baseline.dump(original))) == original


def test_apply_hides_baselined_findings_only() -> None:
    report = sample_report()
    accepted = baseline.create(dataclasses.replace(report, findings=report.findings[:2]))
    shown, stale = baseline.apply(report, accepted)
    assert shown.findings == report.findings[2:]
    assert stale == []
    assert shown.documents == report.documents and shown.pairs == report.pairs


def test_apply_reports_entries_that_match_nothing_as_stale() -> None:
    report = sample_report()
    accepted = baseline.create(report)
    fixed = dataclasses.replace(report, findings=report.findings[1:])
    shown, stale = baseline.apply(fixed, accepted)
    assert shown.findings == ()
    assert [e.id for e in stale] == [report.findings[0].id]


def test_entries_about_documents_not_in_the_run_are_not_stale() -> None:
    report = sample_report()
    other = Entry("ffff0000", "quote-drift", "old/a.txt", "wire/agency.txt", "older finding")
    accepted = Baseline((*baseline.create(report).entries, other))
    shown, stale = baseline.apply(report, accepted)
    assert shown.findings == () and stale == []


def test_fingerprint_matches_even_when_the_finding_moved() -> None:
    moved = tuple(
        dataclasses.replace(f, a=dataclasses.replace(f.a, line=99)) for f in sample_findings()
    )
    report = sample_report()
    shown, stale = baseline.apply(
        dataclasses.replace(report, findings=moved), baseline.create(report)
    )
    assert shown.findings == () and stale == []


def test_bad_json_names_the_file_and_the_fix(tmp_path: Path) -> None:
    path = _write(tmp_path, '{"schema": "dedupe.baseline/1", "findings": [\n')
    with pytest.raises(ValueError, match="not valid JSON") as info:
        baseline.load(path)
    assert str(path) in str(info.value) and "line 2" in str(info.value)
    assert "write a new baseline" in str(info.value)


def test_wrong_schema_names_the_file_and_what_it_found(tmp_path: Path) -> None:
    path = _write(tmp_path, json.dumps({"schema": "dedupe.report/1", "findings": []}))
    with pytest.raises(ValueError, match=r"not a dedupe\.baseline/1 file.*'dedupe\.report/1'"):
        baseline.load(path)
    with pytest.raises(ValueError, match="schema is 'list'"):
        baseline.load(_write(tmp_path, "[]"))


def test_entry_without_an_id_is_rejected_with_its_number(tmp_path: Path) -> None:
    text = baseline.dump(baseline.create(sample_report()))
    data = json.loads(text)
    del data["findings"][1]["id"]
    with pytest.raises(ValueError, match="finding 2 lacks string field"):
        baseline.load(_write(tmp_path, json.dumps(data)))


def test_missing_file_is_a_value_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "absent.json"
    with pytest.raises(ValueError, match=r"cannot read the baseline: .*absent\.json: no such file"):
        baseline.load(path)
