"""The result of a run and its public JSON shape, ``dedupe.report/1``.

The JSON shape is a contract that scripts and CI depend on: fields may be added, never
removed or renamed. `Report.to_dict` writes it and `Report.from_dict` reads it back, so a
saved report can be rendered again (``dedupe report FILE``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, cast

from dedupe.fileerrors import explain
from dedupe.model import (
    SEVERITY_RANK,
    Cluster,
    Diagnostic,
    Document,
    Finding,
    Pair,
    Severity,
    Slot,
    Span,
    Story,
    Variant,
)

SCHEMA = "dedupe.report/1"


@dataclass(frozen=True)
class Report:
    """Everything one run found. ``documents`` keep their full text for the writers."""

    documents: tuple[Document, ...]
    pairs: tuple[Pair, ...] = ()
    findings: tuple[Finding, ...] = ()
    clusters: tuple[Cluster, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    stories: tuple[Story, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)
    created: str = ""
    elapsed: float = 0.0
    # The stage the run stopped after ("pairs": no stories, claims nor findings were made),
    # or None for a whole run.
    only: str | None = None
    # The ids of the new articles of a `dedupe check` (the rest is the corpus they were
    # checked against); empty for a compare.
    new: tuple[str, ...] = ()

    @property
    def sources(self) -> list[str]:
        """The distinct sources, sorted."""
        return sorted({d.source for d in self.documents})

    def document(self, doc_id: str) -> Document:
        """The document with this id (KeyError when absent)."""
        return self._by_id[doc_id]

    @cached_property
    def _by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    def counts(self) -> dict[str, Counter[str]]:
        """Findings counted by rule and by severity."""
        return {
            "rule": Counter(f.rule for f in self.findings),
            "severity": Counter(f.severity for f in self.findings),
        }

    def filtered(self, min_severity: Severity = "info", rules: Iterable[str] = ()) -> Report:
        """A copy keeping findings at or above ``min_severity`` and, if given, of ``rules``."""
        wanted = set(rules)
        keep = tuple(
            f
            for f in self.findings
            if SEVERITY_RANK[f.severity] >= SEVERITY_RANK[min_severity]
            and (not wanted or f.rule in wanted)
        )
        return replace(self, findings=keep)

    def to_dict(self) -> dict[str, Any]:
        """The ``dedupe.report/1`` JSON object."""
        return {
            "schema": SCHEMA,
            "created": self.created,
            "elapsed": round(self.elapsed, 3),
            "options": dict(self.options),
            "only": self.only,
            "new": list(self.new),
            "documents": [_document_dict(d) for d in self.documents],
            "pairs": [_pair_dict(p) for p in self.pairs],
            "findings": [_finding_dict(f) for f in self.findings],
            "clusters": [
                {"id": c.id, "documents": list(c.documents), "overlap": round(c.overlap, 4)}
                for c in self.clusters
            ],
            "diagnostics": [
                {"path": d.path, "level": d.level, "message": d.message} for d in self.diagnostics
            ],
            "stories": [story_dict(s) for s in self.stories],
        }

    @classmethod
    def read(cls, path: Path) -> Report:
        """A report saved as ``dedupe.report/1`` JSON; ValueError naming the file and the
        fix when it is not one."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValueError(f"cannot read the report: {explain(path, exc)}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
            raise ValueError(
                f"{path}: not JSON{where}; give a file written by --format json"
            ) from None
        try:
            return cls.from_dict(data)
        except (KeyError, TypeError) as exc:
            raise ValueError(
                f"{path}: not a complete dedupe.report/1 report (missing {exc})"
            ) from None
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """Read a ``dedupe.report/1`` object (ValueError when it is not one)."""
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} report (schema is {data.get('schema')!r})")
        return cls(
            documents=tuple(_document_from(d) for d in data["documents"]),
            pairs=tuple(_pair_from(p) for p in data["pairs"]),
            findings=tuple(_finding_from(f) for f in data["findings"]),
            clusters=tuple(
                Cluster(c["id"], tuple(c["documents"]), float(c["overlap"]))
                for c in data.get("clusters", [])
            ),
            diagnostics=tuple(
                Diagnostic(d["path"], d["message"], d.get("level", "warning"))
                for d in data.get("diagnostics", [])
            ),
            stories=tuple(_story_from(s) for s in data.get("stories", [])),
            options=data.get("options", {}),
            created=data.get("created", ""),
            elapsed=float(data.get("elapsed", 0.0)),
            only=data.get("only"),
            new=tuple(data.get("new", ())),
        )


