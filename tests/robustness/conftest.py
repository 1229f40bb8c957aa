"""Fixtures for the robustness tests: a two-source corpus to spoil, and ways to run the CLI.

The corpus is a copy of the project's seed articles (two outlets telling the same story), so
a run over it pairs passages and reports findings; each test adds or damages files in it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from dedupe.cli import app
from robustness.support import SEEDS, Invoke, RunModule


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the seed articles: one folder per source."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def invoke(tmp_path: Path) -> Invoke:
    """Run ``dedupe ARGS`` in-process, in an empty working directory (no stray config)."""
    workdir = tmp_path / "cwd"
    workdir.mkdir(exist_ok=True)

    def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
        runner = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, **(env or {})})
        old = Path.cwd()
        os.chdir(workdir)
        try:
            result = runner.invoke(app, [str(a) for a in args])
        finally:
            os.chdir(old)
        # An exception escaping the command would be a traceback for a real user.
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        assert "Traceback" not in result.output
        return result

    return run


@pytest.fixture
def run_module(tmp_path: Path) -> RunModule:
    """Run ``python -m dedupe ARGS`` as a real process, as a pipeline would."""

    def run(
        *args: str | Path, timeout: float = 120, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("DEDUPE_DEBUG", "FORCE_COLOR")}
        done = subprocess.run(
            [sys.executable, "-m", "dedupe", *map(str, args)],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=cwd or tmp_path,
            env=env,
            check=False,
        )
        assert "Traceback" not in done.stdout + done.stderr, done.stderr
        return done

    return run
