"""Bad files among good ones, second pass: each is skipped, or loses only the bad field.

Encodings that are not UTF-8, impossible dates, front matter nested deep or built from
aliases, FIFOs and devices, and metadata of the wrong type: each gives one line naming the
file, and the run goes on over the other files (exit 0). Before, each of them stopped the
run, hung it, or let a Python repr pass for a title or a source.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import Result

from dedupe.ingest import load
from robustness.support import Invoke, RunModule, warning_lines, write
from robustness.test_bad_input import ARTICLE, doc_ids, report_of

LATIN_1 = ARTICLE.replace("capital", "capitàl").encode("latin-1")
WIDE = ARTICLE.encode("utf-16-le")
# Chinese text has no character below U+0100 but its line break, and 一 (U+4E00) puts a NUL
# byte at an even offset in UTF-16-LE: the byte order is told by where most NULs sit.
CHINESE = "一位官员周一证实，这座新桥将于明年春天通车。\n该项目耗资一千万元。\n"


def document(result: object, doc_id: str) -> dict[str, object]:
    [doc] = [d for d in report_of(result)["documents"] if d["id"] == doc_id]
    return doc  # type: ignore[no-any-return]


# --- encodings ---------------------------------------------------------------------------

UNDECODABLE: dict[str, tuple[bytes, str]] = {
    "utf-16, odd length": (
        b"\xff\xfe" + WIDE + b"x",
        f"not valid UTF-16 (truncated data at offset {2 + len(WIDE)}); re-save the file as UTF-8",
    ),
    "utf-16, lone surrogate": (
        b"\xff\xfe" + WIDE[:20] + "\ud800".encode("utf-16-le", "surrogatepass") + WIDE[20:],
        "not valid UTF-16 (illegal UTF-16 surrogate at offset 22); re-save the file as UTF-8",
    ),
    "utf-16-be, lone low surrogate": (
        b"\xfe\xff" + "\udc00".encode("utf-16-be", "surrogatepass") + ARTICLE.encode("utf-16-be"),
        "not valid UTF-16 (illegal encoding at offset 2)",
    ),
    "latin-1 after ff fe": (
        b"\xff\xfe" + LATIN_1,
        "begins with a UTF-16 byte order mark but is not UTF-16 text (an 8-bit file?); "
        "re-save the file as UTF-8",
    ),
    "latin-1 after ff fe, odd length": (
        b"\xff\xfe" + LATIN_1 + b"!",
        "begins with a UTF-16 byte order mark but is not UTF-16 text",
    ),
    "utf-16 of control characters": (
        "\ufeff".encode("utf-16-le") + bytes(range(1, 64)) * 4,
        "begins with a UTF-16 byte order mark but is not UTF-16 text",
    ),
}


def _compare_with_wide_file(invoke: Invoke, corpus: Path, data: bytes) -> Result:
    """The JSON report of the corpus with a third outlet's ``wide.txt`` holding ``data``."""
    write(corpus / "third-outlet", "wide.txt", data)
    result = invoke("compare", corpus, "--format", "json")
    assert result.exit_code == 0
    return result


@pytest.mark.parametrize("case", UNDECODABLE.values(), ids=list(UNDECODABLE))
def test_undecodable_wide_text_is_skipped(
    invoke: Invoke, corpus: Path, case: tuple[bytes, str]
) -> None:
    """Before: a UnicodeDecodeError ended the run, or Latin-1 was read as Chinese."""
    data, reason = case
    result = _compare_with_wide_file(invoke, corpus, data)
    [line] = warning_lines(result.stderr, "third-outlet/wide.txt")
    assert reason in line
    assert len(doc_ids(result)) == 2
    assert report_of(result)["findings"], "the good files are still checked"


READABLE: dict[str, tuple[bytes, str]] = {
    "utf-32-le with mark": (ARTICLE.encode("utf-32"), ARTICLE),
    "utf-32-be with mark": (b"\x00\x00\xfe\xff" + ARTICLE.encode("utf-32-be"), ARTICLE),
    "utf-16-le, no mark": (WIDE, ARTICLE),
    "utf-16-be, no mark": (ARTICLE.encode("utf-16-be"), ARTICLE),
    "chinese utf-16-le, no mark": (CHINESE.encode("utf-16-le"), CHINESE),
    "chinese utf-16-be, no mark": (CHINESE.encode("utf-16-be"), CHINESE),
}


@pytest.mark.parametrize("case", READABLE.values(), ids=list(READABLE))
def test_utf32_and_unmarked_utf16_are_read(
    invoke: Invoke, corpus: Path, case: tuple[bytes, str]
) -> None:
    """Before: UTF-32-LE came out with a NUL between letters, the others were "binary"."""
    data, text = case
    result = _compare_with_wide_file(invoke, corpus, data)
    assert not warning_lines(result.stderr, "wide.txt")
    assert document(result, "third-outlet/wide.txt")["text"] == text


