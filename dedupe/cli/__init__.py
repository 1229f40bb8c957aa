"""The ``dedupe`` command: parse, call the library, format. The only package using typer
and rich: the commands are here, the options they share in `_options`, what they draw with
rich in `_console`.

Data goes to stdout, progress and diagnostics to stderr. Exit codes: 0 the run completed
(``check``: no finding at or above ``--fail-on``), 1 ``check`` found such findings, 2 usage,
input or internal error.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer

import dedupe
from dedupe import baseline as baselines
from dedupe import emit, engines
from dedupe.claims import extract, record
from dedupe.cli import _console as console
from dedupe.cli._options import (
    AgainstOption,
    Articles,
    ClaimsFormat,
    ConfigFormat,
    ConfigOption,
    EngineOption,
    FailOnOption,
    Format,
    FormatOption,
    MinSeverityOption,
    NewArticles,
    NoColorOption,
    Only,
    OptionalStore,
    QuietOption,
    RuleOption,
    StoreOption,
    TableOrJson,
)
from dedupe.config import ConfigError, Settings, as_json, as_toml, settings_from
from dedupe.config import load as load_config
from dedupe.emit import text as text_report
from dedupe.engines.check import DEFAULT_STORE, baselined, check_files, store_in_use
from dedupe.engines.stages import Progress as Say
from dedupe.ingest import InputError, load, nothing_readable
from dedupe.model import Document
from dedupe.report import Report
from dedupe.store import Store

app = typer.Typer(
    help="Find passages that several news sources share, and check that their claims agree.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    # As ruff, semgrep and vale: -h everywhere (subcommands inherit it from this context).
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> NoReturn:
    """Print a one-line error to stderr and exit 2."""
    console.stderr().print(f"dedupe: error: {console.inert(message)}", style="red", soft_wrap=True)
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
            "--version", "-V", callback=version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """dedupe: cross-source duplicate and claim-consistency checker for news text."""


# --- what several commands share: runs, articles, output files -------------------


def _run(quiet: bool, run: Callable[[Say], Report]) -> Report:
    """The report of ``run`` with a progress line (unless ``quiet``), its diagnostics on
    stderr."""

    def progressed() -> Report:
        with console.progress(quiet) as say:
            return run(say)

    report = guarded(progressed)
    console.diagnostics(report.diagnostics)
    return report


def _articles(paths: Sequence[Path], settings: Settings | None = None) -> list[Document]:
    """The articles under ``paths``, what reading them said on stderr; exit 2 when none
    can be read."""
    documents, diagnostics = guarded(lambda: load(paths, settings))
    console.diagnostics(diagnostics)
    if not documents:
        fail(str(nothing_readable(paths, diagnostics)))
    return documents


def _save(outputs: Sequence[tuple[Path, emit.Fill]]) -> None:
    """Write the run's output files, all or none (`emit.save_all`), and say so on stderr."""
    guarded(lambda: emit.save_all(outputs))
    for path, _ in outputs:
        console.say(f"wrote {path}")


# --- compare ---------------------------------------------------------------------------


@app.command()
def compare(
    paths: Articles,
    fmt: FormatOption = Format.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write there, not stdout.")
    ] = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write the HTML report there.")
    ] = None,
    min_severity: MinSeverityOption = None,
    rule: RuleOption = None,
    show_omissions: Annotated[
        bool, typer.Option("--show-omissions", help="Also report figures one source leaves out.")
    ] = False,
    show_pairs: Annotated[
        bool | None,
        typer.Option("--show-pairs/--no-pairs", help="List passage pairs (default: when few)."),
    ] = None,
    engine: EngineOption = "local",
    only: Annotated[
        Only | None,
        typer.Option(
            "--only", help="Stop early: 'pairs' reports passage pairs and near-duplicates only."
        ),
    ] = None,
    no_color: NoColorOption = False,
    quiet: QuietOption = False,
    config: ConfigOption = None,
) -> None:
    """Compare a folder of articles: pair passages across sources and report discrepancies."""
    console.plain(no_color)
    overrides = {"show_omissions": show_omissions or None, "min_severity": min_severity}
    settings = guarded(lambda: settings_from(config, overrides))
    guarded(lambda: emit.refuse_overwrites([p for p in (html, output) if p], paths))
    stop = only.value if only else None
    report = _run(quiet, lambda say: engines.compare(paths, settings, say, stop, engine, quiet))
    shown = report.filtered(settings.min_severity, rule or ())
    files = [emit.report_file(html, report, "html")] if html is not None else []
    if output is not None:
        files.append(emit.report_file(output, shown, fmt.value, show_pairs))
    _save(files)
    if output is None:
        _emit(shown, fmt, show_pairs)


