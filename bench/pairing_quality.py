"""How well dedupe pairs passages, and how fast the whole run is, on real news text.

Run by hand: ``.venv/bin/python bench/pairing_quality.py [--limit N] [--sizes 250,500,1000]``.
Figures go to stdout as plain-text tables; nothing is asserted.

1. MRPC train: each labelled sentence pair becomes two one-sentence documents from two
   sources; "paired" means dedupe links them. Each pair is its own two-document corpus
   (batching pairs would let candidates cross pairs), prepared once with `pairing.prepare`
   and then decided with `candidate_documents` + `align`, exactly what `pairing.pair` does,
   so the threshold sweep does not re-segment and re-vectorise 4,076 corpora per setting.
2. BASIL: the 300 articles (source = outlet) are paired in one run; two articles are
   linked when they share at least k passage pairs, and the connected components are
   compared with the 100 gold event clusters (pairwise P/R/F1 and ARI).
3. Timing: `dedupe.compare` on BBC (source = category folder) and Reuters (round-robin
   four pseudo-sources) subsets laid out as folders, each size in a fresh process so the
   peak RSS is its own; the library's stage functions are wrapped with timers on the way.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import combinations
from pathlib import Path
from typing import Any

from _corpora import (
    Article,
    MrpcPair,
    basil_articles,
    bbc_articles,
    mrpc_pairs,
    reuters_articles,
    sample,
    table,
)
from sklearn.metrics import adjusted_rand_score

import dedupe
from dedupe import checks, claims, pairing
from dedupe.config import Settings
from dedupe.engines import stages

SEED = 20240601
SIZES = (250, 500, 1000)

# --- 1. MRPC ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    """One MRPC pair as a prepared two-document corpus, with its candidate similarity."""

    gold: bool
    corpus: pairing.Corpus
    similarity: float | None  # None: not even a candidate document pair


@dataclass
class Confusion:
    """Counts of a binary decision against gold."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, gold: bool) -> None:
        """Count one decision."""
        if predicted:
            self.tp, self.fp = self.tp + gold, self.fp + (not gold)
        else:
            self.fn, self.tn = self.fn + gold, self.tn + (not gold)

    @property
    def precision(self) -> float:
        """Share of predicted positives that are gold positives."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of gold positives predicted."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        """Share of decisions that agree with gold."""
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0


def prepare_mrpc(pairs: Sequence[MrpcPair], settings: Settings) -> list[Prepared]:
    """Each pair as its own corpus, every pair a candidate; `paired` applies the thresholds."""
    out = []
    everything = replace(settings, story_similarity=0.0)
    for row in pairs:
        corpus = pairing.prepare(row.documents(), settings)
        found = pairing.candidate_documents(corpus, everything)
        out.append(Prepared(row.paraphrase, corpus, found[0][2] if found else None))
    return out


def paired(item: Prepared, settings: Settings) -> bool:
    """Whether `pairing.pair` would return at least one passage pair for this corpus."""
    if item.similarity is None:
        return False
    if not pairing.worth_aligning(item.corpus, 0, 1, item.similarity, settings):
        return False
    story = pairing.same_story(item.corpus, 0, 1, item.similarity, settings)
    return bool(pairing.align(item.corpus, 0, 1, story, settings))


def score(items: Sequence[Prepared], settings: Settings) -> Confusion:
    """The pair decisions under ``settings`` against the MRPC labels."""
    counts = Confusion()
    for item in items:
        counts.add(paired(item, settings), item.gold)
    return counts


def sweep_settings(base: Settings) -> list[Settings]:
    """The grid: story_threshold x fuzzy_threshold, then pair_threshold and story_similarity.

    Nearly every MRPC pair is "on the same story" at the default story_similarity, so the
    story threshold and the fuzzy check decide; pair_threshold only matters below it.
    """
    grid = [
        replace(base, story_threshold=s, fuzzy_threshold=f)
        for s in (0.2, 0.3, 0.4, 0.5, 0.6)
        for f in (0.5, 0.6, 0.7, 0.8)
    ]
    grid += [replace(base, pair_threshold=p) for p in (0.3, 0.4, 0.6, 0.7)]
    grid += [replace(base, story_similarity=s) for s in (0.15, 0.35, 0.5, 1.01)]
    return grid


def _setting_label(settings: Settings) -> str:
    return (
        f"pair={settings.pair_threshold:.2f} story={settings.story_threshold:.2f} "
        f"story_sim={settings.story_similarity:.2f} fuzzy={settings.fuzzy_threshold:.2f}"
    )


def mrpc_report(pairs: Sequence[MrpcPair]) -> str:
    """Section 1: pair decisions on MRPC, the majority baseline and the threshold sweep."""
    base = Settings()
    started = time.perf_counter()
    items = prepare_mrpc(pairs, base)
    prepared_at = time.perf_counter()
    default = score(items, base)
    per_pair = (time.perf_counter() - started) / max(len(items), 1)
    positives = sum(i.gold for i in items)
    majority = max(positives, len(items) - positives) / max(len(items), 1)
    story = sum(i.similarity is not None and i.similarity >= base.story_similarity for i in items)
    results = [(s, score(items, s)) for s in sweep_settings(base)]
    best_setting, best = max(results, key=lambda r: r[1].f1)
    sharpest, most_accurate = max(results, key=lambda r: r[1].accuracy)
    rows = [
        ["default: " + _setting_label(base), *_metrics(default)],
        ["best F1: " + _setting_label(best_setting), *_metrics(best)],
        ["best accuracy: " + _setting_label(sharpest), *_metrics(most_accurate)],
        ["majority class (always paired)", majority, majority, 1.0, 2 * majority / (1 + majority)],
    ]
    lines = [
        f"== MRPC train: {len(items)} pairs, {positives} paraphrases "
        f"({positives / max(len(items), 1):.1%}); {story} pairs count as same story "
        f"at the default story_similarity",
        f"prepare + decide: {per_pair * 1000:.2f} ms per pair "
        f"(prepare alone {(prepared_at - started) / max(len(items), 1) * 1000:.2f} ms)",
        table(["setting", "accuracy", "precision", "recall", "F1"], rows),
        "",
        "sweep (top 8 by F1):",
        table(
            ["setting", "accuracy", "precision", "recall", "F1"],
            [
                [_setting_label(s), *_metrics(c)]
                for s, c in sorted(results, key=lambda r: -r[1].f1)[:8]
            ],
        ),
    ]
    return "\n".join(lines)


def _metrics(c: Confusion) -> list[float]:
    return [c.accuracy, c.precision, c.recall, c.f1]


# --- 2. BASIL --------------------------------------------------------------------------


def basil_report(articles: Sequence[Article]) -> str:
    """Section 2: same-event links and clusters derived from BASIL passage pairs."""
    docs = [a.document for a in articles]
    gold = {a.document.id: a.cluster for a in articles}
    started = time.perf_counter()
    found = pairing.pair(docs, Settings())
    elapsed = time.perf_counter() - started
    shared: Counter[tuple[str, str]] = Counter(_key(p.a.doc, p.b.doc) for p in found.pairs)
    cross = [_key(x.id, y.id) for x, y in combinations(docs, 2) if x.source != y.source]
    lines = [
        f"== BASIL: {len(docs)} articles, {len(set(gold.values()))} events; pairing took "
        f"{elapsed:.1f} s, {len(found.pairs)} passage pairs over {len(shared)} article pairs",
        _per_doc_pair(cross, shared, gold),
        "",
        table(
            ["k (min pairs)", "links", "precision", "recall", "F1", "clusters", "ARI"],
            [_linking_row(k, docs, shared, gold) for k in (1, 2, 3, 4, 5)],
        ),
    ]
    return "\n".join(lines)


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _per_doc_pair(
    cross: list[tuple[str, str]], shared: Counter[tuple[str, str]], gold: dict[str, str | None]
) -> str:
    """Passage pairs per cross-source article pair, same event vs different events."""
    rows = []
    for label, same in (("same event", True), ("different events", False)):
        counts = [shared[k] for k in cross if (gold[k[0]] == gold[k[1]]) == same]
        if not counts:
            continue
        rows.append(
            [
                label,
                len(counts),
                statistics.mean(counts),
                statistics.median(counts),
                sum(c > 0 for c in counts),
                max(counts),
            ]
        )
    return table(["article pairs", "n", "mean pairs", "median", "with >= 1", "max"], rows)


def _linking_row(
    k: int, docs: Sequence[Any], shared: Counter[tuple[str, str]], gold: dict[str, str | None]
) -> list[object]:
    links = {pair for pair, n in shared.items() if n >= k}
    truth = {_key(x.id, y.id) for x, y in combinations(docs, 2) if gold[x.id] == gold[y.id]}
    counts = Confusion(tp=len(links & truth), fp=len(links - truth), fn=len(truth - links))
    labels = _components([d.id for d in docs], links)
    ari = adjusted_rand_score([gold[d.id] for d in docs], [labels[d.id] for d in docs])
    return [
        k,
        len(links),
        counts.precision,
        counts.recall,
        counts.f1,
        len(set(labels.values())),
        ari,
    ]


def _components(ids: list[str], links: set[tuple[str, str]]) -> dict[str, int]:
    """Connected components of the link graph, as a label per document."""
    parent = {i: i for i in ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        parent[root(a)] = root(b)
    roots = {r: n for n, r in enumerate(sorted({root(i) for i in ids}))}
    return {i: roots[root(i)] for i in ids}


# --- 3. timing -------------------------------------------------------------------------

STAGES = (
    ("ingest", stages, "load"),
    ("segment+vectors", pairing, "prepare"),
    ("candidates", pairing, "candidate_documents"),
    # Document pairs are aligned in worker processes: the whole of `pairing.pair` is timed,
    # and `measure` takes the two steps above out of it.
    ("align", pairing, "pair"),
    ("claims+findings", claims, "of_passages"),
    ("claims+findings", checks, "find"),
)


@dataclass
class Timing:
    """One measured run of `dedupe.compare`."""

    documents: int
    seconds: float
    peak_mib: float
    pairs: int
    findings: Counter[str] = field(default_factory=Counter)
    stages: dict[str, float] = field(default_factory=dict)


@contextmanager
def stopwatch(spent: defaultdict[str, float]) -> Iterator[None]:
    """Wrap the library's stage functions with timers for the duration of the block.

    The pipeline looks these names up at call time, so one run gives the breakdown
    without running the stages a second time.
    """
    saved = [(module, name, getattr(module, name)) for _, module, name in STAGES]
    for stage, module, name in STAGES:
        setattr(module, name, _timed(getattr(module, name), stage, spent))
    try:
        yield
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


def _timed(fn: Callable[..., Any], stage: str, spent: defaultdict[str, float]) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[stage] += time.perf_counter() - started

    return wrapper


def measure(folder: Path) -> Timing:
    """Run `dedupe.compare` on ``folder`` with stage timers; peak RSS is the process's."""
    spent: defaultdict[str, float] = defaultdict(float)
    with stopwatch(spent):
        started = time.perf_counter()
        report = dedupe.compare([folder])
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    spent["align"] -= spent["segment+vectors"] + spent["candidates"]  # timed inside it
    spent["other"] = max(0.0, seconds - sum(spent.values()))
    findings: Counter[str] = Counter(f.severity for f in report.findings)
    return Timing(len(report.documents), seconds, peak, len(report.pairs), findings, dict(spent))


