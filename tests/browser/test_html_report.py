"""The HTML report opened in real headless Chromium: it runs offline, filters (and keeps the
filters in the URL fragment), sorts, moves between findings with n / p, opens the article
view at a passage, reads without JavaScript, and never executes article text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sample import many_findings, sample_report

from dedupe.emit.html import embedded, render
from dedupe.model import Document, Finding, Pair
from dedupe.report import Report

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "reports" / "screenshots"


@pytest.fixture(scope="module")
def report(hostile_report: Report) -> Report:
    return hostile_report


@pytest.fixture(scope="module")
def report_url(report: Report, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render(report), encoding="utf-8")
    return path.as_uri()


class Watched:
    """A page plus what it did: console errors, uncaught exceptions, requests."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))


@pytest.fixture
def watched(browser: Any, report_url: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page())
    watched.page.goto(report_url)
    yield watched
    context.close()


def visible_findings(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all("article.finding:not([hidden])", "els => els.map(e => e.id)")
    )


def open_pairs(page: Any) -> None:
    """Unfold the pairs table and wait for the script to draw it (on the toggle event)."""
    page.click("#pairs-fold > summary")
    page.wait_for_function("document.getElementById('pairs-page').textContent !== ''")


def in_viewport(page: Any, element_id: str) -> bool:
    script = """id => { const r = document.getElementById(id).getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight; }"""
    return bool(page.evaluate(script, element_id))


def test_page_loads_offline_without_errors(watched: Watched, report_url: str) -> None:
    watched.page.keyboard.press("n")
    watched.page.click("article.finding .passage")
    assert watched.errors == []
    foreign = [u for u in watched.requests if u != report_url and not u.startswith("data:")]
    assert foreign == []


def test_article_markup_is_text_and_never_runs(watched: Watched, report: Report) -> None:
    page = watched.page
    assert page.evaluate("window.__pwned") is None
    assert page.locator("script").count() == 2  # the data block and the report's own script
    assert page.locator("main img, main b").count() == 0
    shown = page.locator("#findings").inner_text()
    assert "<script>window.__pwned = 1</script>" in shown
    data = page.evaluate("JSON.parse(document.getElementById('dedupe-report').textContent)")
    assert data == embedded(report)


def test_rule_filter_shows_only_that_rule(watched: Watched, report: Report) -> None:
    page = watched.page
    for box in page.locator('input[name="rule"]').all():
        if box.get_attribute("value") != "attribution-mismatch":
            box.uncheck()
    wanted = {f"finding-{f.id}" for f in report.findings if f.rule == "attribution-mismatch"}
    assert set(visible_findings(page)) == wanted
    assert "Showing 2 of 6 findings" in page.inner_text("#f-status")
    page.select_option("#f-source", "Example Wire")
    assert visible_findings(page) == []
    assert page.is_visible("#none-visible")
    page.click("#f-reset")
    page.wait_for_function("document.querySelectorAll('article.finding[hidden]').length === 0")


def test_severity_and_source_filters(watched: Watched, report: Report) -> None:
    page = watched.page
    page.uncheck('input[name="severity"][value="warning"]')
    kept = {f"finding-{f.id}" for f in report.findings if f.severity != "warning"}
    assert set(visible_findings(page)) == kept
    page.check('input[name="severity"][value="warning"]')
    page.select_option("#f-source", "Example Daily")
    daily = {f"finding-{f.id}" for f in report.findings if f.b.doc == "daily/hostile.txt"}
    assert set(visible_findings(page)) == daily
    open_pairs(page)
    assert page.locator("#pairs-list tbody tr").count() == 1


def test_search_box_filters(watched: Watched, report: Report) -> None:
    page = watched.page
    page.fill("#f-search", "sergei")
    lavrov = [f"finding-{f.id}" for f in report.findings if "Sergei" in f.b.text]
    page.wait_for_function(
        f"document.querySelectorAll('article.finding:not([hidden])').length === {len(lavrov)}"
    )
    assert visible_findings(page) == lavrov
    page.fill("#f-search", "no such words anywhere")
    page.wait_for_function(
        "document.querySelectorAll('article.finding:not([hidden])').length === 0"
    )


