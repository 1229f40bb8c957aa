"""Scale benchmark for issue 7: `dedupe compare` against a datasketch MinHash LSH pass.

Run by hand: ``.venv/bin/python bench/scale.py [--sizes 2500,5000] [--engine-only dedupe]``.
It reads N AllSides articles (``allsides_article_bias``, see its SOURCE.md) straight into
`Document`s: by default the N earliest by date (``--order date``: an archive that grows day
by day, each story whole), or the first N in stored order (``--order id``: the parts are
sorted by random IDs, so a random sample in which stories lose articles and the passage
pairs per article grow with N). It times each size and engine in a fresh subprocess so
``ru_maxrss`` is that run's own peak:

- **dedupe**: `compare_documents` (passage pairs, claims, findings) plus the JSON report
  streamed to a temporary file, as ``dedupe compare --format json`` does;
- **minhash**: datasketch MinHash (128 permutations) of lower-cased word 5-gram shingles per
  document, a `MinHashLSH` at threshold 0.8, every document inserted and then queried. The
  sketches come from datasketch's bulk `MinHash.generator`, its fastest way;
- **minhash-update** (only when asked for, with ``--engines``): the same, each sketch built
  shingle by shingle with `MinHash.update` as datasketch's README shows (and as the issue's
  own 154-s figure was most likely measured), for a reference.

Loading is timed apart and excluded from both engines: they get the same in-memory texts.
The table is followed by the log-log least-squares exponent of each engine's wall time, a
verdict against the issue's targets and how the output (passage pairs) grows with N.
``--profile N`` writes a pyinstrument profile of the dedupe run at size N to
``bench/out/profile-N.txt`` instead. ``--cli`` times whole processes instead: the installed
``dedupe`` command on a JSONL file against MinHash processes (see `scale_cli`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from _corpora import ROOT, allsides_parts, allsides_records, table

from dedupe.ingest import outlet
from dedupe.model import Document

if TYPE_CHECKING:
    from dedupe.config import Settings

OUT = ROOT / "bench" / "out"
SIZES = (2500, 5000, 10_000, 20_000, 37_554)
ENGINES = ("dedupe", "minhash", "minhash-update")
DEFAULT_ENGINES = ("dedupe", "minhash")
BASELINES = ("minhash", "minhash-update")
ORDERS = {"date": "date order, undated last", "id": "stored (ID) order"}
SHINGLE_WORDS = 5
NUM_PERM = 128
LSH_THRESHOLD = 0.8
# Issue 7's targets.
TARGET_EXPONENT = 1.15
TARGET_PEAK_MIB = 4096.0
FULL_SIZE = 37_554


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one engine produced on the loaded documents (``stages`` in seconds, by label)."""

    seconds: float
    pairs: int
    findings: int = 0
    report_mib: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Run:
    """One engine at one size, as a worker subprocess reports it (``error`` when it failed)."""

    engine: str
    size: int
    docs: int = 0
    load_seconds: float = 0.0
    load_mib: float = 0.0
    peak_mib: float = 0.0
    children_mib: float = 0.0
    tree_mib: float = 0.0
    outcome: Outcome | None = None
    error: str | None = None

    @property
    def memory_mib(self) -> float:
        """The run's peak: its own ``ru_maxrss`` or its process tree's sampled PSS if larger."""
        return max(self.peak_mib, self.tree_mib)

    @property
    def docs_per_second(self) -> float:
        """Documents per second of engine wall time (0 when the run failed)."""
        return self.docs / self.outcome.seconds if self.outcome and self.outcome.seconds else 0.0


# --- Loading ------------------------------------------------------------------------


def load_documents(limit: int, order: str = "id", skip: int = 0) -> list[Document]:
    """``limit`` articles with a non-empty text, as `Document`s: the first in stored (ID)
    order, or with ``order="date"`` the earliest by date (undated articles last), the
    ``skip`` earliest left out (a later stretch of the archive, other events)."""
    chosen = _earliest(limit, allsides_records(), skip) if order == "date" else None
    documents: list[Document] = []
    for record in allsides_records():
        if len(documents) >= limit:
            break
        text = record.get("content_original") or ""
        if not text.strip() or (chosen is not None and record["ID"] not in chosen):
            continue
        documents.append(
            Document(
                id=record["ID"],
                path=f"allsides/{record['ID']}.json",
                # As `dedupe compare` reads the label: "ABC News (Online)" is ABC News.
                source=outlet(record["source"]),
                text=text,
                date=parse_date(record.get("date")),
                title=record.get("title") or None,
            )
        )
    if chosen is not None:
        documents.sort(key=lambda d: chosen[d.id])
    return documents


