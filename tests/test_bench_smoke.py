"""The bench scripts on tiny samples, so their loaders and sections cannot rot unnoticed."""

from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import replace
from itertools import islice
from pathlib import Path
from types import ModuleType

import pytest

from dedupe import pairing
from dedupe.config import Settings
from dedupe.model import Document

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def bench(corpora: Path) -> dict[str, ModuleType]:
    """The bench modules, imported from bench/ (a folder of scripts, not a package)."""
    sys.path.insert(0, str(BENCH))
    try:
        import _corpora
        import _parts
        import _real_revisions
        import _revisions
        import findings_quality
        import judge_sample
        import pairing_quality
        import stories_quality
    finally:
        sys.path.remove(str(BENCH))
    return {
        "corpora": _corpora,
        "pairing": pairing_quality,
        "findings": findings_quality,
        "judge": judge_sample,
        "parts": _parts,
        "revisions": _revisions,
        "real": _real_revisions,
        "stories": stories_quality,
    }


def test_judge_sample_draws_errors_or_one_rules_findings(bench: dict[str, ModuleType]) -> None:
    from dedupe import compare

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    report = compare([seeds])
    judge = bench["judge"]
    assert judge.sample(report, 10, 1) == [f for f in report.findings if f.severity == "error"]
    drawn = judge.sample(report, 10, 1, rule="attribution-mismatch")
    assert drawn and {f.rule for f in drawn} == {"attribution-mismatch"}
    assert drawn[0].severity == "warning"


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
    assert all(a.document.date and a.document.title for a in reuters[:500])  # " 5-MAR-1987"
    ecb = c.ecbplus_articles()
    assert len(ecb) == 982 and len({a.cluster for a in ecb}) == 86
    quake = next(a.document for a in ecb if a.document.id == "ecbplus/20_1ecbplus")
    assert "6.1-magnitude" in quake.text and "120,000" in quake.text  # detokeniser mended
    assert quake.source == "news.bbc.co.uk" and quake.date == c.NEUTRAL_DATE
    allsides = c.allsides_articles(islice(c.allsides_records(), 40))
    assert allsides and all(a.document.id.startswith("allsides/") for a in allsides)
    assert all(a.document.date is None or a.document.date.year <= 2020 for a in allsides)


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


def test_stories_bench_scores_a_partition(bench: dict[str, ModuleType]) -> None:
    sq, c = bench["stories"], bench["corpora"]
    articles = c.basil_articles()[:9]
    labels = {a.document.id: a.document.id for a in articles}
    alone = sq.score(articles, labels, 0.0)
    assert (alone.precision, alone.recall, alone.stories) == (0.0, 0.0, 0)
    gold = {a.document.id: str(a.cluster) for a in articles}
    perfect = sq.score(articles, gold, 0.0)
    assert perfect.f1 == pytest.approx(1.0) and perfect.ari == pytest.approx(1.0)
    found = sq.score(articles, *sq.labels_of(articles, Settings()))
    assert found.stories >= 1 and found.precision > 0.5


def test_ecb_documents_without_outlet_get_a_source_each(bench: dict[str, ModuleType]) -> None:
    sources = [a.document.source for a in bench["stories"].ecb_sourced()]
    assert "ecb" not in sources and len(set(sources)) > 400


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


def test_an_attribution_change_credits_a_whole_name_to_another(
    bench: dict[str, ModuleType],
) -> None:
    fq = bench["findings"]
    # Only "Ana Ruiz" is a whole name before "said": the others are parts of names.
    text = (
        "The US Geological Survey said 12 died. Mr. Stone said 40 fled. "
        "Ana Ruiz said 9 homes burned. The Department of Criminal Justice said 3 escaped."
    )
    for seed in range(10):
        change = fq.attribution_change(text, random.Random(seed))
        assert change is not None and change.note.startswith("Ana Ruiz -> ")
        new = change.note.removeprefix("Ana Ruiz -> ")
        assert new in fq._OTHER_SOURCES and f"{new} said 9 homes" in change.text
    assert fq.attribution_change("The US Geological Survey said 12 died.", random.Random(1)) is None


