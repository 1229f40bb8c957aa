"""dedupe.checks.attribution: one claim credited to two different sources."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from corpus import text

from dedupe.config import Settings
from dedupe.engines.local import compare_documents
from dedupe.model import Document

from .support import DAY, check, rules

QUOTE = "“If they had nothing to do with the attacks, they have nothing to fear,”"
AFTER = "Lawmakers in both chambers voted to override the veto on Wednesday."


def credits(first: str, second: str) -> list[tuple[str, str, str]]:
    """The findings on `QUOTE` credited by ``first`` in one article, ``second`` in the other."""
    return check(f"{QUOTE} {first}. {AFTER}", f"{QUOTE} {second}. {AFTER}")


@pytest.mark.parametrize("first", ["Schumer said", "Sen. Chuck Schumer said"])
def test_a_quotation_credited_to_two_speakers(first: str) -> None:
    # "Sen." after the quotation is the name's title, not the end of a sentence.
    found = credits(first, "Senator Cornyn said")
    assert ("attribution-mismatch", first, "Senator Cornyn said") in found


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # one speaker, named more fully
        ("Schumer said", "Sen. Chuck Schumer said"),
        # a source described, not named, may be the one named
        ("Mr. Goelman said", "the attorney said"),
        ("Mr. Goelman said", "the president said"),
        ("Mr. Goelman said", "the statement said"),
        # wire copy wrapped at 72 columns: the line break cuts the attribution after "House"
        ("said House Minority Whip Steny Hoyer", "said House\nMinority Whip Steny Hoyer"),
        # a role alone, and a party's member, describe a person
        ("Obama said", "the President said"),
        ("Speaker John Boehner said", "the Ohio Republican said"),
        # one name two ways: a place after it, initials, a handle, a surname misspelt
        ("Senate Minority Leader Mitch McConnell said", "McConnell of Kentucky said"),
        ("the F.D.A. said", "the FDA said"),
        ("The U.N. said", "the United Nations said"),
        ("House Speaker Nancy Pelosi said", "@SpeakerPelosi wrote"),
        ("spokeswoman Maria Zakharova said", "Zhakarova said"),
        # a crowd is nobody in particular
        ("Sources said", "Senator Cornyn said"),
        ("Officials said", "Senator Cornyn said"),
        # a credit passed on names the other side's source in its sentence
        ("Gates writes, the Post reports", "Gates writes"),
        # a news outlet passes on what a source told it
        ("the AP reported", "Senator Cornyn said"),
        # an attribution cut short by the grammar ("said Subcommittee") names no one whole
        ("said Subcommittee on Oversight Chairman Tim Murphy", "Cornyn said"),
    ],
)
def test_a_quotation_credited_alike(first: str, second: str) -> None:
    assert "attribution-mismatch" not in rules(credits(first, second))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Schumer said", "the ministry said"),
        ("Mr. Obama said", "The White House said"),
        ("Justice Anthony Kennedy wrote", "The Supreme Court said"),
    ],
)
def test_a_body_and_a_person_speak_for_each_other(first: str, second: str) -> None:
    # Two reports quoting one statement, not one copied: the sentences beside it differ.
    found = check(
        f"The vote came late on Tuesday. {QUOTE} {first}. {AFTER}",
        f"Senators had argued for a week. {QUOTE} {second}. The House voted next.",
    )
    assert "attribution-mismatch" not in rules(found)


def test_a_quotations_sentence_copied_with_its_speaker_changed() -> None:
    # The sentences beside it are copied too: an editor changed who said it.
    found = credits("Schumer said", "The White House said")
    assert ("attribution-mismatch", "Schumer said", "The White House said") in found


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # a person titled by the body speaks for it
        (
            f"Secret Service Director Julia Pierson spoke first. {QUOTE} Pierson said. {AFTER}",
            f"The agency issued a statement. {QUOTE} the Secret Service said. {AFTER}",
        ),
        # someone's office speaks for them
        (
            f"Prime Minister Benjamin Netanyahu spoke. {QUOTE} Netanyahu said. {AFTER}",
            f"It came in a statement. {QUOTE} the prime minister's bureau said. {AFTER}",
        ),
        # "he" is resolved to the last man named, which two outlets may set differently
        (
            f"Schumer spoke first. Then Cornyn rose. {QUOTE} he said. {AFTER}",
            f"Cornyn spoke first. Then Schumer rose. {QUOTE} he said. {AFTER}",
        ),
        # a short quotation is said by many
        (
            f"“We will not back down,” Schumer said. {AFTER}",
            f"“We will not back down,” Cornyn said. {AFTER}",
        ),
    ],
)
def test_a_quotation_in_context_credited_alike(first: str, second: str) -> None:
    assert "attribution-mismatch" not in rules(check(first, second))


def test_a_sentence_copied_with_only_its_source_changed() -> None:
    said = "{} said the levee on the Quezon river would hold through the weekend storms."
    found = check(
        said.format("Governor Maria Santos") + f" {AFTER}",
        said.format("The Philippine Army") + f" {AFTER}",
    )
    assert (
        "attribution-mismatch",
        "Governor Maria Santos said",
        "The Philippine Army said",
    ) in found


def test_a_body_described_for_a_person_in_a_copied_sentence() -> None:
    said = "{} said the levee on the Quezon river would hold through the weekend storms."
    first = "Governor Maria Santos toured the levee. " + said.format("Santos")
    second = "Governor Maria Santos toured the levee. " + said.format("The ministry")
    assert ("attribution-mismatch", "Santos said", "The ministry said") in check(
        f"{first} {AFTER}", f"{second} {AFTER}"
    )


def test_a_paraphrase_with_another_source_is_no_copy() -> None:
    first = f"Governor Maria Santos said the Quezon levee would hold through the storms. {AFTER}"
    second = f"The levee on the Quezon river cannot hold much longer, the army said. {AFTER}"
    assert "attribution-mismatch" not in rules(check(first, second))


def test_the_credits_of_one_claim_are_a_source_slot_of_the_story() -> None:
    # Three outlets: two credit the quote to Schumer (named two ways), one to Cornyn.
    override = (
        "Lawmakers voted to override the veto of the Justice Against Sponsors of Terrorism "
        "Act on Wednesday, the first override of President Obama's presidency."
    )
    speakers = ("Schumer", "Sen. Chuck Schumer", "Senator Cornyn")
    docs = [
        Document(f"{k}.txt", f"{k}.txt", f"Outlet {k}", f"{QUOTE} {who} said. {override}", date=DAY)
        for k, who in zip("ABC", speakers, strict=True)
    ]
    report = compare_documents(docs, Settings(), lambda _m: None)
    found = [f for f in report.findings if f.rule == "attribution-mismatch"]
    assert len(found) == 1 and found[0].b.doc == "C.txt"
    (story,) = report.stories
    (slot,) = [s for s in story.slots if s.id == found[0].slot]
    assert slot.kind == "source"
    assert [(v.value, v.documents) for v in slot.variants] == [
        ("schumer", ("A.txt", "B.txt")),
        ("cornyn", ("C.txt",)),
    ]


def test_a_line_that_holds_only_a_source_is_no_claim(corpora: Path) -> None:
    # A hard-wrapped Reuters story (NEWID 20653) wrapped again at 72 columns: each line is
    # a sentence to the grammars, and "Powers said." stands beside "the U.S. Department of
    # Interior said." on a line of its own. Neither line claims anything of its own.
    original = text("reuters", "20653")
    rewrapped = "\n\n".join(textwrap.fill(p, 72) for p in original.split("\n\n"))
    docs = [Document("x/1", "x/1", "x", original), Document("y/1", "y/1", "y", rewrapped)]
    found = compare_documents(docs, Settings(), lambda _m: None).findings
    assert "attribution-mismatch" not in {f.rule for f in found}


def test_a_hard_wrapped_sentence_copied_with_only_its_source_changed() -> None:
    # Wire copy broken into lines: the line that holds the credit holds little else, but
    # the sentence the lines make is copied whole with only its source changed (no figure
    # in it, whose credit is compared already).
    said = (
        "The pipeline will carry crude from the eastern fields to the port\n"
        "of Esmeraldas once the quake damage is repaired, mines and\n"
        "energy minister {} said.\n"
    )
    found = check(said.format("Javier Espinosa") + AFTER, said.format("Guillermo Perry") + AFTER)
    assert (
        "attribution-mismatch",
        "energy minister Javier Espinosa said",
        "energy minister Guillermo Perry said",
    ) in found


def test_a_hard_wrapped_line_copied_in_two_sentences_is_no_copy() -> None:
    # The credit's lines read the same, the sentences they end do not: two claims.
    first = "The pipeline will carry crude to the port of Esmeraldas again, mines and\n"
    second = "The port will take its first tanker of crude next spring, mines and\n"
    line = "energy minister {} said.\n"
    found = check(
        first + line.format("Javier Espinosa") + AFTER,
        second + line.format("Guillermo Perry") + AFTER,
    )
    assert "attribution-mismatch" not in rules(found)
