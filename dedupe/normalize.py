"""Normalisation for matching: case, quotes, dashes and whitespace.

These functions return new strings for comparison only; nothing here is used to compute an
offset, so the document text and every span into it stay exactly as decoded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# Characters written differently for the same thing. Each maps to one ASCII character that
# is not itself replaced, so the order of replacement does not matter.
_FOLD = (
    ("‘", "'"),
    ("’", "'"),
    ("‚", "'"),
    ("‛", "'"),
    ("“", '"'),
    ("”", '"'),
    ("„", '"'),
    ("«", '"'),
    ("»", '"'),
    ("–", "-"),
    ("—", "-"),
    ("‐", "-"),
    ("‑", "-"),
    ("−", "-"),
    ("\u00a0", " "),
)


def fold(text: str) -> str:
    """Lower case, straight quotes, plain hyphens, NFKC, single spaces."""
    # ASCII text is already NFKC and has nothing to replace: most sentences skip both.
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        # A test and a replace per character beat str.translate's per-character dict look-up
        # tenfold on news sentences.
        for char, plain in _FOLD:
            if char in text:
                text = text.replace(char, plain)
    return " ".join(text.casefold().split())


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
_ALIAS_FIRST = frozenset(name.split()[0] for name in _ALIASES if " " in name)
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
# Stands for a break between stretches in `match_runs`: folding keeps it, words never hold it.
_BREAK = "\x00"
_WORD_OR_BREAK = re.compile(rf"{_BREAK}|{_WORD.pattern}")
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
    return [token for run in match_runs(text) for token in run]


def match_runs(text: str, breaks: re.Pattern[str] | None = None) -> list[list[str]]:
    """`match_tokens` of each stretch of ``text`` between matches of ``breaks``, in order,
    empty stretches left out: one pass over the text instead of one per stretch."""
    words = _WORD_OR_BREAK.findall(fold(_marked(text, breaks)))
    if len(_TOKENS) > _MAX_TOKENS:
        _TOKENS.clear()
    known = _TOKENS.get
    runs: list[list[str]] = []
    run: list[str] = []
    i, count = 0, len(words)
    while i < count:
        word = words[i]
        i += 1
        if word == _BREAK:
            if run:
                runs.append(run)
                run = []
            continue
        if word in _ALIAS_FIRST and i < count:
            two = f"{_bare(word)} {_bare(words[i])}"
            if two in _ALIASES:
                run.append(_token(_ALIASES[two]))
                i += 1
                continue
        token = known(word)
        if token is None:
            token = _TOKENS[word] = _token(word)
        if token:
            run.append(token)
    if run:
        runs.append(run)
    return runs


# Each word's token, as words repeat a lot: a plain dict read in the loop costs a third
# less than an lru_cache call per word (the segmentation's largest part); emptied when full.
_TOKENS: dict[str, str] = {}
_MAX_TOKENS = 1 << 18


def _marked(text: str, breaks: re.Pattern[str] | None) -> str:
    """``text`` with `_BREAK` at each of ``breaks`` (and nowhere else), and "US" spelt out."""
    if _BREAK in text:  # a stray control character in the text is no break
        text = text.replace(_BREAK, " ")
    if breaks is not None:
        text = breaks.sub(f" {_BREAK} ", text)
    if "US" in text or "U.S" in text:  # every spelling _US knows starts so
        text = _US.sub(" united states ", text)
    return text


def _token(word: str) -> str:
    """One word as the matcher sees it ("" for a stop word)."""
    word = _bare(word)
    word = _ALIASES.get(word, word)
    if word in _stop_words():
        return ""
    if _DIGITS.search(word) or word in _NUMBER_WORDS:
        return "#"
    stem: str = _stemmer().stemWord(word.replace(" ", "_"))
    return _SYNONYMS.get(stem, stem)


def _bare(word: str) -> str:
    """Drop a possessive and a sentence-final full stop (keep the stops of "u.n.")."""
    word = word.removesuffix("'s")
    return word if word.count(".") > 1 else word.rstrip(".")
