"""Write the JSON reports of fixed real corpora, timings left out, to compare two commits.

Run by hand: ``.venv/bin/python bench/snapshot.py OUT_DIR [--sets seeds,basil,allsides2500]``,
once on each commit, then ``diff -r`` the two folders (or ``cmp`` each file). A change
that should keep behaviour identical (a move of code, a speed-up) must leave every file
the same byte for byte; one that changes findings shows exactly which.

Sets: ``seeds`` (the demo corpus, read as `dedupe.compare` reads it), ``basil`` (all 300
BASIL articles), ``allsidesN`` (the N earliest AllSides articles by date, as
``bench/scale.py --order date`` takes them), ``allsidesM-N`` (the articles ranked M to N by
date: a later stretch of the archive, with other events, to judge findings on text the
thresholds were not chosen on).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from _corpora import ROOT, basil_articles

import dedupe
from dedupe.config import Settings
from dedupe.model import Document
from dedupe.report import Report

DEFAULT_SETS = ("seeds", "basil", "allsides2500")


def _quiet(_message: str) -> None:
    return None


def report_of(name: str, settings: Settings) -> Report:
    """The report of one named set."""
    if name == "seeds":
        return dedupe.compare([ROOT / "seeds"], settings)
    return _compare(_documents(name), settings)


def _documents(name: str) -> list[Document]:
    if name == "basil":
        return [article.document for article in basil_articles()]
    ranks = re.fullmatch(r"allsides(?:(\d+)-)?(\d+)", name)
    if ranks:
        from scale import load_documents

        first, last = int(ranks[1] or 0), int(ranks[2])
        return load_documents(last - first, "date", skip=first)
    raise SystemExit(f"unknown set {name!r}; use seeds, basil, allsidesN or allsidesM-N")


def _compare(documents: Sequence[Document], settings: Settings) -> Report:
    from dedupe.engines.local import compare_documents

    return compare_documents(documents, settings, _quiet)


def timeless(report: Report) -> dict[str, Any]:
    """The report's JSON object without the fields that change from run to run."""
    data = report.to_dict()
    for key in ("created", "elapsed"):
        data.pop(key, None)
    return data


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder to write <set>.json into")
    parser.add_argument("--sets", default=",".join(DEFAULT_SETS))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    settings = Settings()
    write: Callable[[str], None] = sys.stdout.write
    for name in args.sets.split(","):
        started = time.perf_counter()
        data = timeless(report_of(name, settings))
        path = args.out / f"{name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        took = time.perf_counter() - started
        write(f"{name}: {len(data['findings'])} findings, {took:.1f} s -> {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
