"""Tests for dedupe.emit.github: reference file, escaping and positions.

The reference file is tests/reference/report.github.txt; regenerate it with
``DEDUPE_UPDATE_REFERENCE=1 .venv/bin/pytest tests/emit/test_github.py`` and review the diff.
"""

from __future__ import annotations

import dataclasses

import pytest
from sample import check_reference, empty_report, sample_findings, sample_report

from dedupe.emit import github
from dedupe.model import Document


def _lines() -> list[str]:
    return github.render(sample_report()).splitlines()


def test_github_matches_reference() -> None:
    check_reference("report.github.txt", github.render(sample_report()))


def test_one_line_per_finding_with_the_command_for_its_severity() -> None:
    lines = _lines()
    assert len(lines) == len(sample_findings())
    assert [line.split(" ", 1)[0] for line in lines] == [
        "::error",
        "::warning",
        "::notice",
        "::error",
    ]


def test_single_line_span_gives_columns_with_an_exclusive_end() -> None:
    props = _lines()[0].split("::")[1].split(" ", 1)[1]
    assert props == (
        "file=articles/new/troops day 1.md,line=3,col=1,endLine=3,endColumn=20,"
        "title=dedupe number-mismatch"
    )


def test_span_across_lines_gives_lines_but_no_columns() -> None:
    props = _lines()[1].split("::")[1]
    assert "line=3,endLine=4,title=" in props
    assert "col=" not in props and "endColumn=" not in props


def test_message_escapes_newline_and_percent_and_names_the_other_source() -> None:
    message = _lines()[3].split("::", 2)[2]
    assert message == (
        "Dates differ:%0AFriday 2024-11-01 vs Thursday 2024-10-31, 100%25 apart"
        "%0AOther passage: Agence <Wire> & Co (wire/agency.txt:3:46)"
    )


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("50% off", "50%25 off", "50%25 off"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("x: y, z", "x: y, z", "x%3A y%2C z"),
        ("%0A", "%250A", "%250A"),
        ("Київ", "Київ", "Київ"),
    ],
)
def test_escaping(text: str, data: str, prop: str) -> None:
    assert github.escape_data(text) == data
    assert github.escape_property(text) == prop


def test_text_cannot_inject_a_second_command() -> None:
    finding = dataclasses.replace(
        sample_findings()[0], message="harmless\n::error file=x::fake\r::set-output name=a::b"
    )
    out = github.render(dataclasses.replace(sample_report(), findings=(finding,)))
    # Commands are recognised only at the start of a line; the text must not begin one.
    lines = out.split("\n")
    assert lines[1:] == [""] and "\r" not in out
    assert lines[0].startswith("::error file=articles/new/troops day 1.md,")


def test_file_property_escapes_commas_and_colons() -> None:
    doc = Document(id="a.txt", path="news/a, b: c.txt", source="S", text="one two")
    finding = dataclasses.replace(sample_findings()[0], a=doc.span(4, 7))
    report = dataclasses.replace(
        sample_report(), documents=(*sample_report().documents, doc), findings=(finding,)
    )
    assert github.render(report).startswith(
        "::error file=news/a%2C b%3A c.txt,line=1,col=5,endLine=1,endColumn=8,"
    )


def test_extracted_text_gets_a_file_level_annotation() -> None:
    doc = Document(id="feed.jsonl#7", path="feed.jsonl", source="Feed", text="About 10,000")
    finding = dataclasses.replace(sample_findings()[0], a=doc.span(0, 12))
    report = dataclasses.replace(
        sample_report(), documents=(*sample_report().documents, doc), findings=(finding,)
    )
    line = github.render(report)
    assert line.startswith(
        "::error file=feed.jsonl,title=dedupe number-mismatch::"
        "At feed.jsonl#7:1:1 of the extracted text: Counts differ"
    )


def test_no_findings_print_nothing() -> None:
    assert github.render(empty_report()) == ""
