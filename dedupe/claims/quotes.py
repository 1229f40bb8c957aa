"""Words in quotation marks and who said them.

Marks: curly “...” and ‘...’, straight "..." and '...'. A straight mark opens when a space,
line start or bracket is before it and a letter after it, and closes when a non-space is
before it and no letter after it; an apostrophe between letters ("Russia's") is neither.
In tokenised text, where a space stands before every mark ('some purpose , " Craft said',
'again , ” police said'), a double mark after a space closes too when no letter follows.
A quote never crosses a blank line. A quote running over paragraphs opens each paragraph
and closes only the last: an unclosed quote ends where the next paragraph opens with a mark,
or, in text that lost its paragraph breaks, at the full stop before the next opening mark
('He said: "The only thing ... think. "I can just imagine ..."'); an unclosed quote that no
opening mark follows yields nothing.
Single-quoted words inside a double-quoted quote belong to it and are not separate claims.

A claim covers the quoted words without the marks and without trailing ``, . ; :`` (so the
same words compare equal whatever the punctuation), ``?`` and ``!`` kept. A quote split by
its attribution ('"We ...," she said, "and ..."') gives two claims with the same speaker.

Speaker, first match wins: an attribution right after the closing mark ('," Choe declared',
'," said Lavrov'; not after a full stop: '.” Lane said he was' starts a new statement); the
nearest attribution before the opening mark in the same sentence ("Lavrov said Russia was
"deeply grateful""); the subject of a verb that introduces a
quote ("Lavrov did however laud "very close ties"", "The Tories dismissed the plan as "desperate"");
then the speaker of the quote just before, when only a short attribution lies between them.
``speaker`` is the source with titles stripped, and ``text[speaker_span] == speaker``.
A pronoun ("she said", "according to her") is resolved to the last person who was the
subject of a sentence (a pronoun subject continues the previous one, keeping "he" and "she"
apart, each person's gender as the pronouns before the quote told it), looking back up to
`LOOKBACK` characters before ``start``; if none, speaker is None.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from dedupe.claims.attribution import (
    OBJECT_PRONOUNS,
    PRONOUNS,
    Word,
    extract_attributions,
    sentences,
    subject_before,
    words,
)
from dedupe.claims.names import extract_names, same_person, strip_title
from dedupe.model import AttributionClaim, NameClaim, QuoteClaim, inside

LOOKBACK = 1500
_MAX_DOUBLE = 3000  # longer "quotes" are stray marks in scraped text
_MAX_SINGLE = 300  # single marks are also apostrophes: keep their quotes short
_PAIRS = {"“": "”", '"': '"', "‘": "’", "'": "'"}
_OPENERS_BEFORE = " \t\n([{—–-/“‘\"'"
# Verbs that put a quote in their subject's mouth without being reporting cues.
_QUOTE_VERBS = frozenset(
    "laud lauded lauds praise praised praises call called calls describe described describes "
    "term termed dub dubbed label labelled labeled hail hailed condemn condemned slam slammed "
    "blast blasted decry decried criticize criticized criticised urge urged pledge pledged "
    "promise promised accuse accused express expressed voice voiced ask asked asks continued "
    "joked quipped wondered recalled shouted tweeted countered dismiss dismissed dismisses "
    "brand branded".split()
)
_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_TRAILING = ",.;: \n\t"
_CONTINUATION_GAP = 120
_VERB_REACH = 150


@dataclass(frozen=True, slots=True)
class _Quoted:
    """One pair of marks: ``open``/``close`` are the mark positions."""

    open: int
    close: int


def extract_quotes(
    text: str,
    start: int = 0,
    end: int | None = None,
    floor: int = 0,
    known: tuple[list[NameClaim], list[AttributionClaim]] | None = None,
) -> list[QuoteClaim]:
    """Quotes in ``text[start:end]`` with their speakers; offsets are absolute into ``text``.

    Speakers are looked for back to ``LOOKBACK`` characters before ``start``, never before
    ``floor`` (where the article begins). ``known`` holds names and attributions the
    caller has already found over at least that window (the whole article, say); those in
    the window are used. See the module docstring for the marks recognised, the span and
    the speaker rules.
    """
    stop = len(text) if end is None else end
    marks = quote_marks(text, start, stop)
    if not marks:
        return []
    window = max(floor, start - LOOKBACK)
    if known is None:
        known = (extract_names(text, window, stop), extract_attributions(text, window, stop))
    return Speakers(text, window, stop, *known).quotes(start, marks)


def _continues(text: str, before: _Quoted, quoted: _Quoted) -> bool:
    """True when ``quoted`` follows ``before`` in the same paragraph after at most a short
    attribution ('“...,” Lew said in a statement. “...”')."""
    gap = text[before.close + 1 : quoted.open]
    return len(gap) <= _CONTINUATION_GAP and "\n" not in gap


def quote_marks(text: str, start: int, end: int) -> list[_Quoted]:
    """Pairs of quotation marks in ``text[start:end]``, outer double quotes first in order."""
    doubles = _pair(text, start, end, "“", "”", '"', _MAX_DOUBLE)
    singles = _pair(text, start, end, "‘", "’", "'", _MAX_SINGLE)
    opens = [q.open for q in doubles]
    inside = [s for s in singles if _within(doubles, opens, s.open)]
    return sorted([*doubles, *(s for s in singles if s not in inside)], key=lambda q: q.open)


def _within(doubles: list[_Quoted], opens: list[int], pos: int) -> bool:
    k = bisect.bisect_left(opens, pos) - 1
    return k >= 0 and doubles[k].close > pos


def _pair(
    text: str, start: int, end: int, curly_open: str, curly_close: str, straight: str, limit: int
) -> list[_Quoted]:
    """Match opening and closing marks of one kind in a single left-to-right pass."""
    pairs: list[_Quoted] = []
    opened = -1
    for mark in _marks(curly_open + curly_close + straight).finditer(text, start, end):
        pos, ch = mark.start(), mark.group()
        if ch == "\n":
            if opened >= 0 and "\n" in text[max(opened, pos - 2) : pos]:
                # a blank line ends any open quote: a paragraph of a longer quote when the
                # next paragraph opens with a mark
                run_on = _OPENING.match(text, pos + 1)
                if run_on and run_on.group(1) in (curly_open, straight):
                    pairs.extend(_ran_on(text, opened, text.rindex("\n", 0, pos), limit))
                opened = -1
        elif opened >= 0 and _closes(text, pos, ch, curly_close, straight):
            if pos - opened <= limit:
                pairs.append(_Quoted(opened, pos))
            opened = -1
        elif _opens(text, pos, ch, curly_open, straight):
            if opened >= 0 and _RUN_ON.match(text, pos - 2):
                pairs.extend(_ran_on(text, opened, pos - 1, limit))  # a paragraph break lost
            opened = pos
    return pairs


# The first mark of a paragraph; a full stop and a space before an opening mark.
_OPENING = re.compile(r"\s*(\S)")
_RUN_ON = re.compile(r"[.?!] ")
# A mark that no letter stands on both sides of: a quote mark, not an apostrophe.
_STRAY_MARK = re.compile(r"[\"“”]|(?<![^\W\d_])['’‘]|['’‘](?![^\W\d_])")


def _ran_on(text: str, opened: int, close: int, limit: int) -> list[_Quoted]:
    """The paragraph of a quote from ``opened`` to ``close`` (where its paragraph ends),
    unless too long to be one or holding marks of its own: a close no rule reads (",''
    Hogan said", "’ ” he said") leaves its attribution inside, so nothing is sure of it."""
    if close - opened > limit or _STRAY_MARK.search(text, opened + 1, close):
        return []
    return [_Quoted(opened, close)]


@functools.lru_cache(maxsize=4)
def _marks(chars: str) -> re.Pattern[str]:
    """Line breaks and the given marks: the only characters `_pair` acts on."""
    return re.compile(f"[\n{re.escape(chars)}]")


def _letter(text: str, pos: int) -> bool:
    return 0 <= pos < len(text) and text[pos].isalnum()


def _opens(text: str, pos: int, ch: str, curly_open: str, straight: str) -> bool:
    before_ok = pos == 0 or text[pos - 1] in _OPENERS_BEFORE
    if ch == curly_open:
        return before_ok or not _letter(text, pos - 1)
    return ch == straight and before_ok and _letter(text, pos + 1)


def _closes(text: str, pos: int, ch: str, curly_close: str, straight: str) -> bool:
    if ch not in (curly_close, straight) or pos == 0:
        return False
    if text[pos - 1].isspace():
        # a double mark with no letter after it opens nothing: it closes ('again , ”')
        return ch in '”"' and not _letter(text, pos + 1)
    if curly_close == "’" or ch == straight:
        return not _letter(text, pos + 1)  # not an apostrophe: "Russia's", "don’t"
    return True


def _content(text: str, quoted: _Quoted) -> tuple[int, int] | None:
    """The quoted words without marks, surrounding space and trailing , . ; :"""
    left, right = quoted.open + 1, quoted.close
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1] in _TRAILING:
        right -= 1
    if not any(ch.isalpha() for ch in text[left:right]):
        return None
    return left, right


