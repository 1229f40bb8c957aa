"""dedupe.emit._stories: the variant tables of stories in the human report."""

from __future__ import annotations

import json
from pathlib import Path

from stories.support import QUAKE, article, run
from typer.testing import CliRunner

from dedupe.cli import app
from dedupe.emit import text
from dedupe.report import Report

OUTLETS = ("alpha", "beta", "gamma", "delta")


def _report(*versions: str) -> Report:
    docs = [
        article(s, QUAKE.format(killed=v), title=f"Quake in Chile ({s})")
        for s, v in zip(OUTLETS, versions, strict=False)
    ]
    return run(docs)


def test_the_compare_report_shows_how_each_outlet_reads_a_flagged_claim() -> None:
    page = text.render(_report("about 12", "about 12", "about 12", "20"))
    table = page[page.index("Story ") : page.index("alpha: Quake")]
    assert "4 articles from 4 outlets" in table
    assert "number: people" in table and "number-mismatch" in table
    assert "about 12 people" in table and "alpha, beta, gamma" in table
    assert "20 people" in table and "delta" in table
    assert "more claims, none of them flagged" in table


def test_a_story_whose_outlets_agree_is_left_out_of_the_compare_report() -> None:
    assert "Story " not in text.render(_report("12", "12", "12", "12"))


def test_stories_of_two_outlets_stay_in_their_findings() -> None:
    assert not text.reported(_report("about 12", "20"))


def test_every_claim_of_a_story_can_be_shown() -> None:
    report = _report("12", "12", "12", "12")
    page = text.plain(text.stories_view(report, text.told_by(report, 2), "every"))
    assert "three hours" in page and "7.1" in page and "more claims" not in page


def test_long_readings_are_cut_at_a_word() -> None:
    report = _report("about 12", "about 12", "20")
    (story,) = report.stories
    blocks = text.stories_view(report, [story], "every")
    cells = [c.text for b in blocks if isinstance(b, text.Table) for row in b.rows for c in row]
    assert all(len(c) <= text.READING + 2 for c in cells)


def test_the_stories_command_prints_tables_and_json(tmp_path: Path) -> None:
    runner = CliRunner()
    folder = _folder(tmp_path)
    shown = runner.invoke(app, ["stories", str(folder), "-q"])
    assert shown.exit_code == 0, shown.output
    assert "Story " in shown.stdout and "20 people" in shown.stdout
    data = json.loads(runner.invoke(app, ["stories", str(folder), "-q", "-f", "json"]).stdout)
    assert data["schema"] == "dedupe.stories/1"
    (story,) = data["stories"]
    assert {d["source"] for d in data["documents"]} == set(OUTLETS[:3])
    assert {v["text"] for s in story["slots"] for v in s["variants"]} >= {"20 people"}
    none = runner.invoke(app, ["stories", str(folder), "-q", "--min-sources", "5"])
    assert none.exit_code == 0 and "No story is told by 5 outlets" in none.stderr


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    for source, killed in zip(OUTLETS[:3], ("about 12", "about 12", "20"), strict=False):
        (folder / source).mkdir(parents=True)
        front = "---\ndate: 2024-11-01\ntitle: Quake in Chile\n---\n"
        (folder / source / "quake.txt").write_text(front + QUAKE.format(killed=killed))
    return folder
