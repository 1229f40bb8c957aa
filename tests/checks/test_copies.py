"""dedupe.checks.copies: duplicate."""

from __future__ import annotations

from .support import check, rules


def test_duplicate_article() -> None:
    body = (
        "The council approved the budget after a long debate on Tuesday night. "
        "Teachers will receive a raise of three percent from next year onwards. "
        "The mayor praised the vote as a turning point for the city's schools."
    )
    found = check(body, body.replace("long", "lengthy"))
    assert "duplicate" in rules(found)
