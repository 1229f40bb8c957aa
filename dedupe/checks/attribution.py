"""attribution-mismatch: one claim credited to two different sources.

Three kinds of claim name who tells them: a figure ("300 were evacuated, the Red Cross
said"; one inside a quotation is its speaker's), a quotation (its speaker) and any sentence
("Schumer said the bill would pass"). `numbers` matches the figures and asks `credit`
whether the two are credited alike; this module's checker matches the other two. A
quotation is one claim when its words are one quotation whoever speaks them
(`quotes.one_quotation`), and its speaker counts only when an attribution beside it names
them ("Schumer said"): a pronoun resolved back to an earlier name may be resolved wrongly
on either side, and a name by a quote is as often what it is about. A sentence is one
claim when it is copied with only its source changed (a quotation's sentence only when
the sentence beside it is copied too). Who counts as another source is `sources.differ`'s.

Every credit of one claim, agreeing or not, is a variant of the claim's ``source`` slot,
so a story's table shows who each outlet says told it.
"""

from __future__ import annotations

from collections.abc import Iterator

from dedupe.checks.evidence import DocumentPair, Side, finding
from dedupe.checks.quotes import one_quotation
from dedupe.checks.sources import (
    AROUND,
    comparable,
    differ,
    pronoun,
    reading,
    sentence_around,
    whole,
)
from dedupe.claims.attribution import sentences
from dedupe.model import AttributionClaim, Finding, Match, Pair, QuoteClaim, Span

# A quote shorter than this ("we will not back down") is said by many people; a sentence
# with fewer words besides its source tells no claim of its own.
_QUOTE_WORDS = _CLAIM_WORDS = 6
# How far before a quote its speaker may be named in the sentence that opens it.
_NAMED_BEFORE = 160
# Words of a claim that name its slot.
_KEY_WORDS = 5


def check(docs: DocumentPair) -> Iterator[Match]:
    """The quotations and copied sentences of every passage pair credited to a source on
    both sides, with a finding where the sources differ."""
    for pair, a, b in docs.passages:
        yield from _quotations(pair, a, b)
        yield from _sentences(docs, pair, a, b)


def credit(pair: Pair, a: Side, b: Side, x: int, y: int, what: str) -> Iterator[Finding]:
    """The finding when the claim at ``x`` of ``a`` and its version at ``y`` of ``b`` are
    credited to different sources: the one attribution (not a pronoun) in each one's
    sentence. ``what`` is the claim as the message quotes it."""
    if _quoted(a, x) or _quoted(b, y):
        return  # a figure in a quotation is its speaker's: the quotation's credit compares it
    sx, sy = credited(a, x), credited(b, y)
    if sx is None or sy is None or not (whole(a, sx) and whole(b, sy)):
        return
    if differ((a, sx.start, sx.source), (b, sy.start, sy.source)):
        yield _mismatch(pair, (a, a.at(sx.start, sx.end)), (b, b.at(sy.start, sy.end)), what)


def credited(side: Side, position: int) -> AttributionClaim | None:
    """The one attribution, not a pronoun, in the sentence of ``position``, outside its
    quotations: '"... as leader McConnell believed they deserved," Schumer said' credits
    Schumer."""
    found = [
        c
        for c in side.claims.attributions
        if not pronoun(c.source)
        and _same_sentence(side, c.start, position)
        and not _quoted(side, c.start)
    ]
    return found[0] if len(found) == 1 else None


def _mostly_quoted(side: Side, start: int, end: int) -> bool:
    """Whether quotations make up half the sentence from ``start`` to ``end`` or more."""
    inside = sum(max(0, min(end, q.end) - max(start, q.start)) for q in side.claims.quotes)
    return 2 * inside >= end - start


def _told(side: Side, claim: AttributionClaim, start: int, end: int) -> str:
    """What the sentence ``text[start:end]`` tells besides its source: the claim."""
    return side.doc.text[start:end].replace(claim.text, "", 1).strip(AROUND)


def _copied_whole(
    a: Side, b: Side, x: AttributionClaim, y: AttributionClaim
) -> tuple[int, int] | None:
    """Where the whole sentence of ``x`` is (`sentence_around`: lines joined), when it is
    copied on ``b``'s side with only its source changed to ``y``."""
    start, end = sentence_around(a, x.start)
    joined = a.blanked(start, end, x.start, x.end)
    if joined is None or joined != b.blanked(*sentence_around(b, y.start), y.start, y.end):
        return None
    return start, end


def _copied_beside(a: Side, b: Side, x: int, y: int) -> bool:
    """Whether the sentence before, or the one after, those of ``x`` and ``y`` is the same
    on both sides."""
    (before_a, after_a), (before_b, after_b) = _beside(a, x), _beside(b, y)
    return bool(before_a and before_a == before_b) or bool(after_a and after_a == after_b)


def _beside(side: Side, position: int) -> tuple[str, str]:
    """The passage's sentences before and after the one of ``position``, their spaces
    collapsed ("" where there is none)."""
    spans = side.sentences
    k = side.sentence_index(position)
    if k is None:
        return "", ""
    text = side.doc.text

    def at(n: int) -> str:
        return " ".join(text[slice(*spans[n])].split()) if 0 <= n < len(spans) else ""

    return at(k - 1), at(k + 1)


