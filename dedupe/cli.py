"""The ``dedupe`` command: parse, call the library, format. The only module using typer/rich.

Data goes to stdout, progress and diagnostics to stderr. Exit codes: 0 the run completed
(``check``: no finding at or above ``--fail-on``), 1 ``check`` found such findings, 2 usage,
input or internal error.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TextIO, TypeVar

import typer
from rich import box
from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

import dedupe
from dedupe import emit, worddiff
from dedupe.config import ConfigError, Settings
from dedupe.config import load as load_config
from dedupe.ingest import InputError
from dedupe.model import SEVERITY_RANK, Diagnostic, Document, Finding, Pair, Span
from dedupe.report import Report
from dedupe.workers import counting

app = typer.Typer(
    help="Find passages that several news sources share, and check that their claims agree.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
# Word marks cost at most a diff of this many tokens. difflib is cubic on reordered repeats:
# "a b c ..." against "a c b ..." takes 0.3 s at 400 tokens, 1.9 s at 750 and 116 s at 3,000.
EXCERPT = 400  # characters of each article a `duplicate` finding shows
# Unicode category Cc: the C0 controls, DEL and the C1 controls (U+009B is CSI on some
# terminals). Article text keeps its tabs and line breaks; one-line messages keep nothing.
_CONTROLS = [*range(0x20), 0x7F, *range(0x80, 0xA0)]
_CONTROL = dict.fromkeys((c for c in _CONTROLS if c not in (9, 10)), " ")
_CONTROL_LINE = dict.fromkeys(_CONTROLS, " ")


class SeverityName(StrEnum):
    """Severity levels as command-line choices."""

    error = "error"
    warning = "warning"
    info = "info"


class Format(StrEnum):
    """What ``compare`` writes to stdout."""

    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, no_color=_no_color())


def _no_color() -> bool:
    return bool(os.environ.get("NO_COLOR")) or _FLAGS.get("no_color", False)


_FLAGS: dict[str, bool] = {}


def fail(message: str) -> NoReturn:
    """Print a one-line error to stderr and exit 2."""
    _stderr().print(f"dedupe: error: {_inert(message)}", style="red", soft_wrap=True)
    raise typer.Exit(EXIT_ERROR)


T = TypeVar("T")


def guarded(call: Callable[[], T]) -> T:
    """Run ``call``; input and configuration errors become one-line messages and exit 2."""
    try:
        return call()
    except (InputError, ConfigError, ValueError, OSError, ImportError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted")
    except Exception as exc:  # an internal error must never exit 0 nor print a traceback
        if os.environ.get("DEDUPE_DEBUG"):
            raise
        fail(f"internal error: {type(exc).__name__}: {exc} (set DEDUPE_DEBUG=1 for a traceback)")


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"dedupe {dedupe.__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """dedupe: cross-source duplicate and claim-consistency checker for news text."""


# --- settings --------------------------------------------------------------------------

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Configuration file (default: dedupe.toml or pyproject.toml)."),
]

RuleOption = Annotated[list[str] | None, typer.Option("--rule", help="Only these rules (repeat).")]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="No colours (also NO_COLOR).")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")]


def settings_from(config: Path | None, **overrides: Any) -> Settings:
    """Settings from the configuration file with command-line overrides applied."""
    settings, _ = load_config(config)
    return settings.merged(overrides)


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[str], None]]:
    """A live line on stderr (terminals only): the stage, or the step of it that works
    through items ("documents segmented") with a bar of them, and the time so far; each
    finished stage stays on screen with its duration."""
    console = _stderr()
    if quiet or not console.is_terminal:
        yield lambda _message: None
        return
    stage: list[tuple[str, float]] = []
    columns = (
        SpinnerColumn(),
        TextColumn("dedupe: {task.description}"),
        BarColumn(bar_width=16),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        tasks = [bar.add_task("starting", total=None)]

        def finish_stage() -> None:
            if stage:
                done, since = stage[-1]
                bar.console.print(
                    f"[dim]dedupe: {done} ({time.perf_counter() - since:.1f} s)[/dim]"
                )

        def say(message: str) -> None:
            finish_stage()
            stage.append((_inert(message), time.perf_counter()))
            # A new task, not a reset one: a reset keeps the last step's total.
            bar.remove_task(tasks.pop())
            tasks.append(bar.add_task(_inert(message), total=None))

        def count(what: str, done: int, total: int) -> None:
            # The step's own words ("documents segmented") fit beside the bar; the stage
            # it belongs to is printed, timed, when it ends.
            described = _inert(what) or stage[-1][0]
            bar.update(tasks[-1], description=described, completed=done, total=total)

        with counting(count):
            yield say
        finish_stage()


def _diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    """One line each on stderr; file and source names cannot carry markup or escapes."""
    console = _stderr()
    for diag in diagnostics:
        console.print(f"dedupe: {diag.level}: {_inert(str(diag))}", soft_wrap=True)


def _inert(text: str) -> str:
    """``text`` for a one-line console message: controls become spaces, markup is escaped."""
    return escape(text.translate(_CONTROL_LINE))


def _write(path: Path, fill: Callable[[TextIO], object]) -> None:
    """Create ``path`` (and its folder), let ``fill`` write it, and say so on stderr."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        fill(handle)
    _stderr().print(f"dedupe: wrote {_inert(str(path))}")


