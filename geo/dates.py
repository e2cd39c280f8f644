"""Find date expressions in a sentence and turn them into date intervals.

Regular expressions first pick out real date expressions ("15 May 2022", "on Sunday",
"last week", "three weeks ago", "in March", "since 2014"); only those spans ever reach
:mod:`dateparser`, which would otherwise read "we" as Wednesday and "may", "now" or
"second" as dates. Explicit dates ("15 May", "May 15, 2022", "2022-05-15") and counted
offsets ("three weeks ago") are parsed by dateparser with ``RELATIVE_BASE`` set to the
publication date and ``PREFER_DATES_FROM='past'``; calendar phrases that name a period
("last week", "in March", "this year") are computed from the publication date, because
they denote an interval where dateparser returns one instant.

Every date is resolved against the publication date; without one, only dates that carry
their own year can be resolved, and nothing is ever resolved against today's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from geo.model import TimePrecision

__all__ = ["EARLIEST", "DateSpan", "date_for_sentence", "find_dates"]

#: The earliest date this module ever returns; earlier readings are dropped.
EARLIEST = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class DateSpan:
    """A date expression found in text, and the interval it denotes.

    Attributes
    ----------
    start, end : datetime.date or None
        First and last day of the interval (inclusive). ``start`` is ``None`` for
        "some time before publication"; both are ``None`` when the expression could
        not be resolved (no publication date).
    precision : TimePrecision
        ``DAY`` for one day, ``WEEK`` for an interval of up to about a week,
        ``MONTH`` for anything coarser, ``BEFORE_PUBLICATION`` for no date at all.
    text : str
        The expression as written (``""`` when no date was found).
    offset_start, offset_end : int
        Character offsets of ``text`` (shifted by the ``offset`` given to the finder).
    """

    start: dt.date | None
    end: dt.date | None
    precision: TimePrecision
    text: str
    offset_start: int
    offset_end: int

    @property
    def event_date(self) -> dt.date | None:
        """One representative day for the interval.

        The day itself for ``DAY`` precision; the middle day (rounded down) of a
        bounded interval, as ACLED codes weeks and months; ``None`` when the start
        is unknown (before publication, or unresolved).
        """
        if self.start is None or self.end is None:
            return None
        return self.start + (self.end - self.start) // 2

    @property
    def resolved(self) -> bool:
        """Return whether the expression was turned into a bounded interval."""
        return self.start is not None and self.end is not None


# --------------------------------------------------------------------------- patterns

_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_FULL = "(?:" + "|".join(_MONTH_NAMES) + ")"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_MONTH = f"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = "(?i:" + "|".join(_WEEKDAYS) + ")"
_WD_PREFIX = rf"(?:(?i:on|since|from)\s+)?(?:{_WEEKDAY},?\s+)?"
_COUNT_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_COUNT = (
    r"\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|a\s+couple\s+of|couple\s+of|few|several"
)
#: Vague counts as (fewest, most) units.
_VAGUE_COUNTS = {
    "a couple of": (2, 3),
    "couple of": (2, 3),
    "a few": (2, 4),
    "few": (2, 4),
    "several": (3, 7),
}
_BARE_COUNT = (2, 8)
_MONTH_PARTS = {
    "early": (1, 10),
    "beginning of": (1, 10),
    "start of": (1, 10),
    "first half of": (1, 15),
    "mid": (11, 20),
    "middle of": (11, 20),
    "second half of": (16, 31),
    "late": (21, 31),
    "end of": (21, 31),
    "first days of": (1, 10),
    "last days of": (21, 31),
    "first week of": (1, 7),
    "much of": (1, 31),
    "most of": (1, 31),
    "all of": (1, 31),
}

#: The seasons as months (first, last) of the year named with them; winter is December of
#: the year before to February ("winter 2022": the winter that January 2022 falls in).
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (0, 2),
}
_SEASON = r"(?i:spring|summer|autumn|fall|winter)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx))
    for kind, rx in (
        ("iso", rf"\b(?P<date>{_YEAR}-[01]\d-[0-3]\d)\b"),
        ("numeric", rf"\b(?P<date>\d{{1,2}}[/.]\d{{1,2}}[/.]{_YEAR})\b"),
        (
            "range",
            rf"\b(?:(?i:between|from|on|over)\s+)?(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})\s*"
            rf"(?:(?:-|–|to\s|through\s)\s*(?:(?P<m2>{_MONTH})\s+)?(?P<d2>{_DAY})|"
            rf"and\s+(?:(?P<m3>{_MONTH})\s+(?P<d3>{_DAY})|(?P<d4>{_DAY})"
            # "on May 24 and 25 people died": a count after "and", not a day
            r"(?!\s+(?!(?:in|on|at|near|and|to|as|the|when|while|after|before|but|with|along|"
            r"around|over|from|respectively|that|which)\b)[a-z])))"
            rf"(?:,?\s+(?P<year>{_YEAR}))?(?![\w-])",
        ),
        (
            "explicit",
            rf"\b{_WD_PREFIX}(?P<date>(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}"
            rf"(?:,?\s+{_YEAR})?)(?!\w)",
        ),
        (
            "explicit",
            rf"\b{_WD_PREFIX}(?P<date>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)(?!\w)",
        ),
        (
            "month",
            rf"\b(?:(?P<prep>(?i:since|in|during|throughout|from|for))\s+)?"
            rf"(?:(?:the\s+)?(?P<part>(?i:early|mid|late|middle\s+of|end\s+of|beginning\s+of"
            rf"|start\s+of|first\s+half\s+of|second\s+half\s+of|first\s+days\s+of"
            rf"|last\s+days\s+of|first\s+week\s+of|much\s+of|most\s+of|all\s+of))[-\s]+)?"
            rf"(?P<month>{_MONTH_FULL})(?:,?\s+(?P<year>{_YEAR}))?(?![\w-])",
        ),
        (
            "season",
            rf"\b(?:(?P<prep>(?i:since|in|during|throughout|from|by))\s+)?(?:(?i:the)\s+)?"
            rf"(?P<part>(?i:early|mid|late)[-\s]+)?(?P<s1>{_SEASON})"
            rf"(?:\s*(?:-|–|—|(?i:and|to|through))\s*(?P<s2>{_SEASON}))?"
            rf"(?:\s+(?i:of))?\s+(?P<year>{_YEAR})\b(?![-/.]\d)",
        ),
        (
            "year",
            rf"\b(?P<prep>(?i:since|in|during|throughout|early|mid|late|of))[-\s]+"
            rf"(?P<year>{_YEAR})\b(?![-/.]\d)",
        ),
        (
            "relative",
            rf"\b(?i:(?P<count>{_COUNT}|an?)\s+(?P<unit>days?|weeks?)\s+"
            rf"(?P<dir>after|before|later|earlier))"
            rf"(?:\s+(?P<anchor>(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"
            rf"|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)(?!\w))?",
        ),
        (
            "weekday",
            rf"\b(?:(?P<mod>(?i:on|since|last|this|past|early|late|by))\s+)?(?P<wd>{_WEEKDAY})\b"
            rf"(?:'s)?(?:\s+(?i:morning|afternoon|evening|night))?",
        ),
        (
            "today",
            r"\b(?i:(?:earlier\s+|later\s+)?today|tonight|this\s+(?:morning|afternoon|evening))\b",
        ),
        ("yesterday", r"\b(?i:(?P<before>the\s+day\s+before\s+)?yesterday|last\s+night)\b"),
        (
            "period",
            r"\b(?i:(?P<mod>last|past|previous|this|earlier\s+this|later\s+this"
            r"|(?:over|in|during)\s+the\s+(?:last|past))\s+(?P<unit>week|weekend|month|year))\b",
        ),
        ("weekend", r"\b(?i:(?:over|at|during|on)\s+the\s+weekend)\b"),
        (
            "recent",
            rf"\b(?i:(?:over|in|during|for)\s+(?:the\s+)?(?:past|last|recent)\s+"
            rf"(?:(?P<count>{_COUNT}|a\s+few)\s+)?(?P<unit>days|weeks|months))\b",
        ),
        (
            "ago",
            rf"\b(?i:(?:(?P<count>{_COUNT}|an?|a\s+few)\s+)?"
            r"(?P<unit>days?|weeks?|months?|years?)\s+ago)\b",
        ),
    )
)

_REPORTING = re.compile(
    r"\b(?:said|says|say|told|confirmed|confirms|announced|announces|reported|reports|stated"
    r"|claimed|claims|added|noted|wrote|tweeted|according\s+to\s+\w+)\W+(?:\w+\W+){0,2}$",
    re.I,
)

_PARSER_SETTINGS_BASE = {
    "PREFER_DATES_FROM": "past",
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["day", "month"],
}
#: What a sentence must contain for each kind of pattern to be worth running.
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "iso": ("<digit>",),
    "numeric": ("<digit>",),
    "explicit": ("<month name>",),
    "range": ("<month name>",),
    "month": ("<month name>",),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
    "year": ("<digit>",),
    "relative": ("after", "before", "later", "earlier"),
    "weekday": ("day",),
    "today": ("today", "tonight", "this "),
    "yesterday": ("yesterday", "last night"),
    "period": ("week", "month", "year"),
    "weekend": ("weekend",),
    "recent": ("days", "weeks", "months"),
    "ago": ("ago",),
}
_DIGIT = re.compile(r"\d")
_MONTH_WORD = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_SINCE = re.compile(r"since\b", re.I)
#: "unseen since", "the heaviest shelling since", "for the first time since": a comparison
#: with an earlier time.
_SINCE_COMPARED = re.compile(
    r"\b(?:unseen|not\s+(?:been\s+)?seen|first\s+time|highest|largest|heaviest|greatest|"
    r"biggest|strongest|most|least|lowest|worst|fewest|deadliest)\s+(?:[\w’'-]+\s+){0,4}?$",
    re.I,
)
_WEEKDAY_PREFIX = re.compile(rf"^{_WD_PREFIX}", re.I)


# --------------------------------------------------------------------------- public API


def find_dates(text: str, published: dt.date | None, *, offset: int = 0) -> list[DateSpan]:
    """Find every date expression in a sentence.

    Parameters
    ----------
    text : str
        A sentence (or any text).
    published : datetime.date or None
        Publication date that relative expressions refer to; ``None`` leaves them
        unresolved (``start`` and ``end`` ``None``).
    offset : int, optional
        Added to the offsets of every span (the sentence's offset in the article).

    Returns
    -------
    list of DateSpan
        In text order, not overlapping. Explicit dates after ``published`` are kept
        as written; relative intervals end on ``published`` at the latest.

    Examples
    --------
    >>> [s.start for s in find_dates("Shelling resumed on Sunday.", dt.date(2022, 5, 17))]
    [datetime.date(2022, 5, 15)]
    """
    published = _as_date(published)
    found: list[tuple[int, int, str, re.Match[str]]] = []
    lower = text.lower()
    present = {
        "<digit>": _DIGIT.search(text) is not None,
        "<month name>": _MONTH_WORD.search(text) is not None,
    }
    for kind, pattern in _PATTERNS:
        # cheap substring tests first: most sentences carry no date at all
        triggers = _TRIGGERS[kind]
        if not any(present.get(t, t in lower) for t in triggers):
            continue
        for m in pattern.finditer(text):
            found.append((m.start(), -(m.end() - m.start()), kind, m))
    found.sort(key=lambda item: (item[0], item[1]))
    spans: list[DateSpan] = []
    last_end = -1
    for start, _, kind, m in found:
        if start < last_end:
            continue
        try:
            interval = _RESOLVERS[kind](m, published)
        except (OverflowError, ValueError):  # arithmetic beyond year 1 or 9999
            continue
        if interval is _NOT_A_DATE:
            continue
        if _SINCE.match(m.group(0)) and _SINCE_COMPARED.search(text, 0, m.start()):
            continue  # "a level unseen since May": a yardstick, not when anything happened
        last_end = m.end()
        if interval is None:
            lo = hi = None
            precision = TimePrecision.BEFORE_PUBLICATION
        else:
            lo, hi, precision = interval
            if lo < EARLIEST:
                continue
            if published is not None and _SINCE.match(m.group(0)) and lo <= published:
                hi = published  # "since March": from then until publication
                precision = max(precision, _precision_of(lo, hi))
        spans.append(DateSpan(lo, hi, precision, m.group(0), m.start() + offset, m.end() + offset))
    return spans


#: Words that place an undated action at some vague earlier time, not in the report's
#: own period: "after withdrawing", "previously", "had captured", "for weeks".
_VAGUE_PAST = re.compile(
    r"\b(?:after|before|following|since|until|upon)\s+(?:\w+\s+)?(?:\w+ing|weeks?|months?|"
    r"years?|days)\b|\b(?:previously|earlier|formerly|already|once|originally|initially|"
    r"had|ago|eventually|ultimately|long)\b|\b(?:in|over|during)\s+(?:the\s+)?(?:recent|past|"
    r"last|previous|preceding|first|early|course)\b|\bfor\s+(?:\w+\s+)?(?:weeks|months|"
    r"years|days)\b|\bat\s+the\s+(?:start|beginning|outset)\b",
    re.IGNORECASE,
)
#: The period a daily report covers: the day before publication and the day itself.
REPORT_DAYS = 2


def date_for_sentence(
    sentence: str, published: dt.date | None, *, offset: int = 0, report: bool = False
) -> DateSpan:
    """Date the event a sentence reports.

    Among the sentence's date expressions that lie on or before publication, the most
    specific one wins (narrowest precision, then shortest interval, then the first),
    preferring expressions that do not date the reporting itself ("said on Monday")
    when the sentence has others. Without a usable expression, including vague ones
    such as "after weeks of fighting" or "previously", the event happened some time
    before publication: ``start=None, end=published``, precision
    ``BEFORE_PUBLICATION``. Without a publication date, only a date that carries its
    own year can be used; otherwise the result is undated (``start = end = None``).

    Parameters
    ----------
    sentence : str
        The sentence.
    published : datetime.date or None
        The article's publication date.
    offset : int, optional
        The sentence's offset in the article, added to the span offsets.
    report : bool, optional
        Read the sentence as news of the report's own period: without a usable
        expression and without a vague-past cue ("after withdrawing", "previously",
        "had taken", "for weeks"), the event happened in the last :data:`REPORT_DAYS`
        days before publication (``[published - 1 day, published]``, precision
        ``WEEK``, the precision of an interval of up to about a week).

    Returns
    -------
    DateSpan
        The chosen expression, or an empty-text span covering no characters (at
        ``offset``) when the sentence has no usable date.

    Examples
    --------
    >>> span = date_for_sentence("Troops withdrew last week.", dt.date(2022, 5, 17))
    >>> span.start, span.end
    (datetime.date(2022, 5, 9), datetime.date(2022, 5, 15))
    """
    published = _as_date(published)
    candidates = [
        s
        for s in find_dates(sentence, published, offset=offset)
        if s.start is not None and s.end is not None and (published is None or s.start <= published)
    ]
    if published is not None:
        candidates = [
            DateSpan(
                s.start, min(s.end, published), s.precision, s.text, s.offset_start, s.offset_end
            )
            if s.end is not None and s.end > published
            else s
            for s in candidates
        ]
    if candidates:
        unreported = [
            s for s in candidates if not _is_report_date(sentence, s.offset_start - offset)
        ]
        pool = unreported or candidates
        return min(pool, key=lambda s: (s.precision, s.end - s.start, s.offset_start))  # type: ignore[operator]
    if report and published is not None and not _VAGUE_PAST.search(sentence):
        first = published - dt.timedelta(days=REPORT_DAYS - 1)
        return DateSpan(first, published, _precision_of(first, published), "", offset, offset)
    return DateSpan(None, published, TimePrecision.BEFORE_PUBLICATION, "", offset, offset)


# --------------------------------------------------------------------------- resolvers

_Interval = tuple[dt.date, dt.date, TimePrecision]
_NOT_A_DATE: object = object()
#: A day-and-month without a year up to this many days after publication is read as
#: this year's (announced or scheduled), not as last year's.
_LOOK_AHEAD_DAYS = 31


def _precision_of(start: dt.date, end: dt.date) -> TimePrecision:
    days = (end - start).days
    if days == 0:
        return TimePrecision.DAY
    return TimePrecision.WEEK if days <= 7 else TimePrecision.MONTH


def _as_date(published: dt.date | None) -> dt.date | None:
    """Accept a datetime too (its calendar date is used)."""
    return published.date() if isinstance(published, dt.datetime) else published


def _is_report_date(sentence: str, start: int) -> bool:
    return _REPORTING.search(sentence[max(0, start - 60) : start]) is not None


@functools.lru_cache(maxsize=8192)
def _parse_with_dateparser(span: str, published: dt.date | None) -> dt.date | None:
    """Parse one whitelisted span with dateparser (cached)."""
    import dateparser

    settings = dict(_PARSER_SETTINGS_BASE)
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    parsed = dateparser.parse(span, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None


def _has_year(span: str) -> bool:
    return re.search(_YEAR, span) is not None


def _resolve_explicit(m: re.Match[str], published: dt.date | None) -> _Interval | object | None:
    span = _WEEKDAY_PREFIX.sub("", m.group("date")).strip()
    if published is None and not _has_year(span):
        return None
    day = _day_of(span, published)
    if day is None:
        return _NOT_A_DATE
    return day, day, TimePrecision.DAY


def _day_of(span: str, published: dt.date | None) -> dt.date | None:
    """Parse a day-and-month span; a year-less date just after publication is this year's."""
    day = _parse_with_dateparser(span, published)
    if (
        day is not None
        and published is not None
        and not _has_year(span)
        and day.year < published.year
    ):
        # "on 20 May" in an article of 17 May is this year's (an announced date),
        # not last year's: prefer the past only beyond a short look-ahead.
        this_year = _shift(day, "year", published.year - day.year)
        if this_year is not None and (this_year - published).days <= _LOOK_AHEAD_DAYS:
            day = this_year
    return day


def _resolve_range(m: re.Match[str], published: dt.date | None) -> _Interval | object | None:
    """Resolve "November 24 and 25", "between November 30 and December 1", "July 23-24"."""
    year = f", {m.group('year')}" if m.group("year") else ""
    if published is None and not year:
        return None
    first = _day_of(f"{m.group('m1')} {m.group('d1')}{year}", published)
    month = m.group("m2") or m.group("m3") or m.group("m1")
    day = m.group("d2") or m.group("d3") or m.group("d4")
    last = _day_of(f"{month} {day}{year}", published)
    if first is None or last is None or last < first or (last - first).days > 31:
        return _NOT_A_DATE
    return first, last, _precision_of(first, last)


def _resolve_iso(m: re.Match[str], published: dt.date | None) -> _Interval | object:
    try:
        day = dt.date.fromisoformat(m.group("date"))
    except ValueError:
        return _NOT_A_DATE
    return day, day, TimePrecision.DAY


def _resolve_numeric(m: re.Match[str], published: dt.date | None) -> _Interval | object:
    day = _parse_with_dateparser(m.group("date"), published)
    if day is None:
        return _NOT_A_DATE
    return day, day, TimePrecision.DAY


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _resolve_month(m: re.Match[str], published: dt.date | None) -> _Interval | object | None:
    prep = (m.group("prep") or "").lower()
    part = (m.group("part") or "").lower()
    year_text = m.group("year")
    if not (prep or part or year_text):
        return _NOT_A_DATE  # a bare "May" or "March" is not a date
    month = _MONTH_NAMES.index(m.group("month")) + 1
    if year_text:
        year = int(year_text)
    elif published is None:
        return None
    else:
        year = published.year if month <= published.month else published.year - 1
    first_day, last_day = _MONTH_PARTS.get(" ".join(part.split()), (1, 31))
    last = _month_end(year, month)
    start = dt.date(year, month, first_day)
    end = min(last, dt.date(year, month, min(last_day, last.day)))
    return _clip(start, end, published, TimePrecision.MONTH)


def _resolve_year(m: re.Match[str], published: dt.date | None) -> _Interval | object:
    prep = m.group("prep").lower()
    year = int(m.group("year"))
    first, last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}.get(prep, (1, 12))
    start, end = dt.date(year, first, 1), _month_end(year, last)
    return _clip(start, end, published, TimePrecision.MONTH)


