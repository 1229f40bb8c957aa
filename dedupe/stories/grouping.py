"""Stories: the articles of several sources about one event (not one topic).

Articles that share passages are candidates; they are grouped by average linkage, so that a
group grows only while its articles are, on average, alike enough to each other: A~B and
B~C do not make A~C when A and C share nothing (chaining). How alike two articles are:

- what they name and count (70%): the capitalised words written inside sentences (people,
  places, bodies, products) and the figures of two digits or more, each weighted by how
  often the article gives it and how rare it is among the paired articles, compared by
  cosine. Two reports of two earthquakes share "earthquake" and "magnitude" but not
  "Aceh" against "West Papua", nor their death tolls;
- their words (30%): the cosine of their TF-IDF document vectors from the matcher.

The average likeness of two groups is the dot product of their members' summed vectors
divided by the two sizes, so merging costs one sparse product per candidate, never the
articles' pairwise matrix. Two groups join only when they name or count something in
common and, when dated, fall within `story_days` of each other as a whole.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize as l2_normalize

from dedupe.config import Settings
from dedupe.model import Document, Pair
from dedupe.normalize import fold
from dedupe.workers import Executor

# Share of the likeness that comes from names and figures; the rest from all words.
NAMED_SHARE = 0.7
_PRIOR = 8
SINGLE_SHARE = 0.8

_WORD = re.compile(r"[A-Z][\w'’.&-]*\w|[A-Z]")
_FIGURE = re.compile(r"(?<![\w.,])\d[\d,.]*\d(?![\w])")
# A capitalised word right after these starts a sentence, a quotation or a line: it says
# nothing of a name.
_INITIAL = re.compile(r"(?:^|[.!?:][\"'”’)\]]*\s+|\n\s*|[\"“‘(\[]\s*)\Z")
_COMMON = frozenset(
    """the a an he she it they we i you this that these those but and or in on at of for
    to by with from as his her their its our my your there here when where what who why
    how if so not no yes after before while during all some many more most other such one
    two three four five six seven eight nine ten monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr sen rep
    gov gen st also just now then still even yet however meanwhile according said says new
    last first next""".split()
)


def features(doc: Document) -> Counter[str]:
    """What an article names and counts: capitalised words inside sentences and figures of
    two digits or more, with how often it gives each."""
    text = doc.text
    found: Counter[str] = Counter()
    for match in _WORD.finditer(text, doc.body_start):
        if _INITIAL.search(text, max(0, match.start() - 4), match.start()):
            continue
        word = fold(match.group()).rstrip(".").removesuffix("'s")
        if len(word) > 1 and word not in _COMMON:
            found["n:" + word] += 1
    for match in _FIGURE.finditer(text, doc.body_start):
        found["#" + match.group().replace(",", "")] += 1
    return found


@dataclass(frozen=True)
class Stories:
    """Which story each grouped document belongs to, and each story's documents."""

    of: Mapping[str, str]
    members: Mapping[str, tuple[str, ...]]


def group(
    documents: Sequence[Document],
    pairs: Sequence[Pair],
    vectors: sp.csr_matrix | None,
    settings: Settings,
    executor: Executor,
) -> Stories:
    """The stories of the paired ``documents`` (each of at least two articles); ``vectors``
    are the matcher's document vectors, one row per document (None: names alone)."""
    index = {doc.id: k for k, doc in enumerate(documents)}
    paired = sorted({index[span.doc] for p in pairs for span in (p.a, p.b)})
    if not paired:
        return Stories({}, {})
    chosen = [documents[k] for k in paired]
    counts = executor.imap(features, chosen, "documents read for stories")
    named = _weighted(list(counts))
    words = vectors[paired] if vectors is not None else sp.csr_matrix((len(paired), 1))
    local = {k: n for n, k in enumerate(paired)}
    edges = sorted({(local[index[p.a.doc]], local[index[p.b.doc]]) for p in pairs})
    days = np.array([d.date.toordinal() if d.date else np.nan for d in chosen], dtype=float)
    labels = _linked(named, words.tocsr(), edges, days, settings)
    return _stories(chosen, labels)