def _quoted(side: Side, position: int) -> bool:
    """Whether ``position`` is inside one of the side's quotations."""
    return any(q.start <= position < q.end for q in side.claims.quotes)


def _same_sentence(side: Side, x: int, y: int) -> bool:
    """Whether no sentence ends between ``x`` and ``y`` ("Ms." ends none, nor the line
    break of a hard-wrapped text)."""
    lo, hi = min(x, y), max(x, y)
    return len(sentences(side.doc.text[lo : hi + 1].replace("\n", " "))) <= 1


def _mismatch(pair: Pair, x: tuple[Side, Span], y: tuple[Side, Span], what: str) -> Finding:
    (a, span_a), (b, span_b) = x, y
    message = (
        f'"{what}" is credited to "{span_a.text}" by {a.doc.source}, '
        f'and to "{span_b.text}" by {b.doc.source}'
    )
    return finding("attribution-mismatch", pair, span_a, span_b, message, (a.doc, b.doc))


def _source_match(
    pair: Pair,
    x: tuple[Side, Span, str],
    y: tuple[Side, Span, str],
    what: str,
    copied: bool = False,
) -> Match:
    """The match of two credits of one claim, with the finding when they differ
    (``copied``: the claim is a sentence copied but for its credit)."""
    (a, span_a, source_a), (b, span_b, source_b) = x, y
    agree = not differ((a, span_a.start, source_a), (b, span_b.start, source_b), copied)
    found = () if agree else (_mismatch(pair, (x[0], span_a), (y[0], span_b), what),)
    key = " ".join(what.split()[:_KEY_WORDS]) + " …"
    sides = ((span_a, reading(source_a)), (span_b, reading(source_b)))
    return Match.of("source", key, sides, found)


def _quotations(pair: Pair, a: Side, b: Side) -> Iterator[Match]:
    """One quotation whose speaker both sides name beside it."""
    named_b = list(_long_named(b))
    for x, sx in _long_named(a):
        for y, sy in named_b:
            if one_quotation(x, y):
                yield _source_match(pair, (a, *sx), (b, *sy), x.text)


def _long_named(side: Side) -> Iterator[tuple[QuoteClaim, tuple[Span, str]]]:
    """The quotes of `_QUOTE_WORDS` words or more whose speaker is named beside them."""
    for quote in side.claims.quotes:
        if len(quote.text.split()) >= _QUOTE_WORDS and (named := _named(side, quote)):
            yield quote, named


def _named(side: Side, quote: QuoteClaim) -> tuple[Span, str] | None:
    """Where a quote's speaker is named beside it, and the speaker: an attribution holding
    the name ("Schumer said", as the figures' credits are), in the sentence that opens the
    quote or right after it. A name the quote grammar found in no attribution is as often
    what the quote is about as who said it ("Trump, she said, “is confident ...”",
    "Sanders backers")."""
    if quote.speaker is None or quote.speaker_span is None or not comparable(quote.speaker):
        return None
    start, end = quote.speaker_span
    holder = next((c for c in side.claims.attributions if c.start <= start < c.end), None)
    if holder is None or not whole(side, holder):
        return None
    text = side.doc.text
    if end <= quote.start:
        between = text[end : quote.start]
        if len(between) > _NAMED_BEFORE or any(ch in ".!?" for ch in between):
            return None
    elif holder.start >= quote.end:
        # '”, the ministry said' or '?” Schumer asked': the quote's own stop, then the name
        # (the attribution's title, "Sen.", ends no sentence)
        if any(ch in ".!?" for ch in text[quote.end : holder.start].lstrip(".!?\"'”’ ")):
            return None
    else:
        return None
    # The attribution's source keeps the title a speaker's name drops ("House Minority
    # Whip Steny Hoyer"): a hard-wrapped copy that reads only "said House" is the same.
    return side.at(holder.start, holder.end), holder.source


def _sentences(docs: DocumentPair, pair: Pair, a: Side, b: Side) -> Iterator[Match]:
    """A sentence copied with only its source changed, or with the same source."""
    xs = [c for c in a.claims.attributions if comparable(c.source) and whole(a, c)]
    ys = [c for c in b.claims.attributions if comparable(c.source) and whole(b, c)]
    for x, y in docs.copied(a, b, xs, ys).items():
        start, end = a.sentence_at(x.start)
        what = _told(a, x, start, end)
        if len(what.split()) < _CLAIM_WORDS:
            # A line of a hard-wrapped text ("minister Javier Espinosa said."): the claim
            # is the sentence its lines make, which must be copied too.
            joined = _copied_whole(a, b, x, y)
            if joined is None:
                continue
            start, end = joined
            what = _told(a, x, start, end)
        if len(what.split()) < _CLAIM_WORDS:
            continue  # a sentence that is little but its source ("Powers said."), no claim
        if _mostly_quoted(a, start, end) and not _copied_beside(a, b, x.start, y.start):
            # Outlets quote one statement alike: only where the sentence beside it is the
            # same too is the quotation's sentence copied, its speaker changed
            continue
        sx = (a, a.at(x.start, x.end), x.source)
        yield _source_match(pair, sx, (b, b.at(y.start, y.end), y.source), what, copied=True)
