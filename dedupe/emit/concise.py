"""One line per finding, as ruff's concise output: ``path:line:col: severity rule message``.

For grep, editors' quickfix lists and a glance at a long run. A finding is placed on its
side ``a``; a document extracted from its file (a JSON record, an HTML page's main text)
is named by its id (``feed.jsonl#r7``), since its lines count in the extracted text, not in
the file. Control characters and line breaks in messages become spaces: one finding, one
line.
"""

from __future__ import annotations

from dedupe.emit import Locator
from dedupe.emit._blocks import one_line
from dedupe.model import Finding
from dedupe.report import Report


def render(report: Report) -> str:
    """Every finding on its own line ("" for no findings)."""
    locator = Locator(report)
    return "".join(line(locator, finding) + "\n" for finding in report.findings)


def line(locator: Locator, finding: Finding) -> str:
    """``path:line:col: severity rule message`` for one finding."""
    here = locator.locate(finding.a)
    place = finding.a.doc if here.extracted else here.path
    message = " ".join(one_line(finding.message).split())
    return (
        f"{one_line(place)}:{here.start_line}:{here.start_column}: "
        f"{finding.severity} {finding.rule} {message}"
    )
