"""Who tells a claim, and when two credits of it are to one source.

`checks.attribution` asks `differ` of two credits: each a side, where its credit stands,
and the source as the attribution grammar read it. Two credits are to one source when the
names agree ("Schumer" and "Sen. Chuck Schumer", "the F.D.A." and "the FDA"), when one
side names the other's source in the same sentence (a credit passed on: "Gates writes
that ..., the Post reports"), when an article titles the one by the other ("CBO Director
Douglas Elmendorf"), or when they cannot be told apart: a news outlet relays whoever told
it, and a described source ("the president", "the newspaper") may be the one the other
side names unless it is described as what that one is not ("the ministry" and the person
"Schumer").
"""

from __future__ import annotations

import calendar
import re

from rapidfuzz.distance import OSA, Indel

from dedupe.checks.evidence import Side
from dedupe.claims.attribution import sentences
from dedupe.claims.dates import WEEKDAY_WORDS
from dedupe.claims.names import PARTY_MEMBERS, described_as, is_role, only_roles, strip_title
from dedupe.claims.quotes import same_speaker
from dedupe.model import AttributionClaim
from dedupe.normalize import fold

# One credit: the side, where its attribution (or the speaker's name) starts, the source.
Credit = tuple[Side, int, str]

_PRONOUNS = frozenset("he she they it her him them his its their we i you this that".split())
_DAY_NAME = re.compile(rf"\b(?:{'|'.join(sorted(WEEKDAY_WORDS))}|today|yesterday)(?:['’]s)?\b\s*")
# What stands around a source's name.
AROUND = " ,.;:!?\"'“”‘’—–-"
# Lower-case words a name may hold: "Bank of America", "Osama bin Laden", "Guardian's".
_NAME_GLUE = frozenset("of for and the on & de del da di du la le van von der bin al 's ’s".split())
# Two sentences with no space between them: "afterward.Former".
_RUN_TOGETHER = re.compile(r"[a-z]\.[A-Z]")


def differ(x: Credit, y: Credit, copied: bool = False) -> bool:
    """Whether two credits of one claim are to two sources: told apart (`_told_apart`;
    ``copied``: the rest of the claim's sentence is the same word for word), not one
    source (`same_source`), neither named in the other's sentence (`_mentions`), and
    neither titled by the other ("Secret Service Director Julia Pierson" and "the Secret
    Service")."""
    (a, at_a, source_a), (b, at_b, source_b) = x, y
    if not _told_apart(x, y, copied) or same_source(source_a, source_b):
        return False
    if _mentions(a, at_a, source_b) or _mentions(b, at_b, source_a):
        return False
    return not (_named_together(a, source_a, source_b) or _named_together(b, source_a, source_b))


def same_source(x: str, y: str) -> bool:
    """Whether two sources are one: the same person (a surname misspelt: "Zhakarova" and
    "Zakharova"), one named more fully ("Economic Council" in "Greater Phoenix Economic
    Council"), one report named by two days ("Thursday's report", "Friday's report"), or
    one body by its initials ("The U.N.", "the United Nations")."""
    x, y = _CAMEL.sub(" ", x), _CAMEL.sub(" ", y)  # "@SpeakerPelosi"
    fx, fy = _undated(x), _undated(y)
    if same_speaker(_without_place(x), _without_place(y)) or fx in fy or fy in fx:
        return True
    if " and " in x and " and " in y:  # "Craig and Mullins", "Mullins and Charlie Craig"
        return _surnames(x) == _surnames(y)
    one, other = _name_words(x), _name_words(y)
    if one[-1:] == other[-1:] and len(one) >= 2 and len(other) >= 2:
        # "Bill Barr" and "Attorney General William Barr", "Commentator Harlan Hill" and
        # "conservative pundit Harlan Hill": two people of one surname who tell one claim
        # in one story are rarer than a first name shortened
        return True
    if one and other and _misspelt(one[-1], other[-1]):
        return True
    short, full = sorted(map(_plain, (x, y)), key=len)
    return short == full or (" " not in short and short in _initials(full))


# "The Justice Department" is "the Department of Justice", whose initials are "DOJ".
_DEPARTMENT = re.compile(r"(?:the )?((?:\w+ ){1,2})department")


