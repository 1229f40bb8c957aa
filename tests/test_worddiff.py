"""Word-level diffs keep offsets into the original texts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dedupe.worddiff import changes, describe, diff, similarity

A = "stand firmly with Russian comrades until the day of victory"
B = "We will always stand firmly by our Russian comrades until victory day"


def test_seed_quote_diff_reads_as_words() -> None:
    assert changes(A, B) == [
        ("", "We will always"),
        ("with", "by our"),
        ("the", "victory"),
        ("of victory", ""),
    ]
    assert describe(A, B) == (
        '"We will always" is added, "with" reads "by our" and "the" reads "victory"'
        " (and 1 more change)"
    )


def test_punctuation_is_left_out_of_an_account_of_words() -> None:
    assert describe("we will, win it", "we shall win it") == '"will," reads "shall"'
    assert describe("win it, now", "win it now") == '"," is left out'


def test_curly_quotes_and_case_are_not_differences() -> None:
    assert changes("“Hello” World", '"hello" world') == []
    assert similarity("a b c", "a b c") == 1.0


@given(st.text(max_size=80), st.text(max_size=80))
def test_ops_cover_valid_ranges(a: str, b: str) -> None:
    for op in diff(a, b):
        assert 0 <= op.a_start <= op.a_end <= len(a)
        assert 0 <= op.b_start <= op.b_end <= len(b)
