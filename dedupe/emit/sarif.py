"""SARIF 2.1.0, the format GitHub code scanning and most CI dashboards read.

One run, the rule catalogue as ``tool.driver.rules`` and one result per finding. The
finding's side ``a`` (in ``dedupe check``, the new article) is the result's location and
side ``b``, the other outlet's passage, its related location. ``partialFingerprints``
carries the finding id, a content fingerprint, so code scanning keeps tracking an alert
when unrelated edits move it to other lines.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from dedupe import __version__
from dedupe.emit import Location, Locator
from dedupe.model import Diagnostic, Finding, Severity, Span
from dedupe.report import Report
from dedupe.rules import RULES, Rule

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT = "dedupe/v1"

# SARIF has no "info"; "note" is its name for the same thing.
LEVELS: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "note"}


def render(report: Report) -> str:
    """The report as a SARIF 2.1.0 log (indented JSON)."""
    return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
    rules = _rule_ids(report)
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    locator = Locator(report)
    run: dict[str, Any] = {
        "tool": {"driver": _driver(rules)},
        "invocations": [_invocation(report.diagnostics)],
        # Document offsets and columns count Python characters, i.e. code points.
        "columnKind": "unicodeCodePoints",
        "results": [_result(locator, f, index[f.rule]) for f in report.findings],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rule_ids(report: Report) -> list[str]:
    # The catalogue first, in its own order so ruleIndex is stable between runs; then any
    # rule a saved report names that this version does not know, so every result resolves.
    known = list(RULES)
    extra = sorted({f.rule for f in report.findings} - set(known))
    return known + extra


def _driver(rule_ids: list[str]) -> dict[str, Any]:
    return {
        "name": "dedupe",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_descriptor(RULES.get(rule_id), rule_id) for rule_id in rule_ids],
    }


def _descriptor(rule: Rule | None, rule_id: str) -> dict[str, Any]:
    descriptor: dict[str, Any] = {"id": rule_id, "name": _pascal(rule_id)}
    if rule is None:
        descriptor["shortDescription"] = {"text": f"Rule {rule_id} (not in this version)."}
        return descriptor
    descriptor.update(
        shortDescription={"text": rule.summary},
        fullDescription={"text": rule.help},
        help={"text": f"{rule.summary}\n\n{rule.help}"},
        defaultConfiguration={"level": LEVELS[rule.severity]},
    )
    return descriptor


def _pascal(rule_id: str) -> str:
    # SARIF suggests a name readable as an identifier, distinct from the opaque id.
    return "".join(part.capitalize() for part in rule_id.split("-"))


def _invocation(diagnostics: tuple[Diagnostic, ...]) -> dict[str, Any]:
    notes = [
        {
            "level": d.level,
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": file_uri(d.path)}}}],
        }
        for d in diagnostics
    ]
    return {"executionSuccessful": True, "toolExecutionNotifications": notes}


def _result(locator: Locator, finding: Finding, rule_index: int) -> dict[str, Any]:
    other = locator.locate(finding.b)
    related = {
        "id": 1,
        **_location(other, finding.b),
        "message": {"text": f"The other passage, in {other.source} ({finding.b.doc})"},
    }
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(locator.locate(finding.a), finding.a)],
        "relatedLocations": [related],
        "partialFingerprints": {FINGERPRINT: finding.id},
    }


def _location(where: Location, span: Span) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": file_uri(where.path)}}
    location: dict[str, Any] = {"physicalLocation": physical}
    if where.extracted:
        # Lines of extracted text are not lines of the file: name the document instead.
        location["logicalLocations"] = [{"name": span.doc, "fullyQualifiedName": span.doc}]
        return location
    physical["region"] = {
        "startLine": where.start_line,
        "startColumn": where.start_column,
        "endLine": where.end_line,
        "endColumn": where.end_column,
        "charOffset": span.start,
        "charLength": span.end - span.start,
        "snippet": {"text": span.text},
    }
    return location


def file_uri(path: str) -> str:
    """A URI reference for a file path: relative stays relative, absolute becomes file://."""
    posix = path.replace("\\", "/")
    # ':' is escaped too, so a relative name such as "a:b.txt" cannot read as a scheme.
    if posix[1:3] == ":/" and posix[0].isalpha():
        return "file:///" + posix[:2] + quote(posix[2:], safe="/")
    if posix.startswith("/"):
        return "file://" + quote(posix, safe="/")
    return quote(posix, safe="/")
