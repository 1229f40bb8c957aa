"""Run dedupe on Apache Spark: the same report as `dedupe.compare`, computed by executors.

Users compare backends, so this engine reuses the matcher and the checkers of the local one
and only decides where each piece runs:

1. read: files through `dedupe.ingest` on the driver, or JSONL/Parquet rows read by Spark;
2. segment (executors): every document's sentences and matching units;
3. vectorise (driver, linear): the documents' term counts mapped onto one vocabulary and
   weighted, exactly as `pairing.prepare` does, because idf weights need the whole corpus;
   the prepared `Corpus` is broadcast;
4. candidates (executors): row blocks of the document-profile product, each block's top-k;
   the driver collects them (a few per document) and limits each document's partners;
5. align (executors): sentence links, passages, overlap and copied passages of each
   candidate document pair;
6. claims (executors): each paired document's claims once (inside its passages; names and
   attributions also where quotes look for their speakers), then the claim checks and name
   variants per pair;
7. assemble (driver): results in the local engine's order, so that deduplication and sorting
   of findings give the same report.

Run it on a cluster with ``spark-submit .../dedupe/spark.py PATHS --output report.json``.
"""

from __future__ import annotations

import os
import sys

if __name__ == "__main__":
    # Run as a script (spark-submit): Python put this package's folder first on sys.path,
    # where dedupe/numbers.py would shadow the standard library's `numbers`.
    _here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]

import argparse
import json
import math
import posixpath
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlparse

from dedupe import claims, discrepancies, ingest, pairing
from dedupe.config import Settings
from dedupe.config import load as load_config
from dedupe.model import Diagnostic, Document, Finding, Pair
from dedupe.pipeline import finished
from dedupe.report import Report, span_dict

try:
    from pyspark import RDD, Broadcast
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
except ImportError as exc:  # the CLI imports this module only for --engine spark
    raise ImportError("the Spark engine needs pyspark: pip install 'dedupe-news[spark]'") from exc

Progress = Callable[[str], None]
InputFormat = Literal["auto", "files", "jsonl", "parquet"]
INPUT_FORMATS: tuple[InputFormat, ...] = ("auto", "files", "jsonl", "parquet")
SPARK_SUFFIXES: dict[str, InputFormat] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
}
COLUMNS = ("text", "id", "source", "date", "title", "url")
_BLOCKS_PER_CORE = 4  # candidate row blocks per core: small enough to balance uneven rows
_MAX_BLOCK_ROWS = 2048  # rows of the candidate product in one task at most: bounds its memory


def compare(
    paths: Sequence[str | os.PathLike[str]],
    settings: Settings | None = None,
    progress: Progress | None = None,
    spark: SparkSession | None = None,
    input_format: InputFormat = "auto",
) -> Report:
    """`dedupe.compare` on Spark: the same pairs, findings and clusters.

    ``input_format`` "auto" reads ``.jsonl``/``.ndjson`` and ``.parquet`` paths with Spark
    and everything else with `dedupe.ingest` on the driver; "jsonl" or "parquet" reads every
    path (files or folders) with Spark, "files" reads every path with `dedupe.ingest`.
    Without ``spark`` the active session is used, else one is created and stopped at the
    end: the master given by spark-submit, else ``$DEDUPE_SPARK_MASTER``, else ``local[*]``.
    """
    settings = settings or Settings()
    say = progress or (lambda _message: None)
    started = time.perf_counter()
    owned = spark is None and SparkSession.getActiveSession() is None
    session = spark or _session()
    try:
        say("reading articles")
        documents, diagnostics = read(session, paths, settings, input_format)
        if not documents:
            raise ingest.nothing_readable(paths, diagnostics)
        note = ingest.one_source(paths, documents)
        diagnostics.extend([note] if note else [])
        found = compare_documents(session, documents, settings, say)
    finally:
        if owned:
            session.stop()
    return finished(found, diagnostics, started)


def _session() -> SparkSession:
    builder = SparkSession.builder.appName("dedupe")
    master = os.environ.get("DEDUPE_SPARK_MASTER")
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
        master = "local[*]"  # not under spark-submit, whose --master must win
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        # Local workers must run this interpreter, the one with dedupe installed; pyspark
        # reads the worker's interpreter from the environment only.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return builder.getOrCreate()


# --- reading ---------------------------------------------------------------------------


