"""dedupe.stories.slots: each story's claims lined up in slots, findings between variants."""

from __future__ import annotations

from dedupe.model import Slot
from dedupe.report import Report

from .support import QUAKE, article, run

OUTLETS = ("alpha", "beta", "gamma", "delta")


def _told(*versions: str, extra: str = "") -> Report:
    return run(
        [
            article(s, QUAKE.format(killed=v) + extra)
            for s, v in zip(OUTLETS, versions, strict=False)
        ]
    )


def _slot(report: Report, key: str) -> Slot:
    (story,) = report.stories
    (slot,) = [s for s in story.slots if s.key == key]
    return slot


def test_each_reading_of_a_claim_is_a_variant_the_most_told_first() -> None:
    slot = _slot(_told("about 12", "about 12", "about 12", "20"), "people")
    assert [(v.text, v.documents) for v in slot.variants] == [
        ("about 12 people", ("alpha/1", "beta/1", "gamma/1")),
        ("20 people", ("delta/1",)),
    ]


def test_a_finding_names_its_story_and_slot_and_says_how_the_outlets_read_it() -> None:
    report = _told("about 12", "about 12", "about 12", "20")
    (finding,) = [f for f in report.findings if f.rule == "number-mismatch"]
    assert finding.story == report.stories[0].id
    assert finding.slot == _slot(report, "people").id
    assert '3 of 4 outlets: "about 12 people"; delta: "20 people"' in finding.message


def test_figures_of_two_polls_told_alike_are_different_slots() -> None:
    reuters = " A Reuters poll of 1,005 voters found 52 percent backed the rebuilding plan."
    gallup = " A Gallup poll of 1,020 adults found 48 percent backed the rebuilding plan."
    texts = [QUAKE.format(killed="12") + extra for extra in (reuters, reuters, gallup)]
    report = run([article(s, t) for s, t in zip(OUTLETS, texts, strict=False)])
    assert not [f for f in report.findings if f.rule == "number-mismatch"]
    shares = [s for s in report.stories[0].slots if s.key == "%"]
    assert [[v.text for v in s.variants] for s in shares] == [["52 percent"]]


def test_one_count_in_other_words_is_one_slot() -> None:
    base = QUAKE.format(killed="12")
    ways = ("10,000 soldiers", "10,000 troops", "ten thousand troops")
    texts = [base.replace("were killed", f"were killed and {w} were sent to help") for w in ways]
    report = run([article(s, t) for s, t in zip(OUTLETS, texts, strict=False)])
    (sent,) = [s for s in report.stories[0].slots if "10,000 soldiers" in s.variants[0].text]
    assert sorted(sent.documents) == ["alpha/1", "beta/1", "gamma/1"]
