"""Normalisation for matching never moves offsets and treats figures as placeholders."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from dedupe.normalize import fold, match_runs, match_tokens


def test_fold_quotes_dashes_case_space() -> None:
    assert fold("“Hello” — World’s\u00a0 END") == '"hello" - world\'s end'


def test_fold_ascii_and_unicode_alike() -> None:
    # ASCII takes a shorter road; it must end where the full one does.
    assert fold("  Tabs\tand\nlines  ") == fold("  Tabs\tand\nlines\u00a0") == "tabs and lines"
    assert fold("ﬁnal") == "final"  # NFKC still applies outside ASCII


def test_match_runs_split_at_breaks_and_drop_empty_runs() -> None:
    breaks = re.compile(r"[,;]")
    text = "The DPRK sent troops, and then ; North Korea's army marched on Kyiv"
    runs = match_runs(text, breaks)
    assert runs == [
        match_tokens("The DPRK sent troops"),
        match_tokens("North Korea's army marched on Kyiv"),
    ]
    assert [t for run in runs for t in run] == match_tokens(
        text.replace(",", " ").replace(";", " ")
    )


def test_match_runs_alias_never_spans_a_break() -> None:
    assert match_runs("north, korea", re.compile(",")) == [["north"], ["korea"]]


def test_match_tokens_alias_and_numbers() -> None:
    a = match_tokens("The DPRK sent about 10,000 of its military to Russia.")
    b = match_tokens("North Korean troops, up to 12,000 of them, went to Russia.")
    assert "north_korea" in a and "north_korea" in b
    assert "troop" in a and "troop" in b
    assert "#" in a and not any(ch.isdigit() for token in a for ch in token)


def test_us_the_country_is_not_us_the_pronoun() -> None:
    assert "united_st" in match_tokens("US officials said")
    assert "united_st" not in match_tokens("they told us")


@given(st.text())
def test_match_tokens_never_fails(text: str) -> None:
    assert isinstance(match_tokens(text), list)


@given(st.text())
def test_match_runs_are_match_tokens_of_each_stretch(text: str) -> None:
    breaks = re.compile(r"[,;:]")
    expected = [t for t in (match_tokens(part) for part in breaks.split(text)) if t]
    assert match_runs(text, breaks) == expected
