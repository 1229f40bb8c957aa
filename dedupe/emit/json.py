"""The ``dedupe.report/1`` JSON document, for scripts and for ``dedupe report FILE``."""

from __future__ import annotations

import io
import itertools
import json
from typing import TextIO

from dedupe.report import Report

# Encoder chunks written at a time.
_BATCH = 4096


def render(report: Report) -> str:
    """The report as indented JSON; keys keep `Report.to_dict`'s order so diffs stay small."""
    buffer = io.StringIO()
    write(report, buffer)
    return buffer.getvalue()


def write(report: Report, stream: TextIO) -> None:
    """`render`'s text written piece by piece: an archive's report is never one string."""
    # ensure_ascii=False keeps names such as "Zelenskyy" or "Київ" readable in the file.
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    chunks = encoder.iterencode(report.to_dict())
    # The encoder yields every bracket and separator apart: joined a few thousand at a
    # time, they cost far fewer writes.
    while batch := list(itertools.islice(chunks, _BATCH)):
        stream.write("".join(batch))
    stream.write("\n")