def _resolve_season(m: re.Match[str], published: dt.date | None) -> _Interval | object:
    """Return the months of "summer 2022", "the spring-summer of 2022", "late autumn 2022"."""
    year = int(m.group("year"))
    first = _SEASONS[m.group("s1").lower()][0]
    last = _SEASONS[(m.group("s2") or m.group("s1")).lower()][1]
    part = (m.group("part") or "").strip(" -").lower()
    if part and not m.group("s2"):  # a third of the season's three months
        first = last = {"early": first, "mid": first + 1, "late": last}[part]
    # month 0 is December of the year before (winter)
    start = dt.date(year - 1, 12, 1) if first == 0 else dt.date(year, first, 1)
    return _clip(start, _month_end(year, last), published, TimePrecision.MONTH)


def _resolve_weekday(m: re.Match[str], published: dt.date | None) -> _Interval | None:
    if published is None:
        return None
    target = _WEEKDAYS.index(m.group("wd").lower())
    back = (published.weekday() - target) % 7
    if back == 0 and (m.group("mod") or "").lower() in ("last", "past"):
        back = 7
    day = published - dt.timedelta(days=back)
    if (m.group("mod") or "").lower() == "by":  # "by Friday": in the days up to it
        return day - dt.timedelta(days=6), day, TimePrecision.WEEK
    return day, day, TimePrecision.DAY