def _write_report(path: Path, report: Report, fmt: str) -> None:
    _write(path, lambda handle: emit.write(report, fmt, handle))


# --- compare ---------------------------------------------------------------------------


@app.command()
def compare(
    paths: Annotated[list[Path], typer.Argument(help="Folders or files of articles.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="What to print.")] = Format.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write there, not stdout.")
    ] = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write the HTML report there.")
    ] = None,
    min_severity: Annotated[
        SeverityName, typer.Option("--min-severity", help="Hide findings below this.")
    ] = SeverityName.info,
    rule: RuleOption = None,
    show_omissions: Annotated[
        bool, typer.Option("--show-omissions", help="Also report figures one source leaves out.")
    ] = False,
    show_pairs: Annotated[
        bool | None,
        typer.Option("--show-pairs/--no-pairs", help="List passage pairs (default: when few)."),
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="local, or spark (needs the spark extra).")
    ] = "local",
    no_color: NoColorOption = False,
    quiet: QuietOption = False,
    config: ConfigOption = None,
) -> None:
    """Compare a folder of articles: pair passages across sources and report discrepancies."""
    _FLAGS["no_color"] = no_color
    settings = guarded(lambda: settings_from(config, show_omissions=show_omissions or None))
    report = guarded(lambda: _run_compare(paths, settings, engine, quiet))
    _diagnostics(report.diagnostics)
    shown = report.filtered(min_severity.value, rule or ())
    if html is not None:
        guarded(lambda: _write_report(html, report, "html"))
    _emit(shown, fmt, output, show_pairs)


def _run_compare(paths: Sequence[Path], settings: Settings, engine: str, quiet: bool) -> Report:
    if engine == "spark":
        from dedupe.engines.spark import compare as spark_compare

        with _progress(quiet) as say:
            report: Report = spark_compare(paths, settings, progress=say)
        return report
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; use local or spark")
    with _progress(quiet) as say:
        return dedupe.compare(paths, settings, progress=say)


def _emit(report: Report, fmt: Format, output: Path | None, show_pairs: bool | None) -> None:
    if fmt is Format.text:
        if output is not None:
            with output.open("w", encoding="utf-8") as handle:
                console = Console(file=handle, width=100, no_color=True, highlight=False)
                print_report(console, report, show_pairs)
            return
        print_report(_stdout(), report, show_pairs)
        return
    if output is not None:
        guarded(lambda: _write_report(output, report, fmt.value))
    else:
        guarded(lambda: emit.write(report, fmt.value, sys.stdout))


def _stdout() -> Console:
    return Console(highlight=False, no_color=_no_color(), emoji=False)


# --- the terminal report ---------------------------------------------------------------


