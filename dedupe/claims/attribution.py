"""Who a claim is attributed to: "the Pentagon said", "according to her", "said Lavrov".

Rule based. A passage is cut into sentences and words; every reporting cue from `CUES` is
tried in three shapes:

* source before the cue: "US intelligence has said", "officials say", "X told Reuters";
* source after the cue when the cue follows a comma or a closing quote: '..." said Lavrov';
* phrases whose source follows them: "according to intelligence", "citing Barron's".

The source is the noun phrase next to the cue, found by walking words away from it until a
clause boundary (punctuation, "that", "as", "while", ...) or a determiner ("the", "her").
``source`` is normalised: leading "the" dropped (kept before a bare compass bloc such as
"the West", which means something else without it), whitespace collapsed, case kept.
Pronoun sources ("according to her", "she said") are returned as written; `dedupe.claims.quotes`
resolves them to a person where that is clear.

This module also holds the word and sentence splitting that `names` and `quotes` share.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from functools import lru_cache
from typing import NamedTuple

from dedupe.claims.dates import MONTH_SHORT_FORMS
from dedupe.model import AttributionClaim

# The one table of reporting cues: lemma -> the forms matched (lower case).
CUES: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "add": ("add", "adds", "added", "adding"),
    "claim": ("claim", "claims", "claimed", "claiming"),
    "believe": ("believe", "believes", "believed"),
    "estimate": ("estimate", "estimates", "estimated"),
    "warn": ("warn", "warns", "warned", "warning"),
    "confirm": ("confirm", "confirms", "confirmed"),
    "report": ("report", "reports", "reported"),
    "announce": ("announce", "announces", "announced"),
    "declare": ("declare", "declares", "declared"),
    "state": ("stated",),
    "note": ("noted",),
    "respond": ("responded",),
    "reply": ("replied",),
    "explain": ("explain", "explains", "explained"),
    "insist": ("insist", "insists", "insisted"),
    "argue": ("argue", "argues", "argued"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged"),
    "admit": ("admit", "admits", "admitted"),
    "deny": ("deny", "denies", "denied"),
    "write": ("write", "writes", "wrote"),
    "allege": ("allege", "alleges", "alleged"),
    "assert": ("assert", "asserts", "asserted"),
    "suggest": ("suggest", "suggests", "suggested"),
    "predict": ("predict", "predicts", "predicted"),
    "reveal": ("reveal", "reveals", "revealed"),
    "vow": ("vow", "vows", "vowed"),
    "stress": ("stress", "stresses", "stressed"),
    "tweet": ("tweet", "tweets", "tweeted"),
    "testify": ("testify", "testifies", "testified"),
    "according to": ("according to",),
    "cite": ("citing",),
}
CUE_FORMS: frozenset[str] = frozenset(f for forms in CUES.values() for f in forms if " " not in f)
# Forms that are just as often nouns or adjectives ("deployment reports", "a stark warning",
# "confirmed cases"): their source must look like a speaker (see `_speakerlike`).
_NOUNLIKE = frozenset(
    {"report", "reports", "claim", "claims", "estimate", "estimates", "warning", "stress"}
    | {"tweet", "tweets", "vow", "vows", "estimated", "alleged"}
)
# The uninflected of those: a verb only after a plural ("officials report", "we estimate");
# after one name they make a noun ("the BuzzFeed report", "a Pentagon estimate").
_BARE_NOUNLIKE = frozenset({"report", "claim", "estimate", "tweet", "vow", "stress"})
# Cues whose source comes after them.
_FORWARD = frozenset({"according", "citing"})

PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you"})
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me"})
_DETERMINERS = frozenset(
    {"the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "these"}
    | {"those", "some", "many", "several", "both", "most", "other", "another", "each", "no"}
)
# Words that end the noun phrase walked away from a cue (clause starts, most prepositions).
_BOUNDARY = frozenset(
    {"that", "which", "who", "whom", "whose", "as", "while", "when", "where", "after", "before"}
    | {"because", "since", "if", "but", "though", "although", "so", "than", "until", "unless"}
    | {"whether", "and", "or", "with", "in", "on", "at", "during", "for", "from", "to", "by"}
    | {"about", "into", "over", "against", "without", "is", "was", "are", "were", "not"}
    | {"didn't", "didn’t", "doesn't", "doesn’t", "don't", "don’t", "never", "hasn't", "hasn’t"}
)
# Verbs of showing end a subject read backwards from its cue: in "the video showed Tlaib
# telling supporters" the speaker is Tlaib, not the video. Lower-case only ("Amber Heard").
_SHOWING = frozenset(
    {"show", "shows", "showed", "shown", "see", "sees", "saw", "seen", "hear", "hears", "heard"}
    | {"catch", "catches", "caught", "capture", "captures", "captured", "film", "films"}
    | {"filmed", "record", "records", "recorded", "depict", "depicts", "depicted"}
)
# Before a name, these make it the object of a phrase ("in Boston"), not a speaker.
_PREPOSITIONS = frozenset(
    {"in", "on", "at", "from", "to", "by", "with", "for", "into", "over", "about", "of"}
    | {"against", "during", "near", "across", "outside", "inside", "toward", "towards"}
)
# Phrases where a boundary word sits inside a source: "sources familiar with the matter".
_INNER = frozenset({("familiar", "with"), ("close", "to"), ("briefed", "on")})
# Auxiliaries and adverbs between a source and its cue: "has said", "did however laud".
AUXILIARIES = frozenset(
    {"has", "have", "had", "did", "does", "do", "will", "would", "could", "can", "may"}
    | {"might", "must", "should", "shall", "also", "however", "later", "further", "again"}
    | {"repeatedly", "reportedly", "previously", "then", "now", "publicly", "recently"}
    | {"privately", "separately", "already", "once", "still", "just", "often", "always", "even"}
    | {"first", "initially", "flatly", "openly", "earlier", "long", "has also", "quickly"}
)
_BE = frozenset({"is", "was", "are", "were", "be", "been", "being", "am", "to"})
# Common nouns that can be a source on their own: "officials say", "US intelligence said".
_SPEAKER_NOUNS = frozenset(
    {"official", "source", "spokesman", "spokeswoman", "spokesperson", "minister", "president"}
    | {"government", "ministry", "police", "intelligence", "analyst", "expert", "researcher"}
    | {"agency", "military", "army", "company", "leader", "diplomat", "lawmaker", "aide"}
    | {"witness", "resident", "authority", "authorities", "prosecutor", "investigator"}
)
_TIME_WORDS = frozenset(
    {"year", "years", "month", "months", "week", "weeks", "day", "days", "night", "time"}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "ago"}
    | {"today", "yesterday", "morning", "afternoon", "evening", "weekend"}
)
_NEGATIVE = frozenset({"neither", "no", "nobody", "none", "nor"})
_COMPASS = frozenset({"west", "east", "north", "south"})
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "st"}
    | {"jr", "sr", "prof", "rev", "inc", "corp", "co", "ltd", "no", "vs", "u.s", "u.n", "u.k"}
)
_MAX_SOURCE_WORDS = 8

# A word: letters/digits with inner dots, apostrophes and hyphens ("Censor.NET", "Son-hui",
# "Barron's"), an optional final dot (kept only for abbreviations); else one punctuation mark.
# Each repetition starts with a separator the word part cannot contain, so no backtracking
# can change a match; possessive quantifiers say so, and halve the regular expression's time.
_WORD = re.compile(r"\w++(?:[.'’\-]\w++)*+\.?|[^\w\s]")
# Every character outside a word is a space, so a word's offset is the sum of the lengths
# before it: each word with the spaces before it, read with findall (no match objects).
_SPACED_WORD = re.compile(rf"(\s*+)({_WORD.pattern})")
_SENTENCE_END = re.compile(r"\n|[.!?]+[\"”’')]*(?=\s)")
_SPACE = re.compile(r"\s+")


class Word(NamedTuple):
    """One word or punctuation mark of a document, with absolute offsets."""

    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        """The word in lower case, for table look-ups."""
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        """True for a word, False for a punctuation mark."""
        return self.text[0].isalnum() or self.text[0] == "_"


def is_abbreviation(word: str) -> bool:
    """True for "Mr.", "U.S.", "J." and other words whose final dot does not end a sentence."""
    bare = word.rstrip(".").lower()
    return bare in _ABBREVIATIONS or len(bare) == 1 or "." in bare


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words and punctuation marks of ``text[start:end]``; a sentence-final dot is its own."""
    stop = len(text) if end is None else end
    # When no token can cross the span's ends, its tokens are those of any window around it
    # split earlier: the grammars of names, attributions and quotes ask for the same text
    # and for parts of it.
    if _clean(text, start) and _clean(text, stop):
        for known, low, high, found, starts in reversed(_WINDOWS):
            if known is text and low <= start and stop <= high:
                return found[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, stop)]
    found = _tokenise(text, start, stop)
    _WINDOWS.append((text, start, stop, found, [w.start for w in found]))
    return found