def span_dict(span: Span) -> dict[str, Any]:
    """The SPAN object of the JSON report."""
    return {
        "doc": span.doc,
        "start": span.start,
        "end": span.end,
        "line": span.line,
        "column": span.column,
        "text": span.text,
    }


def _span_from(data: Mapping[str, Any]) -> Span:
    return Span(data["doc"], data["start"], data["end"], data["line"], data["column"], data["text"])


def _document_dict(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "path": doc.path,
        "source": doc.source,
        "date": doc.date.isoformat() if doc.date else None,
        "title": doc.title,
        "url": doc.url,
        "text": doc.text,
        "body_start": doc.body_start,
    }


def _document_from(data: Mapping[str, Any]) -> Document:
    date = dt.date.fromisoformat(data["date"]) if data.get("date") else None
    return Document(
        id=data["id"],
        path=data.get("path", data["id"]),
        source=data["source"],
        text=data.get("text", ""),
        date=date,
        title=data.get("title"),
        url=data.get("url"),
        body_start=int(data.get("body_start", 0)),
    )


def _pair_dict(pair: Pair) -> dict[str, Any]:
    return {
        "id": pair.id,
        "score": round(pair.score, 4),
        "a": span_dict(pair.a),
        "b": span_dict(pair.b),
        "links": [list(link) for link in pair.links],
    }


def _pair_from(data: Mapping[str, Any]) -> Pair:
    links = tuple((int(a), int(b)) for a, b in data.get("links", []))
    return Pair(
        data["id"], float(data["score"]), _span_from(data["a"]), _span_from(data["b"]), links
    )


def _finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "rule": finding.rule,
        "severity": finding.severity,
        "pair": finding.pair,
        "a": span_dict(finding.a),
        "b": span_dict(finding.b),
        "message": finding.message,
        "story": finding.story,
        "slot": finding.slot,
    }


def _finding_from(data: Mapping[str, Any]) -> Finding:
    return Finding(
        id=data["id"],
        rule=data["rule"],
        severity=cast(Severity, data["severity"]),
        pair=data.get("pair"),
        a=_span_from(data["a"]),
        b=_span_from(data["b"]),
        message=data["message"],
        story=data.get("story"),
        slot=data.get("slot"),
    )


def story_dict(story: Story) -> dict[str, Any]:
    """A story as the ``stories`` list of ``dedupe.report/1`` holds it."""
    return {
        "id": story.id,
        "documents": list(story.documents),
        "sources": list(story.sources),
        "slots": [
            {
                "id": slot.id,
                "kind": slot.kind,
                "key": slot.key,
                "variants": [
                    {
                        "text": v.text,
                        "value": v.value,
                        "documents": list(v.documents),
                        "spans": [span_dict(span) for span in v.spans],
                    }
                    for v in slot.variants
                ],
            }
            for slot in story.slots
        ],
    }


def _story_from(data: Mapping[str, Any]) -> Story:
    slots = tuple(
        Slot(
            s["id"],
            s["kind"],
            s["key"],
            tuple(
                Variant(
                    v["text"],
                    v["value"],
                    tuple(v["documents"]),
                    tuple(_span_from(span) for span in v["spans"]),
                )
                for v in s["variants"]
            ),
        )
        for s in data.get("slots", [])
    )
    return Story(data["id"], tuple(data["documents"]), tuple(data.get("sources", [])), slots)
