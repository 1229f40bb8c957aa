"""How well dedupe groups articles into stories (one event each), on two gold clusterings.

Run by hand: ``.venv/bin/python bench/stories_quality.py [--cohesion 0.2,0.25,0.3]``.
Figures go to stdout as plain-text tables; nothing is asserted.

- ECB+: 982 documents in 86 sub-topic clusters; each of the 43 topics holds two different
  real events of one kind (two earthquakes), the hard negatives. The original ECB half has
  no outlet: each of its documents is its own pseudo-source (``ecb:<id>``), since dedupe
  pairs passages only across sources and one shared "ecb" source would hide half the corpus.
- BASIL: 300 articles, 100 events, three outlets each.

Two documents are linked when dedupe puts them in one story; a document in no story is a
story of its own. Pairwise precision, recall and F1 over document pairs, and the adjusted
Rand index of the whole partition. The targets (issue 18): ECB+ precision >= 0.90 and
recall >= 0.80; BASIL F1 >= 0.95 and ARI >= 0.90. "Cross-event links" counts the ECB+
links between the two events of one topic: the mistakes the hard negatives are there for.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from _corpora import Article, basil_articles, ecbplus_articles, table
from sklearn.metrics import adjusted_rand_score

from dedupe.config import Settings
from dedupe.engines.local import compare_documents


@dataclass(frozen=True)
class Scores:
    """Pairwise scores of one predicted partition against the gold one."""

    precision: float
    recall: float
    f1: float
    ari: float
    stories: int
    cross_event: int
    seconds: float


def ecb_sourced() -> list[Article]:
    """ECB+ with a pseudo-source per outlet-less document (see the module docstring)."""
    out = []
    for article in ecbplus_articles():
        doc = article.document
        source = doc.source if doc.source != "ecb" else f"ecb:{doc.id}"
        out.append(replace(article, document=replace(doc, source=source)))
    return sorted(out, key=lambda a: a.document.id)


def labels_of(articles: Sequence[Article], settings: Settings) -> tuple[dict[str, str], float]:
    """Each document's story id (its own id when it is in none), and the run's seconds."""
    started = time.perf_counter()
    report = compare_documents([a.document for a in articles], settings, lambda _m: None)
    seconds = time.perf_counter() - started
    labels = {a.document.id: a.document.id for a in articles}
    for story in report.stories:
        labels.update(dict.fromkeys(story.documents, story.id))
    return labels, seconds


def score(articles: Sequence[Article], labels: dict[str, str], seconds: float) -> Scores:
    """Pairwise precision/recall/F1, ARI, and links across the two events of a topic."""
    gold = {a.document.id: a.cluster or a.document.id for a in articles}
    tp = fp = fn = cross = 0
    for x, y in combinations(sorted(gold), 2):
        same, linked = gold[x] == gold[y], labels[x] == labels[y]
        tp += same and linked
        fp += linked and not same
        fn += same and not linked
        cross += linked and not same and _topic(gold[x]) == _topic(gold[y])
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ids = sorted(gold)
    ari = adjusted_rand_score([gold[i] for i in ids], [labels[i] for i in ids])
    stories = len({labels[i] for i in ids if labels[i] != i})
    return Scores(precision, recall, f1, ari, stories, cross, seconds)


def _topic(cluster: str) -> str:
    """ECB+ clusters are "<topic>_ecb" / "<topic>_ecbplus": the part before the underscore."""
    return cluster.split("_", 1)[0]


def run(
    corpora: dict[str, Callable[[], list[Article]]], cohesions: Sequence[float]
) -> list[list[object]]:
    """One row per corpus and cohesion setting."""
    rows: list[list[object]] = []
    for name, load in corpora.items():
        articles = load()
        for cohesion in cohesions:
            settings = Settings(story_cohesion=cohesion)
            s = score(articles, *labels_of(articles, settings))
            quality = [s.precision, s.recall, s.f1, s.ari]
            rows.append([name, cohesion, *quality, s.stories, s.cross_event, round(s.seconds, 1)])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cohesion",
        default=str(Settings().story_cohesion),
        help="comma-separated story_cohesion values to try (default: the shipped one)",
    )
    args = parser.parse_args()
    cohesions = [float(c) for c in args.cohesion.split(",")]
    corpora = {"ECB+": ecb_sourced, "BASIL": basil_articles}
    headers = ["corpus", "cohesion", "precision", "recall", "F1", "ARI", "stories"]
    print(table([*headers, "cross-event links", "seconds"], run(corpora, cohesions)))


if __name__ == "__main__":
    main()
