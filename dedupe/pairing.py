"""Pair passages that tell the same thing across sources, and group near-duplicate articles.

1. Every sentence becomes a TF-IDF vector over its content words (`normalize.match_tokens`:
   numbers are one placeholder, so a changed figure never breaks a pair). Long sentences
   are also cut into clauses, because two outlets often share a clause, not a sentence.
   Documents are segmented and their terms counted in worker processes, and the results
   stream into one corpus of arrays and packed strings.
2. Candidate document pairs from different sources come from a sparse top-k product of
   document profiles (each document's most telling terms, terms found in a large share of
   the corpus left out), computed in row chunks: no all-pairs matrix is ever built, and
   the work grows with the corpus, not its square. A candidate is kept when the two
   articles are on the same story (similar enough, and published within `story_days` of
   each other when both are dated), nearly the same text, or share a sentence verbatim;
   each article keeps its `story_partners` closest, and at most `max_partners` in all.
3. Inside a candidate document pair, a sentence pair is linked when its fuzzy similarity
   (rapidfuzz) is high, or, when the two articles cover the same story, when the two
   sentences (or two of their clauses) are each other's best match.
4. Links on consecutive sentences merge into passages; documents whose text is mostly
   linked verbatim form near-duplicate clusters.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, NamedTuple

import numpy as np
import scipy.sparse as sp
from rapidfuzz import fuzz
from sklearn.preprocessing import normalize as l2_normalize

from dedupe.config import Settings
from dedupe.model import Cluster, Document, Pair, Positional, Span
from dedupe.normalize import fold, match_runs
from dedupe.segment import sentences
from dedupe.workers import Executor, Local, release_memory

_CLAUSE = re.compile(
    r"[,;:()]|\s(?:as|while|which|who|but|and|that|after|before|because|although|when|where)\s"
)
# Rows of the candidate product per task: few enough to spread over the workers, and a
# block's product stays small.
_TASK_ROWS = 32
# A block is a few documents' products: this many of them are worth a pool.
_MIN_BLOCKS = 8
# Candidate search compares each document's strongest terms only; a term found in more
# documents than this (share of the corpus, or count in small corpora) proposes nothing,
# as a shingle that common is page furniture or the topic of the whole archive.
_PROFILE_TERMS = 64
_COMMON_SHARE = 0.02
_COMMON_COUNT = 200
_FLOOR = 0.05  # profile similarity below which two documents are never compared
# Articles this alike are aligned whatever their dates: one is a copy or rewrite of the other.
_COPY_SIMILARITY = 0.5
# A sentence repeated verbatim by more documents than this is boilerplate, not a copy.
_COMMON_SENTENCE = 20


@dataclass(frozen=True)
class Link:
    """Sentence ``i`` of document a matches sentence ``j`` of document b."""

    i: int
    j: int
    score: float
    verbatim: bool


@dataclass(frozen=True)
class Packed:
    """Many short strings of many documents: one UTF-8 buffer, and offsets into it.

    An archive has millions of sentences and clauses. As separate objects they would cost
    a header each and be pickled one by one on their way back from a worker; and a forked
    worker that reads an object writes its reference count, copying the page it lives on,
    so alignment workers would copy every document's strings. One buffer has one header.
    """

    data: bytes  # every string in UTF-8, newline-separated
    starts: np.ndarray  # per string, its byte offsets in ``data``
    ends: np.ndarray
    first: np.ndarray  # per document, the index of its first string (and the total last)

    @classmethod
    def of(cls, strings: Sequence[str]) -> Packed:
        """One document's ``strings`` (none may hold a newline)."""
        encoded = [s.encode("utf-8") for s in strings]
        lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        ends = np.cumsum(lengths + 1) - 1
        first = np.array([0, len(strings)], dtype=np.int64)
        return cls(b"\n".join(encoded), ends - lengths, ends, first)

    def __len__(self) -> int:
        return len(self.starts)

    def item(self, doc: int, k: int) -> str:
        """The ``k``-th string of document ``doc``."""
        return self.raw(doc, k).decode("utf-8")

    def raw(self, doc: int, k: int) -> bytes:
        """The ``k``-th string of document ``doc``, as the UTF-8 it is kept in."""
        row = self.first[doc] + k
        return self.data[self.starts[row] : self.ends[row]]

    def strings(self, doc: int = 0) -> list[str]:
        """Every string of document ``doc``."""
        return [raw.decode("utf-8") for raw in self.raws(doc)]

    def raws(self, doc: int = 0) -> list[bytes]:
        """Every string of document ``doc``, as the UTF-8 it is kept in."""
        first, last = int(self.first[doc]), int(self.first[doc + 1])
        if first == last:
            return []
        # The strings lie one after the other, a newline apart: one split finds them all,
        # unless one of them holds a newline itself.
        found = self.data[int(self.starts[first]) : int(self.ends[last - 1])].split(b"\n")
        if len(found) == last - first:
            return found
        return [self.raw(doc, k) for k in range(last - first)]