def _resolve_relative(m: re.Match[str], published: dt.date | None) -> _Interval | object | None:
    """Resolve "two days after 3 March", "a week before 10 May", "three days earlier".

    With a date after the preposition, the offset is taken from that date. Without
    one, "N days before/earlier" closing the clause counts back from publication;
    an offset from an event ("a day after Moscow announced ...") cannot be dated and
    reads as some time before publication.
    """
    count = _count(m.group("count"))
    unit = m.group("unit").lower().rstrip("s")
    forward = m.group("dir").lower() in ("after", "later")
    anchor_text = m.group("anchor")
    if not isinstance(count, int):
        return None
    if anchor_text:
        if published is None and not _has_year(anchor_text):
            return None
        anchor = _day_of(anchor_text.strip(), published)
        if anchor is None:
            return _NOT_A_DATE
    elif forward or published is None or not _clause_ends(m.string, m.end()):
        return None
    else:
        anchor = published
    point = _shift(anchor, unit, count if forward else -count)
    if point is None or point < EARLIEST:
        return _NOT_A_DATE
    if unit == "day":
        return point, point, TimePrecision.DAY
    return point - dt.timedelta(days=3), point + dt.timedelta(days=3), TimePrecision.WEEK


def _clause_ends(text: str, end: int) -> bool:
    """Whether nothing but punctuation follows ``end`` before the clause ends."""
    rest = text[end:].lstrip()
    return not rest or rest[0] in ".,;:!?)"