def test_a_marked_file_of_only_whitespace_is_empty(tmp_path: Path) -> None:
    write(tmp_path, "blank.txt", " \n\t\n".encode("utf-16"))
    write(tmp_path, "good.txt", ARTICLE)
    docs, diagnostics = load([tmp_path])
    assert [d.id for d in docs] == ["good.txt"]
    assert [str(d) for d in diagnostics] == [f"{tmp_path / 'blank.txt'}: empty file; skipped"]


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize("date", ["2024-02-30", "2024-11-01 25:61:00", "2024-13-01"])
def test_impossible_front_matter_date_is_dropped(invoke: Invoke, corpus: Path, date: str) -> None:
    """Before: YAML raised ValueError for the first two and the run stopped; dateparser read
    2024-13-01 as 13 January."""
    write(corpus / "third-outlet", "story.md", f"---\ntitle: Bridge\ndate: {date}\n---\n{ARTICLE}")
    result = invoke("compare", corpus, "--format", "json")
    assert result.exit_code == 0
    [line] = warning_lines(result.stderr, "third-outlet/story.md")
    assert f"date {date!r} does not parse; date ignored" in line
    doc = document(result, "third-outlet/story.md")
    assert doc.get("date") is None and doc["title"] == "Bridge"


def test_impossible_time_in_a_json_record_drops_the_date(tmp_path: Path) -> None:
    """Before: only the first ten characters were read, so 25:61 passed unseen."""
    record = {"id": "a", "text": ARTICLE, "date": "2024-11-01T25:61:00Z"}
    write(tmp_path, "feed.json", json.dumps(record))
    [doc], [diagnostic] = load([tmp_path])
    assert doc.date is None
    assert diagnostic.path == f"{tmp_path / 'feed.json'}#a"
    assert "does not parse; date ignored" in diagnostic.message


# --- front matter nested deep, or built from aliases ------------------------------------

# Front matter, and the line of the file where its 51st level opens.
DEEP = {
    "flow, 100,000 deep": ("title: " + "[" * 100_000 + "]" * 100_000, 3),
    "block, 20,000 deep": ("title:\n  " + "- " * 20_000 + "x", 4),
    "mapping, 30,000 deep": ("title: " + "{a: " * 30_000 + "b" + "}" * 30_000, 3),
}


@pytest.mark.parametrize("case", DEEP.values(), ids=list(DEEP))
def test_deeply_nested_front_matter_is_refused(
    invoke: Invoke, corpus: Path, case: tuple[str, int]
) -> None:
    """Before: RecursionError in the YAML composer stopped the run."""
    front, line_number = case
    text = f"---\nsource: Wire\n{front}\n---\n{ARTICLE}"
    write(corpus / "third-outlet", "deep.md", text)
    result = invoke("compare", corpus, "--format", "json")
    assert result.exit_code == 0
    [line] = warning_lines(result.stderr, "third-outlet/deep.md")
    assert line.endswith(
        f"front matter is nested more than 50 levels deep (line {line_number}); "
        "metadata ignored; flatten it"
    )
    doc = document(result, "third-outlet/deep.md")
    assert doc["text"] == text and doc["source"] == "third-outlet"


