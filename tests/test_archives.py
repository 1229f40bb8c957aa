"""Archives read as streams: JSON Lines and JSON lists, compressed or piped in."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dedupe import archives, ingest
from dedupe.cli import app
from dedupe.config import Settings
from dedupe.ingest import load

RECORDS = [
    {"id": f"r{k}", "source": "AP" if k % 2 else "AFP", "text": f"Story {k}\u2028line\u0085end."}
    for k in range(6)
]
JSONL = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS).encode("utf-8")
COMPRESS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.compress,
    ".xz": lzma.compress,
    ".bz2": bz2.compress,
}


def _texts(folder: Path) -> list[str]:
    docs, diagnostics = load([folder])
    assert not diagnostics
    return [d.text for d in sorted(docs, key=lambda d: d.id)]


@pytest.mark.parametrize("suffix", ["", *COMPRESS])
def test_jsonl_plain_and_compressed_keep_line_separators_inside_strings(
    tmp_path: Path, suffix: str
) -> None:
    # str.splitlines would cut each record at U+2028 and U+0085 and lose all of them.
    data = COMPRESS[suffix](JSONL) if suffix else JSONL
    (tmp_path / f"feed.jsonl{suffix}").write_bytes(data)
    assert _texts(tmp_path) == [r["text"] for r in RECORDS]


def test_a_json_list_is_read_item_by_item_across_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A 7-byte window makes every record span several reads, as a 230 MB list's do.
    monkeypatch.setattr(archives, "_CHUNK", 7)
    (tmp_path / "list.json").write_text(json.dumps(RECORDS, indent=2, ensure_ascii=False))
    assert _texts(tmp_path) == [r["text"] for r in RECORDS]


def test_a_broken_json_list_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    good = json.dumps(RECORDS[0])
    (tmp_path / "list.json").write_text(f"[{good}, {good.replace('r0', 'r1')} {good}]")
    docs, diagnostics = load([tmp_path])
    assert [d.id for d in docs] == ["list.json#r0", "list.json#r1"]
    [diagnostic] = diagnostics
    assert "list.json (record 3)" in str(diagnostic) and "rest of the list" in str(diagnostic)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"text": "a", "n": ' + "9" * 5000 + "}", "integer string conversion"),
        ("{broken", "invalid JSON"),
        (json.dumps({"title": "no text"}), 'no "text" string'),
    ],
)
def test_a_bad_record_is_skipped_with_its_line(tmp_path: Path, line: str, reason: str) -> None:
    lines = [json.dumps(RECORDS[0]), line, json.dumps(RECORDS[1])]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    docs, diagnostics = load([tmp_path])
    assert [d.id for d in docs] == ["feed.jsonl#r0", "feed.jsonl#r1"]
    [diagnostic] = diagnostics
    assert diagnostic.path.endswith("feed.jsonl:2") and reason in diagnostic.message


def test_a_cut_off_compressed_archive_keeps_what_was_read(tmp_path: Path) -> None:
    # Long enough that the first records decode before the cut.
    lines = [json.dumps({"id": k, "source": "AP", "text": f"Story {k}."}) for k in range(3000)]
    whole = lzma.compress("\n".join(lines).encode("utf-8"))
    (tmp_path / "feed.jsonl.xz").write_bytes(whole[: len(whole) - 40])
    docs, diagnostics = load([tmp_path], Settings())
    [diagnostic] = diagnostics
    assert "ends early" in diagnostic.message and f"the {len(docs)} articles" in diagnostic.message
    assert docs


def test_the_size_limit_bounds_each_record_not_the_archive(tmp_path: Path) -> None:
    big = {"id": "big", "source": "AP", "text": "Word. " * 50}
    (tmp_path / "feed.jsonl").write_text(
        "\n".join(json.dumps(r) for r in [*RECORDS, big]) + "\n", encoding="utf-8"
    )
    docs, diagnostics = load([tmp_path], Settings(max_document_bytes=100))
    assert len(docs) == len(RECORDS)
    [diagnostic] = diagnostics
    assert diagnostic.path.endswith("feed.jsonl:7") and "max_document_bytes" in diagnostic.message


def test_text_and_id_fields_of_other_exports(tmp_path: Path) -> None:
    record = {"ID": "x1", "source": "AP", "content_original": "Some story."}
    (tmp_path / "feed.jsonl").write_text(json.dumps(record) + "\n")
    [doc], _ = load([tmp_path])
    assert doc.id == "feed.jsonl#x1" and doc.text == "Some story."
    docs, diagnostics = load([tmp_path], Settings(text_fields=("body",)))
    assert not docs and "text_fields" in diagnostics[0].message


def test_an_id_that_is_not_a_string_takes_the_record_number(tmp_path: Path) -> None:
    record = {"id": {"nested": 1}, "source": "AP", "text": "Some story."}
    (tmp_path / "feed.jsonl").write_text("\n" + json.dumps(record) + "\n")
    [doc], [diagnostic] = load([tmp_path])
    assert doc.id == "feed.jsonl#2" and "id is a mapping, not text" in diagnostic.message


def test_standard_input_is_read_as_json_lines() -> None:
    result = CliRunner().invoke(app, ["compare", "-", "-f", "json", "-q"], input=JSONL)
    assert result.exit_code == 0, result.output
    ids = [d["id"] for d in json.loads(result.stdout)["documents"]]
    assert ids == [f"-#{r['id']}" for r in RECORDS]


def test_standard_input_in_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dedupe", "compare", "-", "-f", "json", "-q"],
        input=JSONL,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["documents"]) == len(RECORDS)


def test_a_line_too_long_to_be_a_record_is_read_past(tmp_path: Path) -> None:
    # With a 100-byte limit no record line may be over 6 * 100 bytes + 1 MiB: a 2 MB line
    # (a file that is no JSON Lines, say) is skipped without being held, the rest read.
    lines = [json.dumps(RECORDS[0]), "x" * 2_000_000, json.dumps(RECORDS[1])]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    docs, [diagnostic] = load([tmp_path], Settings(max_document_bytes=100))
    assert [d.id for d in docs] == ["feed.jsonl#r0", "feed.jsonl#r1"]
    assert diagnostic.path.endswith("feed.jsonl:2") and "line over" in diagnostic.message


def test_an_archive_of_bad_records_gives_a_bounded_number_of_warnings(tmp_path: Path) -> None:
    lines = [json.dumps({"id": k, "body_text": "no known field"}) for k in range(50)]
    (tmp_path / "feed.jsonl").write_text("\n".join([*lines, json.dumps(RECORDS[0])]) + "\n")
    docs, diagnostics = load([tmp_path])
    assert len(docs) == 1 and len(diagnostics) == ingest.RECORD_WARNINGS
    assert "31 more records skipped or warned about" in diagnostics[-2].message


@pytest.mark.parametrize("content", ["\n\n  \n", "[]", "[\n]\n"])
def test_an_archive_without_records_is_said_to_be_empty(tmp_path: Path, content: str) -> None:
    suffix = ".json" if "[" in content else ".jsonl"
    (tmp_path / f"feed{suffix}").write_text(content)
    docs, [diagnostic] = load([tmp_path])
    assert not docs and "no records" in diagnostic.message