class Speakers:
    """Who says what in one stretch of an article: its attributions, sentences and sentence
    subjects, worked out once for every passage in the stretch that holds quotes."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        names: list[NameClaim],
        attributions: list[AttributionClaim],
    ) -> None:
        self.text = text
        self.attributions = list(inside(attributions, start, end))
        self.starts = [a.start for a in self.attributions]
        self.sentences = sentences(text, start, end)
        self.sentence_starts = [s for s, _ in self.sentences]
        quoted = quote_marks(text, start, end)
        self.subjects = _subjects(text, self.sentences, quoted, list(inside(names, start, end)))

    def quotes(self, start: int, marks: list[_Quoted]) -> list[QuoteClaim]:
        """The quotes of a passage of this stretch that starts at ``start``, with their
        speakers, who are looked for back to `LOOKBACK` characters before it; ``marks`` are
        the passage's `quote_marks`, which its caller has already found."""
        floor = start - LOOKBACK
        claims: list[QuoteClaim] = []
        previous: tuple[_Quoted, tuple[str, tuple[int, int]] | None] | None = None
        for quoted in marks:
            span = _content(self.text, quoted)
            if span is None:
                continue
            speaker = self.speaker(quoted, floor)
            if speaker is None and previous and _continues(self.text, previous[0], quoted):
                speaker = previous[1]  # '“...,” she said. “And ...”': the same speaker goes on
            previous = (quoted, speaker)
            name, where = (None, None) if speaker is None else speaker
            claims.append(QuoteClaim(span[0], span[1], self.text[span[0] : span[1]], name, where))
        return claims

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence containing ``pos`` (or the one just before it)."""
        k = max(0, bisect.bisect_right(self.sentence_starts, pos) - 1)
        return self.sentences[k] if self.sentences else (pos, pos)

    def speaker(self, quoted: _Quoted, floor: int) -> tuple[str, tuple[int, int]] | None:
        """(speaker, its span) for one quote, or None when no speaker can be told; a pronoun
        refers to no one before ``floor``."""
        claim = self._attribution_for(quoted)
        if claim is not None:
            return self._name(claim.source, claim.start, claim.end, floor)
        subject = self._verb_subject(quoted) or self._subject_after(quoted)
        if subject is None:
            return None
        return self._name(self.text[subject[0] : subject[1]], subject[0], subject[1], floor)

    def _attribution_for(self, quoted: _Quoted) -> AttributionClaim | None:
        after = _skip_gap(self.text, quoted.close + 1)
        k = bisect.bisect_left(self.starts, after)
        # '“... him.” Lane said he was worried': a full stop ended the quote's sentence, so
        # the attribution after it starts a new statement.
        ended = self.text[quoted.close - 1] == "."
        if k < len(self.starts) and self.starts[k] == after and not ended:
            return self.attributions[k]
        s_start, _ = self.sentence(quoted.open)
        k = bisect.bisect_left(self.starts, quoted.open) - 1
        while k >= 0 and self.attributions[k].start >= s_start:
            if self.attributions[k].end <= quoted.open:
                return self.attributions[k]
            k -= 1
        return None

    def _verb_subject(self, quoted: _Quoted) -> tuple[int, int] | None:
        """The subject of a quote-introducing verb before the quote in its sentence."""
        s_start, _ = self.sentence(quoted.open)
        # the verb is near the quote; a bounded look keeps run-on "sentences" linear
        ws = words(self.text, max(s_start, quoted.open - _VERB_REACH), quoted.open)
        for i in range(len(ws) - 1, -1, -1):
            if ws[i].lower in _QUOTE_VERBS:
                if ws[i].lower.endswith("ing") and i > 0 and ws[i - 1].text == ",":
                    # "X accused Y of ... in Libya, saying": the participle's subject is
                    # the sentence's, never the noun before the comma.
                    return self._sentence_subject(s_start, ws[i].start)
                return subject_before(ws, i)
        return None

    def _sentence_subject(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of the last sentence subject recorded between ``start`` and ``end``."""
        between = [s for s in self.subjects if start <= s.pos < end]
        return between[-1].span if between else None

    def _subject_after(self, quoted: _Quoted) -> tuple[int, int] | None:
        """The subject of a quote verb right after the closing mark ('” Mr. Trump responded')."""
        after = _skip_gap(self.text, quoted.close + 1)
        ws = words(self.text, after, min(len(self.text), after + 80))[:6]
        for i, word in enumerate(ws):
            if word.lower in _QUOTE_VERBS:
                subject = subject_before(ws, i)
                return subject if subject is not None and subject[0] == after else None
        return None

    def _name(
        self, source: str, start: int, end: int, floor: int
    ) -> tuple[str, tuple[int, int]] | None:
        """The speaker as written minus titles, with its span; pronouns resolved."""
        lower = source.lower()
        if lower in PRONOUNS | OBJECT_PRONOUNS:
            return _resolve(self.subjects, start, _GENDER.get(lower), floor)
        offset = self.text.find(source, start, end)
        if offset < 0:  # a normalised source with collapsed spaces: keep the raw text
            offset, source = start, self.text[start:end]
        name = strip_title(source)
        first = offset + source.rfind(name)
        return name, (first, first + len(name))


