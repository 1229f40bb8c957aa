"""Settings: defaults, configuration files and the messages for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedupe.config import ConfigError, Settings, load


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
