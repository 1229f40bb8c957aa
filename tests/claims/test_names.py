"""Names from real sentences: the seed articles verbatim, corpus passages by reference."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import text as corpus_text

from dedupe.claims.names import extract_names, same_person, strip_title

AFP = "barrons-afp/choe-son-hui-moscow-lavrov-talks.txt"
CENSOR = "censor-net/choe-son-hui-moscow-lavrov-talks.txt"
Row = list[tuple[str, str]]

# (seed file, sentence verbatim, expected (name, category) in order)
SEED_ROWS: list[tuple[str, str, Row]] = [
    (
        AFP,
        "North Korea will stand by Russia until its victory in Ukraine, Pyongyang's foreign "
        "minister said in Moscow, as the US has warned thousands of North Korean troops",
        [
            ("North Korea", "place"),
            ("Russia", "place"),
            ("Ukraine", "place"),
            ("Pyongyang", "place"),
            ("Moscow", "place"),
            ("US", "place"),
        ],
    ),
    (
        AFP,
        '"We will always stand firmly by our Russian comrades until victory day," Choe '
        "declared in Moscow after talks with her Russian counterpart Sergey Lavrov.",
        [("Choe", "person"), ("Moscow", "place"), ("Sergey Lavrov", "person")],
    ),
    (
        AFP,
        'She said North Korea had no doubt in the "wise leadership" of President Vladimir '
        "Putin, who signed a mutual assistance pact with Pyongyang this summer",
        [("North Korea", "place"), ("Vladimir Putin", "person"), ("Pyongyang", "place")],
    ),
    (
        AFP,
        'Lavrov said Russia was "deeply grateful" for North Korea\'s "principled stance" on '
        "Ukraine.",
        [("Lavrov", "person"), ("Russia", "place"), ("North Korea", "place"), ("Ukraine", "place")],
    ),
    (
        AFP,
        "Russia's Ukraine offensive, launched in February 2022, severed its ties with the West, "
        "while North Korea and Iran have emerged as Russia's main backers",
        [
            ("Russia", "place"),
            ("Ukraine", "place"),
            ("West", "other"),
            ("North Korea", "place"),
            ("Iran", "place"),
            ("Russia", "place"),
        ],
    ),
    (
        CENSOR,
        "North Korean Foreign Minister Choe Son-hui said that Pyongyang will help Russia in its "
        '"holy war" against Ukraine',
        [
            ("Choe Son-hui", "person"),
            ("Pyongyang", "place"),
            ("Russia", "place"),
            ("Ukraine", "place"),
        ],
    ),
    (
        CENSOR,
        "She said this during a meeting with Russian Foreign Minister Sergei Lavrov in Moscow,",
        [("Sergei Lavrov", "person"), ("Moscow", "place")],
    ),
    (
        CENSOR,
        "Earlier, the Kremlin said that Russian dictator Vladimir Putin has no plans to meet with "
        "DPRK Foreign Minister Choe Son-hui, who has begun her third official visit to Russia",
        [
            ("Kremlin", "organisation"),
            ("Vladimir Putin", "person"),
            ("DPRK", "place"),
            ("Choe Son-hui", "person"),
            ("Russia", "place"),
        ],
    ),
    (
        CENSOR,
        "Earlier, NATO Secretary General Mark Rutte confirmed Russia's involvement of North "
        "Korean soldiers in the war against Ukraine.",
        [
            ("NATO", "organisation"),
            ("Mark Rutte", "person"),
            ("Russia", "place"),
            ("Ukraine", "place"),
        ],
    ),
    (
        CENSOR,
        "On October 25, President Volodymyr Zelenskyy said that, according to intelligence, the "
        "first North Korean military would be used by Russia in combat zones on October 27-28.",
        [("Volodymyr Zelenskyy", "person"), ("Russia", "place")],
    ),
    (
        CENSOR,
        "Pentagon spokesman Pat Ryder said that approximately several thousand North Korean "
        "soldiers are moving towards the Kursk region of Russia.",
        [
            ("Pentagon", "organisation"),
            ("Pat Ryder", "person"),
            ("Kursk", "place"),
            ("Russia", "place"),
        ],
    ),
    (
        CENSOR,
        "Watch more: Two dozen North Koreans in trench in Kursk Oblast hold their heads up",
        [("Kursk Oblast", "place")],
    ),
]

STEELE = "2b95d2cf-e979-4f9c-ae27-9a5370934f23_1"
CLINTON = "9879bbc0-eab3-482f-bf6b-a4b519393986_3"
# (corpus, ref, start, end, expected): real sentences read from ../shared/corpora.
CORPUS_ROWS: list[tuple[str, str, int, int, Row]] = [
    (
        "basil",
        STEELE,
        1376,
        1519,
        [("Obama", "person"), ("Iraq", "place"), ("Afghanistan", "place")],
    ),
    (
        "basil",
        STEELE,
        2663,
        2809,
        [
            ("Linda McMahon", "person"),
            ("United States Senate", "organisation"),
            ("Connecticut", "place"),
        ],
    ),
    ("basil", STEELE, 3012, 3109, [("Steele", "person")]),
    (
        "basil",
        CLINTON,
        1295,
        1506,
        [
            ("J. Christopher Stevens", "person"),
            ("Clinton", "person"),
            ("State Department", "organisation"),
        ],
    ),
    (
        "basil",
        CLINTON,
        1923,
        2080,
        [
            ("State Department", "organisation"),
            ("Clinton", "person"),
            ("Senate Foreign Relations Committee", "organisation"),
        ],
    ),
    ("bbc", "politics/001", 173, 280, [("Hewitt", "person"), ("GMTV", "organisation")]),
    # nothing: capitalised common words, pronouns and demonyms only
    ("basil", STEELE, 1110, 1213, []),
    ("basil", STEELE, 2505, 2551, []),
    ("basil", STEELE, 2908, 3010, []),
    ("basil", CLINTON, 1712, 1800, []),
    ("basil", CLINTON, 2213, 2241, []),
    ("basil", CLINTON, 2242, 2265, []),
    ("basil", CLINTON, 2661, 2792, []),
    ("bbc", "politics/001", 281, 393, []),
    ("bbc", "politics/001", 804, 943, []),
]


def _names(text: str, start: int, end: int) -> Row:
    claims = extract_names(text, start, end)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert start <= claim.start < claim.end <= end
    return [(c.name, c.category) for c in claims]


@pytest.mark.parametrize(("name", "sentence", "expected"), SEED_ROWS)
def test_seed_sentences(seeds: Path, name: str, sentence: str, expected: Row) -> None:
    whole = (seeds / name).read_text(encoding="utf-8")
    start = whole.index(sentence)
    assert _names(whole, start, start + len(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "VIDEO",
        "She also vowed that",
        "Neither country has denied the troop deployment reports,",
        "A smaller number of them are already in the",
    ],
)
def test_seed_sentences_without_names(seeds: Path, sentence: str) -> None:
    whole = "\n".join((seeds / n).read_text(encoding="utf-8") for n in (AFP, CENSOR))
    start = whole.index(sentence)
    assert _names(whole, start, start + len(sentence)) == []


@pytest.mark.corpus
@pytest.mark.parametrize(("corpus", "ref", "start", "end", "expected"), CORPUS_ROWS)
def test_corpus_sentences(
    corpora: Path, corpus: str, ref: str, start: int, end: int, expected: Row
) -> None:
    assert _names(corpus_text(corpus, ref), start, end) == expected


@pytest.mark.parametrize(
    ("name", "people"),
    [
        (AFP, {"Sergey Lavrov", "Choe Son-hui", "Vladimir Putin", "Choe", "Lavrov"}),
        (CENSOR, {"Sergei Lavrov", "Choe Son-hui", "Vladimir Putin", "Mark Rutte", "Pat Ryder"}),
        (CENSOR, {"Volodymyr Zelenskyy"}),
    ],
)
def test_seed_documents_name_people(seeds: Path, name: str, people: set[str]) -> None:
    whole = (seeds / name).read_text(encoding="utf-8")
    found = {c.name for c in extract_names(whole) if c.category == "person"}
    assert people <= found


def test_seed_documents_name_places(seeds: Path) -> None:
    whole = (seeds / CENSOR).read_text(encoding="utf-8")
    places = {c.name for c in extract_names(whole) if c.category == "place"}
    assert {"Moscow", "Kursk", "Russia", "Ukraine"} <= places


def test_title_is_not_in_the_span(seeds: Path) -> None:
    whole = (seeds / CENSOR).read_text(encoding="utf-8")
    rutte = next(c for c in extract_names(whole) if c.name == "Mark Rutte")
    title = "NATO Secretary General "
    assert whole[rutte.start - len(title) : rutte.start] == title
    assert rutte.text == "Mark Rutte"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Russian Foreign Minister Sergei Lavrov", "Sergei Lavrov"),
        ("President Vladimir Putin", "Vladimir Putin"),
        ("NATO Secretary General Mark Rutte", "Mark Rutte"),
        ("Pentagon spokesman Pat Ryder", "Pat Ryder"),
        ("the DPRK Foreign Minister", "DPRK Foreign Minister"),
        ("Mr. Steele", "Steele"),
        ("Martin Luther King", "Martin Luther King"),
    ],
)
def test_strip_title(raw: str, expected: str) -> None:
    assert strip_title(raw) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Choe", "Choe Son-hui", True),
        ("North Korean Foreign Minister Choe Son-hui", "choe son-hui", True),
        ("Sergei Lavrov", "Sergey Lavrov", True),
        ("Lavrov", "Russian Foreign Minister Sergey Lavrov", True),
        ("J. Christopher Stevens", "John Christopher Stevens", True),
        ("Sergei Lavrov", "Sergei Shoigu", False),
        ("Mark Rutte", "Pat Ryder", False),
        ("Putin", "Lavrov", False),
    ],
)
def test_same_person(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same


@pytest.mark.parametrize("doc", ["Word " * 100_000, "Bank of " * 50_000, "A. " * 60_000])
def test_adversarial_input_completes(doc: str) -> None:
    assert isinstance(extract_names(doc), list)
