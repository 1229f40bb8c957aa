"""The command line end to end: CliRunner and a real subprocess."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

import dedupe
from dedupe.cli import app

runner = CliRunner()


def _commands(group: TyperGroup, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command and group of the command line, as the words that name it."""
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, TyperGroup):
            yield from _commands(command, (*prefix, name))


def test_version_and_help() -> None:
    for flag in ("--version", "-V"):
        result = runner.invoke(app, [flag])
        assert result.exit_code == 0 and dedupe.__version__ in result.stdout
    commands = [(), *_commands(cast(TyperGroup, typer.main.get_command(app)))]
    assert ("index", "add") in commands and ("check",) in commands
    for command in commands:
        for flag in ("--help", "-h"):
            help_result = runner.invoke(app, [*command, flag])
            assert help_result.exit_code == 0 and "Usage" in help_result.stdout, command


def test_unknown_rule_and_severity_names_are_usage_errors(seeds: Path, tmp_path: Path) -> None:
    for args, suggestion in [
        (["compare", str(seeds), "--rule", "quote-drfit"], "did you mean 'quote-drift'?"),
        (["compare", str(seeds), "--min-severity", "warn"], "did you mean 'warning'?"),
        (["check", str(seeds), "--against", str(seeds), "--fail-on", "eror"], "'error'?"),
    ]:
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and suggestion in result.stderr, result.stderr
    config = tmp_path / "dedupe.toml"
    config.write_text('ignore_rules = ["name-varaint"]\n', encoding="utf-8")
    result = runner.invoke(app, ["compare", str(seeds), "--config", str(config)])
    assert result.exit_code == 2
    assert (
        "ignore_rules: unknown rule 'name-varaint'; did you mean 'name-variant'?" in result.stderr
    )


def test_compare_seeds_text_report(seeds: Path) -> None:
    result = runner.invoke(app, ["compare", str(seeds), "--no-color"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for rule in ("quote-drift", "number-qualifier", "attribution-mismatch", "name-variant"):
        assert rule in out
    assert "Watch more" not in out and "Read more" not in out
    assert "choe-son-hui-moscow-lavrov-talks.txt:" in out


def test_report_fits_80_columns(seeds: Path) -> None:
    result = runner.invoke(app, ["compare", str(seeds)], env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_json_report_is_the_library_result(seeds: Path) -> None:
    result = runner.invoke(app, ["compare", str(seeds), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "dedupe.report/1"
    library = dedupe.compare([seeds]).to_dict()
    assert [f["id"] for f in data["findings"]] == [f["id"] for f in library["findings"]]
    assert [p["id"] for p in data["pairs"]] == [p["id"] for p in library["pairs"]]
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for item in data["findings"] + data["pairs"]:
        for side in ("a", "b"):
            span = item[side]
            assert texts[span["doc"]][span["start"] : span["end"]] == span["text"]


def test_only_pairs_reports_pairs_and_says_claims_were_not_checked(
    seeds: Path, tmp_path: Path
) -> None:
    html = tmp_path / "pairs.html"
    result = runner.invoke(app, ["compare", str(seeds), "--only", "pairs", "--html", str(html)])
    assert result.exit_code == 0
    assert "not checked (--only pairs)" in result.stdout
    assert "No discrepancies found" not in result.stdout
    assert "stopped after passage pairing" in html.read_text(encoding="utf-8")
    data = json.loads(
        runner.invoke(app, ["compare", str(seeds), "--only", "pairs", "-f", "json"]).stdout
    )
    whole = dedupe.compare([seeds])
    assert data["only"] == "pairs" and whole.to_dict()["only"] is None
    assert [p["id"] for p in data["pairs"]] == [p.id for p in whole.pairs]
    assert data["findings"] == [] and data["stories"] == []
    wrong = runner.invoke(app, ["compare", str(seeds), "--only", "claims"])
    assert wrong.exit_code == 2


def test_filters(seeds: Path) -> None:
    result = runner.invoke(app, ["compare", str(seeds), "-f", "json", "--rule", "name-variant"])
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert rules == {"name-variant"}
    result = runner.invoke(app, ["compare", str(seeds), "-f", "json", "--min-severity", "warning"])
    severities = {f["severity"] for f in json.loads(result.stdout)["findings"]}
    assert severities == {"warning"}


def test_output_file_and_saved_report_rendering(seeds: Path, tmp_path: Path) -> None:
    saved = tmp_path / "r.json"
    result = runner.invoke(app, ["compare", str(seeds), "-f", "json", "-o", str(saved)])
    assert result.exit_code == 0 and saved.exists()
    again = runner.invoke(app, ["report", str(saved), "--no-color"])
    assert again.exit_code == 0 and "quote-drift" in again.stdout
    html = tmp_path / "r.html"
    assert runner.invoke(app, ["report", str(saved), "--html", str(html)]).exit_code == 0
    assert html.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")


def test_claims_command(seeds: Path) -> None:
    path = seeds / "censor-net" / "choe-son-hui-moscow-lavrov-talks.txt"
    result = runner.invoke(app, ["claims", str(path), "--format", "json"])
    assert result.exit_code == 0
    claims = json.loads(result.stdout)
    kinds = {c["kind"] for c in claims}
    assert {"number", "date", "quote", "name", "attribution"} <= kinds
    assert any(c["kind"] == "date" and c["first"] == "2024-10-25" for c in claims)


def test_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["compare", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
    assert "no such file or folder" in missing.stderr and "Traceback" not in missing.output
    empty = runner.invoke(app, ["compare", str(tmp_path)])
    assert empty.exit_code == 2 and "no readable article" in empty.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    not_report = runner.invoke(app, ["report", str(bad)])
    assert not_report.exit_code == 2 and "not JSON" in not_report.stderr


def test_single_source_is_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One article about the vote.", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(tmp_path), "--no-color"])
    assert result.exit_code == 0
    assert "No discrepancies found" in result.stdout


def test_python_dash_m_subprocess(seeds: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "dedupe", "compare", str(seeds), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["schema"] == "dedupe.report/1"
    missing = subprocess.run(
        [sys.executable, "-m", "dedupe", "compare", "/nonexistent/folder"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert missing.stderr.count("\n") == 1


def test_progress_on_a_terminal_counts_each_step(seeds: Path, monkeypatch: Any) -> None:
    import io

    from rich.console import Console

    from dedupe.cli import _console

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=120, no_color=True)
    monkeypatch.setattr(_console, "stderr", lambda: terminal)
    with _console.progress(quiet=False) as say:
        dedupe.compare([seeds], progress=say)
    shown = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", screen.getvalue())
    assert "dedupe: pairing passages across 2 documents (" in shown  # each stage, timed
    assert "dedupe: checking claims in 4 passage pairs (" in shown
    # The bar's last picture: the checks' runs, named and counted.
    assert re.search(r"dedupe: runs of passage pairs checked \W+ 1/1", shown)
