"""No input makes a regular expression backtrack catastrophically or a stage hang.

Every claim extractor, the segmenter, the matcher's tokeniser, the word diff and the whole
pipeline (pairing, findings, HTML and terminal reports) run on adversarial strings in child
processes. Each (string, stage) step announces itself; a step that takes longer than
`STEP_SECONDS` kills the child and fails the test naming the step, so a catastrophic
backtrack is a red test, not a CI run that never ends. The linear-time steps take well
under a second each at these sizes.
"""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
from typing import IO

import pytest

STEP_SECONDS = 20.0

# Built in the child from these expressions: sizes from issue 8.
ADVERSARIAL = {
    "digits-commas": '"1," * 50_000 + "1"',
    "digits-dots-dashes": '"1.2-" * 25_000',
    "long-number": '"9" * 100_000',
    "open-parens": '"(" * 100_000',
    "nested-brackets": '"[({" * 20_000 + "})]" * 20_000',
    "straight-quotes": "'\"' * 100_000",
    "curly-quotes": '"“‘«" * 30_000',
    "capitalised-words": '"Xavier " * 50_000',
    "titles-and-dots": '"Mr. Dr. St. " * 20_000',
    "one-letter": '"a" * 10**6',
    "long-url": '"https://example.com/" + "a/b-c.d?e=1&" * 20_000',
    "rtl-zero-width": '"\\u202e\\u200bقال\\u200d 12\\u200f,000 \\u2066x\\u2069 " * 20_000',
    "number-words": '"one hundred and " * 20_000',
    "months-and-days": '"Oct. 25-28, " * 20_000',
    "reporting-verbs": '"said the said, according to " * 20_000',
    "whitespace": '" \\t" * 200_000 + "\\n" * 100_000',
}

CHILD = r"""
import datetime as dt, io, sys
from rich.console import Console
from dedupe import emit, worddiff
from dedupe.claims.attribution import extract_attributions
from dedupe.cli._console import print_report
from dedupe.emit.text import marked
from dedupe.config import Settings
from dedupe.claims.dates import extract_dates
from dedupe.model import Document
from dedupe.claims.names import extract_names
from dedupe.normalize import fold, match_tokens
from dedupe.claims.numbers import extract_numbers
from dedupe.engines.local import compare_documents
from dedupe.claims.quotes import extract_quotes
from dedupe.segment import sentences

LEAD = "North Korea's foreign minister said on Friday that about 10,000 troops were in Russia."

def documents(text):
    a = Document("a.txt", "a.txt", "Outlet A", f"{LEAD}\n\n{text}\n\nOfficials said {text[:3000]} "
                 "troops crossed on Monday.\n", dt.date(2024, 11, 1))
    b = Document("b.txt", "b.txt", "Outlet B", f"{LEAD.replace('about', 'up to')}\n\n"
                 f"Officials said {text[:3000]} troops crossed on Tuesday.\n\n{text}\n")
    return [a, b]

def pipeline(text):
    report = compare_documents(documents(text), Settings(), lambda _m: None)
    emit.render(report, "html")
    emit.render(report, "sarif")

def terminal(text):
    report = compare_documents(documents(text), Settings(), lambda _m: None)
    print_report(Console(file=io.StringIO(), width=120), report, True)

def reordered(text):  # two outlets listing the same items in another order: one long pair
    a = Document("a.txt", "a.txt", "Outlet A", f"{LEAD}\n\nOfficials listed {text}today.\n")
    b = Document("b.txt", "b.txt", "Outlet B",
                 f"{LEAD}\n\nOfficials listed {text.replace('b c', 'c b')}today.\n")
    report = compare_documents([a, b], Settings(), lambda _m: None)
    assert report.pairs
    return report

STAGES = {
    "numbers": lambda t: extract_numbers(t),
    "dates": lambda t: extract_dates(t, dt.date(2024, 11, 1)),
    "quotes": lambda t: extract_quotes(t),
    "names": lambda t: extract_names(t),
    "attributions": lambda t: extract_attributions(t),
    "segment": lambda t: sentences(Document("d", "d", "s", t)),
    "match_tokens": lambda t: (match_tokens(t), fold(t)),
    "worddiff": lambda t: worddiff.diff(t[:5000], "Officials said " + t[:5000] + " today"),
    "pipeline": pipeline,
    "terminal": terminal,
    "marked": lambda t: marked(t, t.replace("b c", "c b")),
    "terminal-reordered": lambda t: print_report(Console(file=io.StringIO()), reordered(t)),
    "html-reordered": lambda t: emit.render(reordered(t), "html"),
}

wanted = sys.argv[1].split(",")
for name, expression in zip(sys.argv[2::2], sys.argv[3::2]):
    text = eval(expression)
    for stage in wanted:
        run = STAGES[stage]
        print(f"{name} {stage}", flush=True)
        run(text)
print("done", flush=True)
"""


