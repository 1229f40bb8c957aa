"""Properties that hold for any input, checked on generated text (bounded: the suite stays fast).

Offsets always point into the text, loading never changes the text, fingerprints survive
unrelated edits, numbers written with separators and hedges parse back, word diffs cover
both texts, and reading random bytes fails only with `InputError` or a per-file diagnostic.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dedupe import worddiff
from dedupe.claims.attribution import extract_attributions
from dedupe.claims.dates import extract_dates
from dedupe.claims.names import extract_names
from dedupe.claims.numbers import extract_numbers
from dedupe.claims.quotes import extract_quotes
from dedupe.config import Settings
from dedupe.engines.local import compare_documents
from dedupe.ingest import InputError, load
from dedupe.model import Document, Span
from robustness.support import SEEDS, Invoke, write

BOUNDED = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
FEW = settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ANCHOR = dt.date(2024, 11, 1)

# Pieces of news grammar for the claim extractors to chew on, plus noise around them.
PIECES = [
    "about",
    "nearly",
    "up to",
    "at least",
    "more than",
    "fewer than",
    "some",
    "an estimated",
    "10,000",
    "1,200.5",
    "3.5 million",
    "12%",
    "$40 billion",
    "two-thirds",
    "several thousand",
    "between 5 and 7",
    "5-7",
    "one hundred and twenty",
    "a dozen",
    "troops",
    "soldiers",
    "October 25",
    "Oct. 27-28",
    "on Friday",
    "last week",
    "this summer",
    "2024",
    "the 1990s",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "said",
    "told reporters",
    "according to",
    "the Pentagon",
    "Choe Son-hui",
    "Mr.",
    "Dr",
    "President Vladimir Putin",
    "U.S.",
    "North",
    "Korea's",
    ",",
    ".",
    ";",
    "(",
    ")",
    "—",
    "-",
    "\n",
    "\n\n",
    "\u200b",
    "\u202e",
    "ﬁ",
    "é",
]
letters = st.characters(exclude_categories=["Cs"])
news_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(letters, min_size=1, max_size=6)), max_size=60
).map(" ".join)
EXTRACTORS: dict[str, Callable[[str, int, int], Sequence[Any]]] = {
    "numbers": extract_numbers,
    "dates": lambda t, lo, hi: extract_dates(t, ANCHOR, lo, hi),
    "quotes": extract_quotes,
    "names": extract_names,
    "attributions": extract_attributions,
}


@cache
def seed_documents() -> tuple[Document, ...]:
    docs, _ = load([SEEDS])
    return tuple(docs)


def assert_span(doc: Document, span: Span) -> None:
    """A span's text is its slice of the document, and its line/column match its start."""
    assert span.doc == doc.id
    assert 0 <= span.start <= span.end <= len(doc.text)
    assert span.text == doc.text[span.start : span.end]
    assert (span.line, span.column) == doc.position(span.start)


# --- offsets -----------------------------------------------------------------------------


@BOUNDED
@given(text=news_text, cut=st.tuples(st.integers(0, 400), st.integers(0, 400)))
def test_claim_offsets_point_into_the_text(text: str, cut: tuple[int, int]) -> None:
    lo, hi = sorted(min(c, len(text)) for c in cut)
    for name, extract in EXTRACTORS.items():
        for claim in extract(text, lo, hi):
            assert lo <= claim.start <= claim.end <= hi, name
            assert claim.text == text[claim.start : claim.end], name
            for extra in ("counted_span", "speaker_span"):
                inner = getattr(claim, extra, None)
                assert inner is None or 0 <= inner[0] <= inner[1] <= len(text), (name, extra)


@pytest.mark.parametrize("text", ["area of 45 m ² in the capital", "footnote ³ said"])
def test_superscript_digits_are_not_numbers(text: str) -> None:
    """ "²" is a digit to str.isdigit() but not to float(): it is no number, and no crash."""
    claims = extract_numbers(text)
    assert all(claim.text == text[claim.start : claim.end] for claim in claims)
    assert not any(mark in claim.text for claim in claims for mark in "²³")


edit = st.tuples(
    st.floats(0, 1), st.sampled_from([*PIECES, "12,500 troops", "up to 9,000", "“we will win”"])
)


def _edited(doc: Document, edits: list[tuple[float, str]]) -> Document:
    text = doc.text
    for where, piece in edits:
        at = doc.body_start + int(where * (len(text) - doc.body_start))
        at = text.find(" ", at) + 1 or len(text)  # at a word boundary
        text = f"{text[:at]}{piece} {text[at:]}"
    return dataclasses.replace(doc, text=text)


@FEW
@given(edits_a=st.lists(edit, max_size=6), edits_b=st.lists(edit, max_size=6))
def test_finding_and_pair_spans_point_into_documents(
    edits_a: list[tuple[float, str]], edits_b: list[tuple[float, str]]
) -> None:
    a, b = seed_documents()
    docs = [_edited(a, edits_a), _edited(b, edits_b)]
    report = compare_documents(docs, Settings(), lambda _m: None)
    by_id = {d.id: d for d in docs}
    assert report.pairs
    spans = [s for p in report.pairs for s in (p.a, p.b)]
    spans += [s for f in report.findings for s in (f.a, f.b)]
    for span in spans:
        assert_span(by_id[span.doc], span)


# --- loading keeps the text --------------------------------------------------------------


