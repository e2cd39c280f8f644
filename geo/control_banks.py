"""A withdrawal across a river: the side that leaves a bank gives up its ground there.

"Forces withdrew from the west bank", "withdrawing to the east (left) bank", "the retreat
from the right bank of the X Oblast": such a report moves a whole stretch of front at
once, and names few of the places it frees. This module reads those reports and says
which sites change hands:

- the river is the one the report names (the gazetteer's river lines, which run through
  bank settlements from source to mouth), else the river with the longest stretch in
  the report's region;
- a bank is named by its side looking downstream (``right``, ``left``) or by a compass
  word (``west``: the bank the river's local right-hand normal points west to, or
  the other);
- "from the X bank" leaves X; "to the X bank" leaves the other bank;
- every report of a merged event is read (the sentence kept for the event may not be the
  one that names the bank);
- a move stands once reported (not only claimed by a party) on two different days within
  ``window_days``: a lone mention is often a plan, a rumour or a look back. A party's own
  word that its forces withdrew is an admission, not a claim: it counts as a report. A
  lone report stands too once two places on that bank, in its region, are reported taken
  by the other side within the window (a sparse feed reports an offensive once). A
  pull-out by degrees ("continue to withdraw units from the west bank") is no such report;
- "from the west bank" and "to the left bank" of one river name the same bank when the
  river runs south: banks are compared looking downstream;
- the ground given up is the leaving side's connected ground on that bank that reaches
  the report's region (an enclave, not every site on that bank of a long river), within
  ``max_km`` of the river, except the places a later report says the leaving side still
  holds. The ground no report names does not part it (a pocket beyond unreported
  villages goes with the rest); the other side's ground does.

A completed withdrawal from a whole region ("forces completed their withdrawal from Kyiv
Oblast", "withdrew entirely from X Oblast") is such a move with no river (``river``
``""``, ``bank`` ``"all"``): the leaving side gives up every site of the region it held,
but those a later report says it still holds. A withdrawal still under way ("are
withdrawing from Kharkiv Oblast") says nothing of the whole region. So does the other
side taking the whole region ("liberated the entirety of X Oblast", "full control over
X Oblast", "X Oblast has been fully liberated"); a part, "almost all" or "all but ..."
is no whole region. It stands on the same two reports, or on one that three places of
the region, each reported taken by the other side (not claimed by a party), confirm
within the window: a region is more ground than a bank.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

__all__ = [
    "BankMove",
    "Barriers",
    "bank_moves",
    "bank_of",
    "bank_sites",
    "leave_bank",
    "river_barriers",
    "river_lines",
]

_KM_PER_DEGREE = 111.32
_BANK = (
    r"(west(?:ern)?|east(?:ern)?|north(?:ern)?|south(?:ern)?|right|left)"
    r"(?:\s*\([a-z]+\))?[\s-]+bank"
)
_MOVE = r"(?:withdr[ae]w\w*|retreat\w*|pull\w*\s+back|f[ae]ll\w*\s+back|relocat\w*|rout)"
# "withdrew (their troops) from the west bank", "withdrawing to the east (left) bank".
_FROM = re.compile(_MOVE + r"(?:\s+[\w’'-]+){0,4}?\s+from\s+the\s+" + _BANK, re.I)
# "withdrawing from X, from Y and (from) settlements on the western bank": the last item
# of a list of what is left names a bank.
_FROM_LIST = re.compile(
    _MOVE + r"\s+from\s+[^.;:()]{0,120}?\b(?:settlements|positions|areas|villages|towns|parts|"
    r"territor(?:y|ies))\s+(?:on|along|of)\s+the\s+" + _BANK,
    re.I,
)
_TO = re.compile(_MOVE + r"(?:\s+[\w’'-]+){0,4}?\s+(?:to|across\s+to|onto)\s+the\s+" + _BANK, re.I)
_OPPOSITE = {
    "west": "east",
    "east": "west",
    "north": "south",
    "south": "north",
    "right": "left",
    "left": "right",
}
_COMPASS = {"west": (-1.0, 0.0), "east": (1.0, 0.0), "north": (0.0, 1.0), "south": (0.0, -1.0)}
#: How far up- and downstream the river's course is taken to tell its compass banks
#: (km): a bank is "east" by the river's general course, not by a bend's last segment.
COURSE_KM = 30.0
_TRUSTED = {"reported", "confirmed", "assessed"}


@dataclass(frozen=True)
class BankMove:
    """A side leaving one bank of a river in a region, from a day on.

    Attributes
    ----------
    day : int
        Day number (days since 1970-01-01) from which the move stands.
    side : str
        Code of the side that leaves.
    bank : str
        ``right``, ``left`` or a compass word; ``all`` for a whole region.
    river : str
        Feature id of the river; ``""`` for a whole region.
    region : str
        Admin-1 id of the reports' region.
    event_ids : tuple of str
        The reports behind it.
    """

    day: int
    side: str
    bank: str
    river: str
    region: str
    event_ids: tuple[str, ...]


def left_bank_word(text: str) -> str | None:
    """Return the bank a sentence says a force leaves, ``None`` when it says none.

    Parameters
    ----------
    text : str

    Returns
    -------
    str or None
        ``right``, ``left``, ``west``, ``east``, ``north`` or ``south``.

    Examples
    --------
    >>> left_bank_word("The troops withdrew to the east (left) bank.")
    'west'
    """
    to = _TO.search(text)
    if to:
        return _OPPOSITE[_word(to.group(1))]
    left = _FROM.search(text) or _FROM_LIST.search(text)
    return _word(left.group(1)) if left else None


def _word(raw: str) -> str:
    raw = raw.lower()
    return next(w for w in _OPPOSITE if raw.startswith(w))


@lru_cache(maxsize=1)
def river_lines() -> dict[str, tuple[tuple[str, ...], BaseGeometry]]:
    """Return the gazetteer's rivers: id -> (names, line from source to mouth).

    Returns
    -------
    dict
    """
    import geopandas

    from gazetteer.geometry import data_dir

    frame = geopandas.read_parquet(data_dir() / "features.parquet")
    frame = frame[frame["type"] == "river"]
    return {
        str(r.id): ((str(r.name), *map(str, r.names)), r.geometry)
        for r in frame.itertuples()
        if r.geometry is not None
    }


def _river_for(
    text: str, region: BaseGeometry | None, rivers: dict[str, tuple[tuple[str, ...], BaseGeometry]]
) -> str | None:
    low = text.lower()
    named = [
        rid
        for rid, (names, _) in sorted(rivers.items())
        if any(re.search(rf"\b{re.escape(n.lower())}\b", low) for n in names)
    ]
    if named:
        return named[0]
    if region is None:
        return None
    # No river named: the one that runs longest through the region.
    lengths = {
        rid: float(shapely.length(shapely.intersection(line, region)))
        for rid, (_, line) in sorted(rivers.items())
    }
    best = max(lengths, key=lambda k: (lengths[k], k), default=None)
    return best if best is not None and lengths[best] > 0 else None


def bank_moves(
    events: Iterable[Any],
    code_of: Callable[[str], str],
    sides: Sequence[str],
    *,
    window_days: int = 7,
    least_takings: int = 2,
    rivers: dict[str, tuple[tuple[str, ...], BaseGeometry]] | None = None,
) -> list[BankMove]:
    """Return the withdrawals across a river that the reports establish.

    Parameters
    ----------
    events : iterable of Event or MergedEvent
    code_of : callable
        Actor name -> side code.
    sides : sequence of str
        The belligerents; moves of other actors are ignored.
    window_days : int, default 7
        Two reports on different days within this many days establish a move.
    least_takings : int, default 2
        A single report stands once this many places on the bank left are reported
        taken by the other side within ``window_days`` of it; for a whole region, one
        more place anywhere in it, each reported taken (not a party's claim).
    rivers : dict, optional
        See :func:`river_lines` (the default).

    Returns
    -------
    list of BankMove
        Sorted by day.
    """
    from gazetteer.geometry import admin1, admin1_at
    from geo.schema import day_number

    rivers = river_lines() if rivers is None else rivers
    units = admin1()
    shape_of = dict(zip(units["id"], units.geometry, strict=True))
    events = list(events)  # read twice: the reports, then the takings
    seen: dict[tuple[str, str, str, str], list[tuple[int, str]]] = {}
    for e in events:
        side = code_of(e.actor1) if e.actor1 else ""
        if side not in sides or e.undated or e.event_date is None:
            continue
        if e.action in TAKINGS:
            # "Liberated all of X Oblast": the other side left the whole region.
            whole = _region_left(e)
            others = [s for s in sides if s != side]
            if whole is None or len(others) != 1:
                continue
            for quote, day in _bank_reports(e, others[0]):
                if _WHOLE_GAIN.search(quote):
                    key = (others[0], "all", "", whole)
                    seen.setdefault(key, []).append((day_number(day.isoformat()), str(e.event_id)))
            continue
        if e.action != "withdraw":
            continue
        if e.latitude != e.latitude or e.longitude != e.longitude:
            continue
        region = None
        whole = _region_left(e)
        for quote, day in _bank_reports(e, side):
            if _GRADUAL.search(quote):
                continue
            bank = left_bank_word(quote)
            if bank is None and whole is not None and _WHOLE_REGION.search(quote):
                key = (side, "all", "", whole)
                seen.setdefault(key, []).append((day_number(day.isoformat()), str(e.event_id)))
                continue
            if bank is None:
                continue
            region = region or admin1_at(float(e.longitude), float(e.latitude))
            if region is None:
                break
            river = _river_for(quote, shape_of.get(region), rivers)
            if river is None:
                continue
            bank = _downstream(bank, rivers[river][1], float(e.longitude), float(e.latitude))
            key = (side, bank, river, str(region))
            seen.setdefault(key, []).append((day_number(day.isoformat()), str(e.event_id)))
    takings = _takings(events, code_of, sides)
    moves = []
    for (side, bank, river, region), reports in sorted(seen.items()):
        reports.sort()
        stands: list[tuple[int, tuple[str, ...]]] = []
        # The reports of the move itself are no takings that confirm it.
        own = {i for _, i in reports}
        for k, (day, _) in enumerate(reports):
            earlier = [d for d, _ in reports[:k] if day - window_days <= d < day]
            if earlier:
                ids = tuple(i for d, i in reports[: k + 1] if d >= day - window_days)
                stands.append((day, ids))
                break
            if takings:
                # A lone report that the other side's takings on that bank (in that
                # region) confirm within the window: the withdrawal happened (not a plan
                # or a rumour).
                # A whole region asks more: takings reported, not a party's claims.
                seconded = _seconded(
                    [t for t in takings if t[5] not in own and (river or t[6])],
                    day,
                    side,
                    bank,
                    rivers[river][1] if river else None,
                    shape_of.get(region),
                    window_days=window_days,
                    least=least_takings if river else least_takings + 1,
                )
                if seconded is not None:
                    stands.append((seconded[0], (reports[k][1], *seconded[1])))
        if stands:
            day, ids = min(stands)
            moves.append(BankMove(day, side, bank, river, region, ids))
    return sorted(moves, key=lambda m: (m.day, m.side, m.river, m.region, m.bank))


#: A pull-out going on by degrees ("continuing to withdraw units from the west bank"):
#: units leave, the front stays until a report says the bank is left.
_GRADUAL = re.compile(
    r"\bcontinu\w*\s+(?:to\s+|their\s+|its\s+|the\s+)?(?:\w+\s+)?"
    r"(?:withdr\w*|retreat\w*|pull\w*)",
    re.IGNORECASE,
)


#: Actions of a side taking places.
TAKINGS = ("capture", "liberate")
#: Ids of what is no settlement: a region, a river.
_NOT_PLACES = ("admin", "feature:")
#: Farthest from a river (km) its bank reaches: the sites a withdrawal across it gives
#: up, and the takings that confirm a lone report of it.
BANK_KM = 120.0


def _takings(
    events: Iterable[Any], code_of: Callable[[str], str], sides: Sequence[str]
) -> list[tuple[int, str, float, float, str, str, bool]]:
    """Return the changes of hands of named places.

    Each as (day, side gaining, lon, lat, place id, event id, whether reported rather
    than claimed by a party), by day.
    """
    from geo.model import GeoPrecision
    from geo.schema import day_number

    out = []
    for e in events:
        # Places reported taken (a withdrawal from a place is often a unit's or its
        # equipment's, and told long after).
        if e.action not in TAKINGS or e.undated:
            continue
        if e.event_date is None or e.geo_precision is not GeoPrecision.PLACE:
            continue
        gaining = code_of(e.actor1) if e.actor1 else ""
        if gaining not in sides or not e.place_id or str(e.place_id).startswith(_NOT_PLACES):
            continue
        day = day_number(e.event_date.isoformat())
        verification = str(getattr(e.verification, "value", e.verification))
        lon, lat = float(e.longitude), float(e.latitude)
        out.append(
            (day, gaining, lon, lat, str(e.place_id), str(e.event_id), verification in _TRUSTED)
        )
    return sorted(out)


def _seconded(
    takings: list[tuple[int, str, float, float, str, str, bool]],
    day: int,
    side: str,
    bank: str,
    line: BaseGeometry | None,
    region: BaseGeometry | None,
    *,
    window_days: int,
    least: int,
) -> tuple[int, tuple[str, ...]] | None:
    """Return the day ``least`` places on the bank changed to the other side, and their events.

    Takings within ``window_days`` of the report, inside the report's region and, for a
    river (``line``), on the bank left within :data:`BANK_KM` of it; ``None`` when
    fewer.
    """
    if region is None:
        return None
    near = [t for t in takings if t[1] != side and abs(t[0] - day) <= window_days]
    if not near:
        return None
    lonlat = np.array([(t[2], t[3]) for t in near])
    keep = shapely.intersects_xy(region, lonlat[:, 0], lonlat[:, 1])
    if line is not None:
        keep &= bank_sites(lonlat, line, bank)
    first: dict[str, tuple[int, str]] = {}
    for t, ok in zip(near, keep, strict=True):
        if ok and t[4] not in first:
            first[t[4]] = (t[0], t[5])
    if len(first) < least:
        return None
    ordered = sorted(first.values())
    return max(day, ordered[least - 1][0]), tuple(i for _, i in ordered[:least])


#: A withdrawal from all of a region, done: "completed their withdrawal from", "withdrew
#: entirely from", "have fully withdrawn from" (not "are withdrawing from").
_WHOLE_REGION = re.compile(
    r"\b(?:complet\w*|finish\w*)\s+(?:\w+\s+){0,2}?(?:withdrawal|retreat|pull-?out)\s+"
    r"(?:\w+\s+){0,3}?from\b|"
    r"\b(?:withdr[ae]w\w*|retreat\w*|pulled\s+out)\s+(?:\w+\s+){0,3}?"
    r"(?:completely|entirely|fully)\s+from\b|"
    r"\b(?:completely|entirely|fully)\s+(?:withdr[ae]w\w*|retreated|pulled\s+out)\s+"
    r"(?:\w+\s+){0,3}?from\b",
    re.IGNORECASE,
)


#: A whole region taken: "liberated all of X Oblast", "the entire X region", "the
#: entirety of X Oblast", "full control of X Oblast", "completed the capture of X Oblast",
#: "fully liberated X Oblast". The region's name is capitalised: "the entire northern
#: part of X Oblast" is a part; "all of X Oblast except ..." and "X Oblast's bank" too.
_REGION = r"(?:the\s+)?(?:[A-Z][\w’'-]*\s+){1,3}(?i:oblast|region|province)(?![’']s)\b"
_WHOLE_GAIN = re.compile(
    "(?:"
    + "|".join(
        (
            # Not "almost all", "nearly the entire".
            r"(?<!almost )(?<!nearly )(?<!virtually )(?<!practically )(?<!not )"
            r"(?i:\b(?:all|the\s+entire(?:ty)?|the\s+whole|entire)\s+(?:of\s+)?)" + _REGION,
            r"(?i:\b(?:full|complete|total)\s+control\s+(?:of|over)\s+)" + _REGION,
            r"(?i:\bcomplet(?:ed|ing)\s+(?:the\s+|their\s+|its\s+)?"
            r"(?:capture|liberation|seizure|occupation)\s+of\s+)" + _REGION,
            r"(?i:\bfully\s+(?:liberat|captur|occupi|seiz)\w*\s+)" + _REGION,
            _REGION + r"(?i:\s+(?:is|was|has\s+been|had\s+been)\s+(?:now\s+)?fully\s+"
            r"(?:liberat|captur|occupi|seiz)\w*)",
        )
    )
    + r")(?!\s*,?\s*(?i:except|apart|save|but|minus|other\s+than))"
)


def _region_left(event: Any) -> str | None:
    """Return the admin-1 id of the region a withdrawal is placed on, ``None`` for a place."""
    place_id = str(getattr(event, "place_id", "") or "")
    return place_id.split(":", 1)[1] if place_id.startswith("admin1:") else None


def _bank_reports(event: Any, side: str) -> list[tuple[str, dt.date]]:
    """Return the trusted sentences behind a withdrawal and the day each counts from.

    Every report of a merged event (its ``sources``), else the event itself. A report
    counts when reported, confirmed or assessed, or claimed by the withdrawing side's own
    speakers (an admission). A later article's report counts from its publication day.
    """
    from geo.attribution import speaker_side

    refs = getattr(event, "sources", None) or (event,)
    out = []
    for ref in refs:
        verification = str(getattr(ref.verification, "value", ref.verification))
        admitted = verification == "claimed" and speaker_side(ref.claimed_by or "") == side
        if verification not in _TRUSTED and not admitted:
            continue
        day = event.event_date
        published = getattr(ref, "published_at", None)
        if published is not None and ref is not event and published > day:
            day = published
        out.append((str(ref.quote or ""), day))
    return out


def _downstream(bank: str, line: BaseGeometry, lon: float, lat: float) -> str:
    """Return a bank as seen looking downstream (``right``/``left``) where a report is."""
    if bank in ("right", "left"):
        return bank
    # The compass bank is the right one there when both put the point on the same side.
    on_compass, _ = bank_of(np.array([(lon, lat)]), line, bank)
    on_right, _ = bank_of(np.array([(lon, lat)]), line, "right")
    return "right" if bool(on_compass[0]) == bool(on_right[0]) else "left"


def bank_of(lonlat: np.ndarray, line: BaseGeometry, bank: str) -> tuple[np.ndarray, np.ndarray]:
    """Return which points lie on a bank of a river, and their distance to it (km).

    Parameters
    ----------
    lonlat : ndarray of shape (n, 2)
    line : LineString
        The river, from source to mouth.
    bank : str
        ``right`` or ``left`` (looking downstream) or a compass word.

    Returns
    -------
    (ndarray of bool, ndarray of float)
    """
    compass = bank not in ("right", "left")
    right, dist, step, _ = _facing(lonlat, line, course_km=COURSE_KM if compass else 0.0)
    if not compass:
        on = right if bank == "right" else ~right
    else:
        # A compass bank is the one the right-hand normal of the river's course there
        # points to, or not.
        normal = np.column_stack([step[:, 1], -step[:, 0]])
        toward = normal @ np.asarray(_COMPASS[bank]) > 0
        on = np.where(toward, right, ~right)
    return on, dist


def _facing(
    lonlat: np.ndarray, line: BaseGeometry, *, course_km: float = 0.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Right bank or not, distance (km), direction and whether beside the river.

    A point whose nearest point on the river is its source or its mouth lies beyond the
    river, not beside it: the end segment, prolonged, gives its side. The direction is
    the nearest segment's, or with ``course_km`` the river's course from that far
    upstream of the nearest point to that far downstream.
    """
    pts = np.asarray(lonlat, dtype=float).reshape(-1, 2)
    coords = np.asarray(line.coords, dtype=float)
    mid = np.radians(coords[:, 1].mean())
    scale = np.array([_KM_PER_DEGREE * np.cos(mid), _KM_PER_DEGREE])
    p, c = pts * scale, coords * scale
    a, b = c[:-1], c[1:]
    ab = b - a
    # Nearest point of every segment to every point; the nearest segment decides.
    t = np.clip(
        np.einsum("nsk,sk->ns", p[:, None, :] - a[None], ab)
        / np.maximum((ab * ab).sum(axis=1), 1e-12),
        0.0,
        1.0,
    )
    near = a[None] + t[..., None] * ab[None]
    d2 = ((p[:, None, :] - near) ** 2).sum(axis=2)
    seg = d2.argmin(axis=1)
    rows = np.arange(len(p))
    step = ab[seg]
    cross = step[:, 0] * (p - a[seg])[:, 1] - step[:, 1] * (p - a[seg])[:, 0]
    tt = t[rows, seg]
    beside = ~(((seg == 0) & (tt <= 0.0)) | ((seg == len(ab) - 1) & (tt >= 1.0)))
    if course_km > 0:
        length = np.sqrt((ab * ab).sum(axis=1))
        at = np.concatenate([[0.0], np.cumsum(length)])[seg] + tt * length[seg]
        course = shapely.LineString(c)
        # clipped: a negative distance would count from the mouth
        ends = np.clip([at - course_km, at + course_km], 0.0, course.length)
        up = shapely.get_coordinates(shapely.line_interpolate_point(course, ends[0]))
        down = shapely.get_coordinates(shapely.line_interpolate_point(course, ends[1]))
        step = down - up
    return cross < 0, np.sqrt(d2[rows, seg]), step, beside


@dataclass(frozen=True)
class Barriers:
    """Which sites face each other across a river.

    Attributes
    ----------
    right : ndarray of shape (r, n) of bool
        Whether each site is on each river's right bank.
    beside : ndarray of shape (r, n) of bool
        Whether each site lies beside each river, within the reach looked at.
    rivers : tuple of str
        The rivers' ids, in the rows' order.
    """

    right: np.ndarray
    beside: np.ndarray
    rivers: tuple[str, ...] = ()

    def across(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Return whether sites ``a`` and ``b`` face each other across a river.

        Both beside it, on its two banks; ``a`` and ``b`` are index arrays of one shape.

        Parameters
        ----------
        a, b : ndarray of int

        Returns
        -------
        ndarray of bool
            The shape of ``a`` and ``b``.
        """
        a, b = np.asarray(a), np.asarray(b)
        if not len(self.right):
            return np.zeros(np.broadcast_shapes(a.shape, b.shape), dtype=bool)
        out = (self.right[:, a] != self.right[:, b]) & self.beside[:, a] & self.beside[:, b]
        return out.any(axis=0)


def river_barriers(
    lonlat: np.ndarray,
    rivers: dict[str, tuple[tuple[str, ...], BaseGeometry]] | None = None,
    *,
    min_km: float = 200.0,
    reach_km: float = 60.0,
    end_km: float = 20.0,
) -> Barriers:
    """Return the rivers long enough to hold a front, as barriers between sites.

    A change of hands reported on one bank says nothing of the other: an offensive
    stops at a large river until it crosses it, and the reports then name the places
    taken across it.

    Parameters
    ----------
    lonlat : ndarray of shape (n, 2)
        The sites.
    rivers : dict, optional
        See :func:`river_lines` (the default).
    min_km : float, default 200
        Shortest river that counts.
    reach_km : float, default 60
        Farthest from a river a site is beside it.
    end_km : float, default 20
        Farthest beyond the river's ends (its line is drawn through bank towns and
        stops short of the mouth) a site is still beside it.

    Returns
    -------
    Barriers
    """
    rivers = river_lines() if rivers is None else rivers
    right, beside, ids = [], [], []
    for rid, (_, line) in sorted(rivers.items()):
        coords = np.asarray(line.coords, dtype=float)
        scale = np.array([_KM_PER_DEGREE * np.cos(np.radians(coords[:, 1].mean())), _KM_PER_DEGREE])
        if np.hypot(*(np.diff(coords, axis=0) * scale).T).sum() < min_km:
            continue
        r, dist, _, by = _facing(lonlat, line)
        right.append(r)
        beside.append((by & (dist <= reach_km)) | (dist <= end_km))
        ids.append(rid)
    n = len(np.asarray(lonlat).reshape(-1, 2))
    return Barriers(
        np.array(right, dtype=bool).reshape(-1, n),
        np.array(beside, dtype=bool).reshape(-1, n),
        tuple(ids),
    )


def leave_bank(
    move: BankMove,
    lonlat: np.ndarray,
    edges: np.ndarray,
    shown: np.ndarray,
    kept: np.ndarray,
    region: BaseGeometry,
    line: BaseGeometry,
    *,
    max_km: float = BANK_KM,
    on_bank: np.ndarray | None = None,
) -> np.ndarray:
    """Return the sites a bank move gives up.

    Parameters
    ----------
    move : BankMove
    lonlat : ndarray of shape (n, 2)
        The sites.
    edges : ndarray of shape (m, 2)
        Neighbouring sites (see :class:`geo.control_areas.Sites`).
    shown : ndarray of str
        Each site's side before the move.
    kept : ndarray of bool
        Sites a report after the move says the leaving side still holds.
    region : geometry
        The reports' region: the ground given up must reach it.
    line : LineString
        The river.
    max_km : float, default :data:`BANK_KM`
        Farthest from the river a site is given up.
    on_bank : ndarray of bool, optional
        The sites on the bank within ``max_km`` (:func:`bank_sites`), when known already.

    Returns
    -------
    ndarray of bool
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if on_bank is None:
        on_bank = bank_sites(lonlat, line, move.bank, max_km=max_km)
    shown = np.asarray(shown, dtype=object)
    held = on_bank & (shown == move.side)
    if not held.any():
        return held
    # The leaving side's ground runs on through the ground no report names: only the
    # other side's ground parts it.
    open_ = on_bank & np.isin(shown, [move.side, ""])
    keep = open_[edges[:, 0]] & open_[edges[:, 1]]
    n = len(lonlat)
    graph = coo_matrix((np.ones(int(keep.sum())), (edges[keep, 0], edges[keep, 1])), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    shapely.prepare(region)
    inside = held & shapely.intersects_xy(region, lonlat[:, 0], lonlat[:, 1])
    out = held & np.isin(label, np.unique(label[inside]))
    return out & ~np.asarray(kept, dtype=bool)


def bank_sites(
    lonlat: np.ndarray, line: BaseGeometry, bank: str, *, max_km: float = BANK_KM
) -> np.ndarray:
    """Return the points on a bank of a river within ``max_km`` of it.

    Parameters
    ----------
    lonlat : ndarray of shape (n, 2)
    line : LineString
        The river.
    bank : str
        As :func:`bank_of` takes it.
    max_km : float, default :data:`BANK_KM`

    Returns
    -------
    ndarray of bool
    """
    on, dist = bank_of(lonlat, line, bank)
    return on & (dist <= max_km)


def day_of(move: BankMove) -> str:
    """ISO day of a move."""
    return (dt.date(1970, 1, 1) + dt.timedelta(days=move.day)).isoformat()
