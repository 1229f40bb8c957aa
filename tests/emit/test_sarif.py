"""Tests for dedupe.emit.sarif: reference file, the official schema, and span geometry.

The reference file is tests/reference/report.sarif; regenerate it with
``DEDUPE_UPDATE_REFERENCE=1 .venv/bin/pytest tests/emit/test_sarif.py`` and review the diff.
The schema is the OASIS SARIF 2.1.0 schema in ../shared/schemas, next to the repository.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import corpus
import jsonschema
import pytest
from sample import check_reference, empty_report, sample_findings, sample_report

import dedupe
from dedupe.emit import sarif
from dedupe.model import Document
from dedupe.report import Report
from dedupe.rules import RULES

SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Any:
    """A Draft 4 validator for the official schema; skipped when absent, except in CI."""
    if not SCHEMA.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SCHEMA} is missing: CI must validate SARIF output")
        pytest.skip(f"{SCHEMA} not found")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def _log(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(sarif.render(report))
    return data


def _errors(validator: Any, log: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]


def _result(log: dict[str, Any], rule: str) -> dict[str, Any]:
    results: list[dict[str, Any]] = log["runs"][0]["results"]
    return next(r for r in results if r["ruleId"] == rule)


def test_sarif_matches_reference() -> None:
    check_reference("report.sarif", sarif.render(sample_report()))


def test_sarif_is_valid_against_the_official_schema(validator: Any) -> None:
    assert _errors(validator, _log(sample_report())) == []


def test_the_schema_check_rejects_a_level_sarif_does_not_have(validator: Any) -> None:
    log = _log(sample_report())
    log["runs"][0]["results"][2]["level"] = "info"
    assert _errors(validator, log)


def test_no_findings_gives_a_valid_log_with_an_empty_results_list(validator: Any) -> None:
    log = _log(empty_report())
    assert _errors(validator, log) == []
    assert log["runs"][0]["results"] == []
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(RULES)


def test_driver_describes_every_catalogue_rule() -> None:
    driver = _log(sample_report())["runs"][0]["tool"]["driver"]
    assert driver["name"] == "dedupe" and driver["version"] == dedupe.__version__
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    assert set(by_id) == set(RULES)
    assert by_id["name-variant"]["defaultConfiguration"]["level"] == "note"
    assert by_id["number-mismatch"]["shortDescription"]["text"] == RULES["number-mismatch"].summary
    assert by_id["quote-drift"]["name"] == "QuoteDrift"


def test_results_point_at_their_rule_and_keep_the_fingerprint() -> None:
    log = _log(sample_report())
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    results = log["runs"][0]["results"]
    assert [r["partialFingerprints"]["dedupe/v1"] for r in results] == [
        f.id for f in sample_findings()
    ]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert [r["level"] for r in results] == ["error", "warning", "note", "error"]


def test_region_of_a_span_that_crosses_a_line_break() -> None:
    result = _result(_log(sample_report()), "quote-drift")
    region = result["locations"][0]["physicalLocation"]["region"]
    # 'We will stand firm' starts at column 46 of line 3; the span ends after the '.' that
    # is the 43rd character of line 4, so the exclusive end column is 44.
    assert region == {
        "startLine": 3,
        "startColumn": 46,
        "endLine": 4,
        "endColumn": 44,
        "charOffset": 69,
        "charLength": 62,
        "snippet": {"text": "We will stand firm\nwith our comrades & allies <until victory>."},
    }


def test_related_location_is_the_other_outlet() -> None:
    result = _result(_log(sample_report()), "number-mismatch")
    related = result["relatedLocations"][0]
    assert related["id"] == 1
    assert "Agence <Wire> & Co" in related["message"]["text"]
    physical = related["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "articles/wire/agency.txt"
    assert physical["region"]["endColumn"] == len("Up to 8,000 soldiers") + 1
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "articles/new/troops%20day%201.md"


def _regions(log: dict[str, Any]) -> list[tuple[int, int, int, int]]:
    out = []
    for result in log["runs"][0]["results"]:
        for loc in (result["locations"][0], result["relatedLocations"][0]):
            r = loc["physicalLocation"]["region"]
            out.append((r["startLine"], r["startColumn"], r["endLine"], r["endColumn"]))
    return out


def test_positions_fall_back_to_the_span_text_without_document_text() -> None:
    report = sample_report()
    textless = dataclasses.replace(
        report, documents=tuple(dataclasses.replace(d, text="") for d in report.documents)
    )
    missing = dataclasses.replace(report, documents=())
    expected = _regions(_log(report))
    assert _regions(_log(textless)) == expected
    assert _regions(_log(missing)) == expected


def test_unknown_rule_in_a_saved_report_still_resolves(validator: Any) -> None:
    finding = dataclasses.replace(sample_findings()[0], rule="future-rule")
    log = _log(dataclasses.replace(sample_report(), findings=(finding,)))
    assert _errors(validator, log) == []
    result = log["runs"][0]["results"][0]
    assert log["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "future-rule"


@pytest.mark.parametrize(
    ("doc_id", "path"), [("feed.jsonl#42", "news/feed.jsonl"), ("page.HTML", "news/page.HTML")]
)
def test_extracted_text_gets_a_logical_location_not_file_lines(
    validator: Any, doc_id: str, path: str
) -> None:
    text = "Up to 8,000 soldiers gathered."
    record = Document(id=doc_id, path=path, source="Feed", text=text)
    finding = dataclasses.replace(sample_findings()[0], b=record.span(0, 20))
    report = dataclasses.replace(
        sample_report(), documents=(*sample_report().documents, record), findings=(finding,)
    )
    log = _log(report)
    assert _errors(validator, log) == []
    related = log["runs"][0]["results"][0]["relatedLocations"][0]
    assert "region" not in related["physicalLocation"]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == path
    assert related["logicalLocations"][0]["name"] == doc_id


def test_diagnostics_become_tool_notifications() -> None:
    invocation = _log(sample_report())["runs"][0]["invocations"][0]
    note = invocation["toolExecutionNotifications"][0]
    assert note["level"] == "warning" and note["message"]["text"] == "no text: skipped"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "articles/broken%2C1.html"
    )


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("news/a b.txt", "news/a%20b.txt"),
        ("news\\win.txt", "news/win.txt"),
        ("/srv/news/ä.txt", "file:///srv/news/%C3%A4.txt"),
        ("C:\\news\\a.txt", "file:///C:/news/a.txt"),
        ("a:b.txt", "a%3Ab.txt"),
    ],
)
def test_file_uri(path: str, uri: str) -> None:
    assert sarif.file_uri(path) == uri


def _slice_by_region(text: str, region: dict[str, Any]) -> str:
    # Independent of Document.position: walk the lines the way an editor shows them.
    lines = text.split("\n")
    first, last = int(region["startLine"]) - 1, int(region["endLine"]) - 1
    start, end = int(region["startColumn"]) - 1, int(region["endColumn"]) - 1
    if first == last:
        return lines[first][start:end]
    parts = [lines[first][start:], *lines[first + 1 : last], lines[last][:end]]
    return "\n".join(parts)


@pytest.mark.corpus
@pytest.mark.parametrize("ref", ["politics/001", "business/017", "sport/100", "tech/250"])
def test_regions_on_real_articles_give_back_the_span(
    corpora: Path, validator: Any, ref: str
) -> None:
    article = corpus.text("bbc", ref)
    doc = Document(id=f"bbc/{ref}.txt", path=f"bbc/{ref}.txt", source="BBC", text=article)
    # Spans around every paragraph break, so most cross one or two line breaks.
    breaks = [i for i in range(1, len(article)) if article[i - 1 : i + 1] == "\n\n"]
    spans = [doc.span(max(0, i - 25), min(len(article), i + 40)) for i in breaks]
    assert spans, f"{ref} has no paragraph break"
    template = sample_findings()[0]
    findings = tuple(
        dataclasses.replace(template, id=f"f{n}", a=span, b=span) for n, span in enumerate(spans)
    )
    log = _log(Report(documents=(doc,), findings=findings))
    assert _errors(validator, log) == []
    for result, span in zip(log["runs"][0]["results"], spans, strict=True):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert _slice_by_region(article, region) == span.text
