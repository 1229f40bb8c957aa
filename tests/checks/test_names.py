"""dedupe.checks.names: name-variant."""

from __future__ import annotations

from dedupe.checks.names import is_variant


def test_is_variant() -> None:
    assert is_variant("Sergei Lavrov", "Sergey Lavrov")
    assert is_variant("Volodymyr Zelenskyy", "Volodymyr Zelensky")
    assert not is_variant("Vladimir Putin", "Vladimir Zelensky")
    assert not is_variant("John Smith", "Joan Smith")
    assert not is_variant("Lavrov", "Lavrov")