def _plain(source: str) -> str:
    """A source folded, without its title, "the" or dots; "X Department" written as
    "department of X" (whose words would pass for a title: "Justice", "Homeland")."""
    folded = fold(source).replace(".", "")
    department = _DEPARTMENT.fullmatch(folded)
    if department:
        return f"department of {department.group(1).strip()}"
    return fold(strip_title(source)).replace(".", "").removeprefix("the ")


# Surnames this long spelt this alike are one person's ("Zhakarova" for "Zakharova");
# shorter ones differ by a letter as often as not ("Clinton", "Clifton").
_FUZZY_LETTERS = 8
_FUZZY_LIKENESS = 0.85
# A swap of two letters is a slip of the keyboard in any name this long.
_SWAPPED_LETTERS = 5


# Where a handle's words meet: "SpeakerPelosi".
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _surnames(source: str) -> set[str]:
    """The last words of the names a source lists: {"craig", "mullins"}."""
    return {fold(part).split()[-1] for part in re.split(r",|\band\b", source) if part.strip()}


def _misspelt(one: str, other: str) -> bool:
    """Whether two surnames are one spelt two ways: alike and long, or two letters of a
    name of five or more swapped ("Obmaa" for "Obama")."""
    if min(len(one), len(other)) >= _FUZZY_LETTERS:
        return Indel.normalized_similarity(one, other) >= _FUZZY_LIKENESS
    swapped = sorted(one) == sorted(other) and OSA.distance(one, other) == 1
    return swapped and len(one) >= _SWAPPED_LETTERS


def _name_words(source: str) -> list[str]:
    """The folded words of a source's name: the capitalised run that ends it."""
    words = strip_title(_without_place(source)).split()
    return fold(" ".join(words[_name_start(words) :])).split()


def _name_start(words: list[str]) -> int:
    """Where the capitalised run that ends ``words`` starts, glue inside it kept ("Bank of
    America", "Syrian Observatory for Human Rights")."""
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper():
        k -= 1
        if k > 1 and fold(words[k - 1]) in _NAME_GLUE and words[k - 2][:1].isupper():
            k -= 1
    return k


def _initials(name: str) -> set[str]:
    """The initials of a name's words, glue words left out or not: "un" for "united
    nations", "dhs" and "doj" for "department of homeland security" and "of justice"."""
    words = name.split()
    return {"".join(w[0] for w in words if w not in _NAME_GLUE), "".join(w[0] for w in words)}


def _undated(source: str) -> str:
    """A source's name without the day that names it, nor the place a person is "of"."""
    return _DAY_NAME.sub("", fold(_without_place(source))).strip()


def _without_place(source: str) -> str:
    """A person's name without the place or body they are "of": "Mitch McConnell of
    Kentucky", "Ricardo Mello of WWF's Amazon Program". A name with one word before its
    "of" keeps it: "Bank of America"."""
    words = source.split()
    k = len(words) - 1 - words[::-1].index("of") if "of" in words else 0
    tail = words[k + 1 :]
    if k >= 2 and 1 <= len(tail) <= 3 and all(w[:1].isupper() for w in tail):
        return " ".join(words[:k])
    return source


def pronoun(source: str) -> bool:
    """Whether a source is a pronoun ("he", "they"): whom it stands for is a guess."""
    return fold(source) in _PRONOUNS


def comparable(source: str) -> bool:
    """Whether a source is named, or described as a person or a body ("the ministry"):
    either may be told apart from another (`_told_apart`)."""
    return named(source) or described_as(source) is not None


def named(source: str) -> bool:
    """Whether a source is named, not described: "the attorney", "the president", "the
    Ohio Republican", "the statement" may be the very person or body the other side
    names. A name ends in capitalised words, after a description at most ("mobile firm
    Orange"): "the importance of helping elect Hillary Clinton" or "43-year-old Keith
    Lamont Scott" is the tail of a clause the grammar took for a source."""
    words = strip_title(source).split()
    if not words or only_roles(source) or pronoun(source):
        return False
    if fold(words[-1]) in PARTY_MEMBERS or _RUN_TOGETHER.search(source):
        return False
    if len(words) == 1 and _anonymous(words[0]):
        return False
    k = _name_start(words)
    return k < len(words) and not any(map(_clause_word, words[:k]))


