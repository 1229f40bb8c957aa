"""Tests for dedupe.emit.html without a browser: reference file, embedded data, escaping,
no network resources, article links, differing-word marks and size at 5,000 findings.
Stories are tested in test_html_stories.py.

The reference file is tests/reference/report.html; regenerate it with
``DEDUPE_UPDATE_REFERENCE=1 .venv/bin/pytest tests/emit/test_html.py`` and review the diff.
The same page in real Chromium is tested in tests/browser/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser
from typing import Any

import pytest
from sample import check_reference, empty_report, many_findings, sample_report
from stories.support import QUAKE, article, run

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
ADDRESS = "https://example.org/a?b=1&c=2"  # the sample's second article's url


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


def story_report() -> Report:
    """Three outlets telling one earthquake, one of them with another death toll."""
    docs = [article(s, QUAKE.format(killed=v)) for s, v in (("a", "4"), ("b", "4"), ("c", "6"))]
    report = run(docs)
    assert report.stories and report.pairs
    return report


def embedded(page: str) -> Any:
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


def with_span_texts(data: Any) -> Any:
    """The embedded data with each span's text put back from its document, as the page's
    script does."""
    texts = {d["id"]: d["text"] for d in data["documents"]}
    spans = [s for p in data["pairs"] for s in (p["a"], p["b"])] + [
        s
        for story in data["stories"]
        for k in story["slots"]
        for v in k["variants"]
        for s in v["spans"]
    ]
    for span in spans:
        assert "text" not in span
        span["text"] = texts[span["doc"]][span["start"] : span["end"]]
    return data


@pytest.mark.parametrize("make", [sample_report, empty_report, hostile_report, story_report])
def test_embedded_json_round_trips(make: Callable[[], Report]) -> None:
    report = make()
    page = html.render(report)
    assert embedded(page) == html.embedded(report)
    assert with_span_texts(embedded(page)) == report.to_dict()
    assert Report.from_dict(with_span_texts(embedded(page))) == Report.from_dict(report.to_dict())


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
        # Links go to places in the page, or to an article's own address (never loaded).
        assert href is None or href.startswith("#") or href == ADDRESS, href
    assert parsed.named("link") == [] and parsed.named("iframe") == []
    assert not re.search(r"url\(|@import", page.split("</style>")[0])


def test_article_addresses_are_links_and_cards_show_headline_and_date() -> None:
    page = html.render(sample_report())
    links = [a for a in Tags(page).named("a") if a.get("href") == ADDRESS]
    assert links and all(a.get("rel") == "noopener noreferrer" for a in links)
    card = page[page.index('id="finding-3f9a0c1d2e4b5a67"') :]
    card = card[: card.index("</article>")]
    assert '<span class="side-title">Troops gather: day 1</span>' in card
    assert f'<span class="side-title"><a href="{ADDRESS.replace("&", "&amp;")}"' in card
    assert card.count('<time class="side-date" datetime="2024-11-01">2024-11-01</time>') == 2


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "//evil.example", "http://"],
)
def test_an_address_that_is_no_web_page_is_text_not_a_link(url: str) -> None:
    assert html.safe_url(url) is None
    base = sample_report()
    doc = replace(base.documents[1], url=url)
    page = html.render(replace(base, documents=(base.documents[0], doc)))
    hrefs = [a.get("href") or "" for a in Tags(page).named("a")]
    assert all(h.startswith("#") for h in hrefs), hrefs
    assert url in "".join(Tags(page).text)


def test_without_javascript_the_page_is_one_column_until_the_filters_show() -> None:
    page = html.render(sample_report())
    assert '<aside class="controls" id="controls" aria-label="Filters" hidden>' in page
    css = page[page.index("<style>") : page.index("</style>")]
    layout = css[css.index(".layout {") : css.index("}", css.index(".layout {"))]
    assert "grid-template-columns: minmax(0, 1fr);" in layout
    assert ".layout.with-controls { grid-template-columns: 16.5rem minmax(0, 1fr); }" in css


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


def test_every_finding_has_an_anchor_twins_and_its_place_in_the_article() -> None:
    report = sample_report()
    page = html.render(report)
    for finding in report.findings:
        anchor = f"finding-{finding.id}"
        assert f'id="{anchor}"' in page
        assert f'id="{anchor}-a" class="passage' in page
        assert f'data-twin="{anchor}-b"' in page and f'href="#{anchor}-a"' in page
        card = page[page.index(f'id="{anchor}"') :]
        card = card[: card.index("</article>")]
        for index, span in ((0, finding.a), (1, finding.b)):
            assert f'href="#doc-{index}" data-at="{index}:{span.start}-{span.end}"' in card
    # Each document's row is where a link to it lands without the script.
    assert all(f'<tr id="doc-{i}">' in page for i in range(len(report.documents)))


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
    finding = Finding("f", "quote-drift", "warning", "p", pair.a, pair.b, "worded differently")
    page = html.render(Report(documents=(doc, other), pairs=(pair,), findings=(finding,)))
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