def _earliest(limit: int, records: Iterable[dict[str, Any]], skip: int = 0) -> dict[str, int]:
    """The IDs of the ``limit`` earliest articles with a text after the ``skip`` earliest,
    each with its rank by date.

    The IDs are random, so the first N in stored order are a random sample, in which each
    story keeps about N/37,554 of its articles: the passage pairs per article grow with N.
    Taken by date, the sample is an archive that grows day by day, stories whole. This pass
    keeps only dates and IDs, so that the articles left out never count in the run's peak.
    """
    dated = []
    for record in records:
        if (record.get("content_original") or "").strip():
            date = parse_date(record.get("date"))
            dated.append((date is None, date or dt.date.min, record["ID"]))
    dated.sort()
    return {ident: rank for rank, (_, _, ident) in enumerate(dated[skip : skip + limit])}


def parse_date(value: str | None) -> dt.date | None:
    """An ISO ``YYYY-MM-DD`` date; None for empty or other forms (37 records use M/D/YY)."""
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return None


# --- Engines ------------------------------------------------------------------------


def run_dedupe(documents: Sequence[Document], settings: Settings) -> Outcome:
    """`compare_documents` plus the JSON report written to a temporary file, timed.

    Stages are the gaps between the pipeline's progress messages, so a stage the pipeline
    does not announce is counted in the one before it.
    """
    # Imported here so a MinHash worker's peak RSS holds none of dedupe's dependencies.
    from dedupe.emit import write
    from dedupe.engines.local import compare_documents

    marks: list[tuple[float, str]] = []
    started = time.perf_counter()

    def say(message: str) -> None:
        marks.append((time.perf_counter(), message))

    report = compare_documents(documents, settings, say)
    marks.append((time.perf_counter(), "write json"))
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "report.json"
        with target.open("w", encoding="utf-8") as handle:
            write(report, "json", handle)
        size = target.stat().st_size
    ended = time.perf_counter()
    return Outcome(
        seconds=ended - started,
        pairs=len(report.pairs),
        findings=len(report.findings),
        report_mib=size / 2**20,
        stages=stage_seconds(started, marks, ended),
    )


def stage_seconds(
    started: float, marks: Sequence[tuple[float, str]], ended: float
) -> dict[str, float]:
    """Seconds from each progress message to the next, by its label (repeats are summed)."""
    spent: dict[str, float] = {}
    bounds = [(started, "before first message"), *marks, (ended, "")]
    for (at, message), (until, _) in itertools.pairwise(bounds):
        label = stage_label(message)
        spent[label] = spent.get(label, 0.0) + until - at
    # The pipeline announces itself at once; an empty first stage would only clutter tables.
    if spent["before first message"] < 0.01:
        del spent["before first message"]
    return spent


def stage_label(message: str) -> str:
    """A progress message without its counts: "pairing passages across 2500 documents" ->
    "pairing passages across documents", so runs of different sizes share labels."""
    return " ".join(w for w in message.split() if not any(ch.isdigit() for ch in w))


def shingles(text: str, width: int = SHINGLE_WORDS) -> set[bytes]:
    """Lower-cased word ``width``-grams; a shorter text is one shingle of all its words."""
    words = text.lower().split()
    if len(words) <= width:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + width]).encode("utf-8") for i in range(len(words) - width + 1)}


def run_minhash(documents: Sequence[Document], way: str = "generator") -> Outcome:
    """The document-level baseline: MinHash each text, index in an LSH, query every one.

    ``way`` builds the sketches: "generator" (`MinHash.generator`) and "bulk"
    (`MinHash.bulk`) share one set of permutations, datasketch's fastest; "update" makes one
    `MinHash` per document updated shingle by shingle, as datasketch's README shows.
    """
    from datasketch import MinHashLSH  # bench extra; only the worker needs it

    started = time.perf_counter()
    sketches = _sketches((shingles(doc.text) for doc in documents), way)
    hashed = time.perf_counter()
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for doc, sketch in zip(documents, sketches, strict=True):
        lsh.insert(doc.id, sketch)
    indexed = time.perf_counter()
    pairs: set[tuple[str, str]] = set()
    for doc, sketch in zip(documents, sketches, strict=True):
        pairs.update((min(doc.id, o), max(doc.id, o)) for o in lsh.query(sketch) if o != doc.id)
    ended = time.perf_counter()
    stages = {"minhash": hashed - started, "index": indexed - hashed, "query": ended - indexed}
    return Outcome(seconds=ended - started, pairs=len(pairs), stages=stages)


