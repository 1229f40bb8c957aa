"""dedupe: find passages that several news sources share, and check that their claims agree.

>>> import dedupe
>>> report = dedupe.compare(["seeds"])          # doctest: +SKIP
>>> [f.rule for f in report.findings]           # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from dedupe.engines.local import compare
from dedupe.report import Report

__all__ = ["Report", "__version__", "compare"]
