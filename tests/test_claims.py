"""Claims of a whole article and of its paired passages only."""

from __future__ import annotations

from pathlib import Path

from dedupe.claims import extract, extract_passages
from dedupe.config import Settings
from dedupe.ingest import load
from dedupe.model import Document
from dedupe.pairing import pair


def test_passage_claims_are_the_whole_article_claims_inside_the_passages(seeds: Path) -> None:
    docs, _ = load([seeds])
    by_id = {d.id: d for d in docs}
    pairs = pair(docs, Settings()).pairs
    assert pairs
    for p in pairs:
        for span in (p.a, p.b):
            doc = by_id[span.doc]
            whole = extract(doc)
            passages = extract_passages(doc, [(span.start, span.end)])
            assert passages.within(span.start, span.end) == whole.within(span.start, span.end)
            assert passages.names == whole.names


def test_no_claims_outside_the_passages_but_names() -> None:
    text = (
        "Officials said 300 people were evacuated on Monday. "
        "Mayor Ana Ruiz said about 40 homes were lost. "
        '"We will rebuild," she said.'
    )
    doc = Document("d", "d.txt", "s", text)
    second = text.index("Mayor")
    claims = extract_passages(doc, [(second, len(text)), (second, second + 10)])
    assert [c.text for c in claims.numbers] == ["about 40 homes"]
    assert [c.speaker for c in claims.quotes] == ["Ana Ruiz"]
    assert claims.dates == ()
    assert {n.name for n in claims.names} >= {"Ana Ruiz"}