def _sketches(texts: Iterable[set[bytes]], way: str) -> list[Any]:
    from datasketch import MinHash

    if way == "bulk":
        return MinHash.bulk(texts, num_perm=NUM_PERM)
    if way == "generator":
        return list(MinHash.generator(texts, num_perm=NUM_PERM))
    return [_sketch(MinHash(num_perm=NUM_PERM), grams) for grams in texts]


def _sketch(sketch: Any, grams: Iterable[bytes]) -> Any:
    for gram in grams:
        sketch.update(gram)
    return sketch


# --- Worker and parent ----------------------------------------------------------------


def peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(who).ru_maxrss / 1024


class TreeMemory:
    """Peak PSS of this process and its descendants, sampled by a background thread.

    ``ru_maxrss`` sees one process at a time, and forked workers' RSS counts pages they
    share with the parent; proportional set size splits shared pages, so the sum over the
    tree is what the run holds. Sampling can miss a short spike between two samples.
    """

    def __init__(self, interval: float = 0.25, children_only: bool = False) -> None:
        self.interval = interval
        # A parent timing commands holds the articles it wrote for them: not theirs to count.
        self.children_only = children_only
        self.peak_mib = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            tree = _tree(os.getpid())[self.children_only :]
            total = sum(_pss_kib(pid) for pid in tree)
            self.peak_mib = max(self.peak_mib, total / 1024)


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux /proc; processes that end meanwhile are skipped)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(child) for child in task.read_text().split())
            except OSError:
                continue
    return found


def _pss_kib(pid: int) -> int:
    """Proportional set size of one process in KiB, 0 when it is gone."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith("Pss:")), 0)


def settings_for(workers: int | None) -> Settings:
    """The default settings, with ``workers`` processes when given."""
    from dedupe.config import Settings

    return Settings() if workers is None else Settings(workers=workers)


def work(engine: str, size: int, workers: int | None, order: str) -> Run:
    """Load ``size`` documents in ``order`` and run one engine on them, in this process."""
    started = time.perf_counter()
    documents = load_documents(size, order)
    load_seconds = time.perf_counter() - started
    load_mib = peak_mib()
    with TreeMemory() as memory:
        if engine == "dedupe":
            outcome = run_dedupe(documents, settings_for(workers))
        else:
            outcome = run_minhash(documents, "generator" if engine == "minhash" else "update")
    return Run(
        engine=engine,
        size=size,
        docs=len(documents),
        load_seconds=load_seconds,
        load_mib=load_mib,
        peak_mib=peak_mib(),
        children_mib=peak_mib(resource.RUSAGE_CHILDREN),
        tree_mib=memory.peak_mib,
        outcome=outcome,
    )


def measure(
    engine: str, size: int, timeout: float, workers: int | None = None, order: str = "id"
) -> Run:
    """`work` in a fresh subprocess; a timeout or a crash becomes a `Run` with ``error``."""
    command = [sys.executable, __file__, "--worker", engine, "--size", str(size)]
    command += ["--order", order]
    if workers is not None:
        command += ["--workers", str(workers)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Run(engine, size, error=f"timeout after {timeout:.0f} s")
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        return Run(engine, size, error=tail[0])
    return run_from_json(json.loads(lines[-1]))


def run_from_json(data: dict[str, Any]) -> Run:
    """The `Run` a worker printed as JSON."""
    outcome = data.pop("outcome")
    return Run(**data, outcome=Outcome(**outcome) if outcome else None)


# --- Report -------------------------------------------------------------------------


def exponent(runs: Sequence[Run], of: str = "seconds") -> float | None:
    """Slope of log(outcome.<of>) on log(documents) by least squares; None below two sizes."""
    points = [
        (math.log(r.docs), math.log(getattr(r.outcome, of)))
        for r in runs
        if r.outcome and getattr(r.outcome, of) > 0
    ]
    if len({x for x, _ in points}) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in points)
    variance = sum((x - mean_x) ** 2 for x, _ in points)
    return covariance / variance


def _seconds(run: Run | None) -> object:
    if run is None:
        return "-"
    return run.outcome.seconds if run.outcome else run.error or "failed"


def _memory(run: Run | None) -> object:
    """Peak MiB of a run: its own maximum RSS, or its process tree's PSS when larger."""
    if run is None or run.outcome is None:
        return "-"
    return round(run.memory_mib)


