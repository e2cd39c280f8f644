"""Who says so: the verification status of a sentence's claim and who made it.

Rules, checked in the sentence first, then in its neighbours (nearest first):

================================================  ===========================================
cue                                               verification
================================================  ===========================================
"could not (independently) verify/confirm",       claimed (by the party quoted nearby)
"unable to verify", "unverified", "not been
verified"
"<analyst> assesses/assessed/estimates"           assessed (by the analyst)
"likely/probably captured" (no party speaker)     assessed (by the analyst named, if any)
"<X> confirmed", "confirmed on Monday"            confirmed; claimed when X is a party
                                                  confirming its own side's success
"<X> said/claimed/announced", "according to X"    claimed by X when X is a party to the
                                                  conflict, reported otherwise
"reportedly", "apparently", "appear to"           claimed (this sentence only)
no cue                                            reported (the source itself states it)
================================================  ===========================================

A party is a speaker whose words name a side of the conflict: a demonym or country
("Ukrainian officials", "Ukraine's defence ministry"), a leader or seat of
government (:data:`geo.actors.LEADERS`, :data:`geo.actors.SEATS`), or an official of
a place in a party's country ("Kharkiv regional governor", when ``gaz`` is given).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from gazetteer.protocol import GazetteerLike
from geo.actors import LEADERS, SEATS, country_index
from geo.model import Verification

__all__ = ["Attribution", "attribute", "speaker_side", "titles_in"]

_NOT_VERIFIED = re.compile(
    r"\b(?:could\s*n[o']t|can\s*n[o']t|cannot|was\s+unable\s+to|were\s+unable\s+to|unable\s+to|"
    r"did\s+not|has\s+not|have\s+not|had\s+not)\s+(?:been\s+)?(?:immediately\s+|independently\s+|"
    r"yet\s+)*(?:verif(?:y|ied)|confirm(?:ed)?)\b|\bunverified\b|\bunconfirmed\b",
    re.IGNORECASE,
)
#: Hedges that mark the sentence's own claim as unverified (never carried to neighbours).
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|apparently|ostensibly|appear(?:s|ed)?\s+to|"
    r"seem(?:s|ed)?\s+to|unconfirmed\s+reports?|is\s+said\s+to|are\s+said\s+to)\b",
    re.IGNORECASE,
)
_ASSESS = re.compile(
    r"\b(?:assess(?:es|ed)?|estimat(?:es|ed)|judg(?:es|ed))\b(?!\s+(?:damage|the\s+damage))",
    re.IGNORECASE,
)
#: An analyst's hedge on a stated fact ("likely captured"); "likely to" is a prospect.
_LIKELY = re.compile(
    r"\b(?:likely|probably|possibly|presumably|almost\s+certainly)\b(?!\s+to\b)",
    re.IGNORECASE,
)
#: "..., as ISW assessed": the report agreeing with a claim, not the claim's source.
_AS_ASSESSED = re.compile(r"\bas\s+(?:\w+\s+){1,3}?(?:previously\s+)?$", re.IGNORECASE)
_CONFIRM = re.compile(r"\bconfirm(?:s|ed)?\b", re.IGNORECASE)
#: "any confirmed attacks", "the first confirmed", "did not make confirmed gains": an adjective.
_CONFIRMED_ADJECTIVE = re.compile(
    r"\b(?:a|an|any|the|no|first|make|made|making|not|several|some|two|three)\s+$", re.IGNORECASE
)
#: Footage or imagery that shows the event: the report's own confirmation.
_FOOTAGE = re.compile(
    r"\b(?:footage|imagery|images|videos?|photos?|photographs|geolocated\s+social\s+media)\b"
    r"(?:\s+[\w,’']+){0,8}?\s+"
    r"(?:show|shows|showed|shown|indicates?|indicated|confirms?|confirmed|corroborates?|"
    r"depicts?|depicted|provides?\s+evidence)\b",
    re.IGNORECASE,
)
_NOT_FOOTAGE = re.compile(r"\b(?:purport\w*|reportedly|allegedly|claim\w*)\b", re.IGNORECASE)
_SAY = re.compile(
    r"\b(?:said|says|say|claimed|claims|claim|stated|states|reported|reports|announced|announces|"
    r"told|added|wrote|posted|shared|tweeted|noted|notes|indicated|indicates|reiterated|reiterates|"
    r"asserted|asserts|alleged|alleges|acknowledged|acknowledges|agreed|amplified|amplifies|"
    r"admitted|admits)\b",
    re.IGNORECASE,
)
_CLAIM_VERB = re.compile(
    r"\bclaim(?:s|ed|ing)?\s+(?:\w+\s+){0,3}?(?:that|to\s+have)\b", re.IGNORECASE
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<s>[^,.;:“”\"]+)", re.IGNORECASE)
_TITLE_WORDS = frozenset(
    [
        "minister",
        "deputy",
        "foreign",
        "interior",
        "the",
        "of",
        "officials",
        "official",
        "ministry",
        "defence",
        "defense",
        "governor",
        "military",
        "army",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "forces",
        "troops",
        "general",
        "staff",
        "command",
        "regional",
        "local",
        "authorities",
        "intelligence",
        "sources",
        "leaders",
        "leadership",
        "president",
        "mayor",
        "head",
        "administration",
        "office",
        "commander",
        "commanders",
        "chief",
        "department",
        "service",
        "services",
        "regional-area",
        "and",
        "separatist",
        "separatists",
        "rebel",
        "western",
        "area",
        "u.s.",
        "milblogger",
        "milbloggers",
        "blogger",
        "bloggers",
        "source",
        "media",
        "social",
        "channel",
        "channels",
        "users",
        "correspondent",
        "correspondents",
        "adviser",
        "advisor",
        "directorate",
    ]
)
_ANALYST = re.compile(
    r"\b(?:ISW|Institute\s+for\s+the\s+Study\s+of\s+War|[A-Z][\w.]*\s+(?:intelligence|analysts?)|"
    r"analysts?|think\s+tank|[A-Z][\w]+\s+Ministry\s+of\s+Defen[cs]e\s+intelligence)\b"
)


_TITLED_NAME = re.compile(
    r"(?P<title>[A-Z][\w-]+(?:-area|\s+regional|\s+region|\s+oblast|['’]s)?\s+(?:[a-z]+\s+){0,2}"
    r"(?:[Gg]overnor|[Mm]ayor|[Mm]inister|[Ss]pokes(?:man|woman|person)|[Cc]ommander|[Gg]eneral))"
    r",?\s+(?P<first>[A-Z][\w'’-]+)\s+(?P<last>[A-Z][\w'’-]+)"
)


def titles_in(text: str, *, gaz: GazetteerLike | None = None) -> dict[str, str]:
    """Map the people an article introduces with a title to that title.

    "Kharkiv regional governor Oleh Synehubov" gives ``{"Oleh Synehubov": ...,
    "Synehubov": "Kharkiv regional governor"}`` so that a later "according to
    Synehubov" is known as a party's claim.

    Parameters
    ----------
    text : str
        The article text.
    gaz : Gazetteer, optional
        Unused; accepted for symmetry with :func:`attribute`.

    Returns
    -------
    dict
        Full name and surname -> normalised title.

    Examples
    --------
    >>> titles_in("Odesa Mayor Ivan Bondar spoke.")["Bondar"]
    'Odesa Mayor'
    """
    found: dict[str, str] = {}
    for m in _TITLED_NAME.finditer(text):
        title = m.group("title")
        if not speaker_side(title, gaz=gaz):
            # "Ukrainian Eastern Group of Forces spokesperson X Y": the whole office says
            # whose spokesperson it is; "Deputy Chief of the Ukrainian General Staff,
            # Brigadier General X Y": so does the office before the comma
            whole = _speaker_before(text, m.start("first"))
            head = text[: m.start()].rstrip(", ")
            before = _speaker_before(head, len(head)) if head != text[: m.start()] else ""
            office = next((o for o in (whole, before) if o and speaker_side(o, gaz=gaz)), "")
            if office:
                title = office
        title = _clean(title, gaz)
        for key in (f"{m.group('first')} {m.group('last')}", m.group("last")):
            found.setdefault(key, title)
    return found


@dataclass(frozen=True)
class Attribution:
    """Verification status of a claim.

    Attributes
    ----------
    verification : Verification
        claimed / reported / confirmed / assessed.
    claimed_by : str
        Who said, confirmed or assessed it ("Ukrainian Ministry of Defence"), or ``""``.
    cue : str
        The words that decided it.
    """

    verification: Verification
    claimed_by: str = ""
    cue: str = ""


def attribute(
    sentence: str,
    *,
    context: Sequence[str] = (),
    parties: Collection[str] = (),
    agent_side: str = "",
    titles: Mapping[str, str] | None = None,
    gaz: GazetteerLike | None = None,
    hedged: bool | None = None,
) -> Attribution:
    """Decide how a sentence's claim is sourced.

    Parameters
    ----------
    sentence : str
        The sentence the event comes from.
    context : sequence of str
        Neighbouring sentences of the same paragraph (and just around it), nearest
        first; used when the sentence itself carries no cue.
    parties : collection of str
        ISO2 sides of the conflict (from the article's actors); empty means any
        country counts as a party.
    agent_side : str
        Side of the event's agent: a party confirming its own side's success
        makes a claim, not a confirmation.
    titles : mapping, optional
        People's names -> their titles (:func:`titles_in` of the article).
    gaz : Gazetteer, optional
        Resolves place names in titles ("Kharkiv regional governor") to a country.
    hedged : bool, optional
        Whether the action's own clause is hedged ("likely captured"), as
        :func:`geo.factuality.factuality` reads it; ``None`` looks for a hedge anywhere
        in the sentence. "conducted assaults and are likely attempting to ..." hedges
        the second predicate, not the assaults.

    Returns
    -------
    Attribution

    Examples
    --------
    >>> attribute("The agency could not verify the claim.").verification.value
    'claimed'
    >>> a = attribute("Officials in Ukraine's defence ministry said the town was retaken.",
    ...               parties={"UA", "RU"})
    >>> a.verification.value, a.claimed_by
    ('claimed', 'Ukrainian Ministry of Defence')
    """
    ctx = _Ctx(frozenset(parties), agent_side, dict(titles or {}), gaz, hedged)
    own = _attribute_one(sentence, ctx)
    if own is not None and own.verification is not Verification.REPORTED:
        if own.verification is Verification.CLAIMED and not own.claimed_by:
            speaker = _first_party_speaker([sentence, *context], ctx)
            if speaker:
                return Attribution(Verification.CLAIMED, speaker, own.cue)
        return own
    hedge = _HEDGE.search(sentence)
    if hedge and (own is None or not own.claimed_by or own.verification is Verification.REPORTED):
        # "reportedly": the report passes on others' reporting; a claim only when a party
        # speaks in this very sentence
        speaker = (own.claimed_by if own else "") or _speaker_in(sentence, ctx, party_only=True)
        if speaker:
            return Attribution(Verification.CLAIMED, speaker, hedge.group(0))
        # "reportedly", nobody named: the report passes on third-party reporting
        return Attribution(Verification.REPORTED, "", hedge.group(0))
    for other in context:
        found = _attribute_one(other, ctx)
        if found is None:
            continue
        if found.verification is Verification.CLAIMED and _NOT_VERIFIED.search(found.cue):
            cue = _NOT_VERIFIED.search(other)
            if cue is not None and _speaker_in(other[: cue.start()], ctx, party_only=False):
                # "X claimed that ..., although ISW cannot verify": about X's own claim
                continue
            speaker = (
                (own.claimed_by if own else "")
                or found.claimed_by
                or _first_party_speaker([sentence, *context], ctx)
            )
            return Attribution(Verification.CLAIMED, speaker, found.cue)
    return own if own is not None else Attribution(Verification.REPORTED)


@dataclass(frozen=True)
class _Ctx:
    parties: frozenset[str]
    agent_side: str
    titles: Mapping[str, str]
    gaz: GazetteerLike
    hedged: bool | None = None


def _attribute_one(sentence: str, ctx: _Ctx) -> Attribution | None:
    gaz, parties, agent_side = ctx.gaz, ctx.parties, ctx.agent_side
    m = _NOT_VERIFIED.search(sentence)
    if m:
        speaker = _speaker_in(sentence, ctx, party_only=True)
        return Attribution(Verification.CLAIMED, speaker, m.group(0))
    m = next(
        (a for a in _ASSESS.finditer(sentence) if not _AS_ASSESSED.search(sentence[: a.start()])),
        None,
    )
    if m:
        analysts = list(_ANALYST.finditer(sentence[: m.start()]))
        name = analysts[-1].group(0) if analysts else _speaker_before(sentence, m.start())
        if name:
            return Attribution(Verification.ASSESSED, _clean(name, gaz), m.group(0))
    m = next(
        (
            c
            for c in _CONFIRM.finditer(sentence)
            if not _CONFIRMED_ADJECTIVE.search(sentence[: c.start()])
        ),
        None,
    )
    footage = _FOOTAGE.search(sentence)
    if (
        footage
        and not _NOT_FOOTAGE.search(sentence[: footage.end()])
        and (m is None or footage.start() < m.start())
    ):
        return Attribution(Verification.CONFIRMED, "", footage.group(0))
    if m:
        speaker = _speaker_before(sentence, m.start())
        side = speaker_side(speaker, gaz=gaz) if speaker else ""
        name = _clean(speaker, gaz) if speaker else ""
        if side and agent_side and side == agent_side and _is_party(side, parties):
            return Attribution(Verification.CLAIMED, name, m.group(0))
        return Attribution(Verification.CONFIRMED, name, m.group(0))
    speaker = _speaker_in(sentence, ctx, party_only=False)
    side = speaker_side(speaker, gaz=gaz) if speaker else ""
    if speaker and side and _is_party(side, parties):
        return Attribution(Verification.CLAIMED, speaker, "said")
    if speaker and _CLAIM_VERB.search(sentence):
        return Attribution(Verification.CLAIMED, speaker, "claimed")  # "X claimed that"
    m = _LIKELY.search(sentence) if ctx.hedged is not False else None
    if m:
        # "troops likely captured X": the source's (or a named analyst's) judgement
        analysts = list(_ANALYST.finditer(sentence))
        name = analysts[0].group(0) if analysts else ""
        return Attribution(Verification.ASSESSED, _clean(name, gaz) if name else "", m.group(0))
    if speaker:
        return Attribution(Verification.REPORTED, speaker, "said")
    return None


def _is_party(side: str, parties: Collection[str]) -> bool:
    return not parties or side in parties


_OFFICIAL_BODY = re.compile(
    r"(?:(?:the\s+)?[A-Z][\w-]+(?:'s|’s)?\s+)(?:[Dd]efen[cs]e\s+[Mm]inistry|[Mm]inistry\s+of\s+"
    r"[Dd]efen[cs]e|General\s+Staff|officials|military|authorities|army|armed\s+forces)|"
    r"(?:[Mm]inistry\s+of\s+[Dd]efen[cs]e|[Dd]efen[cs]e\s+[Mm]inistry)\s+of\s+[A-Z][\w-]+|"
    r"[A-Z][\w-]+?(?:-area|\s+regional|\s+region|\s+oblast)?\s+[Gg]overnor(?:\s+[A-Z][\w'’-]+){0,2}"
)


def _first_party_speaker(context: Sequence[str], ctx: _Ctx) -> str:
    for other in context:
        speaker = _speaker_in(other, ctx, party_only=True)
        if speaker:
            return speaker
        for m in _OFFICIAL_BODY.finditer(other):
            side = speaker_side(m.group(0), gaz=ctx.gaz)
            if side and _is_party(side, ctx.parties):
                return _clean(m.group(0), ctx.gaz)
    return ""


def _speaker_in(sentence: str, ctx: _Ctx, *, party_only: bool) -> str:
    """Find the (normalised) speaker: "according to X", "X said", "..., X said"."""
    candidates: list[str] = []
    for m in _ACCORDING.finditer(sentence):
        candidates.append(m.group("s"))
    for m in _SAY.finditer(sentence):
        before = _speaker_before(sentence, m.start())
        if before:
            candidates.append(before)
        inverted = re.match(
            r"\s+(?:by\s+)?((?:the\s+)?[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,5})", sentence[m.end() :]
        )
        # "..., X said": the speaker follows; "X told Y": Y is only the addressee
        if inverted and m.group(0).lower() in {"said", "says", "added", "shared", "posted"}:
            candidates.append(_trim_speaker(inverted.group(1)))
    for candidate in candidates:
        candidate = candidate.strip()
        if not candidate:
            continue
        words = candidate.split()
        # "Brigadier General Oleksiy Hromov": the name a title introduced earlier
        titled = (
            ctx.titles.get(candidate)
            or ctx.titles.get(" ".join(words[-2:]))
            or (ctx.titles.get(words[-1]) if len(words) <= 2 else None)
        )
        if titled and (speaker_side(titled, gaz=ctx.gaz) or not speaker_side(candidate)):
            candidate = titled
        side = speaker_side(candidate, gaz=ctx.gaz)
        if party_only and not (side and _is_party(side, ctx.parties)):
            continue
        return _clean(candidate, ctx.gaz)
    return ""


def _trim_speaker(text: str) -> str:
    words = text.split()
    kept = []
    for word in words:
        if (
            word[0].isupper()
            or word.lower().strip("'’s") in _TITLE_WORDS
            or re.match(r"\w+-area$", word)
        ):
            kept.append(word)
        else:
            break
    return " ".join(kept)


#: Words that may open a speaker phrase's span but are no part of the speaker.
_NOT_SPEAKER = frozenset(
    [
        "the",
        "of",
        "and",
        "despite",
        "however",
        "although",
        "though",
        "while",
        "after",
        "amid",
        "but",
        "yet",
        "meanwhile",
        "additionally",
        "also",
        "following",
        "since",
    ]
)


def _speaker_before(sentence: str, pos: int) -> str:
    """Return the noun phrase right before a reporting verb ("Kharkiv-area Governor X")."""
    head = re.sub(r"\s*\([^()]*\)", "", sentence[:pos])  # "the Ministry of Defense (MoD)"
    if re.search(r"[A-Z][\w'’-]*\s+[A-Z][\w'’-]*,\s*$", head) and not re.match(
        r"(?i:said|says|added|shared|posted)\b", sentence[pos:]
    ):
        head = head.rstrip().rstrip(",")  # "..., General X Y, reported": an appositive speaker
    cut = max(head.rfind(c) for c in ',;:—–()“”"')
    words = re.findall(r"[\w.'’-]+", head[cut + 1 :])
    kept: list[str] = []
    for word in reversed(words):
        low = word.lower().rstrip(".")
        low = re.sub(r"(?:'s|’s)$", "", low)
        if (
            word[0].isupper()
            or low in _TITLE_WORDS
            or re.fullmatch(r"[\w]+-area", low)
            # a demonym ("Ukrainian", "Chinese"), not "these"
            or (re.fullmatch(r"[a-z]+ian|[a-z]+ese", low) and low not in {"these", "obese"})
        ):
            kept.append(word)
            if len(kept) >= 8:
                break
        elif re.fullmatch(
            r"(?:on|last|this)?\s*(?:monday|tuesday|wednesday|thursday|friday|saturday|"
            r"sunday|today|yesterday|also|later|earlier|have|has|had|\w+ly)",
            low,
        ):
            if kept:
                break
            continue
        else:
            break
    kept.reverse()
    # "Despite claims made by X": a sentence's opening word is capitalised, no speaker
    while kept and kept[0].lower() in _NOT_SPEAKER:
        kept.pop(0)
    phrase = " ".join(kept)
    if phrase.lower() in {"", "it", "he", "she", "they", "we", "i", "you"}:
        return ""
    return phrase


def speaker_side(speaker: str, *, gaz: GazetteerLike | None = None) -> str:
    """Side (ISO2) a speaker belongs to, from the words of its name; ``""`` when none.

    Parameters
    ----------
    speaker : str
        A speaker phrase ("Ukraine's defence ministry", "Kharkiv regional governor").
    gaz : Gazetteer, optional
        Resolves a place in a title to its country.

    Returns
    -------
    str

    Examples
    --------
    >>> speaker_side("the Russian Defence Ministry")
    'RU'
    >>> speaker_side("Reuters")
    ''
    """
    index = country_index()
    for word in re.findall(r"[A-Za-z][\w.'’-]*", speaker):
        bare = re.sub(r"(?:'s|’s)$", "", word).strip(".")
        low = bare.lower()
        if word.rstrip(".") in {"U.S", "US"}:
            return "US"
        if word.rstrip(".") in {"U.K", "UK"}:
            return "GB"
        if low in LEADERS:
            return LEADERS[low]
        if low in SEATS:
            return SEATS[low]
        if word[0].isupper():
            code = index.code(bare)
            if code and low not in {"ministry", "defence", "defense"}:
                return code
    title = re.search(
        r"([A-Z][\w-]+?)(?:-area|\s+regional|\s+region|\s+[Oo]blast|\s+[Cc]ity|['’]s)?\s+(?:[Gg]overnor|[Mm]ayor|"
        r"[Cc]ouncil|[Oo]perational\s+[Cc]ommand|"
        r"[Rr]egional\s+[Gg]overnor|[Aa]dministration|[Hh]ead|[Aa]uthorities|[Oo]fficials|"
        r"[Mm]ilitary\s+[Aa]dministration)",
        speaker,
    )
    if title is not None and gaz is not None:
        place = gaz.resolve(title.group(1), cues=("city", "region"))
        if place is not None and getattr(place, "country", ""):
            return str(place.country)
    return ""


def _demonym(code: str, *, used: str = "") -> str:
    """Return a country's demonym: the word the text used if it is one, else the first known."""
    index = country_index()
    if used and index.demonyms.get(used.lower()) == code:
        return used.title()
    name = index.names.get(code, code)
    forms = [d for d, c in index.demonyms.items() if c == code]
    preferred = [d for d in forms if d.startswith(name.lower()[:4])]
    best = (preferred or forms)[:1]
    return best[0].title() if best else name


def _clean(speaker: str, gaz: GazetteerLike) -> str:
    """Normalise a speaker's name: ministries, governors, general staffs."""
    text = re.sub(r"^\s*(?:the|The)\s+", "", speaker.strip(" ,.;:"))
    ministry = re.search(
        r"(?:([A-Z][\w-]+)(?:'s|’s)?\s+)?(?:[Dd]efen[cs]e\s+[Mm]inistry|[Mm]inistry\s+of\s+[Dd]efen[cs]e)"
        r"(?:\s+of\s+([A-Z][\w-]+))?",
        text,
    )
    if ministry:
        owner = ministry.group(1) or ministry.group(2) or ""
        code = country_index().code(owner) if owner else None
        if code is None:
            side = speaker_side(text, gaz=gaz)
            code = side or None
        return (
            f"{_demonym(code, used=owner)} Ministry of Defence" if code else "Ministry of Defence"
        )
    staff = re.search(r"([A-Z][\w-]+)(?:'s|’s)?\s+General\s+Staff", text)
    if staff:
        code = country_index().code(staff.group(1))
        if code:
            return f"{_demonym(code, used=staff.group(1))} General Staff"
    governor = re.search(
        r"([A-Z][\w-]+?)(?:-area|\s+regional|\s+region|\s+oblast|['’]s)?\s+[Gg]overnor|"
        r"[Gg]overnor\s+of\s+(?:the\s+)?([A-Z][\w-]+)",
        text,
    )
    if governor:
        return f"{governor.group(1) or governor.group(2)} regional governor"
    code = country_index().by_name.get(text.lower())
    if code:
        return f"Government of {country_index().names[code]}"
    return text
