"""The self-contained HTML report: one file that editors open, share and archive.

The page is rendered server-side with Jinja2 (autoescape on), so it reads without
JavaScript: findings first, then each story's variant table (one row per claim, one column
per article, CollateX-style), then the passage pairs, folded. The inlined script filters
(the filters live in the URL fragment), sorts, moves between findings and opens the
article view, where a story cell or a pair shows its passage in the whole article. The
report's ``dedupe.report/1`` JSON rides along in a ``<script type="application/json">``
block so page and data never disagree; to keep a large report small, its passage pairs'
and story variants' spans leave out their ``text``, which is the document's
``text[start:end]`` (the script puts it back). Nothing is fetched from the network: the
CSS and JS live next to the templates and are inlined at render time.

Differing words are found in Python with `dedupe.worddiff`, never in the browser.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from dedupe import __version__, worddiff
from dedupe.emit._blocks import one_line
from dedupe.emit._stories import shortened, told_by, worst_by_slot
from dedupe.model import SEVERITY_RANK, Document, Finding, Slot, Span, Story
from dedupe.report import SCHEMA, Report
from dedupe.rules import RULES
from dedupe.stories.slots import disagreeing

TEMPLATES = Path(__file__).resolve().parent / "templates"
CONTEXT = 300  # characters of surrounding text offered around each passage
COLOURS = 6  # distinct match colours; the n-th finding shown uses colour n % COLOURS
PASSAGE = 250  # characters of a finding's paragraph shown on each side of its span
SEVERITIES = ("error", "warning", "info")
# A story of more articles than this shows a row per reading, not a column per article.
STORY_COLUMNS = 8
_WEB_URL = re.compile(r"https?://[^/?#\s]", re.IGNORECASE)

# Characters that open a quotation, and the mark that closes each one.
_QUOTE_PAIRS = {'"': '"', "“": "”", "«": "»", "„": "“", "‹": "›"}
_QUOTE_OR_BREAK = re.compile('["“”«»„‹›\n]')
_SPACE = re.compile(r"\s")
# Number words make a changed count as visible as a changed figure.
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve twenty thirty forty "
    "fifty hundred hundreds thousand thousands million millions billion billions dozen dozens "
    "several few half".split()
)
_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}

Interval = tuple[int, int, str]  # document offsets [start, end) and the CSS classes to add


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a side-by-side view: where the passage is, how it is marked, and the
    article it comes from (``index`` is its place in the report's documents)."""

    key: str
    anchor: str
    twin: str
    doc: str
    index: int | None
    source: str
    title: str
    date: str
    url: str | None
    line: int
    column: int
    start: int
    end: int
    text: str
    marked: Markup
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class FindingView:
    """A finding as shown: its index in the report (and the JSON) and its match colour."""

    finding: Finding
    index: int
    colour: int
    a: Side
    b: Side


@dataclass(frozen=True, slots=True)
class Witness:
    """One article's place in a reading: the document (by index) and its first span."""

    index: int
    source: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Reading:
    """One variant of a slot as shown: shortened (the article view shows it whole), with
    the articles that give it; ``odd``
    when it is not the reading most outlets give (every reading is, when none leads)."""

    text: str
    odd: bool
    witnesses: tuple[Witness, ...]


@dataclass(frozen=True, slots=True)
class SlotRow:
    """A row of a story's variant table: the slot, its readings, and its finding."""

    slot: Slot
    readings: tuple[Reading, ...]
    cells: tuple[tuple[Reading, Witness] | None, ...]
    finding: Finding | None


@dataclass(frozen=True, slots=True)
class Column:
    """An article of a story: a column of its variant table."""

    index: int
    doc: Document


@dataclass(frozen=True, slots=True)
class StoryView:
    """A story as shown: its articles, one row per slot, and what disagrees. ``wide`` when
    it has more articles than `STORY_COLUMNS`: then the table has a row per reading."""

    story: Story
    headline: str
    columns: tuple[Column, ...]
    rows: tuple[SlotRow, ...]
    differing: int
    findings: int
    wide: bool


