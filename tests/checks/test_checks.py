"""The checks as a whole: the seeds' founding example, fingerprints, and the guards that keep
different facts apart (each a pair that must stay silent and a changed copy that must not)."""

from __future__ import annotations

from pathlib import Path

import pytest

import dedupe
from dedupe.checks import fingerprint
from dedupe.checks.evidence import sentence_key
from dedupe.model import Document

from .support import check, rules


def test_seeds_show_the_founding_example(seeds: Path) -> None:
    report = dedupe.compare([seeds])
    by_rule = {f.rule: f for f in report.findings}
    assert {"quote-drift", "number-qualifier", "attribution-mismatch", "name-variant"} <= set(
        by_rule
    )
    assert not [f for f in report.findings if f.severity == "error"]
    assert "victory" in by_rule["quote-drift"].a.text
    assert {by_rule["number-qualifier"].a.text, by_rule["number-qualifier"].b.text} == {
        "up to 10,000 North Korean troops",
        "about 10,000 of its military",
    }
    assert {by_rule["name-variant"].a.text, by_rule["name-variant"].b.text} == {
        "Sergei Lavrov",
        "Sergey Lavrov",
    }
    for f in report.findings:
        for span in (f.a, f.b):
            assert report.document(span.doc).text[span.start : span.end] == span.text
            assert not span.text.startswith(("Watch more", "Read more", "Related"))


POLL = "The Gallup poll of Ohio voters shows Senator Brown ahead with {} support."


KILLED = "Gunmen killed the ambassador and three other Americans at the consulate in Benghazi."


JOBLESS = "The jobless rate in Manitoba fell to {} percent in {}, StatCan said."


BRIDGE = "The Hammersmith bridge in London was closed {} by the mayor of London, Sadiq Khan."


RATE = "The Bank of England has kept its rate near zero since late 2009, the governor said."


STRIKES = 'The strikes were "a success," the Navy spokesman Adm. Ray Dunn said Tuesday.'


@pytest.mark.parametrize(
    ("rule", "first", "second", "changed"),
    [
        pytest.param(
            "number-mismatch",
            KILLED,
            "Gunmen killed four Americans, including the ambassador, at the consulate in Benghazi.",
            KILLED.replace("three", "five"),  # both counting others, they must agree
            id="others besides",
        ),
        pytest.param(
            "number-mismatch",
            POLL.format("48 percent"),
            "Senator Brown leads among Ohio voters with 44 percent, an Emerson poll shows.",
            POLL.format("44 percent"),  # a share compared only inside a copied sentence
            id="shares that do not say of what",
        ),
        pytest.param(
            "date-mismatch",
            JOBLESS.format("6.1", "August"),
            JOBLESS.format("5.8", "September"),  # two months' rates
            JOBLESS.format("6.1", "September"),  # one rate dated twice
            id="two measurements",
        ),
        pytest.param(
            # Both articles are dated Friday: "today" is Friday, "Thursday" the day before,
            # likely the day the story was written; "Tuesday" is not.
            "date-mismatch",
            BRIDGE.format("today"),
            BRIDGE.format("Thursday"),
            BRIDGE.format("Tuesday"),
            id="today a day off",
        ),
        pytest.param(
            "date-mismatch",
            RATE,
            "The Bank of England will keep its rate near zero until late 2015, the governor said.",
            RATE.replace("2009", "2010"),
            id="the start and the end of a stretch",
        ),
        pytest.param(
            "date-mismatch",
            STRIKES,
            'It will take "months, not weeks," the Navy spokesman Adm. Ray Dunn told ABC '
            "on Friday.",
            STRIKES.replace("Tuesday", "Thursday"),  # one statement dated twice
            id="two statements by one speaker",
        ),
    ],
)
def test_different_facts_told_alike_are_silent(
    rule: str, first: str, second: str, changed: str
) -> None:
    assert rule not in rules(check(first, second))
    # The same fact with one figure or date changed is still reported.
    assert rule in rules(check(first, changed))


def test_fingerprint_ignores_position() -> None:
    doc = Document("a", "a", "s", "x" * 50 + "about 10,000 troops")
    moved = Document("a", "a", "s", "y" * 10 + "\n\n" + "about 10,000 troops")
    other = Document("b", "b", "t", "up to 10,000 troops")
    first = fingerprint("number-qualifier", doc.span(50, 69), other.span(0, 19), (doc, other))
    second = fingerprint("number-qualifier", moved.span(12, 31), other.span(0, 19), (moved, other))
    assert first == second


def test_a_template_is_the_same_sentence_whatever_its_figures_and_days() -> None:
    # A pollster's methodology line recurs every month with other days and figures.
    july = "The poll was conducted July 24-28, 2014, with 1,044 adults online."
    january = "The poll was conducted Jan. 17-21, 2014, with 1,060 adults online."
    assert sentence_key(july) == sentence_key(january)
    assert sentence_key(july) != sentence_key(july.replace("adults", "voters"))
