"""End to end: `dedupe index` stores real BASIL articles, `dedupe check` gates new ones."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from typer.testing import CliRunner

from dedupe.cli import app

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
CHANGED = "ae243a95-b2c2-410c-9e2b-b083b4b8eb48_1"  # has "42 members" in a plain sentence
COPIED = "005a2961-0c2e-4575-8eec-770ba52a08e0_1"

pytestmark = pytest.mark.corpus


@dataclass
class Site:
    """A newsroom: a corpus folder, its store, and a folder of new articles."""

    root: Path
    corpus: Path
    store: Path
    new: Path

    def run(self, *args: str) -> Result:
        result = CliRunner().invoke(app, list(args))
        return Result(result.exit_code, result.stdout, result.stderr)


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


def _basil(corpora: Path, count: int) -> list[dict[str, str]]:
    lines = (corpora / "basil" / "basil_articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[:count]]


def _write_corpus(path: Path, rows: list[dict[str, str]]) -> None:
    keep = ("id", "source", "date", "title", "url", "text")
    lines = [json.dumps({k: r[k] for k in keep}, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def site(corpora: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("newsroom")
    rows = _basil(corpora, 200)
    assert {CHANGED, COPIED} <= {r["id"] for r in rows}
    (root / "corpus").mkdir()
    _write_corpus(root / "corpus" / "basil.jsonl", rows)
    by_id = {r["id"]: r for r in rows}
    new = root / "new"
    new.mkdir()
    original = by_id[CHANGED]["text"]
    figure = re.search(r"\b(\d{2,3}) members\b", original)
    assert figure, "the BASIL article no longer has the figure this test changes"
    changed = f"{original[: figure.start(1)]}{int(figure.group(1)) + 13}{original[figure.end(1) :]}"
    (new / "changed.txt").write_text(f"source: wire\n\n{changed}", encoding="utf-8")
    copy = by_id[COPIED]["text"].replace(" said ", " stated ", 1)
    (new / "copy.txt").write_text(f"source: copycat\n\n{copy}", encoding="utf-8")
    found = Site(root, root / "corpus", root / "s.sqlite", new)
    cwd = Path.cwd()
    os.chdir(root)  # ids and annotation paths are relative to where dedupe runs
    try:
        added = found.run("index", "add", "corpus", "--store", "s.sqlite")
        assert added.code == 0, added.stderr
        assert "added 200, replaced 0, unchanged 0" in added.stdout
        yield found
    finally:
        os.chdir(cwd)


def test_check_fails_on_a_changed_figure_and_writes_ci_reports(site: Site) -> None:
    result = site.run(
        "check", "new", "--store", "s.sqlite", "--format", "json",
        "--output-sarif", "out/r.sarif", "--output-github", "out/r.github",
        "--output-junit", "out/r.xml", "--output-html", "out/r.html",
    )  # fmt: skip
    assert result.code == 1, result.stderr
    report = json.loads(result.stdout)
    mismatches = [f for f in report["findings"] if f["rule"] == "number-mismatch"]
    against = {f["b"]["doc"]: f for f in mismatches if f["a"]["doc"] == "changed.txt"}
    original = against[f"basil.jsonl#{CHANGED}"]  # other outlets giving the old figure count too
    assert original["a"]["text"] != original["b"]["text"]
    copies = [f for f in report["findings"] if f["rule"] == "duplicate"]
    assert any(f["a"]["doc"] == "copy.txt" and f["b"]["doc"].endswith(COPIED) for f in copies)
    new_ids = {"changed.txt", "copy.txt"}
    assert all(f["a"]["doc"] in new_ids for f in report["findings"])
    sarif = json.loads((site.root / "out" / "r.sarif").read_text(encoding="utf-8"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert not list(Draft4Validator(schema).iter_errors(sarif))
    annotations = (site.root / "out" / "r.github").read_text(encoding="utf-8")
    assert "::error file=new/changed.txt" in annotations
    assert (site.root / "out" / "r.html").stat().st_size > 0


def test_fail_on_and_exit_zero(site: Site) -> None:
    only_copies = site.run("check", "new/copy.txt", "--store", "s.sqlite", "--format", "json")
    assert only_copies.code == 0  # duplicates are info, below the default --fail-on error
    data = json.loads(only_copies.stdout)
    assert data["findings"] and data["new"] == [data["documents"][0]["id"]]
    corpus = len(data["documents"]) - 1
    assert f"1 new article against {corpus} in the corpus" in strict_text(site)
    passed = _last_line(only_copies.stderr)
    assert re.fullmatch(r"dedupe: Passed: no findings at or above error \(\d+ below\)", passed)
    strict = site.run("check", "new/copy.txt", "--store", "s.sqlite", "--fail-on", "info")
    assert strict.code == 1
    assert re.fullmatch(
        r"dedupe: Failed: \d+ findings? at or above info", _last_line(strict.stderr)
    )
    lenient = site.run("check", "new", "--store", "s.sqlite", "--exit-zero", "-f", "github")
    assert lenient.code == 0 and "::error" in lenient.stdout


def test_baseline_hides_accepted_findings_and_reports_stale_ones(site: Site) -> None:
    created = site.run("baseline", "create", "new", "--store", "s.sqlite", "-o", "b.json")
    assert created.code == 0, created.stderr
    entries = json.loads((site.root / "b.json").read_text(encoding="utf-8"))["findings"]
    mismatch = next(e for e in entries if e["rule"] == "number-mismatch")
    accepted = site.run("check", "new", "--store", "s.sqlite", "--baseline", "b.json", "-f", "json")
    assert accepted.code == 0, accepted.stderr
    assert json.loads(accepted.stdout)["findings"] == []
    assert f"({len(entries)} accepted by the baseline)" in _last_line(accepted.stderr)
    moved = site.root / "changed.txt.removed"
    (site.new / "changed.txt").rename(moved)
    try:
        gone = site.run("check", "new", "--store", "s.sqlite", "--baseline", "b.json")
    finally:
        moved.rename(site.new / "changed.txt")
    assert gone.code == 0
    assert f"stale baseline entry {mismatch['id']}" in gone.stderr
    notes = gone.stderr.count("stale baseline entry")
    assert _last_line(gone.stderr).endswith(f", {notes} stale)")


def strict_text(site: Site) -> str:
    """The terminal report of checking one new article."""
    return site.run("check", "new/copy.txt", "--store", "s.sqlite", "--fail-on", "info").stdout


def _last_line(text: str) -> str:
    return text.strip().splitlines()[-1]


def test_one_baseline_holds_however_the_new_articles_are_spelled(site: Site) -> None:
    # The README's two forms: a folder for the baseline, then files (ids "changed.txt" and
    # "new/changed.txt"), an absolute path, and a run from inside the folder (against the
    # corpus folder: the store holds paths relative to where `index add` ran).
    created = site.run("baseline", "create", "new", "--store", "s.sqlite", "-o", "forms.json")
    assert created.code == 0, created.stderr
    spellings = [["new/changed.txt", "new/copy.txt"], [str(site.new.resolve())]]
    for paths in spellings:
        checked = site.run("check", *paths, "--store", "s.sqlite", "--baseline", "forms.json")
        assert checked.code == 0, checked.stderr
        assert "stale" not in checked.stderr
    os.chdir(site.new)
    try:
        inside = site.run("check", "changed.txt", "copy.txt", "--against", "../corpus",
                          "--baseline", "../forms.json", "-f", "json")  # fmt: skip
    finally:
        os.chdir(site.root)
    assert inside.code == 0, inside.stderr
    assert json.loads(inside.stdout)["findings"] == []


def test_readding_is_a_no_op_and_a_changed_record_is_replaced(site: Site) -> None:
    again = site.run("index", "add", "corpus", "--store", "s.sqlite")
    assert "added 0, replaced 0, unchanged 200" in again.stdout
    edited = site.root / "edited"
    edited.mkdir()
    path = site.corpus / "basil.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record["text"] += "\n\nAn editor's note was added."
    (edited / "basil.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    replaced = site.run("index", "add", "edited", "--store", "s.sqlite")
    assert "added 0, replaced 1, unchanged 0" in replaced.stdout
    assert "basil.jsonl#" + record["id"] in site.run("index", "ls", "--store", "s.sqlite").stdout
    stats = site.run("index", "stats", "--store", "s.sqlite").stdout
    assert re.search(r"documents\s+200\b", stats)


def _one_line_error(result: Result, expected: str) -> None:
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dedupe: error:"), result.stderr
    assert expected in lines[0]


def _broken_stores(root: Path) -> dict[str, Path]:
    garbage = root / "garbage.sqlite"
    garbage.write_bytes(b"this is a text file, not a database\n" * 10)
    newer = root / "newer.sqlite"
    (root / "s.sqlite").exists() or pytest.fail("the site store is missing")
    source = sqlite3.connect(root / "s.sqlite")
    target = sqlite3.connect(newer)
    source.backup(target)
    target.execute("PRAGMA user_version = 99")
    source.close()
    target.close()
    return {"not an SQLite database": garbage, "newer dedupe": newer}


def test_unusable_stores_give_one_line_errors(site: Site) -> None:
    for expected, path in _broken_stores(site.root).items():
        _one_line_error(site.run("check", "new", "--store", str(path)), expected)
        _one_line_error(site.run("index", "add", "corpus", "--store", str(path)), expected)
        process = subprocess.run(
            [sys.executable, "-m", "dedupe", "check", "new", "--store", str(path)],
            capture_output=True, text=True, cwd=site.root, check=False,
        )  # fmt: skip
        _one_line_error(Result(process.returncode, process.stdout, process.stderr), expected)
    _one_line_error(site.run("index", "ls", "--store", "nothing.sqlite"), "no store there")


def test_a_read_only_store_gives_a_one_line_error(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    store = folder / "s.sqlite"
    source, target = sqlite3.connect(site.store), sqlite3.connect(store)
    source.backup(target)
    source.close()
    target.close()
    store.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(0o555)
    if os.geteuid() == 0:
        # Root writes through permissions; report them as an unprivileged user would see them.
        real = os.access

        def access(path: Any, mode: int) -> bool:
            denied = mode & os.W_OK and str(path).startswith(str(folder))
            return real(path, mode) and not denied

        monkeypatch.setattr(os, "access", access)
    try:
        added = site.run("index", "add", "new/copy.txt", "--store", str(store))
        _one_line_error(added, "read-only")
        removed = site.run("index", "rm", f"basil.jsonl#{COPIED}", "--store", str(store))
        _one_line_error(removed, "read-only")
        # Reading a read-only store is fine: a CI checkout may be read-only.
        assert site.run("index", "stats", "--store", str(store)).code == 0
    finally:
        folder.chmod(0o755)
