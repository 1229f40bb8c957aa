"""dedupe.checks.numbers: number-mismatch, number-qualifier and attribution-mismatch."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from dedupe.checks.numbers import admitted
from dedupe.config import Settings
from dedupe.engines.local import compare_documents
from dedupe.model import Document, NumberClaim

from .support import check, report_of, rules

STORM = "The storm destroyed {n} homes in Quezon province, Governor Maria Santos said."


def test_number_mismatch_is_an_error() -> None:
    found = check(STORM.format(n="1,200"), STORM.format(n="4,750"))
    assert ("number-mismatch", "1,200 homes", "4,750 homes") in found


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("about 1,200", "1,200"),  # compatible precision
        ("1.2 million", "1.23 million"),  # rounding
        ("1,200", "1,200"),  # the same
        ("more than 1,000", "1,200"),  # a bound the figure satisfies
    ],
)
def test_compatible_figures_are_not_errors(a: str, b: str) -> None:
    found = check(STORM.format(n=a), STORM.format(n=b))
    assert "number-mismatch" not in rules(found)


def test_two_numbers_in_one_sentence_do_not_cross() -> None:
    first = "Police arrested 12 men and 40 women after the march in the capital on Sunday."
    second = "After the march in the capital on Sunday, police arrested 12 men and 40 women."
    assert not rules(check(first, second)) & {"number-mismatch", "number-qualifier"}


def test_a_figure_given_twice_is_matched_with_the_one_said_alike() -> None:
    # The Oregon figures agree; the Iowa ones do not, and the finding must say so, not
    # set Iowa's figure against Oregon's equal one.
    first = (
        "The survey reached 1,177 registered voters in Iowa, 1,193 registered voters in "
        "Texas and 1,168 registered voters in Oregon."
    )
    second = (
        "The survey reached 1,193 registered voters in Texas, 1,168 registered voters in "
        "Iowa and 1,168 registered voters in Oregon."
    )
    (conflict,) = [f for f in report_of(first, second).findings if f.rule == "number-mismatch"]
    assert conflict.a.text == "1,177 registered voters"
    assert second[conflict.b.end :].startswith(" in Iowa")


def test_unrelated_figures_in_paired_sentences_are_silent() -> None:
    first = "The company, which employs 5,000 people, reported a loss for the third quarter."
    second = "The company reported a loss for the third quarter as sales fell 12 percent."
    assert "number-mismatch" not in rules(check(first, second))


def test_hedge_drift_is_a_qualifier_warning() -> None:
    found = check(STORM.format(n="about 1,200"), STORM.format(n="up to 1,200"))
    assert ("number-qualifier", "about 1,200 homes", "up to 1,200 homes") in found


def test_templated_copy_of_different_stories_is_silent() -> None:
    first = (
        "Shr profit 1.20 dlrs vs 1.10 dlrs. Net profit 5.2 mln dlrs vs 4.8 mln dlrs in the year."
    )
    second = (
        "Shr profit 2.40 dlrs vs 1.90 dlrs. Net profit 9.5 mln dlrs vs 7.1 mln dlrs in the year."
    )
    assert not rules(check(first, second)) & {"number-mismatch", "number-qualifier"}


def test_attribution_change_on_the_same_figure() -> None:
    first = "About 300 people were evacuated from Quezon province, Governor Maria Santos said."
    second = "About 300 people were evacuated from Quezon province, the Red Cross said."
    assert "attribution-mismatch" in rules(check(first, second))


def test_admitted_intervals() -> None:
    exact = NumberClaim(0, 5, "10000", 10000, 10000)
    up_to = NumberClaim(0, 5, "up to 10000", 10000, 10000, hedge="up to")
    assert admitted(exact) == (9500.0, 10500.0)
    assert admitted(up_to)[0] == 0.0


def test_a_source_named_more_fully_is_the_same_source() -> None:
    first = "About 300 people left Quezon province, the Greater Phoenix Economic Council said."
    second = "About 300 people left Quezon province, the Economic Council said."
    assert "attribution-mismatch" not in rules(check(first, second))


def test_a_bare_figure_changed_in_a_copied_sentence_is_a_mismatch() -> None:
    text = "Mayor Ann Lee said the final tally in Quezon was {n}, higher than she had expected."
    found = check(text.format(n="1,452"), text.format(n="1,854"))
    assert ("number-mismatch", "1,452", "1,854") in found


def test_one_index_told_months_apart_is_two_days_news() -> None:
    # Two market reports naming the same index and people, eight months apart: no story
    # holds them, and their figures are two days' moves, not one figure told twice.
    first = (
        "Stocks tumbled as benchmark indexes hit new closing lows after the Federal Reserve "
        "trimmed its bond purchases. The Dow Jones industrial average fell 190 points, or "
        "1.2%, to 15,738.79. Traders in New York said Federal Reserve chairman Ben Bernanke "
        "had surprised nobody."
    )
    second = (
        "Stocks rose as investors weighed comments from Federal Reserve officials on bond "
        "purchases. The Dow Jones industrial average added 52 points, or 0.3%, to 15,387.58. "
        "Traders in New York said Federal Reserve chairman Ben Bernanke had surprised nobody."
    )
    docs = [
        Document(f"{s}/1", f"{s}/1", s, text, day)
        for s, text, day in (
            ("x", first, dt.date(2014, 1, 29)),
            ("y", second, dt.date(2013, 5, 21)),
        )
    ]
    found = compare_documents(docs, Settings(), lambda _m: None).findings
    assert "number-mismatch" not in {f.rule for f in found}
    same_day = [docs[0], replace(docs[1], date=docs[0].date)]
    found = compare_documents(same_day, Settings(), lambda _m: None).findings
    assert "number-mismatch" in {f.rule for f in found}


BILL = "The Senate bill would overhaul immigration law and tighten the southern border. "
RACE = "Democrat Doug Jones won the Alabama Senate race over Republican Roy Moore on Tuesday. "
UNREST = "Security forces cleared two protest camps in Cairo, and clashes spread across Egypt. "


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        # two spans of time in sentences of two facts
        (
            BILL + "Workers would pay back taxes for 10 years after they gain citizenship "
            "under the bill.",
            BILL + "Under the bill, workers would need three years to gain citizenship after "
            "the green card.",
            False,
        ),
        # one span told in alike words
        (
            BILL + "Undocumented workers would wait 10 years for a green card under the bill.",
            BILL + "Under the bill, undocumented workers would wait 13 years for a green card.",
            True,
        ),
        # ages are no spans of time
        (
            BILL + "Mr. Lee was just 1 year old when the senator won his first term.",
            BILL + "Mr. Lee was just 2 years old when the senator was first elected.",
            True,
        ),
        # the toll of an event long past is settled, not running
        (
            UNREST + "The worst disaster was a gas explosion that killed 263 workers in 1992.",
            UNREST + "In 1992, the worst disaster, an explosion, killed 270 workers in the mine.",
            True,
        ),
        # a share of something named is no version of a share of nothing named
        (
            RACE + "Jones won with 100 percent of precincts reporting, the Times reported.",
            RACE + "Jones won with 50 percent, the Times reported, all precincts reporting.",
            False,
        ),
        # a hedge after the figure: "$1 billion plus" admits $1.5 billion
        (
            UNREST + "The administration could suspend the $1 billion plus in annual aid to Egypt.",
            UNREST + "The administration could suspend the $1.5 billion in annual aid to Egypt.",
            False,
        ),
    ],
)
def test_figures_told_in_other_words(first: str, second: str, conflict: bool) -> None:
    assert ("number-mismatch" in rules(check(first, second))) is conflict


def test_a_running_count_told_two_ways_is_an_update() -> None:
    first = UNREST + "The Health Ministry said that 235 people had been killed across Egypt."
    second = UNREST + "By evening, the ministry of health reported 275 people had been killed."
    found = check(first, second)
    assert ("number-update", "235 people", "275 people") in found
    assert "number-mismatch" not in rules(found)
    # the same sentence copied with its toll changed is one claim changed
    text = UNREST + "The Health Ministry said that {n} people had been killed across Egypt."
    found = check(text.format(n="235"), text.format(n="275"))
    assert "number-mismatch" in rules(found)
    assert "number-update" not in rules(found)
