"""What every checker reads and what it makes.

A checker reads one `DocumentPair`: two articles from different sources that share
passages, each passage pair with the claims on its two sides, and the story they share (if
any). It makes `Match`es, two claims that are versions of one claim (the links the slots of
a story are made of) with the findings their difference raises, and `Finding`s about no
claim (a copied article). Every finding has a content fingerprint that does not depend on
line numbers.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol, TypeVar

from dedupe.claims import Claims
from dedupe.claims.attribution import sentences
from dedupe.claims.dates import MONTH_WORDS, dates_a_post
from dedupe.config import Settings
from dedupe.model import C, Claim, Document, Finding, Pair, Span
from dedupe.normalize import fold, match_tokens
from dedupe.rules import RULES
from dedupe.worddiff import similarity

# Characters either side of a claim that tell what it is about: a figure's subject can be a
# few words away.
CONTEXT = 60
# A sentence longer than this is no copy of a sentence but a table or a list run together.
COPIED_CHARS = 1000
# Pair score from which two passages surely tell the same event, so their figures and
# dates must agree.
SURE_PAIR = 0.5
# Word likeness of two sentences below which, though they share the words next to their
# claims, they tell two facts: a few words in common ("in Tahrir Square", "years after")
# do not make one event or one span of time.
ONE_FACT = 0.4


class Placed(Protocol):
    """What `DocumentPair.copied` reads of a claim: where it stands."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


P = TypeVar("P", bound=Placed)
K = TypeVar("K")


@dataclass(frozen=True)
class Side:
    """One side of a passage pair: its document, span and claims."""

    doc: Document
    span: Span
    claims: Claims

    def at(self, start: int, end: int) -> Span:
        """A span of this side's document."""
        return self.doc.span(start, end)

    def context(self, start: int, end: int, width: int = CONTEXT) -> set[str]:
        """Content words around ``text[start:end]``, the claim itself left out."""
        text = self.doc.text
        before = text[max(self.span.start, start - width) : start]
        after = text[end : min(self.span.end, end + width)]
        return set(match_tokens(f"{before} {after}")) - {"#"}

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Start and end of each sentence of the passage."""
        return sentences(self.doc.text, self.span.start, self.span.end)

    @cached_property
    def _starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    def sentence_index(self, position: int) -> int | None:
        """Which of the passage's sentences holds ``position`` (None: none of them)."""
        k = bisect.bisect_right(self._starts, position) - 1
        return None if k < 0 or position >= self.sentences[k][1] else k

    def sentence_at(self, position: int) -> tuple[int, int]:
        """Start and end of the passage's sentence that holds ``position``. The dateline of
        an embedded post belongs with the post it signs, so its sentence is the post's
        line: two articles embedding two posts of one account share only the signature."""
        k = self.sentence_index(position)
        if k is None:
            return position, position
        first, last = self.sentences[k]
        if dates_a_post(self.doc.text, position):
            # the post may stand before the passage: its line, not the passage, bounds it
            first = self.doc.text.rfind("\n", 0, first) + 1
        return first, last

    def sentence_of(self, claim: Claim) -> tuple[int, int]:
        """Start and end of the passage's sentence holding ``claim`` (the claim's own when
        it stands in none)."""
        start, end = self.sentence_at(claim.start)
        return (start, end) if start < end else (claim.start, claim.end)

    def beside(self, claim: Claim, claims: Iterable[C]) -> list[C]:
        """Of ``claims`` of this side, those in the sentence of ``claim``, other than it."""
        start, end = self.sentence_of(claim)
        return [c for c in claims if start <= c.start < end and c is not claim]

    def around(self, start: int, end: int) -> str | None:
        """The words of the sentence holding ``text[start:end]``, that stretch blanked out:
        two sentences read the same around two claims when only the claims differ. None
        for a sentence too long to be copied whole (a table, a list run together)."""
        return self.blanked(*self.sentence_at(start), start, end)

    def blanked(self, first: int, last: int, start: int, end: int) -> str | None:
        """The words of the sentence ``text[first:last]`` with ``text[start:end]`` blanked
        out (`around`); None for one too long to be copied whole."""
        if last - first > COPIED_CHARS or end > last:
            return None
        text = self.doc.text
        return f"{_words(text[first:start])} _ {_words(text[end:last])}"

    def frame(self, start: int, end: int) -> int:
        """How many words of its sentence stand around ``text[start:end]`` (`around`; 0 for
        a sentence too long to be copied)."""
        around = self.around(start, end)
        return len(around.split()) - 1 if around else 0  # the blank is no word