def render(report: Report) -> str:
    """The report as one self-contained HTML page; pure: the same report gives the same text."""
    env = _environment()
    page = env.get_template("report.html.j2")
    return page.render(**_page_context(report))


def embed_json(data: Any) -> Markup:
    """``data`` as JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u003c`` etc. so article text such as
    ``</script>`` or ``<!--`` cannot end the element; JSON.parse reads them back unchanged.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return Markup(text.translate(_JSON_ESCAPES))


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """The [start, end) ranges of ``text`` inside quotation marks, marks excluded.

    A quotation is closed at the end of its paragraph when its closing mark is missing,
    so one stray mark cannot turn the rest of an article into a quote.
    """
    ranges: list[tuple[int, int]] = []
    closer: str | None = None
    start = 0
    for match in _QUOTE_OR_BREAK.finditer(text):
        mark = match.group()
        if mark == "\n" or mark == closer:
            if closer is not None and match.start() > start:
                ranges.append((start, match.start()))
            closer = None
        elif closer is None and mark in _QUOTE_PAIRS:
            closer, start = _QUOTE_PAIRS[mark], match.end()
    if closer is not None and len(text) > start:
        ranges.append((start, len(text)))
    return ranges


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def _asset(name: str) -> Markup:
    """A CSS or JS file inlined verbatim (read as text, not parsed as a template)."""
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    if "</" in text:
        # An end tag inside an inlined asset would close the <style>/<script> element early.
        raise ValueError(f"{name} must not contain '</'")
    return Markup(text)


class _Documents:
    """The report's documents by id, with each one's quotation ranges computed once."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self._by_id = {d.id: d for d in documents}
        self._index = {d.id: i for i, d in enumerate(documents)}
        self._quotes: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}

    def get(self, doc_id: str) -> Document | None:
        return self._by_id.get(doc_id)

    def index(self, doc_id: str) -> int | None:
        """The document's place in the report (and in the embedded JSON), the key of its
        article view."""
        return self._index.get(doc_id)

    def source(self, doc_id: str) -> str:
        doc = self._by_id.get(doc_id)
        return doc.source if doc is not None else doc_id

    def quoted(self, doc_id: str, start: int, end: int) -> bool:
        """Whether [start, end) of the document overlaps a quotation."""
        if doc_id not in self._quotes:
            doc = self._by_id.get(doc_id)
            ranges = quoted_ranges(doc.text) if doc is not None else []
            self._quotes[doc_id] = ([r[0] for r in ranges], ranges)
        starts, ranges = self._quotes[doc_id]
        i = bisect.bisect_left(starts, end)
        return i > 0 and ranges[i - 1][1] > start


def _page_context(report: Report) -> dict[str, Any]:
    docs = _Documents(report.documents)
    stories = _story_views(report, docs)
    return {
        "version": __version__,
        "schema": SCHEMA,
        "css": _asset("report.css"),
        "js": _asset("report.js"),
        "data_json": embed_json(embedded(report)),
        "report": report,
        "sources": report.sources,
        "severities": SEVERITIES,
        "severity_counts": Counter(f.severity for f in report.findings),
        "rule_rows": _rule_rows(report.findings),
        "findings": _finding_views(report, docs),
        "stories": stories,
        "story_sources": sorted({s for v in stories for s in v.story.sources}),
        "options": [(key, _option_text(value)) for key, value in report.options.items()],
        "words": {d.id: len(d.text[_body_start(d) :].split()) for d in report.documents},
        "url": safe_url,
    }


