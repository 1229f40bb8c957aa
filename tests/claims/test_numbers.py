"""Tests for dedupe.claims.numbers: counts, quantities, hedges, ranges and what is not a count.

Corpus rows name a passage as (corpus, ref, start, end) and are read at test time through
tests/corpus.py; the expected claims were checked by hand against the passage. Each expected
claim is (text, low, high, hedge, vague, unit, counted).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import passage, text

from dedupe.claims.numbers import extract_numbers, noun_class, same_kind
from dedupe.model import NumberClaim

Expected = tuple[str, float, float, str | None, bool, str | None, str | None]


def _summary(claims: list[NumberClaim]) -> list[Expected]:
    return [(c.text, c.low, c.high, c.hedge, c.vague, c.unit, c.counted) for c in claims]


def _one(sentence: str) -> NumberClaim:
    claims = extract_numbers(sentence)
    assert len(claims) == 1, claims
    return claims[0]


# --- The seed articles (project text, quoted verbatim) ----------------------------------

SEED_SENTENCES: list[tuple[str, list[Expected]]] = [
    (
        "Watch more: Two dozen North Koreans in trench in Kursk Oblast hold their heads up and "
        "watching Ukrainian drone’s ammunition falling on them. VIDEO",
        [("Two dozen North Koreans", 24, 24, None, False, None, "north korean")],
    ),
    (
        "On October 28, the Pentagon said that the DPRK had sent about 10,000 of its military to "
        "Russia for training and further participation in hostilities against Ukraine, which "
        'would take place over the next "few weeks."',
        [
            ("about 10,000 of its military", 10_000, 10_000, "about", False, None, "military"),
            ("few weeks", 2, 5, None, True, None, "week"),
        ],
    ),
    (
        "Pentagon spokesman Pat Ryder said that approximately several thousand North Korean "
        "soldiers are moving towards the Kursk region of Russia.",
        [
            (
                "approximately several thousand North Korean soldiers",
                2000,
                9000,
                "about",
                True,
                None,
                "soldier",
            )
        ],
    ),
    (
        "North Korea will stand by Russia until its victory in Ukraine, Pyongyang's foreign "
        "minister said in Moscow, as the US has warned thousands of North Korean troops could be "
        "sent to combat in the Ukraine conflict in the coming days.",
        [("thousands of North Korean troops", 2000, 99_999, None, True, None, "troop")],
    ),
    (
        "North Korea's Choe Son-hui was in Moscow on Friday as the West believes up to 10,000 "
        "North Korean troops are training in Russia and on the brink of entering the more than "
        "two-year conflict on Russia's side.",
        [
            ("up to 10,000 North Korean troops", 10_000, 10_000, "up to", False, None, "troop"),
            ("more than two-year", 2, 2, "more than", False, None, "year"),
        ],
    ),
    (
        'Choe called Moscow\'s more than two year offensive in Ukraine a "sacred struggle."',
        [("more than two year", 2, 2, "more than", False, None, "year")],
    ),
    (
        'Lavrov did however laud "very close ties" between the two countries "armies and special '
        'services."',
        [("two countries", 2, 2, None, False, None, "country")],
    ),
]

SEED_NOTHING = [
    "On October 25, President Volodymyr Zelenskyy said that, according to intelligence, the "
    "first North Korean military would be used by Russia in combat zones on October 27-28.",
    "Earlier, the Kremlin said that Russian dictator Vladimir Putin has no plans to meet with "
    "DPRK Foreign Minister Choe Son-hui, who has begun her third official visit to Russia since "
    "the beginning of the year.",
    "Russia's Ukraine offensive, launched in February 2022, severed its ties with the West, "
    "while North Korea and Iran have emerged as Russia's main backers, with both believed to be "
    "supplying Moscow's troops.",
    "US intelligence has said some of the troops have made their way to the Kursk border "
    "region, with Washington and Seoul warning North Korea to withdraw its army.",
    "Related Zelenskyy bashes 'zero' Western response to N Korean troop deployment",
    "A smaller number of them are already in the Kursk region.",
]


@pytest.mark.parametrize(("sentence", "expected"), SEED_SENTENCES)
def test_seed_sentences(sentence: str, expected: list[Expected]) -> None:
    assert _summary(extract_numbers(sentence)) == expected


@pytest.mark.parametrize("sentence", SEED_NOTHING)
def test_seed_sentences_without_counts(sentence: str) -> None:
    assert extract_numbers(sentence) == []


def test_seed_articles_whole(seeds: Path) -> None:
    found: dict[str, NumberClaim] = {}
    for path in sorted(seeds.rglob("*.txt")):
        body = path.read_text(encoding="utf-8")
        for claim in extract_numbers(body):
            assert claim.text == body[claim.start : claim.end]
            found[claim.text] = claim
    assert found["about 10,000 of its military"].counted == "military"
    assert found["up to 10,000 North Korean troops"].hedge == "up to"
    assert found["approximately several thousand North Korean soldiers"].vague
    assert not any("October" in t or "2024" in t or "2022" in t for t in found)
    assert same_kind(
        found["about 10,000 of its military"], found["up to 10,000 North Korean troops"]
    )


# --- Real corpus passages ---------------------------------------------------------------

CORPUS_ROWS: list[tuple[str, str, int, int, list[Expected]]] = [
    (
        "bbc",
        "business/001",
        35,
        170,
        [
            ("76%", 76.0, 76.0, None, False, "%", None),
            ("$1.13bn", 1130000000.0, 1130000000.0, None, False, "USD", None),
            ("£600m", 600000000.0, 600000000.0, None, False, "GBP", None),
            ("three months", 3.0, 3.0, None, False, None, "month"),
            ("$639m", 639000000.0, 639000000.0, None, False, "USD", None),
        ],
    ),
    (
        "bbc",
        "business/001",
        316,
        385,
        [
            ("2%", 2.0, 2.0, None, False, "%", None),
            ("$11.1bn", 11100000000.0, 11100000000.0, None, False, "USD", None),
            ("$10.9bn", 10900000000.0, 10900000000.0, None, False, "USD", None),
        ],
    ),
    (
        "bbc",
        "business/001",
        1504,
        1633,
        [
            ("$3.36bn", 3360000000.0, 3360000000.0, None, False, "USD", None),
            ("27%", 27.0, 27.0, None, False, "%", None),
            ("6.4%", 6.4, 6.4, None, False, "%", None),
            ("$42.09bn", 42090000000.0, 42090000000.0, None, False, "USD", None),
        ],
    ),
    ("bbc", "business/001", 1817, 1949, [("around 5%", 5.0, 5.0, "about", False, "%", None)]),
    (
        "bbc",
        "business/007",
        177,
        260,
        [("146,000 jobs", 146000.0, 146000.0, None, False, None, "job")],
    ),
    (
        "bbc",
        "business/007",
        261,
        341,
        [("190,000 new jobs", 190000.0, 190000.0, None, False, None, "job")],
    ),
    ("bbc", "business/007", 342, 451, [("5.2%", 5.2, 5.2, None, False, "%", None)]),
    (
        "bbc",
        "business/007",
        936,
        1044,
        [
            ("157,000", 157000.0, 157000.0, None, False, None, None),
            ("133,000", 133000.0, 133000.0, None, False, None, None),
        ],
    ),
    (
        "bbc",
        "politics/001",
        508,
        656,
        [
            ("13 weeks", 13.0, 13.0, None, False, None, "week"),
            ("up to 26 weeks", 26.0, 26.0, "up to", False, None, "week"),
        ],
    ),
    (
        "bbc",
        "politics/001",
        2431,
        2597,
        [
            ("90% of average earnings", 90.0, 90.0, None, False, "%", "earning"),
            ("six weeks", 6.0, 6.0, None, False, None, "week"),
            ("£102.80", 102.8, 102.8, None, False, "GBP", None),
            ("six months", 6.0, 6.0, None, False, None, "month"),
        ],
    ),
    (
        "bbc",
        "politics/002",
        34,
        186,
        [("more than three months", 3.0, 3.0, "more than", False, None, "month")],
    ),
    (
        "bbc",
        "politics/002",
        2127,
        2255,
        [("about 100,000 public bodies", 100000.0, 100000.0, "about", False, None, "body")],
    ),
    (
        "bbc",
        "business/009",
        436,
        510,
        [("2.2 million Ethiopians", 2200000.0, 2200000.0, None, False, None, "ethiopian")],
    ),
    (
        "bbc",
        "business/009",
        512,
        592,
        [("387,500 tonnes", 387500.0, 387500.0, None, False, "t", None)],
    ),
    ("bbc", "sport/389", 494, 635, [("three years", 3.0, 3.0, None, False, None, "year")]),
    ("bbc", "sport/389", 637, 741, [("32-year-old", 32.0, 32.0, None, False, None, "year-old")]),
    ("bbc", "business/012", 34, 127, [("as much as 30%", 30.0, 30.0, "up to", False, "%", None)]),
    (
        "bbc",
        "business/012",
        380,
        617,
        [("Millions of people", 2000000.0, 99999999.0, None, True, None, "people")],
    ),
    (
        "bbc",
        "business/012",
        1520,
        1671,
        [("between 20% and 30%", 20.0, 30.0, None, False, "%", None)],
    ),
    (
        "bbc",
        "business/014",
        630,
        730,
        [("about 30 reporters", 30.0, 30.0, "about", False, None, "reporter")],
    ),
    (
        "bbc",
        "business/014",
        1006,
        1155,
        [
            ("90-day", 90.0, 90.0, None, False, None, "day"),
            ("more than 10 redundancies", 10.0, 10.0, "more than", False, None, "redundancy"),
        ],
    ),
    (
        "bbc",
        "business/014",
        34,
        136,
        [
            ("90 journalist jobs", 90.0, 90.0, None, False, None, "job"),
            ("17% of their editorial staff", 17.0, 17.0, None, False, "%", "staff"),
        ],
    ),
    (
        "bbc",
        "business/013",
        1045,
        1205,
        [
            ("540bn yen", 540000000000.0, 540000000000.0, None, False, "JPY", None),
            ("$5.2bn", 5200000000.0, 5200000000.0, None, False, "USD", None),
            ("£2.77bn", 2770000000.0, 2770000000.0, None, False, "GBP", None),
        ],
    ),
    (
        "bbc",
        "business/013",
        291,
        407,
        [("several profit warnings", 2.0, 9.0, None, True, None, "warning")],
    ),
    (
        "reuters",
        "1",
        760,
        823,
        [
            ("around 6.4 mln bags", 6400000.0, 6400000.0, "about", False, None, "bag"),
            ("almost 6.2 mln", 6200000.0, 6200000.0, "nearly", False, None, None),
        ],
    ),
    (
        "reuters",
        "4",
        2268,
        2330,
        [("15-20 mln dlrs", 15000000.0, 20000000.0, None, False, "USD", None)],
    ),
    (
        "reuters",
        "4",
        249,
        312,
        [("up to one-billion-dlr", 1000000000.0, 1000000000.0, "up to", False, "USD", None)],
    ),
    (
        "basil",
        "2b95d2cf-e979-4f9c-ae27-9a5370934f23_1",
        1380,
        1519,
        [("30,000 more troops", 30000.0, 30000.0, None, False, None, "troop")],
    ),
    (
        "basil",
        "2b95d2cf-e979-4f9c-ae27-9a5370934f23_3",
        0,
        221,
        [("Several prominent conservatives", 2.0, 9.0, None, True, None, "conservative")],
    ),
    (
        "basil",
        "38f7cbb7-5d6a-4c89-bcbd-8e164144172a_2",
        3562,
        4026,
        [("not more than one year", 1.0, 1.0, "up to", False, None, "year")],
    ),
    (
        "basil",
        "38f7cbb7-5d6a-4c89-bcbd-8e164144172a_3",
        2869,
        2986,
        [("at least two-and-a-half months", 2.5, 2.5, "at least", False, None, "month")],
    ),
    (
        "basil",
        "45bd61bc-c356-4450-9e3a-cbfc862b09fd_1",
        868,
        1010,
        [("about two blocks", 2.0, 2.0, "about", False, None, "block")],
    ),
    (
        "basil",
        "45bd61bc-c356-4450-9e3a-cbfc862b09fd_1",
        4130,
        4301,
        [("500-seat", 500.0, 500.0, None, False, None, "seat")],
    ),
    (
        "basil",
        "45bd61bc-c356-4450-9e3a-cbfc862b09fd_2",
        4240,
        4387,
        [("64 percent", 64.0, 64.0, None, False, "%", None)],
    ),
]

# Dates, years, decades, ordinals, times, scores, labels: no counts at all.
CORPUS_NOTHING: list[tuple[str, str, int, int]] = [
    ("bbc", "entertainment/330", 142, 270),  # a decade
    ("bbc", "business/271", 1520, 1643),  # a season "1992/93"
    ("bbc", "sport/489", 1185, 1324),  # a year naming an event
    ("bbc", "sport/264", 283, 429),  # "in 2003"
    ("bbc", "entertainment/064", 34, 144),  # an ordinal
    ("bbc", "tech/319", 364, 556),  # a product number
    ("bbc", "politics/411", 3822, 3880),  # a year
    ("bbc", "sport/192", 1086, 1243),  # a score
    ("bbc", "tech/041", 34, 175),  # "3G", "third-generation"
    ("bbc", "business/366", 1920, 1993),  # "In 2003"
    ("bbc", "tech/016", 145, 292),  # day before month
    ("bbc", "business/448", 271, 404),  # month and year
    ("bbc", "tech/133", 839, 907),  # day before month
    ("bbc", "sport/451", 291, 402),  # a year, an ordinal
    ("bbc", "politics/105", 2669, 2829),  # the year in an act's name
    ("bbc", "politics/184", 276, 419),  # "Number 10"
    ("basil", "84678e18-0b79-4570-9c9f-cb1cf88d968e_1", 1567, 1661),  # a decade with 's
    ("basil", "dd1e6e3b-f36c-4064-8ef9-940984e9afa2_2", 716, 886),  # "Nov. 8, 2016", ordinal
    ("basil", "2f3e86b6-8443-47bd-9cd3-491c90a59fe9_1", 123, 253),  # a vote tally, a year
    ("basil", "d4a4bc34-e48b-4485-86b2-f1daf4d464dd_3", 1074, 1244),  # "from 2000 to 2006"
    ("basil", "84678e18-0b79-4570-9c9f-cb1cf88d968e_2", 1219, 1325),  # month and year
    ("basil", "c5534b7e-a373-4962-8345-3847bc41a636_2", 1701, 1760),  # month then day
    ("basil", "df5fe55a-dfcb-4817-8631-830f47c21a72_1", 1569, 1656),  # "4:30 p.m."
    ("basil", "a28a0329-0887-42dc-bd3d-3bb4f8926757_1", 1211, 1276),  # "11 a.m."
    ("basil", "08bb9bee-c167-4c17-9c6d-4a1259231eb7_2", 1314, 1465),  # "5 p.m."
    ("basil", "1bb79cc1-5d69-4136-a23d-6dbd300cbf25_1", 4729, 5026),  # a clock time
    ("basil", "1bb79cc1-5d69-4136-a23d-6dbd300cbf25_2", 5353, 5480),  # "9 p.m."
    ("basil", "f506aafc-8b43-427a-936e-bbd1ef33e076_1", 1462, 1618),  # a date and a time
]


@pytest.mark.parametrize(("corpus", "ref", "start", "end", "expected"), CORPUS_ROWS)
def test_corpus_passages(
    corpora: Path, corpus: str, ref: str, start: int, end: int, expected: list[Expected]
) -> None:
    body = text(corpus, ref)
    claims = extract_numbers(body, start, end)
    assert _summary(claims) == expected
    for claim in claims:
        assert start <= claim.start < claim.end <= end
        assert claim.text == body[claim.start : claim.end]


@pytest.mark.parametrize(("corpus", "ref", "start", "end"), CORPUS_NOTHING)
def test_corpus_passages_without_counts(
    corpora: Path, corpus: str, ref: str, start: int, end: int
) -> None:
    assert passage(corpus, ref, start, end).strip()
    assert extract_numbers(text(corpus, ref), start, end) == []


# --- Grammar cases, one construction each -----------------------------------------------

CASES: list[tuple[str, list[Expected]]] = [
    # number words
    ("twelve people", [("twelve people", 12, 12, None, False, None, "people")]),
    ("twenty six soldiers", [("twenty six soldiers", 26, 26, None, False, None, "soldier")]),
    ("twenty-six soldiers", [("twenty-six soldiers", 26, 26, None, False, None, "soldier")]),
    ("a dozen eggs", [("a dozen eggs", 12, 12, None, False, None, "egg")]),
    ("half a million people", [("half a million people", 5e5, 5e5, None, False, None, "people")]),
    (
        "a hundred and five votes",
        [("a hundred and five votes", 105, 105, None, False, None, "vote")],
    ),
    ("two trillion dollars", [("two trillion dollars", 2e12, 2e12, None, False, "USD", None)]),
    (
        "three and a half billion dollars",
        [("three and a half billion dollars", 3.5e9, 3.5e9, None, False, "USD", None)],
    ),
    (
        "a billion and a half dollars",
        [("a billion and a half dollars", 1.5e9, 1.5e9, None, False, "USD", None)],
    ),
    ("two and a half days", [("two and a half days", 2.5, 2.5, None, False, None, "day")]),
    ("one soldier died", [("one soldier", 1, 1, None, False, None, "soldier")]),
    # digits, scales, units
    ("9.8 million", [("9.8 million", 9.8e6, 9.8e6, None, False, None, None)]),
    ("$2.5 billion", [("$2.5 billion", 2.5e9, 2.5e9, None, False, "USD", None)]),
    ("US$5m", [("US$5m", 5e6, 5e6, None, False, "USD", None)]),
    ("€40 million", [("€40 million", 4e7, 4e7, None, False, "EUR", None)]),
    ("26 per cent", [("26 per cent", 26, 26, None, False, "%", None)]),
    ("5 percentage points", [("5 percentage points", 5, 5, None, False, "pp", None)]),
    ("18 cts a share", [("18 cts", 0.18, 0.18, None, False, "USD", None)]),
    ("ran 100m", [("100m", 100, 100, None, False, "m", None)]),
    ("3m people", [("3m people", 3e6, 3e6, None, False, None, "people")]),
    ("12 km", [("12 km", 12, 12, None, False, "km", None)]),
    # vague amounts
    ("several thousand", [("several thousand", 2000, 9000, None, True, None, None)]),
    ("dozens of people", [("dozens of people", 24, 99, None, True, None, "people")]),
    ("hundreds of homes", [("hundreds of homes", 200, 9999, None, True, None, "home")]),
    ("tens of thousands", [("tens of thousands", 20_000, 99_000, None, True, None, None)]),
    ("a few hundred", [("a few hundred", 200, 500, None, True, None, None)]),
    ("a handful of protesters", [("a handful of protesters", 2, 5, None, True, None, "protester")]),
    ("a couple of days", [("a couple of days", 2, 3, None, True, None, "day")]),
    ("some analysts", [("some analysts", 2, 1e12, None, True, None, "analyst")]),
    # hedges
    (
        "an estimated 5,000 refugees",
        [("an estimated 5,000 refugees", 5000, 5000, "about", False, None, "refugee")],
    ),
    ("some 200 troops", [("some 200 troops", 200, 200, "about", False, None, "troop")]),
    (
        "just under 2,000 people",
        [("just under 2,000 people", 2000, 2000, "nearly", False, None, "people")],
    ),
    ("as many as 40 ships", [("as many as 40 ships", 40, 40, "up to", False, None, "ship")]),
    ("no fewer than 7 banks", [("no fewer than 7 banks", 7, 7, "at least", False, None, "bank")]),
    ("upwards of 300 cars", [("upwards of 300 cars", 300, 300, "more than", False, None, "car")]),
    ("fewer than 20 women", [("fewer than 20 women", 20, 20, "less than", False, None, "woman")]),
    (
        "no more than 20 people",
        [("no more than 20 people", 20, 20, "up to", False, None, "people")],
    ),
    ("over 10,000 people", [("over 10,000 people", 1e4, 1e4, "more than", False, None, "people")]),
    # "over" as a preposition before a duration
    ("spread over 10 years", [("10 years", 10, 10, None, False, None, "year")]),
    # ranges
    ("27-28 people", [("27-28 people", 27, 28, None, False, None, "people")]),
    (
        "between 5 and 10 casualties",
        [("between 5 and 10 casualties", 5, 10, None, False, None, "casualty")],
    ),
    ("5 to 10 people", [("5 to 10 people", 5, 10, None, False, None, "people")]),
    ("5-10 percent", [("5-10 percent", 5, 10, None, False, "%", None)]),
    ("two or three weeks", [("two or three weeks", 2, 3, None, False, None, "week")]),
    ("$5-10 million", [("$5-10 million", 5e6, 1e7, None, False, "USD", None)]),
    # a change, not a range
    (
        "rose from 5 to 10",
        [("5", 5, 5, None, False, None, None), ("10", 10, 10, None, False, None, None)],
    ),
    # counted nouns
    ("10,000-strong army", [("10,000-strong army", 1e4, 1e4, None, False, None, "army")]),
    (
        "30 sports utility vehicles",
        [("30 sports utility vehicles", 30, 30, None, False, None, "vehicle")],
    ),
    ("1,200 servicemen", [("1,200 servicemen", 1200, 1200, None, False, None, "serviceman")]),
    ("40 casualties", [("40 casualties", 40, 40, None, False, None, "casualty")]),
    ("a 33-year-old man", [("33-year-old", 33, 33, None, False, None, "year-old")]),
    # a superscript is no digit of the figure (float() rejects it)
    ("an area of 45 m ² in all", [("45", 45, 45, None, False, None, None)]),
]

NOT_COUNTS = [
    "in 2022",
    "since 1987",
    "October 25",
    "Oct. 27-28",
    "2024-11-01",
    "25 October",
    "11/01/2024",
    "the third official visit",
    "the 21st century",
    "in the 1990s",
    "at 10:30",
    "at 5 p.m.",
    "at 1500 GMT",
    "at 10am",
    "call 555-1234",
    "+44 20 7946 0958",
    "see https://example.com/news/2024/123456",
    "F-16 jets",
    "the G20 summit",
    "Covid-19 cases",
    "Article 5 applies",
    "No. 10 said",
    "the Boeing 737 crashed",
    "they won 2-1",
    "no one came",
    "one day he left",
    "one of the soldiers",
    "two-thirds of voters",
    "some of the troops",
    "a couple who married",
    "multi-billion dollar deal",
    "1" * 60,
    # digits to str.isdigit() but not decimal: float() rejects them, so no count
    "footnote ³ said",
    "the ² sign",
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_cases(sentence: str, expected: list[Expected]) -> None:
    assert _summary(extract_numbers(sentence)) == expected


@pytest.mark.parametrize("sentence", NOT_COUNTS)
def test_not_counts(sentence: str) -> None:
    assert extract_numbers(sentence) == []


def test_same_value_different_hedge() -> None:
    about, up_to = _one("about 10,000 troops"), _one("up to 10,000 troops")
    assert (about.low, about.high) == (up_to.low, up_to.high)
    assert (about.hedge, up_to.hedge) == ("about", "up to")


def test_counted_span_and_absolute_offsets() -> None:
    body = "Intro. The West believes up to 10,000 North Korean troops are in Russia. End 5 cars."
    start = body.index("The")
    end = body.index(" End")
    claim = extract_numbers(body, start, end)[0]
    assert body[claim.start : claim.end] == claim.text == "up to 10,000 North Korean troops"
    assert claim.counted_span is not None
    assert body[claim.counted_span[0] : claim.counted_span[1]] == "troops"
    assert len(extract_numbers(body, start, end)) == 1  # "5 cars" lies outside the passage


def test_demonym_counted_span() -> None:
    claim = _one("Two dozen North Koreans were seen.")
    assert claim.counted == "north korean"
    assert claim.counted_span == (10, 23)
    assert noun_class(claim.counted) == "people"


SAME_KIND = [
    ("about 10,000 of its military", "up to 10,000 North Korean troops", True),
    ("two dozen soldiers", "two dozen people", True),
    ("10,000 troops", "10,000 dollars", False),
    ("$5m", "€5m", False),
    ("5%", "7 per cent", True),
    ("500 workers", "500 troops", False),
    ("500 jobs", "450 workers", True),
    ("two years", "24 months", False),
    ("a 33-year-old", "a two-year conflict", False),
    ("a few weeks", "two weeks", True),
    ("12% of voters", "12% of shares", False),
    ("10 cars", "12 cars", True),
    ("10,000", "10,000", True),
    ("10,000", "12,000", False),
    ("10,000", "10,000 troops", True),
    ("10,000", "12,000 troops", False),
]


@pytest.mark.parametrize(("a", "b", "expected"), SAME_KIND)
def test_same_kind(a: str, b: str, expected: bool) -> None:
    left, right = _one(a), _one(b)
    assert same_kind(left, right) is expected
    assert same_kind(right, left) is expected


def test_same_kind_with_demonym() -> None:
    koreans = _one("two dozen North Koreans")
    troops = _one("10,000 North Korean troops")
    assert noun_class(troops.counted) == "people:military"
    assert same_kind(koreans, troops)
    # Two parties or two origins never count the same people.
    assert not same_kind(_one("two Republicans"), _one("17 Democrats"))
    assert not same_kind(_one("4 million Floridians"), _one("448,357 Ohioans"))
    assert same_kind(_one("two Republicans"), _one("17 Republicans"))


@pytest.mark.parametrize(
    "text_",
    [
        "1-" * 50_000,
        "one " * 25_000,
        "between 1 and " * 7_000,
        "$" * 100_000,
        "a few hundred thousand " * 4_000,
        "some " * 20_000,
        "9" * 100_000,
    ],
)
def test_adversarial_input_completes(text_: str) -> None:
    for claim in extract_numbers(text_):
        assert claim.text == text_[claim.start : claim.end]


def test_every_claim_is_its_slice(corpora: Path) -> None:
    for ref in ("business/001", "business/013", "politics/001", "sport/001"):
        body = text("bbc", ref)
        claims = extract_numbers(body)
        assert claims
        assert all(c.text == body[c.start : c.end] for c in claims)
        assert [c.start for c in claims] == sorted(c.start for c in claims)


@pytest.mark.parametrize(
    ("text", "hedge", "counted"),
    [
        ("They sent 10,000 or more troops to the front.", "at least", "troop"),
        ("It would save $500 billion or so in all.", "about", None),
        ("They could suspend the $1 billion plus in aid.", "at least", None),
        ("She has 20-plus years of service.", "at least", "year"),
        ("Tickets cost $5 or less.", "up to", None),
        ("They owe $1 billion plus interest.", None, None),
    ],
)
def test_hedges_written_after_the_figure(text: str, hedge: str | None, counted: str | None) -> None:
    (claim,) = extract_numbers(text)
    assert (claim.hedge, claim.counted) == (hedge, counted)
    assert claim.text == text[claim.start : claim.end]


def test_a_year_named_with_its_number_is_no_count() -> None:
    claims = extract_numbers("The deficit will top $1 trillion in the 2020 budget year.")
    assert [c.text for c in claims] == ["$1 trillion"]
    assert [c.text for c in extract_numbers("It took 2,000 years.")] == ["2,000 years"]
