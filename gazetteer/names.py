"""Name normalisation, transliteration and the matching keys of the staged matcher.

Every name in the index and every query goes through the same functions, so a
query matches a name at the first stage whose keys agree:

1. :func:`exact_key`: case-folded, whitespace collapsed;
2. :func:`normalise`: diacritics, apostrophes, hyphens and punctuation removed,
   common abbreviations expanded;
3. :func:`translit_keys`: Cyrillic transliterated with the Ukrainian and the
   Russian systems, then romanisation variants folded (kh/h/g, -iv/-ov/-ev,
   y/i/j, ye/ie/e, ya/ia, yu/iu, zh, ts/tz, shch/sch, adjective endings ...);
4. :func:`skeleton`: a consonant skeleton over confusable classes (l/r, v/f/b/w/p,
   dropped h and vowels, doubled letters), robust to machine-translation damage.

A fifth stage (edit distance) lives in the resolver.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "LOOKALIKES",
    "acronym",
    "exact_key",
    "has_cyrillic",
    "is_latin_or_cyrillic",
    "latin_forms",
    "normalise",
    "roman_key",
    "romanise_uk",
    "same_name",
    "skeleton",
    "strip_generic",
    "translit_keys",
    "transliterate",
]

_APOSTROPHES = "'’‘ʼʻ`´ʹʺ′″\"“”«»"
_SPECIAL_LATIN = {
    "ß": "ss",
    "æ": "ae",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "ı": "i",
    "œ": "oe",
    "þ": "th",
    "ħ": "h",
    "ŀ": "l",
}
_ABBREVIATIONS = {
    "st": "saint",
    "ste": "sainte",
    "mt": "mount",
    "ft": "fort",
    "pt": "port",
}
_TRAILING_ABBREVIATIONS = {"co": "county", "twp": "township", "is": "island", "r": "river"}
_GENERIC = frozenset(
    {
        "oblast",
        "oblast'",
        "obl",
        "region",
        "province",
        "state",
        "county",
        "parish",
        "district",
        "raion",
        "rayon",
        "governorate",
        "krai",
        "kray",
        "republic",
        "prefecture",
        "department",
        "municipality",
        "voivodeship",
        "canton",
        "territory",
        "of",
        "the",
        "city",
        "autonomous",
        "okrug",
        "borough",
    }
)

# Ukrainian national system (2010); word-initial forms apply at the start of a word.
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "ъ": "", "ы": "y", "э": "e", "ё": "io", "ў": "u",
}  # fmt: skip
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# Russian (BGN/PCGN, apostrophes dropped).
_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
    # other Cyrillic alphabets (Serbian, Macedonian, Bulgarian usage)
    "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj",
    "ѕ": "dz",
}  # fmt: skip
_RU_YE_AFTER = set("аеёиоуыэюяьъ")
_CYR_VOWELS = set("аеёиоуыэюяіїє")

#: Cyrillic letters read as the Latin letter they look like, inside a word that mixes the
#: two scripts (a Latin name typed or spun with look-alike letters: "Кharkiv").
LOOKALIKES = str.maketrans(
    {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "і": "i", "у": "y",
     "к": "k", "м": "m", "т": "t", "н": "h", "в": "b", "ј": "j", "ѕ": "s"}
)  # fmt: skip
_MIXED_RE = re.compile(r"(?=\w*[a-z])(?=\w*[\u0400-\u04ff])\w+")

_SPACE_RE = re.compile(r"\s+")
_PUNCT_RE = re.compile(r"[^\w\s]")

# Romanisation folding (stage 3), applied in order on a normalised Latin token.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"shch|szcz|sch|shtch|sc(?=h)", "1"),
        (r"tsch|tch|ch|cz|tsh", "3"),
        (r"zh|zs|dzh", "4"),
        (r"sh|sz", "2"),
        (r"kh|gh|h|g", "h"),
        (r"ts|tz|tc", "5"),
        (r"x", "ks"),
        (r"ph", "f"),
        (r"ck|q", "k"),
        (r"w", "v"),
        (r"(?:y|i|j)(?=[aeou])", ""),  # ya/ia/ja -> a, ye/ie -> e, yu/iu -> u, yo -> o
        (r"yi|ji|iy|ij|yy|ii|iï|y|j|ï", "i"),
        (r"(?<=[ieo])f\b", "v"),
        (r"[ieo]v\b", "ov"),  # -iv / -ev / -ov endings
        (r"(.)\1+", r"\1"),  # doubled letters
    )
)
_SKELETON_CLASSES = str.maketrans(
    {
        "l": "r",
        "r": "r",
        "v": "b",
        "f": "b",
        "b": "b",
        "p": "b",
        "w": "b",
        "d": "t",
        "t": "t",
        "k": "k",
        "c": "k",
        "q": "k",
        "x": "k",
        "s": "s",
        "z": "s",
        "1": "s",
        "2": "s",
        "3": "s",
        "4": "s",
        "5": "s",
        "m": "m",
        "n": "n",
    }
)
_VOWELS = set("aeiouy")


def has_cyrillic(text: str) -> bool:
    """Whether ``text`` contains at least one Cyrillic letter."""
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def is_latin_or_cyrillic(text: str) -> bool:
    """Whether every letter of ``text`` is Latin or Cyrillic (other scripts are not indexed)."""
    for ch in text:
        if ch.isalpha() and not (
            ch < "\u0250" or "\u1e00" <= ch <= "\u1eff" or "\u0400" <= ch <= "\u04ff"
        ):
            return False
    return any(ch.isalpha() for ch in text)


def clear_caches() -> None:
    """Empty the memo of every memoised key function here (results do not change)."""
    for value in list(globals().values()):
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


def exact_key(text: str) -> str:
    """Stage-1 key: NFC, case-folded, whitespace collapsed.

    Parameters
    ----------
    text : str
        A name.

    Returns
    -------
    str
        The key.
    """
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()


@lru_cache(maxsize=4096)
def _latin_base(ch: str) -> str:
    """Return a character's compatibility base, folded as a whole text is folded.

    Decomposing can reveal capitals (``ᴬ``), letters with their own folding (``ǣ``
    gives ``æ``, then ``ae``) or marks: fold the base again so that ``normalise``
    maps its own output to itself.
    """
    base = "".join(
        c
        for c in unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", ch).casefold())
        if not unicodedata.combining(c)
    )
    return "".join(_SPECIAL_LATIN.get(c, c) for c in base)


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Stage-2 key: lower case, no diacritics, apostrophes, hyphens or punctuation.

    Latin letters lose their diacritics; Cyrillic letters are kept as they are
    (lower-cased, ``ё`` folded to ``е``), except inside a word that mixes the two
    scripts, where they are read as the Latin letters they look like. Dots are
    removed (``U.S.`` gives ``us``), other punctuation becomes a space,
    abbreviations such as ``St`` and ``Mt`` are expanded.

    Parameters
    ----------
    text : str
        A name.

    Returns
    -------
    str
        The normalised name, words separated by single spaces.

    Examples
    --------
    >>> normalise("Kam’yanets’-Podil’s’kyy")
    'kamyanets podilskyy'
    >>> normalise("St. Louis")
    'saint louis'
    """
    text = unicodedata.normalize("NFC", text).casefold()
    out: list[str] = []
    for ch in text:
        if ch in _APOSTROPHES or ch == ".":
            continue
        if "\u0400" <= ch <= "\u04ff":
            out.append("е" if ch == "ё" else ch)
            continue
        special = _SPECIAL_LATIN.get(ch)
        if special is not None:
            out.append(special)
            continue
        if ch.isascii():
            out.append(ch if (ch.isalnum() or ch.isspace()) else " ")
            continue
        base = _latin_base(ch)
        if base and base.isalnum():
            out.append(base)
        elif ch.isalnum():
            out.append(ch)
        else:
            out.append(" ")
    joined = "".join(out)
    if not joined.isascii() and _MIXED_RE.search(joined):
        joined = _MIXED_RE.sub(lambda m: m.group().translate(LOOKALIKES), joined)
    words = [_ABBREVIATIONS.get(w, w) for w in joined.split()]
    if len(words) > 1 and words[-1] in _TRAILING_ABBREVIATIONS:
        words[-1] = _TRAILING_ABBREVIATIONS[words[-1]]
    return " ".join(words)


