"""Loaders the bench scripts share: the real corpora under ``../shared/corpora`` as `Document`s.

Nothing here is copied from a corpus into the repository: every loader reads the shared
folder at run time. Samples are drawn with a caller's seed so a run can be repeated.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import lzma
import os
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from dedupe.model import Document

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("DEDUPE_CORPORA", ROOT.parent / "shared" / "corpora"))
ALLSIDES = CORPORA / "allsides_article_bias"
# MRPC and BBC carry no dates; one fixed day keeps relative dates resolvable and equal.
NEUTRAL_DATE = dt.date(2004, 6, 1)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MrpcPair:
    """One labelled MRPC row: ``line`` is its 0-based line number in the train file."""

    line: int
    paraphrase: bool
    first: str
    second: str

    def documents(self) -> tuple[Document, Document]:
        """The two sentences as one-sentence documents from two different sources."""
        return (
            Document(f"mrpc/{self.line}:1", f"mrpc/{self.line}:1", "A", self.first, NEUTRAL_DATE),
            Document(f"mrpc/{self.line}:2", f"mrpc/{self.line}:2", "B", self.second, NEUTRAL_DATE),
        )


@dataclass(frozen=True, slots=True)
class Article:
    """A corpus article as a `Document`, with the gold event cluster when the corpus has one."""

    document: Document
    cluster: str | None = None


def sample(items: Sequence[T], limit: int | None, seed: int) -> list[T]:
    """Up to ``limit`` items drawn without replacement (all of them, in order, when None)."""
    if limit is None or limit >= len(items):
        return list(items)
    return random.Random(seed).sample(list(items), limit)


def mrpc_pairs() -> list[MrpcPair]:
    """The 4,076 MRPC train pairs (tab-separated; the strings hold quotes, so no csv module)."""
    path = CORPORA / "mrpc" / "msr_paraphrase_train.txt"
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines()):
        fields = line.split("\t")
        if len(fields) >= 5:
            rows.append(MrpcPair(n, fields[0] == "1", fields[3], fields[4]))
    return rows


def basil_articles() -> list[Article]:
    """The 300 BASIL articles; source is the outlet (lower-cased: a few records use NYT/FOX)."""
    path = CORPORA / "basil" / "basil_articles.jsonl"
    out = []
    for record in _jsonl(path):
        date = dt.date.fromisoformat(record["date"]) if record.get("date") else None
        doc = Document(
            id=f"basil/{record['id']}",
            path=f"basil/{record['id']}",
            source=str(record["source"]).lower(),
            text=record["text"],
            date=date,
            title=record.get("title"),
        )
        out.append(Article(doc, record["cluster_id"]))
    return out


def bbc_articles() -> list[Article]:
    """The 2,225 BBC files, id ``bbc/<category>/NNN``, source = category (one outlet only).

    The first line is the headline; the body starts after the blank line that follows it.
    """
    root = CORPORA / "bbc_news_2225" / "bbc"
    out = []
    for path in sorted(root.glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        ref = f"bbc/{path.parent.name}/{path.stem}"
        title, _, _ = text.partition("\n")
        body = text.find("\n\n")
        doc = Document(
            ref, ref, path.parent.name, text, NEUTRAL_DATE, title.strip(), body_start=body + 2
        )
        out.append(Article(doc, path.parent.name))
    return out


def reuters_articles(sources: int = 4) -> list[Article]:
    """Reuters-21578 bodies (NORM records only), assigned round-robin to ``sources`` sources."""
    out: list[Article] = []
    for record in _jsonl(CORPORA / "reuters21578" / "reuters21578.jsonl.gz"):
        if record.get("text_type") != "NORM" or not record.get("body", "").strip():
            continue
        ref = f"reuters/{record['newid']}"
        source = f"wire{len(out) % sources}"
        date = _reuters_date(record.get("date"))
        doc = Document(ref, ref, source, record["body"], date, record.get("title") or None)
        out.append(Article(doc))
    return out


def _reuters_date(value: str | None) -> dt.date | None:
    """``26-FEB-1987 15:01:01.79`` -> 1987-02-26 (and `` 5-MAR-1987 ...``: days 1-9 are padded
    with a space, so the day is the first word, not the first 11 characters)."""
    words = (value or "").split()
    try:
        return dt.datetime.strptime(words[0], "%d-%b-%Y").date() if words else None
    except ValueError:
        return None


def allsides_articles(records: Iterable[dict[str, Any]] | None = None) -> list[Article]:
    """AllSides rows with text as `Document`s, id ``allsides/<ID>``, source = outlet.

    ``date`` is None when the row has none or an unusable one (a few say 0001-11-30 or
    2050-09-30, 37 are ``M/D/YY``: left undated rather than guessed). ``records`` defaults
    to the whole corpus (about 5 s to read).
    """
    out = []
    for record in allsides_records() if records is None else records:
        text = record.get("content_original") or ""
        if not text.strip():
            continue
        ref = f"allsides/{record['ID']}"
        date = _iso_date(record.get("date"))
        doc = Document(ref, ref, record["source"], text, date, record.get("title") or None)
        out.append(Article(doc))
    return out


def _iso_date(value: str | None) -> dt.date | None:
    """An ISO day from the corpus's own years (2012-2020 and a few earlier), else None."""
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if 2000 <= day.year <= 2020 else None


