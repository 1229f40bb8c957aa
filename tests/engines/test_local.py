"""The whole run as one call: `dedupe.compare` and `pipeline.compare_documents`."""

from __future__ import annotations

from pathlib import Path

import pytest

import dedupe
from dedupe.report import Report

SAMPLE = 45  # BASIL records: 15 stories, three outlets each


def _compare(corpora: Path, folder: Path, reverse: bool, monkeypatch: pytest.MonkeyPatch) -> Report:
    """The report on BASIL's first records, written in stored or reversed order as
    ``folder/basil.jsonl`` and read from there (document ids hold the path as given, and
    fingerprints the file's place, so both orders are written to the same file)."""
    lines = (corpora / "basil" / "basil_articles.jsonl").read_text(encoding="utf-8").splitlines()
    chosen = lines[:SAMPLE][::-1] if reverse else lines[:SAMPLE]
    folder.mkdir(exist_ok=True)
    (folder / "basil.jsonl").write_text("\n".join(chosen) + "\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    return dedupe.compare(["basil.jsonl"])


def _content(report: Report) -> tuple[object, ...]:
    pairs = [(p.id, p.a, p.b, p.links) for p in report.pairs]
    findings = [(f.id, f.rule, f.a, f.b, f.message) for f in report.findings]
    return [d.id for d in report.documents], pairs, findings, report.clusters


def test_the_order_articles_are_read_in_changes_nothing(
    corpora: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ties between equally close partners, and which document is side a, follow the
    # documents' ids, not the order of the records.
    forward = _compare(corpora, tmp_path / "run", False, monkeypatch)
    backward = _compare(corpora, tmp_path / "run", True, monkeypatch)
    assert len(forward.pairs) > 20 and forward.findings
    assert _content(backward) == _content(forward)


def test_only_pairs_stops_after_the_same_pairs_and_groups(
    corpora: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stopping early must not change what pairing found: same pairs, same near-duplicates.
    whole = _compare(corpora, tmp_path / "run", False, monkeypatch)
    pairs_only = dedupe.compare(["basil.jsonl"], only="pairs")
    assert pairs_only.only == "pairs" and whole.only is None
    assert pairs_only.pairs == whole.pairs and pairs_only.clusters == whole.clusters
    assert not pairs_only.findings and not pairs_only.stories
    assert Report.from_dict(pairs_only.to_dict()).only == "pairs"
