"""All the claims of a passage: numbers, dates, quotations, names and attributions.

Each kind has its own module and grammar; this module runs them over one span of a document
and hands back the results together, in document order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from dedupe.attribution import extract_attributions
from dedupe.dates import extract_dates
from dedupe.model import (
    AttributionClaim,
    Claim,
    DateClaim,
    Document,
    NameClaim,
    NumberClaim,
    QuoteClaim,
)
from dedupe.names import extract_names
from dedupe.numbers import extract_numbers
from dedupe.quotes import extract_quotes

C = TypeVar("C", NumberClaim, DateClaim, QuoteClaim, NameClaim, AttributionClaim)


@dataclass(frozen=True)
class Claims:
    """The claims found in one span of one document, by kind."""

    numbers: tuple[NumberClaim, ...]
    dates: tuple[DateClaim, ...]
    quotes: tuple[QuoteClaim, ...]
    names: tuple[NameClaim, ...]
    attributions: tuple[AttributionClaim, ...]

    def within(self, start: int, end: int) -> Claims:
        """The claims that lie inside ``[start, end)``."""

        def keep(found: tuple[C, ...]) -> tuple[C, ...]:
            return tuple(c for c in found if start <= c.start and c.end <= end)

        return Claims(
            keep(self.numbers),
            keep(self.dates),
            keep(self.quotes),
            keep(self.names),
            keep(self.attributions),
        )

    def all(self) -> list[Claim]:
        """Every claim, in document order."""
        found: list[Claim] = [
            *self.numbers,
            *self.dates,
            *self.quotes,
            *self.names,
            *self.attributions,
        ]
        return sorted(found, key=lambda c: (c.start, c.end, c.kind))


def extract(doc: Document, start: int | None = None, end: int | None = None) -> Claims:
    """The claims in ``doc.text[start:end]`` (the article body when no span is given)."""
    text = doc.text
    lo = doc.body_start if start is None else start
    hi = len(text) if end is None else end
    return Claims(
        numbers=tuple(extract_numbers(text, lo, hi)),
        dates=tuple(extract_dates(text, doc.date, lo, hi)),
        quotes=tuple(extract_quotes(text, lo, hi, floor=doc.body_start)),
        names=tuple(extract_names(text, lo, hi)),
        attributions=tuple(extract_attributions(text, lo, hi)),
    )
