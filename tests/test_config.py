"""Settings: defaults, configuration files and the messages for bad values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dedupe.config import (
    ConfigError,
    Settings,
    as_json,
    known_rules,
    known_severity,
    load,
    settings_from,
)


def test_a_configuration_file_sets_the_story_window(tmp_path: Path) -> None:
    (tmp_path / "dedupe.toml").write_text("story-days = 3\nstory_partners = 5\n", encoding="utf-8")
    settings, used = load(start=tmp_path)
    assert used == tmp_path / "dedupe.toml"
    assert (settings.story_days, settings.story_partners) == (3, 5)
    assert settings.max_candidates == Settings().max_candidates


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"story_days": -1}, "story_days must be 0 or more"),
        ({"story_partners": "three"}, "story_partners must be a number"),
        ({"story_weeks": 1}, "unknown setting 'story_weeks'"),
    ],
)
def test_bad_values_say_what_is_wrong(values: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings().merged(values)


def test_a_bad_file_is_named_in_the_message(tmp_path: Path) -> None:
    (tmp_path / "dedupe.toml").write_text("story_days = -2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"dedupe\.toml: story_days must be 0 or more"):
        load(start=tmp_path)


ROOT = Path(__file__).resolve().parent.parent


def _readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("```toml\n", 1)[1].split("```", 1)[0]


@pytest.mark.parametrize("name", ["dedupe.toml", "pyproject.toml"])
def test_the_readme_example_reads_in_either_file(tmp_path: Path, name: str) -> None:
    example = _readme_example()
    assert example.startswith("[tool.dedupe]\n")
    (tmp_path / name).write_text(example, encoding="utf-8")
    settings, used = load(start=tmp_path)
    assert used == tmp_path / name
    assert (settings.fail_on, settings.ignore_rules) == ("warning", ("name-variant",))
    assert settings.sources["afp"] == "AFP"


def test_a_dedupe_toml_with_other_tools_tables_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dedupe.toml").write_text("[tool.ruff]\nline-length = 9\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting 'tool'"):
        load(start=tmp_path)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"ignore_rules": ["quote-drfit"]},
            "ignore_rules: unknown rule 'quote-drfit'; did you mean 'quote-drift'",
        ),
        ({"fail_on": "warn"}, "fail_on: unknown severity 'warn'; did you mean 'warning'"),
        ({"min_severity": "x"}, "min_severity: unknown severity 'x'; one of info, warning, error"),
        ({"story_dayz": 3}, "unknown setting 'story_dayz'; did you mean 'story_days'"),
    ],
)
def test_unknown_names_suggest_the_closest(values: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings().merged(values)


def test_rule_and_severity_names_are_checked_with_a_suggestion() -> None:
    known_rules(["quote-drift", "duplicate"])
    known_severity("warning")
    with pytest.raises(
        ConfigError, match=r"^unknown rule 'quote-drfit'; did you mean 'quote-drift'\?$"
    ):
        known_rules(["duplicate", "quote-drfit", "nonsense"])
    with pytest.raises(ConfigError, match=r"^unknown severity 'eror'; did you mean 'error'\?$"):
        known_severity("eror")
    with pytest.raises(ConfigError, match="unknown severity 'x'; one of info, warning, error"):
        known_severity("x")


def test_settings_from_a_file_with_overrides(tmp_path: Path) -> None:
    config = tmp_path / "dedupe.toml"
    config.write_text('story_days = 3\nmin_severity = "warning"\n', encoding="utf-8")
    settings = settings_from(config, {"min-severity": "error", "fail_on": None})
    assert (settings.story_days, settings.min_severity, settings.fail_on) == (3, "error", "error")
    assert settings_from(config) == load(config)[0]
    with pytest.raises(ConfigError, match="unknown severity 'eror'"):
        settings_from(config, {"fail_on": "eror"})


def test_settings_as_json_name_their_file(tmp_path: Path) -> None:
    data = json.loads(as_json(Settings(), None))
    assert data == {"file": None, "settings": Settings().as_dict()}
    config = tmp_path / "dedupe.toml"
    assert json.loads(as_json(Settings(), config))["file"] == str(config)


@pytest.mark.parametrize("value", ['["error"]', "{ level = 1 }", "2"])
def test_a_severity_of_another_type_is_named(tmp_path: Path, value: str) -> None:
    (tmp_path / "dedupe.toml").write_text(f"fail_on = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"dedupe.toml: fail_on: unknown severity "):
        load(start=tmp_path)