def print_report(console: Console, report: Report, show_pairs: bool | None = None) -> None:
    """The human report: summary, then findings and pairs grouped by document pair."""
    console.print(_summary(report))
    grouped = _by_document_pair(report)
    pairs_by_id = {p.id: p for p in report.pairs}
    if show_pairs is None:
        show_pairs = len(report.pairs) <= 40
    for (doc_a, doc_b), (findings, pairs) in grouped.items():
        if not findings and not show_pairs:
            continue
        console.print()
        console.rule(_pair_title(report, doc_a, doc_b), style="dim")
        for finding in findings:
            console.print(_finding_view(report, finding, pairs_by_id))
        if show_pairs:
            _print_pairs(console, report, pairs, findings)
    if not report.findings:
        console.print("\n[green]No discrepancies found.[/green]")


def _by_document_pair(
    report: Report,
) -> dict[tuple[str, str], tuple[list[Finding], list[Pair]]]:
    groups: dict[tuple[str, str], tuple[list[Finding], list[Pair]]] = defaultdict(lambda: ([], []))
    for finding in report.findings:
        groups[(finding.a.doc, finding.b.doc)][0].append(finding)
    for pair in report.pairs:
        groups[(pair.a.doc, pair.b.doc)][1].append(pair)

    def worst(item: tuple[tuple[str, str], tuple[list[Finding], list[Pair]]]) -> tuple[int, int]:
        findings = item[1][0]
        top = max((SEVERITY_RANK[f.severity] for f in findings), default=-1)
        return (-top, -len(findings))

    return dict(sorted(groups.items(), key=worst))


