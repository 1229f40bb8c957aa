"""What the command line draws with rich: its two consoles, the progress line, one-line
messages and `emit.text`'s blocks in colour.

Nothing here parses arguments or exits; the commands (`dedupe.cli`) do.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from rich import box
from rich.console import Console, RenderableType
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

from dedupe.emit import text as text_report
from dedupe.engines.stages import Progress as Say
from dedupe.model import Diagnostic
from dedupe.report import Report
from dedupe.workers import counting

# Set by a command's --no-color; NO_COLOR in the environment says the same.
_FLAGS: dict[str, bool] = {}


def plain(no_color: bool) -> None:
    """Draw without colours from now on when ``no_color`` (a command's ``--no-color``)."""
    _FLAGS["no_color"] = no_color


def _no_color() -> bool:
    return bool(os.environ.get("NO_COLOR")) or _FLAGS.get("no_color", False)


def stderr() -> Console:
    """Where progress and diagnostics go."""
    return Console(stderr=True, highlight=False, no_color=_no_color())


def stdout() -> Console:
    """Where the human report goes."""
    return Console(highlight=False, no_color=_no_color(), emoji=False)


def inert(text: str) -> str:
    """``text`` for a one-line console message: controls become spaces, markup is escaped."""
    return escape(text_report.one_line(text))


def say(message: str) -> None:
    """One line on stderr, prefixed ``dedupe:``; the message cannot carry markup."""
    stderr().print(f"dedupe: {inert(message)}", soft_wrap=True)


def diagnostics(found: Iterable[Diagnostic]) -> None:
    """One line each on stderr; file and source names cannot carry markup or escapes."""
    for diag in found:
        say(f"{diag.level}: {diag}")


@contextmanager
def progress(quiet: bool) -> Iterator[Say]:
    """A live line on stderr (terminals only): the stage, or the step of it that works
    through items ("documents segmented") with a bar of them, and the time so far; each
    finished stage stays on screen with its duration."""
    console = stderr()
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

        def begin(message: str) -> None:
            finish_stage()
            stage.append((inert(message), time.perf_counter()))
            # A new task, not a reset one: a reset keeps the last step's total.
            bar.remove_task(tasks.pop())
            tasks.append(bar.add_task(inert(message), total=None))

        def count(what: str, done: int, total: int) -> None:
            # The step's own words ("documents segmented") fit beside the bar; the stage
            # it belongs to is printed, timed, when it ends.
            described = inert(what) or stage[-1][0]
            bar.update(tasks[-1], description=described, completed=done, total=total)

        with counting(count):
            yield begin
        finish_stage()


# What each style name of `emit.text` looks like on a terminal.
STYLES = {
    "error": "bold red",
    "warning": "yellow",
    "info": "cyan",
    "rule": "bold",
    "removed": "bold red underline",
    "added": "bold green underline",
    "claim": "reverse",
    "place": "blue",
    "dim": "dim",
    "ok": "green",
}


def print_report(console: Console, report: Report, show_pairs: bool | None = None) -> None:
    """The human report (`emit.text.view`), in colour."""
    draw(console, text_report.view(report, show_pairs))


def draw(console: Console, blocks: Iterable[text_report.Block]) -> None:
    """Print `emit.text` blocks with rich."""
    for block in blocks:
        if isinstance(block, text_report.Rule):
            console.rule(Text(block.title), style="dim")
        else:
            console.print(_renderable(block))


def _renderable(block: text_report.Block) -> RenderableType:
    if isinstance(block, text_report.Styled):
        return _text(block)
    if isinstance(block, text_report.Box):
        table = Table(box=box.SIMPLE_HEAD, show_header=False, pad_edge=False)
        table.add_column(style="bold")
        table.add_column()
        for name, value in block.rows:
            table.add_row(name, _text(value))
        return Panel(table, title=Text(block.title), title_align="left", expand=False)
    if isinstance(block, text_report.SideBySide):
        table = Table(box=box.ROUNDED, expand=True, show_lines=False, padding=(0, 1))
        for header in block.headers:
            table.add_column(Text(header), ratio=1, overflow="fold")
        table.add_row(*map(_text, block.texts))
        return table
    assert isinstance(block, text_report.Table)
    grid = Table(box=box.SIMPLE_HEAD, expand=False)
    for k, header in enumerate(block.headers):
        # A column of one-line cells (a rule name) is as wide as its longest; others fold.
        whole = [len(row[k].text) for row in block.rows if not row[k].wrap]
        grid.add_column(Text(header), overflow="fold", min_width=max(whole, default=None))
    for row in block.rows:
        grid.add_row(*map(_text, row))
    return grid


def _text(styled: text_report.Styled) -> Text:
    out = Text(styled.text, no_wrap=not styled.wrap)
    if not styled.wrap:
        out.overflow = "ignore"
    for start, end, style in styled.marks:
        out.stylize(STYLES[style], start, end)
    return out