_WORD = re.compile(r"\w+")


def _words(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))


def likeness(a: Side, b: Side, x: Claim, y: Claim) -> float:
    """The word likeness (`similarity`) of the sentences holding ``x`` in ``a`` and ``y`` in
    ``b``."""
    (start, end), (other_start, other_end) = a.sentence_of(x), b.sentence_of(y)
    return similarity(a.doc.text[start:end], b.doc.text[other_start:other_end])


def named_apart(a: Side, x: Claim, b: Side, y: Claim) -> bool:
    """Whether the sentences of two claims each name people or places and none the same:
    then each claim is of its own subject ("Clinton held 14 events in Indiana", "Sanders
    held 9 in Kentucky"; "Sessions testified Tuesday", "Comey testified Thursday")."""
    return told_apart(_named(a, x), _named(b, y))


def told_apart(mine: set[K], theirs: set[K]) -> bool:
    """Whether two claims' sentences each tell some of a kind (names, other figures) and
    none in common: then each tells its own thing."""
    return bool(mine and theirs) and mine.isdisjoint(theirs)


def _named(side: Side, claim: Claim) -> set[str]:
    """The words of the people and places the sentence of a claim names: "John G. Roberts
    Jr." and "John Roberts" share theirs, as any two ways of naming one person do."""
    return {
        word
        for n in side.beside(claim, side.claims.names)
        if n.category in ("person", "place")
        for word in _WORD.findall(fold(n.name))
        if len(word) > 1 and word not in _SUFFIXES
    }


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# Words that tell a thing as another of its kind than one already told of: "a separate
# test", "a smaller agreement". ("Another" is left out: "for another seven seconds" adds
# to a figure, and "another 200 people" are counted besides others, `numbers._besides`.)
_ANOTHER = frozenset({"separate", "smaller", "larger", "bigger"})


def another_of_a_kind(a: Side, x: Claim, b: Side, y: Claim) -> bool:
    """Whether one claim's sentence tells its thing as another of a kind and the other's
    does not: "a separate test will be done this morning" is not the test "confirmed
    Sunday", nor "a smaller agreement" of $500 billion the plan of $4.6 trillion."""
    return _another(a, x) != _another(b, y)


def _another(side: Side, claim: Claim) -> bool:
    start, end = side.sentence_of(claim)
    return not _ANOTHER.isdisjoint(_WORD.findall(fold(side.doc.text[start:end])))


def sentence_key(text: str) -> bytes:
    """A digest of a sentence's words with every figure and date masked: the same for the
    copies of one sentence with other figures or days (a template: "The poll was conducted
    July 24-28" and "conducted Jan. 17-21")."""
    words = re.sub(r"\d+", "#", _words(text)).split()
    masked = _MASKED_RUN.sub("#", " ".join("#" if w in MONTH_WORDS else w for w in words))
    return hashlib.blake2b(masked.encode("utf-8"), digest_size=8).digest()


# Masked words side by side are one masked figure or date: "July 24-28, 2014" is one.
_MASKED_RUN = re.compile(r"#(?: #)+")


