"""Hostile article text is shown, never obeyed: no terminal escapes, markup or live HTML.

Scraped text can hold HTML, ANSI escape sequences and rich console markup. The corpus here
is the seed articles with such text planted inside a passage both outlets share, so it
appears in findings and pairs, plus in an outlet name and a file name.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from robustness.support import Invoke, write

SCRIPT = "<script>alert(1)</script>"
IMAGE = '<img src=x onerror="alert(2)">'
ENTITY = "&lt;b&gt; &amp;amp; &#x3C;script&#x3E;"
MARKUP = "[bold red]x[/]"
LINK = "[link=http://evil.example]y[/link]"
# Escape sequences an article must never send to a terminal: colour, window title, clear.
ESCAPES = ("\x1b[31mSTOLEN", "\x1b]0;pwned\x07", "\x1b[2J", "\x08\x08")
HOSTILE = " ".join([SCRIPT, IMAGE, ENTITY, MARKUP, LINK, *ESCAPES])
# Sentences both seed articles share a claim in; the hostile text rides along in each.
ANCHORS = {
    "barrons-afp": "Choe declared in Moscow",
    "censor-net": "the DPRK will always",
}
_SGR = re.compile(r"\x1b\[[0-9;]*m")  # colour codes rich itself writes when colour is on


@pytest.fixture
def hostile(corpus: Path) -> Path:
    """The seed corpus with hostile text in shared passages, a source name and a file name."""
    for folder, anchor in ANCHORS.items():
        [path] = (corpus / folder).glob("*.txt")
        text = path.read_text(encoding="utf-8")
        assert anchor in text
        path.write_text(text.replace(anchor, f"{anchor} {HOSTILE}", 1), encoding="utf-8")
    [path] = (corpus / "censor-net").glob("*.txt")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('source: "Censor.NET"', f'source: "Censor {MARKUP} \\e[2J\\a"', 1),
        encoding="utf-8",
    )
    write(corpus / "odd", "name \x1b[2J [bold]x.bin", b"not an article")
    return corpus


def _terminal_checks(output: str) -> None:
    for sequence in ESCAPES:
        assert sequence not in output
    assert "\x07" not in output
    assert "\x1b]8;" not in output, "a [link=...] from the article became a hyperlink"
    assert MARKUP in output and LINK in output, "rich markup was interpreted, not shown"
    assert SCRIPT in output  # shown as the article wrote it


def test_terminal_report_without_colour(invoke: Invoke, hostile: Path) -> None:
    result = invoke("compare", hostile, "--no-color", env={"COLUMNS": "400"})
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    _terminal_checks(result.stdout)
    assert "[31mSTOLEN" in result.stdout  # the rest of the sequence, made inert


def test_terminal_report_with_colour(invoke: Invoke, hostile: Path) -> None:
    result = invoke("compare", hostile, env={"COLUMNS": "400", "FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert _SGR.search(result.stdout), "colour was not on; the test would prove nothing"
    _terminal_checks(result.stdout)
    assert "\x1b" not in _SGR.sub("", result.stdout)


def test_diagnostics_do_not_pass_escapes(invoke: Invoke, hostile: Path) -> None:
    result = invoke("compare", hostile, "--no-color")
    assert "[bold]x.bin" in result.stderr
    assert "\x1b" not in result.stderr


def test_error_line_does_not_pass_escapes(invoke: Invoke, tmp_path: Path) -> None:
    missing = tmp_path / "gone \x1b]0;pwned\x07 \x9b2J [bold]x"
    result = invoke("compare", missing)
    assert result.exit_code == 2
    assert "[bold]x" in result.stderr and "no such file or folder" in result.stderr
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", result.stderr)


def test_c1_control_characters_are_inert(invoke: Invoke, corpus: Path) -> None:
    [path] = (corpus / "censor-net").glob("*.txt")
    text = path.read_text(encoding="utf-8")
    anchor = ANCHORS["censor-net"]
    path.write_text(text.replace(anchor, f"{anchor} \x9b2J\x9d0;pwned\x9c", 1), "utf-8")
    result = invoke("compare", corpus, "--no-color", env={"COLUMNS": "400"})
    assert result.exit_code == 0
    assert "2J" in result.stdout
    assert not re.search("[\x80-\x9f]", result.stdout)


def test_claims_table_is_inert(invoke: Invoke, hostile: Path) -> None:
    [path] = (hostile / "barrons-afp").glob("*.txt")
    result = invoke("claims", path, env={"COLUMNS": "400", "FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert "\x1b" not in _SGR.sub("", result.stdout)
    assert "\x07" not in result.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github"])
def test_machine_formats_carry_no_raw_escapes(invoke: Invoke, hostile: Path, fmt: str) -> None:
    result = invoke("compare", hostile, "--format", fmt)
    assert result.exit_code == 0
    assert result.stdout.strip()
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_github_annotations_cannot_smuggle_commands(invoke: Invoke, corpus: Path) -> None:
    """A line break in article text must not start a new workflow command."""
    [path] = (corpus / "censor-net").glob("*.txt")
    text = path.read_text(encoding="utf-8")
    anchor = ANCHORS["censor-net"]
    path.write_text(text.replace(anchor, f"{anchor} %0A\r\n::error::pwned\n", 1), "utf-8")
    result = invoke("compare", corpus, "--format", "github")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines and all(re.match(r"::(error|warning|notice) ", line) for line in lines)
    assert not any(line.startswith("::error::pwned") for line in lines)


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def test_html_report_escapes_article_text(invoke: Invoke, hostile: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = invoke("compare", hostile, "--html", page, "--no-color")
    assert result.exit_code == 0
    html = page.read_text(encoding="utf-8")
    parsed = _Elements()
    parsed.feed(html)
    scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
    # The template's two scripts: the embedded report data and the page's own code.
    assert scripts == [{"type": "application/json", "id": "dedupe-report"}, {}]
    assert not [tag for tag, _ in parsed.tags if tag == "img"]
    handlers = [name for _, attrs in parsed.tags for name in attrs if name.startswith("on")]
    assert "onerror" not in handlers
    data = json.loads(parsed.scripts[0])
    texts = [d["text"] for d in data["documents"]]
    assert all(HOSTILE in t for t in texts), "the embedded JSON keeps the article text exactly"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text in the page