def test_anchor_scrolls_finding_into_view(browser: Any, report_url: str, report: Report) -> None:
    target = f"finding-{report.findings[-2].id}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{report_url}#{target}")
    assert in_viewport(page, target)
    assert page.evaluate("window.scrollY") > 0
    context.close()


def test_n_and_p_move_between_visible_findings(watched: Watched) -> None:
    page = watched.page
    order = visible_findings(page)
    active = "() => document.activeElement.id"
    page.keyboard.press("n")
    assert page.evaluate(active) == order[0]
    page.keyboard.press("n")
    assert page.evaluate(active) == order[1]
    assert in_viewport(page, order[1])
    page.keyboard.press("p")
    assert page.evaluate(active) == order[0]
    page.uncheck('input[name="rule"][value="quote-drift"]')
    page.locator("body").click(position={"x": 5, "y": 5})
    remaining = visible_findings(page)
    page.keyboard.press("n")
    page.keyboard.press("n")
    assert page.evaluate(active) == remaining[1]


def test_click_on_passage_shows_its_twin(watched: Watched) -> None:
    page = watched.page
    passage = page.locator("article.finding .passage").last
    twin = passage.get_attribute("data-twin")
    passage.click()
    assert page.evaluate("document.activeElement.id") == twin
    assert in_viewport(page, twin)


def test_sorting_pairs_by_score_reorders_rows(watched: Watched, report: Report) -> None:
    page = watched.page
    assert page.locator("#pairs-list tbody tr").count() == 0  # drawn when first opened
    open_pairs(page)
    rows = "#pairs-list tbody tr"
    scores = "els => els.map(e => parseFloat(e.cells[3].textContent))"
    before = page.eval_on_selector_all(rows, scores)
    page.click("#pairs-list th[data-key=score] button")
    after = page.eval_on_selector_all(rows, scores)
    assert after == sorted(before, reverse=True) != before
    assert page.get_attribute("#pairs-list th[data-key=score]", "aria-sort") == "descending"
    page.click("#pairs-list th[data-key=score] button")
    assert page.eval_on_selector_all(rows, scores) == sorted(before)
    page.click("#pairs-list th[data-key=findings] button")
    counts = page.eval_on_selector_all(
        rows, "els => els.map(e => +e.cells[4].textContent.replace(/\\D+/g, '') ? 1 : 0)"
    )
    assert counts == sorted(counts, reverse=True) and 0 in counts and 1 in counts


def test_pairs_table_pages_and_filters(browser: Any, tmp_path: Path) -> None:
    report = many_findings(1000)  # 500 pairs, p0, p2, ... p998
    page_file = tmp_path / "pairs.html"
    page_file.write_text(render(report), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page())
    page = watched.page
    page.goto(page_file.as_uri())
    open_pairs(page)
    ids = "els => els.map(e => e.cells[0].textContent)"
    first = page.eval_on_selector_all("#pairs-list tbody tr", ids)
    assert first == [p.id for p in report.pairs[:100]]
    assert page.inner_text("#pairs-page") == f"Pairs 1–100 of {len(report.pairs)}"
    page.click("#pairs-pager button[data-step='1']")
    second = page.eval_on_selector_all("#pairs-list tbody tr", ids)
    assert second == [p.id for p in report.pairs[100:200]]
    page.fill("#f-search", "1042")
    page.wait_for_function("document.querySelectorAll('#pairs-list tbody tr').length < 10")
    assert page.eval_on_selector_all("#pairs-list tbody tr", ids) == ["p42"]
    assert page.inner_text("#pairs-page") == f"Pairs 1–1 of 1 shown ({len(report.pairs)} in all)"
    context.close()
    assert watched.errors == []


