"""Draw a random sample of error findings from a saved report, for judging by reading.

Run by hand::

    .venv/bin/python bench/judge_sample.py REPORT.json --count 40 --out bench/judged/NAME.tsv

(``--rule attribution-mismatch`` draws from one rule's findings, warnings included.)

writes the sample as a TSV (finding id, rule, each side's document and offsets, and empty
``verdict`` and ``reason`` columns for the reader to fill: ``real`` when a reader would want
to see the disagreement, ``false`` when it is two different things, ``unclear``), and prints
each finding with the sentences around both sides on stdout, to read. The TSV holds no
corpus text, only ids and offsets; ``--score FILE.tsv`` prints the share judged real.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path

from dedupe.model import Finding, Span
from dedupe.report import Report

COLUMNS = ("finding", "rule", "doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b")
AROUND = 240  # characters of context either side of a claim


def sample(report: Report, count: int, seed: int, rule: str | None = None) -> list[Finding]:
    """``count`` findings drawn without replacement, in report order: the errors, or every
    finding of ``rule`` whatever its severity."""
    pool = [f for f in report.findings if (f.rule == rule if rule else f.severity == "error")]
    chosen = set(random.Random(seed).sample(range(len(pool)), min(count, len(pool))))
    return [f for k, f in enumerate(pool) if k in chosen]


def row(finding: Finding) -> list[str]:
    """The TSV row of a finding, verdict and reason left empty."""
    a, b = finding.a, finding.b
    cells = [finding.id, finding.rule, a.doc, a.start, a.end, b.doc, b.start, b.end]
    return [str(c) for c in cells] + ["", ""]


def context(report: Report, span: Span) -> str:
    """The claim in its surroundings, the claim itself in [[ ]]."""
    text = report.document(span.doc).text
    before = text[max(0, span.start - AROUND) : span.start]
    after = text[span.end : span.end + AROUND]
    return f"{before}[[{span.text}]]{after}".replace("\n", " ")


def show(report: Report, findings: list[Finding]) -> str:
    """Every finding with both sides' contexts, for a reader."""
    parts = []
    for n, f in enumerate(findings, 1):
        doc_a, doc_b = report.document(f.a.doc), report.document(f.b.doc)
        parts.append(
            f"## {n}. {f.rule} {f.id}\n{f.message}\n"
            f"A {doc_a.source} {doc_a.date} {doc_a.title}\n  {context(report, f.a)}\n"
            f"B {doc_b.source} {doc_b.date} {doc_b.title}\n  {context(report, f.b)}\n"
        )
    return "\n".join(parts)


def score(path: Path) -> str:
    """The verdicts of a judged TSV, counted."""
    with path.open(encoding="utf-8", newline="") as handle:
        verdicts = Counter(r["verdict"] for r in csv.DictReader(handle, delimiter="\t"))
    total = sum(verdicts.values())
    real = verdicts.get("real", 0)
    counts = ", ".join(f"{v} {k}" for k, v in verdicts.most_common())
    return f"{real} of {total} judged real ({real / total:.0%}): {counts}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, nargs="?", help="a dedupe.report/1 JSON file")
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20261205)
    parser.add_argument("--out", type=Path, help="the TSV to write the sample to")
    parser.add_argument("--rule", help="draw from this rule's findings instead of the errors")
    parser.add_argument("--score", type=Path, help="a judged TSV: print the share judged real")
    args = parser.parse_args()
    if args.score:
        print(score(args.score))
        return
    if args.report is None or args.out is None:
        parser.error("give REPORT and --out (or --score FILE)")
    report = Report.read(args.report)
    findings = sample(report, args.count, args.seed, args.rule)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow([*COLUMNS, "verdict", "reason"])
        writer.writerows(row(f) for f in findings)
    sys.stdout.write(show(report, findings))


if __name__ == "__main__":
    main()
