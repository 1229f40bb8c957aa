"""All the claims of a passage: numbers, dates, quotations, names and attributions.

Each kind has its own module and grammar (`numbers`, `dates`, `quotes`, `names`,
`attribution`); this package runs them over spans of a document and hands back the results
together, in document order, and `of_passages` runs them over every paired passage.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from dedupe.claims.attribution import extract_attributions
from dedupe.claims.dates import extract_dates
from dedupe.claims.names import extract_names
from dedupe.claims.numbers import extract_numbers
from dedupe.claims.quotes import LOOKBACK, Speakers, extract_quotes, quote_marks
from dedupe.model import (
    AttributionClaim,
    C,
    Claim,
    DateClaim,
    Document,
    NameClaim,
    NumberClaim,
    Pair,
    QuoteClaim,
    inside,
)
from dedupe.workers import Executor


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
        return Claims(
            inside(self.numbers, start, end),
            inside(self.dates, start, end),
            inside(self.quotes, start, end),
            inside(self.names, start, end),
            inside(self.attributions, start, end),
        )

    def to_data(self) -> dict[str, list[dict[str, Any]]]:
        """Plain JSON-able data (the store keeps claims so a check need not extract them)."""
        return {kind: [_plain(asdict(c)) for c in getattr(self, kind)] for kind, _ in _KINDS}

    @classmethod
    def from_data(cls, data: Mapping[str, list[dict[str, Any]]]) -> Claims:
        """The inverse of `to_data`."""
        loaded = {
            kind: tuple(_claim(kind_class, item) for item in data.get(kind, []))
            for kind, kind_class in _KINDS
        }
        return cls(**loaded)

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


_KINDS: tuple[tuple[str, type[Any]], ...] = (
    ("numbers", NumberClaim),
    ("dates", DateClaim),
    ("quotes", QuoteClaim),
    ("names", NameClaim),
    ("attributions", AttributionClaim),
)


def record(doc: Document, claim: Claim) -> dict[str, Any]:
    """A claim as plain JSON-able data, with its document and 1-based line and column."""
    line, column = doc.position(claim.start)
    return {"doc": doc.id, "line": line, "column": column, **_plain(asdict(claim))}


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}


def _claim(kind: type[Any], item: Mapping[str, Any]) -> Any:
    values: dict[str, Any] = {}
    for key, value in item.items():
        if key in ("first", "last") and value is not None:
            value = dt.date.fromisoformat(value)
        elif isinstance(value, list):
            value = tuple(value)
        values[key] = value
    return kind(**values)


def extract(doc: Document, start: int | None = None, end: int | None = None) -> Claims:
    """The claims in ``doc.text[start:end]`` (the article body when no span is given)."""
    text = doc.text
    lo = doc.body_start if start is None else start
    hi = len(text) if end is None else end
    names = extract_names(text, lo, hi)
    attributions = extract_attributions(text, lo, hi)
    # From the start of the article the quotes' look-back window is this span itself.
    known = (names, attributions) if lo == doc.body_start else None
    return Claims(
        numbers=tuple(extract_numbers(text, lo, hi)),
        dates=tuple(extract_dates(text, doc.date, lo, hi)),
        quotes=tuple(extract_quotes(text, lo, hi, floor=doc.body_start, known=known)),
        names=tuple(names),
        attributions=tuple(attributions),
    )


def extract_passages(doc: Document, spans: Iterable[tuple[int, int]]) -> Claims:
    """What the checks of passages ``spans`` of ``doc`` need: the claims inside the spans,
    and the names and attributions before a span with quotation marks, back as far as
    quotes look for their speakers (`quotes.LOOKBACK`).

    Far cheaper than `extract` on an archive, where passages cover a fraction of the text.
    """
    text = doc.text
    merged = _merged(spans)
    names: list[NameClaim] = []
    attributions: list[AttributionClaim] = []
    quotes: list[QuoteClaim] = []
    for start, end in context_spans(doc, merged):
        found = extract_names(text, start, end), extract_attributions(text, start, end)
        names += found[0]
        attributions += found[1]
        quotes += _quotes(doc, [s for s in merged if start <= s[0] and s[1] <= end], found)
    numbers: list[NumberClaim] = []
    dates: list[DateClaim] = []
    for start, end in merged:
        numbers += extract_numbers(text, start, end)
        dates += extract_dates(text, doc.date, start, end)
    return Claims(tuple(numbers), tuple(dates), tuple(quotes), tuple(names), tuple(attributions))


def _quotes(
    doc: Document,
    spans: list[tuple[int, int]],
    known: tuple[list[NameClaim], list[AttributionClaim]],
) -> list[QuoteClaim]:
    """The quotes of the passages ``spans``, which lie in one stretch of context: its
    speakers are worked out once for all of them (their look-back windows overlap)."""
    marked = [(start, quote_marks(doc.text, start, end)) for start, end in spans]
    quoted = [(start, marks) for start, marks in marked if marks]
    if not quoted:
        return []
    speakers = Speakers(
        doc.text, max(doc.body_start, quoted[0][0] - LOOKBACK), spans[-1][1], *known
    )
    return [claim for start, marks in quoted for claim in speakers.quotes(start, marks)]


def context_spans(doc: Document, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The passages ``spans``, each widened back by the quotes' speaker look-back when it
    holds quotation marks, joined where they meet."""
    widened = [
        (max(doc.body_start, start - LOOKBACK) if quote_marks(doc.text, start, end) else start, end)
        for start, end in spans
    ]
    return _merged(widened)


