"""duplicate: an article, or a passage of several sentences, copied nearly verbatim."""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz

from dedupe.checks.evidence import DocumentPair, finding
from dedupe.model import Document, Finding, Span
from dedupe.normalize import fold


def check(docs: DocumentPair) -> Iterator[Finding]:
    """The whole article when most of it is copied, else each copied passage."""
    if docs.overlap >= docs.settings.duplicate_overlap:
        message = f"{docs.overlap:.0%} of the text is shared nearly verbatim with {docs.b.source}"
        yield finding("duplicate", None, _body(docs.a), _body(docs.b), message, (docs.a, docs.b))
        return
    for pair in docs.pairs:
        if len(pair.links) >= 2 and fuzz.ratio(fold(pair.a.text), fold(pair.b.text)) >= 90:
            message = f"a {len(pair.links)}-sentence passage is copied nearly verbatim"
            yield finding("duplicate", pair, pair.a, pair.b, message, (docs.a, docs.b))


def _body(doc: Document) -> Span:
    return doc.span(doc.body_start, len(doc.text.rstrip()))