@dataclass(frozen=True)
class Counts:
    """How often each term occurs in each unit of one document, over the document's own
    terms: counting runs with the segmentation, in the workers, and `vectorise` only maps
    every document's terms onto one vocabulary."""

    terms: Packed  # the document's distinct terms, in order of first occurrence
    indptr: np.ndarray  # per unit, where its entries start (and the total last)
    indices: np.ndarray  # per entry, its term's index in ``terms``
    values: np.ndarray  # per entry, how often the term occurs in the unit

    @classmethod
    def of(cls, units: Sequence[Sequence[str]]) -> Counts:
        """The counts of ``units``, each a list of tokens; a unit's entries come in the
        order of its terms' first occurrence in the document."""
        # A new term takes the next number as it is first looked up.
        terms: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        ids = np.fromiter(
            map(terms.__getitem__, itertools.chain.from_iterable(units)),
            dtype=np.int64,
            count=sum(map(len, units)),
        )
        unit = np.repeat(np.arange(len(units)), [len(u) for u in units])
        # One sort of (unit, term) keys counts every unit's terms at once.
        width = max(1, len(terms))
        keys, values = np.unique(unit * width + ids, return_counts=True)
        first = np.searchsorted(keys // width, np.arange(len(units) + 1))
        return cls(
            Packed.of(list(terms)),
            first.astype(np.int32),
            (keys % width).astype(np.int32),
            values.astype(np.float32),
        )


class Joiner:
    """Documents' `Packed` strings put one after the other as they come: each part copied
    onto the end of one growing buffer, so that the parts need not be kept until the last
    has come (an archive's parts are a gigabyte, and so is their join)."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.starts = array("q")
        self.ends = array("q")
        self.first = array("q", [0])

    def add(self, part: Packed) -> None:
        """Put the next document's strings on the end."""
        if len(self.first) > 1:
            self.data += b"\n"  # as `bytes.join` puts between parts
        shift = len(self.data)
        self.data += part.data
        self.starts.frombytes((part.starts + shift).tobytes())
        self.ends.frombytes((part.ends + shift).tobytes())
        self.first.append(self.first[-1] + len(part.starts))

    def packed(self) -> Packed:
        """Every part added, as one `Packed` (the joiner is emptied)."""
        data = bytes(self.data)
        self.data = bytearray()
        numbers = (
            np.frombuffer(held, dtype=np.int64) for held in (self.starts, self.ends, self.first)
        )
        return Packed(data, *numbers)


@dataclass(frozen=True)
class Segmented:
    """One document made ready for matching: its sentences, folded texts and units.

    Computed per document with no shared state, so it can run in worker processes or on
    Spark executors; `vectorise` then puts the documents together. Arrays and packed
    strings, not objects: this travels back from the workers for every document.
    """

    spans: np.ndarray  # (sentences, 3): start, end, and 1 for boilerplate
    folded: Packed  # `fold` of each sentence's text, for the verbatim test
    unit_sentence: np.ndarray  # per unit (a whole sentence or a clause), its sentence index
    units: Packed  # per unit, its tokens space-separated
    counts: Counts  # per unit, its terms' counts

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-able data (the store keeps it so a check need not segment again)."""
        return {
            "sentences": self.spans.tolist(),
            "folded": self.folded.strings(),
            # Tokens space-separated: a store reads far fewer, longer strings back.
            "units": [
                [int(i), tokens]
                for i, tokens in zip(self.unit_sentence, self.units.strings(), strict=True)
            ],
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Segmented:
        """The inverse of `to_data`."""
        spans = np.array([[s, e, int(flag)] for s, e, flag in data["sentences"]], dtype=np.int64)
        # Stores written before 2026-11-30 keep each unit as a list of tokens.
        units = [t if isinstance(t, str) else " ".join(t) for _, t in data["units"]]
        return cls(
            spans.reshape(-1, 3),
            Packed.of(list(data["folded"])),
            np.array([int(i) for i, _ in data["units"]], dtype=np.int64),
            Packed.of(units),
            Counts.of([unit.split() for unit in units]),
        )


@dataclass
class Corpus:
    """The documents prepared for matching: their sentences, units and vectors."""

    documents: list[Document]
    # One row per sentence (start, end, 1 for boilerplate), in document order: the
    # sentences of document d are rows sentence_first[d]..sentence_first[d+1].
    sentences: np.ndarray
    sentence_first: np.ndarray
    folded: Packed  # `fold` of each document's sentences, for the verbatim test
    # One row per unit (a sentence or a clause), in document order; arrays, not objects,
    # because an archive has millions of them.
    unit_sentence: np.ndarray  # the unit's sentence index in its document
    unit_whole: np.ndarray  # the row of the whole-sentence unit of that sentence
    unit_text: Packed  # each document's units' tokens, space-separated (for rapidfuzz)
    vectors: sp.csr_matrix
    doc_vectors: sp.csr_matrix
    bounds: np.ndarray  # units of document d are rows bounds[d]..bounds[d+1]
    profiles: sp.csr_matrix  # `doc_vectors` cut to each document's strongest rarer terms
    profiles_t: sp.csr_matrix  # `profiles` transposed, so a block of rows multiplies at once
    sources: np.ndarray  # a number per document's source
    days: np.ndarray  # each document's date as a day number, NaN when undated
    copies: dict[int, set[int]]  # document -> documents sharing a sentence with it verbatim

    def sentence_rows(self, d: int) -> np.ndarray:
        """The rows of document ``d``'s sentences: (start, end, boilerplate flag) each."""
        rows: np.ndarray = self.sentences[self.sentence_first[d] : self.sentence_first[d + 1]]
        return rows

    def sentence(self, d: int, i: int) -> tuple[int, int, bool]:
        """Start, end and boilerplate flag of sentence ``i`` of document ``d``."""
        start, end, flag = self.sentence_rows(d)[i]
        return int(start), int(end), bool(flag)


def segment(doc: Document, settings: Settings) -> Segmented:
    """Sentences of ``doc`` and the units the matcher compares (whole sentences, clauses)."""
    sents = sentences(doc, settings.boilerplate)
    folded: list[str] = []
    unit_sentence: list[int] = []
    units: list[list[str]] = []
    for s in sents:
        text = doc.text[s.start : s.end]
        folded.append(fold(text))
        if s.boilerplate or s.end - s.start > settings.max_sentence_chars:
            continue
        found = _units(text, settings.min_words)
        unit_sentence.extend([s.index] * len(found))
        units.extend(found)
    spans = np.array([(s.start, s.end, s.boilerplate) for s in sents], dtype=np.int64)
    return Segmented(
        spans.reshape(-1, 3),
        Packed.of(folded),
        np.array(unit_sentence, dtype=np.int64),
        Packed.of([" ".join(tokens) for tokens in units]),
        Counts.of(units),
    )


def _units(text: str, min_words: int) -> list[list[str]]:
    """A sentence's units' tokens: the whole sentence, then its clauses (each clause, and
    each with the next) of 4 tokens or more but fewer than the sentence.

    The sentence's tokens are its clauses' in order (every separator is punctuation or a
    stop word; the same on 220,000 AllSides sentences), so each sentence is tokenised once.
    """
    parts = match_runs(text, _CLAUSE)
    tokens = [token for part in parts for token in part]
    if len(tokens) < min_words:
        return []
    joined = [parts[k] + parts[k + 1] for k in range(len(parts) - 1)]
    clauses = [*parts, *joined] if len(parts) > 1 else []
    return [tokens, *(c for c in clauses if 4 <= len(c) < len(tokens))]


def vectorise(documents: Sequence[Document], segmented: Iterable[Segmented]) -> Corpus:
    """One TF-IDF fit over every unit of every document.

    ``segmented`` (in document order) is taken one document at a time and not kept, so a
    stream of results from the workers is never held whole.
    """
    build = _Builder()
    for seg in segmented:
        build.add(seg)
    return build.corpus(documents)


class _Builder:
    """Segmented documents put together as they come: their arrays and packed strings
    kept, their term counts mapped onto one vocabulary, their sentences indexed for copies."""

    def __init__(self) -> None:
        self.spans: list[np.ndarray] = []
        self.folded = Joiner()
        self.units = Joiner()
        self.unit_sentence: list[np.ndarray] = [np.zeros(0, np.int64)]
        self.vocabulary: dict[str, int] = {}
        # Growing arrays, not lists of numbers: an archive has tens of millions of entries.
        self.columns = array("i")
        self.values = array("f")
        self.lengths = array("q")
        # A digest, not the text, stands for each sentence: there are millions of them.
        self.holders: dict[bytes, list[int]] = defaultdict(list)

    def add(self, seg: Segmented) -> None:
        """Take the next document's segmentation."""
        doc = len(self.spans)
        self.spans.append(seg.spans)
        self.folded.add(seg.folded)
        self.units.add(seg.units)
        self.unit_sentence.append(seg.unit_sentence)
        local = seg.counts.terms.strings()
        ids = np.fromiter(
            (self.vocabulary.setdefault(term, len(self.vocabulary)) for term in local),
            dtype=np.int32,
            count=len(local),
        )
        self.columns.frombytes(ids[seg.counts.indices].tobytes())
        self.values.frombytes(seg.counts.values.astype(np.float32).tobytes())
        self.lengths.frombytes(np.diff(seg.counts.indptr).astype(np.int64).tobytes())
        folded = seg.folded.raws()
        for k in set(seg.unit_sentence.tolist()):
            digest = hashlib.blake2b(folded[k], digest_size=8).digest()
            self.holders[digest].append(doc)

    def corpus(self, documents: Sequence[Document]) -> Corpus:
        """The corpus of ``documents``, whose segmentations were added in order."""
        unit_text, folded = self.units.packed(), self.folded.packed()
        unit_doc = np.repeat(np.arange(len(documents)), np.diff(unit_text.first))
        unit_sentence = np.concatenate(self.unit_sentence)
        if len(unit_doc):
            vectors = _tfidf(self._count_matrix())
        else:
            vectors = sp.csr_matrix((0, 1), dtype=np.float32)
        doc_vectors = _doc_vectors(unit_doc, vectors, len(documents))
        profiles = _profiles(doc_vectors)
        codes = {source: k for k, source in enumerate(sorted({d.source for d in documents}))}
        return Corpus(
            list(documents),
            np.concatenate([np.zeros((0, 3), np.int64), *self.spans]),
            np.concatenate([[0], np.cumsum([len(s) for s in self.spans], dtype=np.int64)]),
            folded,
            unit_sentence,
            _whole_rows(unit_doc, unit_sentence),
            unit_text,
            vectors,
            doc_vectors,
            unit_text.first,
            profiles,
            profiles.T.tocsr(),
            np.array([codes[d.source] for d in documents], dtype=np.int64),
            np.array([d.date.toordinal() if d.date else np.nan for d in documents], dtype=float),
            _copies(documents, self.holders.values()),
        )

    def _count_matrix(self) -> sp.csr_matrix:
        """Every unit's term counts, exactly as scikit-learn's CountVectorizer lays them
        out: terms numbered by first occurrence, each row sorted so, then renumbered in
        sorted order (the same matrix gives the same sums, to the last bit)."""
        lengths = np.frombuffer(self.lengths, dtype=np.int64)
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        if indptr[-1] < 2**31:  # 32-bit indices while they fit, as scikit-learn uses
            indptr = indptr.astype(np.int32)
        # Views of the growing arrays' memory, not copies: the matrix owns them now.
        columns = np.frombuffer(self.columns, dtype=np.int32)
        values = np.frombuffer(self.values, dtype=np.float32)
        shape = (len(lengths), len(self.vocabulary))
        matrix = sp.csr_matrix((values, columns, indptr), shape=shape, copy=False)
        del self.columns, self.values
        matrix.sort_indices()
        terms = list(self.vocabulary)
        rank = np.empty(len(terms), dtype=np.int32)
        rank[sorted(range(len(terms)), key=terms.__getitem__)] = np.arange(len(terms))
        for lo in range(0, matrix.nnz, _ENTRIES_AT_ONCE):
            part = matrix.indices[lo : lo + _ENTRIES_AT_ONCE]
            part[:] = rank[part]  # in place, a part at a time: a copy would be one more matrix
        return matrix


# Entries of a term matrix taken at a time where a step needs a temporary array of them.
_ENTRIES_AT_ONCE = 1 << 22


def _tfidf(counts: sp.csr_matrix) -> sp.csr_matrix:
    """``counts`` weighted in place as scikit-learn's ``TfidfTransformer(sublinear_tf=True)``
    fitted on them weights them, to the last bit: ``1 + log(tf)`` times the smoothed idf,
    rows L2-normalised. Written out because the transformer's fit widens every entry's term
    number to 64 bits at once (`np.bincount`) and its transform gathers every entry's idf at
    once: at an archive's tens of millions of entries, hundreds of MB above the matrix."""
    rows, terms = counts.shape
    steps = range(0, counts.nnz, _ENTRIES_AT_ONCE)
    df = np.zeros(terms, dtype=np.int64)
    for lo in steps:
        df += np.bincount(counts.indices[lo : lo + _ENTRIES_AT_ONCE], minlength=terms)
    smoothed = df.astype(counts.dtype) + 1.0
    idf = np.full_like(smoothed, fill_value=rows + 1)
    idf /= smoothed
    np.log(idf, out=idf)
    idf += 1.0
    np.log(counts.data, out=counts.data)
    counts.data += 1.0
    for lo in steps:
        hi = lo + _ENTRIES_AT_ONCE
        counts.data[lo:hi] *= idf[counts.indices[lo:hi]]
    weighted: sp.csr_matrix = l2_normalize(counts, copy=False)
    return weighted


def _whole_rows(unit_doc: np.ndarray, unit_sentence: np.ndarray) -> np.ndarray:
    """For each unit, the row of its sentence's first unit (the whole sentence)."""
    first = np.ones(len(unit_doc), dtype=bool)
    first[1:] = (unit_doc[1:] != unit_doc[:-1]) | (unit_sentence[1:] != unit_sentence[:-1])
    rows = np.arange(len(unit_doc))
    whole: np.ndarray = np.maximum.accumulate(np.where(first, rows, 0))
    return whole


def _profiles(doc_vectors: sp.csr_matrix) -> sp.csr_matrix:
    """Each document's `_PROFILE_TERMS` strongest terms, leaving out the corpus's commonest."""
    matrix = doc_vectors.copy().tocsr()
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    common = df > max(_COMMON_COUNT, _COMMON_SHARE * matrix.shape[0])
    matrix.data[common[matrix.indices]] = 0
    for row in range(matrix.shape[0]):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        if end - start > _PROFILE_TERMS:
            weights = matrix.data[start:end]
            weights[np.argsort(-weights, kind="stable")[_PROFILE_TERMS:]] = 0
    matrix.eliminate_zeros()
    return l2_normalize(matrix)


def _copies(documents: Sequence[Document], holders: Iterable[list[int]]) -> dict[int, set[int]]:
    """Documents from different sources that share a matchable sentence verbatim, from the
    documents holding each sentence."""
    copies: dict[int, set[int]] = defaultdict(set)
    for docs in holders:
        if 1 < len(docs) <= _COMMON_SENTENCE:
            for a, b in itertools.combinations(docs, 2):
                if documents[a].source != documents[b].source:
                    copies[a].add(b)
                    copies[b].add(a)
    return dict(copies)


def prepare(
    documents: Sequence[Document],
    settings: Settings,
    known: Mapping[str, Segmented] | None = None,
    executor: Executor | None = None,
) -> Corpus:
    """Segment every document (with ``executor``, by default in ``settings.workers``
    processes) and vectorise them.

    ``known`` holds documents segmented earlier (by the store, with the same settings).
    """
    known = known or {}
    executor = executor or Local(settings.workers)
    todo = [d for d in documents if d.id not in known]
    segment_one = partial(segment, settings=settings)
    done = executor.imap(segment_one, todo, what="documents segmented")
    return vectorise(documents, _in_order(documents, known, done))


def _in_order(
    documents: Sequence[Document], known: Mapping[str, Segmented], done: Generator[Segmented]
) -> Iterator[Segmented]:
    """Each document's segmentation, stored or just made, in document order; the workers
    are let go after the last one, before the corpus is put together."""
    with closing(done):
        for doc in documents:
            yield known.get(doc.id) or next(done)


def segmentation_key(settings: Settings) -> str:
    """The settings a segmentation depends on: stored results are reused only under them."""
    # The splitter's name too: sentences stored by an older release are not reused.
    used = ["sentencex", settings.boilerplate, settings.max_sentence_chars, settings.min_words]
    return json.dumps(used)


def _doc_vectors(unit_doc: np.ndarray, vectors: sp.csr_matrix, documents: int) -> sp.csr_matrix:
    """One L2-normalised vector per document: the sum of its sentence units."""
    membership = sp.csr_matrix(
        (np.ones(len(unit_doc), dtype=np.float32), (unit_doc, np.arange(len(unit_doc)))),
        shape=(documents, len(unit_doc)),
    )
    return l2_normalize(membership @ vectors)


def candidate_documents(
    corpus: Corpus,
    settings: Settings,
    focus: int | None = None,
    executor: Executor | None = None,
) -> list[tuple[int, int, float]]:
    """Document pairs (a < b, different sources) worth aligning, with their similarity.

    With ``focus=k``, only the pairs that involve one of the first ``k`` documents.
    """
    executor = executor or Local(settings.workers)
    rows = corpus.doc_vectors.shape[0]
    rows = rows if focus is None else min(focus, rows)
    blocks = [(lo, min(rows, lo + _TASK_ROWS)) for lo in range(0, rows, _TASK_ROWS)]
    chosen = partial(_candidate_block, settings=settings)
    searched = "blocks of documents searched"
    found = executor.map_shared(chosen, corpus, blocks, searched, _MIN_BLOCKS)
    return candidates_of(corpus, itertools.chain.from_iterable(found), settings, focus)


def candidates_of(
    corpus: Corpus,
    chosen: Iterable[tuple[int, int, float]],
    settings: Settings,
    focus: int | None = None,
) -> list[tuple[int, int, float]]:
    """The candidates `candidate_rows` chose, each pair once (a pair chosen from both of
    its documents' rows comes twice), in pair order, with each document's partners
    limited (`limit_partners`)."""
    found: dict[tuple[int, int], float] = {}
    for a, b, similarity in chosen:
        found.setdefault((a, b), similarity)
    unique = [(a, b, similarity) for (a, b), similarity in sorted(found.items())]
    return limit_partners(corpus, unique, settings, focus)


def _candidate_block(
    corpus: Corpus, rows: tuple[int, int], settings: Settings
) -> list[tuple[int, int, float]]:
    return candidate_rows(corpus, *rows, settings)


def limit_partners(
    corpus: Corpus,
    candidates: Sequence[tuple[int, int, float]],
    settings: Settings,
    focus: int | None = None,
) -> list[tuple[int, int, float]]:
    """The candidates that both of their documents keep among their `max_partners` closest
    candidates (all when it is 0); pairs sharing a sentence verbatim are always kept.

    Each article chooses its closest partners, but an article many others chose (a wire
    story every outlet rewrote that week) would be aligned with all of them, and the pairs
    would grow faster than the corpus. With ``focus=k`` only the first ``k`` documents (the
    articles a check is about) are limited: a stored article is checked against every new
    one that keeps it.
    """
    if not candidates or not settings.max_partners:
        return list(candidates)
    a, b, sims = (np.array(column) for column in zip(*candidates, strict=True))
    ends, others = np.concatenate([a, b]), np.concatenate([b, a])
    order = np.lexsort((others, -np.concatenate([sims, sims]), ends))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - np.searchsorted(ends[order], ends[order])
    limited = np.ones(2 * len(a), dtype=bool) if focus is None else ends < focus
    kept_by = (rank < settings.max_partners) | ~limited
    kept = kept_by[: len(a)] & kept_by[len(a) :]
    pairs = zip(a.tolist(), b.tolist(), strict=True)
    copied = np.array([y in corpus.copies.get(x, ()) for x, y in pairs], dtype=bool)
    return [c for c, keep in zip(candidates, kept | copied, strict=True) if keep]


def candidate_rows(
    corpus: Corpus, lo: int, hi: int, settings: Settings
) -> list[tuple[int, int, float]]:
    """The candidates chosen by documents lo..hi, as (a < b) pairs: one block of a sparse
    top-k product. A pair chosen from both sides comes once from each."""
    block = (corpus.profiles[lo:hi] @ corpus.profiles_t).tocsr()
    shortlists: list[tuple[np.ndarray, np.ndarray]] = []
    for row in range(block.shape[0]):
        a = lo + row
        cols, sims = _row(block, row)
        keep = (corpus.sources[cols] != corpus.sources[a]) & (sims >= _FLOOR)
        cols, sims = cols[keep], sims[keep]
        shortlist = cols[np.argsort(-sims, kind="stable")[: 3 * settings.max_candidates]]
        copies = np.fromiter(corpus.copies.get(a, ()), dtype=np.int64)
        shortlists.append((np.union1d(shortlist, copies), copies))
    cosines = _cosines(corpus.doc_vectors, lo, hi, [cols for cols, _ in shortlists])
    found: list[tuple[int, int, float]] = []
    for row, ((cols, copies), sims) in enumerate(zip(shortlists, cosines, strict=True)):
        a = lo + row
        for b, similarity in _chosen(corpus, a, cols, sims, copies, settings):
            found.append((min(a, b), max(a, b), similarity))
    return found


def _cosines(
    vectors: sp.csr_matrix, lo: int, hi: int, shortlists: list[np.ndarray]
) -> list[np.ndarray]:
    """Each document lo..hi's cosine with its shortlisted documents (rows of ``vectors``).

    The block's vectors are made dense once: a sparse product per row transposed its
    vector over the whole vocabulary. Each value is still summed over the listed
    document's terms in their order, so it is the same to the last bit.
    """
    dense = vectors[lo:hi].toarray()
    # Rounded so that the similarity is the same seen from either document.
    return [
        np.round(vectors[cols] @ dense[row], 6) if len(cols) else np.zeros(0)
        for row, cols in enumerate(shortlists)
    ]


def _chosen(
    corpus: Corpus,
    a: int,
    cols: np.ndarray,
    sims: np.ndarray,
    copies: np.ndarray,
    settings: Settings,
) -> list[tuple[int, float]]:
    """The shortlisted documents ``cols`` (``sims`` their cosines with ``a``) worth
    aligning with ``a``, most similar first.

    Of the articles on ``a``'s story, or rewrites of it, only the `story_partners` closest
    are taken: in an archive a busy week has dozens on one topic, and those further away
    add loose links, not checks. Articles sharing a sentence verbatim are always taken (up
    to `max_candidates` in all).
    """
    if not len(cols):
        return []
    related = _story(corpus, a, cols, sims, settings) | (sims >= _COPY_SIMILARITY)
    copied = np.isin(cols, copies)
    order = np.argsort(-sims, kind="stable")
    chosen = np.union1d(order[related[order]][: settings.story_partners], np.flatnonzero(copied))
    top = chosen[np.argsort(-sims[chosen], kind="stable")][: settings.max_candidates]
    return [(int(cols[k]), float(sims[k])) for k in top]


def worth_aligning(corpus: Corpus, a: int, b: int, similarity: float, settings: Settings) -> bool:
    """Whether ``b`` would be aligned with ``a`` if it were ``a``'s only near document."""
    copied = b in corpus.copies.get(a, ())
    return (
        same_story(corpus, a, b, similarity, settings) or similarity >= _COPY_SIMILARITY or copied
    )


def same_story(corpus: Corpus, a: int, b: int, similarity: float, settings: Settings) -> bool:
    """Whether documents ``a`` and ``b`` report the same story (looser links are allowed)."""
    return bool(_story(corpus, a, np.array([b]), np.array([similarity]), settings)[0])


def _story(
    corpus: Corpus, a: int, cols: np.ndarray, sims: np.ndarray, settings: Settings
) -> np.ndarray:
    """Whether each of ``cols`` is similar enough to ``a``, and published close enough to
    it when both are dated, to be on its story."""
    days, other = corpus.days[a], corpus.days[cols]
    with np.errstate(invalid="ignore"):
        near = np.isnan(days) | np.isnan(other) | (np.abs(other - days) <= settings.story_days)
    story: np.ndarray = (sims >= settings.story_similarity) & near
    return story


def _row(block: sp.csr_matrix, row: int) -> tuple[np.ndarray, np.ndarray]:
    start, end = block.indptr[row], block.indptr[row + 1]
    return block.indices[start:end], block.data[start:end]


def align(corpus: Corpus, a: int, b: int, story: bool, settings: Settings) -> list[Link]:
    """The sentence links between documents ``a`` and ``b``."""
    ua, ub = corpus.bounds[a], corpus.bounds[b]
    sims = _unit_cosines(corpus.vectors, (ua, corpus.bounds[a + 1]), (ub, corpus.bounds[b + 1]))
    xs, ys = np.nonzero(sims >= settings.story_threshold)
    hits = zip(
        corpus.unit_sentence[ua + xs].tolist(),
        corpus.unit_sentence[ub + ys].tolist(),
        sims[xs, ys].tolist(),
        (ua + xs).tolist(),
        (ub + ys).tolist(),
        strict=True,
    )
    best: dict[tuple[int, int], tuple[float, int, int]] = {}
    for i, j, cosine, x, y in hits:
        if cosine > best.get((i, j), (0.0, 0, 0))[0]:
            best[(i, j)] = (cosine, x, y)
    mutual = _mutual_best({k: v[0] for k, v in best.items()})

    def whole(x: int, y: int) -> float:
        """The cosine of the whole sentences of units ``x`` and ``y``, not of the units."""
        return float(sims[corpus.unit_whole[x] - ua, corpus.unit_whole[y] - ub])

    texts = _Sentences.of(corpus, a, b)
    found = (
        _link(corpus, (a, b), texts, key, value, key in mutual, story, settings, whole)
        for key, value in best.items()
    )
    links = {(link.i, link.j): link for link in found if link}
    return sorted(_extend(texts, links).values(), key=lambda link: (link.i, link.j))


def _unit_cosines(
    vectors: sp.csr_matrix, rows_a: tuple[int, int], rows_b: tuple[int, int]
) -> np.ndarray:
    """The cosines of units rows_a[0]..rows_a[1] with units rows_b[0]..rows_b[1], dense.

    The two blocks are multiplied over the terms they hold, numbered afresh: sliced from
    the whole matrix, the second block was transposed over the whole vocabulary for every
    document pair. Numbering keeps each row's terms in order, so every sum is added up in
    the same order as before, to the last bit.
    """
    data_a, held_a, ptr_a = _rows(vectors, *rows_a)
    data_b, held_b, ptr_b = _rows(vectors, *rows_b)
    terms, numbered = np.unique(np.concatenate([held_a, held_b]), return_inverse=True)
    block_a = sp.csr_matrix(
        (data_a, numbered[: len(held_a)], ptr_a), shape=(len(ptr_a) - 1, len(terms))
    )
    # Block b's transpose, read as the columns of a compressed-column matrix.
    block_b_t = sp.csc_matrix(
        (data_b, numbered[len(held_a) :], ptr_b), shape=(len(terms), len(ptr_b) - 1)
    )
    sims: np.ndarray = (block_a @ block_b_t).toarray()
    return sims


def _rows(vectors: sp.csr_matrix, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows lo..hi of ``vectors`` as raw arrays: values, column numbers, row pointers from 0."""
    ptr = vectors.indptr[lo : hi + 1]
    return vectors.data[ptr[0] : ptr[-1]], vectors.indices[ptr[0] : ptr[-1]], ptr - ptr[0]


class _Sentences(NamedTuple):
    """Two documents' folded sentences and which of them may be linked (not boilerplate),
    read from the corpus once per document pair: row by row costs more than the tests."""

    folded_a: list[str]
    folded_b: list[str]
    open_a: list[bool]
    open_b: list[bool]

    @classmethod
    def of(cls, corpus: Corpus, a: int, b: int) -> _Sentences:
        """The sentences of documents ``a`` and ``b``."""
        open_a = (corpus.sentence_rows(a)[:, 2] == 0).tolist()
        open_b = (corpus.sentence_rows(b)[:, 2] == 0).tolist()
        return cls(corpus.folded.strings(a), corpus.folded.strings(b), open_a, open_b)

    def linkable(self, i: int, j: int) -> bool:
        """Whether sentences ``i`` of a and ``j`` of b exist and are article text."""
        return (
            0 <= i < len(self.open_a)
            and 0 <= j < len(self.open_b)
            and self.open_a[i]
            and self.open_b[j]
        )

    def verbatim(self, i: int, j: int) -> bool:
        """Whether the two sentences are the same words give or take small edits."""
        return fuzz.ratio(self.folded_a[i], self.folded_b[j], score_cutoff=90) > 0


def _extend(texts: _Sentences, links: dict[tuple[int, int], Link]) -> dict[tuple[int, int], Link]:
    """Grow links into neighbouring sentences that are copied verbatim.

    Short sentences ("He resigned.") carry too few words to be matched on their own, but
    next to a matched sentence a verbatim twin is clearly part of the same passage.
    """
    todo = list(links)
    while todo:
        i, j = todo.pop()
        for di in (-1, 1):
            key = (i + di, j + di)
            if key in links or not texts.linkable(*key):
                continue
            if texts.verbatim(*key):
                links[key] = Link(key[0], key[1], 1.0, True)
                todo.append(key)
    return links


def _link(
    corpus: Corpus,
    docs: tuple[int, int],
    texts: _Sentences,
    key: tuple[int, int],
    best: tuple[float, int, int],
    mutual: bool,
    story: bool,
    settings: Settings,
    whole: Callable[[int, int], float],
) -> Link | None:
    """Confirm a candidate sentence pair with rapidfuzz, or reject it."""
    (a, b), (cosine, x, y) = docs, best
    verbatim = texts.verbatim(*key)
    needed = settings.story_threshold if story else settings.pair_threshold
    if not verbatim and not (mutual and cosine >= needed):
        return None
    text_x = corpus.unit_text.item(a, x - corpus.bounds[a])
    text_y = corpus.unit_text.item(b, y - corpus.bounds[b])
    fuzzy = fuzz.token_set_ratio(text_x, text_y) / 100.0
    if not verbatim and fuzzy < settings.fuzzy_threshold:
        return None
    # The score says how alike the whole sentences are, not only their best clauses.
    return Link(key[0], key[1], round((whole(x, y) + fuzzy) / 2, 4), verbatim)


def _mutual_best(best: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
    top_i: dict[int, tuple[float, int]] = {}
    top_j: dict[int, tuple[float, int]] = {}
    for (i, j), s in best.items():
        if s > top_i.get(i, (-1.0, -1))[0]:
            top_i[i] = (s, j)
        if s > top_j.get(j, (-1.0, -1))[0]:
            top_j[j] = (s, i)
    return {(i, j) for i, (_, j) in top_i.items() if top_j[j][1] == i}


@dataclass(frozen=True, slots=True)
class Passage(Positional):
    """A run of linked sentences of documents a and b, by character offsets: what an
    alignment worker sends back, reading no document (`pairs_of` makes the `Pair`s)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    score: float
    links: tuple[tuple[int, int], ...]


def passages(corpus: Corpus, a: int, b: int, links: list[Link]) -> list[Passage]:
    """Merge links on consecutive sentences into passages."""
    runs: list[list[Link]] = []
    for link in links:
        last = runs[-1][-1] if runs else None
        if last and link.i == last.i + 1 and link.j == last.j + 1:
            runs[-1].append(link)
        else:
            runs.append([link])
    return [
        Passage(
            corpus.sentence(a, run[0].i)[0],
            corpus.sentence(a, run[-1].i)[1],
            corpus.sentence(b, run[0].j)[0],
            corpus.sentence(b, run[-1].j)[1],
            min(1.0, sum(link.score for link in run) / len(run)),
            tuple((link.i, link.j) for link in run),
        )
        for run in runs
    ]


# The spans made so far, by document and offsets: a passage paired with several partners
# is one `Span` (its text held once, not once per pair).
Spans = dict[tuple[str, int, int], Span]


def pairs_of(
    doc_a: Document, doc_b: Document, found: Iterable[Passage], spans: Spans
) -> list[Pair]:
    """The passage pairs of two documents' passages, their spans taken from ``spans`` where
    another pair has made them already."""
    return [_pair(doc_a, doc_b, passage, spans) for passage in found]


def _span(doc: Document, start: int, end: int, spans: Spans) -> Span:
    key = (doc.id, start, end)
    if key not in spans:
        spans[key] = doc.span(start, end)
    return spans[key]


def _pair(doc_a: Document, doc_b: Document, passage: Passage, spans: Spans) -> Pair:
    span_a = _span(doc_a, passage.a_start, passage.a_end, spans)
    span_b = _span(doc_b, passage.b_start, passage.b_end, spans)
    digest = hashlib.sha1(
        f"{doc_a.id}\0{span_a.start}\0{doc_b.id}\0{span_b.start}".encode()
    ).hexdigest()
    return Pair(f"p{digest[:10]}", passage.score, span_a, span_b, passage.links)


def overlap(corpus: Corpus, a: int, b: int, links: list[Link]) -> float:
    """Share of the shorter document's article text that the other repeats nearly verbatim."""
    sizes = []
    for d, key in ((a, "i"), (b, "j")):
        rows = corpus.sentence_rows(d)
        lengths = rows[:, 1] - rows[:, 0]
        body = int(lengths[rows[:, 2] == 0].sum())
        shared = sorted({getattr(link, key) for link in links if link.verbatim})
        copied = int(lengths[shared].sum())
        sizes.append(copied / body if body else 0.0)
    return max(sizes)


@dataclass(frozen=True)
class Pairing:
    """What the matcher found: passage pairs, clusters, each document pair's overlap, and
    the document vectors (one row per document, in the order given), which the grouping
    of stories reads."""

    pairs: list[Pair]
    clusters: list[Cluster]
    overlaps: dict[tuple[str, str], float]
    vectors: sp.csr_matrix | None = None


def pair(
    documents: Sequence[Document],
    settings: Settings,
    focus: int | None = None,
    known: Mapping[str, Segmented] | None = None,
    executor: Executor | None = None,
) -> Pairing:
    """All passage pairs across sources, and the near-duplicate clusters.

    With ``focus=k`` only document pairs that involve one of the first ``k`` documents are
    aligned (`dedupe check`: new articles first, then the corpus they are checked against).
    ``executor`` runs the per-document and per-pair work (default: ``settings.workers``
    local processes).
    """
    executor = executor or Local(settings.workers)
    corpus = prepare(documents, settings, known, executor)
    release_memory()  # before the alignment workers fork, so that they share less
    candidates = candidate_documents(corpus, settings, focus, executor)
    align_one = partial(pair_documents, settings=settings)
    aligned = executor.map_shared(align_one, corpus, candidates, "candidate pairs aligned")
    vectors = corpus.doc_vectors
    del corpus
    found = assemble(documents, aligned, settings)
    release_memory()
    return replace(found, vectors=vectors)


def pair_documents(
    corpus: Corpus, candidate: tuple[int, int, float], settings: Settings
) -> tuple[int, int, list[Passage], float]:
    """Align one candidate document pair: its passage pairs and its verbatim overlap."""
    a, b, similarity = candidate
    links = align(corpus, a, b, same_story(corpus, a, b, similarity, settings), settings)
    if not links:
        return a, b, [], 0.0
    return a, b, passages(corpus, a, b, links), overlap(corpus, a, b, links)


def assemble(
    documents: Sequence[Document],
    aligned: Iterable[tuple[int, int, list[Passage], float]],
    settings: Settings,
) -> Pairing:
    """The `Pairing` of aligned document pairs, in candidate order."""
    pairs: list[Pair] = []
    overlaps: dict[tuple[int, int], float] = {}
    spans: Spans = {}
    for a, b, found, share in aligned:
        if found:
            pairs.extend(pairs_of(documents[a], documents[b], found, spans))
            overlaps[(a, b)] = share
    by_id = {(documents[a].id, documents[b].id): v for (a, b), v in overlaps.items()}
    return Pairing(pairs, clusters(documents, overlaps, settings), by_id)


def clusters(
    documents: Sequence[Document], overlaps: dict[tuple[int, int], float], settings: Settings
) -> list[Cluster]:
    """Group documents linked by near-duplicate overlap (union-find)."""
    parent = list(range(len(documents)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    strong = {k: v for k, v in overlaps.items() if v >= settings.duplicate_overlap}
    for a, b in strong:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for a, b in strong:
        groups[root(a)].extend((a, b))
    out = []
    for members in groups.values():
        ids = sorted({documents[m].id for m in members})
        shares = [v for (a, b), v in strong.items() if root(a) == root(members[0])]
        digest = hashlib.sha1("\0".join(ids).encode()).hexdigest()
        out.append(Cluster(f"c{digest[:10]}", tuple(ids), sum(shares) / len(shares)))
    return sorted(out, key=lambda c: c.documents)
