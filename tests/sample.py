"""The sample report every writer's reference test renders, and the reference-file check.

Reference-file tests compare a writer's output for `sample_report()` with a committed file
in tests/reference/. After an intended change of output, regenerate the files with::

    DEDUPE_UPDATE_REFERENCE=1 .venv/bin/pytest tests/emit tests/test_baseline.py

and review the diff before committing it. Updating is refused under ``CI=true``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from dedupe.model import Diagnostic, Document, Finding, Pair, Severity
from dedupe.report import Report

REFERENCE = Path(__file__).parent / "reference"

# Two outlets telling the same story. The texts carry what writers must escape: quotes,
# '<', '&', commas, colons, a line break inside a quotation, and non-ASCII letters.
TEXT_A = (
    "# Troops gather: day 1\n"
    "\n"
    'About 10,000 troops massed, officials said: "We will stand firm\n'
    'with our comrades & allies <until victory>."\n'
    "Sergei Lavrov met the envoy in Kyiv on Friday.\n"
)
TEXT_B = (
    "Up to 8,000 soldiers gathered, the West believes.\n"
    '"We will always stand firmly by our comrades," she said.\n'
    "Сергей (Sergey) Lavrov met the envoy in Київ on Thursday.\n"
)
CREATED = "2024-11-01T12:00:00+00:00"


def _document_a() -> Document:
    return Document(
        id="new/troops day 1.md",
        path="articles/new/troops day 1.md",
        source='Daily "Post", Kyiv',
        text=TEXT_A,
        date=dt.date(2024, 11, 1),
        title="Troops gather: day 1",
    )


def _document_b() -> Document:
    return Document(
        id="wire/agency.txt",
        path="articles/wire/agency.txt",
        source="Agence <Wire> & Co",
        text=TEXT_B,
        date=dt.date(2024, 11, 1),
        url="https://example.org/a?b=1&c=2",
    )


def _finding(
    fid: str, rule: str, severity: Severity, spans: tuple[str, str], message: str
) -> Finding:
    a, b = _document_a(), _document_b()
    start_a, start_b = TEXT_A.index(spans[0]), TEXT_B.index(spans[1])
    return Finding(
        id=fid,
        rule=rule,
        severity=severity,
        pair="p1" if rule != "name-variant" else "p2",
        a=a.span(start_a, start_a + len(spans[0])),
        b=b.span(start_b, start_b + len(spans[1])),
        message=message,
    )


def sample_findings() -> tuple[Finding, ...]:
    """Four findings of different rules and severities, one of them across a line break."""
    quote_a = "We will stand firm\nwith our comrades & allies <until victory>."
    return (
        _finding(
            "3f9a0c1d2e4b5a67",
            "number-mismatch",
            "error",
            ("About 10,000 troops", "Up to 8,000 soldiers"),
            'Counts differ: "about 10,000 troops" vs "up to 8,000 soldiers" (20% & more)',
        ),
        _finding(
            "0b7e5d4c3a291f80",
            "quote-drift",
            "warning",
            (quote_a, "We will always stand firmly by our comrades,"),
            "Quote worded differently: <stand firm with> vs <always stand firmly by>",
        ),
        _finding(
            "a1c2e3f4a5b6c7d8",
            "name-variant",
            "info",
            ("Sergei Lavrov", "Сергей (Sergey) Lavrov"),
            "Name spelled two ways: Sergei / Sergey (Сергей)",
        ),
        _finding(
            "5e6f7a8b9c0d1e2f",
            "date-mismatch",
            "error",
            ("on Friday", "on Thursday"),
            "Dates differ:\nFriday 2024-11-01 vs Thursday 2024-10-31, 100% apart",
        ),
    )


def sample_report() -> Report:
    """A small deterministic report: two documents, two pairs, four findings."""
    a, b = _document_a(), _document_b()
    split_a, split_b = TEXT_A.index("Sergei"), TEXT_B.index("Сергей")
    pairs = (
        Pair("p1", 0.8125, a.span(TEXT_A.index("About"), split_a), b.span(0, split_b), ((1, 0),)),
        Pair("p2", 0.9, a.span(split_a, len(TEXT_A)), b.span(split_b, len(TEXT_B)), ((2, 2),)),
    )
    return Report(
        documents=(a, b),
        pairs=pairs,
        findings=sample_findings(),
        diagnostics=(Diagnostic("articles/broken,1.html", "no text: skipped"),),
        options={"min_severity": "info", "rules": []},
        created=CREATED,
        elapsed=1.23456,
    )


def empty_report() -> Report:
    """The same documents with nothing found."""
    return Report(documents=(_document_a(), _document_b()), created=CREATED, elapsed=0.5)


def check_reference(name: str, text: str) -> None:
    """Compare ``text`` with tests/reference/NAME (rewrite it under DEDUPE_UPDATE_REFERENCE)."""
    path = REFERENCE / name
    if os.environ.get("DEDUPE_UPDATE_REFERENCE") == "1":
        assert os.environ.get("CI") != "true", "reference files are never rewritten in CI"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.is_file(), f"{path} is missing: run with DEDUPE_UPDATE_REFERENCE=1 to create it"
    assert text == path.read_bytes().decode("utf-8"), (
        f"output differs from {path}; if the change is intended, rerun with "
        "DEDUPE_UPDATE_REFERENCE=1 and review the diff"
    )


def many_findings(count: int) -> Report:
    """Two long articles with ``count`` findings spread over 500 pairs."""
    sentence_a = "Officials said {} troops crossed the river near the town on Friday.\n"
    sentence_b = "Officials say about {} soldiers crossed the river near the town Friday.\n"
    text_a = "".join(sentence_a.format(1000 + i) for i in range(count))
    text_b = "".join(sentence_b.format(2000 + i) for i in range(count))
    a = Document("a/long.txt", "a/long.txt", "Alpha", text_a)
    b = Document("b/long.txt", "b/long.txt", "Beta", text_b)
    starts_a = [m.start() for m in re.finditer("Officials", text_a)]
    starts_b = [m.start() for m in re.finditer("Officials", text_b)]
    pairs = tuple(
        Pair(
            f"p{i}",
            0.5 + (i % 50) / 100,
            a.span(starts_a[i], starts_a[i] + 60),
            b.span(starts_b[i], starts_b[i] + 60),
        )
        for i in range(0, count, count // 500)
    )
    findings = []
    for i in range(count):
        na, nb = text_a.index(str(1000 + i)), text_b.index(f"about {2000 + i}")
        findings.append(
            Finding(
                f"f{i}",
                "number-mismatch",
                "error",
                pairs[i * 500 // count].id,
                a.span(na, na + 11),
                b.span(nb, nb + 19),
                f"{1000 + i} vs {2000 + i}",
            )
        )
    return Report(documents=(a, b), pairs=pairs, findings=tuple(findings))
