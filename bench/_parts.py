"""The two parts of the findings benchmark: what the guards may be tuned on, and what is held out.

Tuning: BASIL and BBC, the corpora the rules' guards were tuned on (whole corpora, not just
the articles a run samples). Held out: AllSides, ECB+ and Reuters-21578 articles that share
no event with the tuning corpora, by this rule:

- **outlet**: no article from an outlet of the tuning corpora (New York Times, Fox News,
  HuffPost, BBC), by AllSides outlet name or ECB+ URL host;
- **date**: no AllSides article within `WINDOW` days of any BASIL article (BASIL's 100 events
  are dated 2010-2019; BBC's stories are from 2004-2005, before AllSides and after Reuters'
  1987); ECB+ is undated, so it relies on the next test;
- **content**: no article whose TF-IDF cosine with any tuning article reaches the 10th
  percentile of BASIL's same-event pairs (the guard below), so a follow-up of a tuning
  story, or one undated article on a tuning event, stays out.

Every held-out article, sampled for injected changes or mined for real revisions, passes
all three. Sampling walks each corpus in one seeded order and keeps the first articles
that pass, so a run is repeatable and a larger ``limit`` only adds articles.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from _corpora import Article
from sklearn.feature_extraction.text import TfidfVectorizer

WINDOW = dt.timedelta(days=14)
TUNING_OUTLETS = re.compile(r"new york times|nytimes|\bfox|huff|\bbbc\b|bbc\.co", re.I)
# Held-out articles outside this length are left out: shorter ones rarely hold a sentence
# with a figure, and a few very long AllSides crawls would dominate the run time.
MIN_CHARS, MAX_CHARS = 600, 12_000
GUARD_PERCENTILE = 10


@dataclass(frozen=True)
class Guard:
    """Cosine of held-out articles with every tuning article, in the tuning corpora's TF-IDF."""

    vectorizer: TfidfVectorizer
    tuning: Any  # the tuning articles' sparse TF-IDF rows (scipy.sparse)
    threshold: float

    def closest(self, texts: Sequence[str]) -> list[float]:
        """Each text's highest cosine with a tuning article."""
        if not texts:
            return []
        rows = self.vectorizer.transform(texts) @ self.tuning.T
        return [float(v) for v in np.asarray(rows.max(axis=1).todense()).ravel()]


def guard(basil: Sequence[Article], others: Sequence[Article]) -> Guard:
    """A guard fitted on the tuning corpora (``basil`` plus ``others``), its threshold the
    `GUARD_PERCENTILE` of cosines between BASIL articles of one event."""
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2)
    matrix = vectorizer.fit_transform([a.document.text for a in [*basil, *others]])
    own = (matrix[: len(basil)] @ matrix[: len(basil)].T).toarray()
    same = [
        own[i, j]
        for i in range(len(basil))
        for j in range(i + 1, len(basil))
        if basil[i].cluster == basil[j].cluster
    ]
    threshold = float(np.percentile(same, GUARD_PERCENTILE)) if same else 1.0
    return Guard(vectorizer, matrix, threshold)


def tuning_outlet(article: Article) -> bool:
    """Whether the article comes from an outlet of the tuning corpora."""
    doc = article.document
    return bool(TUNING_OUTLETS.search(doc.source) or TUNING_OUTLETS.search(doc.url or ""))


def near_tuning_dates(article: Article, dates: Sequence[dt.date]) -> bool:
    """Whether the article is dated within `WINDOW` of a tuning article (``dates`` sorted)."""
    day = article.document.date
    if day is None or not dates:
        return False
    k = int(np.searchsorted(np.array(dates, dtype="datetime64[D]"), np.datetime64(day)))
    close = [dates[i] for i in (k - 1, k) if 0 <= i < len(dates)]
    return any(abs(day - d) <= WINDOW for d in close)


def outside_tuning(article: Article, tuning_dates: Sequence[dt.date]) -> bool:
    """The outlet and date tests (the content test needs the guard: see `held_out_sample`)."""
    return not tuning_outlet(article) and not near_tuning_dates(article, tuning_dates)


def eligible(article: Article, tuning_dates: Sequence[dt.date]) -> bool:
    """The outlet and date tests, and a length a sampled article must have."""
    size = len(article.document.text)
    return MIN_CHARS <= size <= MAX_CHARS and outside_tuning(article, tuning_dates)


@dataclass(frozen=True)
class Drawn:
    """A held-out sample: the articles kept, the pool's size, how many passed the outlet,
    date and size tests, and how many of those examined the content guard refused."""

    articles: list[Article]
    pool: int
    eligible: int
    refused: int


def held_out_sample(
    pool: Sequence[Article],
    limit: int,
    seed: int,
    tuning_dates: Sequence[dt.date],
    near: Guard,
) -> Drawn:
    """The first ``limit`` articles of ``pool`` in a seeded order that pass every test."""
    order = random.Random(seed).sample(list(pool), len(pool))
    candidates = [a for a in order if eligible(a, tuning_dates)]
    kept: list[Article] = []
    refused = 0
    step = max(limit, 1) * 2  # the guard scores a batch in one sparse product
    for start in range(0, len(candidates), step):
        batch = candidates[start : start + step]
        for article, score in zip(
            batch, near.closest([a.document.text for a in batch]), strict=True
        ):
            if len(kept) == limit:
                break
            if score >= near.threshold:
                refused += 1
            else:
                kept.append(article)
        if len(kept) == limit:
            break
    return Drawn(kept, len(pool), len(candidates), refused)
