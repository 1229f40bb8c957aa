"""Slots: the claims of a story's articles lined up, one slot per thing claimed.

The checks say which two claims of two paired passages are versions of one claim (a
`Match`: the same figure counted with other words, the date of one event, one quotation,
one person's name). Within a story, matches chain: a claim of A matched with one of B,
matched with one of C, puts the three in one slot, though A and C were never paired, so a
story of twenty outlets is seen whole. Each slot's versions are grouped into variants by
what they read (a value, a day, a quote's words, a spelling), the most widely given first,
and every finding of a match names its story and slot and says how the story's outlets
read it ("9 of 10 outlets: "about 10,000"; Outlet X: "12,000""). Of the findings that set
the same two readings of one slot against each other, one is kept per article holding the
rarer reading.

Matches between articles of no common story (a sentence copied with one figure changed)
make slots of their own, of those two articles, named by no story.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from dedupe.model import Document, Finding, Match, Slot, Span, Story, Variant
from dedupe.stories.grouping import Stories

Node = tuple[str, str, str, int, int]  # scope, kind, document, start, end
# Kinds in the order a story's table shows them.
KINDS = ("number", "date", "quote", "source", "name")
# From how many outlets a finding's message tells how each of them reads the claim.
_TALLY_FROM = 3


class _Links:
    """Union-find over the claims matched with each other, and each claim's reading."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}
        self.reading: dict[Node, tuple[Span, str]] = {}
        self.keys: dict[Node, Counter[str]] = defaultdict(Counter)

    def root(self, node: Node) -> Node:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def add(self, scope: str, match: Match) -> tuple[Node, Node]:
        nodes = []
        for span, value in ((match.a, match.value_a), (match.b, match.value_b)):
            node = (scope, match.kind, span.doc, span.start, span.end)
            self.parent.setdefault(node, node)
            self.reading.setdefault(node, (span, value))
            nodes.append(node)
        x, y = self.root(nodes[0]), self.root(nodes[1])
        if x != y:
            keep, gone = min(x, y), max(x, y)
            self.parent[gone] = keep
            self.keys[keep].update(self.keys.pop(gone, Counter()))
        self.keys[self.root(nodes[0])][match.key] += 1
        return nodes[0], nodes[1]


def assemble(
    stories: Stories, by_id: Mapping[str, Document], items: Iterable[Match | Finding]
) -> tuple[list[Story], list[Finding]]:
    """The stories with their slots, and every finding (those of matches named by their
    story and slot, with the story's readings in their messages)."""
    links = _Links()
    plain: list[Finding] = []
    found: list[tuple[Finding, Node, Node]] = []
    for item in items:
        if isinstance(item, Finding):
            plain.append(item)
            continue
        x, y = links.add(_scope(stories, item), item)
        found.extend((f, x, y) for f in item.findings)
    slots = _slots(links, by_id)
    named = [_named(f, x, y, links, slots, by_id) for f, x, y in _kept(found, links, slots)]
    return _stories(stories, by_id, slots), [*named, *plain]


def _scope(stories: Stories, match: Match) -> str:
    """The story both articles of a match belong to, else the two articles themselves."""
    story = stories.of.get(match.a.doc)
    if story is not None and story == stories.of.get(match.b.doc):
        return story
    return f"{match.a.doc}\0{match.b.doc}"


def _slots(links: _Links, by_id: Mapping[str, Document]) -> dict[Node, Slot]:
    """Each slot, by the root of its claims."""
    members: dict[Node, list[Node]] = defaultdict(list)
    for node in links.parent:
        members[links.root(node)].append(node)
    return {root: _slot(root, sorted(nodes), links, by_id) for root, nodes in members.items()}


def _slot(root: Node, nodes: list[Node], links: _Links, by_id: Mapping[str, Document]) -> Slot:
    by_value: dict[str, list[Span]] = defaultdict(list)
    for node in nodes:
        span, value = links.reading[node]
        by_value[value].append(span)
    variants = [_variant(value, spans) for value, spans in by_value.items()]
    variants.sort(key=lambda v: (-len(_sources(v, by_id)), v.documents[0], v.spans[0].start))
    digest = hashlib.sha1("\0".join(map(str, root)).encode()).hexdigest()[:10]
    key = links.keys[root].most_common(1)[0][0] if links.keys[root] else root[1]
    return Slot(f"k{digest}", root[1], key, tuple(variants))


