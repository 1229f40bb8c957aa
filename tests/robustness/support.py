"""Helpers shared by the robustness tests."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

Invoke = Callable[..., Result]
RunModule = Callable[..., subprocess.CompletedProcess[str]]


def error_lines(stderr: str) -> list[str]:
    """The ``dedupe: error:`` lines of a run's stderr."""
    return [line for line in stderr.splitlines() if line.startswith("dedupe: error:")]


def warning_lines(stderr: str, path: str) -> list[str]:
    """The ``dedupe: warning:`` lines of a run's stderr that name ``path``."""
    return [
        line for line in stderr.splitlines() if line.startswith("dedupe: warning:") and path in line
    ]


def write(folder: Path, name: str, data: bytes | str) -> Path:
    """Write ``data`` (str as UTF-8, newlines untouched) to ``folder/name``; return the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path
