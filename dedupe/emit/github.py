"""GitHub Actions workflow-command annotations, one line per finding.

Printed in a workflow step, each line becomes an annotation on the file in the run
summary and the pull request diff: ``::error`` for errors, ``::warning`` for warnings and
``::notice`` for info. The annotation does not fail the job; the exit code does.

GitHub draws columns only within one line, so ``col``/``endColumn`` are given only for a
span that does not cross a line break (``endColumn`` is exclusive, as in SARIF). A document
extracted from its file (an HTML page's main text, a record of a JSON/JSONL file) gets a
file-level annotation naming the position in the extracted text: it has no file lines.
Every finding is one physical line whatever its text holds, because newlines are escaped;
that also stops scraped text from smuggling in a workflow command. Other control characters
(ESC, BEL, the C1 controls) become spaces: the Actions log renders ANSI sequences.
"""

from __future__ import annotations

from dedupe.emit import Location, Locator
from dedupe.model import Finding, Severity
from dedupe.report import Report

COMMANDS: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "notice"}
# Unicode category Cc except tab and the CR and LF that `escape_data` encodes.
_CONTROLS = dict.fromkeys(
    (c for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if c not in (9, 10, 13)), " "
)


def render(report: Report) -> str:
    """One workflow command per finding, each ending in a newline ("" for no findings)."""
    locator = Locator(report)
    return "".join(annotation(locator, finding) + "\n" for finding in report.findings)


def annotation(locator: Locator, finding: Finding) -> str:
    """The workflow command for one finding, without the trailing newline."""
    here = locator.locate(finding.a)
    other = locator.locate(finding.b)
    props = [("file", here.path), *_position(here), ("title", f"dedupe {finding.rule}")]
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    where = f"{finding.b.doc}:{finding.b.line}:{finding.b.column}"
    text = f"{finding.message}\nOther passage: {other.source} ({where})"
    if here.extracted:
        a = finding.a
        text = f"At {a.doc}:{a.line}:{a.column} of the extracted text: {text}"
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(text)}"


def _position(here: Location) -> list[tuple[str, str]]:
    if here.extracted:
        return []
    lines = [("line", str(here.start_line))]
    if not here.single_line:
        return [*lines, ("endLine", str(here.end_line))]
    return [
        *lines,
        ("col", str(here.start_column)),
        ("endLine", str(here.end_line)),
        ("endColumn", str(here.end_column)),
    ]


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF become ``%25``, ``%0D``, ``%0A``; other
    control characters become spaces (GitHub decodes no other escape)."""
    # '%' first, or the escapes added for CR and LF would be escaped again.
    inert = text.translate(_CONTROLS)
    return inert.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as `escape_data`, plus ``:`` and ``,`` (the separators)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
