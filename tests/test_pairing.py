"""Passage pairing: the seed pairs, numbers not deciding, boilerplate never paired."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from dedupe import pairing
from dedupe.config import Settings
from dedupe.ingest import load
from dedupe.model import Document
from dedupe.pairing import Joiner, Packed, pair


def seed_pairs(seeds: Path) -> list[tuple[str, str]]:
    docs, _ = load([seeds])
    return [(p.a.text, p.b.text) for p in pair(docs, Settings()).pairs]


def paired(pairs: list[tuple[str, str]], a: str, b: str) -> bool:
    return any((a in x and b in y) or (b in x and a in y) for x, y in pairs)


def test_seed_quote_sentences_pair(seeds: Path) -> None:
    pairs = seed_pairs(seeds)
    assert paired(
        pairs,
        "stand firmly with Russian comrades until the day of victory",
        "We will always stand firmly by our Russian comrades until victory day",
    )


def test_seed_troop_estimates_pair(seeds: Path) -> None:
    pairs = seed_pairs(seeds)
    assert paired(pairs, "about 10,000 of its military", "up to 10,000 North Korean troops")


def test_boilerplate_is_never_paired(seeds: Path) -> None:
    for a, b in seed_pairs(seeds):
        for text in (a, b):
            assert not re.match(r"(Watch more|Read more|Related)", text)


def docs_for(first: str, second: str, same_source: bool = False) -> list[Document]:
    return [
        Document("a.txt", "a.txt", "A", first),
        Document("b.txt", "b.txt", "A" if same_source else "B", second),
    ]


SENTENCE = "The storm destroyed {n} homes in the coastal province, officials said on Monday."


def test_a_changed_number_does_not_break_a_pair() -> None:
    docs = docs_for(SENTENCE.format(n="1,200"), SENTENCE.format(n="4,750"))
    result = pair(docs, Settings())
    assert len(result.pairs) == 1
    assert result.pairs[0].score > 0.9


def test_same_source_is_not_compared() -> None:
    docs = docs_for(SENTENCE.format(n="3"), SENTENCE.format(n="3"), same_source=True)
    assert pair(docs, Settings()).pairs == []


def test_unrelated_sentences_do_not_pair() -> None:
    docs = docs_for(
        "The central bank raised interest rates by a quarter point on Wednesday.",
        "The striker scored twice as the home side won the cup final in extra time.",
    )
    assert pair(docs, Settings()).pairs == []


def test_adjacent_links_merge_into_one_passage_and_copies_cluster() -> None:
    body = (
        "The council approved the budget after a long debate. "
        "Teachers will receive a raise next year. "
        "The mayor praised the vote as a turning point for the schools."
    )
    docs = docs_for(body, body.replace("long", "lengthy"))
    result = pair(docs, Settings())
    assert len(result.pairs) == 1 and result.pairs[0].links == ((0, 0), (1, 1), (2, 2))
    assert len(result.clusters) == 1 and result.clusters[0].overlap > 0.9
    span = result.pairs[0].a
    assert docs[0].text[span.start : span.end] == span.text


def test_basil_same_event_articles_pair_more_than_different_events(corpora: Path) -> None:
    import json

    lines = (corpora / "basil" / "basil_articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines[:30]]
    docs = [
        Document(r["id"], r["id"], r["source"].lower(), r["text"], title=r["title"])
        for r in records
    ]
    cluster = {r["id"]: r["cluster_id"] for r in records}
    pairs = pair(docs, Settings()).pairs
    same = sum(cluster[p.a.doc] == cluster[p.b.doc] for p in pairs)
    assert pairs and same / len(pairs) > 0.8


FLOOD_A = (
    "Flooding closed the main bridge into Riverton on Tuesday. The mayor said repairs to the "
    "old bridge would take weeks. Residents were told to avoid the river banks until the "
    "water falls. Emergency crews evacuated two schools near the water."
)
FLOOD_B = (
    "The main bridge into Riverton stayed shut after flooding on Tuesday. Repairs will take "
    "several weeks, according to the mayor. People living along the banks were warned to "
    "stay away until the river falls. Two schools by the river were evacuated by emergency "
    "crews."
)


def dated(first: str, second: str, days: int | None) -> list[Document]:
    """Two articles from different sources, ``days`` apart (None: both undated)."""
    day = dt.date(2024, 5, 1)
    later = None if days is None else day + dt.timedelta(days=days)
    return [
        Document("a.txt", "a.txt", "A", first, date=None if days is None else day),
        Document("b.txt", "b.txt", "B", second, date=later),
    ]


@pytest.mark.parametrize("days", [None, 0, 2, -6])
def test_rewritten_coverage_of_one_story_pairs_within_the_story_window(days: int | None) -> None:
    result = pair(dated(FLOOD_A, FLOOD_B, days), Settings())
    assert [p.links for p in result.pairs] == [((0, 0),), ((2, 2), (3, 3))]


def test_articles_far_apart_in_time_are_not_one_story() -> None:
    assert pair(dated(FLOOD_A, FLOOD_B, 90), Settings()).pairs == []
    assert pair(dated(FLOOD_A, FLOOD_B, 90), Settings(story_days=100)).pairs != []


def test_a_sentence_copied_verbatim_pairs_articles_on_different_stories() -> None:
    shared = "The agency has reported a surplus in each of the last four budget years."
    first = f"The harbour ferry will stop running in the winter months. {shared}"
    second = f"{shared} Its new director was chosen from three candidates on Monday."
    result = pair(dated(first, second, 400), Settings())
    assert [(p.a.text, p.b.text) for p in result.pairs] == [(shared, shared)]


BRIDGE = [
    "Flooding closed the main bridge into Riverton on Tuesday after heavy rain.",
    "The main bridge into Riverton stayed shut after the Tuesday flooding.",
    "Riverton's main bridge was closed by floods on Tuesday, officials said.",
    "Heavy rain flooded Riverton and shut its main bridge on Tuesday.",
    "On Tuesday floods forced the closure of the main Riverton bridge.",
    "Officials in Riverton closed the main bridge as floodwater rose on Tuesday.",
]
ASIDES = [
    "Farmers upstream counted losses in their orchards and barns.",
    "The school board postponed its meeting about the new gym.",
    "A local bakery handed out bread to stranded commuters.",
    "Traffic was diverted through the northern ring road for hours.",
    "The weather service expects drier conditions by the weekend.",
    "Volunteers filled sandbags outside the public library.",
]


def test_each_article_is_aligned_with_its_closest_articles_on_the_story() -> None:
    from dedupe.pairing import candidate_documents, prepare

    docs = [
        Document(f"d{k}", f"d{k}", f"S{k}", f"{line} {aside}")
        for k, (line, aside) in enumerate(zip(BRIDGE, ASIDES, strict=True))
    ]
    corpus = prepare(docs, Settings())
    every = candidate_documents(corpus, Settings(story_partners=10))
    closest = candidate_documents(corpus, Settings(story_partners=1))
    assert len(every) == 12 and len(closest) < len(every)
    for k in range(len(docs)):
        best = max((c for c in every if k in c[:2]), key=lambda c: c[2])
        assert best in closest


def test_an_article_many_chose_is_aligned_with_its_closest_partners_only() -> None:
    from dedupe.pairing import candidate_documents, prepare

    docs = [
        Document(f"d{k}", f"d{k}", f"S{k}", f"{line} {aside}")
        for k, (line, aside) in enumerate(zip(BRIDGE, ASIDES, strict=True))
    ]
    corpus = prepare(docs, Settings())
    every = candidate_documents(corpus, Settings(story_partners=10, max_partners=0))
    limited = candidate_documents(corpus, Settings(story_partners=10, max_partners=2))
    assert 0 < len(limited) < len(every)

    def closest(k: int) -> list[tuple[int, int, float]]:
        return sorted((c for c in every if k in c[:2]), key=lambda c: (-c[2], c[:2]))[:2]

    for k in range(len(docs)):
        partners = [c for c in limited if k in c[:2]]
        assert len(partners) <= 2
        assert all(c in closest(k) for c in partners)


@pytest.mark.parametrize("at_once", [None, 1000])  # the weighting a part at a time, too
def test_vectors_are_scikit_learns_tfidf_of_the_units_to_the_last_bit(
    corpora: Path, at_once: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from dedupe import pairing
    from dedupe.pairing import prepare, segment

    if at_once is not None:
        monkeypatch.setattr(pairing, "_ENTRIES_AT_ONCE", at_once)

    records = (corpora / "basil" / "basil_articles.jsonl").read_text(encoding="utf-8")
    docs = [
        Document(r["id"], r["id"], r["source"], r["text"])
        for r in map(json.loads, records.splitlines()[:80])
    ]
    settings = Settings(workers=1)
    corpus = prepare(docs, settings)
    units = [u for doc in docs for u in segment(doc, settings).units.strings()]
    want = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, dtype=np.float32)
    expected = want.fit_transform(units).tocsr()
    got = corpus.vectors
    assert at_once is None or got.nnz > 10 * at_once
    assert got.shape == expected.shape and got.dtype == expected.dtype
    assert np.array_equal(got.indptr, expected.indptr)
    assert np.array_equal(got.indices, expected.indices)
    assert np.array_equal(got.data, expected.data)


def _joined(*parts: Packed) -> Packed:
    joiner = Joiner()
    for part in parts:
        joiner.add(part)
    return joiner.packed()


def test_packed_strings_keep_each_documents_strings() -> None:
    joined = _joined(Packed.of(["naïve café", "b"]), Packed.of([]), Packed.of(["Ωmega", "", "z"]))
    assert len(joined) == 5
    assert joined.strings(0) == ["naïve café", "b"]
    assert joined.strings(1) == []
    assert joined.strings(2) == ["Ωmega", "", "z"]
    assert joined.item(2, 0) == "Ωmega"
    assert joined.raws(2) == ["Ωmega".encode(), b"", b"z"]


def test_packed_strings_may_hold_newlines() -> None:
    joined = _joined(Packed.of(["a\nb", "c"]), Packed.of(["\n", "d\n"]))
    assert joined.strings(0) == ["a\nb", "c"]
    assert joined.strings(1) == ["\n", "d\n"]


def test_a_stored_segmentation_comes_back_the_same(seeds: Path) -> None:
    from dedupe.pairing import Segmented, segment

    docs, _ = load([seeds])
    for doc in docs:
        made = segment(doc, Settings())
        again = Segmented.from_data(made.to_data())
        assert again.to_data() == made.to_data()
        assert again.counts.terms.strings() == made.counts.terms.strings()
        assert (again.counts.indices == made.counts.indices).all()


def test_a_segmentation_stored_with_token_lists_still_reads(seeds: Path) -> None:
    from dedupe.pairing import Segmented, segment

    doc = load([seeds])[0][0]
    made = segment(doc, Settings())
    data = made.to_data()
    older = {**data, "units": [[i, tokens.split()] for i, tokens in data["units"]]}
    assert Segmented.from_data(older).to_data() == data


def test_alignment_reports_passages_by_offsets(seeds: Path) -> None:
    from dedupe.pairing import candidate_documents, pair_documents, pairs_of, prepare

    docs, _ = load([seeds])
    corpus = prepare(docs, Settings())
    for candidate in candidate_documents(corpus, Settings()):
        a, b, found, _ = pair_documents(corpus, candidate, Settings())
        for passage, made in zip(found, pairs_of(docs[a], docs[b], found, {}), strict=True):
            assert made.a.text == docs[a].text[passage.a_start : passage.a_end]
            assert made.b.text == docs[b].text[passage.b_start : passage.b_end]
            assert made.links == passage.links


def test_a_check_limits_the_new_articles_partners_only() -> None:
    from dedupe.pairing import candidate_documents, prepare

    docs = [
        Document(f"d{k}", f"d{k}", f"S{k}", f"{line} {aside}")
        for k, (line, aside) in enumerate(zip(BRIDGE, ASIDES, strict=True))
    ]
    corpus = prepare(docs, Settings())
    new = 2  # the first two documents are the ones checked
    every = candidate_documents(corpus, Settings(story_partners=10, max_partners=0), new)
    limited = candidate_documents(corpus, Settings(story_partners=10, max_partners=1), new)

    def closest(k: int) -> tuple[int, int, float]:
        return min((c for c in every if k in c[:2]), key=lambda c: (-c[2], c[:2]))

    assert limited and set(limited) <= set(every)
    for c in every:
        kept_by_new = all(c == closest(k) for k in c[:2] if k < new)
        assert (c in limited) == kept_by_new


def _random_units(seed: int) -> sp.csr_matrix:
    """Unit vectors as the corpus holds them: float32 rows over a wide vocabulary."""
    rng = np.random.default_rng(seed)
    matrix = sp.random(60, 5_000, density=0.004, format="csr", dtype=np.float32, random_state=rng)
    matrix.data = np.round(matrix.data, 3).astype(np.float32)
    return matrix


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("rows", [((0, 20), (20, 60)), ((5, 6), (30, 31)), ((7, 7), (10, 30))])
def test_unit_cosines_are_the_whole_matrix_product_to_the_last_bit(
    seed: int, rows: tuple[tuple[int, int], tuple[int, int]]
) -> None:
    matrix = _random_units(seed)
    (a0, a1), (b0, b1) = rows
    expected = (matrix[a0:a1] @ matrix[b0:b1].T).toarray()
    found = pairing._unit_cosines(matrix, (a0, a1), (b0, b1))
    assert found.shape == expected.shape and found.dtype == expected.dtype
    assert np.array_equal(found, expected)


@pytest.mark.parametrize("seed", range(5))
def test_shortlist_cosines_are_the_row_by_row_products_to_the_last_bit(seed: int) -> None:
    matrix = _random_units(seed)
    rng = np.random.default_rng(seed)
    lo, hi = 8, 16
    shortlists = [np.unique(rng.integers(0, 60, size=k)) for k in range(hi - lo)]
    found = pairing._cosines(matrix, lo, hi, shortlists)
    for row, cols in enumerate(shortlists):
        expected = np.round((matrix[cols] @ matrix[lo + row].T).toarray().ravel(), 6)
        assert np.array_equal(found[row], expected)
