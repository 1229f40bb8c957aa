"""Quotes and speakers from real sentences: the seeds verbatim, corpus passages by reference.

Each passage is a sentence, but extraction sees the whole document so that "she said" can be
resolved from the sentences before it, as it is in the pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import text as corpus_text

from dedupe.claims.quotes import extract_quotes, same_speaker

AFP = "barrons-afp/choe-son-hui-moscow-lavrov-talks.txt"
CENSOR = "censor-net/choe-son-hui-moscow-lavrov-talks.txt"
Row = list[tuple[str, str | None]]

# (seed file, sentence verbatim, expected (quoted words, speaker) in order)
SEED_ROWS: list[tuple[str, str, Row]] = [
    (
        AFP,
        '"We will always stand firmly by our Russian comrades until victory day," Choe declared',
        [("We will always stand firmly by our Russian comrades until victory day", "Choe")],
    ),
    (
        AFP,
        'She said North Korea had no doubt in the "wise leadership" of President Vladimir Putin',
        [("wise leadership", "Choe")],
    ),
    (
        AFP,
        'Choe called Moscow\'s more than two year offensive in Ukraine a "sacred struggle."',
        [("sacred struggle", "Choe")],
    ),
    (
        AFP,
        'Lavrov did however laud "very close ties" between the two countries "armies and special '
        'services."',
        [("very close ties", "Lavrov"), ("armies and special services", "Lavrov")],
    ),
    (
        AFP,
        '"This will also make it possible to solve significant security aims for our citizens '
        'and yours," he added, without giving details.',
        [
            (
                "This will also make it possible to solve significant security aims for our "
                "citizens and yours",
                "Lavrov",
            )
        ],
    ),
    (
        AFP,
        "Related Zelenskyy bashes 'zero' Western response to N Korean troop deployment",
        [("zero", None)],
    ),
    (AFP, "Moscow 'deeply grateful'", [("deeply grateful", None)]),
    (
        AFP,
        'Lavrov said Russia was "deeply grateful" for North Korea\'s "principled stance" on '
        "Ukraine.",
        [("deeply grateful", "Lavrov"), ("principled stance", "Lavrov")],
    ),
    (
        AFP,
        '"I really appreciate today\'s opportunity to talk frankly in a comradely manner," '
        "Lavrov said, evoking Soviet-style language.",
        [
            (
                "I really appreciate today's opportunity to talk frankly in a comradely manner",
                "Lavrov",
            )
        ],
    ),
    (
        CENSOR,
        "North Korean Foreign Minister Choe Son-hui said that Pyongyang will help Russia in its "
        '"holy war" against Ukraine and stand by its "Russian comrades" to the very end.',
        [("holy war", "Choe Son-hui"), ("Russian comrades", "Choe Son-hui")],
    ),
    (
        CENSOR,
        'She claims that the DPRK will always "stand firmly with Russian comrades until the day '
        'of victory."',
        [("stand firmly with Russian comrades until the day of victory", "Choe Son-hui")],
    ),
    (
        CENSOR,
        'According to her, North Korea has "no doubt about the victory" of the Russian '
        "Federation in the war against Ukraine.",
        [("no doubt about the victory", "Choe Son-hui")],
    ),
    (
        CENSOR,
        'to protect the sovereign rights and security of their state," the DPRK Foreign Minister '
        "added.",
        [],  # the quote opens before this passage: only the whole sentence has it (below)
    ),
    (
        CENSOR,
        'which would take place over the next "few weeks."',
        [("few weeks", "Pentagon")],
    ),
]

# Seed sentences with apostrophes and no quotation.
SEED_NOTHING: list[tuple[str, str]] = [
    (
        AFP,
        "North Korea's Choe Son-hui was in Moscow on Friday as the West believes up to 10,000 "
        "North Korean troops are training in Russia and on the brink of entering the more than "
        "two-year conflict on Russia's side.",
    ),
    (
        AFP,
        "Russia's Ukraine offensive, launched in February 2022, severed its ties with the West, "
        "while North Korea and Iran have emerged as Russia's main backers, with both believed to "
        "be supplying Moscow's troops.",
    ),
    (
        AFP,
        "US intelligence has said some of the troops have made their way to the Kursk border "
        "region, with Washington and Seoul warning North Korea to withdraw its army.",
    ),
    (CENSOR, "Participation of DPRK troops in Russia's war against Ukraine"),
    (
        CENSOR,
        "Watch more: Two dozen North Koreans in trench in Kursk Oblast hold their heads up and "
        "watching Ukrainian drone’s ammunition falling on them.",
    ),
    (
        CENSOR,
        "She said this during a meeting with Russian Foreign Minister Sergei Lavrov in Moscow, "
        "Censor.NET reports citing Barron's.",
    ),
]

STEELE = "2b95d2cf-e979-4f9c-ae27-9a5370934f23_1"
CLINTON = "9879bbc0-eab3-482f-bf6b-a4b519393986_3"
SKIPPER = "be026bd1-52b1-4789-bfd3-3632af17b054_3"
# (corpus, ref, start, end, expected): real sentences read from ../shared/corpora.
CORPUS_ROWS: list[tuple[str, str, int, int, Row]] = [
    ("basil", STEELE, 0, 323, [("a war of Obama’s choosing", "Michael Steele")]),
    (
        "basil",
        STEELE,
        325,
        550,
        [
            (
                "This is not something the United States had actively prosecuted or wanted to "
                "engage in",
                "Steele",
            )
        ],
    ),
    (
        "basil",
        STEELE,
        2349,
        2504,
        [("betting against our troops and rooting for failure in Afghanistan", "Brad Woodhouse")],
    ),
    (
        "basil",
        CLINTON,
        1923,
        2080,
        [
            (
                "I feel responsible for the nearly 70,000 people who work for the State Department",
                "Clinton",
            )
        ],
    ),
    (
        "basil",
        SKIPPER,
        1658,
        1814,
        [
            ("Most of them will not be shocked", "John Skipper"),
            (
                "and will rather be expecting these shenanigans being pulled by the Democrats as "
                "standard operating procedure",
                "John Skipper",
            ),
        ],
    ),
    ("bbc", "politics/001", 394, 506, [("desperate", "Tories")]),
    (
        "bbc",
        "politics/001",
        1336,
        1564,
        [
            (
                "These plans were announced by Gordon Brown in his pre-budget review in December "
                "and Tony Blair is now recycling it in his desperate bid to win back women voters",
                "Theresa May",
            )
        ],
    ),
    # nothing: apostrophes (straight and curly), possessives, no quotation marks
    ("basil", STEELE, 1110, 1213, []),
    ("basil", STEELE, 1376, 1519, []),
    ("basil", STEELE, 1521, 1724, []),
    ("basil", CLINTON, 1802, 1921, []),
    ("basil", CLINTON, 2661, 2792, []),
    ("bbc", "politics/001", 281, 393, []),
    ("bbc", "politics/001", 1100, 1335, []),
    ("bbc", "politics/001", 173, 280, []),
]


def _quotes(text: str, start: int, end: int) -> Row:
    claims = extract_quotes(text, start, end)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert start <= claim.start < claim.end <= end
        if claim.speaker_span is not None:
            assert text[claim.speaker_span[0] : claim.speaker_span[1]] == claim.speaker
    return [(c.text, c.speaker) for c in claims]


def _seed(seeds: Path, name: str, sentence: str) -> tuple[str, int, int]:
    whole = (seeds / name).read_text(encoding="utf-8")
    start = whole.index(sentence)
    return whole, start, start + len(sentence)


@pytest.mark.parametrize(("name", "sentence", "expected"), SEED_ROWS)
def test_seed_sentences(seeds: Path, name: str, sentence: str, expected: Row) -> None:
    assert _quotes(*_seed(seeds, name, sentence)) == expected


@pytest.mark.parametrize(("name", "sentence"), SEED_NOTHING)
def test_seed_sentences_without_quotes(seeds: Path, name: str, sentence: str) -> None:
    assert _quotes(*_seed(seeds, name, sentence)) == []


@pytest.mark.corpus
@pytest.mark.parametrize(("corpus", "ref", "start", "end", "expected"), CORPUS_ROWS)
def test_corpus_sentences(
    corpora: Path, corpus: str, ref: str, start: int, end: int, expected: Row
) -> None:
    assert _quotes(corpus_text(corpus, ref), start, end) == expected


def test_long_quote_speaker_is_the_role_as_written(seeds: Path) -> None:
    whole = (seeds / CENSOR).read_text(encoding="utf-8")
    (claim,) = [c for c in extract_quotes(whole) if c.text.startswith("We have no doubt")]
    assert claim.text.endswith("security of their state")
    assert claim.speaker == "DPRK Foreign Minister"


def test_the_two_versions_of_the_seed_quote_share_a_speaker(seeds: Path) -> None:
    afp = extract_quotes((seeds / AFP).read_text(encoding="utf-8"))
    censor = extract_quotes((seeds / CENSOR).read_text(encoding="utf-8"))
    a = next(c for c in afp if c.text.startswith("We will always stand firmly"))
    b = next(c for c in censor if c.text.startswith("stand firmly with Russian comrades"))
    assert (a.speaker, b.speaker) == ("Choe", "Choe Son-hui")
    assert same_speaker(a.speaker, b.speaker)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Choe", "Choe Son-hui", True),
        ("North Korean Foreign Minister Choe Son-hui", "Choe", True),
        ("choe son-hui", "Choe Son-hui", True),
        ("Mr. Steele", "Michael Steele", True),
        ("DPRK Foreign Minister", "the DPRK Foreign Minister", True),
        ("Lavrov", "Choe", False),
        ("Choe", None, False),
        (None, None, False),
    ],
)
def test_same_speaker(a: str | None, b: str | None, same: bool) -> None:
    assert same_speaker(a, b) is same


@pytest.mark.parametrize(
    "doc",
    [
        '"' * 50_000,
        "'a " * 40_000,
        "“" * 50_000,
        "Russia's " * 30_000,
        '"x" he said. ' * 20_000,
        'a "b" ' * 30_000,
    ],
)
def test_adversarial_input_completes(doc: str) -> None:
    assert isinstance(extract_quotes(doc), list)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Trump accused Obama of a confusing policy on the civil war in Libya, saying "
            '"nobody knows what is happening there."',
            "Trump",
        ),
        ('Sen. Jane Doe, speaking in Boston, said "we will be back next year."', None),
        (
            'A spokesman for the DNC, Brad Woodhouse, said "we will be back next year."',
            "Brad Woodhouse",
        ),
    ],
)
def test_a_place_before_a_comma_is_never_the_speaker(text: str, speaker: str | None) -> None:
    (claim,) = extract_quotes(text)
    assert claim.speaker == speaker


def test_an_attribution_after_a_full_stop_starts_a_new_statement() -> None:
    text = (
        "When Lane asked if Floyd should be rolled over, Chauvin said, "
        "“No, staying put is where we got him.” Lane said he was worried."
    )
    (claim,) = extract_quotes(text)
    assert claim.speaker == "Chauvin"
    (exclaimed,) = extract_quotes("“I will decide next week!” Mr. Trump said on Twitter.")
    assert exclaimed.speaker == "Trump"


def test_a_pronoun_is_read_with_what_the_text_told_before_it() -> None:
    # The "She" after the quote must not make Johnson a woman for the "he" before it.
    text = (
        "Johnson said the text was telling. “It is jaw-dropping,” he said. "
        "Johnson said the messages were real. She responded that she had no comment."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Johnson"


@pytest.mark.parametrize(
    "text",
    [
        # the paragraphs of one long quote: each opens with a mark, only the last closes
        'He said: "The only thing that annoys me is what the other side thinks.\n\n'
        '"I can just imagine them talking. That makes me cringe."',
        # ... the paragraph break lost, as in text flattened to one line
        'He said: "The only thing that annoys me is what the other side thinks. '
        '"I can just imagine them talking. That makes me cringe."',
    ],
)
def test_a_quote_running_over_paragraphs_is_read_paragraph_by_paragraph(text: str) -> None:
    assert [q.text for q in extract_quotes(text)] == [
        "The only thing that annoys me is what the other side thinks",
        "I can just imagine them talking. That makes me cringe",
    ]


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ('He said "the deal is off.\n\nThe talks ended on Friday.', []),
        # a close no rule reads would leave the attribution inside the quote
        (
            '"These are hard times for the state,\'\' Hogan said. "We will recover."',
            ["We will recover"],
        ),
    ],
)
def test_an_unclosed_quote_yields_nothing_unless_sure_where_it_ends(
    text: str, quotes: list[str]
) -> None:
    assert [q.text for q in extract_quotes(text)] == quotes


def test_a_mark_after_a_space_closes_a_quote_in_tokenised_text() -> None:
    text = (
        '"I am not positive all three of the people were targeted , but there was some'
        ' purpose , " Craft said.\n“ Stay down , or we will shoot you again , ” police said .'
    )
    assert [(q.text, q.speaker) for q in extract_quotes(text)] == [
        (
            "I am not positive all three of the people were targeted , but there was some purpose",
            "Craft",
        ),
        ("Stay down , or we will shoot you again", "police"),
    ]
