"""Findings: the seed expectations, and the cases that must stay silent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import dedupe
from dedupe.config import Settings
from dedupe.discrepancies import admitted, fingerprint, is_variant
from dedupe.model import Document, NumberClaim
from dedupe.pipeline import compare_documents
from dedupe.report import Report

DAY = dt.date(2024, 11, 1)


def report_of(first: str, second: str, **settings: object) -> Report:
    """The report on two articles from two outlets, both dated `DAY`."""
    docs = [
        Document("a.txt", "a.txt", "Outlet A", first, date=DAY),
        Document("b.txt", "b.txt", "Outlet B", second, date=DAY),
    ]
    return compare_documents(docs, Settings().merged(settings), lambda _m: None)


def check(first: str, second: str, **settings: object) -> list[tuple[str, str, str]]:
    return [(f.rule, f.a.text, f.b.text) for f in report_of(first, second, **settings).findings]


def rules(findings: list[tuple[str, str, str]]) -> set[str]:
    return {rule for rule, _, _ in findings}


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


def test_unrelated_figures_in_paired_sentences_are_silent() -> None:
    first = "The company, which employs 5,000 people, reported a loss for the third quarter."
    second = "The company reported a loss for the third quarter as sales fell 12 percent."
    assert "number-mismatch" not in rules(check(first, second))


def test_hedge_drift_is_a_qualifier_warning() -> None:
    found = check(STORM.format(n="about 1,200"), STORM.format(n="up to 1,200"))
    assert ("number-qualifier", "about 1,200 homes", "up to 1,200 homes") in found


def test_quote_drift_needs_the_same_speaker() -> None:
    same = 'The mayor said: "We will rebuild every single home in this town." '
    other = 'The mayor said: "We shall rebuild every home in this town." '
    found = check(same + "He spoke on Friday.", other + "He spoke on Friday.")
    assert "quote-drift" in rules(found)
    stranger = 'The bishop said: "We shall rebuild every home in this town." He spoke on Friday.'
    assert "quote-drift" not in rules(check(same + "He spoke on Friday.", stranger))


def test_quote_drift_without_a_known_speaker_needs_nearly_the_same_words() -> None:
    said = 'Rescue teams reached Quezon province on Friday. "{q}" was painted on the wall.'
    first = said.format(q="Every day that passes, the river rises closer to a full flood")
    second = said.format(q="Every day that passes, the river rises closer to a great flood")
    assert "quote-drift" in rules(check(first, second))
    other = said.format(q="The river rises every day and the town waits for the flood")
    assert "quote-drift" not in rules(check(first, other))


MAYOR = 'The mayor said: "{}" He spoke on Friday.'
REBUILD = "We will rebuild every single home in this town."


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # a longer stretch of the same words
        (REBUILD, "We will rebuild every single home in this town, and we will do it fast."),
        # a contraction
        (REBUILD, "We'll rebuild every single home in this town."),
        # "I'd" for "I would", in a longer excerpt
        (
            "I would rebuild every single home in this town.",
            "I'd rebuild every single home in this town, whatever it costs.",
        ),
    ],
)
def test_a_longer_excerpt_or_house_style_is_no_quote_drift(first: str, second: str) -> None:
    found = check(MAYOR.format(first), MAYOR.format(second))
    assert "quote-drift" not in rules(found)


def test_date_mismatch_for_the_same_event() -> None:
    first = "The Hammersmith bridge in London collapsed on October 28 during the evening rush hour."
    second = (
        "The Hammersmith bridge in London collapsed on October 29 during the evening rush hour."
    )
    assert "date-mismatch" in rules(check(first, second))


def test_dates_of_different_events_are_silent() -> None:
    first = "On October 28, the Pentagon said the talks would continue in the capital."
    second = "The minister was in the capital on Friday as the talks continued there."
    assert "date-mismatch" not in rules(check(first, second))


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


def test_omissions_only_on_request() -> None:
    first = "The storm destroyed 1,200 homes in Quezon province, Governor Maria Santos said."
    second = "The storm destroyed homes in Quezon province, Governor Maria Santos said."
    assert "omission" not in rules(check(first, second))
    assert "omission" in rules(check(first, second, show_omissions=True))


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


def test_duplicate_article() -> None:
    body = (
        "The council approved the budget after a long debate on Tuesday night. "
        "Teachers will receive a raise of three percent from next year onwards. "
        "The mayor praised the vote as a turning point for the city's schools."
    )
    found = check(body, body.replace("long", "lengthy"))
    assert "duplicate" in rules(found)


def test_is_variant() -> None:
    assert is_variant("Sergei Lavrov", "Sergey Lavrov")
    assert is_variant("Volodymyr Zelenskyy", "Volodymyr Zelensky")
    assert not is_variant("Vladimir Putin", "Vladimir Zelensky")
    assert not is_variant("John Smith", "Joan Smith")
    assert not is_variant("Lavrov", "Lavrov")


def test_admitted_intervals() -> None:
    exact = NumberClaim(0, 5, "10000", 10000, 10000)
    up_to = NumberClaim(0, 5, "up to 10000", 10000, 10000, hedge="up to")
    assert admitted(exact) == (9500.0, 10500.0)
    assert admitted(up_to)[0] == 0.0


def test_fingerprint_ignores_position() -> None:
    doc = Document("a", "a", "s", "x" * 50 + "about 10,000 troops")
    moved = Document("a", "a", "s", "y" * 10 + "\n\n" + "about 10,000 troops")
    other = Document("b", "b", "t", "up to 10,000 troops")
    first = fingerprint("number-qualifier", doc.span(50, 69), other.span(0, 19))
    second = fingerprint("number-qualifier", moved.span(12, 31), other.span(0, 19))
    assert first == second


def test_a_quote_repeated_verbatim_is_not_compared_with_other_quotes() -> None:
    quotes = (
        'Mayor Ann Lee said: "We will rebuild every single home in this town." '
        'Lee added: "We will rebuild every road in this town by spring."'
    )
    assert "quote-drift" not in rules(check(quotes, quotes.replace("  ", " ")))


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


def test_a_source_named_more_fully_is_the_same_source() -> None:
    first = "About 300 people left Quezon province, the Greater Phoenix Economic Council said."
    second = "About 300 people left Quezon province, the Economic Council said."
    assert "attribution-mismatch" not in rules(check(first, second))


def test_a_bare_figure_changed_in_a_copied_sentence_is_a_mismatch() -> None:
    text = "Mayor Ann Lee said the final tally in Quezon was {n}, higher than she had expected."
    found = check(text.format(n="1,452"), text.format(n="1,854"))
    assert ("number-mismatch", "1,452", "1,854") in found


def test_house_style_abbreviations_in_a_quote_are_not_drift() -> None:
    quote = "{title} Reid respects that but thinks it should be built elsewhere."
    first = f'Jim Manley, an aide in Quezon, said: "{quote.format(title="Senator")}"'
    second = f'Jim Manley, an aide in Quezon, said: "{quote.format(title="Sen.")}"'
    assert "quote-drift" not in rules(check(first, second))


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