def read(
    spark: SparkSession,
    paths: Sequence[str | os.PathLike[str]],
    settings: Settings,
    input_format: InputFormat = "auto",
) -> tuple[list[Document], list[Diagnostic]]:
    """The documents under ``paths`` and what was skipped (see `compare` for the formats)."""
    formats = [_format(p, input_format) for p in paths]
    if all(f == "files" for f in formats):
        return ingest.load(paths, settings)
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    for path, fmt in zip(paths, formats, strict=True):
        if fmt == "files":
            docs, notes = ingest.load([path], settings)
        else:
            docs, notes = _read_rows(spark, os.fspath(path), fmt, settings)
        documents.extend(docs)
        diagnostics.extend(notes)
    return ingest._unique(documents, diagnostics), diagnostics


def _format(path: str | os.PathLike[str], given: InputFormat) -> InputFormat:
    if given != "auto":
        return given
    suffix = posixpath.splitext(os.fspath(path).rstrip("/"))[1].lower()
    return SPARK_SUFFIXES.get(suffix, "files")


def _read_rows(
    spark: SparkSession, path: str, fmt: InputFormat, settings: Settings
) -> tuple[list[Document], list[Diagnostic]]:
    """Rows of JSONL or Parquet read by Spark, turned into documents as `ingest` would."""
    frame = _frame(spark, path, fmt)
    rows = frame.withColumn("_file", F.input_file_name()).withColumn(
        "_order", F.monotonically_increasing_id()
    )
    collected = [
        (str(r["_file"]), int(r["_order"]), _record(r.asDict(), frame.columns))
        for r in rows.collect()
    ]
    collected.sort(key=lambda row: (_walk_key(_relative(path, row[0])), row[1]))
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    numbers: dict[str, int] = {}
    for file, _, record in collected:
        numbers[file] = number = numbers.get(file, 0) + 1
        doc = ingest._json_document(_origin(path, file), number, record, settings, diagnostics)
        if doc is not None:
            documents.append(doc)
    return documents, diagnostics


def _frame(spark: SparkSession, path: str, fmt: InputFormat) -> DataFrame:
    reader = spark.read.option("recursiveFileLookup", "true")
    if fmt == "parquet":
        if _is_folder(path):
            reader = reader.option("pathGlobFilter", "*.parquet")
        frame = reader.parquet(path)
        return frame.select(*[c for c in COLUMNS if c in frame.columns])
    if _is_folder(path):
        reader = reader.option("pathGlobFilter", "*.{jsonl,ndjson}")
    # Every column as a string, like `ingest` reads them; a malformed line gives a row
    # without text, which is skipped with a diagnostic.
    schema = T.StructType([T.StructField(c, T.StringType()) for c in COLUMNS])
    return reader.schema(schema).json(path)


def _is_folder(path: str) -> bool:
    local = urlparse(path)
    return local.scheme in ("", "file") and os.path.isdir(unquote(local.path) or path)