def _skip_gap(text: str, pos: int) -> int:
    """The first position after ``pos`` that is not a space, comma or dash (bounded)."""
    stop = min(len(text), pos + 4)
    while pos < stop and text[pos] in " ,—–-\t":
        pos += 1
    return pos


@dataclass(frozen=True, slots=True)
class _Subject:
    """A person who is the subject of a sentence: a name, or a pronoun that continues one.

    ``genders`` holds what later pronouns told of the person's gender, with where: a quote
    is read with what the text has told before it, never after.
    """

    pos: int
    name: str
    span: tuple[int, int]
    genders: list[tuple[int, str]]

    def gender(self, before: int) -> str | None:
        """The person's gender as known at position ``before`` (None: not known)."""
        known = [gender for at, gender in self.genders if at < before]
        return known[-1] if known else None


def _subjects(
    text: str, spans: list[tuple[int, int]], quoted: list[_Quoted], names: list[NameClaim]
) -> list[_Subject]:
    """The sentence subjects in text order, pronoun subjects already resolved."""
    persons = [n for n in names if n.category == "person"]
    starts = [n.start for n in persons]
    opens = [q.open for q in quoted]
    subjects: list[_Subject] = []
    for s_start, s_end in spans:
        if _headline(text, s_start, s_end):
            continue  # "Clinton Defends Her Actions": title case hides who the subject is
        head = _head_words(text, s_start, s_end, quoted, opens)
        for c in [0] + [k + 1 for k, w in enumerate(head[:12]) if w.text == ","]:
            if c < len(head) and _subject_at(text, head, c, persons, starts, subjects):
                break
    return subjects