def acronym(name: str) -> str:
    """Return the initials of a multi-word name's significant words (``United States``: ``US``).

    Returns ``""`` for a one-word name.
    """
    words = [w for w in normalise(name).split() if w not in ("of", "the", "and")]
    if len(words) < 2:
        return ""
    return "".join(w[0] for w in words).upper()


def strip_generic(norm: str) -> str:
    """Remove generic words (``oblast``, ``county``, ``region``, ``of`` ...) from a normalised name.

    Parameters
    ----------
    norm : str
        A normalised name (see :func:`normalise`).

    Returns
    -------
    str
        The specific part, or ``""`` when nothing specific remains.
    """
    return " ".join(w for w in norm.split() if w not in _GENERIC)


def transliterate(text: str, system: str = "uk") -> str:
    """Transliterate Cyrillic letters of a lower-case string to Latin.

    Parameters
    ----------
    text : str
        Lower-case text (e.g. the output of :func:`normalise`).
    system : {"uk", "ru"}
        Ukrainian national system (2010) or Russian BGN/PCGN (without apostrophes).

    Returns
    -------
    str
        The text with every Cyrillic letter replaced.
    """
    table = _UK if system == "uk" else _RU
    out: list[str] = []
    prev = " "
    for ch in text:
        if system == "uk" and not prev.isalpha() and ch in _UK_INITIAL:
            out.append(_UK_INITIAL[ch])
        elif system == "ru" and ch == "е" and (not prev.isalpha() or prev in _RU_YE_AFTER):
            out.append("ye")
        else:
            out.append(table.get(ch, _RU.get(ch, ch)))
        prev = ch
    return "".join(out)


