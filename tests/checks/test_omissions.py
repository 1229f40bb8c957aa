"""dedupe.checks.omissions: omission, shown only on request."""

from __future__ import annotations

from .support import check, rules


def test_omissions_only_on_request() -> None:
    first = "The storm destroyed 1,200 homes in Quezon province, Governor Maria Santos said."
    second = "The storm destroyed homes in Quezon province, Governor Maria Santos said."
    assert "omission" not in rules(check(first, second))
    assert "omission" in rules(check(first, second, show_omissions=True))
