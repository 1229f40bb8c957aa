"""Two articles from two outlets, both dated `DAY`: the report the check tests read."""

from __future__ import annotations

import datetime as dt

from dedupe.config import Settings
from dedupe.engines.local import compare_documents
from dedupe.model import Document
from dedupe.report import Report

DAY = dt.date(2024, 11, 1)


def report_of(first: str, second: str, **settings: object) -> Report:
    """The report on two articles from two outlets, both dated `DAY`."""
    docs = [
        Document("a.txt", "a.txt", "Outlet A", first, date=DAY),
        Document("b.txt", "b.txt", "Outlet B", second, date=DAY),
    ]
    return compare_documents(docs, Settings().merged(settings), lambda _m: None)


def check(first: str, second: str, **settings: object) -> list[tuple[str, str, str]]:
    return [(f.rule, f.a.text, f.b.text) for f in report_of(first, second, **settings).findings]


def rules(findings: list[tuple[str, str, str]]) -> set[str]:
    return {rule for rule, _, _ in findings}