def test_overview_cards_and_rule_rows_filter_and_the_fragment_keeps_it(
    watched: Watched, report: Report
) -> None:
    page = watched.page
    page.click(".stats .stat-error a")
    errors = {f"finding-{f.id}" for f in report.findings if f.severity == "error"}
    assert set(visible_findings(page)) == errors
    assert page.evaluate("location.hash") == "#severity=error"
    page.reload()
    assert set(visible_findings(page)) == errors
    assert not page.is_checked('input[name="severity"][value="warning"]')
    page.click('.by-rule tr[data-rule="attribution-mismatch"] td >> nth=0')
    wanted = {f"finding-{f.id}" for f in report.findings if f.rule == "attribution-mismatch"}
    assert set(visible_findings(page)) == wanted
    page.check('input[name="rule"][value="name-variant"]')
    page.fill("#f-search", "sergei")
    page.wait_for_function("location.hash.indexOf('q=sergei') >= 0")
    page.reload()
    sergei = {f"finding-{f.id}" for f in report.findings if f.rule == "name-variant"}
    assert set(visible_findings(page)) == sergei
    assert page.input_value("#f-search") == "sergei"
    page.click("#f-reset")
    page.wait_for_function("location.hash === ''")
    assert len(visible_findings(page)) == len(report.findings)


def test_a_link_opens_the_article_at_its_passage(watched: Watched, report: Report) -> None:
    page = watched.page
    finding = next(f for f in report.findings if f.b.doc == "daily/hostile.txt")
    card = page.locator(f'[id="finding-{finding.id}"]')
    card.locator(".side-b a[data-at]").click()
    assert page.is_visible("#reader")
    assert page.inner_text("#reader-at") == finding.b.text
    assert page.inner_text("#reader .reader-meta").startswith("Example Daily")
    assert in_viewport(page, "reader-at")
    # The article's own markup is text there too.
    assert "<script>window.__pwned = 4</script>" in page.inner_text("#reader .reader-text")
    assert page.evaluate("window.__pwned") is None
    page.reload()
    assert page.inner_text("#reader-at") == finding.b.text
    page.keyboard.press("Escape")
    assert not page.is_visible("#reader")
    assert "at=" not in page.evaluate("location.hash")


def test_a_story_cell_opens_its_article_at_the_reading(
    browser: Any, seeds_report: Report, tmp_path: Path
) -> None:
    page_file = tmp_path / "seeds.html"
    page_file.write_text(render(seeds_report), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page())
    page = watched.page
    page.goto(page_file.as_uri())
    [story] = seeds_report.stories
    variant = story.slots[0].variants[-1]
    doc = seeds_report.document(variant.spans[0].doc)
    cell = page.locator(f'[id="story-{story.id}"] tbody tr').first.locator("td a[data-at]")
    cell.filter(has_text=variant.text[:20]).click()
    assert page.inner_text("#reader-at") == variant.spans[0].text
    assert page.inner_text("#reader .reader-title") == doc.title
    assert in_viewport(page, "reader-at")
    context.close()
    assert watched.errors == []


def test_the_article_view_links_its_address_and_back_closes_it(
    browser: Any, tmp_path: Path
) -> None:
    report = sample_report()
    page_file = tmp_path / "sample.html"
    page_file.write_text(render(report), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page())
    page = watched.page
    page.goto(page_file.as_uri())
    page.locator("article.finding .side-b a[data-at]").first.click()
    assert page.get_attribute("#reader .reader-title a", "href") == report.documents[1].url
    page.go_back()
    page.wait_for_function("document.getElementById('reader').hidden")
    page.locator("article.finding .side-a a[data-at]").first.click()
    assert page.locator("#reader .reader-title a").count() == 0  # no address, no link
    assert page.inner_text("#reader .reader-title") == report.documents[0].title
    # A document's name in the documents table opens it whole.
    page.keyboard.press("Escape")
    page.click("#doc-1 th a")
    assert page.is_visible("#reader") and page.locator("#reader-at").count() == 0
    assert page.inner_text("#reader .reader-text") == report.documents[1].text
    context.close()
    assert watched.errors == []


