"""Sentences with character offsets, and the lines that are not article text.

Sentence boundaries come from sentencex (Wikimedia's rule-based splitter: abbreviations,
initials, decimals and quotes; fast enough for archives of tens of thousands of articles).
Boilerplate ("Watch more: ...", "Read more: ...", "Related ...", photo captions and
credits, bare headings) is recognised per line and never paired or flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

import sentencex

from dedupe.model import Document, Sentence

# Lines that link elsewhere or carry page furniture rather than reporting.
DEFAULT_BOILERPLATE = (
    r"(?:watch|read|see|listen|find out|learn) (?:more|also|next|now)\b",
    r"(?:also read|more from|more on this|related(?: articles?| stories| coverage| news)?)\b",
    r"(?:advertisement|subscribe|sign up|follow us|share this|click here|copyright|©)",
    r"(?:image|photo|video|picture) (?:caption|credit|copyright|source|via)\b",
    # Photo captions: "Image Mr. Bush in August. Credit... Name/Agency" (the credit
    # capitalised), "Enlarge this image toggle caption Name/Getty Images", "Photo: Name".
    r"image\s.*\s(?-i:Credit)\b",
    r"enlarge this image\b",
    r"(?:photo|image)s?:\s",
)
_TERMINAL = re.compile(r"""[.!?…:;]["'”’)\]]*\s*$""")
_PARAGRAPH = re.compile(r"\S[^\n]*(?:\n(?!\s*\n)[^\n]*)*")
_LINE = re.compile(r"[^\n]+")


@lru_cache(maxsize=32)
def _boilerplate_re(extra: tuple[str, ...]) -> re.Pattern[str]:
    patterns = "|".join(f"(?:{p})" for p in (*DEFAULT_BOILERPLATE, *extra))
    return re.compile(rf"\s*(?:{patterns})", re.I)


def is_heading(line: str) -> bool:
    """A short line without closing punctuation: a title or cross-head, not a sentence."""
    words = line.split()
    return 0 < len(words) <= 14 and not _TERMINAL.search(line)


def boilerplate_lines(doc: Document, extra: Sequence[str] = ()) -> list[tuple[int, int]]:
    """Offsets of the lines of ``doc`` that are boilerplate or bare headings."""
    pattern = _boilerplate_re(tuple(extra))
    spans = []
    for para in _PARAGRAPH.finditer(doc.text, doc.body_start):
        lines = list(_LINE.finditer(para.group()))
        # In hard-wrapped text (wire copy) a short unpunctuated line is a wrap, not a heading.
        wrapped = len(lines) > 1 and sum(bool(_TERMINAL.search(m.group())) for m in lines) < (
            0.8 * len(lines)
        )
        for line in lines:
            text = line.group()
            if pattern.match(text) or (not wrapped and is_heading(text)):
                spans.append((para.start() + line.start(), para.start() + line.end()))
    return spans


def sentences(doc: Document, extra_boilerplate: Sequence[str] = ()) -> list[Sentence]:
    """The sentences of ``doc`` in order, boilerplate ones flagged."""
    skip = boilerplate_lines(doc, extra_boilerplate)
    out: list[Sentence] = []
    for start, end in _spans(doc):
        flagged = any(s < end and start < e for s, e in skip)
        out.append(Sentence(doc.id, len(out), start, end, flagged))
    return out


def _spans(doc: Document) -> Iterator[tuple[int, int]]:
    for para in _PARAGRAPH.finditer(doc.text, doc.body_start):
        text, base = para.group(), para.start()
        begin: int | None = None
        cursor = 0
        # The splitter returns the sentences' texts, not offsets: find each one in turn.
        for piece in sentencex.segment("en", text):
            sentence = piece.strip()
            start = text.find(sentence, cursor) if sentence else -1
            if start < 0:
                continue
            begin = start if begin is None else begin
            cursor = start + len(sentence)
            # A stop inside a token ("JCP.N", "Index .SPX") does not end a sentence.
            if cursor < len(text) and not text[cursor].isspace():
                continue
            yield base + begin, base + cursor
            begin = None
        if begin is not None:
            yield base + begin, base + cursor
