"""Word-level differences between two passages, for messages and side-by-side views.

Character diffs split words ("red" -> "green" shows as g/re/d/en), so we diff word tokens
with difflib (``autojunk=False``: news sentences repeat short words, and junk heuristics
would hide real changes). Tokens are compared in a normalised form (case, curly quotes,
dashes), but every token keeps its offsets in the original text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from dedupe.normalize import fold

_TOKEN = re.compile(r"\w+(?:[-'’.,]\w+)*|[^\w\s]")

Tag = Literal["equal", "delete", "insert", "replace"]


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark and its offsets in the text it came from."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Op:
    """One step of a word diff: ``a[a_start:a_end]`` becomes ``b[b_start:b_end]``.

    Offsets are character offsets into the two texts given to `diff`.
    """

    tag: Tag
    a_start: int
    a_end: int
    b_start: int
    b_end: int


def tokens(text: str) -> list[Token]:
    """Split ``text`` into word and punctuation tokens with their offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def diff(a: str, b: str) -> list[Op]:
    """The word-level edit script turning ``a`` into ``b``, with character offsets."""
    ta, tb = tokens(a), tokens(b)
    matcher = difflib.SequenceMatcher(
        None, [fold(t.text) for t in ta], [fold(t.text) for t in tb], autojunk=False
    )
    return [
        Op(tag, *_bounds(ta, i1, i2, len(a)), *_bounds(tb, j1, j2, len(b)))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def _bounds(toks: list[Token], i: int, j: int, length: int) -> tuple[int, int]:
    """Character range covered by tokens i..j (an empty range at the insertion point)."""
    if i < j:
        return toks[i].start, toks[j - 1].end
    return (toks[i].start, toks[i].start) if i < len(toks) else (length, length)


def changes(a: str, b: str) -> list[tuple[str, str]]:
    """The non-equal steps as (words in a, words in b) pairs; either side may be empty."""
    return [
        (a[op.a_start : op.a_end], b[op.b_start : op.b_end])
        for op in diff(a, b)
        if op.tag != "equal"
    ]


def describe(a: str, b: str, limit: int = 3) -> str:
    """The changes from ``a`` to ``b`` told in a sentence: '"We will always" is added,
    and "with" reads "by our" (and 2 more changes)'. Changes of punctuation alone are
    left out of the account when words changed too: they are noise beside words."""
    steps = changes(a, b)
    worded = [step for step in steps if any(_has_word(part) for part in step)] or steps
    told = [_tell(old, new) for old, new in worded[:limit]]
    sentence = told[0] if len(told) == 1 else ", ".join(told[:-1]) + " and " + told[-1]
    extra = len(worded) - limit
    if extra > 0:
        sentence += f" (and {extra} more {'change' if extra == 1 else 'changes'})"
    return sentence


def _tell(old: str, new: str) -> str:
    if not old:
        return f'"{new}" is added'
    if not new:
        return f'"{old}" is left out'
    return f'"{old}" reads "{new}"'


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def similarity(a: str, b: str) -> float:
    """Share of matching words between ``a`` and ``b`` (0..1), compared folded."""
    wa = [fold(t.text) for t in tokens(a)]
    wb = [fold(t.text) for t in tokens(b)]
    if not wa and not wb:
        return 1.0
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def longest_run(a: str, b: str) -> int:
    """The length, in words, of the longest run of words ``a`` and ``b`` share."""
    wa = [fold(t.text) for t in tokens(a) if t.text[0].isalnum()]
    wb = [fold(t.text) for t in tokens(b) if t.text[0].isalnum()]
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    return matcher.find_longest_match(0, len(wa), 0, len(wb)).size


# difflib's cost grows fast on reordered repeated words (minutes at a few thousand tokens),
# so the bounded diff below never diffs more than this many tokens.
DIFF_TOKENS = 400


def bounded_changes(a: str, b: str, limit: int = DIFF_TOKENS) -> list[Op]:
    """The non-equal steps of the word diff, computed only where it stays cheap.

    The words both texts open and end with are set aside first, so a long passage with one
    edited stretch is still diffed; when what is left is over ``limit`` tokens on either
    side, no change is given (the texts are shown unmarked rather than waiting minutes).
    Offsets are into ``a`` and ``b`` as given.
    """
    toks_a, toks_b = tokens(a), tokens(b)
    words_a, words_b = [fold(t.text) for t in toks_a], [fold(t.text) for t in toks_b]
    lead = _shared(words_a, words_b)
    trail = _shared(words_a[lead:][::-1], words_b[lead:][::-1])
    start_a, end_a = _between(toks_a, len(a), lead, trail)
    start_b, end_b = _between(toks_b, len(b), lead, trail)
    if max(len(toks_a), len(toks_b)) - lead - trail > limit:
        return []
    return [
        Op(
            op.tag,
            start_a + op.a_start,
            start_a + op.a_end,
            start_b + op.b_start,
            start_b + op.b_end,
        )
        for op in diff(a[start_a:end_a], b[start_b:end_b])
        if op.tag != "equal"
    ]


def _shared(x: list[str], y: list[str]) -> int:
    """How many leading items ``x`` and ``y`` have in common."""
    n = 0
    while n < min(len(x), len(y)) and x[n] == y[n]:
        n += 1
    return n


def _between(toks: list[Token], length: int, lead: int, trail: int) -> tuple[int, int]:
    """From the end of the first ``lead`` tokens to the start of the last ``trail``."""
    start = toks[lead - 1].end if lead else 0
    end = toks[len(toks) - trail].start if trail else length
    return start, end
