"""Normalisation for matching never moves offsets and treats figures as placeholders."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dedupe.normalize import fold, match_tokens


def test_fold_quotes_dashes_case_space() -> None:
    assert fold("“Hello” — World’s\u00a0 END") == '"hello" - world\'s end'


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