# Recently split windows: (text, start, end, words, their starts).
_WINDOWS: deque[tuple[str, int, int, list[Word], list[int]]] = deque(maxlen=32)


def _clean(text: str, pos: int) -> bool:
    """Whether no token can run across position ``pos``."""
    return pos <= 0 or pos >= len(text) or text[pos - 1].isspace() or text[pos].isspace()


def _tokenise(text: str, start: int, stop: int) -> list[Word]:
    # tuple.__new__ builds each Word without the Python frame of Word's own __new__: names,
    # attributions and quotes tokenise every passage, so this loop is among the hottest.
    new = tuple.__new__
    found: list[Word] = []
    append = found.append
    pos = start
    # Without trailing spaces every run of spaces is followed by a word: a run that reached
    # the end would be scanned again from each of its characters (quadratic time).
    stop = start + len(text[start:stop].rstrip())
    for space, token in _SPACED_WORD.findall(text, start, stop):
        pos += len(space)
        end = pos + len(token)
        if len(token) > 1 and token[-1] == "." and not is_abbreviation(token):
            append(new(Word, (pos, end - 1, token[:-1])))
            append(new(Word, (end - 1, end, ".")))
        else:
            append(new(Word, (pos, end, token)))
        pos = end
    return found


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of the sentences and lines of ``text[start:end]``, trimmed of spaces."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, stop):
        if match.group() != "\n" and (
            _abbreviation_before(text, begin, match.start())
            or _lower_next(text, match.end())
            or _month_day(text, begin, match.start(), match.end())
        ):
            continue
        _add_trimmed(text, begin, match.end(), spans)
        begin = match.end()
    _add_trimmed(text, begin, stop, spans)
    return spans


