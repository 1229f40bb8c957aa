"""The human report: its layout as plain data, and that layout written as plain text.

`view` lays a report out as blocks (the model is in `_blocks`, and exported here): a
summary box, headings, lines, two texts side by side and tables, every text carrying named
styles on its stretches ("error", "removed", "claim", ...). `render` writes the blocks as
plain text, `WIDTH` columns wide (the ``text`` format: files, pipes and library callers);
the command line draws the same blocks in colour. Nothing here knows about terminals: a
style is a name, never an escape code. The lines ``dedupe index`` prints about a store are
here too (`store_added`, `store_listing`, `store_stats`).

Article text is made inert on the way in: control characters become spaces (one for one,
so offsets hold), so no text of an article can move the cursor or change colours.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from dedupe import worddiff
from dedupe.emit._blocks import (
    BLANK,
    Block,
    Box,
    Rule,
    SideBySide,
    Styled,
    Table,
    clean,
    one_line,
)
from dedupe.emit._stories import READING, Shown, reported, stories_record, stories_view, told_by
from dedupe.model import (
    SEVERITY_RANK,
    Claim,
    DateClaim,
    Document,
    Finding,
    NameClaim,
    NumberClaim,
    Pair,
    QuoteClaim,
    Severity,
    Span,
)
from dedupe.report import Report
from dedupe.store import AddResult, Entry, Stats

__all__ = [
    "BLANK",
    "EXCERPT",
    "READING",
    "WIDTH",
    "Block",
    "Box",
    "Rule",
    "Shown",
    "SideBySide",
    "Styled",
    "Table",
    "claim_value",
    "claims_table",
    "clean",
    "finding_view",
    "label",
    "marked",
    "one_line",
    "place",
    "plain",
    "render",
    "side_by_side",
    "store_added",
    "store_listing",
    "store_stats",
    "stories_record",
    "stories_view",
    "summary",
    "told_by",
    "view",
]

WIDTH = 100
EXCERPT = 400  # characters of each article a `duplicate` finding shows


# The terminal report opens with the top findings when there are more than this many.
TOP_AFTER = 20
TOP = 10


def render(report: Report) -> str:
    """The report as plain text (pairs listed when there are few)."""
    return plain(view(report))


def view(report: Report, show_pairs: bool | None = None) -> list[Block]:
    """The human report: summary, the variant tables of stories that several outlets tell
    differently, then findings and pairs grouped by document pair, the pair with the most
    severe findings first. Pairs are listed when ``show_pairs`` (by default, when there are
    at most 40)."""
    blocks: list[Block] = [summary(report), *top_findings(report)]
    blocks += stories_view(report, reported(report))
    pairs_by_id = {p.id: p for p in report.pairs}
    if show_pairs is None:
        show_pairs = len(report.pairs) <= 40
    for (doc_a, doc_b), (findings, pairs) in _by_document_pair(report).items():
        if not findings and not show_pairs:
            continue
        blocks += [
            BLANK,
            Rule(f"{label(report.document(doc_a))} ↔ {label(report.document(doc_b))}"),
        ]
        for finding in findings:
            blocks += finding_view(report, finding, pairs_by_id.get(finding.pair or ""))
        if show_pairs:
            blocks += _pairs_view(report, pairs, findings)
    if report.only == "pairs":
        blocks += [
            BLANK,
            Styled("Claims not checked: the run stopped after pairing (--only pairs)."),
        ]
    elif not report.findings:
        blocks += [BLANK, Styled.join(("No discrepancies found.", "ok"))]
    return blocks


def top_findings(report: Report) -> list[Block]:
    """Over `TOP_AFTER` findings, the `TOP` most severe, one line each, before the long
    cards: the reader sees what matters without scrolling through every card."""
    if len(report.findings) <= TOP_AFTER:
        return []
    ranked = sorted(report.findings, key=lambda f: -SEVERITY_RANK[f.severity])[:TOP]
    lines: list[Block] = [BLANK, Rule(f"Top findings ({TOP} of {len(report.findings)})")]
    for finding in ranked:
        message = " ".join(one_line(finding.message).split())
        severity = (finding.severity, finding.severity)
        lines += [Styled.join(severity, f" {finding.rule}  {message}"), place(report, finding.a)]
    return lines


def _by_document_pair(
    report: Report,
) -> dict[tuple[str, str], tuple[list[Finding], list[Pair]]]:
    groups: dict[tuple[str, str], tuple[list[Finding], list[Pair]]] = defaultdict(lambda: ([], []))
    for finding in report.findings:
        groups[(finding.a.doc, finding.b.doc)][0].append(finding)
    for pair in report.pairs:
        groups[(pair.a.doc, pair.b.doc)][1].append(pair)

    def worst(item: tuple[tuple[str, str], tuple[list[Finding], list[Pair]]]) -> tuple[int, int]:
        findings = item[1][0]
        top = max((SEVERITY_RANK[f.severity] for f in findings), default=-1)
        return (-top, -len(findings))

    return dict(sorted(groups.items(), key=worst))


def summary(report: Report) -> Box:
    """The counts of the run: documents, pairs, groups, findings by severity and rule."""
    counts = report.counts()
    severities = [
        (f"{counts['severity'][s]} {s}", s)
        for s in ("error", "warning", "info")
        if counts["severity"][s]
    ]
    runs: list[str | tuple[str, str]] = []
    for k, run in enumerate(severities):
        runs += [", "] * bool(k) + [run]
    rows = [
        ("documents", Styled(_documents_count(report))),
        ("passage pairs", Styled(str(len(report.pairs)))),
        ("near-duplicate groups", Styled(str(len(report.clusters)))),
        ("findings", _findings_count(report, runs)),
    ]
    rows += [("", Styled(f"{n} × {rule}")) for rule, n in sorted(counts["rule"].items())]
    return Box("dedupe", tuple(rows))


def _documents_count(report: Report) -> str:
    """ "30 from 5 sources", or for a check "10 new articles against 20 in the corpus"."""
    sources = f"from {len(report.sources)} sources"
    if not report.new:
        return f"{len(report.documents)} {sources}"
    new, known = len(report.new), len(report.documents) - len(report.new)
    return f"{new} new article{'s' * (new != 1)} against {known} in the corpus, {sources}"


def _findings_count(report: Report, runs: list[str | tuple[str, str]]) -> Styled:
    if report.only == "pairs":
        return Styled("not checked (--only pairs)")
    return Styled.join(*runs) if runs else Styled("none")


def verdict(
    report: Report, fail_on: Severity, accepted: int = 0, stale: int = 0
) -> tuple[bool, str]:
    """Whether a check fails, and its closing line, as ruff ends a run: "Failed: 3 findings
    at or above warning (4 accepted by the baseline, 1 stale)"."""
    gate = SEVERITY_RANK[fail_on]
    failing = sum(SEVERITY_RANK[f.severity] >= gate for f in report.findings)
    below = len(report.findings) - failing
    counted = f"{_findings(failing) if failing else 'no findings'} at or above {fail_on}"
    notes = [f"{below} below"] * bool(below)
    notes += [f"{accepted} accepted by the baseline"] * bool(accepted)
    notes += [f"{stale} stale"] * bool(stale)
    aside = f" ({', '.join(notes)})" if notes else ""
    return bool(failing), f"{'Failed' if failing else 'Passed'}: {counted}{aside}"