def summary_table(runs: Sequence[Run]) -> str:
    """Size | dedupe s | dedupe RSS | minhash s | minhash RSS | pairs | findings, and more
    (the seconds and peak of `minhash-update` too when it ran)."""
    by_key = {(r.engine, r.size): r for r in runs}
    update = any(r.engine == "minhash-update" for r in runs)
    rows = []
    for size in sorted({r.size for r in runs}):
        ours, theirs = by_key.get(("dedupe", size)), by_key.get(("minhash", size))
        slow = by_key.get(("minhash-update", size))
        done = [r for r in (ours, theirs, slow) if r and r.outcome]
        rows.append(
            [
                size,
                max((r.docs for r in done), default=0),
                max((r.load_seconds for r in done), default=0.0),
                _seconds(ours),
                ours.docs_per_second if ours and ours.outcome else "-",
                _memory(ours),
                _seconds(theirs),
                _memory(theirs),
                *([_seconds(slow), _memory(slow)] if update else []),
                ours.outcome.pairs if ours and ours.outcome else "-",
                ours.outcome.findings if ours and ours.outcome else "-",
                next((r.outcome.pairs for r in (theirs, slow) if r and r.outcome), "-"),
            ]
        )
    headers = ["size", "docs", "load s", "dedupe s", "docs/s", "dedupe peak MiB", "minhash s"]
    headers += ["minhash peak MiB"]
    headers += ["minhash-update s", "minhash-update peak MiB"] if update else []
    headers += ["pairs", "findings", "minhash pairs"]
    return table(headers, rows)


def stage_table(runs: Sequence[Run], engine: str) -> str:
    """Stage seconds of one engine, one row per size."""
    done = sorted((r for r in runs if r.engine == engine and r.outcome), key=lambda r: r.size)
    labels: list[str] = []
    for run in done:
        assert run.outcome is not None
        labels += [k for k in run.outcome.stages if k not in labels]
    rows = [[r.size, *(r.outcome.stages.get(k, 0.0) for k in labels)] for r in done if r.outcome]
    return table(["size", *labels], rows)


def verdict(runs: Sequence[Run]) -> list[str]:
    """One line per issue 7 target: speed against MinHash, peak memory, growth exponent."""
    lines = [line for baseline in BASELINES for line in _speed(runs, baseline)]
    peaks = [r.memory_mib for r in runs if r.engine == "dedupe" and r.outcome]
    if peaks:
        worst = max(peaks)
        lines.append(
            f"dedupe peak memory: {worst:.0f} MiB vs < {TARGET_PEAK_MIB:.0f} MiB: "
            f"{_met(worst < TARGET_PEAK_MIB)}"
        )
    for engine in ENGINES:
        done = [r for r in runs if r.engine == engine and r.outcome]
        slope = exponent(done)
        if slope is None:
            continue
        line = f"{engine} time exponent over {len(done)} sizes: {slope:.3f}"
        if engine == "dedupe":
            line += f" vs <= {TARGET_EXPONENT}: {_met(slope <= TARGET_EXPONENT)}"
        lines.append(line)
    return lines + _output_growth([r for r in runs if r.engine == "dedupe" and r.outcome])


def _speed(runs: Sequence[Run], baseline: str) -> list[str]:
    """dedupe's wall time against ``baseline``'s at the largest size both ran."""
    ours = {r.size: r.outcome.seconds for r in runs if r.engine == "dedupe" and r.outcome}
    theirs = {r.size: r.outcome.seconds for r in runs if r.engine == baseline and r.outcome}
    common = sorted(set(ours) & set(theirs))
    if not common:
        return []
    size = common[-1]
    note = "" if size >= FULL_SIZE else f" (the target is at {FULL_SIZE:,})"
    return [
        f"speed at {size:,}{note}: dedupe {ours[size]:.1f} s vs {baseline} "
        f"{theirs[size]:.1f} s: {_met(ours[size] < theirs[size])}"
    ]