def _weighted(counts: list[Counter[str]]) -> sp.csr_matrix:
    """One L2-normalised row per document: each feature's log count times its idf."""
    vocabulary: dict[str, int] = {}
    rows, columns, values = [], [], []
    for row, found in enumerate(counts):
        for feature, count in found.items():
            rows.append(row)
            columns.append(vocabulary.setdefault(feature, len(vocabulary)))
            values.append(1.0 + math.log(count))
    shape = (len(counts), max(1, len(vocabulary)))
    matrix = sp.csr_matrix((values, (rows, columns)), shape=shape, dtype=np.float64)
    df = np.bincount(matrix.indices, minlength=shape[1])
    # As if among `_PRIOR` more articles that name none of them: in a run of two articles
    # every shared name would otherwise weigh nothing.
    idf = np.log((len(counts) + _PRIOR) / (df + 0.5))
    weighted: sp.csr_matrix = l2_normalize(matrix @ sp.diags(idf))
    return weighted


def _linked(
    named: sp.csr_matrix,
    words: sp.csr_matrix,
    edges: list[tuple[int, int]],
    days: np.ndarray,
    settings: Settings,
) -> np.ndarray:
    """A label per document: greedy average linkage over the candidate ``edges``, the most
    alike pairs of groups merged first, in rounds until no pair of groups is alike enough."""
    labels = np.arange(named.shape[0])
    while True:
        merges = _merges(named, words, edges, days, labels, settings)
        if not merges:
            return labels
        for absorbed, kept in merges:
            labels[labels == absorbed] = kept


def _merges(
    named: sp.csr_matrix,
    words: sp.csr_matrix,
    edges: list[tuple[int, int]],
    days: np.ndarray,
    labels: np.ndarray,
    settings: Settings,
) -> list[tuple[int, int]]:
    """This round's merges: pairs of groups joined by an edge, alike enough on average and
    close enough in time, the most alike first, each group in one merge at most."""
    groups = sorted({(int(min(x, y)), int(max(x, y))) for x, y in labels[np.array(edges)]})
    groups = [(x, y) for x, y in groups if x != y]
    if not groups:
        return []
    member = sp.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(len(labels),) * 2
    )
    sizes = np.asarray(member.sum(axis=1)).ravel()
    left, right = (np.array(side) for side in zip(*groups, strict=True))
    name_sums, word_sums = member @ named, member @ words
    shared = _row_dots(name_sums, left, right)
    alike = NAMED_SHARE * shared + (1 - NAMED_SHARE) * _row_dots(word_sums, left, right)
    alike /= sizes[left] * sizes[right]
    near = _within_days(days, labels, left, right, settings.story_days)
    single = (sizes[left] == 1) | (sizes[right] == 1)
    needed = np.where(single, SINGLE_SHARE * settings.story_cohesion, settings.story_cohesion)
    keep = (alike >= needed) & (shared > 0) & near
    order = sorted(np.flatnonzero(keep), key=lambda k: (-alike[k], left[k], right[k]))
    taken: set[int] = set()
    merges = []
    for k in order:
        x, y = int(left[k]), int(right[k])
        if x not in taken and y not in taken:
            taken |= {x, y}
            merges.append((y, x))
    return merges


def _row_dots(sums: sp.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The dot product of rows ``left[k]`` and ``right[k]`` of ``sums``, for every k."""
    product = sums[left].multiply(sums[right])
    return np.asarray(product.sum(axis=1)).ravel()


def _within_days(
    days: np.ndarray, labels: np.ndarray, left: np.ndarray, right: np.ndarray, limit: int
) -> np.ndarray:
    """Whether the dated articles of each pair of groups, together, span ``limit`` days or
    fewer (undated articles never stop a merge)."""
    dated = ~np.isnan(days)
    first = np.full(len(labels), np.inf)
    last = np.full(len(labels), -np.inf)
    np.minimum.at(first, labels[dated], days[dated])
    np.maximum.at(last, labels[dated], days[dated])
    span = np.maximum(last[left], last[right]) - np.minimum(first[left], first[right])
    near: np.ndarray = ~np.isfinite(span) | (span <= limit)
    return near


def _stories(documents: Sequence[Document], labels: np.ndarray) -> Stories:
    """Groups of two documents or more, each named by a digest of its documents' ids."""
    grouped: dict[int, list[str]] = {}
    for doc, label in zip(documents, labels.tolist(), strict=True):
        grouped.setdefault(label, []).append(doc.id)
    of: dict[str, str] = {}
    members: dict[str, tuple[str, ...]] = {}
    for ids in grouped.values():
        if len(ids) < 2:
            continue
        ordered = tuple(sorted(ids))
        story = "s" + hashlib.sha1("\0".join(ordered).encode()).hexdigest()[:10]
        members[story] = ordered
        of.update(dict.fromkeys(ordered, story))
    return Stories(of, dict(sorted(members.items(), key=lambda item: item[1])))
