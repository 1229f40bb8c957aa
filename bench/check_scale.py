"""Time `dedupe check` against a large store: the cost must follow the new articles.

Run by hand: ``.venv/bin/python bench/check_scale.py [CORPUS] [N]`` (N defaults to 20,000).
It writes N AllSides articles (``../shared/corpora/allsides_article_bias``, see its
SOURCE.md) to temporary ``corpus/partNNN.jsonl`` shards (fields text/id/source/date/title),
``ingest.load`` and ``Store.add`` of them, then times a check of 10 new articles that are not
in the store (one of them a stored article with a figure changed, from another source), with
the modules already imported. It also times what storing sentences and claims at ingest
would add. Figures go to stdout.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from _corpora import ALLSIDES, allsides_records

from dedupe.claims import extract
from dedupe.config import Settings
from dedupe.engines.check import check
from dedupe.ingest import load
from dedupe.segment import sentences
from dedupe.store import Store

_FIGURE = re.compile(r"\b\d{2,4}\b")


def records(folder: Path) -> Iterator[dict[str, Any]]:
    """AllSides articles as dedupe JSONL records, in file order."""
    for row in allsides_records(folder):
        if row["content_original"].strip():
            yield {
                "id": row["ID"],
                "source": row["source"],
                "date": row["date"] or None,
                "title": row["title"],
                "text": row["content_original"],
            }


def timed(label: str, call: Callable[[], Any]) -> Any:
    """Run ``call``, print how long it took, return its result."""
    started = time.perf_counter()
    result = call()
    print(f"{label:<44} {time.perf_counter() - started:8.2f} s")
    return result


def write_new(folder: Path, fresh: list[dict[str, Any]], stored: dict[str, Any]) -> None:
    """Nine unseen articles, and one stored article with a figure changed, as .txt files."""
    folder.mkdir()
    text = stored["text"]
    match = _FIGURE.search(text, len(text) // 3) or _FIGURE.search(text)
    if match:
        text = f"{text[: match.start()]}{int(match.group()) + 7}{text[match.end() :]}"
    changed = {**stored, "text": text, "source": "bench-wire"}
    for number, row in enumerate([*fresh, changed]):
        head = f"source: {row['source']}\ntitle: {row['title']}\n"
        (folder / f"new{number:02}.txt").write_text(f"{head}\n{row['text']}", encoding="utf-8")


def ingest_costs(docs: list[Any]) -> None:
    """What storing sentence offsets and claims at ingest would cost per document."""
    sample = docs[:200]
    seg = timed(
        f"segment {len(sample)} documents (sentences)", lambda: [sentences(d) for d in sample]
    )
    timed(f"extract claims of {len(sample)} documents", lambda: [extract(d) for d in sample])
    print(f"  ({sum(map(len, seg)) / len(sample):.0f} sentences per document)")


def main() -> None:
    """Build the store, check 10 new articles, print the figures."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ALLSIDES
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    rows = list(itertools.islice(records(folder), size + 9))
    corpus, fresh = rows[:size], rows[size:]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shards = work / "corpus"
        shards.mkdir()
        # Shards of 1,000 articles keep each file under the max_document_bytes limit.
        for start in range(0, len(corpus), 1000):
            with (shards / f"part{start // 1000:03}.jsonl").open("w", encoding="utf-8") as handle:
                rows_out = corpus[start : start + 1000]
                handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows_out)
        docs, _ = timed(f"ingest.load {len(corpus)} articles", lambda: load([shards]))
        with Store.open(work / "store.sqlite", create=True) as store:
            done = timed(f"Store.add {len(docs)} documents (index add)", lambda: store.add(docs))
            print(f"  {done}; {store.stats()}")
            timed("Store.add again (all unchanged)", lambda: store.add(docs))
        ingest_costs(docs)
        write_new(work / "new", fresh, corpus[len(corpus) // 2])
        settings = Settings()
        with Store.open(work / "store.sqlite", readonly=True) as store:
            new, _ = load([work / "new"])
            ids = timed("Store.candidates for 10 new articles", lambda: store.candidates(new, 30))
            print(f"  {len(ids)} candidate documents")
            report = timed(
                "check 10 new articles (after start-up)",
                lambda: check([work / "new"], settings, store=store),
            )
        rules = sorted({f.rule for f in report.findings})
        print(f"  {len(report.pairs)} pairs, {len(report.findings)} findings: {', '.join(rules)}")


if __name__ == "__main__":
    main()