# People a sentence may start with who are nobody in particular: "Sources said", "Witnesses
# told Reuters"; plurals of roles ("Officials", "Aides") are found by `is_role`.
_ANONYMOUS = frozenset(
    "sources witnesses experts critics observers residents investigators prosecutors "
    "authorities diplomats activists protesters doctors scientists researchers people "
    "supporters opponents organizers organisers insiders".split()
)


def _anonymous(word: str) -> bool:
    """Whether a one-word source is a crowd, not a name: "Sources", "Officials"."""
    lower = fold(word)
    return lower in _ANONYMOUS or (lower.endswith("s") and is_role(lower[:-1]))


# Words that make what comes before a name a clause, not a description ("mobile firm
# Orange", "Jones' lawyer Nick Davies" describe; "a source close to McCarthy" does not).
_CLAUSE_WORDS = frozenset("of to for with by from that who which whose about as than and".split())


def _clause_word(word: str) -> bool:
    """A word of a clause: glue, a verb's form ("attacked", "helping"), a figure."""
    lower = fold(word)
    verb_form = lower.endswith(("ing", "ed")) and len(lower) > 4
    return lower in _CLAUSE_WORDS or verb_form or any(ch.isdigit() for ch in lower)


def _told_apart(x: Credit, y: Credit, copied: bool) -> bool:
    """Whether two sources can be told apart by how they are named. In two reports of one
    claim: both named, and not a body and a person, which speak for each other as often
    as not (the agency and its spokeswoman, the administration and the president, the
    court and the justice who wrote its opinion). In a sentence copied with only its
    credit changed, a body for a person is a change an editor made, and a body described
    ("the ministry") is no person named either. Never a news outlet, which passes on what
    any source told it; nor a person described ("the president" may be Obama, "a
    Democrat" speak for any body)."""
    if _relays(x[2]) or _relays(y[2]):
        return False
    are_named = [named(source) for _, _, source in (x, y)]
    if all(are_named):
        kinds = {_category(side, source) for side, _, source in (x, y)}
        return copied or kinds != {"person", "organisation"}
    if not (copied and any(are_named)):
        return False
    (side, _, name), (_, _, described) = (x, y) if are_named[0] else (y, x)
    if described_as(described) != "organisation" or _category(side, name) != "person":
        return False
    if re.search(r"['’]s\b", described):
        return False  # someone's office, bureau or campaign speaks for them
    told = {fold(w).removesuffix("'s") for w in described.split()[:-1]}
    return told.isdisjoint(fold(name).split())


# Words of news outlets: an outlet that reports a claim passes on what its sources told it
# ("the AP reports", "according to the Times", "the Guardian's Lauren Gambino reported").
_OUTLETS = frozenset(
    "ap afp reuters bloomberg times post journal news press tribune herald gazette telegraph "
    "guardian politico axios mediaite buzzfeed cnn bbc nbc cbs abc npr newspaper magazine "
    "review network wire".split()
)


def _relays(source: str) -> bool:
    """Whether a source is a news outlet (`_OUTLETS`) or writes for one ("the Guardian's
    Lauren Gambino")."""
    words = fold(source).replace(".", "").replace("’", "'").split()
    owners = [w.removesuffix("'s") for w in words if w.endswith("'s")]
    return any(w in _OUTLETS for w in words[-1:] + owners)


def _category(side: Side, name: str) -> str | None:
    """What a named source is, as the article's names ending with its last word tell it:
    a person or an organisation, None when they do not agree."""
    last = fold(name).split()[-1:]
    kinds = {
        claim.category
        for claim in side.claims.names
        if claim.category in ("person", "organisation") and fold(claim.name).split()[-1:] == last
    }
    return kinds.pop() if len(kinds) == 1 else None


# How far either side of a credit its sentence is looked for.
_SENTENCE_REACH = 400


def sentence_around(side: Side, position: int) -> tuple[int, int]:
    """Start and end of the whole sentence holding ``position``, read again from the
    article: a passage's claims may begin after its first credit ("Ms. Feinstein said,
    Mediaite reported: ..."), and the lines of a hard-wrapped text are joined, so that its
    sentence is the sentence, not the line."""
    first = max(0, position - _SENTENCE_REACH)
    text = side.doc.text[first : position + _SENTENCE_REACH].replace("\n", " ")
    here = position - first
    start, end = next(((lo, hi) for lo, hi in sentences(text) if lo <= here < hi), (here, here))
    return first + start, first + end


