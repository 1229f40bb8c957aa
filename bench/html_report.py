"""The HTML report of the 300 BASIL articles in headless Chromium: size and time to the first
finding.

    .venv/bin/python bench/html_report.py [--runs 3] [--out reports/basil.html]

The articles are laid out as a user would give them (one JSON Lines file of records with
``id``, ``source``, ``date``, ``title``, ``url`` and ``text``, in a temporary folder), compared
with `dedupe.compare`, and the page is rendered and opened from disk in Chromium at
1280x900. Printed per run: the page's bytes, the time from navigation start to the first
finding's element being parsed (a MutationObserver set before the page loads), first
contentful paint, DOMContentLoaded and load, and where the first finding sits (its top, in
pixels from the top of the page). Nothing is asserted; `tests/browser/test_html_basil.py`
checks the size and the first finding's place.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import dedupe
from dedupe.emit.html import render
from dedupe.report import Report

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from _corpora import CORPORA  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1280, "height": 900}
# Set before any of the page runs: when the first finding is parsed, and the paint times.
WATCH_FIRST_FINDING = """
window.__firstFinding = null;
new MutationObserver(function (records, observer) {
  if (document.querySelector("article.finding")) {
    window.__firstFinding = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""
TIMINGS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const first = document.querySelector("article.finding");
  return {
    first_finding_ms: window.__firstFinding,
    fcp_ms: paint ? paint.startTime : null,
    dom_ms: nav.domContentLoadedEventEnd,
    load_ms: nav.loadEventEnd,
    first_top_px: first ? first.getBoundingClientRect().top + window.scrollY : null,
    height_px: document.documentElement.scrollHeight,
  };
}"""


def basil_report(folder: Path) -> Report:
    """The 300 BASIL articles written to ``folder`` as one JSON Lines file, then compared.
    Outlet codes are lower-cased (a few records spell them NYT, FOX, HPO)."""
    source = CORPORA / "basil" / "basil_articles.jsonl"
    fields = ("id", "source", "date", "title", "url", "text")
    with source.open(encoding="utf-8") as lines, (folder / "basil.jsonl").open("w") as out:
        for line in lines:
            record = json.loads(line)
            record["source"] = str(record["source"]).lower()
            out.write(json.dumps({k: record.get(k) for k in fields}, ensure_ascii=False) + "\n")
    report: Report = dedupe.compare([folder])
    return report


def measure(page_file: Path, runs: int) -> list[dict[str, Any]]:
    """Open the page ``runs`` times, each in a fresh browser context, and time it."""
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for _ in range(runs):
            context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
            context.add_init_script(WATCH_FIRST_FINDING)
            page = context.new_page()
            page.goto(page_file.as_uri(), wait_until="load")
            results.append(page.evaluate(TIMINGS))
            context.close()
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, help="also keep the page there")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        report = basil_report(folder)
        compared = time.perf_counter() - started
        started = time.perf_counter()
        page = render(report)
        rendered = time.perf_counter() - started
        page_file = args.out or folder / "basil.html"
        page_file.write_text(page, encoding="utf-8")
        size = page_file.stat().st_size
        results = measure(page_file, args.runs)
    counts = f"{len(report.findings)} findings, {len(report.pairs)} pairs, "
    print(f"BASIL: {len(report.documents)} articles, {counts}{len(report.stories)} stories")
    print(f"compare {compared:.1f} s, render {rendered:.2f} s, page {size / 1e6:.2f} MB")
    keys = ("first_finding_ms", "fcp_ms", "dom_ms", "load_ms", "first_top_px", "height_px")
    print("| run | " + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for n, result in enumerate(results, 1):
        print(f"| {n} | " + " | ".join(f"{result[k]:.0f}" for k in keys) + " |")
    medians = [statistics.median(r[k] for r in results) for k in keys]
    print("| median | " + " | ".join(f"{m:.0f}" for m in medians) + " |")


if __name__ == "__main__":
    main()
