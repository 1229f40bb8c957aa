"""What every checker reads and what it makes.

A checker reads one `DocumentPair`: two articles from different sources that share
passages, each passage pair with the claims on its two sides. It makes `Finding`s, each
with a content fingerprint that does not depend on line numbers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from dedupe.claims import Claims
from dedupe.config import Settings
from dedupe.model import Document, Finding, Pair, Span
from dedupe.normalize import fold, match_tokens
from dedupe.rules import RULES

# Characters either side of a claim that tell what it is about: a figure's subject can be a
# few words away.
CONTEXT = 60
# Pair score from which two passages surely tell the same event, so their figures and
# dates must agree.
SURE_PAIR = 0.5


@dataclass(frozen=True)
class Side:
    """One side of a passage pair: its document, span and claims."""

    doc: Document
    span: Span
    claims: Claims

    def at(self, start: int, end: int) -> Span:
        """A span of this side's document."""
        return self.doc.span(start, end)

    def context(self, start: int, end: int, width: int = CONTEXT) -> set[str]:
        """Content words around ``text[start:end]``, the claim itself left out."""
        text = self.doc.text
        before = text[max(self.span.start, start - width) : start]
        after = text[end : min(self.span.end, end + width)]
        return set(match_tokens(f"{before} {after}")) - {"#"}


@dataclass(frozen=True)
class DocumentPair:
    """Two paired articles: what every checker reads.

    ``pairs`` are their passage pairs (side ``a`` in document ``a``); ``claims_a`` and
    ``claims_b`` the claims of each document's passages (names and attributions also
    where quotes look for their speakers, as `claims.extract_passages` gives them);
    ``overlap`` the share of the shorter article the other repeats nearly verbatim;
    ``same_story`` whether the two name someone or something in common.
    """

    a: Document
    b: Document
    pairs: Sequence[Pair]
    claims_a: Claims
    claims_b: Claims
    overlap: float
    same_story: bool
    settings: Settings

    @cached_property
    def passages(self) -> tuple[tuple[Pair, Side, Side], ...]:
        """Each passage pair with its two sides, each side with the claims inside it."""
        return tuple(
            (
                pair,
                Side(self.a, pair.a, self.claims_a.within(pair.a.start, pair.a.end)),
                Side(self.b, pair.b, self.claims_b.within(pair.b.start, pair.b.end)),
            )
            for pair in self.pairs
        )


def fingerprint(rule: str, a: Span, b: Span) -> str:
    """A content fingerprint: rule, documents and the words involved, never positions."""
    key = "\0".join((rule, a.doc, b.doc, fold(a.text), fold(b.text)))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def finding(rule: str, pair: Pair | None, a: Span, b: Span, message: str) -> Finding:
    """A `Finding` of ``rule`` at its default severity."""
    severity = RULES[rule].severity
    return Finding(
        fingerprint(rule, a, b), rule, severity, pair.id if pair else None, a, b, message
    )
