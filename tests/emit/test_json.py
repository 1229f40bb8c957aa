"""Tests for dedupe.emit.json: the reference file (see tests/sample.py), the shape, streaming."""

from __future__ import annotations

import json

import pytest
from sample import check_reference, sample_report

from dedupe.emit import formats, render
from dedupe.emit import json as json_writer
from dedupe.model import Finding, Pair
from dedupe.report import Report


def test_sample_spans_match_the_document_text() -> None:
    report = sample_report()
    items: list[Finding | Pair] = [*report.findings, *report.pairs]
    for item in items:
        for span in (item.a, item.b):
            assert report.document(span.doc).text[span.start : span.end] == span.text


def test_json_matches_reference() -> None:
    check_reference("report.json", json_writer.render(sample_report()))


def test_json_reads_back_into_the_same_report() -> None:
    report = sample_report()
    data = json.loads(json_writer.render(report))
    assert Report.from_dict(data).to_dict() == report.to_dict()


def test_json_keeps_non_ascii_and_ends_with_newline() -> None:
    text = json_writer.render(sample_report())
    assert "Київ" in text and "\\u" not in text
    assert text.endswith("}\n")


def test_formats_lists_the_writers_and_render_dispatches() -> None:
    assert {"json", "sarif", "junit", "github"} <= set(formats())
    report = sample_report()
    assert render(report, "json") == json_writer.render(report)


def test_render_names_the_choices_for_an_unknown_format() -> None:
    with pytest.raises(ValueError, match=r"unknown output format 'xml'.*json"):
        render(sample_report(), "xml")


@pytest.mark.parametrize("fmt", formats())
def test_written_output_is_the_rendered_text(fmt: str) -> None:
    import io

    from dedupe.emit import write

    stream = io.StringIO()
    write(sample_report(), fmt, stream)
    assert stream.getvalue() == render(sample_report(), fmt)


def test_json_is_what_the_standard_library_writes() -> None:
    report = sample_report()
    expected = json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    assert json_writer.render(report) == expected


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"pairs": []},
        {"pairs": [{}], "documents": [[]], "options": {}},
        {"schema": "x", "findings": [{"text": 'a\nb "c" \\ \x07 \u2028 Київ', "n": [1, 2.5]}]},
        {"nested": {"a": [{"b": {"c": [None, True, 0.1234]}}]}, "last": [1, [2, [3]]]},
        {"counts": {1: "one"}},
    ],
)
def test_each_shape_is_indented_as_the_standard_library_does(data: dict[str, object]) -> None:
    written = b"".join(json_writer._chunks(data)).decode("utf-8")
    assert written == json.dumps(data, indent=2, ensure_ascii=False)
