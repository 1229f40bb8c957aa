"""Tests for dedupe.emit.junit: reference file, structure, counts and XML safety.

The reference file is tests/reference/report.junit.xml; regenerate it with
``DEDUPE_UPDATE_REFERENCE=1 .venv/bin/pytest tests/emit/test_junit.py`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from sample import check_reference, empty_report, sample_findings, sample_report

from dedupe.emit import junit
from dedupe.report import Report


def _root(report: Report) -> ET.Element:
    return ET.fromstring(junit.render(report))


def test_junit_matches_reference() -> None:
    check_reference("report.junit.xml", junit.render(sample_report()))


def test_one_suite_one_case_per_finding_and_correct_counts() -> None:
    root = _root(sample_report())
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["dedupe"]
    cases = suites[0].findall("testcase")
    assert [c.get("classname") for c in cases] == [f.rule for f in sample_findings()]
    # Two errors and one warning fail; the info finding passes.
    for element in (root, suites[0]):
        assert element.get("tests") == "4"
        assert element.get("failures") == "3"
        assert element.get("errors") == "0"


def test_case_names_and_failure_attributes() -> None:
    cases = _root(sample_report()).findall("testsuite/testcase")
    assert cases[0].get("name") == (
        'new/troops day 1.md:3:1 Counts differ: "about 10,000 troops" vs '
        '"up to 8,000 soldiers" (20% &…'
    )
    failure = cases[0].find("failure")
    assert failure is not None
    assert failure.get("type") == "number-mismatch"
    assert failure.get("message") == sample_findings()[0].message
    assert failure.text is not None and "Agence <Wire> & Co, wire/agency.txt:1:1" in failure.text
    # A message with a line break keeps it in the attribute, but not in the case name.
    assert cases[3].get("name") == "new/troops day 1.md:5:37 Dates differ:"
    date_failure = cases[3].find("failure")
    assert date_failure is not None
    assert date_failure.get("message") == sample_findings()[3].message


def test_info_finding_passes_with_its_details_in_system_out() -> None:
    case = _root(sample_report()).findall("testsuite/testcase")[2]
    assert case.get("classname") == "name-variant"
    assert case.find("failure") is None
    out = case.find("system-out")
    assert out is not None and out.text is not None
    assert "Сергей (Sergey) Lavrov" in out.text and "a1c2e3f4a5b6c7d8" in out.text


def test_only_findings_at_or_above_fail_on_are_failures() -> None:
    # A green gate must not show red on a dashboard: below --fail-on, a case passes.
    for fail_on, failing in [("error", 2), ("warning", 3), ("info", 4)]:
        report = dataclasses.replace(sample_report(), options={"fail_on": fail_on})
        root = _root(report)
        assert root.get("failures") == str(failing)
        cases = root.findall("testsuite/testcase")
        passing = [c for c in cases if c.find("failure") is None]
        assert len(passing) == 4 - failing
        assert all(c.find("system-out") is not None for c in passing)


def test_no_findings_gives_one_passing_case() -> None:
    root = _root(empty_report())
    cases = root.findall("testsuite/testcase")
    assert [c.get("name") for c in cases] == ["no findings"]
    assert list(cases[0]) == []
    assert root.get("tests") == "1" and root.get("failures") == "0"


def test_characters_xml_cannot_carry_are_replaced() -> None:
    message = "form\x0cfeed, NUL\x00 and bell\x07 " + "<&>" * 20_000
    finding = dataclasses.replace(sample_findings()[0], message=message)
    root = _root(dataclasses.replace(sample_report(), findings=(finding,)))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == message.translate({0x0C: "\ufffd", 0: "\ufffd", 7: "\ufffd"})


def test_short_cuts_long_messages_with_an_ellipsis() -> None:
    text = junit.short("word " * 40)
    assert len(text) <= junit.SHORT and text.endswith("…")
    assert junit.short("  a   short\tone\nsecond line") == "a short one"
    assert junit.short("x" * 100) == "x" * (junit.SHORT - 1) + "…"