def _mentions(side: Side, position: int, source: str) -> bool:
    """Whether the sentence at ``position`` names ``source`` too: as a credit passed on
    ("Gates writes that ..., the Post reports"), or beside a source cut short ("Lindsey
    Graham, R-South Carolina, told"; "The North American Aerospace Defense Command, or
    NORAD, later confirmed")."""
    start, end = sentence_around(side, position)
    name = _forms(strip_title(_without_place(source)).strip(AROUND))
    sentence = side.doc.text[start:end].replace("\n", " ")
    return bool(name) and re.search(rf"\b(?:{name})\b", sentence) is not None


# Most words between a body's name and the person speaking for it when one titles the
# other: "CBO Director Douglas Elmendorf", "Randal Milch, Verizon's general counsel".
_TITLE_WORDS = 5
_TITLE_GLUE = frozenset({"of", "the", "at", "'s", "’s", ","})


def _named_together(side: Side, x: str, y: str) -> bool:
    """Whether an article titles the one source by the other: "CBO Director Douglas
    Elmendorf", "Elmendorf, director of the CBO" (each named by its name or its
    initials). Two people named side by side ("Pelosi and Dingell") are two."""
    one, other = (_forms(strip_title(_without_place(s)).strip(AROUND)) for s in (x, y))
    if not one or not other:
        return False
    text = side.doc.text
    for first, second in ((one, other), (other, one)):
        after = re.compile(rf"\b(?:{second})\b")
        for m in re.finditer(rf"\b(?:{first})\b", text):
            n = after.search(text, m.end(), m.end() + 80)
            if n and _titles(text[m.end() : n.start()]):
                return True
    return False


def _titles(gap: str) -> bool:
    """Whether the words between two names make the one the other's title: a role among
    names and glue ("Director Douglas", "'s general counsel", ", director of the")."""
    if "\n" in gap:
        return False
    words = re.findall(r"['’]s|,|[\w.-]+", gap)
    fits = all(w in _TITLE_GLUE or w[:1].isupper() or is_role(w) for w in words)
    return fits and len(words) <= _TITLE_WORDS + 2 and any(is_role(w) for w in words)


def _forms(name: str) -> str:
    """A regex alternation of a name and its initials (of three words or more)."""
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    forms = [name] + ([initials] if len(initials) >= 3 else [])
    return "|".join(re.escape(f) for f in forms if f)


# What goes on after a source that the grammar cut short: "said Subcommittee[ on Oversight
# and Investigations Chairman Tim Murphy]", "said Robert[ "Bob" Crandall]"; a day after it
# ("said Smith on Monday") is no part of the name.
_NAME_GOES_ON = re.compile(r"\s*(?:(?:of|on|and|for|&)\s+)?[\"“'‘]?([A-Z]\w*)")
_CALENDAR = WEEKDAY_WORDS | {m.lower() for m in calendar.month_name if m}


# A source right after one of these is the object of a phrase whose head the grammar left
# out: "the two-term senator from [Georgia] added", "an official traveling with Panetta to
# [Australia] said".
_OBJECT_OF = re.compile(r"\b(?:from|to|with|of|at|in|for|by|on|about|against)\s+\Z", re.I)


def whole(side: Side, claim: AttributionClaim) -> bool:
    """Whether an attribution holds its source's whole name: a source named after its
    cue ("said Subcommittee") may be only the first words of it, one named before it only
    the end of a phrase ("senator from Georgia")."""
    text = side.doc.text
    if not claim.text.lower().startswith(claim.cue):
        return _OBJECT_OF.search(text, max(0, claim.start - 12), claim.start) is None
    goes_on = _NAME_GOES_ON.match(text, claim.end)
    return goes_on is None or goes_on.group(1).lower() in _CALENDAR


def reading(source: str) -> str:
    """A source as its slot's variants compare it: the last word of its name, so that
    "Schumer" and "Sen. Chuck Schumer", "the ministry" and "the Interior Ministry" read
    alike."""
    words = _undated(strip_title(source)).split()
    return words[-1] if words else fold(source)