def _summary(report: Report) -> RenderableType:
    counts = report.counts()
    table = Table(box=box.SIMPLE_HEAD, show_header=False, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    table.add_row("documents", f"{len(report.documents)} from {len(report.sources)} sources")
    table.add_row("passage pairs", str(len(report.pairs)))
    table.add_row("near-duplicate groups", str(len(report.clusters)))
    severities = ", ".join(
        f"[{SEVERITY_STYLE[s]}]{counts['severity'][s]} {s}[/]"
        for s in ("error", "warning", "info")
        if counts["severity"][s]
    )
    table.add_row("findings", severities or "none")
    for rule_id, count in sorted(counts["rule"].items()):
        table.add_row("", f"{count} × {rule_id}")
    return Panel(table, title="dedupe", title_align="left", expand=False)


def _pair_title(report: Report, doc_a: str, doc_b: str) -> str:
    a, b = report.document(doc_a), report.document(doc_b)
    return f"{_inert(_label(a))} ↔ {_inert(_label(b))}"


def _label(doc: Document) -> str:
    """The source and the title (or the document id), short enough for a heading."""
    name = doc.title or doc.id
    return f"{doc.source}: {name if len(name) <= 36 else name[:35] + '…'}"


def _finding_view(report: Report, finding: Finding, pairs: dict[str, Pair]) -> RenderableType:
    style = SEVERITY_STYLE[finding.severity]
    head = Text.assemble((f"{finding.severity}", style), " ", (finding.rule, "bold"), "  ")
    head.append(_clean(finding.message))
    pair = pairs.get(finding.pair or "")
    if finding.rule == "duplicate":  # whole articles: their openings say enough
        sides = _side_by_side(report, finding.a, finding.b, excerpt=True)
    elif pair is None:
        sides = _side_by_side(report, finding.a, finding.b)
    else:
        sides = _side_by_side(report, pair.a, pair.b, (finding.a, finding.b))
    return Group(head, sides, Text(f"  fingerprint {finding.id}", style="dim"))


def _side_by_side(
    report: Report,
    a: Span,
    b: Span,
    focus: tuple[Span, Span] | None = None,
    excerpt: bool = False,
) -> Group:
    """Where the spans are (one line each, so file:line:col stays whole), then the two texts
    in columns: the words that differ highlighted, and the claims of a finding in reverse.

    With ``excerpt`` only the first `EXCERPT` characters of each text are shown.
    """
    if focus is None:
        texts = (_excerpt(a.text), _excerpt(b.text)) if excerpt else (a.text, b.text)
        marked_a, marked_b = _marked(*texts)
    else:
        fa, fb = focus
        marked_a, marked_b = Text(_clean(a.text)), Text(_clean(b.text))
        marked_a.stylize("reverse", fa.start - a.start, fa.end - a.start)
        marked_b.stylize("reverse", fb.start - b.start, fb.end - b.start)
        inner_a, inner_b = _marked(fa.text, fb.text)
        _overlay(marked_a, inner_a, fa.start - a.start)
        _overlay(marked_b, inner_b, fb.start - b.start)
    table = Table(box=box.ROUNDED, expand=True, show_lines=False, padding=(0, 1))
    table.add_column(_inert(report.document(a.doc).source), ratio=1, overflow="fold")
    table.add_column(_inert(report.document(b.doc).source), ratio=1, overflow="fold")
    table.add_row(marked_a, marked_b)
    where = focus or (a, b)
    return Group(_where(report, where[0]), _where(report, where[1]), table)


def _overlay(target: Text, marked: Text, offset: int) -> None:
    for span in marked.spans:
        target.stylize(span.style, span.start + offset, span.end + offset)


def _where(report: Report, span: Span) -> Text:
    doc: Document = report.document(span.doc)
    # A JSON record's lines count in its text, not in the file: name the record.
    place = doc.id if "#" in doc.id else doc.path
    where = Text(
        f"  {place.translate(_CONTROL_LINE)}:{span.line}:{span.column}",
        style="blue",
        no_wrap=True,
    )
    where.overflow = "ignore"
    return where


def _excerpt(text: str) -> str:
    """The first `EXCERPT` characters of ``text``, cut after a word, then "…"."""
    if len(text) <= EXCERPT:
        return text
    space = text.rfind(" ", EXCERPT // 2, EXCERPT)
    return text[: space if space > 0 else EXCERPT].rstrip() + " …"


def _marked(a: str, b: str) -> tuple[Text, Text]:
    """Both texts as written, the words that differ styled (a's red, b's green); a diff
    too costly to compute (`worddiff.bounded_changes`) leaves them unmarked."""
    ops = worddiff.bounded_changes(a, b)
    changed_a = [(op.a_start, op.a_end) for op in ops]
    changed_b = [(op.b_start, op.b_end) for op in ops]
    return _styled(a, changed_a, "bold red underline"), _styled(
        b, changed_b, "bold green underline"
    )


def _styled(text: str, ranges: list[tuple[int, int]], style: str) -> Text:
    out = Text(_clean(text))
    for start, end in ranges:
        out.stylize(style, start, end)
    return out


def _clean(text: str) -> str:
    """Article text made inert for a terminal: control characters become spaces.

    One character for one keeps every offset valid for highlighting.
    """
    return text.translate(_CONTROL)


def _print_pairs(
    console: Console, report: Report, pairs: list[Pair], findings: list[Finding]
) -> None:
    flagged = {f.pair for f in findings}
    for pair in pairs:
        if pair.id in flagged:
            continue
        console.print(Text(f"pair {pair.id}  similarity {pair.score:.2f}", style="dim"))
        console.print(_side_by_side(report, pair.a, pair.b))


# --- claims ----------------------------------------------------------------------------


class ClaimsFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def claims(
    path: Annotated[Path, typer.Argument(help="One article file.")],
    fmt: Annotated[ClaimsFormat, typer.Option("--format", "-f")] = ClaimsFormat.table,
    no_color: NoColorOption = False,
) -> None:
    """Print the claims dedupe understands in one article."""
    from dedupe.claims import extract
    from dedupe.ingest import load

    _FLAGS["no_color"] = no_color
    docs, diagnostics = guarded(lambda: load([path]))
    _diagnostics(diagnostics)
    if not docs:
        fail(f"{path}: no article could be read")
    rows = guarded(lambda: [(doc, claim) for doc in docs for claim in extract(doc).all()])
    if fmt is ClaimsFormat.json:
        sys.stdout.write(
            json.dumps([_claim_dict(d, c) for d, c in rows], indent=2, ensure_ascii=False) + "\n"
        )
        return
    _stdout().print(_claims_table(rows))


def _claim_dict(doc: Document, claim: Any) -> dict[str, Any]:
    from dataclasses import asdict

    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in asdict(claim).items()}
    line, column = doc.position(claim.start)
    return {"doc": doc.id, "line": line, "column": column, **data}


def _claims_table(rows: list[tuple[Document, Any]]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=False)
    for name in ("where", "kind", "text", "value"):
        table.add_column(name, overflow="fold")
    for doc, claim in rows:
        line, column = doc.position(claim.start)
        table.add_row(
            f"{line}:{column}", claim.kind, _clean(claim.text), _clean(_claim_value(claim))
        )
    return table


def _claim_value(claim: Any) -> str:
    if claim.kind == "number":
        value = f"{claim.low:g}" if claim.low == claim.high else f"{claim.low:g}..{claim.high:g}"
        extras = [claim.hedge, "vague" if claim.vague else None, claim.unit, claim.counted]
        return " ".join([value, *(f"[{e}]" for e in extras if e)])
    if claim.kind == "date":
        if claim.first is None:
            return f"unresolved ({claim.granularity})"
        span = f"{claim.first}" if claim.first == claim.last else f"{claim.first}..{claim.last}"
        return f"{span} ({claim.granularity})"
    if claim.kind == "quote":
        return f"speaker: {claim.speaker or '?'}"
    if claim.kind == "name":
        return f"{claim.name} ({claim.category})"
    return f"{claim.source} ({claim.cue})"


# --- report ----------------------------------------------------------------------------


@app.command("report")
def render_report(
    json_file: Annotated[Path, typer.Argument(help="A saved dedupe.report/1 JSON file.")],
    html: Annotated[
        Path | None, typer.Option("--html", help="Write the HTML report there.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    no_color: NoColorOption = False,
) -> None:
    """Render a saved JSON report again: as HTML, text or a CI format."""
    _FLAGS["no_color"] = no_color
    report = guarded(lambda: _read_report(json_file))
    if html is not None:
        guarded(lambda: _write_report(html, report, "html"))
        return
    _emit(report, fmt, None, None)


def _read_report(path: Path) -> Report:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{path}: not JSON (line {exc.lineno}); give a file written by --format json"
        ) from None
    try:
        return Report.from_dict(data)
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a complete dedupe.report/1 report (missing {exc})") from None
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None


# --- index: the corpus store -----------------------------------------------------------

index_app = typer.Typer(
    help="Build and inspect the corpus store that `dedupe check` compares new articles with.",
    no_args_is_help=True,
)
app.add_typer(index_app, name="index")

StoreOption = Annotated[Path, typer.Option("--store", help="The corpus store (an SQLite file).")]


@index_app.command("add")
def index_add(
    paths: Annotated[list[Path], typer.Argument(help="Folders or files of articles.")],
    store: StoreOption = Path("dedupe.sqlite"),
    config: ConfigOption = None,
) -> None:
    """Add articles to the store (unchanged ones are skipped, changed ones replaced)."""
    from dedupe.ingest import load, nothing_readable
    from dedupe.store import Store

    settings = guarded(lambda: settings_from(config))
    documents, diagnostics = guarded(lambda: load(paths, settings))
    _diagnostics(diagnostics)
    if not documents:
        fail(str(nothing_readable(paths, diagnostics)))

    def add() -> str:
        with Store.open(store, create=True) as opened:
            done = opened.add(documents, settings)
            total = opened.stats().documents
        return (
            f"added {done.added}, replaced {done.replaced}, unchanged {done.unchanged}; "
            f"{store} holds {total} documents"
        )

    typer.echo(guarded(add))


@index_app.command("ls")
def index_ls(store: StoreOption = Path("dedupe.sqlite")) -> None:
    """List the stored documents: id, source, date and title, tab-separated."""
    from dedupe.store import Store

    def entries() -> list[str]:
        with Store.open(store, readonly=True) as opened:
            rows = opened.list()
        return [
            "\t".join(
                field.translate(_CONTROL_LINE)  # a tab or line break would split the record
                for field in (e.id, e.source, e.date.isoformat() if e.date else "", e.title or "")
            )
            for e in rows
        ]

    for line in guarded(entries):
        typer.echo(line)


@index_app.command("rm")
def index_rm(
    ids: Annotated[list[str], typer.Argument(help="Ids of stored documents (see index ls).")],
    store: StoreOption = Path("dedupe.sqlite"),
) -> None:
    """Remove documents from the store; nothing is removed if an id is unknown."""
    from dedupe.store import Store

    def remove() -> int:
        with Store.open(store) as opened:
            missing = sorted(set(ids) - opened.contains(ids))
            if missing:
                raise ValueError(f"not in {store}: {', '.join(missing)}; see `dedupe index ls`")
            return len(opened.remove(ids))

    typer.echo(f"removed {guarded(remove)} documents")


@index_app.command("stats")
def index_stats(store: StoreOption = Path("dedupe.sqlite")) -> None:
    """How many documents, sources and terms the store holds, and its size."""
    from dedupe.store import Store

    def stats() -> str:
        with Store.open(store, readonly=True) as opened:
            s = opened.stats()
        return (
            f"store      {store}\ndocuments  {s.documents}\nsources    {s.sources}\n"
            f"terms      {s.terms}\nsize       {s.bytes:,} bytes\nschema     {s.schema}"
        )

    typer.echo(guarded(stats))


# --- check: new articles against the corpus --------------------------------------------

AgainstOption = Annotated[
    list[Path] | None,
    typer.Option("--against", help="Corpus folders read whole instead of a store (repeat)."),
]
OptionalStore = Annotated[
    Path | None, typer.Option("--store", help="The corpus store (default: dedupe.sqlite).")
]


def _run_check(
    paths: Sequence[Path],
    store: Path | None,
    against: list[Path] | None,
    settings: Settings,
    quiet: bool,
) -> Report:
    from dedupe.engines.check import check as check_new

    if store is not None and against:
        raise ValueError("give --store or --against, not both")
    target = None if against else (store or Path("dedupe.sqlite"))
    with _progress(quiet) as say:
        return check_new(paths, settings, target, against or None, say)


@app.command("check")
def check_command(
    paths: Annotated[list[Path], typer.Argument(help="New articles (files or folders).")],
    store: OptionalStore = None,
    against: AgainstOption = None,
    fail_on: Annotated[
        SeverityName | None,
        typer.Option("--fail-on", help="Exit 1 on findings at or above this (default: error)."),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when findings fail the check.")
    ] = False,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="What to print.")] = Format.text,
    output_json: Annotated[Path | None, typer.Option("--output-json")] = None,
    output_sarif: Annotated[Path | None, typer.Option("--output-sarif")] = None,
    output_junit: Annotated[Path | None, typer.Option("--output-junit")] = None,
    output_github: Annotated[Path | None, typer.Option("--output-github")] = None,
    output_html: Annotated[Path | None, typer.Option("--output-html")] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Hide the findings this baseline accepts.")
    ] = None,
    min_severity: Annotated[
        SeverityName | None, typer.Option("--min-severity", help="Hide findings below this.")
    ] = None,
    rule: RuleOption = None,
    no_color: NoColorOption = False,
    quiet: QuietOption = False,
    config: ConfigOption = None,
) -> None:
    """Check new articles against the corpus; exit 1 when a finding reaches --fail-on."""
    _FLAGS["no_color"] = no_color
    settings = guarded(lambda: settings_from(config, fail_on=fail_on, min_severity=min_severity))
    report = guarded(lambda: _run_check(paths, store, against, settings, quiet))
    _diagnostics(report.diagnostics)
    if baseline is not None:
        report = guarded(lambda: _apply_baseline(report, baseline, paths, store, against))
    shown = report.filtered(settings.min_severity, rule or ())
    outputs = {
        "json": output_json,
        "sarif": output_sarif,
        "junit": output_junit,
        "github": output_github,
        "html": output_html,
    }
    guarded(lambda: _write_outputs(shown, outputs))
    _emit(shown, fmt, None, None)
    failing = SEVERITY_RANK[settings.fail_on]
    if not exit_zero and any(SEVERITY_RANK[f.severity] >= failing for f in shown.findings):
        raise typer.Exit(EXIT_FINDINGS)


