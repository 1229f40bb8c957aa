"""Stories in the human report: each story's claims as a variant table, as text blocks.

A story's table has one row per reading of each slot: what the slot is about, the reading
as written, the outlets that read it so, and the finding the slot raised. The most widely
given reading of a slot comes first; the others are marked, so that "nine outlets say
about 10,000, one says 12,000" reads at a glance. `emit.text` puts them in its report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from dedupe.emit._blocks import BLANK, Block, Rule, Styled, Table, one_line
from dedupe.model import SEVERITY_RANK, Finding, Slot, Story
from dedupe.report import Report, story_dict
from dedupe.stories.slots import disagreeing

# A story enters the compare report when this many outlets tell it: with two, its findings
# already say all a variant table would.
REPORTED_SOURCES = 3
STORIES_SCHEMA = "dedupe.stories/1"
READING = 80
_HEADERS = ("claim", "reading", "outlets", "finding")


def reported(report: Report) -> list[Story]:
    """The stories the compare report shows: told by `REPORTED_SOURCES` outlets or more,
    with at least one finding on their claims, the most widely told first."""
    found = worst_by_slot(report.findings)
    return [s for s in told_by(report, REPORTED_SOURCES) if any(k.id in found for k in s.slots)]


def told_by(report: Report, sources: int) -> list[Story]:
    """The stories told by at least ``sources`` outlets, the most widely told first."""
    return sorted((s for s in report.stories if len(s.sources) >= sources), key=_order)


def stories_record(report: Report, stories: Sequence[Story]) -> dict[str, Any]:
    """The ``dedupe.stories/1`` JSON object: the stories as ``dedupe.report/1`` holds them,
    and their documents without their texts."""
    wanted = {d for s in stories for d in s.documents}
    documents = [
        {"id": d.id, "source": d.source, "date": d.date.isoformat() if d.date else None}
        | {"title": d.title, "url": d.url}
        for d in report.documents
        if d.id in wanted
    ]
    return {
        "schema": STORIES_SCHEMA,
        "stories": [story_dict(s) for s in stories],
        "documents": documents,
    }


def _order(story: Story) -> tuple[int, int, str]:
    return (-len(story.sources), -len(story.documents), story.id)


Shown = Literal["found", "differing", "every"]


def stories_view(report: Report, stories: Sequence[Story], shown: Shown = "found") -> list[Block]:
    """A heading, the headlines and a variant table per story, of the claims that raised a
    finding (``found``), that are read differently (``differing``), or of all of them."""
    worst = worst_by_slot(report.findings)
    blocks: list[Block] = []
    for story in stories:
        slots = _chosen(story, shown, worst)
        blocks += [BLANK, Rule(_title(story)), _headlines(report, story)]
        if slots:
            rows = [row for slot in slots for row in _rows(report, slot, worst.get(slot.id))]
            blocks.append(Table(_HEADERS, tuple(rows)))
        if len(slots) < len(story.slots):
            rest = f"{len(story.slots) - len(slots)} more claims, {_rest(shown)}."
            blocks.append(Styled.join((rest, "dim")))
    return blocks


def _chosen(story: Story, shown: Shown, worst: Mapping[str, Finding]) -> Sequence[Slot]:
    if shown == "every":
        return story.slots
    if shown == "differing":
        return disagreeing(story)
    return [slot for slot in story.slots if slot.id in worst]


def _rest(shown: Shown) -> str:
    """What the claims a view leaves out have in common."""
    return "read alike by every outlet" if shown == "differing" else "none of them flagged"


def _title(story: Story) -> str:
    return f"Story {story.id}: {len(story.documents)} articles from {len(story.sources)} outlets"


def _headlines(report: Report, story: Story) -> Styled:
    """The story's distinct headlines (three at most), to tell what it is about."""
    titles = dict.fromkeys(one_line(report.document(d).title or "") for d in story.documents)
    shown = [t for t in titles if t][:3]
    more = len([t for t in titles if t]) - len(shown)
    text = " · ".join(shown) + (f" (+{more} more)" if more > 0 else "")
    return Styled.join((text or "(no headlines)", "dim"))


def _rows(report: Report, slot: Slot, finding: Finding | None) -> list[tuple[Styled, ...]]:
    """One row per reading: the first plain, the rarer ones marked with the finding's
    severity (or as a warning when the slot raised none)."""
    style = finding.severity if finding else "warning"
    rows: list[tuple[Styled, ...]] = []
    for n, variant in enumerate(slot.variants):
        reading = shortened(one_line(variant.text))
        rows.append(
            (
                Styled(f"{slot.kind}: {one_line(slot.key)}" if n == 0 else ""),
                Styled.join((reading, style) if n else reading),
                Styled(_outlets(report, variant.documents)),
                _rule(finding) if finding and n == 0 else BLANK,
            )
        )
    return rows


def _rule(finding: Finding) -> Styled:
    """The rule of a slot's finding, kept on one line."""
    return Styled(finding.rule, ((0, len(finding.rule), finding.severity),), wrap=False)


def shortened(text: str) -> str:
    """A reading cut to `READING` characters at a word: a long quote's start tells it."""
    if len(text) <= READING:
        return text
    return text[: text.rfind(" ", 0, READING) if " " in text[:READING] else READING] + " …"


def _outlets(report: Report, documents: Sequence[str]) -> str:
    """The outlets that give a reading: named when few, else counted with the first named."""
    names = sorted({report.document(d).source for d in documents})
    if len(names) <= 3:
        return ", ".join(names)
    return f"{len(names)} outlets: {', '.join(names[:2])}, …"


def worst_by_slot(findings: Sequence[Finding]) -> Mapping[str, Finding]:
    """The most severe finding of each slot."""
    worst: dict[str, Finding] = {}
    for finding in findings:
        if finding.slot is None:
            continue
        held = worst.get(finding.slot)
        if held is None or SEVERITY_RANK[finding.severity] > SEVERITY_RANK[held.severity]:
            worst[finding.slot] = finding
    return worst
