"""dedupe.checks.quotes: quote-drift."""

from __future__ import annotations

import pytest

from .support import check, rules


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
        # a name in another outlet's house style of transliteration
        (
            "Now it looks like Muammar al-Qaddafi is going to beat the United States.",
            "Now it looks like Moammar Gadhafi is going to beat the United States.",
        ),
        # words left out at an ellipsis, the other quote beginning inside the first fragment
        (
            "However, we would be remiss … if we did not challenge your budget plan.",
            "We would be remiss in our duty to you if we did not challenge your budget plan.",
        ),
        # an elided quote inside a longer stretch of the same words
        (
            "If you help me win this race, you may have someone with your voice ... on the board.",
            "To put it plainly, if you help me win this race you may have someone with your "
            "voice, someone who fought this for years, on the board.",
        ),
    ],
)
def test_a_longer_excerpt_or_house_style_is_no_quote_drift(first: str, second: str) -> None:
    found = check(MAYOR.format(first), MAYOR.format(second))
    assert "quote-drift" not in rules(found)


def test_a_quote_repeated_verbatim_is_not_compared_with_other_quotes() -> None:
    quotes = (
        'Mayor Ann Lee said: "We will rebuild every single home in this town." '
        'Lee added: "We will rebuild every road in this town by spring."'
    )
    assert "quote-drift" not in rules(check(quotes, quotes.replace("  ", " ")))


def test_house_style_abbreviations_in_a_quote_are_not_drift() -> None:
    quote = "{title} Reid respects that but thinks it should be built elsewhere."
    first = f'Jim Manley, an aide in Quezon, said: "{quote.format(title="Senator")}"'
    second = f'Jim Manley, an aide in Quezon, said: "{quote.format(title="Sen.")}"'
    assert "quote-drift" not in rules(check(first, second))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # another person named in the same words
        (
            "Now it looks like Joe Biden is going to beat the United States.",
            "Now it looks like Bernie Sanders is going to beat the United States.",
        ),
        # a name one letter off: a slip, not a house style
        (
            "Now it looks like Muammar Gadhafi is going to beat the United States.",
            "Now it looks like Muammar Gadhafy is going to beat the United States.",
        ),
        # an ellipsis, but the words after it are not the other quote's
        (
            "We are going to secure the border … and we will never give up, whatever they say.",
            "We are going to secure the border, and we will give up nothing, whatever they say.",
        ),
        # a changed word beside an ellipsis
        (
            "We would be remiss … if we did not challenge your budget plan.",
            "We would be remiss in our duty if we did not support your budget plan.",
        ),
    ],
)
def test_names_and_ellipses_do_not_hide_a_changed_wording(first: str, second: str) -> None:
    assert "quote-drift" in rules(check(MAYOR.format(first), MAYOR.format(second)))


def test_a_quote_in_a_sentence_copied_around_it_is_one_quotation_without_a_speaker() -> None:
    said = 'A banner reading "{q}" hung across the main road of the valley on Sunday.'
    first = said.format(q="nobody in the capital listens to us")
    second = said.format(q="nobody in the capital really listens to us")
    assert "quote-drift" in rules(check(first, second))


def test_a_frame_as_short_as_he_said_does_not_make_two_quotes_one() -> None:
    first = '"We will not leave this town until the water is gone," he said.'
    second = '"We will not leave until the water is gone from the town," he said.'
    assert "quote-drift" not in rules(check(first, second))
