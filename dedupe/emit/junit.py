"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure, CircleCI).

One ``<testsuite name="dedupe">`` holds one ``<testcase>`` per finding: ``classname`` is the
rule id and ``name`` reads ``<doc a>:<line>:<col> <short message>``. Findings at or above
the run's ``fail_on`` severity (``check --fail-on``; warning in a report that does not
record it) are ``<failure>``s; the
others are not defects the gate fails on, so their cases pass and carry the details in
``<system-out>``: they stay visible in the CI's test view without showing a green job as
red on a dashboard. A run without findings gets
one passing case, ``no findings``, because some CI systems treat an empty suite as an error.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from dedupe.emit import Locator
from dedupe.model import SEVERITY_RANK, Finding, Span
from dedupe.report import Report

SUITE = "dedupe"
SHORT = 72  # characters of the message kept in a test case name

# Characters XML 1.0 cannot carry at all, even escaped; scraped text does contain them
# (form feeds, stray NULs, lone surrogates from a lenient decode). One character class,
# no repetition: linear time.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(report: Report) -> str:
    """The report as a JUnit XML document."""
    suite = _suite(report)
    root = ET.Element("testsuites", _counts(suite, name=SUITE, time=_seconds(report)))
    root.append(suite)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _suite(report: Report) -> ET.Element:
    suite = ET.Element("testsuite", name=SUITE)
    locator = Locator(report)
    gate = SEVERITY_RANK[_gate(report)]
    for finding in report.findings:
        suite.append(_case(locator, finding, SEVERITY_RANK[finding.severity] >= gate))
    if not report.findings:
        ET.SubElement(suite, "testcase", classname=SUITE, name="no findings", time="0")
    suite.attrib.update(_counts(suite, time=_seconds(report)))
    if report.created:
        suite.set("timestamp", report.created)
    return suite


def _gate(report: Report) -> str:
    """The severity the run fails on; a saved report from before it was recorded keeps the
    old rule (errors and warnings fail)."""
    fail_on = str(report.options.get("fail_on", "warning"))
    return fail_on if fail_on in SEVERITY_RANK else "warning"


def _counts(suite: ET.Element, **extra: str) -> dict[str, str]:
    # Counted from the cases actually written, so the totals cannot disagree with them.
    cases = suite.findall("testcase")
    failures = sum(1 for case in cases if case.find("failure") is not None)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0"}
    return {**extra, **counts, "skipped": "0"}


def _seconds(report: Report) -> str:
    return f"{report.elapsed:.3f}"


def _case(locator: Locator, finding: Finding, fails: bool) -> ET.Element:
    name = f"{finding.a.doc}:{finding.a.line}:{finding.a.column} {short(finding.message)}"
    case = ET.Element("testcase", classname=_xml(finding.rule), name=_xml(name), time="0")
    details = _xml(_details(locator, finding))
    if not fails:
        ET.SubElement(case, "system-out").text = details
    else:
        failure = ET.SubElement(case, "failure", type=_xml(finding.rule))
        failure.set("message", _xml(finding.message))
        failure.text = details
    return case


def short(message: str) -> str:
    """The first line of ``message``, cut to at most `SHORT` characters with an ellipsis."""
    first = " ".join(message.split("\n", 1)[0].split())
    if len(first) <= SHORT:
        return first
    cut = first[: SHORT - 1]
    # Break between words when there is a space to break at; a name reads badly halved.
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip() + "…"


def _details(locator: Locator, finding: Finding) -> str:
    return "\n".join(
        [
            f"[{finding.severity}] {finding.message}",
            _side("a", locator, finding.a),
            _side("b", locator, finding.b),
            f"fingerprint: {finding.id}",
        ]
    )


def _side(label: str, locator: Locator, span: Span) -> str:
    source = locator.source(span.doc)
    quoted = "\n".join(f"    {line}" for line in span.text.splitlines())
    return f"{label}: {source}, {span.doc}:{span.line}:{span.column}\n{quoted}"


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
