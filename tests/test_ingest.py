"""Reading articles: formats, metadata, ids, sources, and bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dedupe.config import Settings
from dedupe.ingest import InputError, load, outlet, parse_date


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_seed_header_line_gives_date_and_body_start() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("shared seeds not present")
    docs, diagnostics = load([shared])
    assert not diagnostics
    for doc in docs:
        assert doc.date == dt.date(2024, 11, 1)
        assert doc.text[doc.body_start :].startswith("North Korea")


def test_front_matter_metadata(seeds: Path) -> None:
    docs, _ = load([seeds])
    sources = {d.source for d in docs}
    assert sources == {"Censor.NET", "Barron's (AFP)"}
    assert all(d.text[d.body_start] != "-" for d in docs)
    assert all(d.id.endswith(".txt") and "/" in d.id for d in docs)


def test_source_from_first_level_folder_else_file(tmp_path: Path) -> None:
    write(tmp_path / "bbc" / "world" / "a.txt", "Some text here.")
    write(tmp_path / "loose.md", "Other text here.")
    docs, _ = load([tmp_path])
    by_id = {d.id: d for d in docs}
    assert by_id["bbc/world/a.txt"].source == "bbc"
    assert by_id["loose.md"].source == "loose.md"


def test_json_and_jsonl_records(tmp_path: Path) -> None:
    record = {"id": "r1", "text": "Body.", "source": "AP", "date": "2024-03-02", "title": "T"}
    write(tmp_path / "one.json", json.dumps(record))
    write(tmp_path / "many.jsonl", json.dumps(record) + "\n{broken\n" + json.dumps({"x": 1}) + "\n")
    docs, diagnostics = load([tmp_path])
    ids = sorted(d.id for d in docs)
    assert ids == ["many.jsonl#r1", "one.json#r1"]
    assert docs[0].date == dt.date(2024, 3, 2) and docs[0].source == "AP"
    messages = [str(d) for d in diagnostics]
    assert any("many.jsonl:2" in m and "invalid JSON" in m for m in messages)
    assert any("many.jsonl:3" in m and '"text"' in m for m in messages)


def test_a_title_encoded_twice_is_repaired_and_the_text_kept_as_read(tmp_path: Path) -> None:
    garbled = "Obama’s ‘tested’ claim".encode().decode("cp1252").encode().decode("cp1252")
    text = "It said: “naïve”. " + garbled
    record = {"id": "r1", "text": text, "source": "AP", "title": garbled}
    write(tmp_path / "one.jsonl", json.dumps(record) + "\n")
    (doc,), _ = load([tmp_path])
    assert doc.title == "Obama’s ‘tested’ claim"
    assert doc.text == text


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    paragraph = "The council voted on Tuesday to approve the new budget for the city schools. " * 4
    html = (
        "<html><head><title>Budget vote</title>"
        '<meta property="og:site_name" content="City Herald"></head><body>'
        "<nav>Home | News | Sport</nav><article><h1>Budget vote</h1>"
        f"<p>{paragraph}</p><p>{paragraph}</p></article><footer>Contact us</footer></body></html>"
    )
    write(tmp_path / "page.html", html)
    docs, _ = load([tmp_path])
    assert len(docs) == 1
    assert "council voted" in docs[0].text and "Contact us" not in docs[0].text
    assert docs[0].source == "City Herald"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"caf\xe9 au lait", "not UTF-8"),
    ],
)
def test_bad_files_are_skipped_with_a_message(tmp_path: Path, content: bytes, message: str) -> None:
    write(tmp_path / "bad.txt", content)
    write(tmp_path / "good.txt", "A good article.")
    docs, diagnostics = load([tmp_path])
    assert [d.id for d in docs] == ["good.txt"]
    assert any(message in d.message and d.path.endswith("bad.txt") for d in diagnostics)


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    write(tmp_path / "u16.txt", "Grüße aus Köln.".encode("utf-16"))
    docs, _ = load([tmp_path])
    assert docs[0].text == "Grüße aus Köln."


def test_other_formats_are_noted(tmp_path: Path) -> None:
    write(tmp_path / "picture.png", b"\x89PNG")
    write(tmp_path / "a.txt", "Text.")
    _, diagnostics = load([tmp_path])
    assert any(d.level == "note" and d.path.endswith("picture.png") for d in diagnostics)


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load([tmp_path / "nope"])


def test_unparseable_front_matter_and_date(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\ntitle: [unclosed\n---\nBody text.")
    write(tmp_path / "b.md", "---\ndate: not a date at all\n---\nBody text.")
    docs, diagnostics = load([tmp_path])
    assert len(docs) == 2
    messages = " ".join(d.message for d in diagnostics)
    assert "front matter is not valid YAML" in messages
    assert "does not parse" in messages


def test_text_is_kept_exactly(tmp_path: Path) -> None:
    raw = "Line one\u00a0with “quotes” — and dashes.\r\nLine two.\n"
    write(tmp_path / "a.txt", raw)
    docs, _ = load([tmp_path])
    assert docs[0].text == raw


def test_parse_date_forms() -> None:
    assert parse_date("2024-11-01T10:00:00Z") == dt.date(2024, 11, 1)
    assert parse_date("11/1/24") == dt.date(2024, 11, 1)
    assert parse_date("yesterday-ish nonsense") is None


def test_parse_date_refuses_iso_dates_and_times_that_cannot_be() -> None:
    # dateparser read 2024-13-01 as 13 January, and the time after an ISO date went unread.
    for impossible in ("2024-02-30", "2024-13-01", "2024-11-01 25:61:00", "2024-11-01T10:75"):
        assert parse_date(impossible) is None, impossible
    assert parse_date("2024-12-31T23:59:60Z") == dt.date(2024, 12, 31)  # a leap second
    assert parse_date("2024-11-01T10:00:00.123+02:00") == dt.date(2024, 11, 1)
    assert parse_date("20241101") == dt.date(2024, 11, 1)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("ABC News (Online)", "ABC News"),
        ("New York Times (Online News)", "New York Times"),
        ("CNN (Web News)", "CNN"),
        ("New York Post (Opinion)", "New York Post"),
        ("Cato Institute (blog)", "Cato Institute"),
        ("The Observer (New York)", "The Observer (New York)"),
        ("Allysia Finley (Wall Street Journal)", "Allysia Finley (Wall Street Journal)"),
        ("(Online)", "(Online)"),
    ],
)
def test_an_outlets_desk_label_names_the_outlet(label: str, expected: str) -> None:
    assert outlet(label) == expected


def test_one_outlet_under_two_desk_labels_is_one_source(tmp_path: Path) -> None:
    records = [
        {"id": "a", "source": "ABC News (Online)", "text": "One."},
        {"id": "b", "source": "ABC News", "text": "Two."},
        {"id": "c", "source": "Fox News (Online)", "text": "Three."},
    ]
    write(tmp_path / "all.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    mapped = Settings(sources={"Fox News (Online)": "Fox"})
    docs, _ = load([tmp_path / "all.jsonl"], mapped)
    assert [d.source for d in docs] == ["ABC News", "ABC News", "Fox"]
