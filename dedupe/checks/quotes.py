"""quote-drift: the same quotation worded differently by two sources.

The same speaker's quotes (or, where a side's speaker is unknown, quotes of nearly the same
words) are compared; a quote the other side repeats verbatim, a longer excerpt of the same
words, punctuation, contractions and house-style abbreviations ("Sen.") are no drift.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from dedupe.checks.evidence import DocumentPair, Side, finding
from dedupe.claims.quotes import same_speaker
from dedupe.model import Finding, Match, Pair, QuoteClaim
from dedupe.normalize import fold
from dedupe.worddiff import changes, describe, longest_run, similarity


def check(docs: DocumentPair) -> Iterator[Match]:
    """The quotes of every passage pair that are one quotation, with the drift findings."""
    for pair, a, b in docs.passages:
        yield from _quotes(pair, a, b, _framed(docs, a, b))


def _framed(docs: DocumentPair, a: Side, b: Side) -> set[tuple[QuoteClaim, QuoteClaim]]:
    """Quotes that stand in one sentence copied around them, four words or more of it the
    same on both sides: one quotation however its words changed, speaker known or not
    (a frame as short as "he said" holds any quote)."""
    copied = docs.copied(a, b, a.claims.quotes, b.claims.quotes)
    return {(x, y) for x, y in copied.items() if a.frame(x.start, x.end) >= _LEAST_WORDS}


def reading(quote: QuoteClaim) -> str:
    """A quote's words as its slot's variants compare them: folded, contractions and
    house-style abbreviations spelled out."""
    return " ".join(_words(quote.text))


def _quotes(
    pair: Pair, a: Side, b: Side, framed: set[tuple[QuoteClaim, QuoteClaim]]
) -> Iterator[Match]:
    """The same quotation on both sides, repeated or worded differently.

    A quote that the other side repeats word for word has no drift, whatever other quotes
    of the same speaker look like: it is matched with its repeat only.
    """
    words_a = {fold(q.text) for q in a.claims.quotes}
    words_b = {fold(q.text) for q in b.claims.quotes}
    for x in a.claims.quotes:
        repeated = fold(x.text) in words_b
        for y in b.claims.quotes:
            if repeated or fold(y.text) in words_a:
                if fold(x.text) == fold(y.text) and len(reading(x).split()) >= _LEAST_WORDS:
                    yield _match(a, b, x, y, ())
                continue
            relation = _relation(x, y, (x, y) in framed)
            if relation == "drift":
                yield _match(a, b, x, y, [_drift(pair, a, b, x, y)])
            elif relation == "same":
                yield _match(a, b, x, y, ())


def _match(a: Side, b: Side, x: QuoteClaim, y: QuoteClaim, found: Iterable[Finding]) -> Match:
    key = x.speaker or y.speaker or " ".join(reading(x).split()[:4]) + " …"
    sides = ((a.at(x.start, x.end), reading(x)), (b.at(y.start, y.end), reading(y)))
    return Match.of("quote", key, sides, found)


def _drift(pair: Pair, a: Side, b: Side, x: QuoteClaim, y: QuoteClaim) -> Finding:
    who = x.speaker or y.speaker
    whose = f"{who}'s quote" if who else "A quote without a known speaker"
    message = f"{whose} is worded differently: {describe(x.text, y.text)}"
    return finding(
        "quote-drift", pair, a.at(x.start, x.end), b.at(y.start, y.end), message, (a.doc, b.doc)
    )


# A quote whose speaker is unknown on a side is compared only when this much alike.
_UNSPOKEN_LIKENESS = 0.8
_UNSPOKEN_RUN = 5
# Shorter quotes ("a success") are too common to say two articles quote one statement.
_LEAST_WORDS = 4


def one_quotation(x: QuoteClaim, y: QuoteClaim) -> bool:
    """Whether two quotes are one quotation by their words alone, whoever each side says
    speaks them: as written, or worded differently but nearly the same words."""
    return _relation(replace(x, speaker=None), replace(y, speaker=None)) is not None


def _relation(x: QuoteClaim, y: QuoteClaim, framed: bool = False) -> str | None:
    """ "same" when two quotes are one quotation as written (a fragment, a longer excerpt,
    house style), "drift" when they are one quotation worded differently, else None.
    ``framed``: the two stand in one sentence copied around them (`_framed`)."""
    fx, fy = fold(x.text), fold(y.text)
    if min(len(fx.split()), len(fy.split())) < _LEAST_WORDS:
        return None
    known = bool(x.speaker and y.speaker)
    if known and not same_speaker(x.speaker, y.speaker):
        return None
    if fx == fy or fx in fy or fy in fx:
        return "same"  # identical, or one quotes a fragment of the other
    worded = [(old, new) for old, new in changes(x.text, y.text) if not _same_words(old, new)]
    if not worded or _transliterated(worded):
        return "same"  # only punctuation or house style ("Sen.", "Gadhafi") differs
    if _excerpt(_words(x.text), _words(y.text)):
        return "same"  # one quotes a longer stretch of the same words
    if _elided(x.text, y.text) or _elided(y.text, x.text):
        return "same"  # one leaves words out at an ellipsis, the other quotes them
    # Two different quotes of one speaker share words, rarely a run of three of them; where a
    # side's speaker is unknown, only nearly the same words say it is one quote, unless the
    # sentence around them is copied, which says it as well as a speaker.
    least, run = (0.5, 3) if known or framed else (_UNSPOKEN_LIKENESS, _UNSPOKEN_RUN)
    alike = similarity(x.text, y.text) >= least and longest_run(x.text, y.text) >= run
    return "drift" if alike else None


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


# Outlets spell a foreign name by their own house style ("Muammar al-Qaddafi", "Moammar
# Gadhafi"): a name spelled alike this much, once an Arabic article is set aside, is one name.
_TRANSLITERATED = 60
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az)-", re.IGNORECASE)
# A house style respells a name in several letters; one letter off ("Bides" for "Biden") is
# as likely a slip of the copy as a style, and a changed quote is reported.
_RESPELT = 2


def _transliterated(changed: list[tuple[str, str]]) -> bool:
    """Whether the changed stretches of a quote are a name spelled another way: as many
    capitalised words on both sides of each, each alike, and `_RESPELT` letters or more
    respelt in all."""
    pairs = []
    for old, new in changed:
        wa, wb = old.split(), new.split()
        if not wa or len(wa) != len(wb):
            return False
        pairs += list(zip(wa, wb, strict=True))
    names = all(_capitalised(x) and _capitalised(y) for x, y in pairs)
    bare = [(_bare(x), _bare(y)) for x, y in pairs]
    alike = all(fuzz.ratio(x, y) >= _TRANSLITERATED for x, y in bare)
    return names and alike and sum(Levenshtein.distance(x, y) for x, y in bare) >= _RESPELT


def _capitalised(word: str) -> bool:
    return _ARTICLE.sub("", word)[:1].isupper()


def _bare(word: str) -> str:
    return fold(_ARTICLE.sub("", word)).strip(".,;:()'\"’”")


_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")
# The shortest stretch of a fragment by which the other quote may begin or end inside it.
_EDGE_WORDS = 3


def _elided(elided: str, full: str) -> bool:
    """Whether ``elided`` is ``full`` with words left out at its ellipses: each fragment
    between them runs unbroken in ``full``, in order. ``full`` may begin inside the first
    fragment and end inside the last (it quotes a shorter stretch at its edges)."""
    parts = [words for words in map(_words, _ELLIPSIS.split(elided)) if words]
    if len(parts) < 2:
        return False
    words = _words(full)
    parts[0] = _opening(parts[0], words)
    parts[-1] = _opening(parts[-1][::-1], words[::-1])[::-1]
    at = 0
    for part in parts:
        at = _index(words, part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def _opening(fragment: list[str], words: list[str]) -> list[str]:
    """``fragment``, or its longest end with which ``words`` begins when ``words`` does not
    hold all of it (at least `_EDGE_WORDS` words)."""
    if _index(words, fragment, 0) >= 0:
        return fragment
    ends = (fragment[k:] for k in range(1, len(fragment) - _EDGE_WORDS + 1))
    return next((end for end in ends if words[: len(end)] == end), fragment)


def _index(words: list[str], part: list[str], start: int) -> int:
    """Where ``part`` first runs unbroken in ``words`` from ``start``, else -1."""
    for k in range(start, len(words) - len(part) + 1):
        if words[k : k + len(part)] == part:
            return k
    return -1


def _excerpt(a: list[str], b: list[str]) -> bool:
    """Whether the shorter word list runs unbroken inside the longer one."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return _index(long, short, 0) >= 0


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