def embedded(report: Report) -> dict[str, Any]:
    """The report's ``dedupe.report/1`` data as the page embeds it: whole, except that the
    spans of passage pairs and of story variants leave out ``text``, which is always the
    document's ``text[start:end]``: on a large report they would double its size."""
    data = report.to_dict()
    for pair in data["pairs"]:
        pair["a"], pair["b"] = _untexted(pair["a"]), _untexted(pair["b"])
    for story in data["stories"]:
        for slot in story["slots"]:
            for variant in slot["variants"]:
                variant["spans"] = [_untexted(span) for span in variant["spans"]]
    return data


def _untexted(span: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in span.items() if key != "text"}


def safe_url(url: str | None) -> str | None:
    """An article's address when it may be a link: http or https only, so that metadata
    such as ``javascript:...`` is shown as text and never followed."""
    if url is None or not _WEB_URL.match(url) or any(ch.isspace() for ch in url):
        return None
    return url


def _finding_views(report: Report, docs: _Documents) -> list[FindingView]:
    """Findings in reading order: errors first, then warnings, then notes; stable otherwise.

    Each side shows the passage around the finding (its pair's passage, or the paragraph)
    with the finding's own words highlighted and, inside them, the differing words marked.
    """
    pairs = {p.id: p for p in report.pairs}
    order = sorted(
        range(len(report.findings)),
        key=lambda i: -SEVERITY_RANK.get(report.findings[i].severity, 0),
    )
    views = []
    for position, index in enumerate(order):
        finding = report.findings[index]
        pair = pairs.get(finding.pair) if finding.pair is not None else None
        marks_a, marks_b = _diff_marks(finding.a, finding.b, docs)
        anchor, colour = f"finding-{finding.id}", position % COLOURS
        views.append(
            FindingView(
                finding=finding,
                index=index,
                colour=colour,
                a=_finding_side(
                    "a", anchor, finding.a, pair.a if pair else None, docs, marks_a, colour
                ),
                b=_finding_side(
                    "b", anchor, finding.b, pair.b if pair else None, docs, marks_b, colour
                ),
            )
        )
    return views


def _finding_side(
    key: str,
    anchor: str,
    span: Span,
    container: Span | None,
    docs: _Documents,
    changes: Sequence[Interval],
    colour: int,
) -> Side:
    shown = _passage(span, container, docs)
    highlight = [(span.start, span.end, f"hl c{colour}")]
    return _side(key, anchor, shown, docs, changes, highlight, span)


def _passage(span: Span, container: Span | None, docs: _Documents) -> Span:
    """What to show around a finding's span: the pair's passage when it holds the span and
    is not overly long, else the span's paragraph, cut to about PASSAGE characters each way."""
    if (
        container is not None
        and container.doc == span.doc
        and container.start <= span.start <= span.end <= container.end
        and len(container.text) <= 4 * PASSAGE
    ):
        return container
    doc = docs.get(span.doc)
    if doc is None:
        return span
    text, floor = doc.text, min(_body_start(doc), span.start)
    lo = max(text.rfind("\n", floor, span.start) + 1, floor, span.start - PASSAGE)
    hi = text.find("\n", span.end)
    hi = min(len(text) if hi < 0 else hi, span.end + PASSAGE)
    while lo < span.start and text[lo].isspace():
        lo += 1
    while hi > span.end and text[hi - 1].isspace():
        hi -= 1
    return doc.span(lo, hi)


def _story_views(report: Report, docs: _Documents) -> list[StoryView]:
    """Every story: those with the most flagged claims first, then those with the most
    claims read differently, then as the terminal orders them (the most widely told)."""
    worst = worst_by_slot(report.findings)
    views = [_story_view(s, docs, worst) for s in told_by(report, 1)]
    return sorted(views, key=lambda v: (-v.findings, -v.differing))


