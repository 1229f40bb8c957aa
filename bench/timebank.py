"""Score `dedupe.claims.dates.extract_dates` on TimeBank 1.2: full-day DATE values against the DCT.

Run by hand: ``.venv/bin/python bench/timebank.py [TML_DIR]``. For each document the creation
time (DCT) is the anchor; the ``<TEXT>`` body is stripped of its TimeML tags, keeping where
each TIMEX3 lies in the stripped text. The gold is every ``TIMEX3 type="DATE"`` in the body
whose value is a full day (``YYYY-MM-DD``). A prediction is a day-granularity claim with
``first == last``; it is correct when a gold full-day TIMEX3 overlapping it has the same
value, wrong when the overlapping gold says another day, and a false positive when it
overlaps no gold full-day TIMEX3 at all. Figures go to stdout.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from dedupe.claims.dates import extract_dates

TML_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "timebank" / "tml"
_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_FULL_DAY = re.compile(r"\d{4}-\d\d-\d\d")


@dataclass(frozen=True, slots=True)
class Timex:
    """One gold TIMEX3 of the body, with offsets into the stripped text."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    """A TimeBank document: name, creation date, stripped body and its TIMEX3s."""

    name: str
    dct: dt.date
    text: str
    timexes: tuple[Timex, ...]


@dataclass(slots=True)
class Score:
    """Counts over the corpus, plus the texts behind misses and errors for the breakdown."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    wrong_value: int = 0
    false_positive: int = 0
    misses: Counter[str] = field(default_factory=Counter)
    wrong: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def parse(path: Path) -> TimeMLDoc:
    """Read one .tml file: the DCT and the tag-free body with its TIMEX3 offsets."""
    raw = path.read_text(encoding="utf-8")
    dct_tag = re.search(r"<DCT>.*?value=\"(\d{4}-\d\d-\d\d)", raw, re.S)
    if dct_tag is None:
        raise ValueError(f"{path.name}: no DCT")
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    pieces: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []
    position = 0
    for tag in _TAG.finditer(body):
        pieces.append(body[position : tag.start()])
        length += tag.start() - position
        position = tag.end()
        if tag[2] != "TIMEX3":
            continue
        if not tag[1]:
            open_timex.append((length, dict(_ATTRIBUTE.findall(tag[3]))))
            continue
        begin, attributes = open_timex.pop()
        timexes.append(Timex(begin, length, attributes["type"], attributes.get("value", "")))
    pieces.append(body[position:])
    dct = dt.date.fromisoformat(dct_tag[1])
    return TimeMLDoc(path.stem, dct, "".join(pieces), tuple(timexes))


def score_document(doc: TimeMLDoc, score: Score) -> None:
    """Add one document's counts to ``score``."""
    gold = [t for t in doc.timexes if t.type == "DATE" and _FULL_DAY.fullmatch(t.value)]
    matched: set[Timex] = set()
    for claim in extract_dates(doc.text, doc.dct):
        if claim.granularity != "day" or claim.first is None or claim.first != claim.last:
            continue
        score.predicted += 1
        overlapping = [t for t in gold if t.start < claim.end and claim.start < t.end]
        same = [t for t in overlapping if t.value == claim.first.isoformat()]
        if same:
            score.correct += 1
            matched.update(same)
        elif overlapping:
            score.wrong_value += 1
            score.wrong[f"{claim.text!r} -> {claim.first} (gold {overlapping[0].value})"] += 1
        else:
            score.false_positive += 1
            score.spurious[claim.text.lower()] += 1
    score.gold += len(gold)
    score.found += len(matched)
    for timex in gold:
        if timex not in matched:
            score.misses[" ".join(doc.text[timex.start : timex.end].lower().split())] += 1


def evaluate(tml_dir: Path = TML_DIR) -> Score:
    """Score every ``*.tml`` file of ``tml_dir``."""
    score = Score()
    for path in sorted(tml_dir.glob("*.tml")):
        score_document(parse(path), score)
    return score


def _report(score: Score, seconds: float, documents: int) -> str:
    lines = [
        f"documents {documents}, {seconds:.2f} s",
        f"gold full-day DATEs {score.gold}, found {score.found}",
        f"day predictions {score.predicted}: correct {score.correct}, "
        f"wrong value {score.wrong_value}, false positive {score.false_positive}",
        f"P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}",
    ]
    for title, counter in (
        ("commonest misses", score.misses),
        ("wrong values", score.wrong),
        ("false positives", score.spurious),
    ):
        lines.append(f"{title}:")
        lines.extend(f"  {n:4d}  {text}" for text, n in counter.most_common(15))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    tml_dir = Path(argv[1]) if len(argv) > 1 else TML_DIR
    began = time.perf_counter()
    score = evaluate(tml_dir)
    seconds = time.perf_counter() - began
    print(_report(score, seconds, len(list(tml_dir.glob("*.tml")))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
