"""Normalisation for matching: case, quotes, dashes and whitespace.

These functions return new strings for comparison only; nothing here is used to compute an
offset, so the document text and every span into it stay exactly as decoded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_FOLD = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, straight quotes, plain hyphens, NFKC, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return _SPACE.sub(" ", text).strip()


# Names of the same country or people written differently: the matcher should see one word.
# Demonyms map to the country so "North Korean troops" and "North Korea's troops" match.
_ALIASES = {
    "dprk": "north korea",
    "n korea": "north korea",
    "north korean": "north korea",
    "north koreans": "north korea",
    "rok": "south korea",
    "south korean": "south korea",
    "south koreans": "south korea",
    "america": "united states",
    "american": "united states",
    "americans": "united states",
    "uk": "britain",
    "u.k.": "britain",
    "united kingdom": "britain",
    "british": "britain",
    "eu": "european union",
    "european": "europe",
    "un": "united nations",
    "u.n.": "united nations",
    "russian": "russia",
    "russians": "russia",
    "russian federation": "russia",
    "ukrainian": "ukraine",
    "ukrainians": "ukraine",
    "chinese": "china",
    "prc": "china",
    "japanese": "japan",
    "iranian": "iran",
    "iranians": "iran",
    "iraqi": "iraq",
    "iraqis": "iraq",
    "israeli": "israel",
    "israelis": "israel",
    "palestinian": "palestine",
    "palestinians": "palestine",
    "syrian": "syria",
    "syrians": "syria",
    "afghan": "afghanistan",
    "afghans": "afghanistan",
    "pakistani": "pakistan",
    "indian": "india",
    "french": "france",
    "german": "germany",
    "germans": "germany",
    "italian": "italy",
    "spanish": "spain",
    "turkish": "turkey",
    "mexican": "mexico",
    "mexicans": "mexico",
    "canadian": "canada",
    "australian": "australia",
    "brazilian": "brazil",
    "saudi": "saudi arabia",
    "egyptian": "egypt",
    "polish": "poland",
    "cuban": "cuba",
    "venezuelan": "venezuela",
}
_ALIASES.update({name: name for name in _ALIASES.values() if " " in name})
# Counted nouns that name the same thing, so "its military" and "troops" are one kind.
_SYNONYMS = {
    "soldier": "troop",
    "militari": "troop",
    "servicemen": "troop",
    "serviceman": "troop",
    "servicememb": "troop",
    "forc": "troop",
    "percent": "%",
    "dollar": "$",
}
_WORD = re.compile(r"[\w$%]+(?:[.'’-][\w]+)*\.?")
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions billion billions trillion dozen dozens "
    "several".split()
)
_DIGITS = re.compile(r"\d")
# "US" the country, before folding makes it "us" the pronoun.
_US = re.compile(r"(?<![\w.])(?:U\.S\.A\.?|U\.S\.?|USA|US)(?!\w)")


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def match_tokens(text: str) -> list[str]:
    """Content words for matching: folded, aliased, stemmed, numbers as ``#``.

    Numbers become one placeholder so that two passages are matched on what they say, not
    on the figures they give (a changed figure is what the checker must catch later).
    """
    folded = fold(_US.sub(" united states ", text))
    words = [_bare(w) for w in _WORD.findall(folded)]
    words = _apply_aliases(words)
    stop = _stop_words()
    kept = ["#" if _DIGITS.search(w) or w in _NUMBER_WORDS else w for w in words if w not in stop]
    stems = _stemmer().stemWords([w.replace(" ", "_") for w in kept])
    return [_SYNONYMS.get(s, s) for s in stems]


def _bare(word: str) -> str:
    """Drop a possessive and a sentence-final full stop (keep the stops of "u.n.")."""
    word = word.removesuffix("'s")
    return word if word.count(".") > 1 else word.rstrip(".")


def _apply_aliases(words: list[str]) -> list[str]:
    """Replace one- and two-word aliases ("north korean", "dprk") by their canonical form."""
    out: list[str] = []
    i = 0
    while i < len(words):
        two = f"{words[i]} {words[i + 1]}" if i + 1 < len(words) else ""
        if two in _ALIASES:
            out.append(_ALIASES[two])
            i += 2
            continue
        out.append(_ALIASES.get(words[i], words[i]))
        i += 1
    return out
