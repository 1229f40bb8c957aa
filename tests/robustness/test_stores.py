"""Stores and the files a user names: read-only stores, missing folders, errors in words,
checks against nothing, and `check --against` agreeing with `check --store`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dedupe import store as store_module
from robustness.support import Invoke


def _one_error(stderr: str) -> str:
    [line] = [x for x in stderr.splitlines() if x.startswith("dedupe: error:")]
    assert "Errno" not in line and "Traceback" not in stderr
    return line


def _indexed(invoke: Invoke, corpus: Path, where: Path) -> Path:
    added = invoke("index", "add", corpus / "censor-net", "--store", where)
    assert added.exit_code == 0, added.stderr
    return where


def test_a_store_in_a_folder_that_cannot_be_written_is_read_as_immutable(
    invoke: Invoke, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # CI runs as root, whom chmod does not stop: the folder is made to look read-only (as
    # on read-only media) where the store asks, and SQLite must then make no -shm file.
    stored = _indexed(invoke, corpus, tmp_path / "ro" / "s.sqlite")
    folder = stored.parent.resolve()
    real = store_module._writable
    monkeypatch.setattr(store_module, "_writable", lambda p: p != folder and real(p))
    for leftover in folder.glob("s.sqlite-*"):
        leftover.unlink()
    stats = invoke("index", "stats", "--store", stored)
    assert stats.exit_code == 0, stats.stderr
    checked = invoke("check", corpus / "barrons-afp", "--store", stored, "-f", "json")
    assert checked.exit_code == 0, checked.stderr
    assert json.loads(checked.stdout)["documents"]
    assert invoke("index", "ls", "--store", stored).exit_code == 0
    assert not list(folder.glob("s.sqlite-*"))  # nothing written beside the store
    refused = invoke("index", "add", corpus / "barrons-afp", "--store", stored)
    assert refused.exit_code == 2 and "read-only" in _one_error(refused.stderr)


def test_a_missing_store_folder_is_named_and_index_add_makes_it(
    invoke: Invoke, corpus: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "no" / "such" / "s.sqlite"
    checked = invoke("check", corpus / "barrons-afp", "--store", missing)
    assert checked.exit_code == 2
    assert f"the folder {missing.parent} does not exist" in _one_error(checked.stderr)
    assert "read-only" not in checked.stderr
    made = _indexed(invoke, corpus, missing)
    assert made.is_file()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("report", "nope.json"), "nope.json: no such file or folder; check the path"),
        (("report", "."), "is a folder"),
        (("compare", "{seeds}", "--html", "/proc/x.html"), "/proc/x.html: no file can be created"),
        (("compare", "{seeds}", "--config", "missing.toml"), "missing.toml: no such file"),
        (("check", "{seeds}", "--against", "{seeds}", "--baseline", "nob.json"), "baseline"),
    ],
)
def test_file_errors_say_what_is_wrong_in_words(
    invoke: Invoke, corpus: Path, args: tuple[str, ...], words: str
) -> None:
    result = invoke(*(a.replace("{seeds}", str(corpus)) for a in args))
    assert result.exit_code == 2
    assert words in _one_error(result.stderr)


def test_a_check_against_an_empty_store_or_unreadable_folder_cannot_pass(
    invoke: Invoke, corpus: Path, tmp_path: Path
) -> None:
    stored = _indexed(invoke, corpus, tmp_path / "s.sqlite")
    ids = [line.split()[0] for line in invoke("index", "ls", "--store", stored).stdout.splitlines()]
    assert invoke("index", "rm", *ids, "--store", stored).exit_code == 0
    empty = invoke("check", corpus / "barrons-afp", "--store", stored)
    assert empty.exit_code == 2 and "no articles in the store" in _one_error(empty.stderr)
    unreadable = tmp_path / "archive" / "afp"
    unreadable.mkdir(parents=True)
    (unreadable / "x.txt").write_bytes(b"\x00\x01binary")
    nothing = invoke("check", corpus / "barrons-afp", "--against", unreadable.parent)
    assert nothing.exit_code == 2 and "could be read" in _one_error(nothing.stderr)


def test_check_against_a_folder_and_against_its_store_agree(
    invoke: Invoke, corpora: Path, tmp_path: Path
) -> None:
    # Issue 19 saw 8 and 9 findings on 10 BASIL articles: a quote-drift missing with
    # --against, whose corpus claims were read from the passages alone.
    basil = corpora / "basil" / "basil_articles.jsonl"
    if not basil.is_file():
        pytest.skip(f"{basil} is missing")
    rows = basil.read_text(encoding="utf-8").splitlines()[:45]
    (tmp_path / "incoming").mkdir()
    (tmp_path / "archive").mkdir()
    (tmp_path / "incoming" / "new.jsonl").write_text("\n".join(rows[::3]) + "\n", "utf-8")
    kept = [row for k, row in enumerate(rows) if k % 3]
    (tmp_path / "archive" / "old.jsonl").write_text("\n".join(kept) + "\n", "utf-8")
    stored = tmp_path / "s.sqlite"
    assert invoke("index", "add", tmp_path / "archive", "--store", stored).exit_code == 0
    runs = [
        invoke("check", tmp_path / "incoming", *where, "-f", "json", "--exit-zero")
        for where in (("--against", str(tmp_path / "archive")), ("--store", str(stored)))
    ]
    against, in_store = ({f["id"] for f in json.loads(r.stdout)["findings"]} for r in runs)
    assert against and against == in_store
