"""Baselines: findings a team has reviewed and accepted, so CI reports only new ones.

A baseline is a JSON file meant to be committed and reviewed in pull requests::

    {"schema": "dedupe.baseline/1", "created": "...",
     "findings": [{"id": ..., "rule": ..., "a_doc": ..., "b_doc": ..., "message": ...}]}

Entries are keyed by the finding id, a content fingerprint that does not depend on line
numbers, so a baseline survives unrelated edits to the articles. They are sorted by id so
that adding or removing one finding changes only its own lines.

`apply` hides baselined findings and reports *stale* entries: ones whose two documents
were both compared in this run yet no longer produce the finding (fixed, or reworded).
An entry about a document this run did not look at (``dedupe check`` on one new article)
is neither hidden nor stale, just not checked. Apply a baseline before filtering a report
by rule or severity, or the filtered-out findings would look stale.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dedupe.fileerrors import explain
from dedupe.model import Diagnostic
from dedupe.report import Report

SCHEMA = "dedupe.baseline/1"
FIELDS = ("id", "rule", "a_doc", "b_doc", "message")


@dataclass(frozen=True, slots=True)
class Entry:
    """One accepted finding. Only ``id`` matches; the rest is there for the reviewer."""

    id: str
    rule: str
    a_doc: str
    b_doc: str
    message: str


@dataclass(frozen=True, slots=True)
class Baseline:
    """Accepted findings, sorted by id, one entry per id."""

    entries: tuple[Entry, ...]
    created: str = ""

    @property
    def ids(self) -> frozenset[str]:
        """The fingerprints this baseline accepts."""
        return frozenset(entry.id for entry in self.entries)


def create(report: Report, created: str | None = None) -> Baseline:
    """A baseline accepting every finding of ``report``; ``created`` defaults to the report's."""
    entries = [Entry(f.id, f.rule, f.a.doc, f.b.doc, f.message) for f in report.findings]
    return Baseline(_unique_sorted(entries), report.created if created is None else created)


def dump(baseline: Baseline) -> str:
    """The baseline as the JSON text of a baseline file."""
    data = {
        "schema": SCHEMA,
        "created": baseline.created,
        "findings": [{name: getattr(e, name) for name in FIELDS} for e in baseline.entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def load(path: Path) -> Baseline:
    """Read a baseline file; ValueError naming the file and the fix when it is not one."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot read the baseline: {explain(path, exc)}") from None
    except UnicodeDecodeError:
        raise ValueError(
            f"{path}: the baseline is not UTF-8 text; write a new baseline from a clean run"
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{path}: the baseline is not valid JSON (line {exc.lineno}, column {exc.colno}: "
            f"{exc.msg}); fix the file or write a new baseline from a clean run"
        ) from exc
    return parse(data, str(path))


def parse(data: Any, origin: str = "<baseline>") -> Baseline:
    """A baseline from decoded JSON; ``origin`` names the file in error messages."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise ValueError(
            f"{origin}: not a {SCHEMA} file (schema is {found!r}); write a new baseline "
            "from a clean run instead of editing the format by hand"
        )
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise ValueError(f"{origin}: 'findings' must be a list of entries")
    entries = [_entry(item, origin, number) for number, item in enumerate(findings, 1)]
    created = data.get("created")
    return Baseline(_unique_sorted(entries), created if isinstance(created, str) else "")


def _entry(item: Any, origin: str, number: int) -> Entry:
    if not isinstance(item, dict):
        raise ValueError(f"{origin}: finding {number} must be an object")
    bad = [name for name in FIELDS if not isinstance(item.get(name), str)]
    if bad:
        raise ValueError(
            f"{origin}: finding {number} lacks string field(s) {', '.join(bad)}; "
            "restore them or remove the entry"
        )
    return Entry(*(str(item[name]) for name in FIELDS))


def apply(report: Report, baseline: Baseline) -> tuple[Report, list[Entry]]:
    """``report`` without the baselined findings, and the stale entries (see module doc)."""
    accepted = baseline.ids
    kept = tuple(f for f in report.findings if f.id not in accepted)
    found = {f.id for f in report.findings}
    compared = {d.id for d in report.documents}
    stale = [
        e
        for e in baseline.entries
        if e.id not in found and e.a_doc in compared and e.b_doc in compared
    ]
    return replace(report, findings=kept), stale


def _unique_sorted(entries: list[Entry]) -> tuple[Entry, ...]:
    # One entry per id (the first wins) so a hand-merged file cannot double-count.
    by_id: dict[str, Entry] = {}
    for entry in entries:
        by_id.setdefault(entry.id, entry)
    return tuple(by_id[key] for key in sorted(by_id))


def stale_note(origin: str, entry: Entry) -> Diagnostic:
    """The note that a baseline entry no longer matches a finding."""
    message = (
        f"stale baseline entry {entry.id} ({entry.rule}, {entry.a_doc} ↔ {entry.b_doc}) "
        "no longer found; remove it"
    )
    return Diagnostic(origin, message, "note")
