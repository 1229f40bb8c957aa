"""Attributions from real sentences: the seed articles verbatim, corpus passages by reference."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import text as corpus_text
from hypothesis import given
from hypothesis import strategies as st

from dedupe.claims.attribution import extract_attributions, normalise_source, sentences, words

AFP = "barrons-afp/choe-son-hui-moscow-lavrov-talks.txt"
CENSOR = "censor-net/choe-son-hui-moscow-lavrov-talks.txt"

# (seed file, sentence verbatim, expected (source, cue) pairs in order)
SEED_ROWS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        AFP,
        "North Korea will stand by Russia until its victory in Ukraine, Pyongyang's foreign "
        "minister said in Moscow, as the US has warned thousands of North Korean troops could "
        "be sent to combat in the Ukraine conflict in the coming days.",
        [("Pyongyang's foreign minister", "said"), ("US", "warned")],
    ),
    (
        AFP,
        "North Korea's Choe Son-hui was in Moscow on Friday as the West believes up to 10,000 "
        "North Korean troops are training in Russia",
        [("the West", "believes")],
    ),
    (
        AFP,
        "US intelligence has said some of the troops have made their way to the Kursk border "
        "region, with Washington and Seoul warning North Korea to withdraw its army.",
        [("US intelligence", "said"), ("Washington and Seoul", "warning")],
    ),
    (
        AFP,
        '"We will always stand firmly by our Russian comrades until victory day," Choe '
        "declared in Moscow after talks with her Russian counterpart Sergey Lavrov.",
        [("Choe", "declared")],
    ),
    (AFP, 'She said North Korea had no doubt in the "wise leadership"', [("She", "said")]),
    (AFP, "She also vowed that North Korea will continue", [("She", "vowed")]),
    (
        AFP,
        '"This will also make it possible to solve significant security aims for our citizens '
        'and yours," he added, without giving details.',
        [("he", "added")],
    ),
    (
        AFP,
        'Lavrov said Russia was "deeply grateful" for North Korea\'s "principled stance" on '
        "Ukraine.",
        [("Lavrov", "said")],
    ),
    (
        AFP,
        '"I really appreciate today\'s opportunity to talk frankly in a comradely manner," '
        "Lavrov said, evoking Soviet-style language.",
        [("Lavrov", "said")],
    ),
    (
        CENSOR,
        "North Korean Foreign Minister Choe Son-hui said that Pyongyang will help Russia in its "
        '"holy war" against Ukraine',
        [("North Korean Foreign Minister Choe Son-hui", "said")],
    ),
    (
        CENSOR,
        "She said this during a meeting with Russian Foreign Minister Sergei Lavrov in Moscow, "
        "Censor.NET reports citing Barron's.",
        [("She", "said"), ("Censor.NET", "reports"), ("Barron's", "citing")],
    ),
    (
        CENSOR,
        'She claims that the DPRK will always "stand firmly with Russian comrades until the day '
        'of victory."',
        [("She", "claims")],
    ),
    (
        CENSOR,
        'According to her, North Korea has "no doubt about the victory" of the Russian '
        "Federation in the war against Ukraine.",
        [("her", "according to")],
    ),
    (
        CENSOR,
        'sovereign rights and security of their state," the DPRK Foreign Minister added.',
        [("DPRK Foreign Minister", "added")],
    ),
    (
        CENSOR,
        "Earlier, the Kremlin said that Russian dictator Vladimir Putin has no plans to meet",
        [("Kremlin", "said")],
    ),
    (
        CENSOR,
        "Earlier, NATO Secretary General Mark Rutte confirmed Russia's involvement of North "
        "Korean soldiers in the war against Ukraine.",
        [("NATO Secretary General Mark Rutte", "confirmed")],
    ),
    (
        CENSOR,
        "On October 25, President Volodymyr Zelenskyy said that, according to intelligence, the "
        "first North Korean military would be used by Russia",
        [("President Volodymyr Zelenskyy", "said"), ("intelligence", "according to")],
    ),
    (
        CENSOR,
        "On October 28, the Pentagon said that the DPRK had sent about 10,000 of its military",
        [("Pentagon", "said")],
    ),
    (
        CENSOR,
        "Pentagon spokesman Pat Ryder said that approximately several thousand North Korean "
        "soldiers are moving towards the Kursk region of Russia.",
        [("Pentagon spokesman Pat Ryder", "said")],
    ),
]

# Seed sentences with no attribution: a quote verb that is no reporting cue, a passive
# "believed to", a negated denial, headings and plain reported facts.
SEED_NOTHING: list[tuple[str, str]] = [
    (AFP, 'Choe called Moscow\'s more than two year offensive in Ukraine a "sacred struggle."'),
    (
        AFP,
        "Neither country has denied the troop deployment reports, with Choe and Lavrov also not "
        "mentioning them in their statements after their talks.",
    ),
    (
        AFP,
        "Russia's Ukraine offensive, launched in February 2022, severed its ties with the West, "
        "while North Korea and Iran have emerged as Russia's main backers, with both believed to "
        "be supplying Moscow's troops.",
    ),
    (
        AFP,
        "Russia has massively warmed ties with its North Korean neighbour, with Moscow and "
        "Pyongyang now among the most sanctioned countries in the world.",
    ),
    (AFP, "Related Zelenskyy bashes 'zero' Western response to N Korean troop deployment"),
    (AFP, "Moscow 'deeply grateful'"),
    (CENSOR, "Participation of DPRK troops in Russia's war against Ukraine"),
    (CENSOR, "A smaller number of them are already in the Kursk region."),
]

# (corpus, ref, start, end, expected): real sentences read from ../shared/corpora.
STEELE = "2b95d2cf-e979-4f9c-ae27-9a5370934f23_1"
CLINTON = "9879bbc0-eab3-482f-bf6b-a4b519393986_3"
CORPUS_ROWS: list[tuple[str, str, int, int, list[tuple[str, str]]]] = [
    ("basil", STEELE, 325, 550, [("Mr. Steele", "said")]),
    (
        "basil",
        STEELE,
        552,
        797,
        [("Mr. Steele", "said"), ("a video of his remarks", "according to")],
    ),
    ("basil", STEELE, 1726, 1977, [("Mr. Kristol", "wrote")]),
    ("basil", STEELE, 1978, 2065, [("He", "added")]),
    ("basil", STEELE, 3183, 3321, [("Mr. Steele", "said")]),
    ("basil", CLINTON, 1085, 1203, [("she", "said")]),
    ("basil", CLINTON, 1923, 2080, [("Mrs. Clinton", "told")]),
    ("bbc", "politics/001", 173, 280, [("Ms Hewitt", "told")]),
    ("bbc", "politics/001", 394, 506, [("Liberal Democrats", "said")]),
    ("bbc", "politics/001", 1336, 1564, [("Theresa May", "said")]),
    # the speaker a video shows, not the video
    ("basil", "86e6e27d-1440-4879-8b13-0dd2d89f7281_2", 1483, 1556, [("Tlaib", "telling")]),
    # a noun after one name, no cue: "would investigate the BuzzFeed report and was"
    ("basil", "c9e4d35f-aeae-462b-a8bf-e08d09a93b6e_2", 2645, 2957, []),
    # nothing: no cue, a cue in the passive ("announced by"), a negated cue, a time phrase
    ("basil", STEELE, 1110, 1213, []),
    ("basil", STEELE, 1376, 1519, []),
    ("basil", STEELE, 2505, 2551, []),
    ("basil", STEELE, 2908, 3010, []),
    ("basil", CLINTON, 1712, 1800, []),
    ("basil", CLINTON, 2289, 2309, []),
    ("bbc", "politics/001", 33, 171, []),
    ("bbc", "politics/001", 281, 393, []),
]


def _seed_passage(seeds: Path, name: str, sentence: str) -> tuple[str, int, int]:
    whole = (seeds / name).read_text(encoding="utf-8")
    start = whole.index(sentence)
    return whole, start, start + len(sentence)


def _pairs(text: str, start: int, end: int) -> list[tuple[str, str]]:
    claims = extract_attributions(text, start, end)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert start <= claim.start < claim.end <= end
    return [(c.source, c.cue) for c in claims]


@pytest.mark.parametrize(("name", "sentence", "expected"), SEED_ROWS)
def test_seed_sentences(
    seeds: Path, name: str, sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert _pairs(*_seed_passage(seeds, name, sentence)) == expected


@pytest.mark.parametrize(("name", "sentence"), SEED_NOTHING)
def test_seed_sentences_without_attribution(seeds: Path, name: str, sentence: str) -> None:
    assert _pairs(*_seed_passage(seeds, name, sentence)) == []


@pytest.mark.corpus
@pytest.mark.parametrize(("corpus", "ref", "start", "end", "expected"), CORPUS_ROWS)
def test_corpus_sentences(
    corpora: Path, corpus: str, ref: str, start: int, end: int, expected: list[tuple[str, str]]
) -> None:
    assert _pairs(corpus_text(corpus, ref), start, end) == expected


def test_claim_text_covers_source_and_cue(seeds: Path) -> None:
    whole, start, end = _seed_passage(seeds, AFP, "US intelligence has said some")
    (claim,) = extract_attributions(whole, start, end)
    assert claim.text == "US intelligence has said"
    inverted = "said Lavrov"
    doc = f'"We are ready," {inverted}.'
    assert [(c.source, c.text) for c in extract_attributions(doc)] == [("Lavrov", inverted)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the Pentagon", "Pentagon"),
        ("the  West", "the West"),
        ("US\nintelligence", "US intelligence"),
    ],
)
def test_normalise_source(raw: str, expected: str) -> None:
    assert normalise_source(raw) == expected


def test_sentences_keep_abbreviations() -> None:
    doc = "Mr. Steele said so. He left."
    assert [doc[s:e] for s, e in sentences(doc)] == ["Mr. Steele said so.", "He left."]
    # A month's abbreviation before its day, not at a sentence's end.
    doc = "The debate is set for Oct. 16 in Ohio. He left in Oct. Then he came back."
    found = [doc[s:e] for s, e in sentences(doc)]
    assert found == [
        "The debate is set for Oct. 16 in Ohio.",
        "He left in Oct.",
        "Then he came back.",
    ]


@pytest.mark.parametrize("doc", ["said " * 50_000, "According to " * 30_000, ", said " * 40_000])
def test_adversarial_input_completes(doc: str) -> None:
    assert isinstance(extract_attributions(doc), list)


# Words, spaces of every kind (tabs, no-break and thin spaces, control separators) and marks
# that are neither (a zero-width joiner, a combining accent).
_MIXED = st.text(st.sampled_from("aZ9_.'’-,\" \t\n\u00a0\u2009\x1c\u200d\u0301é"), max_size=60)


@given(_MIXED, st.integers(0, 60), st.integers(0, 60))
def test_words_offsets_are_exact(text: str, low: int, high: int) -> None:
    # Offsets are counted from the lengths of the words and the spaces between them, so
    # every character of the window outside a word must be a space, and each word's
    # offsets must give back its text.
    start, stop = min(low, high, len(text)), min(max(low, high), len(text))
    found = words(text, start, stop)
    covered = start
    for word in found:
        assert text[word.start : word.end] == word.text
        assert covered <= word.start and text[covered : word.start].strip() == ""
        covered = word.end
    assert text[covered:stop].strip() == ""
