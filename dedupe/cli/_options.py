"""The arguments and options several commands share, and the choices of ``--format``."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from dedupe.config import ConfigError, known_rules, known_severity


class Format(StrEnum):
    """What ``compare``, ``check`` and ``report`` write to stdout."""

    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    concise = "concise"


class Only(StrEnum):
    """Where ``compare --only`` stops (`dedupe.engines.stages.run`)."""

    pairs = "pairs"


class ClaimsFormat(StrEnum):
    """How ``claims`` and ``stories`` print."""

    table = "table"
    json = "json"


class ConfigFormat(StrEnum):
    """How ``config show`` prints the settings."""

    toml = "toml"
    json = "json"


V = TypeVar("V")


def usage_checked(check: Callable[[V], None]) -> Callable[[V | None], V | None]:
    """A typer callback: the value given, or a usage error (exit 2) with ``check``'s
    message (`config.known_rules`, `config.known_severity`)."""

    def callback(value: V | None) -> V | None:
        try:
            if value is not None:
                check(value)
        except ConfigError as exc:
            raise typer.BadParameter(str(exc)) from None
        return value

    return callback


Articles = Annotated[list[Path], typer.Argument(help="Folders or files of articles.")]
NewArticles = Annotated[list[Path], typer.Argument(help="New articles (files or folders).")]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="What to print.")]
TableOrJson = Annotated[ClaimsFormat, typer.Option("--format", "-f")]
EngineOption = Annotated[
    str, typer.Option("--engine", help="local, or spark (needs the spark extra).")
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Configuration file (default: dedupe.toml or pyproject.toml)."),
]
RuleOption = Annotated[
    list[str] | None,
    typer.Option("--rule", callback=usage_checked(known_rules), help="Only these rules (repeat)."),
]
MinSeverityOption = Annotated[
    str | None,
    typer.Option(
        "--min-severity",
        callback=usage_checked(known_severity),
        help="Hide findings below this: error, warning or info.",
    ),
]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="No colours (also NO_COLOR).")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")]
StoreOption = Annotated[Path, typer.Option("--store", help="The corpus store (an SQLite file).")]
OptionalStore = Annotated[
    Path | None, typer.Option("--store", help="The corpus store (default: dedupe.sqlite).")
]
AgainstOption = Annotated[
    list[Path] | None,
    typer.Option("--against", help="Corpus folders read whole instead of a store (repeat)."),
]
FailOnOption = Annotated[
    str | None,
    typer.Option(
        "--fail-on",
        callback=usage_checked(known_severity),
        help="Exit 1 on findings at or above this: error (default), warning or info.",
    ),
]