def _headline(text: str, start: int, end: int) -> bool:
    """A title-case line without a final stop: every word of four letters or more capitalised."""
    if text[end - 1] in '.!?"”':
        return False
    long_words = [w for w in text[start:end].split() if len(w) >= 4 and w[0].isalpha()]
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def _subject_at(
    text: str,
    head: list[Word],
    c: int,
    persons: list[NameClaim],
    starts: list[int],
    subjects: list[_Subject],
) -> bool:
    """Record the subject starting at ``head[c]``, if there is one; True if recorded."""
    word = head[c]
    if word.lower in ("he", "she"):
        gender = _GENDER[word.lower]
        resolved = _resolve(subjects, word.start, gender)
        if resolved is not None:
            _remember_gender(subjects, resolved[0], gender, word.start)
            subjects.append(_Subject(word.start, resolved[0], resolved[1], [(word.start, gender)]))
        return True
    limit = head[min(len(head) - 1, c + 4)].end
    k = bisect.bisect_left(starts, word.start)
    if k < len(persons) and persons[k].start < limit:
        person = persons[k]
        genders = _genders_of(subjects, person.text)
        subjects.append(_Subject(person.start, person.text, (person.start, person.end), genders))
        return True
    return False


def _head_words(
    text: str, start: int, end: int, quoted: list[_Quoted], opens: list[int]
) -> list[Word]:
    """The first words and commas of a sentence, leaving out quoted words."""
    head: list[Word] = []
    for word in words(text, start, end):
        if (word.is_word or word.text == ",") and not _in_quote(quoted, opens, word.start):
            head.append(word)
        if len(head) >= 16:
            break
    return head