def _write_outputs(report: Report, outputs: dict[str, Path | None]) -> None:
    """Write the report in each format that was given a file."""
    for name, target in outputs.items():
        if target is not None:
            _write_report(target, report, name)


def _apply_baseline(
    report: Report,
    path: Path,
    paths: Sequence[Path],
    store: Path | None,
    against: list[Path] | None,
) -> Report:
    """Hide baselined findings; list stale entries on stderr."""
    from dedupe import baseline as baselines
    from dedupe.engines.check import apply_baseline
    from dedupe.store import Store

    def stored(ids: set[str]) -> set[str]:
        if against:
            return set()
        with Store.open(store or Path("dedupe.sqlite"), readonly=True) as opened:
            return opened.contains(ids)

    roots = [*paths, *(against or [])]
    shown, stale = apply_baseline(report, baselines.load(path), roots, stored)
    console = _stderr()
    for entry in stale:
        console.print(
            f"dedupe: note: {_inert(str(path))}: stale baseline entry {entry.id} "
            f"({entry.rule}, {_inert(entry.a_doc)} ↔ {_inert(entry.b_doc)}) "
            "no longer found; remove it",
            soft_wrap=True,
        )
    return shown


# --- baseline --------------------------------------------------------------------------

baseline_app = typer.Typer(help="Accept the current findings so CI reports only new ones.")
app.add_typer(baseline_app, name="baseline")


