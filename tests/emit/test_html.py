"""Tests for dedupe.emit.html without a browser: reference file, embedded data, escaping,
no network resources, differing-word marks and size at 5,000 findings.

The reference file is tests/reference/report.html; regenerate it with
``DEDUPE_UPDATE_REFERENCE=1 .venv/bin/pytest tests/emit/test_html.py`` and review the diff.
The same page in real Chromium is tested in tests/browser/.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from sample import check_reference, empty_report, many_findings, sample_report

import dedupe.emit
from dedupe.emit import html
from dedupe.model import Document, Finding, Pair
from dedupe.report import Report

DATA_BLOCK = re.compile(r'<script type="application/json" id="dedupe-report">(.*?)</script>', re.S)
HOSTILE = (
    "Police said 40 people were hurt. </script><script>window.__pwned = 1</script>\n"
    '<img src="https://example.com/x.png" onerror="alert(1)"> <!-- <a href="http://evil">\n'
    "<b>Bold</b> & \u2028 the end.\n"
)
HOSTILE_TWIN = "Police said 45 people were hurt. <script>alert(1)</script>\n"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text, as a browser's parser sees them."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def hostile_report() -> Report:
    """The sample report plus two articles full of markup and a finding between them."""
    wire = Document("wire/x.txt", "wire/x.txt", "Wire <i>Agency</i>", HOSTILE)
    daily = Document("daily/y.txt", "daily/y.txt", "Daily & Co", HOSTILE_TWIN)
    a = wire.span(0, HOSTILE.index("\n"))
    b = daily.span(0, HOSTILE_TWIN.index("\n"))
    pair = Pair("p</script>", 0.7, a, b)
    finding = Finding("f<1>", "number-mismatch", "error", pair.id, a, b, "40 <vs> 45 </script><!--")
    base = sample_report()
    return replace(
        base,
        documents=(*base.documents, wire, daily),
        pairs=(*base.pairs, pair),
        findings=(*base.findings, finding),
    )


def embedded(page: str) -> object:
    match = DATA_BLOCK.search(page)
    assert match is not None
    return json.loads(match.group(1))


def test_reference_file() -> None:
    check_reference("report.html", html.render(sample_report()))


def test_render_is_pure_and_registered() -> None:
    report = sample_report()
    assert html.render(report) == html.render(report)
    assert "html" in dedupe.emit.formats()
    assert dedupe.emit.render(report, "html") == html.render(report)


@pytest.mark.parametrize("make", [sample_report, empty_report, hostile_report])
def test_embedded_json_round_trips(make: object) -> None:
    report = make()  # type: ignore[operator]
    page = html.render(report)
    assert embedded(page) == report.to_dict()
    assert Report.from_dict(embedded(page)) == Report.from_dict(report.to_dict())  # type: ignore[arg-type]


def test_article_markup_is_escaped_and_never_executable() -> None:
    page = html.render(hostile_report())
    parsed = Tags(page)
    scripts = parsed.named("script")
    assert [s.get("type") for s in scripts] == ["application/json", None]
    assert parsed.named("img") == [] and parsed.named("b") == [] and parsed.named("i") == []
    handlers = [k for _, attrs in parsed.tags for k in attrs if k.startswith("on")]
    assert handlers == []
    assert page.count("</script>") == 2
    assert "<!--" not in page
    text = "".join(parsed.text)
    assert "</script><script>window.__pwned = 1</script>" in text
    assert "Wire <i>Agency</i>" in text
    assert 'id="finding-f&lt;1&gt;"' in page


def test_no_network_resources() -> None:
    page = html.render(hostile_report())
    parsed = Tags(page)
    for tag, attrs in parsed.tags:
        assert "src" not in attrs and "srcset" not in attrs, tag
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href
    assert parsed.named("link") == [] and parsed.named("iframe") == []
    assert not re.search(r"url\(|@import", page.split("</style>")[0])
    # The article's address is shown as text, never as a link.
    assert "https://example.org/a?b=1&c=2" in "".join(parsed.text)


def test_differing_words_are_marked_by_kind() -> None:
    page = html.render(sample_report())
    # Counts differ: the figures stand out from the changed words around them.
    assert '<del class="chg">About</del> <del class="chg num">10,000</del>' in page
    assert '<ins class="chg num">8,000</ins> <ins class="chg">soldiers</ins>' in page
    # The quotation is worded differently: its words are marked as quoted.
    assert '<del class="chg quo">firm\nwith</del>' in page
    assert '<ins class="chg quo">firmly by</ins>' in page
    # Outside quotations, a changed name is an ordinary change.
    assert '<del class="chg">Sergei</del>' in page


def test_every_finding_and_pair_has_an_anchor_and_twins() -> None:
    report = sample_report()
    page = html.render(report)
    items: list[Finding | Pair] = [*report.findings, *report.pairs]
    for item in items:
        kind = "finding" if isinstance(item, Finding) else "pair"
        anchor = f"{kind}-{item.id}"
        assert f'id="{anchor}"' in page
        assert f'id="{anchor}-a" class="passage' in page
        assert f'data-twin="{anchor}-b"' in page and f'href="#{anchor}-a"' in page


def test_context_is_cut_at_words_and_skips_front_matter() -> None:
    body = " ".join(f"word{i}" for i in range(400))
    text = "---\nsource: X\n---\n" + body
    doc = Document("x.md", "x.md", "X", text, body_start=text.index("word0"))
    start = text.index("word200")
    before, after = html._context(doc, doc.span(start, start + len("word200")))
    assert before.startswith("…word") and after.endswith("…")
    assert 250 < len(before) <= html.CONTEXT + 1 and 250 < len(after) <= html.CONTEXT + 1
    early = doc.span(text.index("word3"), text.index("word3") + 5)
    assert html._context(doc, early)[0] == "word0 word1 word2 "


def test_quoted_ranges() -> None:
    text = 'He said "stand firm" and “we will win”.\nAn "unclosed quote\nnext line'
    ranges = [text[s:e] for s, e in html.quoted_ranges(text)]
    assert ranges == ["stand firm", "we will win", "unclosed quote"]


def test_adversarial_long_text_renders() -> None:
    # Runs of quote marks, angle brackets and spaces: nothing may backtrack or blow up.
    hostile = ('"<' * 50_000) + (" " * 50_000) + ("«»" * 20_000) + "end"
    doc = Document("z.txt", "z.txt", "Z", hostile)
    other = Document("w.txt", "w.txt", "W", hostile[::-1])
    pair = Pair("p", 0.5, doc.span(0, len(hostile)), other.span(0, len(hostile)))
    page = html.render(Report(documents=(doc, other), pairs=(pair,)))
    assert "&#34;&lt;" in page
    assert len(html.quoted_ranges(hostile)) > 0


def test_five_thousand_findings_render_in_reasonable_size() -> None:
    report = many_findings(5000)
    page = html.render(report)
    assert page.count('<article class="finding') == 5000
    assert len(set(re.findall(r'<article class="finding[^"]*" id="([^"]+)"', page))) == 5000
    data = len(DATA_BLOCK.search(page).group(1))  # type: ignore[union-attr]
    # Each finding: two passages of about 70 characters, their context and the markup.
    per_finding = (len(page) - data) / 5000
    assert per_finding < 4500, per_finding
