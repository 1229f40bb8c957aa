"""Run dedupe on Apache Spark: the same report as `dedupe.compare`, computed by executors.

Users compare backends, so this engine runs the very stages of the local one
(`engines.stages.run`) and only decides where each piece runs, through `SparkExecutor`:

1. read: files through `dedupe.ingest` on the driver, or JSONL/Parquet rows read by Spark;
2. segment (executors): every document's sentences and matching units;
3. vectorise (driver, linear): the documents' term counts mapped onto one vocabulary and
   weighted, because idf weights need the whole corpus; the prepared corpus is broadcast;
4. candidates (executors): row blocks of the document-profile product, each block's top-k;
   the driver collects them (a few per document) and limits each document's partners;
5. align (executors): sentence links, passages and overlap of each candidate document pair;
6. claims (executors): each paired document's claims once (inside its passages; names and
   attributions also where quotes look for their speakers);
7. checks (executors): every rule family over runs of document pairs; the driver
   deduplicates and sorts the findings as the local engine does.

Run it on a cluster with ``spark-submit .../dedupe/engines/spark.py PATHS --output report.json``.
"""

from __future__ import annotations

import contextlib
import os
import sys

if __name__ == "__main__":
    # Run as a script (spark-submit): Python put this module's folder first on sys.path,
    # where a module of the package could shadow one of the standard library's.
    _here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]

import argparse
import json
import posixpath
import time
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import unquote, urlparse

from dedupe import ingest
from dedupe.config import Settings
from dedupe.config import load as load_config
from dedupe.engines.stages import Progress, finished, run
from dedupe.model import Diagnostic, Document
from dedupe.report import Report, span_dict

try:
    from pyspark import RDD, Broadcast
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
except ImportError as exc:  # the CLI imports this module only for --engine spark
    raise ImportError("the Spark engine needs pyspark: pip install 'dedupe-news[spark]'") from exc


InputFormat = Literal["auto", "files", "jsonl", "parquet"]
INPUT_FORMATS: tuple[InputFormat, ...] = ("auto", "files", "jsonl", "parquet")
SPARK_SUFFIXES: dict[str, InputFormat] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
}
METADATA = ("source", "date", "title", "url")
_BLOCKS_PER_CORE = 4  # tasks per core: small enough to balance uneven items
Shared = TypeVar("Shared")
Item = TypeVar("Item")
Result = TypeVar("Result")


