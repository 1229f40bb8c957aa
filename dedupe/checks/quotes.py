"""quote-drift: the same quotation worded differently by two sources.

The same speaker's quotes (or, where a side's speaker is unknown, quotes of nearly the same
words) are compared; a quote the other side repeats verbatim, a longer excerpt of the same
words, punctuation, contractions and house-style abbreviations ("Sen.") are no drift.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dedupe.checks.evidence import DocumentPair, Side, finding
from dedupe.claims.quotes import same_speaker
from dedupe.model import Finding, Pair, QuoteClaim
from dedupe.normalize import fold
from dedupe.worddiff import changes, describe, longest_run, similarity


def check(docs: DocumentPair) -> Iterator[Finding]:
    """The quote findings of every passage pair."""
    for pair, a, b in docs.passages:
        yield from _quotes(pair, a, b)


def _quotes(pair: Pair, a: Side, b: Side) -> Iterator[Finding]:
    """The same quotation from the same speaker, worded differently.

    A quote that the other side repeats word for word has no drift, whatever other quotes
    of the same speaker look like.
    """
    words_a = {fold(q.text) for q in a.claims.quotes}
    words_b = {fold(q.text) for q in b.claims.quotes}
    for x in (q for q in a.claims.quotes if fold(q.text) not in words_b):
        for y in (q for q in b.claims.quotes if fold(q.text) not in words_a):
            if _drifted(x, y):
                who = x.speaker or y.speaker
                whose = f"{who}'s quote" if who else "A quote without a known speaker"
                message = f"{whose} is worded differently: {describe(x.text, y.text)}"
                yield finding(
                    "quote-drift", pair, a.at(x.start, x.end), b.at(y.start, y.end), message
                )


# A quote whose speaker is unknown on a side is compared only when this much alike.
_UNSPOKEN_LIKENESS = 0.8
_UNSPOKEN_RUN = 5


def _drifted(x: QuoteClaim, y: QuoteClaim) -> bool:
    fx, fy = fold(x.text), fold(y.text)
    if fx == fy or fx in fy or fy in fx or min(len(fx.split()), len(fy.split())) < 4:
        return False  # identical, or one quotes a fragment of the other
    known = bool(x.speaker and y.speaker)
    if known and not same_speaker(x.speaker, y.speaker):
        return False
    if all(_same_words(old, new) for old, new in changes(x.text, y.text)):
        return False  # only punctuation or house style ("Sen." for "Senator") differs
    if _excerpt(_words(x.text), _words(y.text)):
        return False  # one quotes a longer stretch of the same words
    # Two different quotes of one speaker share words, rarely a run of three of them; where a
    # side's speaker is unknown, only nearly the same words say it is one quote.
    least, run = (0.5, 3) if known else (_UNSPOKEN_LIKENESS, _UNSPOKEN_RUN)
    return similarity(x.text, y.text) >= least and longest_run(x.text, y.text) >= run


_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "pres": "president",
    "dept": "department",
    "govt": "government",
    "st": "saint",
    "mt": "mount",
    "ft": "fort",
    "%": "percent",
}


def _same_words(old: str, new: str) -> bool:
    """Whether a changed stretch differs only in punctuation, in a house-style abbreviation
    ("Sen.", "F.B.I."), a contraction ("we've" for "we have") or "&" for "and"."""
    return _words(old) == _words(new)


def _excerpt(a: list[str], b: list[str]) -> bool:
    """Whether the shorter word list runs unbroken inside the longer one."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return any(long[k : k + len(short)] == short for k in range(len(long) - len(short) + 1))


def _words(text: str) -> list[str]:
    """The words of ``text`` as `_same_words` compares them."""
    plain = _INITIALS.sub(lambda m: m.group().replace(".", ""), fold(text))  # F.B.I. = FBI
    plain = _IRREGULAR.sub(lambda m: _CONTRACTED[m.group()], plain)
    plain = _CONTRACTIONS.sub(lambda m: " " + _CONTRACTED[m.group()], plain)
    found = re.findall(r"\w+|%", plain.replace("&", " and "))
    return [_ABBREVIATIONS.get(w, w) for w in found]


_CONTRACTED = {
    **{"won't": "will not", "can't": "can not", "cannot": "can not"},
    **{"n't": "not", "'ve": "have", "'ll": "will", "'re": "are", "'m": "am"},
    # "I'd like" is "I would like" far more often than "I had"; quotes differ by the former.
    "'d": "would",
}
_IRREGULAR = re.compile(r"\b(?:won't|can't|cannot)\b")
_INITIALS = re.compile(r"\b(?:\w\.){2,}")
_CONTRACTIONS = re.compile(r"(?<=\w)(?:n't|'ve|'ll|'re|'m|'d)\b")