def _variant(value: str, spans: list[Span]) -> Variant:
    """One reading: the spans that give it, one per document (its first)."""
    first: dict[str, Span] = {}
    for span in sorted(spans, key=lambda s: (s.doc, s.start)):
        first.setdefault(span.doc, span)
    chosen = tuple(first.values())
    return Variant(chosen[0].text, value, tuple(first), chosen)


def _sources(variant: Variant, by_id: Mapping[str, Document]) -> set[str]:
    return {by_id[doc].source for doc in variant.documents}


def _kept(
    found: list[tuple[Finding, Node, Node]], links: _Links, slots: Mapping[Node, Slot]
) -> list[tuple[Finding, Node, Node]]:
    """One finding per slot, rule, pair of readings and article holding the rarer one."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for finding, x, y in found:
        slot = slots[links.root(x)]
        values = links.reading[x][1], links.reading[y][1]
        rarer = min((x, y), key=lambda n: (_spread(slot, links.reading[n][1]), n))
        key = (slot.id, finding.rule, frozenset(values), rarer[2])
        if key not in seen:
            seen.add(key)
            kept.append((finding, x, y))
    return kept


def _spread(slot: Slot, value: str) -> int:
    return next((len(v.documents) for v in slot.variants if v.value == value), 0)


def _named(
    finding: Finding,
    x: Node,
    y: Node,
    links: _Links,
    slots: Mapping[Node, Slot],
    by_id: Mapping[str, Document],
) -> Finding:
    """``finding`` with its story and slot, and the story's readings when several tell it."""
    slot = slots[links.root(x)]
    story = None if "\0" in x[0] else x[0]
    message = finding.message
    sources = {source for v in slot.variants for source in _sources(v, by_id)}
    if finding.rule != "name-variant" and len(sources) >= _TALLY_FROM:
        message = f"{message}; {tally(slot, by_id)}"
    return replace(finding, story=story, slot=slot.id, message=message)


def tally(slot: Slot, by_id: Mapping[str, Document]) -> str:
    """How the outlets of a slot read it: '9 of 10 outlets: "about 10,000"; Outlet X:
    "12,000"' (outlets named when a reading has one or two)."""
    total = len({s for v in slot.variants for s in _sources(v, by_id)})
    parts = []
    for variant in slot.variants:
        sources = sorted(_sources(variant, by_id))
        who = ", ".join(sources) if len(sources) <= 2 else f"{len(sources)} of {total} outlets"
        parts.append(f'{who}: "{variant.text}"')
    return "; ".join(parts)


def _stories(
    stories: Stories, by_id: Mapping[str, Document], slots: Mapping[Node, Slot]
) -> list[Story]:
    """Each story with the slots its articles give in two sources or more."""
    of_story: dict[str, list[Slot]] = defaultdict(list)
    for root, slot in slots.items():
        if root[0] in stories.members and _shown(slot, by_id):
            of_story[root[0]].append(slot)
    out = []
    for story, documents in stories.members.items():
        chosen = sorted(of_story.get(story, []), key=_order)
        sources = tuple(sorted({by_id[d].source for d in documents}))
        out.append(Story(story, documents, sources, tuple(chosen)))
    return out


def _shown(slot: Slot, by_id: Mapping[str, Document]) -> bool:
    """A slot given by two sources or more; a name's only when it is spelled two ways."""
    sources = {s for v in slot.variants for s in _sources(v, by_id)}
    return len(sources) > 1 and (slot.kind != "name" or len(slot.variants) > 1)


def _order(slot: Slot) -> tuple[int, int, str, int]:
    """Slots with disagreement first, then by kind, then where they are first told."""
    first = slot.variants[0].spans[0]
    return (len(slot.variants) == 1, KINDS.index(slot.kind), first.doc, first.start)


def disagreeing(story: Story) -> Sequence[Slot]:
    """The slots of a story whose versions differ."""
    return [slot for slot in story.slots if len(slot.variants) > 1]