def _story_view(story: Story, docs: _Documents, worst: Mapping[str, Finding]) -> StoryView:
    columns = tuple(
        Column(i, d)
        for i, d in ((docs.index(ref), docs.get(ref)) for ref in story.documents)
        if i is not None and d is not None
    )
    rows = tuple(_slot_row(slot, columns, docs, worst.get(slot.id)) for slot in story.slots)
    titles = (one_line(c.doc.title) for c in columns if c.doc.title)
    return StoryView(
        story=story,
        headline=next(titles, ""),
        columns=columns,
        rows=rows,
        differing=len(disagreeing(story)),
        findings=sum(1 for row in rows if row.finding is not None),
        wide=len(columns) > STORY_COLUMNS,
    )


def _slot_row(
    slot: Slot, columns: Sequence[Column], docs: _Documents, finding: Finding | None
) -> SlotRow:
    """A slot's readings, and the cell of each column: the reading its article gives and
    where, or None when the article gives none (an omission)."""
    readings = _readings(slot, docs)
    by_doc = {w.index: (r, w) for r in readings for w in r.witnesses}
    cells = tuple(by_doc.get(c.index) for c in columns)
    return SlotRow(slot, readings, cells, finding)


def _readings(slot: Slot, docs: _Documents) -> tuple[Reading, ...]:
    """The slot's variants as readings. The first variant leads (slots put the one most
    outlets give first) unless the second is given by as many outlets: then none leads."""
    outlets = [len({docs.source(d) for d in v.documents}) for v in slot.variants]
    leads = len(outlets) < 2 or outlets[0] > outlets[1]
    return tuple(
        Reading(
            text=shortened(one_line(variant.text)),
            odd=n > 0 or not leads,
            witnesses=_witnesses(variant.spans, docs),
        )
        for n, variant in enumerate(slot.variants)
    )


def _witnesses(spans: Sequence[Span], docs: _Documents) -> tuple[Witness, ...]:
    """Each document's first span of a variant: where its article view opens."""
    first: dict[int, Witness] = {}
    for span in spans:
        index = docs.index(span.doc)
        if index is not None and index not in first:
            first[index] = Witness(index, docs.source(span.doc), span.start, span.end)
    return tuple(first.values())


def _side(
    key: str,
    anchor: str,
    span: Span,
    docs: _Documents,
    changes: Sequence[Interval],
    highlights: Sequence[Interval],
    own: Span,
) -> Side:
    """A side showing ``span`` marked; ``own`` is the finding's span, the article view's
    target."""
    doc = docs.get(span.doc)
    before, after = _context(doc, span) if doc is not None else ("", "")
    tag = "del" if key == "a" else "ins"
    return Side(
        key=key,
        anchor=f"{anchor}-{key}",
        twin=f"{anchor}-{'b' if key == 'a' else 'a'}",
        doc=span.doc,
        index=docs.index(span.doc),
        source=docs.source(span.doc),
        title=one_line(doc.title or "") if doc is not None else "",
        date=doc.date.isoformat() if doc is not None and doc.date else "",
        url=safe_url(doc.url) if doc is not None else None,
        line=span.line,
        column=span.column,
        start=own.start,
        end=own.end,
        text=span.text,
        marked=_layered(span.text, span.start, highlights, changes, tag),
        before=before,
        after=after,
    )


def _diff_marks(a: Span, b: Span, docs: _Documents) -> tuple[list[Interval], list[Interval]]:
    """Document ranges of the words that differ between two passages, classed by kind."""
    marks_a: list[Interval] = []
    marks_b: list[Interval] = []
    for op in worddiff.bounded_changes(a.text, b.text):
        start_a, end_a = a.start + op.a_start, a.start + op.a_end
        start_b, end_b = b.start + op.b_start, b.start + op.b_end
        quoted = docs.quoted(a.doc, start_a, end_a) or docs.quoted(b.doc, start_b, end_b)
        marks_a.extend(_classed(a.text[op.a_start : op.a_end], start_a, quoted))
        marks_b.extend(_classed(b.text[op.b_start : op.b_end], start_b, quoted))
    return marks_a, marks_b


