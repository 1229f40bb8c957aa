"""Person, organisation and place names, found by rule from capitalised words.

A name is a run of capitalised words on one line, joined by single spaces or by connectors
("of", "de", "bin", "van"...), ended by a possessive ("North Korea's" gives "North Korea").
Titles and role words in front are stripped: "NATO Secretary General Mark Rutte" gives the
name "Mark Rutte" (and "NATO" as a name of its own). A claim's ``start``/``end``/``text``
cover the name only, without title or possessive, so highlighting marks just the name.

Not names: capitalised function words and months ("The", "She", "Earlier", "October"),
demonyms and their compass modifiers ("Russian", "North Korean"), a run of titles alone
("Foreign Minister"), and a sentence-initial word that is never capitalised elsewhere in the
passage and is not a known place or given name ("Participation of ...").

Category, first match wins: organisation (an organisation word such as "Ministry" or
"Pentagon", or an acronym), place (the small country/city list below), person (a stripped
title, a role word or "Mr."/"Ms." before it, a reporting verb after it, a known given name,
or sharing a word with a person found elsewhere in the passage), place again (after
"in"/"to"/"from" or before "region", "Oblast"...), else "other".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from dedupe.claims.attribution import CUE_FORMS, Word, is_abbreviation, words
from dedupe.model import NameClaim

Category = Literal["person", "organisation", "place", "other"]


def _wordset(words_: str) -> frozenset[str]:
    return frozenset(words_.split())


_STOP = _wordset(
    "the a an he she it they we i you his her its their our my your this that these those "
    "there here what which who whom whose why how when where while if as at by for from in "
    "into of on onto to with without and or but nor so yet not no neither either both each "
    "every all any some many most much more few several such earlier later meanwhile however "
    "also still now then today yesterday tomorrow tonight instead indeed moreover furthermore "
    "nonetheless nevertheless already even just only perhaps maybe finally first second last "
    "next previously currently recently according after before during despite although though "
    "because since unless until among asked speaking related read watch photo video update "
    "breaking exclusive advertisement yes ok oh mr mrs ms dr one two three four five six seven "
    "eight nine ten dozens hundreds thousands millions january february march april may june "
    "july august september october november december monday tuesday wednesday thursday friday "
    "saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec once like unlike other "
    "another whatever whoever under over about than "
    "let do does did is are was were be has have had can could will would should must"
)
_CONNECTORS = _wordset("of de del della di da du van von der den la le bin ibn al el y")
TITLES = _wordset(
    "president vice prime minister foreign secretary general senator sen rep representative "
    "congressman congresswoman governor gov mayor chairman chairwoman chair spokesman "
    "spokeswoman spokesperson director ambassador chancellor king queen prince princess pope "
    "judge justice chief commander admiral gen col lt sgt capt captain colonel lieutenant "
    "sergeant dr mr mrs ms miss sir dame lord lady rev reverend sheikh ayatollah leader "
    "speaker attorney deputy acting former defense defence interior finance state homeland "
    "security treasury health shadow premier president-elect first minority majority whip "
    "dictator counterpart envoy commissioner superintendent sheriff officer detective "
    "professor prof coach"
)
# Lower-case words that make the capitalised run after them a person: "spokesman Pat Ryder".
_ROLES = TITLES | _wordset(
    "official adviser advisor aide lawmaker colleague wife husband son daughter brother sister "
    "father mother founder analyst candidate nominee rival opponent ally executive economist "
    "head actor actress singer player striker manager minister-designate counsel"
)
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "miss", "sir", "dame"})
_ORG_WORDS = _wordset(
    "inc corp corporation co ltd llc plc company ministry department committee council party "
    "agency bank university college school times news post journal press association union "
    "commission office court army navy force forces congress senate house kremlin pentagon "
    "parliament institute foundation group organization organisation network "
    "reserve board bureau authority service services police guard motors electric airlines "
    "church hospital fund club league assembly administration command"
)
_PLACE_NOUNS = _wordset(
    "region oblast province county city state district border village town area capital "
    "island islands river valley peninsula coast"
)
_PLACE_PREPOSITIONS = frozenset({"in", "to", "from", "near", "into", "across", "outside"})
_PLACE_WORDS = (
    "afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain "
    "bangladesh belarus belgium bolivia bosnia brazil bulgaria cambodia canada chile china "
    "colombia croatia cuba cyprus czechia denmark egypt estonia ethiopia finland france "
    "georgia germany ghana greece haiti hungary iceland india indonesia iran iraq ireland "
    "israel italy japan jordan kazakhstan kenya kosovo kuwait latvia lebanon libya lithuania "
    "malaysia mali mexico moldova mongolia morocco myanmar nepal netherlands nigeria norway "
    "pakistan palestine panama peru philippines poland portugal qatar romania russia rwanda "
    "serbia singapore slovakia somalia spain sudan sweden switzerland syria taiwan thailand "
    "tunisia turkey uganda ukraine venezuela vietnam yemen zimbabwe dprk us usa uk eu gaza "
    "crimea donbas europe asia africa america britain england scotland wales washington "
    "moscow kyiv kiev pyongyang seoul beijing tokyo london paris berlin rome madrid brussels "
    "warsaw minsk tehran baghdad damascus kabul cairo jerusalem ankara istanbul beirut riyadh "
    "doha delhi mumbai islamabad geneva vienna prague budapest chicago boston miami texas "
    "california florida ohio iowa arizona virginia michigan pennsylvania wisconsin "
    "connecticut massachusetts alabama kentucky nevada colorado"
)
_PLACE_PHRASES = (
    "north korea|south korea|united states|united kingdom|new zealand|south africa|"
    "saudi arabia|united arab emirates|north america|south america|latin america|middle east|"
    "west bank|russian federation|new york|los angeles|san francisco|hong kong|new delhi|"
    "black sea"
)
# A small list of countries, capitals and US states; other places come from context.
PLACES = _wordset(_PLACE_WORDS) | frozenset(_PLACE_PHRASES.split("|"))
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ican", "ani", "aqi", "eli", "udi")
_DEMONYMS = _wordset(
    "french german greek dutch swiss thai arab soviet western eastern northern southern "
    "european african asian american afghan czech israeli"
)
_COMPASS = _wordset("north south east west central northern southern eastern western n s")
GIVEN_NAMES = _wordset(
    "john james robert michael william david richard joseph thomas charles daniel matthew "
    "mark paul steven andrew kenneth george edward brian kevin jason jeff ryan gary eric "
    "stephen jonathan larry justin scott frank benjamin samuel gregory patrick jack dennis "
    "peter henry carl arthur roger joe juan jose carlos luis pedro ivan sergei sergey dmitry "
    "vladimir alexei alexander boris mikhail pat mary patricia jennifer linda elizabeth "
    "barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley emily donna "
    "michelle carol amanda melissa deborah laura rebecca sharon cynthia kathleen amy anna "
    "maria olga natalia hillary nancy angela theresa emmanuel recep xi kim ali mohammed "
    "muhammad ahmed hassan omar abdul fatima tony gordon nick chris donald barack bernie "
    "mitt ted marco rand chuck mitch newt sarah hans pierre jean francois giuseppe"
)


def extract_names(text: str, start: int = 0, end: int | None = None) -> list[NameClaim]:
    """Names in ``text[start:end]``, in text order; offsets are absolute into ``text``.

    See the module docstring for what counts as a name and how the category is chosen.
    """
    stop = len(text) if end is None else end
    return list(_names(text, start, stop))


@lru_cache(maxsize=16)
def _names(text: str, start: int, stop: int) -> tuple[NameClaim, ...]:
    # Cached: quotes ask for the names of the text they also hand to claims.
    ws = words(text, start, stop)
    caps = _capitalised(ws)
    seen_inside = _capitalised_inside(text, ws, caps)
    claims: list[NameClaim] = []
    for first, last in _runs(text, ws, caps):
        first = _trim_initial(text, ws, first, last, seen_inside)
        for a, b, titled in _split_title(ws, first, last):
            claim = _claim(text, ws, a, b, titled)
            if claim is not None:
                claims.append(claim)
    return tuple(_promote_persons(claims))


def _capitalised(ws: list[Word]) -> list[bool]:
    """Whether each word is capitalised and not a stop word ("The", "But"): the words a
    name is made of. One pass, as most words are not, and the grammar skips them."""
    return [w.text[0].isupper() and w.text.lower().rstrip(".") not in _STOP for w in ws]


def _possessive(word: Word) -> bool:
    return word.lower.endswith(("'s", "’s"))


def _runs(text: str, ws: list[Word], caps: list[bool]) -> list[tuple[int, int]]:
    """(first, last) indices into ``ws``, inclusive, of each run of capitalised words
    (``caps``: which words are)."""
    runs: list[tuple[int, int]] = []
    end = -1
    for i in (k for k, cap in enumerate(caps) if cap):
        if i <= end:
            continue  # inside the run before
        j = i
        while not _possessive(ws[j]) and j + 1 < len(ws) and _adjacent(text, ws[j], ws[j + 1]):
            if caps[j + 1]:
                j += 1
            elif _connects(text, ws, caps, j + 1):
                j += 2
            else:
                break
        runs.append((i, j))
        end = j
    return runs


def _adjacent(text: str, left: Word, right: Word) -> bool:
    """Words separated by one space (or nothing, after an abbreviation dot)."""
    gap = text[left.end : right.start]
    return gap == " " or (gap == "" and left.text.endswith("."))


def _connects(text: str, ws: list[Word], caps: list[bool], j: int) -> bool:
    """True if connector ``ws[j]`` joins two capitalised words ("Bank of America")."""
    return (
        ws[j].lower in _CONNECTORS
        and j + 1 < len(ws)
        and _adjacent(text, ws[j], ws[j + 1])
        and caps[j + 1]
    )


def sentence_initial(text: str, pos: int) -> bool:
    """True when only spaces and opening quotes separate ``pos`` from a sentence start."""
    j = pos - 1
    while j >= 0 and text[j] in " \t([":
        j -= 1
    if j >= 0 and text[j] in "\"“‘'" and (j == 0 or text[j - 1] in " \t\n([—"):
        return True  # an opening quotation mark starts a sentence of its own
    if j < 0 or text[j] in "\n\r!?:;":
        return True
    if text[j] != ".":
        return False
    left = j
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    return not is_abbreviation(text[left : j + 1])


def _capitalised_inside(text: str, ws: list[Word], caps: list[bool]) -> frozenset[str]:
    """Capitalised words seen away from a sentence start: evidence that a word is a name."""
    return frozenset(
        _bare(w.text)
        for w, cap in zip(ws, caps, strict=True)
        if cap and not sentence_initial(text, w.start)
    )


def _bare(token: str) -> str:
    """The word without a possessive ending or abbreviation dot."""
    if token.lower().endswith(("'s", "’s")):
        return token[:-2]
    return token.rstrip(".'’")


def _trim_initial(
    text: str, ws: list[Word], first: int, last: int, seen_inside: frozenset[str]
) -> int:
    """Skip a sentence-initial first word that is capitalised only because it starts a sentence.

    Returns the new first index; past ``last`` when nothing of the run is left.
    """
    word = ws[first]
    if not sentence_initial(text, word.start) or _known(word, seen_inside):
        return first
    if first == last:
        follows = ws[last + 1].lower if last + 1 < len(ws) else ""
        return first if follows in CUE_FORMS else last + 1  # "Lavrov said ..." names a person
    if ws[first + 1].lower in _CONNECTORS:
        return first + 2
    return first + 1 if word.lower.endswith(("ed", "ly", "ing")) else first


def _known(word: Word, seen_inside: frozenset[str]) -> bool:
    bare = _bare(word.text)
    lower = bare.lower()
    return (
        bare in seen_inside
        or lower in PLACES
        or lower in GIVEN_NAMES
        or lower.rstrip(".") in TITLES
        or lower in _ORG_WORDS
        or _acronym(bare)
    )


def _acronym(token: str) -> bool:
    letters = token.replace(".", "")
    upper = 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()
    return upper and not _ROMAN.fullmatch(letters)  # "Martin Luther King III"


_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


def _is_title(word: Word) -> bool:
    return word.lower.rstrip(".") in TITLES


def _split_title(ws: list[Word], first: int, last: int) -> list[tuple[int, int, bool]]:
    """The name parts (first, last, after_title) of the run ``ws[first..last]``.

    "NATO Secretary General Mark Rutte" -> [NATO, False], [Mark Rutte, True]. A title is
    stripped only when a name follows it and no organisation word does ("Security Council").
    """
    if first > last:
        return []
    titles = [k for k in range(first, last) if _is_title(ws[k])]
    rest = titles[-1] + 1 if titles else first
    if titles and ws[rest].lower in _CONNECTORS and rest + 2 <= last:
        rest += 2  # "President of Russia Vladimir Putin"
    org_after = any(ws[k].lower in _ORG_WORDS for k in range(rest, last + 1))
    if not titles or org_after or ws[rest].lower in _CONNECTORS or rest > last:
        return [(first, last, False)]
    parts = [(first, titles[0] - 1, False)] if titles[0] > first else []
    return [*parts, (rest, last, True)]


def _claim(text: str, ws: list[Word], first: int, last: int, titled: bool) -> NameClaim | None:
    """The claim for the name ``ws[first..last]``, or None for a demonym or a bare title."""
    part = ws[first : last + 1]
    if _demonym(part) or all(_is_title(w) or w.lower in _CONNECTORS for w in part):
        return None
    start = part[0].start
    end = part[-1].end - (2 if _possessive(part[-1]) else 0)
    written = text[start:end]
    name = " ".join(written.split())
    prev = ws[first - 1].lower.rstrip(".") if first > 0 else ""
    nxt = ws[last + 1].lower if last + 1 < len(ws) else ""
    category = _category(name, part, prev, nxt, titled)
    # most names are written as spaced: hold that string once (an archive has millions)
    return NameClaim(start, end, written, written if name == written else name, category)


def _demonym(part: list[Word]) -> bool:
    """ "Russian", "North Korean", "Soviet-style": adjectives, not names."""
    head = _bare(part[-1].text).lower().split("-")[0]
    head = head[:-1] if head.endswith("ans") else head  # "North Koreans"
    if head in PLACES or head in GIVEN_NAMES:
        return False
    modifiers_ok = all(w.lower in _COMPASS for w in part[:-1])
    return modifiers_ok and (head in _DEMONYMS or head.endswith(_DEMONYM_ENDINGS))


def _category(name: str, part: list[Word], prev: str, nxt: str, titled: bool) -> Category:
    lower = name.lower()
    if lower in _COMPASS:
        return "other"  # "the West": a bloc, not a place on a map
    if any(_bare(w.lower) in _ORG_WORDS for w in part) or _org_shaped(name):
        return "organisation"
    if lower in PLACES:
        return "place"
    if titled or prev in _ROLES or prev in _HONORIFICS or nxt in CUE_FORMS:
        return "person"
    if lower.split()[0] in GIVEN_NAMES and len(part) > 1:
        return "person"
    if prev in _PLACE_PREPOSITIONS or nxt in _PLACE_NOUNS or part[-1].lower in _PLACE_NOUNS:
        return "place"
    return "other"


def _org_shaped(name: str) -> bool:
    """An acronym ("NATO") or a site name ("Censor.NET"), unless it is a listed place."""
    if name.lower() in PLACES:
        return False
    return _acronym(name) or any(_acronym(piece) for piece in name.split(".")[1:])


def _promote_persons(claims: list[NameClaim]) -> list[NameClaim]:
    """Call "Lavrov" a person when "Sergey Lavrov" is one, and "Choe Son-hui" when "Choe" is."""
    person_words = {w for c in claims if c.category == "person" for w in c.name.lower().split()}
    promoted: list[NameClaim] = []
    for claim in claims:
        parts = claim.name.lower().split()
        if claim.category == "other" and {parts[0], parts[-1]} & person_words:
            claim = NameClaim(claim.start, claim.end, claim.text, claim.name, "person")
        promoted.append(claim)
    return promoted


def strip_title(name: str) -> str:
    """The name without leading articles, titles, roles and demonyms.

    "Russian Foreign Minister Sergei Lavrov" -> "Sergei Lavrov"; "the DPRK Foreign
    Minister" -> "DPRK Foreign Minister" (only the article goes when nothing but a title is left).
    """
    tokens = name.split()
    while tokens and tokens[0].lower() in ("the", "a", "an"):
        tokens = tokens[1:]
    last = -1
    for k, token in enumerate(tokens[:-1]):
        if is_role(token):
            last = k
    rest = tokens[last + 1 :]
    if all(map(is_role, rest)):
        return " ".join(tokens)  # a role alone ("DPRK Foreign Minister") is the best name there is
    return " ".join(rest)


def only_roles(name: str) -> bool:
    """Whether a name is a role and nothing else: "the President", "Foreign Minister"."""
    tokens = [t for t in name.split() if t.lower() not in ("the", "a", "an")]
    return bool(tokens) and all(map(is_role, tokens))


# A party's member named by the party: "the Ohio Republican" describes a person.
PARTY_MEMBERS = _wordset("republican democrat independent conservative liberal socialist")


def described_as(source: str) -> Category | None:
    """What a source described, not named, is by its last word: "the ministry" an
    organisation, "the senator" or "the Ohio Republican" a person; None when the word
    does not say ("the report")."""
    words = source.lower().split()
    head = words[-1].rstrip(".").removesuffix("s") if words else ""
    if head in _ORG_WORDS:
        return "organisation"
    return "person" if is_role(head) or head in PARTY_MEMBERS else None


def is_role(token: str) -> bool:
    """Whether a word is a title or role: "Director", "spokesman", "Gen.", "counsel"."""
    return token.lower().rstrip(".") in _ROLES


@lru_cache(maxsize=4096)
def _fold(name: str) -> tuple[str, ...]:
    """Lower-case, accent-free words of a name without title or possessive (cached: quotes
    compare each sentence subject with the few before it)."""
    plain = unicodedata.normalize("NFKD", strip_title(name))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return tuple(_bare(token) for token in plain.replace("’", "'").split())


def _variant(a: str, b: str) -> bool:
    """Spellings of one given name: equal, an initial, or a small change (Sergei/Sergey)."""
    if a == b or a.rstrip(".") == b[:1] or b.rstrip(".") == a[:1]:
        return True
    same_length = abs(len(a) - len(b)) <= 1 and a[:1] == b[:1] and len(a) > 3
    return same_length and sum(x != y for x, y in zip(a, b, strict=False)) <= 1


def same_person(a: str, b: str) -> bool:
    """True when two mentions can name the same person.

    Titles, case and accents are ignored; a one-word mention matches any word of the other
    ("Choe" and "Choe Son-hui", "Lavrov" and "Sergey Lavrov"); longer mentions need the
    same last word and compatible first words ("Sergei Lavrov" and "Sergey Lavrov").
    """
    left, right = _fold(a), _fold(b)
    if not left or not right:
        return False
    if len(left) == 1 or len(right) == 1:
        short, long = (left, right) if len(left) == 1 else (right, left)
        return short[0] in long or short[0] in "".join(long).split("-")
    return left[-1] == right[-1] and _variant(left[0], right[0])