def _resolve_today(m: re.Match[str], published: dt.date | None) -> _Interval | None:
    if published is None:
        return None
    return published, published, TimePrecision.DAY


def _resolve_yesterday(m: re.Match[str], published: dt.date | None) -> _Interval | None:
    if published is None:
        return None
    day = published - dt.timedelta(days=2 if m.group("before") else 1)
    return day, day, TimePrecision.DAY


def _last_weekend(published: dt.date, *, before_current: bool) -> tuple[dt.date, dt.date]:
    """Saturday and Sunday of the latest weekend that started on or before publication."""
    saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
    if before_current:
        saturday -= dt.timedelta(days=7)
    return saturday, saturday + dt.timedelta(days=1)


def _resolve_period(m: re.Match[str], published: dt.date | None) -> _Interval | None:
    if published is None:
        return None
    mod = " ".join(m.group("mod").lower().split())
    unit = m.group("unit").lower()
    rolling = mod in ("past",) or mod.startswith(("over the", "in the", "during the"))
    previous = mod in ("last", "previous")
    if unit == "weekend":
        sat, sun = _last_weekend(published, before_current=previous)
        return _clip(sat, sun, published, TimePrecision.WEEK)
    if unit == "week":
        if rolling:
            return published - dt.timedelta(days=7), published, TimePrecision.WEEK
        monday = published - dt.timedelta(days=published.weekday())
        if previous:
            return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), TimePrecision.WEEK
        return monday, published, TimePrecision.WEEK
    if unit == "month":
        if rolling:
            return published - dt.timedelta(days=30), published, TimePrecision.MONTH
        first = published.replace(day=1)
        if previous:
            prev_last = first - dt.timedelta(days=1)
            return prev_last.replace(day=1), prev_last, TimePrecision.MONTH
        return first, published, TimePrecision.MONTH
    # year
    if rolling:
        return published - dt.timedelta(days=365), published, TimePrecision.MONTH
    if previous:
        year = published.year - 1
        return dt.date(year, 1, 1), dt.date(year, 12, 31), TimePrecision.MONTH
    return dt.date(published.year, 1, 1), published, TimePrecision.MONTH


