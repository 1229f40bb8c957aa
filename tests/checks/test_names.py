"""dedupe.checks.names: name-variant."""

from __future__ import annotations

from dedupe.checks.names import is_variant


def test_is_variant() -> None:
    assert is_variant("Sergei Lavrov", "Sergey Lavrov")
    assert is_variant("Volodymyr Zelenskyy", "Volodymyr Zelensky")
    assert not is_variant("Vladimir Putin", "Vladimir Zelensky")
    assert not is_variant("John Smith", "Joan Smith")
    assert not is_variant("Lavrov", "Lavrov")


def test_a_plural_or_an_adjective_is_not_a_variant() -> None:
    assert not is_variant("Saudi Arabia", "Saudi Arabian")
    assert not is_variant("Iowa Democrat", "Iowa Democratic")
    assert not is_variant("Senate Democrats", "Senate Democratic")
    assert not is_variant("Texas Republicans", "Texas Republican")
    # a letter more that is no ending is still a spelling
    assert is_variant("Reince Preibus", "Reince Priebus")
    assert is_variant("Vicente Fox", "Vincente Fox")
    assert is_variant("Sergei Lavro", "Sergei Lavrov")
