"""Evidence that a capitalised word names a person, not a place.

Titles ("President X"), given names, reporting verbs ("said Wolff") and unknown first
names before a known surname ("Conor McGregor") mark people's names for the whole
document; the recogniser then leaves those words and spans alone.
"""

from __future__ import annotations

import re

from geo import recognize_rules as R
from geo.lookup import PlaceLookup
from geo.tokens import Document, Token

__all__ = ["collect_person_evidence", "ends_double_barrelled_name", "is_prominent"]

#: Endings of surnames (Ukrainian, Russian, Belarusian, Georgian, Armenian) that place
#: names of the region do not take as a second word: "-skyi", "-enko", "-ovych", "-shvili".
_SURNAME = re.compile(
    r"[a-z](?:[sc]k(?:yi|iy|ii|y|aya)|enko|chuk|[iy]uk|ovych|evych|ovich|evich|ov|ova|ev|eva|"
    r"yov|yova|shvili|dze|yan)$"
)


def collect_person_evidence(doc: Document, lk: PlaceLookup) -> None:
    """Collect words that name people in this document (document-wide).

    Parameters
    ----------
    doc : Document
        The document; its ``person_words`` and ``person_spans`` are extended.
    lk : PlaceLookup
        The look-up caches (a name the gazetteer knows is not taken for a person's).
    """
    toks, text = doc.toks, doc.text
    given = R.given_names()
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if not t.cap or t.upper:
            i += 1
            continue
        j = i
        while j + 1 < n and toks[j + 1].cap and text[toks[j].end : toks[j + 1].start] in (" ",):
            j += 1
            if toks[j].poss:
                break
        run = toks[i : j + 1]
        low0 = t.text.lower()
        prev = toks[i - 1] if i > 0 else None
        titled = (
            prev is not None
            and prev.text.lower() in R.PERSON_TITLES
            and (
                text[prev.end : t.start] == " "
                or (text[prev.end : t.start] == ". " and len(prev.text) <= 4 and prev.cap)
            )
        )
        if low0 in R.PERSON_TITLES and len(run) >= 2:
            # "President Joe Biden", "Governor Synehubov": everything after the title.
            doc.person_words.update(x.text for x in run[1:])
            doc.person_spans.append((run[1].start, run[-1].end))
        elif titled:
            doc.person_words.update(x.text for x in run)
            doc.person_spans.append((run[0].start, run[-1].end))
        elif len(run) >= 2 and low0 in given and not lk.is_known(text[run[0].start : run[-1].end]):
            # an acronym is not part of a personal name ("Henry Lazenby US-based")
            name = [run[0], *(x for x in run[1:] if not x.upper or t.upper)]
            doc.person_words.update(x.text for x in name[1:])
            doc.person_spans.append((name[0].start, name[-1].end))
        elif 2 <= len(run) <= 3 and _looks_like_person(doc, lk, run):
            doc.person_words.update(x.text for x in run[1:] if not is_prominent(lk, x.text))
            doc.person_spans.append((run[0].start, run[-1].end))
        i = j + 1
    # "..., said Wolff." / "Wolff said": a lone capitalised word next to a reporting verb
    # that the gazetteer does not know as a country or region.
    for k, t in enumerate(toks):
        if not t.cap or t.upper or t.poss:
            continue
        before = toks[k - 1].text.lower() if k > 0 else ""
        after = toks[k + 1].text.lower() if k + 1 < n else ""
        tail = text[t.end : t.end + 1]
        said_x = (
            before in ("said", "says")
            and text[toks[k - 1].end : t.start] == " "
            and tail in (".", ",", "")
        )
        x_said = (
            after in R.SPEECH_VERBS
            and text[t.end : toks[k + 1].start] == " "
            and (k == 0 or not toks[k - 1].cap or t.weak)
            # "who was from Dewsbury said": the place ends a clause, nobody speaks
            and before not in R.PLACE_PREPOSITIONS
        )
        if (said_x or x_said) and not is_prominent(lk, t.text):
            doc.person_words.add(t.text)


def is_prominent(lk: PlaceLookup, surface: str) -> bool:
    """Tell a country, region, demonym or large city: too prominent to be a person.

    Parameters
    ----------
    lk : PlaceLookup
        The look-up caches.
    surface : str
        A word or name from the text.

    Returns
    -------
    bool
    """
    if lk.demonym(surface):
        return True
    if not lk.is_known(surface):
        return False
    top = lk.top(surface)
    return top is not None and (top.kind in R.BIG_KINDS or top.population >= 100_000)


def _looks_like_person(doc: Document, lk: PlaceLookup, run: list[Token]) -> bool:
    """Tell "Conor McGregor": an unknown first word, then a surname the gazetteer knows."""
    first, last = run[0], run[-1]
    fl = first.text.lower()
    if (
        not first.text.isalpha()
        or len(first.text) < 3
        or first.upper
        or fl in R.common_words()
        or fl in R.DIRECTIONS
        or fl in R.CONNECTORS
        or lk.is_known(first.text)
        or lk.demonym(first.text)
        or R.CONTINENT_ADJECTIVES.get(fl)
    ):
        return False
    whole = doc.text[first.start : last.end]
    if lk.is_known(whole) or last.text.lower() in R.common_words():
        return False
    if len(run) == 2 and _SURNAME.search(last.text) and not lk.is_known(last.text):
        # "Yevhen Balytskyi": an unknown first word before an unknown word shaped as an
        # East Slavic or Caucasian surname is a name, whatever place it spells like
        return True
    return lk.is_known(last.text) and not is_prominent(lk, last.text)


def ends_double_barrelled_name(doc: Document, i: int) -> bool:
    """Whether token ``i`` ends a hyphenated name whose first part names a person.

    Parameters
    ----------
    doc : Document
        The document, its person evidence collected.
    i : int
        A token index.

    Returns
    -------
    bool
    """
    if i == 0:
        return False
    p = doc.toks[i - 1]
    return doc.text[p.end : doc.toks[i].start] == "-" and p.text in doc.person_words
