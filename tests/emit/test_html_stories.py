"""The HTML report's stories: a variant table per story, CollateX-style, and the overview.

Four outlets tell one earthquake, three of them "about 12 people" killed and one "20
people"; a fifth leaves the toll out. The page must show one column per article, colour
the one reading that differs from the rest, say that the fifth gives none, link each cell
to its passage in the article view and the slot to its finding.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser

from stories.support import QUAKE, article, run

from dedupe.emit import html
from dedupe.report import Report

TOLL = re.compile(r"Chile's interior minister[^.]*\. ")


@cache
def quake_report() -> Report:
    versions = {"alpha": "about 12", "beta": "about 12", "gamma": "about 12", "delta": "20"}
    docs = [article(s, QUAKE.format(killed=v), title=f"Quake ({s})") for s, v in versions.items()]
    docs.append(article("epsilon", TOLL.sub("", QUAKE), title="Quake (epsilon)"))
    return run(docs)


class Cells(HTMLParser):
    """The cells of the first variant-table row whose claim heading contains ``claim``:
    each as (class attribute, link data-at, text)."""

    def __init__(self, page: str, claim: str) -> None:
        super().__init__(convert_charrefs=True)
        self.claim = claim
        self.rows: list[list[tuple[str, str, str]]] = []
        self._cell: list[str] | None = None
        self._in_variants = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self._in_variants = "variants" in (found.get("class") or "")
        elif self._in_variants and tag == "tr":
            self.rows.append([])
        elif self._in_variants and tag in ("td", "th"):
            self._cell = [found.get("class") or "", "", ""]
        elif self._cell is not None and tag == "a":
            self._cell[1] = found.get("data-at") or found.get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append((self._cell[0], self._cell[1], self._cell[2].strip()))
            self._cell = None
        elif tag == "table":
            self._in_variants = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[2] += data

    def row(self) -> list[tuple[str, str, str]]:
        return next(r for r in self.rows if r and self.claim in r[0][2])


def test_a_story_has_a_column_per_article_and_a_row_per_claim() -> None:
    report = quake_report()
    [story] = report.stories
    page = html.render(report)
    section = page[page.index(f'<section class="story" id="story-{story.id}"') :]
    section = section[: section.index("</section>")]
    assert "5 articles from 5 outlets" in section
    headers = re.findall(r'<a class="col-src" href="#doc-(\d+)">([^<]+)</a>', section)
    assert sorted(name for _, name in headers) == ["alpha", "beta", "delta", "epsilon", "gamma"]
    assert section.count("<tr") == 1 + len(story.slots)  # the head, then one row per slot


def test_the_differing_reading_is_coloured_and_the_omission_named() -> None:
    report = quake_report()
    page = html.render(report)
    cells = Cells(page, "people").row()
    by_text = {text: classes for classes, _, text in cells}
    # Three outlets agree: their cells are plain; the fourth's is coloured as an error.
    assert by_text["about 12 people"] == ""
    assert by_text["20 people"] == "odd tone-error"
    assert by_text["not found"] == "omit"
    assert [text for _, _, text in cells].count("about 12 people") == 3


def test_each_cell_opens_its_passage_and_the_slot_links_its_finding() -> None:
    report = quake_report()
    page = html.render(report)
    cells = Cells(page, "people").row()
    docs = {d.id: i for i, d in enumerate(report.documents)}
    [delta] = [at for _, at, text in cells if text == "20 people"]
    index, _, offsets = delta.partition(":")
    start, end = map(int, offsets.split("-"))
    doc = report.documents[int(index)]
    assert (doc.id, doc.text[start:end]) == ("delta/1", "20 people")
    assert docs["delta/1"] == int(index)
    [finding] = [f for f in report.findings if f.rule == "number-mismatch"]
    assert cells[-1][1] == f"#finding-{finding.id}"
    # And the finding links back to its story.
    card = page[page.index(f'id="finding-{finding.id}"') :]
    assert f'href="#story-{finding.story}"' in card[: card.index("</article>")]


def test_the_overview_counts_stories_and_differing_claims() -> None:
    page = html.render(quake_report())
    stats = dict(re.findall(r'<a href="#stories">([^<]+)</a></dt><dd>(\d+)</dd>', page))
    assert stats == {"Stories": "1", "Story outlets": "5", "Differing claims": "1"}


def test_a_story_of_many_articles_has_a_row_per_reading() -> None:
    outlets = [f"outlet{n}" for n in range(html.STORY_COLUMNS + 1)]
    docs = [
        article(s, QUAKE.format(killed="20" if n == 0 else "about 12"), title="Quake")
        for n, s in enumerate(outlets)
    ]
    page = html.render(run(docs))
    assert '<table class="variants wide">' in page
    cells = Cells(page, "people").rows
    readings = [row for row in cells if any(t in ("about 12 people", "20 people") for *_, t in row)]
    first, second = readings
    assert first[1][2] == "about 12 people" and first[1][0] == ""
    assert second[0][2] == "20 people" and second[0][0] == "odd tone-error"
    assert second[1][2] == "outlet0"


def test_findings_come_first_and_pairs_last_folded() -> None:
    page = html.render(quake_report())
    order = [page.index(f'<section id="{name}"') for name in ("findings", "stories", "pairs-table")]
    assert order == sorted(order)
    fold = page[page.index('<section id="pairs-table"') :]
    assert fold.index('<details class="fold" id="pairs-fold">') < fold.index("</section>")
