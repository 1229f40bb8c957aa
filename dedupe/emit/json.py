"""The ``dedupe.report/1`` JSON document, for scripts and for ``dedupe report FILE``."""

from __future__ import annotations

import json

from dedupe.report import Report


def render(report: Report) -> str:
    """The report as indented JSON; keys keep `Report.to_dict`'s order so diffs stay small."""
    # ensure_ascii=False keeps names such as "Zelenskyy" or "Київ" readable in the file.
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