def _resolve_weekend(m: re.Match[str], published: dt.date | None) -> _Interval | None:
    if published is None:
        return None
    sat, sun = _last_weekend(published, before_current=False)
    return _clip(sat, sun, published, TimePrecision.WEEK)


def _count(text: str | None) -> int | tuple[int, int]:
    """Read a count: a number, or (fewest, most) for a vague or missing count."""
    words = " ".join((text or "").lower().split())
    if words.isdigit():
        return int(words)
    if words in _COUNT_WORDS:
        return _COUNT_WORDS[words]
    return _VAGUE_COUNTS.get(words, _BARE_COUNT)


def _resolve_recent(m: re.Match[str], published: dt.date | None) -> _Interval | object | None:
    """Resolve "in recent days", "over the past two weeks": from then until publication."""
    if published is None:
        return None
    count = _count(m.group("count"))
    unit = m.group("unit").lower().rstrip("s")
    if not isinstance(count, int):
        count = 7 if unit == "day" and m.group("count") is None else count[1]
    start = _shift(published, unit, -count)
    if start is None:
        return _NOT_A_DATE
    return start, published, _precision_of(start, published)


def _resolve_ago(m: re.Match[str], published: dt.date | None) -> _Interval | object | None:
    if published is None:
        return None
    count = _count(m.group("count"))
    unit = m.group("unit").lower().rstrip("s")
    if isinstance(count, int):
        return _exact_ago(m.group(0), count, unit, published)
    lo, hi = count
    start, end = _shift(published, unit, -hi), _shift(published, unit, -lo)
    if start is None or end is None:
        return _NOT_A_DATE
    precision = TimePrecision.WEEK if (end - start).days <= 7 else TimePrecision.MONTH
    return start, end, precision