def _lower_next(text: str, pos: int) -> bool:
    """True when the next word starts in lower case: '?” said the legislator' goes on."""
    stop = min(len(text), pos + 3)
    while pos < stop and text[pos] in " \t":
        pos += 1
    return pos < len(text) and text[pos].islower()


def _month_day(text: str, begin: int, dot: int, after: int) -> bool:
    """True when the dot ends a month's abbreviation before its day: "Oct. 22"."""
    word = text[max(begin, dot - 4) : dot].split()[-1:]
    rest = text[after : after + 3].lstrip()
    return bool(word) and word[0].lower() in MONTH_SHORT_FORMS and rest[:1].isdigit()


def _abbreviation_before(text: str, begin: int, dot: int) -> bool:
    """True when the dot at ``dot`` ends an abbreviation such as "Mr." rather than a sentence."""
    left = dot
    while left > begin and not text[left - 1].isspace():
        left -= 1
    return left < dot and is_abbreviation(text[left : dot + 1])


def _add_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def extract_attributions(
    text: str, start: int = 0, end: int | None = None
) -> list[AttributionClaim]:
    """Attributions in ``text[start:end]``, in text order; offsets are absolute into ``text``.

    A claim covers the source and the cue ("the Pentagon said", "according to intelligence",
    "said Lavrov"); see the module docstring for how ``source`` is normalised.
    """
    stop = len(text) if end is None else end
    return list(_attributions(text, start, stop))