# ECB+'s text was re-assembled from tokens: "6. 1-magnitude", "120, 000 people", "1: 30 a. m.".
# Its sentences are one per line, so inside a line these are the tokeniser's spaces.
_ECB_SPLIT_FIGURE = re.compile(r"(?<=\d)([.:]) (?=\d)|(?<![\d,])(\d{1,3}), (?=\d{3}(?!\d))")
_ECB_SPLIT_ABBREVIATION = re.compile(r"\b([ap])\. m\.")


def ecbplus_articles() -> list[Article]:
    """The 982 ECB+ documents, id ``ecbplus/<id>``, cluster = sub-topic (one real event).

    Source is the URL's host (``ecb`` for the original ECB half, whose outlets are unknown).
    ECB+ is undated, so documents get `NEUTRAL_DATE` as BBC's do. Figures and "a.m."/"p.m."
    split by the detokeniser are mended (see above); nothing else is changed.
    """
    out = []
    for record in _jsonl(CORPORA / "ecbplus" / "ecbplus_docs.jsonl"):
        text = _ECB_SPLIT_FIGURE.sub(lambda m: m.group(1) or f"{m.group(2)},", record["text"])
        text = _ECB_SPLIT_ABBREVIATION.sub(r"\1.m.", text)
        ref = f"ecbplus/{record['id']}"
        doc = Document(ref, ref, record.get("source") or "ecb", text, NEUTRAL_DATE)
        out.append(Article(replace(doc, url=record.get("url")), record["cluster_id"]))
    return out


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table: columns padded to their widest cell, numbers right-aligned."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[k]) for r in cells)]) for k, h in enumerate(headers)]
    # A column of numbers, "-" marking a missing one, is right-aligned.
    numeric = [
        all(isinstance(row[k], int | float) or row[k] == "-" for row in rows)
        and any(isinstance(row[k], int | float) for row in rows)
        for k in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        padded = (
            v.rjust(w) if right else v.ljust(w)
            for v, w, right in zip(values, widths, numeric, strict=True)
        )
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(list(headers)), rule, *(line(r) for r in cells)])


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def allsides_parts(folder: Path = ALLSIDES) -> list[Path]:
    """The AllSides parts, sorted (so rows come in ID order); exits with a message naming
    the folder when it holds none."""
    parts = sorted(folder.glob("articles.part*.jsonl.xz"))
    if not parts:
        raise SystemExit(
            f"{folder}: no AllSides parts (articles.part*.jsonl.xz); put ../shared/corpora "
            "beside the project or set DEDUPE_CORPORA"
        )
    return parts


def allsides_records(folder: Path = ALLSIDES) -> Iterator[dict[str, Any]]:
    """The AllSides rows in stored order, read part by part."""
    for part in allsides_parts(folder):
        with lzma.open(part, "rt", encoding="utf-8") as handle:
            yield from (json.loads(line) for line in handle if line.strip())
