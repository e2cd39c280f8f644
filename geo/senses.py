"""Names that spell a place but do not name one here: :func:`not_places`.

Two readings of a report's own wording, one sense per report:

* a name standing alone in quotes is a name given to something, a unit, a channel, an
  operation ("the “Kakhovka” channel", "“Vostok”"), not the town it is spelt after;
* a name that the report also writes before an organisation or unit word ("Wagner
  Group", "Akhmat Battalion", "PMC Wagner") is that organisation where it stands bare
  too ("Wagner forces", "Prigozhin and Wagner"), unless a place cue says otherwise or
  it names a city too large to be a mere spelling.

And readings of the words right around one mention (:func:`_context`):

* a name before a document's word is the document's ("the Geneva Conventions", "the
  Minsk Agreements"), before an office or a role its holder's institution ("Duma Chairman",
  "Wagner financier"), and a small town's name before a weapon or equipment word the
  system's ("an Osa air defense system", "Grad rockets");
* a name between a given name and a surname, or after a person's title and before a
  surname ("Minister of Defense Anna Kovalenko"), or before "and his" or a reporting verb
  when only a loose match or a small town backs it, is a person's;
* a name the report writes elsewhere as a person's surname, after a given name ("Defense
  Minister Ivan Petrenko ... Petrenko's order"), is that person where it stands bare too,
  unless a place cue says otherwise or it names a city too large to be a mere spelling;
* a loose match right after "Ministry of" or "Department of" is a portfolio ("Ministry of
  Sports"), not a place; a small town's name right after a medium's word ("Telegram
  channel Baza", "outlet Vot Tak") is the medium's;
* the tail of a hyphenated name whose head is no place of the text ("Petropavlovsk-
  Kamchatka") is part of that name, not the region or country its word spells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from gazetteer.model import Place, PlaceKind
from gazetteer.names import normalise
from geo import recognize_rules as R
from geo.cues import is_strong
from geo.spans import RecognisedSpan

__all__ = ["not_places"]

#: A city this populous, named bare, is the city even in a report on its namesake unit.
CITY_POPULATION = 100_000
#: Kinds of place a mere word of the text gets read as ("Osa" a town, or a district abroad).
_READ_KINDS = (PlaceKind.SETTLEMENT, PlaceKind.ADMIN2)
_OPEN = '"“‘«„'
_CLOSE = '"”’»“'
#: Capitalised words after a name that make it an organisation's or a unit's.
_ORG_AFTER = re.compile(
    r"((?:[A-Z][\w’'-]*[ -]){1,3})"
    r"(?:Group|PMC|Battalion|Brigade|Regiment|Company|Legion|Militia|Army|Corps|Division|Fleet|"
    r"Flotilla)\b"
)
#: Words after a name that make it a document's: "Geneva Conventions", "Minsk Agreements"
#: (not a newspaper's: "the Washington Post" names its city as the geoparsing sets count it).
_DOCUMENT_AFTER = re.compile(
    r"[ -](?:Conventions?|Treaty|Treaties|Agreements?|Accords?|Protocols?|Memorandum|Format|"
    r"Declaration|Charter)\b"
)
#: Offices and roles after a name that make it an institution's: "Duma Chairman".
_OFFICE_AFTER = re.compile(
    r" (?:[Cc]hairm[ae]n|[Cc]hairwoman|[Ss]peaker|[Ss]pokes(?:person|man|woman)|[Cc]ommissioner|"
    r"[Oo]mbudsman|financier|founder|owner)\b"
)
#: Weapon and equipment words after a name (maybe after a model code or a weapon's
#: describing words): "Osa air defense", "Grad multiple launch rocket system".
_EQUIPMENT_AFTER = re.compile(
    r"(?:[ -](?:[A-Z0-9][\w-]*|[a-z]?\d[\w-]*|[a-z]+(?:-[a-z]+)+|multiple|launch|rocket|"
    r"missile|guided|cruise|ballistic|tactical|heavy|thermobaric|loitering|kamikaze|attack|"
    r"combat|armou?red|self-propelled|surface-to-air|anti-aircraft|anti-tank|mortar)){0,4}[ -]"
    r"(?:air[ -]defen[cs]es?|systems?|class|submarines?|ships?|frigates?|corvettes?|boats?|"
    r"missiles?|launchers?|MLRS|howitzers?|drones?|UAVs?|helicopters?|rockets?|complex(?:es)?|"
    r"radars?|munitions?|interceptors?|tanks?|jets?|fighters?|bombers?|aircraft|vehicles?|"
    r"APCs?|IFVs?|guns?|artillery)\b"
)
#: A model code or class joined to a name: "Tor-M2", "Kilo-class".
_MODEL_AFTER = re.compile(r"-(?:[A-Z]+\d[\w-]*\b|class\b)")
#: A newspaper's word after a name: "Journal" of "the Wall Street Journal".
_PAPER_AFTER = re.compile(r" (?:Times|Post|Journal|Herald|Gazette|Telegraph|Tribune)\b")
#: A person's title, maybe with its "of ..." phrase, right before a name (the titles'
#: alternation goes in ``{}``).
_TITLE_BEFORE = r"\b(?i:{})(?: (?:of|for|on|and|the|[A-Z][\w’'-]*))*? $"
#: What a person does after their name: "X and his", "X said".
_PERSON_AFTER = re.compile(
    r"(?: and (?:his|her)\b| (?:said|says|stated|claimed|told|announced|ordered|signed|met|"
    r"vowed|threatened)\b)"
)
#: Portfolios named after an institution word: "Ministry of Sports".
_PORTFOLIO_BEFORE = re.compile(
    r"\b(?:Ministry|Minister|Department|Committee|Agency|Service|Institute)(?: of| for)(?: the)? $"
)
#: A medium's word right before a name: "Telegram channel X", "outlet X", "milblogger X".
_MEDIUM_BEFORE = re.compile(
    r"\b(?:[Cc]hannels?|[Oo]utlets?|[Nn]ewspapers?|[Mm]ilbloggers?|[Bb]loggers?|[Tt]abloids?|"
    r"[Pp]ublications?|[Pp]ortals?|[Pp]odcasts?) $"
)
#: A capitalised word and a hyphen right before a name: "Petropavlovsk-" of a city's name.
_JOINED_BEFORE = re.compile(r"\b([A-Z][a-z’']+)-$")
_OF_BEFORE = re.compile(r"\b(?:of|for|in)(?: the)? $")
_CAP_WORD = re.compile(r" ([A-Z][a-z’'-]+)\b")
_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+) $")
_EXTRA_TITLES = ("commissioner", "ombudsman", "speaker", "spokesperson")
#: A capitalised word, then another: a given name and a surname when the first is a given name.
_GIVEN_SURNAME = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z’'-]+)\b(?![ -][A-Z])")
_ORG_BEFORE = re.compile(r"\bPMC[ -]((?:[A-Z][\w’'-]*)(?: [A-Z][\w’'-]*)?)")


def not_places(
    text: str, found: Sequence[RecognisedSpan], places: Sequence[Place | None]
) -> set[int]:
    """Return the place spans that are no place mention (see the module docstring).

    Parameters
    ----------
    text : str
        The report's text.
    found : sequence of RecognisedSpan
        Its spans.
    places : sequence of Place or None
        Their places.

    Returns
    -------
    set of int
        Their indices.
    """
    orgs = _organisations(text)
    surnames = _surnames(text)
    starts = {f.start for f in found if f.kind == "place"}
    ends = {f.end for f in found if f.kind == "place"}
    out = set()
    for k, (f, p) in enumerate(zip(found, places, strict=True)):
        if (
            f.kind == "place"
            and p is not None
            and p.kind in R.BIG_KINDS
            and _fragment(text, f, ends)
        ):
            out.add(k)
            continue
        if f.kind != "place" or p is None or p.kind not in _READ_KINDS:
            continue
        key = normalise(f.name)
        named_org = key in orgs and not is_strong(f.cues)
        person = key in surnames and not is_strong(f.cues)
        if (
            _quoted(text, f.start, f.end)
            or ((named_org or person) and p.population < CITY_POPULATION)
            or _context(text, f, p, starts, ends)
        ):
            out.add(k)
    return out


def _context(text: str, f: RecognisedSpan, p: Place, starts: set[int], ends: set[int]) -> bool:
    """Whether the words right around ``f`` say it names no place (see the module docstring)."""
    after, before = text[f.end : f.end + 60], text[max(0, f.start - 120) : f.start]
    if _DOCUMENT_AFTER.match(after) or _OFFICE_AFTER.match(after) or _MODEL_AFTER.match(after):
        return True
    if _PAPER_AFTER.match(after) and set(f.cues) & R.BUILT_HEADS:
        return True  # "the Wall Street Journal": no street (a paper's city is counted a place)
    small = f.fuzzy or p.population < CITY_POPULATION
    if small and not is_strong(f.cues) and _EQUIPMENT_AFTER.match(after):
        return True
    if small and not is_strong(f.cues) and _MEDIUM_BEFORE.search(before):
        return True  # "Russian Telegram channel Baza", "outlet Vot Tak": the medium's name
    if f.fuzzy and _PORTFOLIO_BEFORE.search(before):
        return True
    if small and not is_strong(f.cues) and _PERSON_AFTER.match(after):
        return True
    return _personal(text, f, before, starts, ends)


def _fragment(text: str, f: RecognisedSpan, ends: set[int]) -> bool:
    """Whether ``f`` is the tail of a hyphenated name whose head is no place of the text.

    "Petropavlovsk-Kamchatka" names a city, not the region its second word spells;
    "Avdiivka-Donetsk" (both places) and "Kherson-Mykolaiv" are two names.
    """
    words = f.text.lower().split()
    if words and words[-1] in R.SPAN_CUES:
        return False  # "Kherson-Dnipropetrovsk Oblast": the unit, worded
    m = _JOINED_BEFORE.search(text, max(0, f.start - 40), f.start)
    return m is not None and m.end(1) not in ends and m.group(1).lower() not in R.common_words()


def _personal(text: str, f: RecognisedSpan, before: str, starts: set[int], ends: set[int]) -> bool:
    """Whether ``f`` stands in a person's name: after a given name, or a title, before a surname."""
    given = R.given_names()
    m = _WORD_BEFORE.search(before)
    if m and m.group(1).lower() in given and (f.start - len(m.group(1)) - 1) not in ends:
        return True  # "Maria Lvova-Belova": a given name, then this
    nxt = _CAP_WORD.match(text, f.end)
    if nxt is None or nxt.start(1) in starts or nxt.group(1).lower() in R.common_words():
        return False
    if _CAP_WORD.match(text, nxt.end(1)):
        return False  # "Kherson Occupation Administration": an institution's words, no surname
    if _OF_BEFORE.search(before):
        return False  # "Mayor of Kyiv Vitali Klitschko": the office's place
    return bool(_titles().search(before))


