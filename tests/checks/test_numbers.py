"""dedupe.checks.numbers: number-mismatch, number-qualifier and attribution-mismatch."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from corpus import text

from dedupe.checks.numbers import admitted
from dedupe.config import Settings
from dedupe.engines.local import compare_documents
from dedupe.model import Document, NumberClaim

from .support import DAY, check, report_of, rules

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


def test_a_figure_one_source_quotes_is_no_credit_of_another() -> None:
    # The governor's own words give the figure: two sources agree on it.
    first = "“We moved about 300 people out of Quezon province,” Governor Maria Santos said."
    second = "About 300 people were evacuated from Quezon province, the Red Cross said."
    assert "attribution-mismatch" not in rules(check(first, second))


def test_the_end_of_a_phrase_is_no_source() -> None:
    # The grammar reads "Australia said"; the one who said it is the official.
    first = "A Pentagon official traveling with Panetta to Australia said 20,000 pages are read."
    second = "Pentagon spokesman George Little said 20,000 pages are read."
    assert "attribution-mismatch" not in rules(check(first, second))


def test_two_parties_counts_told_alike_are_two_figures() -> None:
    lead = "The primary race tightened after Tuesday's votes in five states across the South. "
    first = lead + "Republicans need 1,237 delegates to clinch their party's nomination."
    second = lead + "Democrats need 2,383 delegates to clinch their party's nomination."
    assert "number-mismatch" not in rules(check(first, second))
    # one party's count copied with its figure changed is still a mismatch
    changed = lead + "Republicans need 1,273 delegates to clinch their party's nomination."
    assert "number-mismatch" in rules(check(first, changed))


def test_a_copied_sentence_changed_to_a_figure_given_elsewhere() -> None:
    # "10" stands again in the other article's last sentence: another mention, not the
    # version of the copied sentence's figure, which became 20.
    rest = " The poll of the county was taken over the weekend. Of the 10, three were vacant."
    first = "Half think the plan goes too far, while about 4 in 10 think it is right." + rest
    second = "Half think the plan goes too far, while about 4 in 20 think it is right." + rest
    assert ("number-mismatch", "10", "20") in check(first, second)


def test_admitted_intervals() -> None:
    exact = NumberClaim(0, 5, "10000", 10000, 10000)
    up_to = NumberClaim(0, 5, "up to 10000", 10000, 10000, hedge="up to")
    assert admitted(exact) == (9500.0, 10500.0)
    assert admitted(up_to)[0] == 0.0


def test_a_source_named_more_fully_is_the_same_source() -> None:
    first = "About 300 people left Quezon province, the Greater Phoenix Economic Council said."
    second = "About 300 people left Quezon province, the Economic Council said."
    assert "attribution-mismatch" not in rules(check(first, second))


def test_a_source_named_by_its_day_is_one_source_whatever_the_day(corpora: Path) -> None:
    # A BBC article's two sentences, copied into another article with "Thursday's report"
    # made "Friday's report": the date changed, and the report crediting "two committees"
    # is still the same report.
    original = text("bbc", "politics/372")
    start = original.rfind(". ", 0, original.index("Lord Greaves called")) + 2
    shared = original[start : original.index("It said that", start)]
    copy = text("bbc", "sport/001") + "\n\n" + shared.replace("Thursday's", "Friday's")
    docs = [Document("x/1", "x/1", "x", original), Document("y/1", "y/1", "y", copy)]
    found = compare_documents(docs, Settings(), lambda _m: None).findings
    assert "attribution-mismatch" not in {f.rule for f in found}


def test_a_bare_figure_changed_in_a_copied_sentence_is_a_mismatch() -> None:
    text = "Mayor Ann Lee said the final tally in Quezon was {n}, higher than she had expected."
    found = check(text.format(n="1,452"), text.format(n="1,854"))
    assert ("number-mismatch", "1,452", "1,854") in found


@pytest.mark.parametrize(
    ("sentence", "was", "now"),
    [
        # a time of day, which the number grammar leaves out: not a count
        (
            "The attack took place shortly after {n} at a park south of the White House.",
            "9 a.m.",
            "7 a.m.",
        ),
        # a label: the number names something rather than counting it
        ("The suit does not seek to overturn Amendment {n} that made marijuana legal.", "64", "86"),
    ],
)
def test_any_numeral_changed_in_a_copied_sentence_is_a_mismatch(
    sentence: str, was: str, now: str
) -> None:
    found = check(sentence.format(n=was), sentence.format(n=now))
    assert ("number-mismatch", was, now) in found


def test_a_numbered_line_of_a_gallery_is_no_copy() -> None:
    # a photo gallery numbers its captions; another article shows the same gallery
    caption = "Hide Caption {n} of 5 Photos: What is the answer to the floods in the province?"
    gallery = " ".join(caption.format(n=n) for n in range(1, 6))
    first = "Flooding closed roads across Quezon province. " + gallery
    second = "Flooding closed roads across Quezon province. " + " ".join(
        caption.format(n=n) for n in range(3, 6)
    )
    assert "number-mismatch" not in rules(check(first, second))


def test_a_short_line_with_its_own_time_is_no_copy() -> None:
    # every update of a live blog opens with such a line, each with its own time
    line = (
        "Flooding closed roads across Quezon province. Update at {n} local time. Rain is expected"
        " to fall all week on the province, forecasters said."
    )
    found = check(line.format(n="3:15 p.m."), line.format(n="4 p.m."))
    assert "number-mismatch" not in rules(found)


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
    # On one day, a move told with every figure other (points, percent, level) is the
    # index at two moments, a morning and the close; one figure other is one close changed.
    same_day = [docs[0], replace(docs[1], date=docs[0].date)]
    found = compare_documents(same_day, Settings(), lambda _m: None).findings
    assert "number-mismatch" not in {f.rule for f in found}
    changed = second.replace("added 52 points, or 0.3%", "lost 190 points, or 1.2%")
    found = compare_documents([docs[0], replace(docs[1], text=changed)], Settings(), print).findings
    assert "number-mismatch" not in {f.rule for f in found}
    same_day = [docs[0], replace(docs[1], date=docs[0].date, text=changed)]
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
        # two votes of one day, each told with its own tally: two things
        (
            BILL + "The vote was 273 to 156, and the plan was backed by 159 Republicans.",
            BILL + "The vote on the bill was 319 to 108, with 53 Republicans voting no.",
            False,
        ),
        # one vote, its tally the same: the count of Republicans changed
        (
            BILL + "Seven Republicans joined all Democrats for 61 votes on the bill.",
            BILL + "Six Republicans joined every Democrat in a 61-30 vote on the bill.",
            True,
        ),
        # two figures, each of other people and places
        (
            RACE + "Hillary Clinton held 14 rallies in Indiana this week, her campaign said.",
            RACE + "Bernie Sanders held 9 rallies in Kentucky this week, his campaign said.",
            False,
        ),
        # one figure of the same person, told in other words
        (
            RACE + "Hillary Clinton held 14 rallies in Indiana this week, her campaign said.",
            RACE + "This week Clinton held 9 rallies across Indiana, according to her campaign.",
            True,
        ),
        # one person named two ways ("John G. Roberts Jr.", "John Roberts")
        (
            RACE + "Mr. Jones took the 35-word oath given by Chief Justice John G. Roberts Jr. "
            "at noon.",
            RACE + "Chief Justice John Roberts administered the 38-word oath at noon.",
            True,
        ),
        # two distances from two places
        (
            UNREST + "The camp is located 60 miles south of Cairo, near the Nile, officials said.",
            UNREST + "The camp is located 65 miles south of Giza, just west of the Nile.",
            False,
        ),
        # one distance from one place
        (
            UNREST + "The camp is located 60 miles south of Cairo, near the Nile, officials said.",
            UNREST + "The camp is located 85 miles south of Cairo, just west of the Nile.",
            True,
        ),
        # one index moving two ways: two moments of the day
        (
            UNREST + "At noon the Egyptian stock index was down about 14 points, traders said.",
            UNREST + "The Egyptian stock index climbed more than 90 points, traders said.",
            False,
        ),
        # ... moving one way: one move told two ways
        (
            UNREST + "At noon the Egyptian stock index was down about 14 points, traders said.",
            UNREST + "The Egyptian stock index fell more than 90 points, traders said.",
            True,
        ),
        # a figure of another thing of the kind: "a smaller agreement"
        (
            BILL + "The plan would cut the deficit by $4.6 trillion over 10 years, aides said.",
            BILL + "A smaller agreement would cut the deficit by $500 billion over 10 years.",
            False,
        ),
        (
            BILL + "The plan would cut the deficit by $4.6 trillion over 10 years, aides said.",
            BILL + "The agreement would cut the deficit by $500 billion over 10 years.",
            True,
        ),
        # a figure for each of some unit is no total
        (
            BILL + "The senator was paid $225,000 a speech by the bank, aides to the senator said.",
            BILL + "The senator was paid $675,000 by the bank, aides to the senator said.",
            False,
        ),
        (
            BILL + "The senator was paid $225,000 by the bank, aides to the senator said.",
            BILL + "The senator was paid $675,000 by the bank, aides to the senator said.",
            True,
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


def test_an_undated_article_of_a_dated_archive_is_compared_only_in_copies() -> None:
    # In an archive that dates its articles, an undated one cannot be set in time beside
    # the others: figures of alike sentences may be another day's, a copy changed may not.
    reworded = (
        BILL + "Undocumented workers would wait 10 years for a green card under the bill.",
        BILL + "Under the bill, undocumented workers would wait 13 years for a green card.",
    )
    copied = (
        BILL + "Workers would wait 10 years under the bill.",
        BILL + "Workers would wait 13 years under the bill.",
    )
    dated = [
        Document(f"{s}/0", f"{s}/0", s, f"Mayor {s.title()} opened the {s} bridge.", DAY)
        for s in ("p", "q")
    ]

    def mismatch(first: str, second: str, *others: Document) -> bool:
        docs = [
            Document("x/1", "x/1", "x", first, DAY),
            Document("y/1", "y/1", "y", second, None),
            *others,
        ]
        found = compare_documents(docs, Settings(), lambda _m: None).findings
        return "number-mismatch" in {f.rule for f in found}

    edited = (
        "In the latest CBS poll, released earlier this month, 24 percent of Americans said "
        "they were Republicans.",
        "In the latest CBS poll, released last month, 25 percent of Americans said they "
        "were Republicans.",
    )
    assert not mismatch(*reworded, *dated)
    assert mismatch(*copied, *dated)
    assert mismatch(*edited, *dated)  # a copy edited is still a copy
    # two articles set side by side by hand are compared whole, dated or not
    assert mismatch(*reworded)


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        ("2,352", "2,352.60", False),  # the decimals cut, not rounded
        ("45", "45.9", True),  # a cut of 1% or more is another figure
        ("2,352", "2,353.60", True),  # not the same figure cut
        ("45.5", "45.6", True),  # one step of the last digit is no cut
    ],
)
def test_a_figure_with_its_decimals_cut_is_the_same_figure(
    first: str, second: str, conflict: bool
) -> None:
    said = "The index of the Athens exchange closed at {} points on Friday, traders said."
    assert ("number-mismatch" in rules(check(said.format(first), said.format(second)))) is conflict


STORM_LEAD = "Hurricane Idalia tore through northern Florida and left a trail of damage. "


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "The fire has spread to 7,500 acres in Orange County, destroying 14 structures "
            "and damaging 22, a fire spokesman said.",
            "The fire scorched 6,000 acres in Orange County and destroyed dozens of "
            "structures, and is only five percent contained.",
        ),
        (
            "Power was restored to 40,000 homes in Tallahassee by the evening, the utility said.",
            "By the evening, the utility said, it had restored power to 55,000 homes in "
            "Tallahassee.",
        ),
        (
            "With 60 percent of precincts reporting, Jones led Moore by 12,000 votes in Mobile.",
            "Jones led Moore by 15,000 votes in Mobile, with 80 percent of precincts reporting.",
        ),
    ],
)
def test_counts_told_while_they_run_are_updates(first: str, second: str) -> None:
    found = check(STORM_LEAD + first, STORM_LEAD + second)
    assert "number-update" in rules(found)
    assert "number-mismatch" not in rules(found)


def test_a_figure_the_other_article_also_gives_is_not_contradicted() -> None:
    # The second article gives both estimates, the first only the early one: two things
    # it tells, not one figure told two ways.
    first = STORM_LEAD + (
        "The insured losses of the storm came to $9 billion, officials said. The governor "
        "toured a shelter in Perry and thanked volunteers. Schools in Leon County will stay "
        "closed until Monday. Rescue crews searched flooded homes in Steinhatchee and Cedar "
        "Key all day."
    )
    second = STORM_LEAD + (
        "Officials put the insured losses from the storm at $20 billion on Friday. Farmers "
        "in Georgia counted the pecan trees they lost. A tornado warning was issued for "
        "Savannah overnight. Rescue crews searched flooded homes in Steinhatchee and Cedar "
        "Key all day{}."
    )
    earlier = " after a first estimate had put the insured losses at $9 billion"
    assert "number-mismatch" not in rules(check(first, second.format(earlier)))
    assert "number-mismatch" in rules(check(first, second.format("")))


JOBS = (
    "Employers added 146,000 jobs in November despite the storm, the Labor Department said. "
    "Retailers added 53,000 positions and temporary help companies 18,000. "
)


def test_a_figure_the_other_article_gives_outside_the_passage_is_not_contradicted() -> None:
    # The second article gives the whole (7,000 factory jobs) paragraphs after the part
    # (12,000 in food manufacturing) it shares with the first: two things it tells.
    first = JOBS + (
        "Manufacturers cut 7,000 jobs last month, most of them in food manufacturing after "
        "the bakery closed its plants, the department said. The unemployment rate fell to "
        "7.7 percent, the lowest in four years."
    )
    second = JOBS + (
        "Manufacturers cut 12,000 jobs in food manufacturing last month after the bakery "
        "closed its plants, the department said. The unemployment rate fell to 7.7 percent, "
        "the lowest in four years. Economists in Washington had expected a weaker report "
        "because of the storm damage across the Northeast. Stocks in Asia rose on the news, "
        "and oil prices were steady in early trading on Monday morning. Analysts at several "
        "banks raised their forecasts for growth in the first quarter of next year.{}"
    )
    assert "number-mismatch" not in rules(
        check(first, second.format(" In all, factory jobs fell 7,000."))
    )
    assert "number-mismatch" in rules(check(first, second.format("")))


def test_a_standing_line_of_articles_months_apart_is_no_edited_copy() -> None:
    # A pollster's methodology line, each month with its own sample and dates: the line
    # reads alike, but the articles are months apart and the figures are of two polls.
    line = (
        "The Acme poll is based on landline and cellphone interviews with {n} randomly "
        "chosen registered voters nationwide and was conducted under the joint direction of "
        "a Democratic and a Republican research firm, from {days}."
    )
    same = BILL + "The poll has a margin of sampling error of plus or minus three points. "
    first = same + line.format(n="1,027", days="December 14-16")
    second = same + line.format(n="1,010", days="January 19-21")
    days = (DAY, DAY + dt.timedelta(days=40))
    docs = [
        Document(f"{s}/1", f"{s}/1", s, text, day)
        for s, text, day in zip("xy", (first, second), days, strict=True)
    ]
    found = compare_documents(docs, Settings(), lambda _m: None).findings
    assert "number-mismatch" not in {f.rule for f in found}
    same_week = [docs[0], replace(docs[1], date=DAY)]
    found = compare_documents(same_week, Settings(), lambda _m: None).findings
    assert "number-mismatch" in {f.rule for f in found}


@pytest.mark.parametrize(
    ("first", "second", "mismatch"),
    [
        ("About 800,000", "About 700,000", True),
        ("More than 8 million", "More than 10 million", True),
        ("About 800,000", "About 800,000", False),
        # another hedge: its own rule (number-qualifier), not a changed figure
        ("About 800,000", "Up to 800,000", False),
    ],
)
def test_a_copied_sentence_with_its_hedged_figure_changed(
    first: str, second: str, mismatch: bool
) -> None:
    said = (
        "{} federal workers would be ordered to report to work on Tuesday for about four "
        "hours, only to carry out shutdown chores such as changing voicemail messages."
    )
    found = check(said.format(first), said.format(second))
    assert ("number-mismatch" in rules(found)) is mismatch
