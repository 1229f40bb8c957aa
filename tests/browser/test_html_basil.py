"""The HTML report of the 300 BASIL articles, as issue 19 measured it: under 3 MB, and the
first finding on the first screen, with and without JavaScript. Its load time is measured
by bench/html_report.py (no timed tests)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from dedupe.emit.html import render

pytestmark = pytest.mark.browser

BENCH = Path(__file__).resolve().parents[2] / "bench"
MEGABYTES = 3
VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def basil_page(corpora: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page, built as bench/html_report.py builds it."""
    sys.path.insert(0, str(BENCH))
    try:
        import html_report
    finally:
        sys.path.remove(str(BENCH))
    folder = tmp_path_factory.mktemp("basil")
    report = html_report.basil_report(folder)
    assert len(report.documents) == 300 and report.findings and len(report.stories) >= 90
    path = folder / "basil.html"
    path.write_text(render(report), encoding="utf-8")
    return path


def test_the_page_is_under_three_megabytes(basil_page: Path) -> None:
    assert basil_page.stat().st_size < MEGABYTES * 1_000_000


@pytest.mark.parametrize("script", [True, False], ids=["javascript", "no-javascript"])
def test_the_first_finding_is_on_the_first_screen(
    browser: Any, basil_page: Path, script: bool
) -> None:
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=script)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(basil_page.as_uri())
    top = page.evaluate(
        "document.querySelector('article.finding').getBoundingClientRect().top + scrollY"
    )
    main = page.locator("main").bounding_box()
    context.close()
    assert errors == []
    assert top < VIEWPORT["height"], top
    # Without the script the report takes the whole width, not the filters' column.
    assert main is not None and main["width"] > (0.7 if script else 0.9) * VIEWPORT["width"]
