"""Tests for dedupe.emit.text: the reference file (see tests/sample.py), the layout and its
plain-text rendering."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sample import check_reference, empty_report, sample_report

from dedupe.claims import extract
from dedupe.emit import render
from dedupe.emit import text as text_report
from dedupe.model import Document
from dedupe.report import Report
from dedupe.store import AddResult, Entry, Stats


def test_text_matches_reference() -> None:
    check_reference("report.txt", text_report.render(sample_report()))


def test_text_is_a_format_like_the_others() -> None:
    assert render(sample_report(), "text") == text_report.render(sample_report())


def test_every_wrapped_line_fits_the_width() -> None:
    blocks = text_report.view(sample_report(), show_pairs=True)
    lines = text_report.plain(blocks, width=60).splitlines()
    whole = {b.text for b in blocks if isinstance(b, text_report.Styled) and not b.wrap}
    assert all(len(line) <= 60 or line in whole for line in lines)


def test_the_changed_words_and_the_claims_are_marked() -> None:
    report = sample_report()
    finding = next(f for f in report.findings if f.rule == "quote-drift")
    pair = next(p for p in report.pairs if p.id == finding.pair)
    blocks = text_report.finding_view(report, finding, pair)
    (sides,) = [b for b in blocks if isinstance(b, text_report.SideBySide)]
    a, b = sides.texts
    assert {style for _, _, style in a.marks} == {"claim", "removed"}
    claim = next((s, e) for s, e, style in a.marks if style == "claim")
    assert a.text[claim[0] : claim[1]] == finding.a.text
    assert "added" in {style for _, _, style in b.marks}


def test_nothing_found_says_so() -> None:
    blocks = text_report.view(empty_report())
    assert blocks[-1] == text_report.Styled("No discrepancies found.", ((0, 23, "ok"),))


def test_control_characters_never_reach_the_text() -> None:
    doc = Document("x", "x", "S\x1b[31m", "Officials said \x1b[2J 10 people \x9b left.")
    other = Document("y", "y", "T", "Officials said 12 people left.")
    report = Report(documents=(doc, other))
    text = text_report.plain(text_report.side_by_side(report, doc.span(0, 40), other.span(0, 30)))
    assert "\x1b" not in text and "\x9b" not in text


def test_claims_table_names_the_document_when_there_are_several() -> None:
    docs = [
        Document("a.txt", "a.txt", "A", "About 300 people left, the mayor said on Friday."),
        Document("b.txt", "b.txt", "B", "Up to 300 people left."),
    ]
    rows = [(d, c) for d in docs for c in extract(d).all()]
    several = text_report.claims_table(rows, several=True)
    assert several.headers[0] == "document"
    assert {row[0].text for row in several.rows} == {"a.txt", "b.txt"}
    assert text_report.claims_table(rows).headers[0] == "where"
    values = {row[3].text for row in several.rows}
    assert "300 [about] [people]" in values or any("300" in v for v in values)


def test_the_store_lines_of_dedupe_index() -> None:
    store = Path("corpus/s.sqlite")
    added = text_report.store_added(store, AddResult(2, 1, 0), 7)
    assert added == "added 2, replaced 1, unchanged 0; corpus/s.sqlite holds 7 documents"
    entries = [
        Entry("a.txt", "wire", dt.date(2024, 11, 1), "Talks\tin\nMoscow", "a.txt"),
        Entry("b.txt", "paper", None, None, "b.txt"),
    ]
    listing = text_report.store_listing(entries)
    assert listing == ["a.txt\twire\t2024-11-01\tTalks in Moscow", "b.txt\tpaper\t\t"]
    stats = text_report.store_stats(store, Stats(7, 2, 195, 65536, 2)).splitlines()
    assert stats == [
        "store      corpus/s.sqlite",
        "documents  7",
        "sources    2",
        "terms      195",
        "size       65,536 bytes",
        "schema     2",
    ]