def _findings(count: int) -> str:
    return f"{count} finding" + "s" * (count != 1)


def label(doc: Document) -> str:
    """The source and the title (or the document id), short enough for a heading."""
    name = doc.title or doc.id
    return one_line(f"{doc.source}: {name if len(name) <= 36 else name[:35] + '…'}")


def finding_view(report: Report, finding: Finding, pair: Pair | None) -> list[Block]:
    """A finding: its severity, rule and message, where its two spans are, the two
    passages side by side, and its fingerprint."""
    head = Styled.join((finding.severity, finding.severity), " ", (finding.rule, "rule"), "  ")
    head = Styled(head.text + clean(finding.message), head.marks)
    if finding.rule == "duplicate":  # whole articles: their openings say enough
        sides = side_by_side(report, finding.a, finding.b, excerpt=True)
    elif pair is None:
        sides = side_by_side(report, finding.a, finding.b)
    else:
        sides = side_by_side(report, pair.a, pair.b, (finding.a, finding.b))
    return [head, *sides, Styled.join((f"  fingerprint {finding.id}", "dim"))]


def side_by_side(
    report: Report,
    a: Span,
    b: Span,
    focus: tuple[Span, Span] | None = None,
    excerpt: bool = False,
) -> list[Block]:
    """Where the spans are (one line each, so file:line:col stays whole), then the two texts
    in columns: the words that differ marked, and the claims of a finding in reverse.

    With ``excerpt`` only the first `EXCERPT` characters of each text are shown.
    """
    if focus is None:
        texts = (_excerpt(a.text), _excerpt(b.text)) if excerpt else (a.text, b.text)
        marked_a, marked_b = marked(*texts)
    else:
        fa, fb = focus
        inner_a, inner_b = marked(fa.text, fb.text)
        marked_a = _focused(a, fa, inner_a)
        marked_b = _focused(b, fb, inner_b)
    where = focus or (a, b)
    headers = (one_line(report.document(a.doc).source), one_line(report.document(b.doc).source))
    return [
        place(report, where[0]),
        place(report, where[1]),
        SideBySide(headers, (marked_a, marked_b)),
    ]


