"""Fixtures for the browser tests: headless Chromium, and reports to open in it.

`seeds_report` is the two seed articles compared. Until the pipeline's `dedupe.compare`
exists it is built by hand here, with the pairs and findings an editor would mark; once
`compare` lands it is used instead, so the screenshots show what the tool really finds.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

import dedupe
from dedupe.model import Document, Finding, Pair, Severity, Span
from dedupe.report import Report
from dedupe.worddiff import describe, similarity

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Article text that would run script, load a resource or end the data block if unescaped.
HOSTILE = (
    "Officials said 1,200 people attended. <script>window.__pwned = 1</script>\n"
    'A picture: <img src="https://example.com/pixel.png" onerror="window.__pwned = 2">\n'
    "Closing tag in data: </script><script>window.__pwned = 3</script> <!-- comment\n"
    "<b>Bold</b> claims about the vote were repeated.\n"
)
HOSTILE_TWIN = (
    "Officials said 1,500 people attended. <script>window.__pwned = 4</script>\n"
    "<b>Bold</b> claims about the vote were repeated.\n"
)
AFP = "barrons-afp/choe-son-hui-moscow-lavrov-talks.txt"
CENSOR = "censor-net/choe-son-hui-moscow-lavrov-talks.txt"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session; skipped without it, except in CI."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found; install it with .ci/install-chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def seeds_report() -> Report:
    """The seed articles compared: by `dedupe.compare` once it exists, by hand until then."""
    compare = getattr(dedupe, "compare", None)
    if compare is not None:
        report: Report = compare([SEEDS])
        return report
    return hand_built_seeds_report()


@pytest.fixture(scope="session")
def hostile_report() -> Report:
    """The hand-built seeds report plus two articles full of markup, and an error between them."""
    seeds = hand_built_seeds_report()
    wire = Document("wire/hostile.txt", "wire/hostile.txt", "Example Wire", HOSTILE)
    daily = Document("daily/hostile.txt", "daily/hostile.txt", "Example Daily", HOSTILE_TWIN)
    pair = make_pair(wire.span(0, HOSTILE.index("\n")), daily.span(0, HOSTILE_TWIN.index("\n")))
    finding = make_finding(
        "number-mismatch",
        "error",
        pair,
        find(wire, "1,200 people"),
        find(daily, "1,500 people"),
        "Attendance differs: 1,200 vs 1,500 people.",
    )
    return replace(
        seeds,
        documents=(*seeds.documents, wire, daily),
        pairs=(*seeds.pairs, pair),
        findings=(*seeds.findings, finding),
    )


def seed_document(relpath: str) -> Document:
    """A seed article as the ingester reads it: the whole file is the text."""
    raw = (SEEDS / relpath).read_text(encoding="utf-8")
    meta = yaml.safe_load(raw.split("---", 2)[1])
    return Document(
        id=relpath,
        path=relpath,
        source=meta["source"],
        text=raw,
        date=meta.get("date"),
        title=meta.get("title"),
    )


def find(doc: Document, words: str, after: str = "") -> Span:
    """The span of the first ``words`` in ``doc`` (after the first ``after``, if given)."""
    start = doc.text.index(words, doc.text.index(after) if after else 0)
    return doc.span(start, start + len(words))


def paragraph(doc: Document, opening: str) -> Span:
    """The span from ``opening`` to the end of its line."""
    start = doc.text.index(opening)
    end = doc.text.find("\n", start)
    return doc.span(start, len(doc.text) if end < 0 else end)


def make_pair(a: Span, b: Span) -> Pair:
    """A pair with a content id and a word-similarity score."""
    digest = hashlib.sha1(f"{a.doc}:{a.start}|{b.doc}:{b.start}".encode()).hexdigest()
    return Pair(f"p{digest[:8]}", similarity(a.text, b.text), a, b)


def make_finding(
    rule: str, severity: Severity, pair: Pair | None, a: Span, b: Span, message: str
) -> Finding:
    """A finding whose id fingerprints the rule, the documents and the words."""
    key = "|".join((rule, a.doc, b.doc, a.text, b.text))
    digest = hashlib.sha1(key.encode()).hexdigest()[:12]
    return Finding(digest, rule, severity, pair.id if pair else None, a, b, message)


def hand_built_seeds_report() -> Report:
    """What an editor marks when reading the two seed articles side by side."""
    afp, cen = seed_document(AFP), seed_document(CENSOR)
    quote_a = find(afp, "We will always stand firmly by our Russian comrades until victory day,")
    quote_b = find(cen, "stand firmly with Russian comrades until the day of victory.")
    quote = make_pair(paragraph(afp, '"We will always'), paragraph(cen, "She claims that"))
    meeting = make_pair(paragraph(afp, '"We will always'), paragraph(cen, "She said this during"))
    troops = make_pair(paragraph(afp, "North Korea's Choe"), paragraph(cen, "On October 28"))
    kursk = make_pair(paragraph(afp, "US intelligence"), paragraph(cen, "Pentagon spokesman"))
    struggle = make_pair(paragraph(afp, "Choe called Moscow"), paragraph(cen, '"We have no doubt'))
    findings = (
        make_finding(
            "quote-drift",
            "warning",
            quote,
            quote_a,
            quote_b,
            f"Choe's quotation is worded differently: {describe(quote_a.text, quote_b.text)}",
        ),
        make_finding(
            "number-qualifier",
            "warning",
            troops,
            find(afp, "up to 10,000 North Korean troops"),
            find(cen, "about 10,000 of its military"),
            "Same figure, different bound: 'up to 10,000' vs 'about 10,000'.",
        ),
        make_finding(
            "attribution-mismatch",
            "warning",
            troops,
            find(afp, "the West believes"),
            find(cen, "the Pentagon said"),
            "The troop figure is credited to 'the West' in one, 'the Pentagon' in the other.",
        ),
        make_finding(
            "attribution-mismatch",
            "warning",
            kursk,
            find(afp, "US intelligence has said"),
            find(cen, "Pentagon spokesman Pat Ryder said"),
            "The Kursk movement is credited to 'US intelligence' vs 'Pat Ryder'.",
        ),
        make_finding(
            "name-variant",
            "info",
            meeting,
            find(afp, "Sergey Lavrov", '"We will always'),
            find(cen, "Sergei Lavrov", "She said"),
            "One name spelled two ways: 'Sergey Lavrov' / 'Sergei Lavrov'.",
        ),
    )
    return Report(
        documents=(afp, cen),
        pairs=(quote, meeting, troops, kursk, struggle),
        findings=findings,
        options={"min_score": 0.3, "rules": "all", "show_omissions": False},
        created="2024-11-02T09:30:00+00:00",
        elapsed=0.412,
    )
