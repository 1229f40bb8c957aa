"""Bad input: every problem is one line naming the file and the fix, never a traceback.

A file that cannot be used is skipped with a warning and the run goes on (exit 0); a run that
cannot go on at all (missing path, nothing readable) ends with one ``dedupe: error:`` line
and exit 2. The `invoke` fixture fails any test whose run prints a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
from html import escape
from pathlib import Path
from typing import Any

import pytest
from corpus import text as corpus_text

from dedupe.config import Settings
from dedupe.ingest import InputError, load
from robustness.support import Invoke, RunModule, error_lines, warning_lines, write

ARTICLE = (
    "Officials in the capital confirmed on Monday that the new bridge across the river "
    "would open to traffic next spring after years of delays.\n\n"
    "The project cost more than 40 million dollars, the transport ministry said.\n"
)


def report_of(result: Any) -> dict[str, Any]:
    """The JSON report a ``--format json`` run printed on stdout."""
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def doc_ids(result: Any) -> set[str]:
    return {d["id"] for d in report_of(result)["documents"]}


# --- the run cannot go on: exit 2 and one line -------------------------------------------


def test_missing_path_is_one_error_line(invoke: Invoke, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    result = invoke("compare", missing)
    assert result.exit_code == 2
    [line] = error_lines(result.stderr)
    assert str(missing) in line and "check the path" in line


def test_empty_folder_is_an_error(invoke: Invoke, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("compare", empty)
    assert result.exit_code == 2
    [line] = error_lines(result.stderr)
    assert str(empty) in line and "no readable article" in line and ".txt" in line


def test_folder_of_unreadable_files_is_an_error(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "junk"
    write(folder, "a.txt", b"\x00\x01\x02")
    write(folder, "b.txt", b"")
    result = invoke("compare", folder)
    assert result.exit_code == 2
    assert len(error_lines(result.stderr)) == 1


def test_single_unusable_file_says_why(invoke: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, "latin1.txt", ARTICLE.replace("capital", "capitàl").encode("latin-1"))
    result = invoke("compare", path)
    assert result.exit_code == 2
    offset = ARTICLE.index("capital") + len("capit")
    assert error_lines(result.stderr) == [
        f"dedupe: error: {path}: not UTF-8 (byte 0xe0 at offset {offset}); "
        "re-save the file as UTF-8"
    ]


def test_several_unusable_files_give_the_first_reason(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "junk"
    write(folder, "a.bin", b"not an article format")
    write(folder, "b.txt", b"\x00\x01\x02")
    write(folder, "c.txt", b"")
    result = invoke("compare", folder)
    assert result.exit_code == 2
    [line] = error_lines(result.stderr)
    # the warning, not the note about a.bin, is the reason worth giving
    assert line == (
        f"dedupe: error: {folder}: no readable article found; 3 skipped, the first: "
        f"{folder / 'b.txt'}: binary file (NUL bytes); not an article"
    )


def test_subprocess_errors_have_no_traceback(run_module: RunModule, tmp_path: Path) -> None:
    """Real processes, as a pipeline runs them: exit 2, one error line, no traceback."""
    binary = write(tmp_path, "blob.txt", bytes(range(256)) * 4)
    for args in ([tmp_path / "missing"], [binary], [tmp_path / "missing", "--format", "json"]):
        done = run_module("compare", *args)
        assert done.returncode == 2, done.stderr
        assert len(error_lines(done.stderr)) == 1, done.stderr
        assert done.stdout == ""


def test_bad_configuration_is_one_error_line(invoke: Invoke, corpus: Path) -> None:
    config = write(corpus.parent, "dedupe.toml", "max_document_bytes = [\n")
    result = invoke("compare", corpus, "--config", config)
    assert result.exit_code == 2
    [line] = error_lines(result.stderr)
    assert str(config) in line and "fix the TOML" in line


def test_saved_report_that_is_not_json(invoke: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, "report.json", "<html>not a report</html>")
    result = invoke("report", path)
    assert result.exit_code == 2
    [line] = error_lines(result.stderr)
    assert str(path) in line and "--format json" in line


# --- one bad file among good ones: a warning, the rest is compared ------------------------


BAD_FILES: dict[str, tuple[str, bytes, str]] = {
    "binary": ("photo.txt", bytes(range(256)) * 8, "binary file"),
    "latin-1": ("latin.txt", ARTICLE.replace("capital", "capitàl").encode("latin-1"), "UTF-8"),
    "zero bytes": ("empty.md", b"", "empty file"),
    "whitespace": ("blank.txt", b" \n\t\r\n", "empty file"),
    "bad json": ("feed.json", b'{"text": "unfinished', "invalid JSON at line 1"),
    "json without text": ("feed.json", b'[{"title": "no body"}]', 'no "text" string'),
    "html without text": (
        "page.html",
        b"<html><head><title>t</title><script>var x = 1;</script></head><body></body></html>",
        "no main text",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES.values(), ids=list(BAD_FILES))
def test_bad_file_is_skipped_with_a_warning(
    invoke: Invoke, corpus: Path, case: tuple[str, bytes, str]
) -> None:
    name, data, reason = case
    write(corpus / "third-outlet", name, data)
    result = invoke("compare", corpus, "--format", "json")
    assert result.exit_code == 0
    [line] = warning_lines(result.stderr, f"third-outlet/{name}")
    assert reason in line
    assert len(doc_ids(result)) == 2  # both seed articles still compared
    assert report_of(result)["findings"], "the good files are still checked"


def test_html_with_only_navigation_is_skipped(invoke: Invoke, corpus: Path) -> None:
    page = b"<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav></body></html>"
    write(corpus / "third-outlet", "nav.html", page)
    result = invoke("compare", corpus)
    [line] = warning_lines(result.stderr, "nav.html")
    assert "no main text found" in line


# BBC stories, among them those whose words overlap most with other headlines.
BBC_PAGES = [
    "sport/134",
    "business/422",
    "tech/018",
    "entertainment/309",
    "politics/138",
    "business/166",
    "tech/301",
    "sport/485",
]
MENU = "".join(f"<li><a href='/{w.lower()}'>{w}</a></li>" for w in ("Home", "News", "Sport"))


def _news_page(story: str, headlines: list[str]) -> str:
    """A story set in a page: a menu, an inline link, related headlines and a footer."""
    title, *paragraphs = [p.strip() for p in story.splitlines() if p.strip()]
    first, *rest = paragraphs
    words = first.split()
    linked = f"{words[0]} <a href='/x'>{escape(' '.join(words[1:5]))}</a> "
    body = "".join(f"<p>{escape(p)}</p>" for p in rest)
    related = "".join(f"<li><a href='/r'>{escape(h)}</a></li>" for h in headlines)
    return (
        f"<html><head><title>{escape(title)}</title></head><body><nav><ul>{MENU}</ul></nav>"
        f"<article><h1>{escape(title)}</h1><p>{linked}{escape(' '.join(words[5:]))}</p>"
        f"{body}</article><aside><h2>Related</h2><ul>{related}</ul></aside>"
        "<footer><a href='/about'>About us</a> <a href='/terms'>Terms</a></footer></body></html>"
    )


def test_html_news_pages_with_links_are_read(corpora: Path, tmp_path: Path) -> None:
    """The navigation check keeps real stories set among menus and related links."""
    stories = {ref: corpus_text("bbc", ref) for ref in BBC_PAGES}
    headlines = [story.split("\n", 1)[0] for story in stories.values()]
    for ref, story in stories.items():
        write(tmp_path / "site", ref.replace("/", "-") + ".html", _news_page(story, headlines))
    docs, diagnostics = load([tmp_path / "site"])
    assert not diagnostics
    assert len(docs) == len(BBC_PAGES)
    for doc in docs:
        story = stories[doc.id.removesuffix(".html").replace("-", "/")]
        last = [p.strip() for p in story.splitlines() if p.strip()][-1]
        assert last in doc.text


def test_utf16_with_bom_is_read(invoke: Invoke, corpus: Path) -> None:
    write(corpus / "third-outlet", "wide.txt", ARTICLE.encode("utf-16"))
    result = invoke("compare", corpus, "--format", "json")
    assert result.exit_code == 0
    [doc] = [d for d in report_of(result)["documents"] if d["id"] == "third-outlet/wide.txt"]
    assert doc["text"] == ARTICLE


def test_bad_jsonl_lines_are_reported_and_the_rest_kept(invoke: Invoke, corpus: Path) -> None:
    lines = [
        json.dumps({"id": "one", "text": ARTICLE}),
        '{"id": "two", "text": "cut off',
        "[1, 2, 3]",
        json.dumps({"id": "four", "text": ARTICLE.upper()}),
    ]
    write(corpus / "wire", "feed.jsonl", "\n".join(lines) + "\n")
    result = invoke("compare", corpus, "--format", "json")
    assert result.exit_code == 0
    assert warning_lines(result.stderr, "wire/feed.jsonl:2")[0].endswith("line skipped")
    assert "skipped" in warning_lines(result.stderr, "wire/feed.jsonl:3")[0]
    assert {"wire/feed.jsonl#one", "wire/feed.jsonl#four"} <= doc_ids(result)


def test_duplicate_document_ids_are_reported(invoke: Invoke, corpus: Path) -> None:
    records = [{"id": "same", "text": ARTICLE}, {"id": "same", "text": ARTICLE.upper()}]
    write(corpus / "wire", "feed.json", json.dumps(records))
    result = invoke("compare", corpus, "--format", "json")
    assert result.exit_code == 0
    [line] = warning_lines(result.stderr, "feed.json")
    assert "duplicate document id" in line and "feed.json#same" in line
    [kept] = [d for d in report_of(result)["documents"] if d["id"] == "wire/feed.json#same"]
    assert kept["text"] == ARTICLE  # the first record wins


def test_same_file_given_twice_is_read_once(invoke: Invoke, corpus: Path) -> None:
    result = invoke("compare", corpus, corpus, "--format", "json")
    assert result.exit_code == 0
    assert len(report_of(result)["documents"]) == 2
    assert "duplicate document id" in result.stderr


def test_front_matter_that_does_not_parse(invoke: Invoke, corpus: Path) -> None:
    text = "---\ntitle: [unclosed\n  : x: y\n---\n" + ARTICLE
    write(corpus / "third-outlet", "story.md", text)
    result = invoke("compare", corpus, "--format", "json")
    assert result.exit_code == 0
    [line] = warning_lines(result.stderr, "third-outlet/story.md")
    assert "front matter is not valid YAML (line" in line and "metadata ignored" in line
    [doc] = [d for d in report_of(result)["documents"] if d["id"] == "third-outlet/story.md"]
    assert doc["text"] == text  # the article is kept, offsets still into the whole file


def test_date_that_does_not_parse(invoke: Invoke, corpus: Path) -> None:
    write(corpus / "third-outlet", "story.txt", "---\ndate: the day after\n---\n" + ARTICLE)
    result = invoke("compare", corpus, "--format", "json")
    assert result.exit_code == 0
    [line] = warning_lines(result.stderr, "third-outlet/story.txt")
    assert "'the day after' does not parse; date ignored" in line
    [doc] = [d for d in report_of(result)["documents"] if d["id"] == "third-outlet/story.txt"]
    assert doc.get("date") is None


# --- permissions, links ------------------------------------------------------------------


def test_file_without_read_permission(invoke: Invoke, corpus: Path) -> None:
    locked = write(corpus / "third-outlet", "locked.txt", ARTICLE)
    locked.chmod(0)
    try:
        result = invoke("compare", corpus, "--format", "json")
        readable = os.access(locked, os.R_OK)  # root (as in CI) reads it anyway
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 0
    if readable:
        assert "third-outlet/locked.txt" in doc_ids(result)
    else:
        [line] = warning_lines(result.stderr, "locked.txt")
        assert "permission denied; make the file readable" in line


def test_permission_denied_while_reading(
    invoke: Invoke, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same failure made certain, whoever runs the tests."""
    locked = write(corpus / "third-outlet", "locked.txt", ARTICLE)
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = invoke("compare", corpus)
    assert result.exit_code == 0
    [line] = warning_lines(result.stderr, "third-outlet/locked.txt")
    assert "permission denied; make the file readable" in line


