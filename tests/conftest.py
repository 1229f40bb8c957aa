"""Shared fixtures: where the real corpora and the seeds are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPORA = ROOT.parent / "shared" / "corpora"


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The shared corpora folder; skips outside CI when it is absent, fails in CI."""
    if not CORPORA.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CORPORA} is missing: CI must run the corpus tests")
        pytest.skip(f"{CORPORA} not found")
    return CORPORA


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The demo corpus shipped with the project."""
    return SEEDS