def _emit(report: Report, fmt: Format, show_pairs: bool | None) -> None:
    """The report on stdout: in colour on a terminal for ``text``."""
    if fmt is Format.text:
        console.print_report(console.stdout(), report, show_pairs)
    else:
        guarded(lambda: emit.write(report, fmt.value, sys.stdout))


# --- claims ----------------------------------------------------------------------------


@app.command()
def claims(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    fmt: TableOrJson = ClaimsFormat.table,
    no_color: NoColorOption = False,
) -> None:
    """Print the claims dedupe understands in articles (a document column for several)."""
    console.plain(no_color)
    docs = _articles(paths)
    rows = guarded(lambda: [(doc, claim) for doc in docs for claim in extract(doc).all()])
    if fmt is ClaimsFormat.json:
        found = [record(d, c) for d, c in rows]
        sys.stdout.write(json.dumps(found, indent=2, ensure_ascii=False) + "\n")
        return
    console.draw(console.stdout(), [text_report.claims_table(rows, several=len(docs) > 1)])


# --- stories ---------------------------------------------------------------------------


@app.command()
def stories(
    paths: Articles,
    fmt: TableOrJson = ClaimsFormat.table,
    sources: Annotated[
        int, typer.Option("--min-sources", min=2, help="Only stories told by this many outlets.")
    ] = 2,
    every_claim: Annotated[
        bool, typer.Option("--all-claims", help="Also the claims every outlet reads alike.")
    ] = False,
    engine: EngineOption = "local",
    no_color: NoColorOption = False,
    quiet: QuietOption = False,
    config: ConfigOption = None,
) -> None:
    """Group articles into stories (one event each) and show how each outlet tells its
    claims: a variant table per story."""
    console.plain(no_color)
    settings = guarded(lambda: settings_from(config))
    report = _run(quiet, lambda say: engines.compare(paths, settings, say, None, engine, quiet))
    chosen = text_report.told_by(report, sources)
    if fmt is ClaimsFormat.json:
        data = text_report.stories_record(report, chosen)
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    if not chosen:
        console.stderr().print(f"No story is told by {sources} outlets or more.")
        return
    shown: text_report.Shown = "every" if every_claim else "differing"
    console.draw(console.stdout(), text_report.stories_view(report, chosen, shown))


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
    console.plain(no_color)
    guarded(lambda: emit.refuse_overwrites([html] if html else [], [json_file]))
    report = guarded(lambda: Report.read(json_file))
    if html is not None:
        _save([emit.report_file(html, report, "html")])
        return
    _emit(report, fmt, None)


# --- index: the corpus store -----------------------------------------------------------

index_app = typer.Typer(
    help="Build and inspect the corpus store that `dedupe check` compares new articles with.",
    no_args_is_help=True,
)
app.add_typer(index_app, name="index")


@index_app.command("add")
def index_add(
    paths: Articles,
    store: StoreOption = DEFAULT_STORE,
    config: ConfigOption = None,
) -> None:
    """Add articles to the store (unchanged ones are skipped, changed ones replaced)."""
    settings = guarded(lambda: settings_from(config))
    documents = _articles(paths, settings)

    def add(opened: Store) -> str:
        done = opened.add(documents, settings)
        return text_report.store_added(store, done, opened.stats().documents)

    typer.echo(_with_store(store, add, create=True))


@index_app.command("ls")
def index_ls(store: StoreOption = DEFAULT_STORE) -> None:
    """List the stored documents: id, source, date and title, tab-separated."""
    listing = _with_store(store, lambda opened: opened.list(), readonly=True)
    for line in text_report.store_listing(listing):
        typer.echo(line)