def _record(row: Mapping[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    """The article fields of a row; absent values are left out, as in a JSON record."""
    return {c: row[c] for c in columns if c in COLUMNS and row.get(c) is not None}


def _location(path: str) -> str:
    """The filesystem path part of ``path``, absolute, as Spark reports file names."""
    parsed = urlparse(path)
    if parsed.scheme and len(parsed.scheme) > 1:  # not a Windows drive letter
        return unquote(parsed.path)
    return os.path.abspath(path)


def _relative(root: str, file: str) -> str:
    """``file`` (a URI from Spark) relative to the path given, "" when it is that file."""
    relative = posixpath.relpath(unquote(urlparse(file).path), _location(root))
    return "" if relative == "." else relative


def _walk_key(relative: str) -> list[tuple[int, str]]:
    """Sort key of the order `ingest` walks a folder in: a folder's files, then subfolders."""
    parts = relative.split("/") if relative else []
    return [(1, part) for part in parts[:-1]] + [(0, part) for part in parts[-1:]]


def _origin(root: str, file: str) -> ingest._Origin:
    relative = _relative(root, file)
    if not relative:
        return ingest._Origin(Path(root), None)
    return ingest._Origin(Path(root) / relative, Path(root))


# --- the engine ------------------------------------------------------------------------


@dataclass(frozen=True)
class Linked:
    """What one candidate document pair gave: its passages and the findings about them.

    ``(a, b)`` is the pair's place in the local engine's candidate order; ``checks`` and
    ``variants`` are filled in once the claims of both documents are known.
    """

    a: int
    b: int
    pairs: tuple[Pair, ...]
    overlap: float
    copies: tuple[Finding, ...]
    checks: tuple[Finding, ...] = ()
    variants: tuple[Finding, ...] = ()


def compare_documents(
    spark: SparkSession, documents: Sequence[Document], settings: Settings, say: Progress
) -> Report:
    """Pair and check documents already loaded, in id order; the report has no diagnostics
    nor timing."""
    documents = ingest.in_id_order(documents)
    say(f"segmenting {len(documents)} documents on Spark")
    shared = spark.sparkContext.broadcast(_prepare(spark, documents, settings))
    try:
        say(f"pairing passages across {len(documents)} documents on Spark")
        linked = _linked(spark, shared, settings).persist()
        say("checking the claims of paired passages on Spark")
        results = _checked(spark, shared, linked, settings)
        linked.unpersist()
    finally:
        shared.destroy()
    return _report(documents, sorted(results, key=lambda r: (r.a, r.b)), settings)


def _prepare(
    spark: SparkSession, documents: Sequence[Document], settings: Settings
) -> pairing.Corpus:
    """`pairing.prepare`, with the segmentation done by executors."""
    sc = spark.sparkContext
    slices = max(1, min(len(documents), sc.defaultParallelism * _BLOCKS_PER_CORE))
    indexed = sc.parallelize(list(enumerate(documents)), slices)
    segmented = sorted(indexed.map(partial(_segment, settings)).collect(), key=lambda s: s[0])
    return pairing.vectorise(documents, [seg for _, seg in segmented])


def _segment(settings: Settings, item: tuple[int, Document]) -> tuple[int, pairing.Segmented]:
    index, doc = item
    return index, pairing.segment(doc, settings)


def _linked(
    spark: SparkSession, shared: Broadcast[pairing.Corpus], settings: Settings
) -> RDD[Linked]:
    """Candidate pairs chosen per row block, then aligned (with their copied passages)."""
    sc = spark.sparkContext
    rows = shared.value.doc_vectors.shape[0]
    size = max(
        1, min(_MAX_BLOCK_ROWS, math.ceil(rows / (sc.defaultParallelism * _BLOCKS_PER_CORE)))
    )
    starts = list(range(0, rows, size))
    blocks = sc.parallelize(starts, max(1, len(starts)))
    # A few candidates per document: the driver takes each pair once and limits each
    # document's partners as the local engine does, then spreads them for alignment.
    chosen = blocks.flatMap(partial(_candidates, shared, size, settings)).collect()
    candidates = pairing.candidates_of(shared.value, chosen, settings)
    spread = sc.parallelize(candidates, max(1, len(starts)))
    return spread.mapPartitions(partial(_align, shared, settings))


def _candidates(
    shared: Broadcast[pairing.Corpus], size: int, settings: Settings, lo: int
) -> list[tuple[int, int, float]]:
    """`pairing.candidate_rows` for rows lo..lo+size.

    A row of a sparse product depends on that row alone, so a block's rows are the same
    as in the local engine's blocks.
    """
    corpus = shared.value
    return pairing.candidate_rows(corpus, lo, min(corpus.doc_vectors.shape[0], lo + size), settings)


def _align(
    shared: Broadcast[pairing.Corpus],
    settings: Settings,
    candidates: Iterable[tuple[int, int, float]],
) -> Iterator[Linked]:
    """`pairing.pair`'s loop body, and the copied passages `discrepancies.find` reports."""
    corpus = shared.value
    for candidate in candidates:
        a, b, found, share = pairing.pair_documents(corpus, candidate, settings)
        if not found:
            continue
        da, db = corpus.documents[a], corpus.documents[b]
        pairs = pairing.pairs_of(da, db, found)
        alone = pairing.Pairing(pairs, [], {(da.id, db.id): share})
        copies = discrepancies.duplicate_findings(alone, {da.id: da, db.id: db}, settings)
        yield Linked(a, b, tuple(pairs), share, tuple(copies))


def _checked(
    spark: SparkSession,
    shared: Broadcast[pairing.Corpus],
    linked: RDD[Linked],
    settings: Settings,
) -> list[Linked]:
    """Claims of each paired document's passages extracted once, then checked per pair."""
    spans = linked.flatMap(_sides).groupByKey()
    extracted = spark.sparkContext.broadcast(spans.map(partial(_claims, shared)).collectAsMap())
    try:
        found: list[Linked] = linked.map(partial(_check, shared, extracted, settings)).collect()
        return found
    finally:
        extracted.destroy()


def _sides(linked: Linked) -> Iterator[tuple[int, tuple[int, int]]]:
    """(document, passage span) for both sides of every passage pair."""
    for pair in linked.pairs:
        yield linked.a, (pair.a.start, pair.a.end)
        yield linked.b, (pair.b.start, pair.b.end)


def _claims(
    shared: Broadcast[pairing.Corpus], item: tuple[int, Iterable[tuple[int, int]]]
) -> tuple[str, claims.Claims]:
    doc, spans = item
    document = shared.value.documents[doc]
    return document.id, claims.extract_passages(document, spans)


def _check(
    shared: Broadcast[pairing.Corpus],
    extracted: Broadcast[dict[str, claims.Claims]],
    settings: Settings,
    linked: Linked,
) -> Linked:
    """`discrepancies.find`'s checks of one document pair: its passages, then its names."""
    da, db = shared.value.documents[linked.a], shared.value.documents[linked.b]
    by_id = {da.id: da, db.id: db}
    cache = {da.id: extracted.value[da.id], db.id: extracted.value[db.id]}
    checks = discrepancies.pair_findings(linked.pairs, by_id, cache, settings)
    variants = discrepancies.name_findings(linked.pairs, by_id, cache)
    return replace(linked, checks=tuple(checks), variants=tuple(variants))


def _report(documents: Sequence[Document], results: list[Linked], settings: Settings) -> Report:
    """The findings in the order `discrepancies.find` builds them, then deduplicated."""
    pairs = [p for r in results for p in r.pairs]
    overlaps = {(r.a, r.b): r.overlap for r in results}
    found = [
        *(f for r in results for f in r.checks),
        *(f for r in results for f in r.variants),
        *(f for r in results for f in r.copies if f.pair is None),  # whole documents first
        *(f for r in results for f in r.copies if f.pair is not None),
    ]
    findings = discrepancies.unique(found, settings)
    return Report(
        documents=tuple(documents),
        pairs=tuple(pairs),
        findings=tuple(findings),
        clusters=tuple(pairing.clusters(documents, overlaps, settings)),
        options=settings.as_dict(),
    )


# --- output and command line -----------------------------------------------------------

_SPAN = T.StructType(
    [
        T.StructField("doc", T.StringType(), False),
        T.StructField("start", T.LongType(), False),
        T.StructField("end", T.LongType(), False),
        T.StructField("line", T.LongType(), False),
        T.StructField("column", T.LongType(), False),
        T.StructField("text", T.StringType(), False),
    ]
)
FINDINGS_SCHEMA = T.StructType(
    [
        T.StructField("id", T.StringType(), False),
        T.StructField("rule", T.StringType(), False),
        T.StructField("severity", T.StringType(), False),
        T.StructField("pair", T.StringType(), True),
        T.StructField("a", _SPAN, False),
        T.StructField("b", _SPAN, False),
        T.StructField("message", T.StringType(), False),
    ]
)


def write_parquet(report: Report, path: str, spark: SparkSession) -> None:
    """Write the report's findings as Parquet (columns as in the JSON report's findings)."""
    rows = [
        (f.id, f.rule, f.severity, f.pair, span_dict(f.a), span_dict(f.b), f.message)
        for f in report.findings
    ]
    frame = spark.createDataFrame(rows, FINDINGS_SCHEMA)
    frame.write.mode("overwrite").parquet(path)


def main(argv: Sequence[str] | None = None) -> int:
    """``spark-submit dedupe/spark.py PATHS --output report.json``; returns the exit code."""
    parser = argparse.ArgumentParser(prog="dedupe-spark", description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", help="folders, article files, JSONL or Parquet")
    parser.add_argument("--output", default="-", help="the JSON report (default: stdout)")
    parser.add_argument("--parquet", help="also write the findings as Parquet here")
    parser.add_argument("--input-format", default="auto", choices=INPUT_FORMATS)
    parser.add_argument("--config", type=Path, help="dedupe.toml (default: found from cwd)")
    args = parser.parse_args(argv)
    owned = SparkSession.getActiveSession() is None
    spark = _session()
    try:
        settings, _ = load_config(args.config)
        report = compare(args.paths, settings, _stderr, spark, args.input_format)
        if args.parquet:
            write_parquet(report, args.parquet, spark)
    except (ingest.InputError, ValueError, OSError) as exc:
        print(f"dedupe: {exc}", file=sys.stderr)
        return 2
    finally:
        if owned:
            spark.stop()
    text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
    if args.output == "-":
        print(text)
    else:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    return 0


def _stderr(message: str) -> None:
    print(f"dedupe: {message}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