@lru_cache(maxsize=16)
def _attributions(text: str, start: int, stop: int) -> tuple[AttributionClaim, ...]:
    # Cached: quotes ask for the attributions of the text they also hand to claims.
    triggers = CUE_FORMS | _FORWARD
    claims: list[AttributionClaim] = []
    for s_start, s_end in sentences(text, start, stop):
        ws = words(text, s_start, s_end)
        for i, word in enumerate(ws):
            claim = _attribution_at(text, ws, i) if word.lower in triggers else None
            if claim is not None:
                claims.append(claim)
    return tuple(claims)


def _attribution_at(text: str, ws: list[Word], i: int) -> AttributionClaim | None:
    """The attribution whose cue is word ``i``, if the words around it make one."""
    cue = ws[i].lower
    if cue == "according":
        if i + 1 < len(ws) and ws[i + 1].lower == "to":
            return _make(text, ws[i].start, ws[i + 1].end, noun_after(ws, i + 2), ws, i + 1, True)
        return None
    if cue == "citing":
        return _make(text, ws[i].start, ws[i].end, noun_after(ws, i + 1), ws, i, True)
    if i > 0 and ws[i - 1].lower in _BE and not cue.endswith("ing"):
        return None  # passive or infinitive: "is believed to", "expected to announce"
    if cue in ("add", "adds", "added") and _next_is_number(ws, i):
        return None  # "the company added 500 jobs"
    if i + 1 < len(ws) and ws[i + 1].lower == "by":
        return None  # passive: "proposals announced by the Secretary"
    source = subject_before(ws, i)
    if source is not None:
        return _make(text, ws[i].start, ws[i].end, source, ws, i, False)
    if _after_quote(ws, i) and not cue.endswith("ing") and cue not in CUES["tell"]:
        return _make(text, ws[i].start, ws[i].end, noun_after(ws, i + 1), ws, i, True)
    return None


def _after_quote(ws: list[Word], i: int) -> bool:
    """True when the cue at ``i`` follows a closing quote: '," said Lavrov', '" said Lavrov'."""
    closing = ('"', "”", "’", "'")
    if i > 0 and ws[i - 1].text in closing:
        return True
    return i > 1 and ws[i - 1].text == "," and ws[i - 2].text in closing


def _next_is_number(ws: list[Word], i: int) -> bool:
    return i + 1 < len(ws) and ws[i + 1].text[0].isdigit()


def _make(
    text: str,
    cue_start: int,
    cue_end: int,
    source: tuple[int, int] | None,
    ws: list[Word],
    cue_index: int,
    forward: bool,
) -> AttributionClaim | None:
    """An `AttributionClaim` from the cue and source spans, or None when the source is unfit."""
    if source is None:
        return None
    raw = text[source[0] : source[1]]
    first, *_, last = raw.lower().replace("’", "'").split() * 2
    if raw.lower() == "let's" or first in _NEGATIVE or last in _TIME_WORDS:
        return None  # "Let's say ...", "Neither country has denied", "last year announced"
    if ws[cue_index].lower in _NOUNLIKE and not _speakerlike(raw):
        return None
    if ws[cue_index].lower in _BARE_NOUNLIKE and not _plural(last):
        return None  # "investigate the BuzzFeed report": a verb this bare wants a plural
    start, end = (cue_start, source[1]) if forward else (source[0], cue_end)
    cue = _SPACE.sub(" ", text[cue_start:cue_end]).lower()
    return AttributionClaim(start, end, text[start:end], normalise_source(raw), cue)


def normalise_source(raw: str) -> str:
    """Collapse whitespace and drop a leading "the" unless it precedes a bare compass bloc."""
    source = _SPACE.sub(" ", raw).strip()
    head, _, rest = source.partition(" ")
    if head.lower() == "the" and rest and rest.lower() not in _COMPASS:
        return rest
    return source