def romanise_uk(name: str) -> str:
    """Romanise a Ukrainian name by the national standard (Cabinet of Ministers, 2010).

    Unlike :func:`transliterate` (a matching key over lower-case text), this writes a
    display name: capitals are kept, apostrophes and the soft sign are dropped, ``зг``
    becomes ``zgh`` and ``є ї й ю я`` take their word-initial forms at the start of a
    word.

    Parameters
    ----------
    name : str
        A name in Ukrainian Cyrillic (other characters are kept as they are).

    Returns
    -------
    str
        The romanised name.

    Examples
    --------
    >>> romanise_uk("Розгон")
    'Rozghon'
    >>> romanise_uk("Ягідне")
    'Yahidne'
    >>> romanise_uk("Мар’їнка")
    'Marinka'
    """
    out: list[str] = []
    prev = " "
    for ch in unicodedata.normalize("NFC", name):
        if ch in _APOSTROPHES:
            continue  # the apostrophe is not romanised; the letter before stays "prev"
        low = ch.lower()
        if low == "г" and prev.lower() == "з":
            latin = "gh"
        elif low in _UK_INITIAL and not prev.isalpha():
            latin = _UK_INITIAL[low]
        else:
            latin = _UK.get(low, low)
        if ch != low and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        prev = ch
    return "".join(out)


def _fold_token(token: str) -> str:
    for pattern, repl in _FOLDS:
        token = pattern.sub(repl, token)
    return token