def _focused(outer: Span, inner: Span, inner_marks: Styled) -> Styled:
    """``outer``'s text with ``inner`` (a claim inside it) in reverse, and its marks."""
    shift = inner.start - outer.start
    marks = [(shift, inner.end - outer.start, "claim")]
    marks += [(s + shift, e + shift, style) for s, e, style in inner_marks.marks]
    return Styled(clean(outer.text), tuple(marks))


def place(report: Report, span: Span) -> Styled:
    """``path:line:column`` of a span, on a line of its own."""
    doc = report.document(span.doc)
    # A JSON record's lines count in its text, not in the file: name the record.
    where = doc.id if "#" in doc.id else doc.path
    text = f"  {one_line(where)}:{span.line}:{span.column}"
    return Styled(text, ((0, len(text), "place"),), wrap=False)


def _excerpt(text: str) -> str:
    """The first `EXCERPT` characters of ``text``, cut after a word, then "…"."""
    if len(text) <= EXCERPT:
        return text
    space = text.rfind(" ", EXCERPT // 2, EXCERPT)
    return text[: space if space > 0 else EXCERPT].rstrip() + " …"


def marked(a: str, b: str) -> tuple[Styled, Styled]:
    """Both texts as written, the words that differ marked ("removed" in a, "added" in
    b); a diff too costly to compute (`worddiff.bounded_changes`) leaves them unmarked."""
    ops = worddiff.bounded_changes(a, b)
    removed = tuple((op.a_start, op.a_end, "removed") for op in ops)
    added = tuple((op.b_start, op.b_end, "added") for op in ops)
    return Styled(clean(a), removed), Styled(clean(b), added)


def _pairs_view(report: Report, pairs: list[Pair], findings: list[Finding]) -> list[Block]:
    """The passage pairs no finding already shows."""
    flagged = {f.pair for f in findings}
    blocks: list[Block] = []
    for pair in pairs:
        if pair.id not in flagged:
            blocks.append(Styled.join((f"pair {pair.id}  similarity {pair.score:.2f}", "dim")))
            blocks += side_by_side(report, pair.a, pair.b)
    return blocks


# --- claims ----------------------------------------------------------------------------


def claims_table(rows: Sequence[tuple[Document, Claim]], several: bool = False) -> Table:
    """The claims of articles, one row each: where (with the document when ``several``),
    kind, text and what dedupe read in it."""
    headers = ("document", "where", "kind", "text", "value")[0 if several else 1 :]
    table_rows = []
    for doc, claim in rows:
        line, column = doc.position(claim.start)
        cells = [one_line(doc.id)] * several
        cells += [f"{line}:{column}", claim.kind, clean(claim.text), clean(claim_value(claim))]
        table_rows.append(tuple(Styled(cell) for cell in cells))
    return Table(headers, tuple(table_rows))


def claim_value(claim: Claim) -> str:
    """What dedupe read in a claim: a value and its qualifiers, a period, a speaker..."""
    if isinstance(claim, NumberClaim):
        value = f"{claim.low:g}" if claim.low == claim.high else f"{claim.low:g}..{claim.high:g}"
        extras = [claim.hedge, "vague" if claim.vague else None, claim.unit, claim.counted]
        return " ".join([value, *(f"[{e}]" for e in extras if e)])
    if isinstance(claim, DateClaim):
        if claim.first is None:
            return f"unresolved ({claim.granularity})"
        span = f"{claim.first}" if claim.first == claim.last else f"{claim.first}..{claim.last}"
        return f"{span} ({claim.granularity})"
    if isinstance(claim, QuoteClaim):
        return f"speaker: {claim.speaker or '?'}"
    if isinstance(claim, NameClaim):
        return f"{claim.name} ({claim.category})"
    return f"{claim.source} ({claim.cue})"


# --- the store -------------------------------------------------------------------------


def store_added(path: Path, done: AddResult, total: int) -> str:
    """What ``dedupe index add`` did to the store at ``path``, which now holds ``total``."""
    return (
        f"added {done.added}, replaced {done.replaced}, unchanged {done.unchanged}; "
        f"{path} holds {total} documents"
    )


def store_listing(entries: Iterable[Entry]) -> list[str]:
    """A line per stored document: id, source, date and title, tab-separated."""
    return [
        "\t".join(
            one_line(field)  # a tab or line break would split the record
            for field in (e.id, e.source, e.date.isoformat() if e.date else "", e.title or "")
        )
        for e in entries
    ]


def store_stats(path: Path, stats: Stats) -> str:
    """The size of the store at ``path``, a line per figure."""
    return (
        f"store      {path}\ndocuments  {stats.documents}\nsources    {stats.sources}\n"
        f"terms      {stats.terms}\nsize       {stats.bytes:,} bytes\nschema     {stats.schema}"
    )


# --- plain text ------------------------------------------------------------------------


def plain(blocks: Iterable[Block], width: int = WIDTH) -> str:
    """The blocks as plain text, ``width`` columns wide, styles dropped."""
    lines: list[str] = []
    for block in blocks:
        lines += _plain(block, width)
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _plain(block: Block, width: int) -> list[str]:
    if isinstance(block, Styled):
        return _wrapped(block.text, width) if block.wrap else block.text.split("\n")
    if isinstance(block, Rule):
        room = width - 6
        name = block.title if len(block.title) <= room else block.title[: room - 1] + "…"
        left = (width - len(name) - 2) // 2
        return [("─" * left + f" {name} ").ljust(width, "─")]
    if isinstance(block, Box):
        size = max((len(name) for name, _ in block.rows), default=0)
        rows = [f"  {name.ljust(size)}   {value.text}" for name, value in block.rows]
        return [block.title, *rows]
    if isinstance(block, SideBySide):
        return _columns(list(block.headers), [list(t.text for t in block.texts)], width)
    return _columns(list(block.headers), [[c.text for c in row] for row in block.rows], width)


def _wrapped(text: str, width: int) -> list[str]:
    out: list[str] = []
    for line in text.split("\n"):
        out += textwrap.wrap(line, width, replace_whitespace=False) or [""]
    return out


def _columns(headers: list[str], rows: Sequence[list[str]], width: int) -> list[str]:
    """Cells in columns of the width their content needs, shared out when too wide, each
    cell wrapped in its column; columns are set apart by " │ "."""
    count = len(headers)
    natural = [
        max([len(headers[k]), *(len(line) for row in rows for line in row[k].split("\n"))])
        for k in range(count)
    ]
    room = max(count, width - 3 * (count - 1))
    widths = natural if sum(natural) <= room else _shared(natural, room)
    out = [" │ ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    out.append("─┼─".join("─" * w for w in widths))
    for row in rows:
        cells = [_wrapped(cell, w) for cell, w in zip(row, widths, strict=True)]
        for k in range(max(len(c) for c in cells)):
            parts = (c[k] if k < len(c) else "" for c in cells)
            out.append(" │ ".join(p.ljust(w) for p, w in zip(parts, widths, strict=True)))
    return out


def _shared(natural: list[int], room: int) -> list[int]:
    """Column widths that fit ``room``: narrow columns keep their width, the others share
    what is left equally."""
    widths = list(natural)
    while sum(widths) > room:
        wide = [k for k, w in enumerate(widths) if w * len(widths) > room]
        narrow = sum(w for k, w in enumerate(widths) if k not in wide)
        share = max(1, (room - narrow) // max(1, len(wide)))
        if all(widths[k] <= share for k in wide):
            break
        for k in wide:
            widths[k] = min(widths[k], share)
    return widths