def _in_quote(quoted: list[_Quoted], opens: list[int], pos: int) -> bool:
    k = bisect.bisect_left(opens, pos) - 1
    return k >= 0 and quoted[k].close > pos


def _resolve(
    subjects: list[_Subject], pos: int, gender: str | None, floor: int = 0
) -> tuple[str, tuple[int, int]] | None:
    """The latest subject between ``floor`` and ``pos`` whose gender, if known, matches
    ``gender``."""
    k = len(subjects)
    while k > 0 and subjects[k - 1].pos >= pos:
        k -= 1
    for subject in reversed(subjects[max(0, k - 20) : k]):
        if subject.pos < floor:
            break
        if gender is None or subject.gender(pos) in (None, gender):
            return subject.name, subject.span
    return None


def _genders_of(subjects: list[_Subject], name: str) -> list[tuple[int, str]]:
    """What earlier pronouns told of the gender of the person ``name``: a new mention of a
    man is still a man."""
    for subject in reversed(subjects[-20:]):
        if same_person(subject.name, name):
            return list(subject.genders)
    return []


def _remember_gender(subjects: list[_Subject], name: str, gender: str, pos: int) -> None:
    """A pronoun at ``pos`` tells a person's gender: remember it for every mention of that
    person."""
    for subject in subjects[-20:]:
        if same_person(subject.name, name):
            subject.genders.append((pos, gender))


def same_speaker(a: str | None, b: str | None) -> bool:
    """True when two speakers can be the same person ("Choe", "Choe Son-hui").

    Titles, case and accents are ignored; an unknown speaker (None) matches nothing.
    """
    if a is None or b is None:
        return False
    left, right = strip_title(a), strip_title(b)
    return left.casefold() == right.casefold() or same_person(left, right)
