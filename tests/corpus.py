"""Read real corpus text for table-driven tests, without copying it into the repository.

A test row names a passage by reference: ``("basil", "<id>", start, end)`` means
``text("basil", "<id>")[start:end]``. Supported corpora: ``basil`` and ``ecbplus`` (by record
id), ``reuters`` (by NEWID, the body), ``bbc`` (by ``category/NNN``), ``mrpc`` (by line
number, ``"<n>:1"`` or ``"<n>:2"`` for the first or second sentence), ``timebank`` (by file
name; the text inside ``<TEXT>`` with the TimeML tags removed), and ``seeds`` (a path under
the project's ``seeds/``).
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


@cache
def _jsonl(path: Path, key: str, field: str) -> dict[str, str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        records = (json.loads(line) for line in handle if line.strip())
        return {str(r[key]): r[field] for r in records}


def _timebank(name: str) -> str:
    raw = (CORPORA / "timebank" / "tml" / name).read_text(encoding="utf-8")
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    return re.sub(r"<[^>]+>", "", body)


def _mrpc(ref: str) -> str:
    line_no, which = ref.split(":")
    lines = (CORPORA / "mrpc" / "msr_paraphrase_train.txt").read_text(encoding="utf-8-sig")
    fields = lines.splitlines()[int(line_no)].split("\t")
    return fields[3] if which == "1" else fields[4]


def text(corpus: str, ref: str) -> str:
    """The full text of one document of a corpus."""
    if corpus == "basil":
        return _jsonl(CORPORA / "basil" / "basil_articles.jsonl", "id", "text")[ref]
    if corpus == "ecbplus":
        return _jsonl(CORPORA / "ecbplus" / "ecbplus_docs.jsonl", "id", "text")[ref]
    if corpus == "reuters":
        path = CORPORA / "reuters21578" / "reuters21578.jsonl.gz"
        return _jsonl(path, "newid", "body")[ref]
    if corpus == "bbc":
        path = CORPORA / "bbc_news_2225" / "bbc" / f"{ref}.txt"
        return path.read_bytes().decode("utf-8", errors="replace")
    if corpus == "mrpc":
        return _mrpc(ref)
    if corpus == "timebank":
        return _timebank(ref)
    if corpus == "seeds":
        return (ROOT / "seeds" / ref).read_text(encoding="utf-8")
    raise ValueError(f"unknown corpus {corpus!r}")


def passage(corpus: str, ref: str, start: int, end: int) -> str:
    """``text(corpus, ref)[start:end]``."""
    return text(corpus, ref)[start:end]