def test_one_article_runs_every_case(bench: dict[str, ModuleType]) -> None:
    fq, c = bench["findings"], bench["corpora"]
    short = sorted(c.bbc_articles()[:40], key=lambda a: len(a.document.text))
    doc = next(a.document for a in short if any(ch.isdigit() for ch in a.document.text))
    outcomes = fq.run_article(doc, short[0].document.text)
    kinds = {o.case.kind for o in outcomes}
    assert kinds <= set(fq.KINDS) and kinds & set(fq.REVISIONS)
    assert "recall" in fq.recall_table(outcomes)
    assert "TOTAL error-level" in fq.false_alarm_table(outcomes)


_STORY = (
    "Cup win for the Blues\n\n"
    "With 18 goals, he is the club's record scorer this season. "
    "The Blues won 2-1 on Saturday, March 3, in front of 41,000 fans.\n\n"
    "Manager Jose Silva said the side played well with ten men in the 10 p.m. kick-off."
)


def test_revisions_change_one_token(bench: dict[str, ModuleType]) -> None:
    rv = bench["revisions"]
    doc = Document("s", "s", "s", _STORY, body_start=_STORY.index("With"))
    figures = rv.figure_sites(doc, random.Random(1))
    # Not the score, the day of March 3, the hour or anything in the headline.
    assert sorted(_STORY[a:b] for a, b in (s.token for s in figures)) == ["18", "41,000"]
    first = next(s for s in figures if _STORY[s.token[0] : s.token[1]] == "18")
    assert "names nobody" in first.details and "names someone" in figures[1].details
    dates = rv.date_sites(doc, random.Random(1))
    assert [_STORY[a:b] for a, b in (s.token for s in dates)] == ["Saturday", "3"]
    filler = "Other story\n\nA first paragraph here.\n\nA second paragraph there."
    for change in (rv.in_article(doc, first, random.Random(2)), rv.two_shared(doc, filler, first)):
        ((start, end),) = change.spots
        assert change.text[start:end] == first.new != "18"
        around = change.text[start - 5 : start] + "18" + change.text[end : end + 30]
        assert around in _STORY  # the rest of the sentence is untouched
    shared = rv.two_shared(doc, filler, first).text
    assert shared.startswith("Other story\n\nA first paragraph here.\n\nWith")
    assert "fans.\n\nA second paragraph there." in shared
    assert rv.revised_figure("2.5", random.Random(3))[0] in {"2.4", "2.6", "2.0", "3.0", "3.4"}


def test_held_out_rule_keeps_parts_apart(bench: dict[str, ModuleType]) -> None:
    c, parts = bench["corpora"], bench["parts"]
    basil = c.basil_articles()
    near = parts.guard(basil, c.bbc_articles()[:100])
    assert 0 < near.threshold < 1
    assert near.closest([basil[0].document.text])[0] > 0.99
    dates = sorted(a.document.date for a in basil)
    doc = Document("x", "x", "Reuters", "word " * 300, dates[0] + dt.timedelta(days=10))
    assert parts.near_tuning_dates(c.Article(doc), dates)
    later = c.Article(replace(doc, date=dt.date(2020, 6, 1)))
    assert parts.outside_tuning(later, dates)
    assert not parts.outside_tuning(c.Article(replace(later.document, source="Fox News")), dates)
    pool = c.allsides_articles(islice(c.allsides_records(), 300))
    drawn = parts.held_out_sample(pool, 3, 1, dates, near)
    assert drawn.articles == parts.held_out_sample(pool, 3, 1, dates, near).articles
    assert len(drawn.articles) == 3 and all(parts.eligible(a, dates) for a in drawn.articles)
    assert drawn.pool == 300 and drawn.eligible < 300