def _plural(word: str) -> bool:
    """Whether a source's last word (lower case) takes a plural verb: "officials", "we"."""
    return word.endswith("s") or word in {"they", "we", "i", "you", "people", "police"}


def _speakerlike(source: str) -> bool:
    """A capitalised word, a pronoun or a speaker noun: "Censor.NET", "she", "officials"."""
    for token in source.split():
        bare = token.lower().rstrip("s")
        if token[0].isupper() or token.lower() in PRONOUNS | OBJECT_PRONOUNS:
            return True
        if bare in _SPEAKER_NOUNS or token.lower() in _SPEAKER_NOUNS:
            return True
    return False


def _skip_auxiliaries(ws: list[Word], j: int) -> int:
    """Index of the last word before ``j`` that is not an auxiliary or ", however,"."""
    while j >= 0:
        if ws[j].lower in AUXILIARIES:
            j -= 1
        elif _parenthetical(ws, j):
            j -= 3
        else:
            return j
    return j


def _parenthetical(ws: list[Word], j: int) -> bool:
    """True when ``ws[j]`` closes ", however," or a like aside between source and cue."""
    return ws[j].text == "," and j >= 2 and ws[j - 1].lower in AUXILIARIES and ws[j - 2].text == ","


def subject_before(ws: list[Word], i: int) -> tuple[int, int] | None:
    """(start, end) of the noun phrase that is the subject of the verb at word ``i``."""
    last = _skip_auxiliaries(ws, i - 1)
    after_comma = last > 0 and ws[last].text == "," and ws[last - 1].text[0].isupper()
    if after_comma:
        last -= 1  # an appositive name: "A spokesman for the DNC, Brad Woodhouse, said"
    if last < 0 or not ws[last].is_word or ws[last].lower in _BOUNDARY:
        return None
    if ws[last].lower in PRONOUNS:
        return ws[last].start, ws[last].end
    first = last
    while first > 0 and last - first + 1 < _MAX_SOURCE_WORDS + 1:
        if ws[first].lower in _DETERMINERS:
            break
        prev = ws[first - 1]
        if not prev.is_word or prev.lower in PRONOUNS:
            break
        if prev.lower in _BOUNDARY and not _joins(ws, first - 1):
            break
        if prev.text in _SHOWING:
            break
        first -= 1
    if last - first + 1 > _MAX_SOURCE_WORDS or _only_determiners(ws[first : last + 1]):
        return None
    if after_comma and first > 0 and ws[first - 1].lower in _PREPOSITIONS:
        return None  # "... in Libya, saying", "Doe, speaking in Boston, said": a place
    return ws[first].start, ws[last].end


def _joins(ws: list[Word], j: int) -> bool:
    """True when boundary word ``j`` is inside a source: "familiar with", "Moscow and Seoul"."""
    if j >= 1 and (ws[j - 1].lower, ws[j].lower) in _INNER:
        return True
    capitals = j >= 1 and ws[j - 1].text[0].isupper() and ws[j + 1].text[0].isupper()
    return ws[j].lower == "and" and capitals


def noun_after(ws: list[Word], i: int) -> tuple[int, int] | None:
    """(start, end) of the noun phrase starting at word ``i`` ("her", "a video of his remarks")."""
    if i >= len(ws) or not ws[i].is_word or ws[i].lower in _BOUNDARY:
        return None
    if ws[i].lower in PRONOUNS | OBJECT_PRONOUNS:
        return ws[i].start, ws[i].end
    last = i
    while last + 1 < len(ws) and last + 1 - i < _MAX_SOURCE_WORDS:
        nxt = ws[last + 1]
        if not nxt.is_word or nxt.lower in _BOUNDARY or nxt.lower in CUE_FORMS:
            break
        last += 1
    if _only_determiners(ws[i : last + 1]):
        return None
    return ws[i].start, ws[last].end


def _only_determiners(span: list[Word]) -> bool:
    return all(w.lower in _DETERMINERS or w.text[0].isdigit() for w in span)