@cache
def _titles() -> re.Pattern[str]:
    words = sorted((*R.PERSON_TITLES, *_EXTRA_TITLES), key=len, reverse=True)
    return re.compile(_TITLE_BEFORE.format("|".join(words)))


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands alone between quotes ("“Kakhovka”", not "Kherson’s")."""
    if start < 1 or end >= len(text) or text[start - 1] not in _OPEN or text[end] not in _CLOSE:
        return False
    return not (text[end] in "’'" and text[end + 1 : end + 2].isalpha())


def _surnames(text: str) -> frozenset[str]:
    """Normalised surnames the text writes right after a given name ("Sergei Surovikin")."""
    given = R.given_names()
    names = {
        normalise(m.group(2))
        for m in _GIVEN_SURNAME.finditer(text)
        if m.group(1).lower() in given and m.group(2).lower() not in given
    }
    names.discard("")
    return frozenset(names)


def _organisations(text: str) -> frozenset[str]:
    """Normalised names the text writes before (or after "PMC") an organisation word."""
    names: set[str] = set()
    for m in _ORG_AFTER.finditer(text):
        words = m.group(1).split()
        names.update(normalise(" ".join(words[a:])) for a in range(len(words)))
    for m in _ORG_BEFORE.finditer(text):
        names.add(normalise(m.group(1)))
    names.discard("")
    return frozenset(names)