def restrict(claims: Claims, doc: Document, spans: Iterable[tuple[int, int]]) -> Claims:
    """Of a whole article's claims (the store's), those `extract_passages` would give."""
    merged = _merged(spans)
    context = context_spans(doc, merged)

    def kept(found: tuple[C, ...], where: list[tuple[int, int]]) -> tuple[C, ...]:
        return tuple(c for start, end in where for c in inside(found, start, end))

    return Claims(
        kept(claims.numbers, merged),
        kept(claims.dates, merged),
        kept(claims.quotes, merged),
        kept(claims.names, context),
        kept(claims.attributions, context),
    )


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined, in order."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def of_passages(
    documents: Sequence[Document],
    spans: Mapping[str, list[tuple[int, int]]],
    executor: Executor,
    known: Mapping[str, Claims] | None = None,
) -> Packed:
    """The claims of the passages ``spans`` of each document (`passage_spans`), as
    `extract_passages` gives them, with ``executor``.

    ``known`` holds whole-article claims extracted earlier (by the store): those documents
    take the part of them their passages need (`restrict`) and are not read again.
    """
    known = known or {}
    by_id = {d.id: d for d in documents}
    todo = [(by_id[i], spans[i]) for i in spans if i not in known]
    stored = {i: _pack(restrict(known[i], by_id[i], spans[i])) for i in spans if i in known}
    # The workers inherit the documents; only positions and spans travel to them, and
    # only packed claims come back.
    read = [doc for doc, _ in todo]
    items = [(k, passages) for k, (_, passages) in enumerate(todo)]
    found = executor.map_shared(_passage_claims, read, items, "documents read for claims")
    return Packed({**stored, **{doc.id: packed for doc, packed in zip(read, found, strict=True)}})


def _passage_claims(
    documents: Sequence[Document], item: tuple[int, list[tuple[int, int]]]
) -> bytes:
    return _pack(extract_passages(documents[item[0]], item[1]))


def _pack(claims: Claims) -> bytes:
    return pickle.dumps(claims, protocol=pickle.HIGHEST_PROTOCOL)


@dataclass(frozen=True)
class Packed(Mapping[str, Claims]):
    """Each document's passage claims, held pickled until a check reads them.

    As objects, the claims of a large run are the biggest thing a run holds, and every
    worker that reads them (a forked child touching their reference counts) makes its own
    copy of the pages it reads; pickled they are a few times smaller, and a worker
    unpacks only the documents it checks.
    """

    packed: Mapping[str, bytes]

    def __getitem__(self, doc: str) -> Claims:
        found: Claims = pickle.loads(self.packed[doc])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.packed)

    def __len__(self) -> int:
        return len(self.packed)


def passage_spans(pairs: Iterable[Pair]) -> dict[str, list[tuple[int, int]]]:
    """Each paired document's passage spans, documents in first-seen order."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for p in pairs:
        for span in (p.a, p.b):
            spans[span.doc].append((span.start, span.end))
    return dict(spans)
