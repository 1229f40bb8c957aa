"""The bench scripts on tiny samples, so their loaders and sections cannot rot unnoticed."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from dedupe import pairing
from dedupe.config import Settings

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def bench(corpora: Path) -> dict[str, ModuleType]:
    """The bench modules, imported from bench/ (a folder of scripts, not a package)."""
    sys.path.insert(0, str(BENCH))
    try:
        import _corpora
        import findings_quality
        import pairing_quality
    finally:
        sys.path.remove(str(BENCH))
    return {"corpora": _corpora, "pairing": pairing_quality, "findings": findings_quality}


def test_loaders_read_every_corpus(bench: dict[str, ModuleType]) -> None:
    c = bench["corpora"]
    mrpc = c.mrpc_pairs()
    assert len(mrpc) == 4076 and sum(p.paraphrase for p in mrpc) == 2753
    basil = c.basil_articles()
    assert len(basil) == 300 and len({a.cluster for a in basil}) == 100
    assert {a.document.source for a in basil} == {"nyt", "fox", "hpo"}
    bbc = c.bbc_articles()
    assert len(bbc) == 2225 and len({a.document.source for a in bbc}) == 5
    first = bbc[0].document
    assert first.text[first.body_start - 2 : first.body_start] == "\n\n"
    reuters = c.reuters_articles()
    assert {a.document.source for a in reuters[:8]} == {"wire0", "wire1", "wire2", "wire3"}


def test_sample_is_seeded_and_bounded(bench: dict[str, ModuleType]) -> None:
    c = bench["corpora"]
    items = list(range(100))
    assert c.sample(items, 5, 1) == c.sample(items, 5, 1) != c.sample(items, 5, 2)
    assert c.sample(items, None, 1) == items and c.sample(items, 500, 1) == items


def test_table_aligns_columns(bench: dict[str, ModuleType]) -> None:
    text = bench["corpora"].table(["name", "n"], [["a", 1], ["long name", 0.5]])
    lines = text.splitlines()
    assert lines[0] == "name" + " " * 11 + "n"
    assert lines[3] == "long name  0.500"


def test_mrpc_decision_matches_pairing_pair(bench: dict[str, ModuleType]) -> None:
    pq, c = bench["pairing"], bench["corpora"]
    rows = c.sample(c.mrpc_pairs(), 25, 7)
    items = pq.prepare_mrpc(rows, Settings())
    for row, item in zip(rows, items, strict=True):
        expected = bool(pairing.pair(row.documents(), Settings()).pairs)
        assert pq.paired(item, Settings()) == expected
    report = pq.mrpc_report(rows)
    assert "majority class" in report and "best F1" in report


def test_basil_section_scores_two_events(bench: dict[str, ModuleType]) -> None:
    pq, c = bench["pairing"], bench["corpora"]
    articles = c.basil_articles()[:6]
    report = pq.basil_report(articles)
    assert "6 articles, 2 events" in report and "ARI" in report


def test_timing_measures_a_folder(bench: dict[str, ModuleType], tmp_path: Path) -> None:
    pq, c = bench["pairing"], bench["corpora"]
    chosen = c.sample(c.bbc_articles(), 6, 3)
    timing = pq.measure(pq.lay_out(chosen, tmp_path))
    assert timing.documents == 6 and timing.seconds > 0 and timing.peak_mib > 0
    assert {"ingest", "segment+vectors", "claims+findings"} <= set(timing.stages)
    # The wrappers are removed again after the run.
    assert pairing.prepare.__name__ == "prepare"


def test_injectors_change_what_they_say(bench: dict[str, ModuleType]) -> None:
    fq = bench["findings"]
    text = (
        'Police said 23 people died on Monday, March 3. "We will always stand firmly by our '
        'friends," said Sergei Lavrov.'
    )
    for kind in ("number swap", "hedge change", "date change", "quote wording"):
        _, inject = fq.INJECTIONS[kind]
        change = inject(text, random.Random(1))
        assert change is not None and change.text != text, kind
        start, end = change.spots[0]
        assert 0 <= start < end <= len(change.text)
    swapped = fq.number_swap(text, random.Random(1))
    assert "23 people" not in swapped.text


def test_one_article_runs_every_case(bench: dict[str, ModuleType]) -> None:
    fq, c = bench["findings"], bench["corpora"]
    doc = min(c.bbc_articles()[:40], key=lambda a: len(a.document.text)).document
    outcomes = fq.run_article(doc)
    assert outcomes and {o.case.kind for o in outcomes} <= set(fq.INJECTIONS)
    assert "recall" in fq.recall_table(outcomes)
    assert "TOTAL error-level" in fq.false_alarm_table(outcomes)


def test_mrpc_figure_pairs(bench: dict[str, ModuleType]) -> None:
    fq, c = bench["findings"], bench["corpora"]
    rows = fq.figure_only(c.mrpc_pairs())
    assert rows and all(r.first != r.second for r in rows)
    assert "differing only in figures: 3" in fq.mrpc_numbers_report(rows[:3])


def test_scale_bench_runs_on_a_tiny_sample(corpora: Path) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        import scale
    finally:
        sys.path.remove(str(BENCH))
    documents = scale.load_documents(12)
    assert len(documents) == 12 and all(d.text.strip() for d in documents)
    outcome = scale.run_dedupe(documents, Settings(workers=1))
    assert outcome.seconds > 0 and outcome.report_mib > 0
    assert len(scale.shingles("a b c d e f")) == 2  # word 5-grams
    # Both ways of sketching give the same sketches, so the same pairs.
    bulk, update = (scale.run_minhash(documents, bulk=b) for b in (True, False))
    assert bulk.pairs == update.pairs
    runs = [
        scale.Run(engine, 12, docs=12, outcome=outcome)
        for engine, outcome in [("dedupe", outcome), ("minhash", bulk), ("minhash-update", update)]
    ]
    assert "minhash-update s" in scale.summary_table(runs)
    assert sum(line.startswith("speed at 12") for line in scale.verdict(runs)) == 2
    records = [
        {"ID": "late", "date": "2019-05-02", "content_original": "text"},
        {"ID": "undated", "date": "", "content_original": "text"},
        {"ID": "empty", "date": "2010-01-01", "content_original": " "},
        {"ID": "early", "date": "2012-01-09", "content_original": "text"},
    ]
    assert scale._earliest(2, records) == {"early": 0, "late": 1}
    assert list(scale._earliest(9, records)) == ["early", "late", "undated"]