def _classed(words: str, base: int, quoted: bool) -> list[Interval]:
    """A changed stretch as intervals: ``chg`` (``quo`` inside a quotation), with runs of
    number tokens split out as ``num`` so a changed figure stands out from the words
    around it."""
    kind = "chg quo" if quoted else "chg"
    runs: list[Interval] = []
    for token in worddiff.tokens(words):
        classes = f"{kind} num" if _is_number(token.text) else kind
        start, end = base + token.start, base + token.end
        if runs and runs[-1][2] == classes:
            runs[-1] = (runs[-1][0], end, classes)
        else:
            runs.append((start, end, classes))
    return runs


def _is_number(token: str) -> bool:
    return any(ch.isdigit() for ch in token) or token.casefold() in _NUMBER_WORDS


def _layered(
    text: str, base: int, outer: Sequence[Interval], inner: Sequence[Interval], tag: str
) -> Markup:
    """``text`` (at document offset ``base``) with ``outer`` ranges in ``<mark>`` and the
    ``inner`` ranges in ``<tag>`` inside them; overlapping outer ranges are clipped."""
    pieces: list[Markup] = []
    pos, end_of_text = base, base + len(text)
    for start, end, classes in outer:
        start, end = max(start, pos), min(end, end_of_text)
        if start >= end:
            continue
        pieces.append(_wrapped(text[pos - base : start - base], pos, inner, tag))
        body = _wrapped(text[start - base : end - base], start, inner, tag)
        pieces.append(Markup('<mark class="{}">{}</mark>').format(classes, body))
        pos = end
    pieces.append(_wrapped(text[pos - base :], pos, inner, tag))
    return Markup("").join(pieces)


def _wrapped(text: str, base: int, ranges: Sequence[Interval], tag: str) -> Markup:
    """``text`` escaped, with the parts in ``ranges`` (document offsets) wrapped in ``tag``."""
    pieces: list[Markup] = []
    pos = 0
    for start, end, classes in ranges:
        start, end = max(start - base, pos), min(end - base, len(text))
        if start >= end:
            continue
        pieces.append(escape(text[pos:start]))
        pieces.append(Markup('<{0} class="{1}">{2}</{0}>').format(tag, classes, text[start:end]))
        pos = end
    pieces.append(escape(text[pos:]))
    return Markup("").join(pieces)


def _body_start(doc: Document) -> int:
    # Front matter is metadata, not article text: context never reaches back into it.
    return doc.body_start if 0 <= doc.body_start <= len(doc.text) else 0


def _context(doc: Document, span: Span) -> tuple[str, str]:
    """About CONTEXT characters before and after the span, cut at word boundaries."""
    lo = max(min(_body_start(doc), span.start), span.start - CONTEXT)
    hi = min(len(doc.text), span.end + CONTEXT)
    before, after = doc.text[lo : span.start], doc.text[span.end : hi]
    if lo > _body_start(doc):
        space = _SPACE.search(before, 0, 40)
        before = "…" + (before[space.end() :] if space else before)
    if hi < len(doc.text):
        cut = max(after.rfind(" ", len(after) - 40), after.rfind("\n", len(after) - 40))
        after = (after[:cut] if cut > 0 else after) + "…"
    return before, after


def _rule_rows(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """Findings counted by rule and severity, rules in catalogue order then by name."""
    counts: dict[str, Counter[str]] = {}
    for finding in findings:
        counts.setdefault(finding.rule, Counter())[finding.severity] += 1
    catalogue = list(RULES)
    ordered = sorted(
        counts, key=lambda r: (catalogue.index(r) if r in catalogue else len(catalogue), r)
    )
    return [
        {
            "rule": rule,
            "summary": RULES[rule].summary if rule in RULES else "",
            "counts": counts[rule],
            "total": sum(counts[rule].values()),
        }
        for rule in ordered
    ]


def _option_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)
