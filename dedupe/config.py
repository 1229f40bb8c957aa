"""Settings: defaults, ``[tool.dedupe]`` in pyproject.toml or ``dedupe.toml``, and overrides.

Precedence, lowest first: the defaults here, the configuration file, then command-line
flags (passed to `Settings.merged`). `load` looks for the file in the working directory and
its parents, the way ruff and mypy do.
"""

from __future__ import annotations

import difflib
import json
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from dedupe.fileerrors import explain
from dedupe.model import SEVERITY_RANK, Severity
from dedupe.rules import RULES


class ConfigError(ValueError):
    """A configuration file or value that cannot be used; the message says the fix."""


@dataclass(frozen=True)
class Settings:
    """Every tunable of a run. Field names are the configuration keys (``-`` or ``_``)."""

    # Pairing: two sentences that are each other's best match pair when their TF-IDF cosine
    # reaches `pair_threshold` (`story_threshold` inside two articles on the same story, whose
    # document similarity reaches `story_similarity`) and rapidfuzz confirms the shared words.
    # Dated articles are on the same story only if published within `story_days` of each
    # other; older coverage is still paired where it is copied or rewritten. Each article
    # is aligned with its `story_partners` closest articles on the story, and with those
    # that chose it as long as it has at most `max_partners` partners in all (0: no limit;
    # verbatim copies always), so pairs grow with the corpus, not with how busy a week was.
    pair_threshold: float = 0.5
    story_threshold: float = 0.3
    story_similarity: float = 0.25
    story_days: int = 7
    story_partners: int = 3
    max_partners: int = 6
    fuzzy_threshold: float = 0.6
    # Stories: paired articles join one story while, on average, their names, figures and
    # words are this alike (see `stories.grouping`).
    story_cohesion: float = 0.25
    duplicate_overlap: float = 0.6
    min_words: int = 5
    max_candidates: int = 30
    # What is reported and what fails a check.
    fail_on: Severity = "error"
    min_severity: Severity = "info"
    ignore_rules: tuple[str, ...] = ()
    show_omissions: bool = False
    # Input.
    boilerplate: tuple[str, ...] = ()
    sources: Mapping[str, str] = field(default_factory=dict)
    max_document_bytes: int = 20_000_000
    # JSON and JSON Lines records: the first of these fields a record holds is its text
    # (or its id); the defaults cover common exports (newspaper3k crawls, news-please).
    text_fields: tuple[str, ...] = ("text", "content", "body", "content_original", "maintext")
    id_fields: tuple[str, ...] = ("id", "ID", "_id", "uuid")
    max_sentence_chars: int = 5_000
    # Execution: processes for per-document work (0: one per core).
    workers: int = 0

    def merged(self, overrides: Mapping[str, Any]) -> Settings:
        """A copy with ``overrides`` applied; None values are ignored (flag not given)."""
        given = {k.replace("-", "_"): v for k, v in overrides.items() if v is not None}
        return replace(self, **_checked(given))

    def as_dict(self) -> dict[str, Any]:
        """Plain data, for `dedupe config show` and the report's options."""
        data = asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def _checked(values: Mapping[str, Any]) -> dict[str, Any]:
    """Validate keys and coerce types against the Settings fields."""
    known = {f.name: f for f in fields(Settings)}
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(unknown_choice("setting", key, known))
        out[key] = _coerce(key, value, Settings.__dataclass_fields__[key].default)
    return out


