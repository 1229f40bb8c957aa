"""Claims of a whole article and of its paired passages only."""

from __future__ import annotations

from pathlib import Path

from dedupe.claims import (
    context_spans,
    extract,
    extract_passages,
    of_passages,
    passage_spans,
    restrict,
)
from dedupe.config import Settings
from dedupe.ingest import load
from dedupe.model import Document
from dedupe.pairing import pair
from dedupe.workers import Local


def test_passage_claims_are_the_whole_article_claims_inside_the_passages(seeds: Path) -> None:
    docs, _ = load([seeds])
    by_id = {d.id: d for d in docs}
    pairs = pair(docs, Settings()).pairs
    assert pairs
    for p in pairs:
        for span in (p.a, p.b):
            doc = by_id[span.doc]
            where = (span.start, span.end)
            whole = extract(doc)
            passages = extract_passages(doc, [where])
            got, want = passages.within(*where), whole.within(*where)
            assert (got.numbers, got.dates, got.quotes) == (want.numbers, want.dates, want.quotes)
            # A category can rest on the rest of the article ("Choe Son-hui said" later).
            assert [n.name for n in got.names] == [n.name for n in want.names]
            stored = restrict(whole, doc, [where])
            assert stored.within(*where) == want
            context = context_spans(doc, [where])
            for found in (passages, stored):
                assert all(
                    any(s <= n.start and n.end <= e for s, e in context) for n in found.names
                )


def test_passage_claims_come_back_packed_and_read_as_extracted(seeds: Path) -> None:
    docs, _ = load([seeds])
    by_id = {d.id: d for d in docs}
    spans = passage_spans(pair(docs, Settings()).pairs)
    whole = extract(by_id[next(iter(spans))])
    known = {next(iter(spans)): whole}  # a store's claims are packed too
    packed = of_passages(docs, spans, Local(1), known)
    assert list(packed) == list(spans) and len(packed) == len(spans)
    assert all(isinstance(held, bytes) for held in packed.packed.values())
    for doc, where in spans.items():
        wanted = extract_passages(by_id[doc], where)
        if doc in known:
            wanted = restrict(whole, by_id[doc], where)
        assert packed[doc] == wanted
        assert packed[doc] is not packed[doc]  # each read unpacks: nothing held as objects


def test_names_before_quotes_are_kept_for_their_speakers() -> None:
    text = (
        "Mayor Ana Ruiz toured the coast on Monday. Officials counted 300 homes. "
        '"We will rebuild," she said. Later, Governor Tom Lee flew in.'
    )
    doc = Document("d", "d.txt", "s", text)
    quoted = text.index('"We')
    claims = extract_passages(doc, [(quoted, text.index(" Later"))])
    assert [c.speaker for c in claims.quotes] == ["Ana Ruiz"]
    assert {n.name for n in claims.names} == {"Ana Ruiz"}
    plain = extract_passages(doc, [(text.index("Officials"), quoted)])
    assert plain.names == () and [c.text for c in plain.numbers] == ["300 homes"]


def test_no_claims_outside_the_passages_but_names_before_quotes() -> None:
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