@lru_cache(maxsize=65536)
def roman_key(norm_latin: str) -> str:
    """Stage-3 key of a normalised Latin name: romanisation variants folded.

    Digraphs are folded to one symbol (``shch``/``sch``, ``ch``, ``zh``, ``sh``,
    ``ts``/``tz``), ``kh``/``h``/``g`` to ``h``, iotated vowels and ``y``/``i``/``j``
    to plain vowels, ``-iv``/``-ev``/``-ov`` endings to ``ov``, doubled letters to
    one, and final vowels dropped (adjective endings such as ``-aya``/``-a``/``-yi``
    and added vowels such as ``Lvivo``).

    Parameters
    ----------
    norm_latin : str
        A normalised name in Latin letters.

    Returns
    -------
    str
        The key (may contain digits standing for digraphs).

    Examples
    --------
    >>> roman_key("izyum") == roman_key("izium")
    True
    >>> roman_key("malaya vyska") == roman_key("mala vyska")
    True
    """
    out = []
    for token in norm_latin.split():
        folded = _fold_token(token)
        stripped = folded.rstrip("aeiou")
        if len(stripped) >= 3 or (len(stripped) >= 2 and len(folded) > 3):
            folded = stripped
        out.append(folded)
    return " ".join(out)


def translit_keys(norm: str) -> tuple[str, ...]:
    """Stage-3 keys of a normalised name: one per transliteration system.

    Parameters
    ----------
    norm : str
        A normalised name (Latin and/or Cyrillic).

    Returns
    -------
    tuple of str
        Distinct keys (one for a Latin name, up to two for a Cyrillic one).
    """
    if not has_cyrillic(norm):
        return (roman_key(norm),)
    keys = {roman_key(transliterate(norm, "uk")), roman_key(transliterate(norm, "ru"))}
    return tuple(sorted(keys))


def same_name(a: str, b: str) -> bool:
    """Whether two spellings are one name: equal once normalised, or up to romanisation.

    Parameters
    ----------
    a, b : str
        Names, as written.

    Returns
    -------
    bool
        ``False`` when either is empty once normalised.

    Examples
    --------
    >>> same_name("Krasnopillya", "Krasnopillia"), same_name("Kyiv", "Lviv")
    (True, False)
    """
    na, nb = normalise(a), normalise(b)
    return (
        bool(na)
        and bool(nb)
        and (na == nb or bool(set(translit_keys(na)) & set(translit_keys(nb))))
    )


def latin_forms(norm: str) -> tuple[str, ...]:
    """Latin spellings of a normalised name (itself, or its two transliterations)."""
    if not has_cyrillic(norm):
        return (norm,)
    return tuple(sorted({transliterate(norm, "uk"), transliterate(norm, "ru")}))


_SKELETON_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"shch|szcz|sch|tsch|tch|ch|cz|zh|zs|sh|sz|ts|tz", "s"),
        (r"kh|ck|q|g", "k"),
        (r"ph", "f"),
        (r"x", "ks"),
        (r"h", ""),
    )
)


@lru_cache(maxsize=65536)
def skeleton(norm_latin: str) -> str:
    """Stage-4 key: consonant skeleton over confusable classes.

    Works on a normalised Latin name: sibilant digraphs fold to ``s``, ``kh`` and
    ``g`` to ``k``, ``h`` and vowels are dropped (a word-initial vowel is kept as
    ``a``), ``l``/``r``, ``v``/``f``/``b``/``w``/``p``, ``d``/``t`` and
    ``k``/``c``/``q`` fall into one class each, and repeated classes collapse.

    Parameters
    ----------
    norm_latin : str
        A normalised Latin name (see :func:`normalise` and :func:`latin_forms`).

    Returns
    -------
    str
        The skeleton, words separated by spaces.

    Examples
    --------
    >>> skeleton("livif") == skeleton("lviv")
    True
    """
    words = []
    for token in norm_latin.split():
        for pattern, repl in _SKELETON_FOLDS:
            token = pattern.sub(repl, token)
        chars: list[str] = []
        if token and token[0] in _VOWELS:
            chars.append("a")
        for ch in token.translate(_SKELETON_CLASSES):
            if ch in _VOWELS or ch == "j":
                continue
            if chars and chars[-1] == ch:
                continue
            chars.append(ch)
        words.append("".join(chars))
    return " ".join(w for w in words if w)