@dataclass(frozen=True)
class DocumentPair:
    """Two paired articles: what every checker reads.

    ``pairs`` are their passage pairs (side ``a`` in document ``a``); ``claims_a`` and
    ``claims_b`` the claims of each document's passages (names and attributions also
    where quotes look for their speakers, as `claims.extract_passages` gives them);
    ``overlap`` the share of the shorter article the other repeats nearly verbatim;
    ``story`` the story both belong to (None when they belong to none together);
    ``templates`` the digests (`sentence_key`) of sentences that recur, with other
    figures, in articles of several stories; ``loose`` whether the two, though of no common
    story, are compared like one story's articles: one of them found no story, and they
    name someone or something in common; ``placed`` whether the two can be set in time
    beside each other: both are dated, or the run dates (nearly) none of its articles.
    """

    a: Document
    b: Document
    pairs: Sequence[Pair]
    claims_a: Claims
    claims_b: Claims
    overlap: float
    story: str | None
    settings: Settings
    templates: frozenset[bytes] = frozenset()
    loose: bool = False
    placed: bool = True

    @property
    def comparable(self) -> bool:
        """Whether all their figures and dates are compared, not only copied sentences.

        Only between articles of one story (or `loose` ones), and only when both can be
        set in time: in an archive that dates its articles, an undated one joins a story
        by its words alone, and the reports of one index, one poll or one office on other
        days read just like it (two days' market closes, two polls' samples)."""
        return (self.story is not None or self.loose) and self.placed

    @property
    def apart(self) -> bool:
        """Whether the two are dated further apart than `story_days`: two days' news."""
        return apart(self.a, self.b, self.settings)

    def template(self, side: Side, position: int) -> bool:
        """Whether the sentence at ``position`` of ``side`` is a template of several
        stories (never within one story): its figures are not meant to agree."""
        if self.story is not None:
            return False
        start, end = side.sentence_at(position)
        return sentence_key(side.doc.text[start:end]) in self.templates

    def copied(self, a: Side, b: Side, xs: Iterable[P], ys: Iterable[P]) -> dict[P, P]:
        """Of claims ``xs`` of side ``a`` and ``ys`` of side ``b``, those that stand in one
        sentence copied with only them changed, each with its one such partner; a template
        sentence recurring across stories does not count (within one story it does)."""
        there: dict[str, list[P]] = defaultdict(list)
        for y in ys:
            key = b.around(y.start, y.end)
            if key is not None:
                there[key].append(y)
        found: dict[P, P] = {}
        for x in xs:
            key = a.around(x.start, x.end)
            partners = there.get(key, []) if key is not None else []
            if len(partners) == 1 and not self.template(a, x.start):
                found[x] = partners[0]
        return found

    @cached_property
    def passages(self) -> tuple[tuple[Pair, Side, Side], ...]:
        """Each passage pair with its two sides, each side with the claims inside it."""
        return tuple(
            (
                pair,
                Side(self.a, pair.a, self.claims_a.within(pair.a.start, pair.a.end)),
                Side(self.b, pair.b, self.claims_b.within(pair.b.start, pair.b.end)),
            )
            for pair in self.pairs
        )


def apart(a: Document, b: Document, settings: Settings) -> bool:
    """Whether ``a`` and ``b`` are dated further apart than `story_days`: the same index,
    poll or office months apart is two different days' news."""
    return (
        a.date is not None
        and b.date is not None
        and abs((a.date - b.date).days) > settings.story_days
    )


def fingerprint(rule: str, a: Span, b: Span, between: tuple[Document, Document]) -> str:
    """A content fingerprint: rule, the two documents' places (`place`) and the words
    involved, never positions; ``between`` holds the documents of ``a`` and ``b``."""
    key = "\0".join((rule, *map(place, between), fold(a.text), fold(b.text)))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def place(doc: Document) -> str:
    """Where a document is, however its path was spelled: its file from the root of the
    repository holding it (the absolute path outside one), plus ``#RECORD`` for a record.

    Not the id, which is relative to the folder given (``incoming/`` and
    ``incoming/afp/*.txt`` give one article two ids), and not a digest of the text, which
    would change with every unrelated edit: the file's place within the repository is the
    same from any working directory, for a folder or a store, on a laptop and in CI.
    """
    name = Path(doc.path).name
    marker = doc.id.rfind(f"{name}#") if name else -1
    record = doc.id[marker + len(name) :] if marker >= 0 else ""
    # Made absolute before the cache: a relative path means another file after a chdir.
    return _from_repository(os.path.abspath(doc.path)) + record


@functools.lru_cache(maxsize=4096)
def _from_repository(path: str) -> str:
    where = Path(path).resolve()
    for folder in where.parents:
        if (folder / ".git").exists():  # a folder, or a file in a git worktree
            return where.relative_to(folder).as_posix()
    return where.as_posix()


def finding(
    rule: str,
    pair: Pair | None,
    a: Span,
    b: Span,
    message: str,
    between: tuple[Document, Document],
) -> Finding:
    """A `Finding` of ``rule`` at its default severity; ``between`` holds the documents of
    ``a`` and ``b``."""
    severity = RULES[rule].severity
    return Finding(
        fingerprint(rule, a, b, between), rule, severity, pair.id if pair else None, a, b, message
    )
