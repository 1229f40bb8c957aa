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