def test_without_javascript_the_report_takes_the_whole_width(
    browser: Any, report_url: str, report: Report
) -> None:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(report_url)
    main = page.locator("main").bounding_box()
    assert not page.is_visible("#controls")
    assert main is not None and main["width"] > 0.8 * 1280 and main["x"] < 100
    # The story tables, the findings and the documents read; the pairs say where they are.
    assert page.locator("article.finding").count() == len(report.findings)
    assert page.locator("#documents tbody tr").count() == len(report.documents)
    page.click("#pairs-fold > summary")
    assert page.is_visible("#pairs-nojs") and not page.is_visible("#pairs-list")
    context.close()


@pytest.mark.parametrize(
    ("name", "width", "height", "scheme"),
    [
        ("desktop", 1280, 900, "light"),
        ("phone", 390, 844, "light"),
        ("desktop-dark", 1280, 900, "dark"),
    ],
)
def test_seeds_screenshots(
    browser: Any,
    seeds_report: Report,
    tmp_path: Path,
    name: str,
    width: int,
    height: int,
    scheme: str,
) -> None:
    page_file = tmp_path / "seeds.html"
    page_file.write_text(render(seeds_report), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    watched = Watched(context.new_page())
    watched.page.goto(page_file.as_uri())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    watched.page.screenshot(path=str(SCREENSHOTS / f"seeds-{name}.png"), full_page=True)
    overflow = watched.page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    context.close()
    assert watched.errors == []
    assert not overflow, "the page must not scroll sideways"


def test_five_thousand_findings_filter_and_move(browser: Any, tmp_path: Path) -> None:
    report = many_findings(5000)
    page_file = tmp_path / "large.html"
    page_file.write_text(render(report), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page())
    page = watched.page
    page.goto(page_file.as_uri())
    page.keyboard.press("n")
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == "finding-f1"
    page.fill("#f-search", "4321")
    page.wait_for_function("document.querySelectorAll('article.finding:not([hidden])').length < 50")
    wanted = [
        f"finding-{f.id}"
        for f in report.findings
        if any("4321" in text for text in (f.id, f.message, f.a.text, f.b.text))
    ]
    assert visible_findings(page) == wanted
    context.close()
    assert watched.errors == []


def test_offsets_after_characters_outside_the_basic_plane(browser: Any, tmp_path: Path) -> None:
    # Python counts "🇺🇦" as two characters and JavaScript as four: the view must not shift.
    text_a = "🇺🇦 𝐁old start. Police said 40 people were hurt.\n"
    text_b = "Police said 45 people were hurt.\n"
    a = Document("a.txt", "a.txt", "A", text_a)
    b = Document("b.txt", "b.txt", "B", text_b)
    at_a, at_b = text_a.index("40 people"), text_b.index("45 people")
    pair = Pair("p", 0.9, a.span(0, len(text_a) - 1), b.span(0, len(text_b) - 1))
    finding = Finding(
        "f", "number-mismatch", "error", "p", a.span(at_a, at_a + 9), b.span(at_b, at_b + 9), "x"
    )
    page_file = tmp_path / "astral.html"
    report = Report(documents=(a, b), pairs=(pair,), findings=(finding,))
    page_file.write_text(render(report), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.locator("article.finding .side-a a[data-at]").click()
    assert page.inner_text("#reader-at") == "40 people"
    page.keyboard.press("Escape")
    open_pairs(page)
    page.fill("#f-search", "bold start")
    page.wait_for_function("document.querySelectorAll('#pairs-list tbody tr').length === 0")
    page.fill("#f-search", "𝐁old start")
    page.wait_for_function("document.querySelectorAll('#pairs-list tbody tr').length === 1")
    context.close()