@BOUNDED
@given(text=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=300))
def test_loading_never_changes_the_text(tmp_path_factory: Any, text: str) -> None:
    folder = tmp_path_factory.mktemp("load")
    path = write(folder, "article.txt", text)
    jsonl = write(folder, "feed.jsonl", json.dumps({"text": text}) + "\n")
    docs, diagnostics = load([path, jsonl])
    for doc in docs:
        if doc.path == str(path) and "\x00" in text:
            # A text file with NUL bytes is UTF-16 without a byte order mark, or binary:
            # "0\x00" as UTF-8 bytes is "0" in UTF-16. Only JSON Lines keep such text.
            continue
        assert doc.text == text.removeprefix("\ufeff") if doc.path == str(path) else text
        assert 0 <= doc.body_start <= len(doc.text)
    skipped = {d.path.split(":")[0] for d in diagnostics}
    assert {str(path), str(jsonl)} == {d.path for d in docs} | skipped


# --- fingerprints ------------------------------------------------------------------------

unrelated = st.lists(
    st.sampled_from("weather garden piano river quietly green museum opened lunch".split()),
    min_size=4,
    max_size=12,
).map(lambda words: " ".join(words).capitalize() + ".")


@FEW
@given(filler=unrelated, position=st.sampled_from(["start", "end"]), side=st.sampled_from([0, 1]))
def test_fingerprints_survive_unrelated_edits(filler: str, position: str, side: int) -> None:
    docs = list(seed_documents())
    before = {f.id for f in compare_documents(docs, Settings(), lambda _m: None).findings}
    doc = docs[side]
    at = doc.body_start if position == "start" else len(doc.text)
    text = f"{doc.text[:at]}{filler}\n\n{doc.text[at:]}"
    docs[side] = dataclasses.replace(doc, text=text)
    after = {f.id for f in compare_documents(docs, Settings(), lambda _m: None).findings}
    assert before and after == before


# --- numbers -----------------------------------------------------------------------------

HEDGES = {
    "about": "about",
    "approximately": "about",
    "roughly": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "up to": "up to",
    "as many as": "up to",
    "at least": "at least",
    "more than": "more than",
    "over": "more than",
    "fewer than": "less than",
    "less than": "less than",
}


@BOUNDED
@given(
    whole=st.integers(1_000, 10**12),
    fraction=st.one_of(st.none(), st.integers(1, 99)),
    hedge=st.one_of(st.none(), st.sampled_from(sorted(HEDGES))),
)
def test_numbers_round_trip(whole: int, fraction: int | None, hedge: str | None) -> None:
    figure = f"{whole:,}" + (f".{fraction:02d}" if fraction else "")
    value = float(figure.replace(",", ""))
    text = f"Officials said {hedge + ' ' if hedge else ''}{figure} tonnes of grain arrived."
    [claim] = extract_numbers(text)
    assert claim.low == claim.high == value
    assert claim.hedge == (HEDGES[hedge] if hedge else None)
    assert claim.text == text[claim.start : claim.end] and figure in claim.text


# --- word diff ---------------------------------------------------------------------------


@BOUNDED
@given(a=news_text, b=news_text)
def test_worddiff_ops_cover_both_texts(a: str, b: str) -> None:
    ops = worddiff.diff(a, b)
    a_end = b_end = 0
    for op in ops:
        assert 0 <= op.a_start <= op.a_end <= len(a) and 0 <= op.b_start <= op.b_end <= len(b)
        assert op.a_start >= a_end and op.b_start >= b_end  # in order, never overlapping
        a_end, b_end = op.a_end, op.b_end
    words_a = [t.text for t in worddiff.tokens(a)]
    covered = [t.text for op in ops for t in worddiff.tokens(a[op.a_start : op.a_end])]
    assert covered == words_a or not ops


# --- fuzzing ingest and the command line -------------------------------------------------

SUFFIXES = [".txt", ".md", ".json", ".jsonl", ".html"]
raw = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=200).map(lambda t: t.encode("utf-8")),
    st.sampled_from([b"---\n", b"{", b"[", b'{"text": 1}', b"<html>", b"\xff\xfe", b"\xef\xbb"]),
)


@BOUNDED
@given(data=st.lists(st.tuples(st.sampled_from(SUFFIXES), raw), min_size=1, max_size=4))
def test_loading_random_bytes_fails_only_cleanly(
    tmp_path_factory: Any, data: list[tuple[str, bytes]]
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    for n, (suffix, content) in enumerate(data):
        write(folder / f"source{n % 2}", f"f{n}{suffix}", content)
    try:
        docs, diagnostics = load([folder])
    except InputError:
        return
    for doc in docs:
        assert 0 <= doc.body_start <= len(doc.text)
    assert all(d.message for d in diagnostics)


@FEW
@given(data=st.lists(st.tuples(st.sampled_from(SUFFIXES), raw), min_size=1, max_size=3))
def test_command_line_on_random_files(
    invoke: Invoke, tmp_path_factory: Any, data: list[tuple[str, bytes]]
) -> None:
    folder: Path = tmp_path_factory.mktemp("cli")
    for n, (suffix, content) in enumerate(data):
        write(folder / f"source{n % 2}", f"f{n}{suffix}", content)
    result = invoke("compare", folder, "--format", "json")  # fails on any traceback
    assert result.exit_code in (0, 2)
    assert result.exit_code == 0 or len(result.stderr.splitlines()) >= 1