def test_folder_that_cannot_be_listed(
    invoke: Invoke, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A subfolder os.walk cannot open is named in a warning, not silently dropped."""
    hidden = corpus / "third-outlet"
    write(hidden, "story.txt", ARTICLE)
    original = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path).name == hidden.name:
            raise PermissionError(13, "Permission denied", str(path))
        return original(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = invoke("compare", corpus)
    assert result.exit_code == 0
    [line] = warning_lines(result.stderr, "third-outlet")
    assert "cannot list" in line and "permission" in line


def test_symlink_loops_end(run_module: RunModule, corpus: Path) -> None:
    (corpus / "barrons-afp" / "again").symlink_to(corpus, target_is_directory=True)
    (corpus / "censor-net" / "a.txt").symlink_to(corpus / "censor-net" / "b.txt")
    (corpus / "censor-net" / "b.txt").symlink_to(corpus / "censor-net" / "a.txt")
    done = run_module("compare", corpus, "--format", "json", timeout=60)
    assert done.returncode == 0, done.stderr
    assert warning_lines(done.stderr, "again")[0].endswith("(symlink loop); skipped")
    assert "Too many levels of symbolic links" in warning_lines(done.stderr, "a.txt")[0]
    assert len(json.loads(done.stdout)["documents"]) == 2


# --- size limits and many files ----------------------------------------------------------


def test_max_document_bytes_from_the_config_file(invoke: Invoke, corpus: Path) -> None:
    big = write(corpus / "third-outlet", "long.txt", ARTICLE * 200)
    config = write(corpus.parent, "dedupe.toml", "max_document_bytes = 20_000\n")
    result = invoke("compare", corpus, "--config", config, "--format", "json")
    assert result.exit_code == 0
    [line] = warning_lines(result.stderr, "third-outlet/long.txt")
    size = big.stat().st_size
    assert f"{size:,} bytes is over max_document_bytes (20,000)" in line
    assert "raise the limit" in line
    assert doc_ids(result) == {
        "barrons-afp/choe-son-hui-moscow-lavrov-talks.txt",
        "censor-net/choe-son-hui-moscow-lavrov-talks.txt",
    }


def test_default_size_limit_skips_a_30_mb_file(tmp_path: Path, corpus: Path) -> None:
    assert Settings().max_document_bytes < 30_000_000
    huge = corpus / "third-outlet" / "dump.txt"
    huge.parent.mkdir()
    with huge.open("wb") as handle:  # sparse: the limit is checked before anything is read
        handle.truncate(30_000_000)
    docs, diagnostics = load([corpus])
    assert [d.path for d in diagnostics] == [str(huge)]
    assert "30,000,000 bytes is over max_document_bytes" in diagnostics[0].message
    assert len(docs) == 2


def test_max_sentence_chars_leaves_long_sentences_unpaired(invoke: Invoke, tmp_path: Path) -> None:
    clause = "the council said the new bridge across the river would open next spring"
    sentence = ", and ".join([clause] * 12).capitalize() + ".\n"
    write(tmp_path / "docs" / "one", "a.txt", sentence)
    write(tmp_path / "docs" / "two", "b.txt", sentence)
    paired = invoke("compare", tmp_path / "docs", "--format", "json")
    assert report_of(paired)["pairs"]
    config = write(tmp_path, "small.toml", f"max_sentence_chars = {len(sentence) - 10}\n")
    limited = invoke("compare", tmp_path / "docs", "--config", config, "--format", "json")
    assert limited.exit_code == 0
    assert report_of(limited)["pairs"] == []


def test_ten_thousand_tiny_files(run_module: RunModule, tmp_path: Path) -> None:
    """5,000 files per source; the figure for 100,000 is in ROBUSTNESS.md."""
    for n in range(10_000):
        source = tmp_path / "many" / f"outlet-{n % 2}"
        write(source, f"{n:05d}.txt", f"Item {n} of the wire: {_words(n)}.\n")
    done = run_module("compare", tmp_path / "many", "--format", "json", "-q", timeout=300)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["documents"]) == 10_000


def _words(n: int) -> str:
    """Eight made-up words, different in every file, so the articles do not pair."""
    digest = hashlib.sha256(str(n).encode()).digest()
    consonants, vowels = "bcdfghjklmnpqrstvwxz", "aeiou"
    syllables = [consonants[x % 20] + vowels[x // 20 % 5] for x in digest]
    return " ".join("".join(syllables[k : k + 3]) for k in range(0, 24, 3))


# --- nothing to compare ------------------------------------------------------------------


def test_single_source_is_not_an_error(invoke: Invoke, corpus: Path) -> None:
    result = invoke("compare", corpus / "censor-net")
    assert result.exit_code == 0
    assert not error_lines(result.stderr)


def test_single_source_says_there_is_nothing_to_compare(invoke: Invoke, corpus: Path) -> None:
    result = invoke("compare", corpus / "censor-net")
    assert result.exit_code == 0
    notes = [line for line in result.stderr.splitlines() if line.startswith("dedupe: note:")]
    assert notes == [
        f"dedupe: note: {corpus / 'censor-net'}: the only document comes from one source "
        "(Censor.NET): nothing to compare across sources; lay out one folder per outlet or set "
        "`source` in the metadata"
    ]


def test_two_sources_get_no_note(invoke: Invoke, corpus: Path) -> None:
    result = invoke("compare", corpus)
    assert "nothing to compare" not in result.stderr


def test_load_raises_only_input_error_for_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        load([tmp_path / "gone"])


def test_unpaired_surrogates_in_json_become_replacement_characters(
    invoke: Invoke, corpus: Path
) -> None:
    # A marker stands for the escape, which json.dumps would not write.
    one = json.dumps({"id": "one", "title": "T@@", "text": ARTICLE.replace(" ", " @@ ", 1)})
    lines = [one.replace("@@", "\\ud800"), json.dumps({"id": "two", "text": ARTICLE})]
    write(corpus / "wire", "feed.jsonl", "\n".join(lines) + "\n")
    result = invoke("compare", corpus, "--format", "json")
    assert result.exit_code == 0
    assert "unpaired surrogate" in warning_lines(result.stderr, "wire/feed.jsonl#one")[0]
    [doc] = [d for d in report_of(result)["documents"] if d["id"] == "wire/feed.jsonl#one"]
    assert "\ufffd" in doc["text"] and doc["title"] == "T\ufffd"
    assert len(doc["text"]) == len(ARTICLE) + 2