@baseline_app.command("create")
def baseline_create(
    paths: Annotated[list[Path], typer.Argument(help="New articles (files or folders).")],
    store: OptionalStore = None,
    against: AgainstOption = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The baseline file to write.")
    ] = Path("dedupe-baseline.json"),
    quiet: QuietOption = False,
    config: ConfigOption = None,
) -> None:
    """Write a baseline accepting every current finding of `dedupe check` on PATHS."""
    from dedupe import baseline as baselines

    settings = guarded(lambda: settings_from(config))
    report = guarded(lambda: _run_check(paths, store, against, settings, quiet))
    _diagnostics(report.diagnostics)
    accepted = baselines.create(report)
    guarded(lambda: _write(output, lambda handle: handle.write(baselines.dump(accepted))))
    _stderr().print(f"dedupe: the baseline accepts {len(accepted.entries)} findings")


# --- config ----------------------------------------------------------------------------

config_app = typer.Typer(help="Show the configuration in effect.", no_args_is_help=True)
app.add_typer(config_app, name="config")


class ConfigFormat(StrEnum):
    """How ``config show`` prints the settings."""

    toml = "toml"
    json = "json"


@config_app.command("show")
def config_show(
    config: ConfigOption = None,
    fmt: Annotated[ConfigFormat, typer.Option("--format", "-f")] = ConfigFormat.toml,
) -> None:
    """Print the effective settings and the file they came from."""
    settings, origin = guarded(lambda: load_config(config))
    where = str(origin) if origin else None
    if fmt is ConfigFormat.json:
        data = {"file": where, "settings": settings.as_dict()}
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    typer.echo(f"# from {where}" if where else "# defaults: no dedupe.toml or [tool.dedupe] found")
    if origin is not None and origin.name == "pyproject.toml":
        typer.echo("[tool.dedupe]")  # a dedupe.toml holds the keys at its top level
    for key, value in settings.as_dict().items():
        typer.echo(f"{key} = {_toml_value(value)}")


def _toml_value(value: Any) -> str:
    """A TOML literal: JSON spells strings, numbers, booleans and arrays the same way."""
    if isinstance(value, dict):
        items = ", ".join(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in value.items())
        return f"{{ {items} }}" if items else "{}"
    return json.dumps(value, ensure_ascii=False)


def main() -> None:
    """Entry point of the ``dedupe`` script and ``python -m dedupe``."""
    app(prog_name="dedupe")
