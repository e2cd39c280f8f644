"""Word lists, compiled patterns and place-kind sets used by the recogniser.

The word lists are general English news vocabulary (titles, months, cue words,
organisation acronyms); nothing here names a particular article's places.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from gazetteer.model import PlaceKind

__all__ = [
    "BIG_KINDS",
    "BORDER_WORDS",
    "COMPOUND_PREFIXES",
    "CONNECTORS",
    "CONTINENT_ADJECTIVES",
    "COUNTRY_ABBREVIATIONS",
    "DIRECTIONS",
    "FEATURE_HEADS",
    "HEAD_CUES",
    "MONTHS",
    "NATURAL_HEADS",
    "NON_PLACE_ACRONYMS",
    "ORG_SUFFIXES",
    "PERSON_TITLES",
    "PLACE_PREPOSITIONS",
    "PROPER_SUFFIXES",
    "SETTLEMENT_CUES",
    "SPAN_CUES",
    "SPEECH_VERBS",
    "TERRITORIAL_VERBS",
    "TOKEN_RE",
    "UNIT_HEADS",
    "WEEKDAYS",
    "common_words",
    "given_names",
]

#: Kinds of place too prominent to be a person, an organisation's small namesake or an
#: acronym's chance reading: countries, first-level units, regions, continents.
BIG_KINDS = frozenset({PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.REGION, PlaceKind.CONTINENT})

#: Word tokens: dotted abbreviations ("U.S.", "D.C."), then words with inner
#: apostrophes ("O'Brien", "d'Ivoire"); a trailing "'s" is split off later.
TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")

MONTHS = frozenset(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs"
    " fri sat sun".split()
)

#: Words that introduce a person's name: "President X", "Governor X", "Dr X".
PERSON_TITLES = frozenset(
    """president governor gov mayor minister prime premier chancellor secretary senator sen
    rep representative congressman congresswoman judge justice sheriff officer deputy chief
    commander general gen col colonel lt lieutenant maj major capt captain sgt sergeant adm admiral
    mr mrs ms miss dr prof professor sir dame lord lady king queen prince princess pope cardinal
    bishop rev reverend father sister brother uncle aunt coach spokesman spokeswoman spokesperson
    ambassador envoy director chairman chairwoman ceo founder leader head analyst researcher
    correspondent reporter editor author writer photographer actor actress singer player striker
    midfielder defender goalkeeper manager attorney lawyer dean""".split()
)
#: Reporting verbs: "X said", "said X", "X told ...".
SPEECH_VERBS = frozenset(
    "said says say told tells added adds wrote writes tweeted noted stated explained argued "
    "asked warned claimed insisted announced replied".split()
)

#: Lower-case words allowed inside a multi-word name ("Isle of Man", "Rostov-on-Don").
CONNECTORS = frozenset(
    "of the de del della der den di da do dos das du la le les el al am an and y on upon sur en "
    "au aux im in bin ibn van von".split()
)

#: Nouns that name a settlement's type: "the village of X", "the city of X".
SETTLEMENT_CUES = frozenset(
    "village city town settlement hamlet capital port suburb outskirts district region province "
    "oblast county state island river area municipality community neighbourhood neighborhood "
    "republic".split()
)
#: Nouns of war whose "of" (or "over") names a place: "took control of X", "the fall of X",
#: "the shelling of X".
TERRITORIAL_NOUNS = frozenset(
    "control capture recapture liberation fall occupation seizure encirclement shelling "
    "bombardment".split()
)
#: Prepositions that make a following capitalised word likely a place.
PLACE_PREPOSITIONS = frozenset(
    "in near at from to into outside around towards toward across through via between "
    "inside within along beyond".split()
)
#: Verbs of war whose object is usually a place: "captured Popasna", "shelled Kharkiv".
TERRITORIAL_VERBS = frozenset(
    "captured capture captures capturing took take takes taking seized seize seizes seizing "
    "liberated liberate liberates liberating recaptured recapture recaptures retook retake "
    "retakes retaking occupied occupy occupies occupying shelled shell shells shelling struck "
    "strike strikes striking bombed bomb bombs bombing entered enter enters entering stormed "
    "storm storms storming encircled encircle encircles surrounded surround surrounds besieged "
    "besiege besieges abandoned abandon abandons evacuated evacuate evacuates defended defend "
    "defends defending reached reach reaches reaching attacked attack attacks attacking "
    "targeted target targets targeting hit hits hitting overran overrun taken retaken "
    "encircling surrounding besieging abandoning evacuating bombarded bombard bombards "
    "bombarding pounded pound pounds pounding raided raid raids raiding assaulted assault "
    "assaults assaulting".split()
)
DIRECTIONS = frozenset(
    "north south east west north-east north-west south-east south-west northeast northwest "
    "southeast southwest northern southern eastern western".split()
)

#: Lower-case area words kept inside the span: "Kharkiv region" (resolved as a region).
SPAN_CUES = frozenset("region oblast province governorate raion krai".split())
#: Lower-case area words left outside the span but passed as a cue: "Kharkiv area".
HEAD_CUES = frozenset("area district areas outskirts suburbs".split())
#: Capitalised area words that are part of the proper name: "Walker County".
PROPER_SUFFIXES = frozenset(
    "county parish oblast province region governorate raion krai district".split()
)

#: Adjectives and demonyms of continents, with the continent's English name.
CONTINENT_ADJECTIVES = {
    "european": "Europe",
    "europeans": "Europe",
    "african": "Africa",
    "africans": "Africa",
    "asian": "Asia",
    "asians": "Asia",
    "antarctic": "Antarctica",
    "oceanian": "Oceania",
}

#: Capitalised words that join a following demonym into one adjective ("North American").
COMPOUND_PREFIXES = frozenset(
    "north south east west northern southern eastern western central latin".split()
)

#: Upper-case abbreviations that news text uses for countries and unions. Other short
#: upper-case words (ISO codes "BA", "GW", postal codes "CT", "NV") are not place mentions.
COUNTRY_ABBREVIATIONS = frozenset("US USA UK UAE DRC PRC ROK DPRK EU KSA NZ".split())

BORDER_WORDS = frozenset({"border", "borders", "frontier"})

#: What stands between the names of a plain list ("X, Y and Z", "X, Y, or Z").
LIST_GAP = re.compile(r",\s*|,?\s+(?:and|or)\s+")

#: Capitalised nouns that end the name of a street, building or natural feature:
#: "Royal Street", "Barclays Center", "Neches River", "Snake Island".
FEATURE_HEADS = frozenset(
    """street avenue road drive lane boulevard highway square park airport hospital church
    cathedral basilica mosque synagogue center centre stadium arena bridge river lake
    mountains mountain hills island islands ocean sea peninsula canal estate township
    racecourse tower station bay valley creek falls dam reservoir forest desert coast beach
    harbour harbor strait plaza palace fortress base gulf""".split()
)

#: Feature heads naming a natural feature: a settlement, however well its name matches
#: the words before the head, is not an island, a sea or a river ("Snake Island").
NATURAL_HEADS = frozenset(
    """river lake mountains mountain hills island islands ocean sea peninsula bay
    valley creek falls forest desert coast strait gulf""".split()
)

#: Feature heads naming something built inside a town: a street, square or building that
#: the gazetteer does not hold lies in the document's locality ("Third Street").
BUILT_HEADS = frozenset(
    """street avenue road drive lane boulevard square park airport hospital church cathedral
    basilica mosque synagogue center centre stadium arena bridge estate racecourse tower
    station plaza palace""".split()
)

#: Words after a name that make it the name of an armed unit or formation, not a place:
#: "the Azov regiment", "Aidar battalion".
UNIT_HEADS = frozenset(
    """regiment regiments battalion battalions brigade brigades squadron squadrons
    militia militias legion""".split()
)

#: Words after a capitalised name that make it an organisation's name.
ORG_SUFFIXES = frozenset(
    """endowment foundation institute institution corporation corp inc ltd llc plc group
    company co fund trust association society agency council commission committee party
    partners holdings capital ventures bank airlines airways motors""".split()
)

#: Upper-case acronyms of organisations, outlets and agencies that a gazetteer may hold as
#: place names but that news text uses for the organisation.
NON_PLACE_ACRONYMS = frozenset(
    """NATO UN UNESCO UNICEF UNHCR WHO IMF OSCE OPEC ICC ICJ IAEA WTO ASEAN NBC CBS ABC CNN BBC
    NPR PBS AP AFP UPI DPA TASS RIA ITV SKY FOX MSNBC CNBC NYT WSJ FBI CIA NSA DHS DOD MOD
    SBU FSB GRU KGB ISW IDF IS ISIS ISIL PM MP MPS CEO CFO GOP TV USD EUR GDP NGO AI""".split()
)


def _read_list(name: str) -> frozenset[str]:
    text = resources.files("geo").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def common_words() -> frozenset[str]:
    """Return common English words seldom used as a place name at a sentence start.

    Returns
    -------
    frozenset of str
        Lower-case words from ``geo/data/common_words.txt``.
    """
    return _read_list("common_words.txt") | MONTHS | WEEKDAYS


@cache
def given_names() -> frozenset[str]:
    """Return common given names (several languages), lower case.

    Returns
    -------
    frozenset of str
        Lower-case names from ``geo/data/given_names.txt``.
    """
    return _read_list("given_names.txt")