def measure_isolated(folder: Path) -> Timing:
    """`measure` in a fresh process, so each size's peak RSS is not the previous one's."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        result: Timing = pool.apply(measure, (folder,))
    return result


def lay_out(articles: Sequence[Article], root: Path) -> Path:
    """Write articles as ``root/<source>/<name>.txt``; ingest takes the folder as the source."""
    for article in articles:
        doc = article.document
        folder = root / doc.source
        folder.mkdir(parents=True, exist_ok=True)
        name = doc.id.replace("/", "_")
        (folder / f"{name}.txt").write_text(doc.text, encoding="utf-8")
    return root


def timing_report(corpora: dict[str, list[Article]], sizes: Sequence[int]) -> str:
    """Section 3: wall time, throughput, peak RSS and stage breakdown per corpus and size."""
    rows = []
    for name, articles in corpora.items():
        for size in sizes:
            chosen = sample(articles, size, SEED)
            with tempfile.TemporaryDirectory(prefix="dedupe-bench-") as tmp:
                t = measure_isolated(lay_out(chosen, Path(tmp)))
            rows.append(_timing_row(name, t))
    headers = ["corpus", "docs", "wall s", "docs/s", "peak MiB", "pairs", "err/warn/info"]
    headers += [s for s in _stage_names()]
    return "== dedupe.compare timing (stage seconds)\n" + table(headers, rows)


def _stage_names() -> list[str]:
    return list(dict.fromkeys([s for s, _, _ in STAGES] + ["other"]))


def _timing_row(name: str, t: Timing) -> list[object]:
    severities = "/".join(str(t.findings[s]) for s in ("error", "warning", "info"))
    row: list[object] = [name, t.documents, t.seconds, t.documents / t.seconds, t.peak_mib]
    row += [t.pairs, severities]
    return row + [round(t.stages.get(s, 0.0), 2) for s in _stage_names()]


# --- main ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the three sections and print their tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, help="at most N MRPC pairs and N docs per timing run")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="timing subset sizes")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.limit is not None:
        sizes = sorted({min(s, args.limit) for s in sizes})
    pairs = sample(mrpc_pairs(), args.limit, SEED)
    print(mrpc_report(pairs), end="\n\n", flush=True)
    print(basil_report(basil_articles()), end="\n\n", flush=True)
    corpora = {
        "bbc (source = category)": bbc_articles(),
        "reuters (4 round-robin)": reuters_articles(),
    }
    print(timing_report(corpora, sizes), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