def compare(
    paths: Sequence[str | os.PathLike[str]],
    settings: Settings | None = None,
    progress: Progress | None = None,
    spark: SparkSession | None = None,
    input_format: InputFormat = "auto",
    only: str | None = None,
    quiet: bool = False,
) -> Report:
    """`dedupe.compare` on Spark: the same pairs, findings and clusters (``only`` as there).

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
    session = spark or _session(quiet)
    try:
        say("reading articles")
        documents, diagnostics = read(session, paths, settings, input_format)
        if not documents:
            raise ingest.nothing_readable(paths, diagnostics)
        note = ingest.one_source(paths, documents)
        diagnostics.extend([note] if note else [])
        found = compare_documents(session, documents, settings, say, only)
    finally:
        if owned:
            session.stop()
    return finished(found, diagnostics, started)


def _session(quiet: bool = False) -> SparkSession:
    """The session this run starts; ``quiet`` sends the JVM's own stderr (its start-up
    notes and log4j warnings, for its whole life) to the null device."""
    with _jvm_stderr_to_null() if quiet else contextlib.nullcontext():
        return _builder().getOrCreate()


@contextlib.contextmanager
def _jvm_stderr_to_null() -> Iterator[None]:
    # The JVM is launched as a child process that inherits file descriptor 2: pointed at
    # the null device while it starts, it keeps writing there; this process gets its own
    # stderr back at once, for dedupe's messages.
    sys.stderr.flush()
    saved, null = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)


def _builder() -> SparkSession.Builder:
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
    return builder


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
    columns = _columns(settings)
    frame = _frame(spark, path, fmt, columns)
    rows = frame.withColumn("_file", F.input_file_name()).withColumn(
        "_order", F.monotonically_increasing_id()
    )
    collected = [
        (str(r["_file"]), int(r["_order"]), _record(r.asDict(), frame.columns, columns))
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


def _columns(settings: Settings) -> tuple[str, ...]:
    """The fields `ingest` reads from a record: its text and id fields, and metadata, once
    each whatever their case (Spark's column names are not case-sensitive: "id" and "ID"
    would be one column named twice)."""
    first: dict[str, str] = {}
    for name in (*settings.text_fields, *settings.id_fields, *METADATA):
        first.setdefault(name.casefold(), name)
    return tuple(first.values())


def _frame(spark: SparkSession, path: str, fmt: InputFormat, columns: Sequence[str]) -> DataFrame:
    reader = spark.read.option("recursiveFileLookup", "true")
    if fmt == "parquet":
        if _is_folder(path):
            reader = reader.option("pathGlobFilter", "*.parquet")
        frame = reader.parquet(path)
        return frame.select(*[c for c in columns if c in frame.columns])
    if _is_folder(path):
        reader = reader.option("pathGlobFilter", "*.{jsonl,ndjson}")
    # Every column as a string, like `ingest` reads them; a malformed line gives a row
    # without text, which is skipped with a diagnostic.
    schema = T.StructType([T.StructField(c, T.StringType()) for c in columns])
    return reader.schema(schema).json(path)


def _is_folder(path: str) -> bool:
    local = urlparse(path)
    return local.scheme in ("", "file") and os.path.isdir(unquote(local.path) or path)


def _record(
    row: Mapping[str, Any], present: Sequence[str], wanted: Sequence[str]
) -> dict[str, Any]:
    """The article fields of a row; absent values are left out, as in a JSON record."""
    return {c: row[c] for c in present if c in wanted and row.get(c) is not None}


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


class SparkExecutor:
    """Runs the stages' per-item work as Spark jobs: items are spread over the executors,
    each worker's shared object (a prepared corpus, the documents) broadcast once."""

    def __init__(self, spark: SparkSession) -> None:
        self._context = spark.sparkContext
        # Broadcasts by the identity of what they hold (kept alive here, so the identity
        # is not reused); the corpus serves candidate search and alignment alike.
        self._shared: dict[int, tuple[object, Broadcast[Any]]] = {}

    def imap(
        self,
        func: Callable[[Item], Result],
        items: Sequence[Item],
        what: str = "",
        min_items: int = 1,
    ) -> Generator[Result]:
        """``func(x) for x in items`` on the executors, results in input order."""
        yield from self._spread(items).map(func).collect()

    def map_shared(
        self,
        func: Callable[[Shared, Item], Result],
        shared: Shared,
        items: Sequence[Item],
        what: str = "",
        min_items: int = 1,
    ) -> list[Result]:
        """``[func(shared, x) for x in items]`` on the executors, ``shared`` broadcast."""
        broadcast = self._broadcast(shared)
        found: list[Result] = self._spread(items).map(partial(_with, func, broadcast)).collect()
        return found

    def close(self) -> None:
        """Let go of every broadcast."""
        for _, broadcast in self._shared.values():
            broadcast.destroy()
        self._shared.clear()

    def _spread(self, items: Sequence[Item]) -> RDD[Item]:
        slices = max(1, min(len(items), self._context.defaultParallelism * _BLOCKS_PER_CORE))
        return self._context.parallelize(list(items), slices)

    def _broadcast(self, shared: object) -> Broadcast[Any]:
        if id(shared) not in self._shared:
            self._shared[id(shared)] = (shared, self._context.broadcast(shared))
        return self._shared[id(shared)][1]


def _on_spark(say: Progress, message: str) -> None:
    say(f"{message} on Spark")


def _with(
    func: Callable[[Shared, Item], Result], broadcast: Broadcast[Shared], item: Item
) -> Result:
    return func(broadcast.value, item)


def compare_documents(
    spark: SparkSession,
    documents: Sequence[Document],
    settings: Settings,
    say: Progress,
    only: str | None = None,
) -> Report:
    """Pair and check documents already loaded, in id order; the report has no diagnostics
    nor timing."""
    executor = SparkExecutor(spark)
    try:
        on_spark = partial(_on_spark, say)
        return run(ingest.in_id_order(documents), settings, executor, on_spark, only=only)
    finally:
        executor.close()


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