def unknown_choice(what: str, given: str, known: Iterable[str]) -> str | None:
    """The message for a ``what`` (a rule, a severity) not among ``known``, with the
    closest known one as a suggestion; None when ``given`` is known."""
    choices = list(known)
    if given in choices:
        return None
    close = difflib.get_close_matches(given, choices, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"one of {', '.join(choices)}"
    return f"unknown {what} {given!r}; {hint}"


def _coerce(key: str, value: Any, default: Any) -> Any:
    if key in ("fail_on", "min_severity"):
        _named(key, known_severity, value)
    if isinstance(default, tuple) or key in ("boilerplate", "ignore_rules"):
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise ConfigError(f"{key} must be a list of strings")
        if key == "ignore_rules":
            _named(key, known_rules, value)
        return tuple(str(v) for v in value)
    if key == "sources":
        if not isinstance(value, Mapping):
            raise ConfigError("sources must be a table of name = source")
        return {str(k): str(v) for k, v in value.items()}
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{key} must be true or false")
        return value
    if isinstance(default, int | float) and not isinstance(value, int | float):
        raise ConfigError(f"{key} must be a number (got {value!r})")
    if isinstance(default, int | float) and value < 0:
        raise ConfigError(f"{key} must be 0 or more (got {value!r})")
    return type(default)(value) if isinstance(default, int | float) else value


def known_rules(names: Iterable[Any]) -> None:
    """`ConfigError` for the first of ``names`` that is no rule id, suggesting the closest:
    a misspelt rule would ignore nothing (``ignore_rules``), or filter out every finding and
    pass the check (``--rule``)."""
    for name in names:
        problem = unknown_choice("rule", str(name), RULES)
        if problem:
            raise ConfigError(problem)


def known_severity(name: Any) -> None:
    """`ConfigError` when ``name`` is no severity (``--fail-on``, ``min_severity``...),
    suggesting the closest."""
    if not isinstance(name, str) or name not in SEVERITY_RANK:
        raise ConfigError(unknown_choice("severity", str(name), SEVERITY_RANK))


def _named(key: str, check: Callable[[Any], None], value: Any) -> None:
    """``check(value)``, its `ConfigError` prefixed with the setting ``key``."""
    try:
        check(value)
    except ConfigError as exc:
        raise ConfigError(f"{key}: {exc}") from None


def find_file(start: Path) -> Path | None:
    """The nearest dedupe.toml, or pyproject.toml with a [tool.dedupe] table."""
    for folder in (start, *start.parents):
        if (folder / "dedupe.toml").is_file():
            return folder / "dedupe.toml"
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "dedupe" in _read(pyproject).get("tool", {}):
            return pyproject
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(explain(path, exc)) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: the configuration is not UTF-8 (byte {exc.object[exc.start]:#04x} at "
            f"offset {exc.start}); re-save it as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the TOML") from None


def load(path: Path | None = None, start: Path | None = None) -> tuple[Settings, Path | None]:
    """Settings from ``path`` (or the file found from ``start``), and the file used."""
    path = path or find_file((start or Path.cwd()).resolve())
    if path is None:
        return Settings(), None
    data = _read(path)  # its errors name the file already
    try:
        return Settings().merged(_table(path, data)), path
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def settings_from(path: Path | None = None, overrides: Mapping[str, Any] | None = None) -> Settings:
    """The settings of the configuration file ``path`` (or the one `load` finds) with the
    command line's ``overrides`` applied (`Settings.merged`: None values are flags not given)."""
    settings, _ = load(path)
    return settings.merged(overrides or {})


def _table(path: Path, data: dict[str, Any]) -> Any:
    """The settings of a file: ``[tool.dedupe]`` of a pyproject.toml; the top level of a
    dedupe.toml, or its ``[tool.dedupe]`` table when that is all it holds (the README's
    example pasted there reads the same)."""
    tool = data.get("tool")
    if path.name == "pyproject.toml":
        return tool.get("dedupe", {}) if isinstance(tool, dict) else {}
    if set(data) == {"tool"} and isinstance(tool, dict) and set(tool) == {"dedupe"}:
        return tool["dedupe"]
    return data


def as_toml(settings: Settings, origin: Path | None) -> str:
    """The settings as the TOML of a configuration file, headed by where they came from."""
    where = f"# from {origin}" if origin else "# defaults: no dedupe.toml or [tool.dedupe] found"
    lines = [where]
    if origin is not None and origin.name == "pyproject.toml":
        lines.append("[tool.dedupe]")  # a dedupe.toml holds the keys at its top level
    lines += [f"{key} = {_toml_value(value)}" for key, value in settings.as_dict().items()]
    return "\n".join(lines) + "\n"


def as_json(settings: Settings, origin: Path | None) -> str:
    """The settings and the file they came from (null for the defaults) as JSON text."""
    data = {"file": str(origin) if origin else None, "settings": settings.as_dict()}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _toml_value(value: Any) -> str:
    """A TOML literal: JSON spells strings, numbers, booleans and arrays the same way."""
    if isinstance(value, dict):
        items = ", ".join(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in value.items())
        return f"{{ {items} }}" if items else "{}"
    return json.dumps(value, ensure_ascii=False)
