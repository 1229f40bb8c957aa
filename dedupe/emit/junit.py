"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure, CircleCI).

One ``<testsuite name="dedupe">`` holds one ``<testcase>`` per finding: ``classname`` is the
rule id and ``name`` reads ``<doc a>:<line>:<col> <short message>``. Errors and warnings
are ``<failure>``s. An ``info`` finding (a name spelled two ways, a reprint) is not a defect
to fail on, so its case passes and carries the details in ``<system-out>``: it stays
visible in the CI's test view without turning the build red. A run without findings gets
one passing case, ``no findings``, because some CI systems treat an empty suite as an error.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from dedupe.emit import Locator
from dedupe.model import Finding, Span
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
    for finding in report.findings:
        suite.append(_case(locator, finding))
    if not report.findings:
        ET.SubElement(suite, "testcase", classname=SUITE, name="no findings", time="0")
    suite.attrib.update(_counts(suite, time=_seconds(report)))
    if report.created:
        suite.set("timestamp", report.created)
    return suite


def _counts(suite: ET.Element, **extra: str) -> dict[str, str]:
    # Counted from the cases actually written, so the totals cannot disagree with them.
    cases = suite.findall("testcase")
    failures = sum(1 for case in cases if case.find("failure") is not None)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0"}
    return {**extra, **counts, "skipped": "0"}


def _seconds(report: Report) -> str:
    return f"{report.elapsed:.3f}"


def _case(locator: Locator, finding: Finding) -> ET.Element:
    name = f"{finding.a.doc}:{finding.a.line}:{finding.a.column} {short(finding.message)}"
    case = ET.Element("testcase", classname=_xml(finding.rule), name=_xml(name), time="0")
    details = _xml(_details(locator, finding))
    if finding.severity == "info":
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
