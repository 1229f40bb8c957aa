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
from dedupe.model import Document, Finding, NameClaim
from dedupe.normalize import fold


def check(docs: DocumentPair) -> Iterator[Finding]:
    """The names of two articles that share passages that are variants of each other."""
    a, b = _Spellings.of(docs.claims_a.names), _Spellings.of(docs.claims_b.names)
    yield from _variants(docs.a, docs.b, a, b)


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


def _variants(da: Document, db: Document, a: _Spellings, b: _Spellings) -> Iterator[Finding]:
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
                    yield finding(
                        "name-variant",
                        None,
                        da.span(x.start, x.end),
                        db.span(y.start, y.end),
                        message,
                    )


def is_variant(a: str, b: str) -> bool:
    """Two spellings of one multi-word name: every word alike, some not identical.

    "Sergei Lavrov" / "Sergey Lavrov" is a variant; "Vladimir Putin" / "Vladimir Zelensky"
    is two people, and so is "Kim Jong Un" / "Kim Yo Jong".
    """
    wa, wb = fold(a).split(), fold(b).split()
    if len(wa) != len(wb) or len(wa) < 2 or wa == wb:
        return False
    return all(
        x == y or (x[0] == y[0] and x.rstrip("s") != y.rstrip("s") and fuzz.ratio(x, y) >= 80)
        for x, y in zip(wa, wb, strict=True)
    )