@index_app.command("rm")
def index_rm(
    ids: Annotated[list[str], typer.Argument(help="Ids of stored documents (see index ls).")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Remove documents from the store; nothing is removed if an id is unknown."""
    removed = _with_store(store, lambda opened: opened.remove_all(ids))
    typer.echo(f"removed {len(removed)} documents")


@index_app.command("stats")
def index_stats(store: StoreOption = DEFAULT_STORE) -> None:
    """How many documents, sources and terms the store holds, and its size."""
    stats = _with_store(store, lambda opened: opened.stats(), readonly=True)
    typer.echo(text_report.store_stats(store, stats))


def _with_store(
    path: Path, use: Callable[[Store], T], create: bool = False, readonly: bool = False
) -> T:
    """``use`` of the store at ``path`` (`Store.open`), its errors one-line messages."""

    def call() -> T:
        with Store.open(path, create=create, readonly=readonly) as opened:
            return use(opened)

    return guarded(call)


# --- check: new articles against the corpus --------------------------------------------


@app.command("check")
def check_command(
    paths: NewArticles,
    store: OptionalStore = None,
    against: AgainstOption = None,
    fail_on: FailOnOption = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when findings fail the check.")
    ] = False,
    fmt: FormatOption = Format.text,
    output_json: Annotated[Path | None, typer.Option("--output-json")] = None,
    output_sarif: Annotated[Path | None, typer.Option("--output-sarif")] = None,
    output_junit: Annotated[Path | None, typer.Option("--output-junit")] = None,
    output_github: Annotated[Path | None, typer.Option("--output-github")] = None,
    output_html: Annotated[Path | None, typer.Option("--output-html")] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Hide the findings this baseline accepts.")
    ] = None,
    min_severity: MinSeverityOption = None,
    rule: RuleOption = None,
    no_color: NoColorOption = False,
    quiet: QuietOption = False,
    config: ConfigOption = None,
) -> None:
    """Check new articles against the corpus; exit 1 when a finding reaches --fail-on."""
    console.plain(no_color)
    settings = guarded(
        lambda: settings_from(config, {"fail_on": fail_on, "min_severity": min_severity})
    )
    formats = ("json", "sarif", "junit", "github", "html")
    given = (output_json, output_sarif, output_junit, output_github, output_html)
    outputs = {name: path for name, path in zip(formats, given, strict=True) if path is not None}
    used = [*store_in_use(store, against), *([baseline] if baseline else [])]
    guarded(lambda: emit.refuse_overwrites(outputs.values(), [*paths, *(against or [])], used))
    report = _run(quiet, lambda say: check_files(paths, settings, store, against, say))
    accepted = (0, 0)
    if baseline is not None:
        report, hidden, notes = guarded(lambda: baselined(report, baseline, paths, store, against))
        console.diagnostics(notes)
        accepted = (hidden, len(notes))
    shown = report.filtered(settings.min_severity, rule or ())
    _save([emit.report_file(path, shown, name) for name, path in outputs.items()])
    _emit(shown, fmt, None)
    failed, line = text_report.verdict(shown, settings.fail_on, *accepted)
    if not quiet:
        console.say(line)
    if failed and not exit_zero:
        raise typer.Exit(EXIT_FINDINGS)


# --- baseline --------------------------------------------------------------------------

baseline_app = typer.Typer(help="Accept the current findings so CI reports only new ones.")
app.add_typer(baseline_app, name="baseline")


@baseline_app.command("create")
def baseline_create(
    paths: NewArticles,
    store: OptionalStore = None,
    against: AgainstOption = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The baseline file to write.")
    ] = Path("dedupe-baseline.json"),
    quiet: QuietOption = False,
    config: ConfigOption = None,
) -> None:
    """Write a baseline accepting every current finding of `dedupe check` on PATHS."""
    settings = guarded(lambda: settings_from(config))
    inputs = [*paths, *(against or [])]
    guarded(lambda: emit.refuse_overwrites([output], inputs, store_in_use(store, against)))
    report = _run(quiet, lambda say: check_files(paths, settings, store, against, say))
    accepted = baselines.create(report)
    _save([emit.text_file(output, baselines.dump(accepted))])
    console.say(f"the baseline accepts {len(accepted.entries)} findings")


# --- config ----------------------------------------------------------------------------

config_app = typer.Typer(help="Show the configuration in effect.", no_args_is_help=True)
app.add_typer(config_app, name="config")


@config_app.command("show")
def config_show(
    config: ConfigOption = None,
    fmt: Annotated[ConfigFormat, typer.Option("--format", "-f")] = ConfigFormat.toml,
) -> None:
    """Print the effective settings and the file they came from."""
    settings, origin = guarded(lambda: load_config(config))
    show = as_json if fmt is ConfigFormat.json else as_toml
    typer.echo(show(settings, origin), nl=False)


def main() -> None:
    """Entry point of the ``dedupe`` script and ``python -m dedupe``."""
    app(prog_name="dedupe")