def _output_growth(runs: Sequence[Run]) -> list[str]:
    """How dedupe's output (passage pairs) grows, and its time per passage pair: a time
    exponent above 1 with a flat time per pair is work that follows the output."""
    slope = exponent(runs, "pairs")
    if slope is None:
        return []
    per_pair = [
        1000 * r.outcome.seconds / r.outcome.pairs for r in runs if r.outcome and r.outcome.pairs
    ]
    return [
        f"dedupe passage pairs exponent: {slope:.3f}; ms per passage pair "
        + " / ".join(f"{ms:.2f}" for ms in per_pair)
    ]


def _met(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


# --- Profile ------------------------------------------------------------------------


def profile(size: int, workers: int | None, order: str) -> Path:
    """Profile the dedupe run at ``size`` with pyinstrument; write the text to bench/out."""
    from pyinstrument import Profiler  # bench extra; only this mode needs it

    documents = load_documents(size, order)
    settings = settings_for(workers)
    profiler = Profiler()
    profiler.start()
    outcome = run_dedupe(documents, settings)
    profiler.stop()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"profile-{size}.txt"
    header = (
        f"dedupe on {len(documents)} AllSides articles: {outcome.seconds:.1f} s, "
        f"{outcome.pairs} pairs, {outcome.findings} findings, workers={settings.workers} "
        "(under the profiler; it sees only this process)\n\n"
    )
    flat = profiler.output_text(flat=True, flat_time="self")
    tree = profiler.output_text(show_all=False)
    path.write_text(header + "SELF TIME BY FUNCTION\n" + flat + "\nCALL TREE\n" + tree, "utf-8")
    return path


# --- Command line ---------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The options; ``--worker``/``--size`` are how the parent starts a subprocess."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated")
    parser.add_argument(
        "--engines",
        default=",".join(DEFAULT_ENGINES),
        help=f"comma-separated, of {', '.join(ENGINES)} (default: %(default)s)",
    )
    parser.add_argument("--engine-only", choices=ENGINES, help="run one engine only")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per run")
    parser.add_argument("--workers", type=int, help="dedupe Settings.workers (default: its own)")
    parser.add_argument(
        "--profile", type=int, metavar="N", help="profile dedupe at size N (1 worker by default)"
    )
    parser.add_argument(
        "--order",
        choices=ORDERS,
        default="date",
        help="which articles make a size: the earliest by date (an archive growing day by "
        "day) or the first by ID (a random sample)",
    )
    parser.add_argument(
        "--cli",
        action="store_true",
        help="time the installed dedupe command on a JSONL file against MinHash processes",
    )
    parser.add_argument("--jsonl", type=Path, help="with --cli: time this file, not --sizes")
    parser.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _engines(names: str) -> list[str]:
    """The engines of a comma-separated list; an unknown name stops the run."""
    chosen = [name.strip() for name in names.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in ENGINES]
    if unknown:
        raise SystemExit(
            f"scale.py: unknown engine {unknown[0]!r}; choose from {', '.join(ENGINES)}"
        )
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark (or one worker, or the profile) and print the results."""
    args = parse_args(argv)
    allsides_parts()  # a missing corpus stops here, not in every worker
    if args.worker:
        print(json.dumps(asdict(work(args.worker, args.size, args.workers, args.order))))
        return 0
    if args.profile:
        # One process by default: pyinstrument sees only its own process, not pool workers.
        workers = 1 if args.workers is None else args.workers
        print(f"profile written to {profile(args.profile, workers, args.order)}")
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.cli:
        from scale_cli import run_cli  # imports this module: only loaded when asked for

        return run_cli(sizes, args.order, args.jsonl, args.timeout)
    engines = [args.engine_only] if args.engine_only else _engines(args.engines)
    runs = []
    for size in sizes:
        for engine in engines:
            run = measure(engine, size, args.timeout, args.workers, args.order)
            print(f"{engine} at {size}: {_seconds(run)}", file=sys.stderr, flush=True)
            runs.append(run)
    print(f"AllSides articles taken in {ORDERS[args.order]}\n")
    print(summary_table(runs))
    for engine in engines:
        print(f"\n{engine} stages (s)\n{stage_table(runs, engine)}")
    print("\n" + "\n".join(verdict(runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
