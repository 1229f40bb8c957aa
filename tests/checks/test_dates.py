"""dedupe.checks.dates: date-mismatch."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from dedupe.config import Settings
from dedupe.engines.local import compare_documents
from dedupe.model import Document

from .support import DAY, check, report_of, rules


def test_date_mismatch_for_the_same_event() -> None:
    first = "The Hammersmith bridge in London collapsed on October 28 during the evening rush hour."
    second = (
        "The Hammersmith bridge in London collapsed on October 29 during the evening rush hour."
    )
    assert "date-mismatch" in rules(check(first, second))


@pytest.mark.parametrize(
    ("first", "second", "told"),
    [
        ("on October 28", "on October 29", "(October 28, 2024) vs"),
        ("in October", "in September", "(October 2024) vs"),
        ("on October 27-28", "on October 29", "(October 27-28, 2024) vs"),
        ("in 2023", "in 2022", '"2023" vs "2022": dated'),
    ],
)
def test_a_date_mismatch_tells_the_days_as_a_reader_says_them(
    first: str, second: str, told: str
) -> None:
    said = "The Hammersmith bridge in London collapsed {} during the evening rush hour."
    found = report_of(said.format(first), said.format(second)).findings
    assert next(f.message for f in found if f.rule == "date-mismatch").count(told) == 1


def test_dates_of_different_events_are_silent() -> None:
    first = "On October 28, the Pentagon said the talks would continue in the capital."
    second = "The minister was in the capital on Friday as the talks continued there."
    assert "date-mismatch" not in rules(check(first, second))


SHARED = "The army ousted President Mohamed Morsi and suspended the constitution of Egypt. "


def test_days_of_sentences_that_share_a_few_words_are_two_facts() -> None:
    first = SHARED + (
        "Demonstrations continued Tuesday in Cairo's Tahrir Square, where thousands of "
        "protesters had massed, cheering as helicopters buzzed the crowd."
    )
    second = SHARED + "A protester demonstrates in Cairo's Tahrir Square on Thursday."
    assert "date-mismatch" not in rules(check(first, second))
    # told in other words, but alike: one fact dated two ways
    first = SHARED + "Thousands of protesters massed Tuesday in Tahrir Square to demand he go."
    second = (
        SHARED + "Thousands of protesters massed in Tahrir Square on Thursday, demanding he go."
    )
    assert "date-mismatch" in rules(check(first, second))


CLIMATE = "The United States and China agreed to cut greenhouse gases in a deal in Beijing. "


def test_dates_tied_to_other_words_date_two_things() -> None:
    # The two years stand by other words: one dates the president leaving office, the
    # other the goals, though both sentences speak of both.
    first = CLIMATE + "Most of the cuts would come after Mr. Obama leaves office in 2017."
    second = CLIMATE + "The cuts are set for 2025, long after Mr. Obama leaves office."
    assert "date-mismatch" not in rules(check(first, second))
    # the same words beside the years: one thing dated two ways
    second = CLIMATE + "Most of the cuts would come after Mr. Obama leaves office in 2019."
    assert "date-mismatch" in rules(check(first, second))
    # a date opening its sentence dates all of it
    first = CLIMATE + "The protests began after the city council voted in May to sell the plant."
    second = CLIMATE + "In February, the city council voted to sell the plant, and protests began."
    assert "date-mismatch" in rules(check(first, second))


def test_dates_of_sentences_naming_other_people_date_two_things() -> None:
    lead = "The Senate Intelligence Committee is looking into Russian meddling in the election. "
    first = lead + "Jeff Sessions testified before the committee on Tuesday about his meetings."
    second = lead + "James Comey testified before the committee on Thursday about his meetings."
    assert "date-mismatch" not in rules(check(first, second))
    second = lead + "Sessions testified before the committee on Thursday about his meetings."
    assert "date-mismatch" in rules(check(first, second))


def test_a_standing_line_of_articles_months_apart_dates_each_its_own_days() -> None:
    line = "The poll was conducted {}, using an online panel of 1,044 adults nationwide."
    lead = "Most Americans disapprove of the way Congress is handling its job, a poll found. "
    docs = [
        Document(name, name, source, lead + line.format(days), date=day)
        for name, source, days, day in (
            ("a.txt", "Outlet A", "July 24-28, 2014", dt.date(2014, 8, 6)),
            ("b.txt", "Outlet B", "Jan. 17-21, 2014", dt.date(2014, 1, 23)),
        )
    ]
    found = compare_documents(docs, Settings(), lambda _m: None).findings
    assert "date-mismatch" not in {f.rule for f in found}
    # the same line, its date changed to one the other article's days do not hold
    edited = replace(docs[1], text=lead + line.format("June 17-21, 2014"))
    found = compare_documents([docs[0], edited], Settings(), lambda _m: None).findings
    assert "date-mismatch" in {f.rule for f in found}


def test_a_date_the_other_side_also_gives_is_not_contradicted() -> None:
    # The second passage dates the dispute Friday as the first does; its Thursday is the
    # report's day, another event told in the same words.
    first = "Robert Mueller disputed on Friday a report that said the president lied."
    second = (
        "In a rare statement issued Friday night, the office of Robert Mueller said that "
        "BuzzFeed's report Thursday that said the president lied was not accurate."
    )
    assert "date-mismatch" not in rules(check(first, second))
    control = "Robert Mueller disputed on Thursday a report that said the president lied."
    assert "date-mismatch" in rules(check(first, control))


def test_terms_of_two_presidents_are_not_one_date() -> None:
    first = "Mr. Fox, who was president of Mexico from 2000 to 2006, opposed the wall."
    second = "Felipe Calderon, who was president of Mexico from 2006 to 2012, opposed the wall."
    assert "date-mismatch" not in rules(check(first, second))


@pytest.mark.parametrize(
    ("other", "mismatch"),
    [
        ("on Tuesday", False),
        ("on Tuesday afternoon", False),
        ("on Thursday", True),  # the control: a named place and person make it checkable
    ],
)
def test_the_same_weekday_written_on_both_sides_is_not_a_date_mismatch(
    other: str, mismatch: bool
) -> None:
    docs = [
        Document(
            "a.txt",
            "a.txt",
            "A",
            "The Hammersmith bridge in London closed on Tuesday, Mayor Sadiq Khan said.",
            date=DAY,
        ),
        Document(
            "b.txt",
            "b.txt",
            "B",
            f"The Hammersmith bridge in London closed {other}, Mayor Sadiq Khan said.",
            date=DAY + dt.timedelta(days=7),
        ),
    ]
    report = compare_documents(docs, Settings(), lambda _m: None)
    assert ("date-mismatch" in {f.rule for f in report.findings}) is mismatch


def test_written_dates_of_two_undated_articles_are_compared() -> None:
    text = "Roger Stone is to be sentenced by Judge Amy Berman Jackson in Washington on Feb. {d}."
    docs = [
        Document("a.txt", "a.txt", "A", text.format(d="20")),
        Document("b.txt", "b.txt", "B", text.format(d="27")),
    ]
    report = compare_documents(docs, Settings(), lambda _m: None)
    assert [(f.rule, f.a.text, f.b.text) for f in report.findings if f.severity == "error"] == [
        ("date-mismatch", "Feb. 20", "Feb. 27")
    ]


def test_an_undated_copy_is_dated_by_the_article_it_copies() -> None:
    text = "Roger Stone is to be sentenced by Judge Amy Berman Jackson in Washington on Feb. {d}."
    docs = [
        Document("a.txt", "a.txt", "A", text.format(d="20"), date=dt.date(2020, 2, 1)),
        Document("b.txt", "b.txt", "B", text.format(d="27")),
    ]
    report = compare_documents(docs, Settings(), lambda _m: None)
    assert "date-mismatch" in {f.rule for f in report.findings}


_AFTER = "San Francisco and Santa Clara County are suing the administration over the order."


@pytest.mark.parametrize(
    ("first", "second", "mismatch"),
    [
        # a copy that moves the hearing to another weekday
        ("on Friday", "on Sunday", True),
        # the same weekday written two ways
        ("on Friday", "Friday afternoon", False),
        # told from the day of writing: two undated copies may be written on two days
        ("yesterday", "on Sunday", False),
    ],
)
def test_weekdays_of_two_undated_copies_are_compared(
    first: str, second: str, mismatch: bool
) -> None:
    text = "The order to pull funds from sanctuary cities faced its first test {} in a court."
    docs = [
        Document("a.txt", "a.txt", "A", f"{text.format(first)} {_AFTER}"),
        Document("b.txt", "b.txt", "B", f"{text.format(second)} {_AFTER}"),
    ]
    report = compare_documents(docs, Settings(), lambda _m: None)
    assert ("date-mismatch" in {f.rule for f in report.findings}) is mismatch


def test_a_day_and_a_whole_year_date_two_things() -> None:
    first = (
        "Arizona will host the Super Bowl in 2025. On Monday, the Arizona Super Bowl Host "
        "Committee came out against the bill the governor must sign or veto."
    )
    second = (
        "Arizona will host the Super Bowl next year. The Arizona Super Bowl Host Committee "
        "came out against the bill the governor must sign or veto."
    )
    assert "date-mismatch" not in rules(check(first, second))
    control = first.replace("in 2025", "in 2026")
    assert "date-mismatch" in rules(check(first, control))


def test_a_year_dedupe_inferred_is_no_date_mismatch() -> None:
    # "November" in an April article is read as the November past; the other side says
    # "this November": the two differ only in the year dedupe chose.
    first = "Democratic Sen. Kay Hagan is a top target in November, activists in Raleigh said."
    second = "Democratic Sen. Kay Hagan is a top target this November, activists in Raleigh said."
    docs = [
        Document(f"{s}/1", f"{s}/1", s, text, dt.date(2014, 4, 27))
        for s, text in (("a", first), ("b", second))
    ]
    found = compare_documents(docs, Settings(), lambda _m: None).findings
    assert "date-mismatch" not in {f.rule for f in found}
    written = [
        replace(doc, text=first.replace("in November", f"in November {year}"))
        for doc, year in zip(docs, (2014, 2015), strict=True)
    ]
    found = compare_documents(written, Settings(), lambda _m: None).findings
    assert "date-mismatch" in {f.rule for f in found}


def test_a_relative_year_is_no_year_dedupe_inferred() -> None:
    first = "The Nuclear Security Summit met in Seoul last year, the White House said."
    second = "The Nuclear Security Summit met in Seoul in 2016, the White House said."
    assert "date-mismatch" in rules(check(first, second))


SIGNED = "— Donald J. Trump (@realDonaldTrump) {day}"


def test_datelines_of_two_embedded_posts_are_two_things() -> None:
    first = SHARED + "\nWe will win. Big! " + SIGNED.format(day="March 17, 2018") + "\nHe went on."
    second = SHARED + "\nNo collusion! " + SIGNED.format(day="March 18, 2018") + "\nHe went on."
    assert "date-mismatch" not in rules(check(first, second))
    # one post, copied with its dateline changed
    first = SHARED + "\nNo collusion! " + SIGNED.format(day="March 17, 2018") + "\nHe went on."
    assert "date-mismatch" in rules(check(first, second))


IRS = "The IRS has sent out economic impact payments to 150 million Americans. "


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # "since May" starts a state that still holds; it dates no statement
        (
            IRS + "Since May, the IRS has mailed the debit cards to 4 million people.",
            IRS + "On Monday, the IRS said it had mailed the debit cards to 4 million people.",
        ),
        # ... also inside a quote, the opening quote mark clinging to "Since"
        (
            IRS + '"Since May, the IRS has mailed the debit cards to 4 million people," it said.',
            IRS + "On Monday, the IRS said it had mailed the debit cards to 4 million people.",
        ),
        # "Wednesday's hearing" dates the hearing, which the other sentence does not name
        (
            IRS + "The agency's commissioner defended the cards at Wednesday's Senate hearing.",
            IRS + "The agency's commissioner defended the cards on Tuesday in a letter.",
        ),
        # "as of Tuesday" says when a state was read, not when anything happened
        (
            IRS + "Half of the 20 wounded agents remain in critical condition Monday, officials"
            " said.",
            IRS + "Half of the 20 wounded agents were still in critical condition as of Tuesday,"
            " officials said.",
        ),
        # "a separate test" is another test than the one "confirmed Sunday"
        (
            IRS + "A test of the debit cards was confirmed Sunday by the agency in Atlanta.",
            IRS + "A separate test of the debit cards was done Tuesday by the agency in Atlanta.",
        ),
        # ... the hearing being the head of what the date owns: the other's "White House
        # officials" name no hearing
        (
            IRS + "At Wednesday's White House hearing on the cards, the commissioner defended the"
            " agency.",
            IRS + "The commissioner defended the agency on the cards to White House officials on"
            " Tuesday.",
        ),
    ],
)
def test_dates_of_a_state_or_of_a_thing_named_are_no_version(first: str, second: str) -> None:
    assert "date-mismatch" not in rules(check(first, second))


RAID = "The House committee questioned State Department officials about the raid in Libya. "


def test_a_date_owning_a_thing_dates_it_even_opening_its_sentence() -> None:
    # "At Wednesday's House hearing" dates the hearing, not all its sentence (as "On
    # Wednesday, ..." would): the other side's Monday dates the email.
    first = RAID + (
        "At Wednesday's House hearing on the raid, Republican Rep. Jane Doe of Ohio read from"
        " the email, sent from John Roe, the acting Assistant Secretary for Near Eastern"
        " Affairs at the State Department."
    )
    second = RAID + (
        "During the hearing, Rep. Jane Doe, Ohio Republican, read from an email by acting"
        " Assistant Secretary of State for Near Eastern Affairs John Roe to senior White"
        " House officials on Monday, after the Libya raid."
    )
    assert "date-mismatch" not in rules(check(first, second))


@pytest.mark.parametrize(
    ("second", "mismatch"),
    [
        ("March 19-24", True),  # the stretch starts on another day
        ("March 21-24", False),
        ("March 22", False),  # a day of the stretch
        ("March", False),
    ],
)
def test_a_stretch_of_days_is_the_same_stretch_or_another(second: str, mismatch: bool) -> None:
    said = "A second survey of 1,200 adults was conducted from {} by the Pew Research Center."
    found = check(said.format("March 21-24"), said.format(second))
    assert ("date-mismatch" in rules(found)) is mismatch


@pytest.mark.parametrize(("second", "mismatch"), [("Saturday, Jan. 17", True), ("Saturday", False)])
def test_one_weekday_with_two_days_of_the_month(second: str, mismatch: bool) -> None:
    # Each side's year is read from its weekday (Jan. 15 is a Saturday in 2005, Jan. 17 in
    # 2004): the years are dedupe's, but the days of the month are written two ways.
    said = "The Falcons will face the Saints at 8 p.m. {} at the Georgia Dome in Atlanta."
    docs = [
        Document(f"{k}.txt", f"{k}.txt", k, said.format(when), date=dt.date(2004, 6, 1))
        for k, when in (("A", "Saturday, Jan. 15"), ("B", second))
    ]
    report = compare_documents(docs, Settings(), lambda _m: None)
    assert ("date-mismatch" in {f.rule for f in report.findings}) is mismatch
