"""omission (with ``show_omissions`` only): a figure one source gives and its paired
passage in the other source leaves out."""

from __future__ import annotations

from collections.abc import Iterator

from dedupe.checks.evidence import DocumentPair, finding
from dedupe.claims.numbers import same_kind
from dedupe.model import Finding


def check(docs: DocumentPair) -> Iterator[Finding]:
    """Figures one side of a passage pair gives that the other side does not."""
    if not docs.settings.show_omissions:
        return
    for pair, a, b in docs.passages:
        for x in a.claims.numbers:
            if not any(same_kind(x, y) for y in b.claims.numbers):
                message = f'"{x.text}" is not in the other source\'s passage'
                yield finding(
                    "omission", pair, a.at(x.start, x.end), b.span, message, (a.doc, b.doc)
                )
        for y in b.claims.numbers:
            if not any(same_kind(x, y) for x in a.claims.numbers):
                message = f'"{y.text}" is not in the other source\'s passage'
                yield finding(
                    "omission", pair, a.span, b.at(y.start, y.end), message, (a.doc, b.doc)
                )