def alias_bomb(levels: int) -> str:
    """YAML front matter in which each level repeats the one before nine times."""
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels):
        lines.append(f"l{n}: &l{n} [" + ",".join([f"*l{n - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\ntitle: *l{levels - 1}\n"


def test_yaml_aliases_in_front_matter_are_refused(invoke: Invoke, corpus: Path) -> None:
    """Five levels, 59,049 strings: before, they all became the title. Nine levels (428
    bytes) took 54 s and 3.2 GB; refused, it costs nothing (see ROBUSTNESS.md)."""
    text = f"---\nsource: Wire\n{alias_bomb(5)}---\n{ARTICLE}"
    write(corpus / "third-outlet", "bomb.md", text)
    result = invoke("compare", corpus, "--format", "json")
    assert result.exit_code == 0
    [line] = warning_lines(result.stderr, "third-outlet/bomb.md")
    assert line.endswith(
        "front matter uses a YAML alias (*name), which is refused (line 4); "
        "metadata ignored; write the value out in full"
    )
    doc = document(result, "third-outlet/bomb.md")
    assert doc["text"] == text and doc.get("title") is None and doc["source"] == "third-outlet"


def test_full_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    write(tmp_path, "bomb.md", f"---\n{alias_bomb(9)}---\n{ARTICLE}")
    [doc], [diagnostic] = load([tmp_path])
    assert "YAML alias" in diagnostic.message and doc.title is None


# --- FIFOs and devices -------------------------------------------------------------------


def test_fifo_in_a_folder_is_skipped(run_module: RunModule, corpus: Path) -> None:
    """Before: reading the FIFO waited for a writer for ever, and the run never ended."""
    fifo = corpus / "third-outlet" / "pipe.txt"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    done = run_module("compare", corpus, "--format", "json", timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"dedupe: note: {fifo}: a named pipe (FIFO), not a regular file; skipped" in (
        done.stderr.splitlines()
    )
    assert len(json.loads(done.stdout)["documents"]) == 2


def test_fifo_given_by_name_is_skipped_by_index_add_and_check(
    run_module: RunModule, corpus: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    store = tmp_path / "s.sqlite"
    for command in (("index", "add"), ("check",)):
        done = run_module(*command, corpus, fifo, "--store", store, timeout=60)
        assert done.returncode in (0, 1), done.stderr  # check: 1 when it finds something
        assert f"dedupe: note: {fifo}: a named pipe (FIFO), not a regular file" in done.stderr


def test_devices_are_not_read(tmp_path: Path) -> None:
    """Before: /dev/null was an "empty file"; /dev/zero was read until memory ran out (not
    tried here: a regression would take the machine down)."""
    (tmp_path / "null.txt").symlink_to("/dev/null")
    write(tmp_path, "good.txt", ARTICLE)
    docs, diagnostics = load([tmp_path, Path("/dev/null")])
    assert [d.id for d in docs] == ["good.txt"]
    assert [(d.path, d.message, d.level) for d in diagnostics] == [
        (str(tmp_path / "null.txt"), "a character device, not a regular file; skipped", "note"),
        ("/dev/null", "a character device, not a regular file; skipped", "note"),
    ]


# --- metadata of the wrong type ----------------------------------------------------------


def test_json_fields_of_the_wrong_type_are_dropped(invoke: Invoke, corpus: Path) -> None:
    """Before: the id, source, date and title were Python reprs ("['a', {'b': 1}]"), and
    dateparser read ['2024', '11', '01'] as a date."""
    records = [
        {"id": "fine", "text": ARTICLE.upper(), "title": 12},
        {
            "id": {"n": 1},
            "text": ARTICLE,
            "date": ["2024", "11", "01"],
            "source": ["a", {"b": 1}],
            "title": ["Bridge"],
            "url": {"href": "https://example.com/"},
        },
    ]
    write(corpus / "wire", "feed.json", json.dumps(records))
    result = invoke("compare", corpus, "--format", "json")
    assert result.exit_code == 0
    lines = warning_lines(result.stderr, "wire/feed.json")
    assert [line.split(": ", 3)[3] for line in lines] == [
        "id is a mapping, not text; the record's position (2) is its id",
        "source is a list, not text; source ignored",
        "date is a list, not text; date ignored",
        "title is a list, not text; title ignored",
        "url is a mapping, not text; url ignored",
    ]
    assert lines[1].split(": ")[2].endswith("wire/feed.json#2")  # names the record
    doc = document(result, "wire/feed.json#2")
    assert doc["source"] == "wire" and [doc["date"], doc["title"], doc["url"]] == [None] * 3
    assert document(result, "wire/feed.json#fine")["title"] == "12"


def test_front_matter_fields_of_the_wrong_type_are_dropped(tmp_path: Path) -> None:
    front = "title: [Bridge, opens]\nsource: {name: Wire}\nurl: !!binary aGk=\ndate: 2024-11-01"
    write(tmp_path / "outlet", "story.md", f"---\n{front}\n---\n{ARTICLE}")
    [doc], diagnostics = load([tmp_path])
    assert [d.message for d in diagnostics] == [
        "source is a mapping, not text; source ignored",
        "title is a list, not text; title ignored",
        "url is a bytes value, not text; url ignored",
    ]
    assert (doc.title, doc.url, doc.source, str(doc.date)) == (None, None, "outlet", "2024-11-01")


def test_front_matter_numbers_too_long_for_text(tmp_path: Path) -> None:
    """Before: Python's 4,300-digit limit raised ValueError out of YAML (decimal) or out of
    str() (hex, which YAML reads without the limit), and the run stopped."""
    write(tmp_path, "decimal.md", f"---\ntitle: {'7' * 5_000}\n---\n{ARTICLE}")
    write(tmp_path, "hex.md", f"---\ntitle: 0x{'f' * 5_000}\nsource: Wire\n---\n{ARTICLE}")
    docs, diagnostics = load([tmp_path])
    assert [(d.title, d.source) for d in docs] == [(None, "decimal.md"), (None, "Wire")]
    assert [d.message for d in diagnostics] == [
        "front matter holds a value that cannot be read (Exceeds the limit (4300 digits) "
        "for integer string conversion); metadata ignored",
        "title is a number too long to write out, not text; title ignored",
    ]
