"""dedupe.stories.grouping: articles of many outlets grouped into stories, one event each."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

from dedupe.model import Document

from .support import DAY, OTHER_QUAKE, QUAKE, article, run


def _quakes(days_later: int = 0) -> list[Document]:
    later = DAY + dt.timedelta(days=days_later)
    chile = [article(s, QUAKE.format(killed="about 12")) for s in ("alpha", "beta", "gamma")]
    japan = [article(s, OTHER_QUAKE, later) for s in ("delta", "epsilon", "zeta")]
    return chile + japan


def test_two_events_of_one_kind_told_in_alike_words_are_two_stories() -> None:
    stories = {story.documents for story in run(_quakes()).stories}
    assert stories == {("alpha/1", "beta/1", "gamma/1"), ("delta/1", "epsilon/1", "zeta/1")}


def test_a_story_keeps_its_outlets_and_articles() -> None:
    (chile, _japan) = sorted(run(_quakes()).stories, key=lambda s: s.documents)
    assert chile.sources == ("alpha", "beta", "gamma")


def test_articles_published_weeks_apart_are_not_one_story() -> None:
    same_text = [article(s, QUAKE.format(killed="about 12")) for s in ("alpha", "beta")]
    month_later = article("gamma", QUAKE.format(killed="about 12"), DAY + dt.timedelta(days=30))
    stories = {story.documents for story in run([*same_text, month_later]).stories}
    assert stories == {("alpha/1", "beta/1")}


def test_basil_events_are_found_as_stories(corpora: Path) -> None:
    # 45 records: 15 events told by three outlets each (the corpus keeps them together).
    lines = (corpora / "basil" / "basil_articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines[:45]]
    docs = [
        Document(r["id"], r["id"], r["source"].lower(), r["text"], dt.date.fromisoformat(r["date"]))
        for r in records
    ]
    labels = {d.id: d.id for d in docs}
    for story in run(docs).stories:
        labels.update(dict.fromkeys(story.documents, story.id))
    gold = [r["cluster_id"] for r in records]
    assert adjusted_rand_score(gold, [labels[r["id"]] for r in records]) >= 0.9
