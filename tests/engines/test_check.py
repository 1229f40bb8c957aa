"""Tests for dedupe.check: orientation, superseded versions, --against, stale baselines."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedupe import baseline
from dedupe.checks import fingerprint
from dedupe.config import Settings
from dedupe.engines.check import (
    DEFAULT_STORE,
    apply_baseline,
    baselined,
    check,
    check_files,
    orient,
    orient_pair,
    store_in_use,
    superseded_removed,
)
from dedupe.model import Document, Finding, Pair
from dedupe.report import Report
from dedupe.store import Store, StoreError

NEW = Document("new.txt", "new.txt", "wire", "Officials said 23 people were killed.")
OLD = Document("old.txt", "corpus/old.txt", "paper", "Officials said 32 people were killed.")


def _finding(a: Document, b: Document) -> Finding:
    sa, sb = a.span(15, 17), b.span(15, 17)
    return Finding(
        fingerprint("number-mismatch", sa, sb, (a, b)),
        "number-mismatch",
        "error",
        "p1",
        sa,
        sb,
        "m",
    )


def test_orient_puts_the_new_article_on_side_a_and_refingerprints() -> None:
    backwards = _finding(OLD, NEW)
    both = {NEW.id: NEW, OLD.id: OLD}
    turned = orient(backwards, {NEW.id}, both)
    assert (turned.a.doc, turned.b.doc) == ("new.txt", "old.txt")
    assert turned.id == fingerprint("number-mismatch", turned.a, turned.b, (NEW, OLD))
    assert turned.id != backwards.id
    assert orient(_finding(NEW, OLD), {NEW.id}, both) == _finding(NEW, OLD)
    pair = Pair("p1", 0.9, OLD.span(0, 10), NEW.span(0, 10), ((0, 2), (1, 3)))
    flipped = orient_pair(pair, {NEW.id})
    assert (flipped.a.doc, flipped.links) == ("new.txt", ((2, 0), (3, 1)))


def test_older_versions_of_new_articles_are_not_corpus(tmp_path: Path) -> None:
    same_id = Document("new.txt", "elsewhere/new.txt", "wire", "old words")
    same_file = Document("other-id", "new.txt", "wire", "old words")
    assert superseded_removed([NEW], [same_id, same_file, OLD]) == [OLD]


def test_another_outlets_article_of_the_same_id_is_set_aside_with_a_warning(
    tmp_path: Path,
) -> None:
    # Two outlets' folders given as roots: their files of one name have one id.
    for outlet in ("Outlet A", "Outlet B"):
        folder = tmp_path / outlet.replace(" ", "-")
        folder.mkdir()
        body = "The river rose six feet overnight and the levee held, officials said today."
        (folder / "story.txt").write_text(f"---\nsource: {outlet}\n---\n{body}\n")
    report = check([tmp_path / "Outlet-A"], against=[tmp_path / "Outlet-B"])
    (warning,) = [d for d in report.diagnostics if "set aside" in d.message]
    assert warning.path.endswith("Outlet-B/story.txt") and '"Outlet A"' in warning.message
    # The same outlet's file is its older version, set aside without a word.
    (tmp_path / "Outlet-B" / "story.txt").write_text("---\nsource: Outlet A\n---\nOld text.\n")
    report = check([tmp_path / "Outlet-A"], against=[tmp_path / "Outlet-B"])
    assert not [d for d in report.diagnostics if "set aside" in d.message]


def test_check_needs_exactly_one_corpus(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="either a store or --against"):
        check([tmp_path], store=None, against=None)


def test_the_command_line_check_reads_folders_or_a_store_dedupe_sqlite_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "new.txt").write_text(NEW.text, encoding="utf-8")
    with pytest.raises(ValueError, match="give --store or --against, not both"):
        check_files(["new.txt"], Settings(), tmp_path / "s.sqlite", [tmp_path])
    with pytest.raises(StoreError, match=f"^{DEFAULT_STORE}: no store there"):
        check_files(["new.txt"], Settings(), None, None)
    assert store_in_use(None, None) == [DEFAULT_STORE] == [Path("dedupe.sqlite")]
    assert store_in_use(tmp_path / "s.sqlite", []) == [tmp_path / "s.sqlite"]
    assert store_in_use(None, [tmp_path]) == []


def test_a_baseline_file_hides_its_findings_and_notes_stale_entries(tmp_path: Path) -> None:
    report = Report(documents=(NEW, OLD), findings=(_finding(NEW, OLD),))
    fixed = baseline.Entry("f-fixed", "number-mismatch", NEW.id, OLD.id, "m")
    gone = baseline.Entry("f-gone", "duplicate", NEW.id, "deleted.txt", "m")
    entries = (*baseline.create(report).entries, fixed, gone)
    path = tmp_path / "b.json"
    path.write_text(baseline.dump(baseline.Baseline(entries)), encoding="utf-8")
    stale = [baseline.stale_note(str(path), entry) for entry in (fixed, gone)]
    shown, hidden, notes = baselined(report, path, [tmp_path], None, [tmp_path])
    assert (shown.findings, hidden, notes) == ((), 1, stale)
    with Store.open(tmp_path / "s.sqlite", create=True):
        pass  # an empty store: deleted.txt is not in it either
    assert baselined(report, path, [tmp_path], tmp_path / "s.sqlite", None)[2] == stale


@pytest.mark.corpus
def test_check_against_a_folder_finds_the_copy(corpora: Path, tmp_path: Path) -> None:
    from corpus import text

    original = text("basil", "005a2961-0c2e-4575-8eec-770ba52a08e0_1")
    corpus = tmp_path / "corpus" / "nyt"
    corpus.mkdir(parents=True)
    (corpus / "trump.txt").write_text(original, encoding="utf-8")
    new = tmp_path / "new"
    new.mkdir()
    (new / "copy.txt").write_text(f"source: copycat\n\n{original}", encoding="utf-8")
    report = check([new], against=[tmp_path / "corpus"])
    duplicates = [f for f in report.findings if f.rule == "duplicate"]
    assert duplicates and all(f.a.doc == "copy.txt" for f in report.findings)
    assert all(p.a.doc == "copy.txt" for p in report.pairs)


def test_stale_entries_include_articles_that_are_gone(tmp_path: Path) -> None:
    report = Report(documents=(NEW,), findings=())
    gone = baseline.Entry("f1", "duplicate", "deleted.txt", "old.txt", "m")
    elsewhere = baseline.Entry("f2", "duplicate", "stored.txt", "old.txt", "m")
    on_disk = baseline.Entry("f3", "duplicate", "kept.txt", "old.txt", "m")
    (tmp_path / "kept.txt").write_text("x", encoding="utf-8")
    accepted = baseline.Baseline((gone, elsewhere, on_disk))
    _, stale = apply_baseline(
        report, accepted, [tmp_path], lambda ids: ids & {"stored.txt", "old.txt"}
    )
    assert [e.id for e in stale] == ["f1"]


@pytest.mark.corpus
def test_store_preparation_gives_the_same_findings_as_a_folder(
    corpora: Path, tmp_path: Path
) -> None:
    """The store keeps each article's sentences and claims; reusing them changes nothing."""
    from corpus import text

    from dedupe.ingest import load
    from dedupe.store import Store

    ids = [f"005a2961-0c2e-4575-8eec-770ba52a08e0_{n}" for n in (1, 2, 3)]
    corpus = tmp_path / "corpus"
    for n, doc_id in enumerate(ids[1:], 2):
        (corpus / f"outlet{n}").mkdir(parents=True)
        (corpus / f"outlet{n}" / "story.txt").write_text(text("basil", doc_id), encoding="utf-8")
    new = tmp_path / "new"
    new.mkdir()
    edited = text("basil", ids[0])
    (new / "story.txt").write_text(f"source: newcomer\n\n{edited}", encoding="utf-8")
    store_path = tmp_path / "s.sqlite"
    with Store.open(store_path, create=True) as store:
        store.add(load([corpus])[0])
        stored = [d.id for d in load([corpus])[0]]
        assert len(store.segmentations(stored, Settings())) == len(store.claims(stored)) == 2
    from_store = check([new], store=store_path)
    from_folder = check([new], against=[corpus])
    assert [f.id for f in from_store.findings] == [f.id for f in from_folder.findings]
    assert [p.id for p in from_store.pairs] == [p.id for p in from_folder.pairs]
    assert from_store.pairs
