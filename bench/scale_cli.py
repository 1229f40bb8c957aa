"""`bench/scale.py --cli`: the installed ``dedupe`` command against MinHash, whole processes.

A user runs ``dedupe compare archive.jsonl --format json -o report.json``; this times exactly
that, as a fresh process that reads the JSONL itself, beside a process doing datasketch's
fastest document-level pass over the same file (MinHash of word 5-gram shingles, 128
permutations, `MinHashLSH` at 0.8, sketches by `MinHash.bulk` and by `MinHash.generator`).
Each command's peak memory is the summed proportional set size of its process tree (the
command and every worker process it starts), sampled by `scale.TreeMemory`.

The JSONL is the N earliest AllSides articles by date (or the first N by ID), written to a
temporary folder (``id, source, date, title, url, text``), or a file given with ``--jsonl``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from _corpora import table
from scale import TreeMemory, load_documents, run_minhash

from dedupe.model import Document

# Issue 16's targets: the whole run at most twice MinHash's time, `--only pairs` no slower
# than it, and the process tree's peak under 3 GB.
TARGET_RATIO = 2.0
TARGET_PAIRS_RATIO = 1.0
TARGET_PEAK_MIB = 3 * 1024.0
WAYS = ("bulk", "generator")


@dataclass(frozen=True, slots=True)
class Timed:
    """One command over one file: wall seconds, peak tree MiB, pairs it reported."""

    name: str
    seconds: float
    peak_mib: float
    pairs: int | str


def write_jsonl(documents: Sequence[Document], path: Path) -> Path:
    """``documents`` as the JSONL a newsroom exports: one article object per line."""
    with path.open("w", encoding="utf-8") as handle:
        for doc in documents:
            record = {"id": doc.id, "source": doc.source, "text": doc.text}
            record |= {"date": doc.date.isoformat() if doc.date else None, "title": doc.title}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def dedupe_command() -> str:
    """The ``dedupe`` script installed beside this interpreter (the venv's)."""
    script = Path(sys.executable).with_name("dedupe")
    if not script.exists():
        raise SystemExit(f"{script}: no dedupe command; install the project (make demo)")
    return str(script)


def commands(jsonl: Path, out: Path) -> dict[str, list[str]]:
    """Each timed command line, by name."""
    dedupe = [dedupe_command(), "compare", str(jsonl), "--format", "json", "-q"]
    runs = {
        "dedupe": [*dedupe, "-o", str(out / "report.json")],
        "dedupe --only pairs": [*dedupe, "--only", "pairs", "-o", str(out / "pairs.json")],
    }
    for way in WAYS:
        runs[f"minhash {way}"] = [sys.executable, __file__, str(jsonl), way]
    return runs


def timed(name: str, command: list[str], timeout: float) -> Timed:
    """Run ``command`` to its end, timing it and sampling its process tree's memory."""
    started = time.perf_counter()
    with TreeMemory(children_only=True) as memory:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        tail = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        return Timed(name, seconds, memory.peak_mib, f"failed: {tail}")
    return Timed(name, seconds, memory.peak_mib, _pairs(name, done.stdout, command))


def _pairs(name: str, stdout: str, command: list[str]) -> int:
    """Pairs a command found: MinHash prints its count; dedupe's are in its report file."""
    if name.startswith("minhash"):
        return int(stdout.strip().splitlines()[-1])
    with open(command[command.index("-o") + 1], encoding="utf-8") as handle:
        return len(json.load(handle)["pairs"])


def run_cli(sizes: Sequence[int], order: str, jsonl: Path | None, timeout: float) -> int:
    """Time every command on each size's JSONL (or on ``jsonl``) and print the verdict."""
    with tempfile.TemporaryDirectory(prefix="dedupe-scale-") as folder:
        out = Path(folder)
        for size in [0] if jsonl else sizes:
            path = jsonl or write_jsonl(load_documents(size, order), out / f"allsides-{size}.jsonl")
            lines = sum(1 for _ in path.open("rb"))
            results = [
                timed(name, command, timeout) for name, command in commands(path, out).items()
            ]
            print(f"\n{path.name}: {lines:,} articles, {path.stat().st_size / 2**20:.0f} MiB")
            print(report(results))
    return 0


def report(results: Sequence[Timed]) -> str:
    """The table of commands, then one verdict line per target."""
    rows = [[r.name, r.seconds, round(r.peak_mib), r.pairs] for r in results]
    lines = [table(["command", "seconds", "peak MiB (tree)", "pairs"], rows)]
    by_name = {r.name: r for r in results}
    for name, target in (("dedupe", TARGET_RATIO), ("dedupe --only pairs", TARGET_PAIRS_RATIO)):
        lines += [_ratio(by_name[name], by_name[f"minhash {way}"], target) for way in WAYS]
    peak = max(by_name[n].peak_mib for n in ("dedupe", "dedupe --only pairs"))
    verdict = "MET" if peak < TARGET_PEAK_MIB else "NOT MET"
    lines.append(f"dedupe peak memory (tree): {peak:.0f} MiB vs < {TARGET_PEAK_MIB:.0f}: {verdict}")
    return "\n".join(lines)


def _ratio(ours: Timed, theirs: Timed, target: float) -> str:
    """One speed verdict: our seconds over theirs, against ``target``."""
    head = f"{ours.name} / {theirs.name}"
    if isinstance(ours.pairs, str) or isinstance(theirs.pairs, str):
        return f"{head}: not measured (a command failed)"
    ratio = ours.seconds / theirs.seconds
    return f"{head}: {ratio:.2f} vs <= {target}: {'MET' if ratio <= target else 'NOT MET'}"


def minhash_process(path: Path, way: str) -> int:
    """The MinHash process: read the JSONL, sketch, index, query; print the pair count."""
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    documents = [Document(str(r["id"]), str(r["id"]), str(r["source"]), r["text"]) for r in records]
    print(run_minhash(documents, way).pairs)
    return 0


if __name__ == "__main__":
    sys.exit(minhash_process(Path(sys.argv[1]), sys.argv[2]))