def _lines(n: int, stream: IO[str], events: queue.Queue[tuple[int, str | None]]) -> None:
    for line in stream:
        events.put((n, line.strip()))
    events.put((n, None))


def _watch(stages: str, shards: list[dict[str, str]], limit: float = STEP_SECONDS) -> list[str]:
    """Run each shard in its own child; fail on a step over ``limit`` seconds or a crash."""
    events: queue.Queue[tuple[int, str | None]] = queue.Queue()
    children: list[subprocess.Popen[str]] = []
    current: dict[int, str] = {}
    deadline: dict[int, float] = {}
    for n, shard in enumerate(shards):
        args = [a for item in shard.items() for a in item]
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, stages, *args], stdout=subprocess.PIPE, text=True
        )
        children.append(child)
        threading.Thread(target=_lines, args=(n, child.stdout, events), daemon=True).start()
        current[n], deadline[n] = "start-up", time.monotonic() + 60
    finished: list[str] = []
    try:
        while current:
            wait = max(0.0, min(deadline.values()) - time.monotonic())
            try:
                n, line = events.get(timeout=wait)
            except queue.Empty:
                late = min(deadline, key=deadline.__getitem__)
                pytest.fail(f"step {current[late]!r} ran over {limit:.0f} s")
            finished.append(current[n])
            if line is None:
                assert children[n].wait() == 0, f"child crashed in step {current[n]!r}"
                del current[n], deadline[n]
            else:
                current[n], deadline[n] = line, time.monotonic() + limit
    finally:
        for child in children:
            child.kill()
            child.wait()
    return finished


def test_adversarial_strings_finish_in_time() -> None:
    names = list(ADVERSARIAL)
    shards = [{k: ADVERSARIAL[k] for k in names[i::2]} for i in range(2)]  # two cores
    stages = "numbers,dates,quotes,names,attributions,segment,match_tokens,worddiff,pipeline"
    steps = _watch(stages, shards)
    assert sum(step.endswith(" pipeline") for step in steps) == len(ADVERSARIAL)
    assert steps.count("done") == 2


def test_terminal_report_of_long_near_duplicates() -> None:
    _watch("terminal", [{"nested-brackets": ADVERSARIAL["nested-brackets"]}], limit=10)


def test_terminal_word_marks_stay_bounded() -> None:
    """difflib is cubic on reordered repeats ("a b c ..." against "a c b ..."): the terminal
    marks only what a bounded diff can, at and beyond the limit (`worddiff.DIFF_TOKENS`)."""
    texts = {
        "reordered-at-limit": '"a b c " * 133',
        "reordered-over-limit": '"a b c " * 1_000',
        "reordered-long": '"a b c " * 50_000',
        "one-edit-in-a-long-text": '"x y z " * 50_000 + "a b c " * 100 + "x y z " * 50_000',
    }
    _watch("marked", [texts], limit=5)


def test_terminal_report_of_reordered_repeats() -> None:
    _watch("terminal-reordered", [{"reordered": '"a b c " * 400'}], limit=5)


def test_html_report_of_reordered_repeats() -> None:
    _watch("html-reordered", [{"reordered": '"a b c " * 400'}], limit=5)