def _exact_ago(span: str, n: int, unit: str, published: dt.date) -> _Interval | object:
    if unit in ("day", "week"):
        point = _parse_with_dateparser(span, published)
        if point is None:
            days = n * (7 if unit == "week" else 1)
            if days > (published - EARLIEST).days:
                return _NOT_A_DATE
            point = published - dt.timedelta(days=days)
        if unit == "day":
            return point, point, TimePrecision.DAY
        return point - dt.timedelta(days=3), point + dt.timedelta(days=3), TimePrecision.WEEK
    shifted = _shift(published, unit, -n)
    if shifted is None:
        return _NOT_A_DATE
    if unit == "month":
        return shifted.replace(day=1), _month_end(shifted.year, shifted.month), TimePrecision.MONTH
    return dt.date(shifted.year, 1, 1), dt.date(shifted.year, 12, 31), TimePrecision.MONTH


def _shift(day: dt.date, unit: str, n: int) -> dt.date | None:
    """Move ``day`` by ``n`` units (day, week, month, year); None when out of range."""
    try:
        if unit == "day":
            return day + dt.timedelta(days=n)
        if unit == "week":
            return day + dt.timedelta(weeks=n)
        months = day.year * 12 + day.month - 1 + (n * 12 if unit == "year" else n)
        year, month = divmod(months, 12)
        month += 1
        return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    except (OverflowError, ValueError):
        return None


def _clip(
    start: dt.date, end: dt.date, published: dt.date | None, precision: TimePrecision
) -> _Interval:
    """End a period no later than publication when it contains the publication date."""
    if published is not None and start <= published < end:
        end = published
    return start, end, precision


_RESOLVERS: dict[str, Callable[[re.Match[str], dt.date | None], object]] = {
    "iso": _resolve_iso,
    "numeric": _resolve_numeric,
    "explicit": _resolve_explicit,
    "range": _resolve_range,
    "month": _resolve_month,
    "season": _resolve_season,
    "year": _resolve_year,
    "relative": _resolve_relative,
    "weekday": _resolve_weekday,
    "today": _resolve_today,
    "yesterday": _resolve_yesterday,
    "period": _resolve_period,
    "weekend": _resolve_weekend,
    "recent": _resolve_recent,
    "ago": _resolve_ago,
}