def test_real_revisions_are_one_token(bench: dict[str, ModuleType]) -> None:
    c, real = bench["corpora"], bench["real"]
    # A correction (110 -> 100 pct), two dividend notices of different companies on one day
    # in the silver list, and "Jan" against "January": only the first is a revision.
    wanted = {f"reuters/{n}" for n in (8729, 8763, 3734, 4025, 13211, 13212)}
    articles = [a for a in c.reuters_articles() if a.document.id in wanted]
    silver = real.silver_pairs(
        c.CORPORA / "reuters21578" / "silver_neardup_pairs_jaccard0.8.csv", "reuters/"
    )
    cases = real.mine("reuters", articles, silver + real.title_pairs(articles), 0)
    assert [(r.a.id, r.b.id, r.kind) for r in cases] == [("reuters/8729", "reuters/8763", "number")]
    outcome = real.judge(cases[0])
    assert outcome.paired in (True, False) and outcome.case is cases[0]
    a = Document("a", "a", "a", "The index rose 5 pct on Monday, at 11:07 in Jan trading.")
    b = Document("b", "b", "b", "The index rose 6 pct on Monday, at 11:08 in January trading.")
    assert real.revised_tokens(a, b) == []  # three tokens differ
    b = replace(b, text=a.text.replace("5 pct", "6 pct"))
    assert real.revised_tokens(a, b) == [("number", (15, 16), (15, 16))]
    b = replace(b, text=a.text.replace("11:07", "11:08"))
    assert real.revised_tokens(a, b) == []  # a time


def test_parts_report_side_by_side(bench: dict[str, ModuleType]) -> None:
    fq, c, parts = bench["findings"], bench["corpora"], bench["parts"]

    def shortest(articles: list, n: int = 2) -> list:
        fit = [a for a in articles if parts.MIN_CHARS <= len(a.document.text) <= 1500]
        return sorted(fit, key=lambda a: len(a.document.text))[:n]

    basil = c.basil_articles()
    corpora = fq.Corpora(
        basil=basil,
        bbc=shortest(c.bbc_articles()),
        allsides=shortest(c.allsides_articles(islice(c.allsides_records(), 300))),
        ecbplus=shortest(c.ecbplus_articles()),
        reuters=shortest(c.reuters_articles()),
    )
    near = parts.guard(basil, corpora.bbc)
    tuning = fq.run_part("tuning", replace(corpora, basil=shortest(basil)), 1, 5, 1, None)
    held_out = fq.run_part("held-out", corpora, 1, 5, 1, near)
    assert [s.corpus for s in held_out.samples] == ["AllSides", "ECB+", "Reuters"]
    for result in (tuning, held_out):
        text = fq.part_report(result, 5)
        assert f"== {result.name} part:" in text and "TOTAL error-level" in text
        assert "real revisions" in text
    text = fq.comparison_table(tuning, held_out)
    assert "figure revision, 2 shared sentences" in text and "real revisions (date)" in text
    assert "warnings" in text.split("\n\n")[1] and "held-out" in text.split("\n\n")[1]


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
    bulk, generator, update = (
        scale.run_minhash(documents, w) for w in ("bulk", "generator", "update")
    )
    assert bulk.pairs == generator.pairs == update.pairs
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


def test_scale_cli_mode_times_the_command_against_minhash(
    corpora: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        import scale_cli
    finally:
        sys.path.remove(str(BENCH))
    assert scale_cli.run_cli([12], "date", None, timeout=300) == 0
    out = capsys.readouterr().out
    assert "allsides-12.jsonl: 12 articles" in out
    for name in ("dedupe", "dedupe --only pairs"):
        assert all(f"{name} / minhash {way}: " in out for way in scale_cli.WAYS)
    assert "failed" not in out and "dedupe peak memory (tree)" in out
