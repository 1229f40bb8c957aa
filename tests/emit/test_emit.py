"""Tests for dedupe.emit's output files: what `report_file` and `text_file` write."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sample import sample_report

from dedupe.emit import Fill, render, report_file, save_all, text, text_file


def _saved(tmp_path: Path, output: tuple[Path, Fill]) -> str:
    path, fill = output
    assert path.parent == tmp_path
    save_all([(path, fill)])
    return path.read_bytes().decode("utf-8")


def test_a_report_file_holds_the_rendered_format(tmp_path: Path) -> None:
    report = sample_report()
    for fmt in ("json", "sarif", "html", "text"):
        written = _saved(tmp_path, report_file(tmp_path / f"r.{fmt}", report, fmt))
        assert written == render(report, fmt)


def test_a_text_report_file_lists_pairs_as_asked(tmp_path: Path) -> None:
    report = dataclasses.replace(sample_report(), findings=())  # no finding shows the pairs
    listed = {}
    for show_pairs in (True, False):
        written = _saved(tmp_path, report_file(tmp_path / "r.txt", report, "text", show_pairs))
        assert written == text.plain(text.view(report, show_pairs))
        listed[show_pairs] = "similarity" in written
    assert listed == {True: True, False: False}


def test_a_text_file_holds_its_text(tmp_path: Path) -> None:
    assert _saved(tmp_path, text_file(tmp_path / "notes.txt", "één\nline\n")) == "één\nline\n"
