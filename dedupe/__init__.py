"""dedupe: find passages that several news sources share, and check that their claims agree."""

from __future__ import annotations

__version__ = "0.1.0"
