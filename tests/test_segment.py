"""Sentences with offsets and boilerplate recognition."""

from __future__ import annotations

import pytest

from dedupe.model import Document
from dedupe.segment import boilerplate_lines, is_heading, sentences


def doc(text: str) -> Document:
    return Document("d", "d.txt", "s", text)


def test_sentences_point_into_the_text() -> None:
    text = 'Mr. Smith arrived at 5 p.m. on Friday. "We will win," he said. Then he left!'
    found = sentences(doc(text))
    assert [text[s.start : s.end] for s in found] == [
        "Mr. Smith arrived at 5 p.m. on Friday.",
        '"We will win," he said.',
        "Then he left!",
    ]


def test_boilerplate_lines_are_flagged(seeds: object) -> None:
    text = (
        "The minister spoke in Moscow on Friday.\n\n"
        "Watch more: Soldiers in a trench. VIDEO\n\n"
        "Related Zelenskyy bashes response\n\n"
        "Moscow 'deeply grateful'\n\n"
        "Read more: US and NATO should consider options\n\n"
        "She said the talks went well."
    )
    found = sentences(doc(text))
    flagged = [text[s.start : s.end] for s in found if s.boilerplate]
    kept = [text[s.start : s.end] for s in found if not s.boilerplate]
    assert kept == ["The minister spoke in Moscow on Friday.", "She said the talks went well."]
    assert any(f.startswith("Watch more") for f in flagged) and "VIDEO" in flagged


def test_photo_captions_and_credits_are_flagged() -> None:
    text = (
        "Mr. Bush defended the program on Sunday.\n\n"
        "Image Former President George W. Bush at his ranch in Texas in August. Credit... "
        "Jane Roe/Agence France-Presse — Getty Images\n\n"
        "Enlarge this image toggle caption Jane Roe/AFP/Getty Images Jane Roe/AFP/Getty Images.\n\n"
        "Photo: Jane Roe/Getty Images.\n\n"
        "Image via the campaign.\n\n"
        "Image quality was poor, and the credit for the report went to Mr. Roe."
    )
    kept = [text[s.start : s.end] for s in sentences(doc(text)) if not s.boilerplate]
    assert kept == [
        "Mr. Bush defended the program on Sunday.",
        "Image quality was poor, and the credit for the report went to Mr. Roe.",
    ]


def test_hard_wrapped_wire_copy_is_not_headings() -> None:
    text = (
        "Showers continued throughout the week in\n"
        "the Bahia cocoa zone, alleviating the drought since early\n"
        "January and improving prospects.\n"
    )
    assert boilerplate_lines(doc(text)) == []


def test_is_heading() -> None:
    assert is_heading("Participation of DPRK troops in Russia's war against Ukraine")
    assert not is_heading("The talks went well.")
    assert not is_heading("She said: ")


def test_extra_boilerplate_patterns() -> None:
    text = "Real sentence about the vote.\n\nSponsored: buy now and save.\n"
    found = sentences(doc(text), [r"sponsored:"])
    assert [s.boilerplate for s in found] == [False, True]


@pytest.mark.parametrize(
    "text",
    [
        "Retailers J.C. Penney Co. Inc. JCP.N and Walgreen Co. WAG.N kick things off on Monday.",
        "The broader Standard & Poor's 500 Index .SPX gave up 11.91 points, or 1.19 percent.",
        "Gov. Greg Abbott met Sen. Jane Doe and Pfc. Lynch in Washington, D.C. on Sept. 5.",
        "The dollar fell to 1.0850 against the euro from 1.0910 late on Wednesday in New York.",
    ],
)
def test_stops_inside_tokens_and_titles_do_not_end_a_sentence(text: str) -> None:
    assert [(s.start, s.end) for s in sentences(doc(text))] == [(0, len(text))]


def test_sentences_of_separate_paragraphs_stay_apart() -> None:
    text = "The vote was close\n\nBut the motion carried by two votes. Critics vowed to appeal."
    found = [text[s.start : s.end] for s in sentences(doc(text))]
    assert found == [
        "The vote was close",
        "But the motion carried by two votes.",
        "Critics vowed to appeal.",
    ]
