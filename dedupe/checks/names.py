"""name-variant: one name spelled two ways by two sources ("Sergei" / "Sergey" Lavrov).

Names are read over the passages and the text before quotes in them (as
`claims.extract_passages` gives them), so a speaker named only before a quote counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from dedupe.checks.evidence import DocumentPair, finding
from dedupe.model import Document, Finding, Match, NameClaim
from dedupe.normalize import fold


def check(docs: DocumentPair) -> Iterator[Match]:
    """The names of two articles that share passages that are one name: spelled alike
    (for the story's slot of that person), or as variants of each other (a finding)."""
    a, b = _Spellings.of(docs.claims_a.names), _Spellings.of(docs.claims_b.names)
    for name, x in a.first.items():
        y = b.first.get(name)
        if y is not None and len(name.split()) > 1:
            yield _match(docs.a, docs.b, x, y, ())
    yield from _variants(docs.a, docs.b, a, b)


def _match(
    da: Document, db: Document, x: NameClaim, y: NameClaim, found: Iterable[Finding]
) -> Match:
    sides = ((da.span(x.start, x.end), fold(x.name)), (db.span(y.start, y.end), fold(y.name)))
    return Match.of("name", x.name, sides, found)


@dataclass(frozen=True)
class _Spellings:
    """A document's names by folded spelling (first occurrence), and grouped by initials."""

    first: dict[str, NameClaim]
    by_initials: dict[tuple[str, ...], list[str]]

    @classmethod
    def of(cls, names: Iterable[NameClaim]) -> _Spellings:
        first: dict[str, NameClaim] = {}
        for claim in names:
            first.setdefault(fold(claim.name), claim)
        # Variants have the same number of words with the same initials: compare only those.
        groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for name in first:
            groups[tuple(word[0] for word in name.split())].append(name)
        return cls(first, dict(groups))


def _variants(da: Document, db: Document, a: _Spellings, b: _Spellings) -> Iterator[Match]:
    """Names of ``da`` and ``db`` that are variants; each spelling pair reported once."""
    for initials, names in a.by_initials.items():
        others = [o for o in b.by_initials.get(initials, ()) if o not in a.first]
        for name in names:
            if name in b.first:
                continue
            for other in others:
                if is_variant(name, other):
                    x, y = a.first[name], b.first[other]
                    message = f'"{x.name}" vs "{y.name}": one name spelled two ways'
                    spans = da.span(x.start, x.end), db.span(y.start, y.end)
                    yield _match(
                        da, db, x, y, [finding("name-variant", None, *spans, message, (da, db))]
                    )


def is_variant(a: str, b: str) -> bool:
    """Two spellings of one multi-word name: every word alike, some not identical.

    "Sergei Lavrov" / "Sergey Lavrov" is a variant; "Vladimir Putin" / "Vladimir Zelensky"
    is two people, and so is "Kim Jong Un" / "Kim Yo Jong". A word and its plural or
    adjective ("Saudi Arabia" / "Saudi Arabian", "Iowa Democrat" / "Iowa Democratic") are
    two forms of one word, not two spellings.
    """
    wa, wb = fold(a).split(), fold(b).split()
    if len(wa) != len(wb) or len(wa) < 2 or wa == wb:
        return False
    return all(
        x == y or (x[0] == y[0] and not _word_forms(x, y) and fuzz.ratio(x, y) >= 80)
        for x, y in zip(wa, wb, strict=True)
    )


# What English adds to a word for its plural, its adjective or its people: "Arabia-n",
# "Democrat-ic", "Israel-i", "Japan-ese", "Iran-ian", "Democrat-s".
_ENDINGS = ("s", "es", "n", "an", "ian", "ic", "i", "ese", "ish", "ean")


def _word_forms(x: str, y: str) -> bool:
    """Whether one word is the other (or its singular) with an ending of `_ENDINGS`."""
    short, long = sorted((x.removesuffix("s"), y.removesuffix("s")), key=len)
    ending = long[len(short) :]
    return long.startswith(short) and (ending == "" or ending in _ENDINGS)
