"""Who holds what on a date: places, each side's area and the inferred front.

The stage wires three rooms: :mod:`geo.control_claims` (events -> claims),
:mod:`geo.control_model` (claims and an optional baseline map -> each place's state on
a day, without a map checked against the places around it by
:mod:`geo.control_neighbours`) and :mod:`geo.control_areas` (states -> cells, areas and
the front); :mod:`geo.control_timeline` reads it over time for the map. The
command ``frontline control`` and the map's control layer both read a
:class:`ControlMap`, so they show the same thing. The areas and the front are
inferences from reports, to be labelled as such wherever they are shown.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.actors import side_code
from geo.control_areas import (
    Sites,
    area_front,
    island_sites,
    propagate,
    propagate_changes,
    seeded_areas,
    side_areas,
    smooth_islands,
    stale_holds,
)
from geo.control_banks import (
    BankMove,
    Barriers,
    bank_moves,
    river_barriers,
    river_lines,
)
from geo.control_baseline import Baseline, baseline_areas, support_against
from geo.control_claims import (
    CLAIM_ACTIONS,
    Claim,
    belligerents,
    claims_from_events,
    corroborate,
    discount_isolated,
    place_key,
    report_day,
    spare_corroborated,
)
from geo.control_cut import CutOptions, cut_to_reach
from geo.control_model import CONTESTED, ModelOptions, PlaceModel
from geo.control_neighbours import NeighbourOptions, contradicted, unsupported
from geo.control_rear import RearOptions, rear_sides
from geo.control_senders import SenderOptions, senders, stale_states
from geo.control_setting import corpus_setting, main_country
from geo.control_timeline import ControlTimeline, control_timeline
from geo.control_water import (
    WATER_GRID,
    WaterBarrier,
    shared_water,
    water_bodies,
    water_within,
)
from geo.control_withdrawals import Withdrawals
from geo.model import Event
from geo.schema import day_number
from geo.timeline import MergedEvent

__all__ = [
    "CONTROL_ACTIONS",
    "ControlMap",
    "ControlPlace",
    "ControlSnapshot",
    "ControlTimeline",
    "ModelInputs",
    "PlaceState",
    "control_timeline",
    "corpus_setting",
    "main_country",
    "model_inputs",
    "place_key",
    "report_day",
]

#: Actions that report which side controls a place (see :mod:`geo.control_claims`).
CONTROL_ACTIONS = CLAIM_ACTIONS

_EPOCH = dt.date(1970, 1, 1)


def _iso(day: int) -> str:
    return (_EPOCH + dt.timedelta(days=int(day))).isoformat()


@dataclass(frozen=True)
class ControlPlace:
    """A place that reports speak of.

    Attributes
    ----------
    label : str
        Place name.
    latitude, longitude : float
    place_id : str
        Gazetteer id, ``""`` for a point near a place.
    site : int
        Its site in the tessellation.
    """

    label: str
    latitude: float
    longitude: float
    place_id: str = ""
    site: int = -1


@dataclass(frozen=True)
class PlaceState:
    """A reported place's state on a day.

    Attributes
    ----------
    place : ControlPlace
    side : str
        Side code, ``""`` when unknown or contested.
    contested : bool
    confidence : float
    last_report : str
        ISO day of the latest claim about it, ``""`` when none (a baseline only).
    evidence : tuple of str
        Event ids of the claims known that day, newest first.
    """

    place: ControlPlace
    side: str
    contested: bool
    confidence: float
    last_report: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class ControlSnapshot:
    """Who holds what on one day.

    Attributes
    ----------
    day : str
    places : tuple of PlaceState
    areas : dict of str to geometry
        Each side's shaded area (the union of its cells, see :meth:`ControlMap.drawing`).
    front : geometry or None
        The inferred boundary between the two sides' areas.
    """

    day: str
    places: tuple[PlaceState, ...]
    areas: dict[str, BaseGeometry]
    front: BaseGeometry | None


class ControlMap:
    """The control model of a corpus: states of every site on any day.

    Build it with :meth:`build`.

    Parameters
    ----------
    sites : Sites
    places : tuple of ControlPlace
    model : PlaceModel
    sides : tuple of str
    max_km : float
        How far a place's state reaches its unreported neighbours (the areas).
    front_km : float
        How far it reaches when the front is traced: the line runs between the two
        sides' reports where they are within twice this of each other, also across a
        stretch that no report covers (that stretch is shaded for neither side).
    seed : ndarray of str, optional
        Each site's side on the starting map (``""`` where it says nothing).
    base : dict of str to geometry, optional
        The starting map's areas: they stand where no site changed side.
    change_km : float
        With a starting map, how far a reported change of hands reaches the sites
        between reports (an offensive takes the ground between the places it takes).
    stale_km : float
        With a starting map, how far a place that changed hands makes the older
        reports of holding around it stale (see :func:`geo.control_areas.stale_holds`):
        an offensive takes the places between the few that reports name.
    fill_km : float
        With a starting map, the longest side of a triangle of reported places that
        changed hands whose inside changes with them (see
        :func:`geo.control_areas.propagate_changes`).
    claims : tuple of Claim
        The claims the model weighed.
    discounted : frozenset of str
        Event ids of the claims weakened as contradicting the places around them.
    banks : tuple of (BankMove, region, river line)
        Withdrawals across a river, and from whole regions (no line; see
        :mod:`geo.control_banks`).
    clip : geometry, optional
        The country (its outline is no front).
    neighbours : NeighbourOptions, optional
        Without a starting map, which reported places the places around them contradict
        (see :mod:`geo.control_neighbours`): they show no side.
    senders : SenderOptions, optional
        Without a starting map, which reported places' states reach the ground around
        them (see :mod:`geo.control_senders`).
    cut : CutOptions, optional
        Without a starting map, how far from its reports a side's shading reaches near
        the front (see :mod:`geo.control_cut`); by default ``max_km`` (half that from a
        place known only from attacks on it), near the front being within twice that of
        the other side's reports.
    rear : RearOptions, optional
        Without a starting map, which unreported ground far behind the traced front
        takes its side (see :mod:`geo.control_rear`).
    """

    def __init__(
        self,
        sites: Sites,
        places: tuple[ControlPlace, ...],
        model: PlaceModel,
        sides: tuple[str, ...],
        *,
        max_km: float = 15.0,
        front_km: float = 50.0,
        seed: np.ndarray | None = None,
        base: dict[str, BaseGeometry] | None = None,
        change_km: float = 30.0,
        fill_km: float = 90.0,
        stale_km: float = 60.0,
        claims: tuple[Claim, ...] = (),
        discounted: frozenset[str] = frozenset(),
        banks: tuple[tuple[BankMove, BaseGeometry, BaseGeometry], ...] = (),
        clip: BaseGeometry | None = None,
        neighbours: NeighbourOptions | None = None,
        senders: SenderOptions | None = None,
        cut: CutOptions | None = None,
        rear: RearOptions | None = None,
    ) -> None:
        self.sites, self.places, self.model, self.sides = sites, places, model, sides
        self.rear = rear or RearOptions()
        self.neighbours = neighbours or NeighbourOptions()
        self.senders = senders or SenderOptions()
        self.cut = cut or CutOptions(reach_km=max_km, front_km=2 * max_km, implied_km=max_km / 2)
        self.banks, self.clip = banks, clip
        self.withdrawals = Withdrawals(
            banks,
            sites,
            sides,
            model.last_reports,
            lambda day: self._shown_before_banks(day)[0],
        )
        self.max_km, self.front_km, self.change_km = max_km, front_km, change_km
        self.fill_km, self.stale_km = fill_km, stale_km
        self.claims, self.discounted = claims, discounted
        self.seed, self.base = seed, base or {}
        self._barriers: Barriers | None = None
        self._water: WaterBarrier | None = None
        self._unions: dict[bytes, BaseGeometry] = {}

    @property
    def barriers(self) -> Barriers:
        """The rivers a change of hands does not reach across, computed once.

        See :func:`geo.control_banks.river_barriers`.
        """
        if self._barriers is None:
            self._barriers = river_barriers(self.sites.lonlat)
        return self._barriers

    @functools.cached_property
    def water_here(self) -> BaseGeometry:
        """The water bodies inside the country (lon/lat), computed once."""
        return water_within(self.clip)

    @property
    def water(self) -> WaterBarrier:
        """The sites that face each other across a lake, reservoir or bay, found once.

        See :class:`geo.control_water.WaterBarrier`: a state reaches no site across
        water (as far as a state reaches behind the lines, twice ``max_km``).
        """
        if self._water is None:
            self._water = WaterBarrier(
                self.sites.xy, self.sites.km, water_bodies(), 2 * self.max_km
            )
        return self._water

    @classmethod
    def build(
        cls,
        events: Iterable[Event | MergedEvent],
        *,
        settlements: np.ndarray | None = None,
        clip: BaseGeometry | None = None,
        baseline: Baseline | None = None,
        code_of: Callable[[str], str] = side_code,
        options: ModelOptions | None = None,
        max_km: float = 15.0,
        front_km: float = 50.0,
        change_km: float = 30.0,
        fill_km: float = 90.0,
        stale_km: float = 60.0,
        inputs: ModelInputs | None = None,
        neighbours: NeighbourOptions | None = None,
        senders: SenderOptions | None = None,
        cut: CutOptions | None = None,
        rear: RearOptions | None = None,
    ) -> ControlMap:
        """Read the claims of an event table and fit the model.

        Parameters
        ----------
        events : iterable of Event or MergedEvent
        settlements : ndarray of shape (n, 2), optional
            Every populated place (lon, lat) of the country (see
            :func:`geo.control_areas.country_places`); without them only the reported
            places get cells.
        clip : geometry, optional
            The country: cells, areas and the front stay inside it.
        baseline : Baseline, optional
            A starting map: seeds every site inside it on its date; only claims after
            that date update it.
        code_of : callable, default :func:`geo.actors.side_code`
        options : ModelOptions, optional
        max_km : float, default 15
            See :func:`geo.control_areas.propagate`.
        front_km : float, default 50
            See :class:`ControlMap`.
        change_km, fill_km, stale_km : float, default 30, 90, 60
            See :class:`ControlMap`.
        inputs : ModelInputs, optional
            :func:`model_inputs` of these events, code and baseline, when the caller
            has it already (derived here otherwise).
        neighbours, senders, cut, rear : optional
            :class:`NeighbourOptions`, :class:`SenderOptions`, :class:`CutOptions`,
            :class:`RearOptions`; see :class:`ControlMap`.

        Returns
        -------
        ControlMap
        """
        if inputs is None:
            inputs = model_inputs(events, code_of, baseline)
        sides = inputs.sides
        raw = list(inputs.claims)
        # With a starting map, a change of hands contradicts the ground around it by
        # nature and the map says whose ground it is: the claims are weighed as they
        # come, not balanced between the sides, and against their own sector of the
        # front (50 km), not the wider neighbourhood that an unseeded map needs.
        water = water_bodies()
        weighed = discount_isolated(
            raw,
            balance=baseline is None,
            radius_km=75.0 if baseline is None else 50.0,
            water=water,
        )
        # A taking that nearby changes corroborate is an offensive, not a namesake.
        corroborated = corroborate(weighed)
        claims = spare_corroborated(corroborate(raw), corroborated)
        discounted = frozenset(
            c.event_id
            for c, w, k, s in zip(raw, weighed, corroborated, claims, strict=True)
            if w.strength < c.strength and s.strength <= k.strength
        )
        points = np.array([(c.longitude, c.latitude) for c in claims], dtype=float).reshape(-1, 2)
        extra = np.zeros((0, 2)) if settlements is None else np.asarray(settlements, dtype=float)
        sites = Sites.build(np.vstack([extra.reshape(-1, 2), points]), clip, water=water)
        at = sites.site_of(points)
        keyed: dict[str, ControlPlace] = {}
        for c, site in zip(claims, at, strict=True):
            if c.key not in keyed:
                keyed[c.key] = ControlPlace(c.name, c.latitude, c.longitude, c.place_id, int(site))
        seeds: list[tuple[int, str, int, float]] = []
        pairs = list(zip(at.tolist(), claims, strict=True))
        banks = _banks(inputs.moves, baseline)
        held, base = None, None
        if baseline is not None:
            # The map supersedes older reports; later ones update it.
            start = day_number(baseline.day.isoformat())
            held = baseline.sides_at(sites.lonlat, within=clip, sides=sides)
            # An offensive is places taken from the other side as the map draws it.
            # A river the reports say a side withdrew across parts an offensive's places.
            fronts = {m.river for m, _, _ in banks if m.river}
            named = {r: line for r, line in river_lines().items() if r in fronts}
            claims = support_against(
                claims, held[at], barriers=river_barriers(points, named, min_km=0.0)
            )
            pairs = [
                (site, c) for site, c in zip(at.tolist(), claims, strict=True) if c.day > start
            ]
            day = day_number(baseline.day.isoformat())
            seeds = [
                (int(i), str(held[i]), day, 1.0)
                for i in np.flatnonzero(held != "")
                if held[i] in sides
            ]
            base = baseline_areas(baseline, clip, sides)
        model = PlaceModel(
            len(sites.lonlat),
            pairs,
            sides,
            seeds=seeds,
            options=options,
        )
        return cls(
            sites,
            tuple(keyed.values()),
            model,
            sides,
            max_km=max_km,
            front_km=front_km,
            seed=held,
            base=base,
            change_km=change_km,
            stale_km=stale_km,
            fill_km=fill_km,
            claims=tuple(claims),
            discounted=discounted,
            banks=banks,
            clip=clip,
            neighbours=neighbours,
            senders=senders,
            cut=cut,
            rear=rear,
        )

    # -- states -------------------------------------------------------------------------

    def _change_days(self) -> list[int]:
        return sorted(set(self.model.change_days()) | {m.day for m, _, _ in self.banks})

    def days(self) -> list[str]:
        """Days on which some state changes (ISO, sorted)."""
        return [_iso(d) for d in self._change_days()]

    def latest_day(self) -> str | None:
        """Return the last day with a change, ``None`` without claims."""
        days = self._change_days()
        return _iso(days[-1]) if days else None

    def site_states(self, day: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return every site's side after propagation, its own state and confidence.

        Parameters
        ----------
        day : str
            ISO date.

        Returns
        -------
        (ndarray of str, ndarray of str, ndarray of float)
            The side shown for each site (``""`` unknown or contested), the site's
            own state (a side, ``"?"`` contested or ``""``), its confidence.
        """
        n = day_number(day)
        shown, own, confidence, stale = self._shown_before_banks(n)
        if self.banks:
            shown = self.withdrawals.apply(n, shown)
        # A stale state shows on no place, its own included, unless a withdrawal across a
        # river has since given its ground to the other side (see geo.control_senders).
        shown = np.where(stale & (shown == own), "", shown).astype(object)
        # A lone place amid the other side's ground needs strong, recent evidence.
        smoothed = smooth_islands(self.sites, shown, confidence)
        if self.seed is not None:
            # The starting map's own pockets and salients stand as drawn; a place left
            # alone amid ground that changed hands around it goes with that ground.
            moved = (shown != self.seed) & (shown != "")
            a, b = self.sites.edges[:, 0], self.sites.edges[:, 1]
            near_moved = np.zeros(len(shown), dtype=bool)
            near_moved[a[moved[b]]] = True
            near_moved[b[moved[a]]] = True
            smoothed = np.where((shown == self.seed) & ~near_moved, shown, smoothed)
        return smoothed, own, confidence

    def _shown_before_banks(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Return the sides shown on day number ``n`` before withdrawals across rivers.

        Also each site's own state and confidence (see :meth:`site_states`), and which
        own states are stale (:func:`geo.control_senders.stale_states`; shown on their
        place until :meth:`site_states` has applied the withdrawals).
        """
        own, confidence, strength = self.model.state_on(n)
        newest, changed_on = self.model.last_reports(n)
        if self.seed is not None:
            old_holds = stale_holds(
                self.sites,
                own,
                self.seed,
                self.model.reported,
                newest,
                changed_on,
                self.sides,
                max_km=self.stale_km,
                barriers=self.barriers,
                strength=strength,
            )
            shown = propagate_changes(
                self.sites,
                own,
                strength,
                self.seed,
                self.model.reported & ~old_holds,
                max_km=self.change_km,
                fill_km=self.fill_km,
                barriers=self.barriers,
            )
            stale = np.zeros(len(own), dtype=bool)  # the starting map rules the old ground
        else:
            # Without a starting map a doubted place is neither shown nor spread around.
            own, confidence, doubt = self._doubted(own, confidence, n, newest)
            # A lone or stale state reaches no farther than its own place here; site_states
            # then hides a stale one (see geo.control_senders).
            stale = self._stale(own, strength, newest)
            sends = senders(
                self.sites.xy,
                own,
                strength,
                self.model.reported,
                self.sides,
                options=self.senders,
                stale=stale,
            )
            shown = propagate(
                self.sites,
                own,
                strength,
                max_km=self.max_km,
                fixed=self.model.reported,
                sends=sends,
                barriers=self.water,
            )
            evidence = self.model.evidence_on(n)
            shown[doubt | unsupported(shown, evidence, self.model.reported, self.sides)] = ""
        return shown, own, confidence, stale

    def _stale(self, own: np.ndarray, strength: np.ndarray, newest: np.ndarray) -> np.ndarray:
        """Return the sites whose own state is stale (see geo.control_senders)."""
        return stale_states(
            self.sites.xy,
            own,
            strength,
            self.model.reported,
            self.sides,
            last_report=newest,
            options=self.senders,
        )

    def _doubted(
        self, own: np.ndarray, confidence: np.ndarray, day: int, newest: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return own states and confidences with the contradicted sites unknown, and those.

        See :func:`geo.control_neighbours.contradicted`; only without a starting map (the
        map, not the neighbourhood, says whose ground a place amid the other side is).
        ``newest`` is the first result of the model's ``last_reports(day)``.
        """
        doubt = contradicted(
            self.sites.xy,
            own,
            confidence,
            self.model.reported,
            self.sides,
            implied=self.model.implied_only,
            reported_on=newest.max(axis=1),
            changed_on=self.model.last_confirmed_change(day),
            options=self.neighbours,
        )
        return np.where(doubt, "", own).astype(object), np.where(doubt, 0.0, confidence), doubt

    def front_sites(self, day: str, shown: np.ndarray | None = None) -> np.ndarray | None:
        """Return the side of each site the front is traced from on a day.

        With a starting map they are the shown sides; without, each reported place
        reaches ``front_km`` so that the line bridges the ground between the two sides'
        reports (contested places included: the line crosses them), and the shown
        (shaded) sides stand where they are known: the line runs between the shaded
        areas, never through them.

        Parameters
        ----------
        day : str
            ISO date.
        shown : ndarray of str, optional
            The first result of :meth:`site_states` for that day (computed when left out).

        Returns
        -------
        ndarray of str or None
            ``None`` without two sides (no front).
        """
        if len(self.sides) != 2:
            return None
        shown = self.site_states(day)[0] if shown is None else shown
        if self.seed is not None:
            return shown
        n = day_number(day)
        own, confidence, strength = self.model.state_on(n)
        newest = self.model.last_reports(n)[0]
        own, confidence, _ = self._doubted(own, confidence, n, newest)
        # Contested ground is where the front runs: the line crosses it midway between
        # the two sides' reports instead of stopping at it.
        own = np.where(own == "?", "", own).astype(object)
        # Nor does a stale state hold the line where the front has moved past it.
        own[self._stale(own, strength, newest)] = ""
        reach = propagate(
            self.sites,
            own,
            strength,
            max_km=self.front_km,
            fixed=self.model.reported,
            nearest=False,
            near_km=self.max_km,
        )
        reach = smooth_islands(self.sites, reach, confidence)
        return np.where(shown != "", shown, reach)

    def front_from(self, sides: np.ndarray | None) -> BaseGeometry | None:
        """Return the front traced from the sites' sides of :meth:`front_sites`.

        Parameters
        ----------
        sides : ndarray of str or None

        Returns
        -------
        LineString or MultiLineString or None
        """
        if sides is None:
            return None
        return area_front(self.areas(sides), (self.sides[0], self.sides[1]), self.clip)

    def drawing(
        self, shown: np.ndarray, traced: np.ndarray | None
    ) -> tuple[BaseGeometry | None, dict[str, BaseGeometry]]:
        """Return the front and each side's shaded area from a day's site sides.

        The shaded areas are :meth:`areas` without a side's islands amid the other
        side's ground (see :func:`geo.control_areas.islands`) when no starting map
        draws them: the map and ``frontline control`` show these.

        Parameters
        ----------
        shown : ndarray of str
            The first result of :meth:`site_states`.
        traced : ndarray of str or None
            :meth:`front_sites` of the same day.

        Returns
        -------
        (geometry or None, dict of str to geometry)
        """
        if traced is None:
            return None, self.areas(shown)
        reach = self.areas(traced)
        codes = (self.sides[0], self.sides[1])
        line = area_front(reach, codes, self.clip)
        if self.seed is not None:
            return line, self.areas(shown)
        # Far behind the traced front, the ground no report names is its side's.
        shown = rear_sides(
            self.sites, shown, traced, self.model.reported, line, codes, options=self.rear
        )
        # An island is whole cells of its side: those cells are not shaded for it.
        drop = island_sites(self.sites, traced, reach, codes, self.clip)
        if drop.any():
            shown[drop & (shown == traced)] = ""
        # Near the front a side shades only the ground its own reports reach.
        cut = cut_to_reach(
            self.sites,
            shown,
            self.model.reported,
            self.areas(shown),
            codes,
            implied=self.model.implied_only,
            options=self.cut,
        )
        # A reservoir or an estuary with both sides' ground on its shores is neither's.
        shared = shared_water([cut[c] for c in codes if c in cut], self.water_here)
        if not shared.is_empty:
            cut = {
                code: shapely.difference(area, shared, grid_size=WATER_GRID)
                if code in codes
                else area
                for code, area in cut.items()
            }
        return line, cut

    def front(self, day: str, shown: np.ndarray | None = None) -> BaseGeometry | None:
        """Return the inferred front on a day, ``None`` where the sides never meet.

        The boundary between the main bodies of the two sides' areas inside the
        country, merged into lines (see :meth:`front_sites` and
        :func:`geo.control_areas.area_front`).

        Parameters
        ----------
        day : str
            ISO date.
        shown : ndarray of str, optional
            The first result of :meth:`site_states` for that day (computed when left out).

        Returns
        -------
        LineString or MultiLineString or None
        """
        return self.front_from(self.front_sites(day, shown))

    def snapshot(self, day: str | None = None) -> ControlSnapshot:
        """Return places, areas and front on a day (default: the latest).

        Parameters
        ----------
        day : str, optional
            ISO date.

        Returns
        -------
        ControlSnapshot
        """
        day = day or self.latest_day() or dt.date.today().isoformat()
        shown, own, confidence = self.site_states(day)
        front, areas = self.drawing(shown, self.front_sites(day, shown))
        n = day_number(day)
        states = []
        for p in self.places:
            evidence = [c for c in self.model.evidence(p.site, n) if _same_place(c, p)]
            states.append(
                PlaceState(
                    place=p,
                    side=str(shown[p.site]),
                    contested=own[p.site] == CONTESTED,
                    confidence=float(confidence[p.site]) if own[p.site] == shown[p.site] else 0.0,
                    last_report=_iso(max(c.day for c in evidence)) if evidence else "",
                    evidence=tuple(c.event_id for c in evidence),
                )
            )
        return ControlSnapshot(day, tuple(states), areas, front)

    def areas(self, shown: np.ndarray) -> dict[str, BaseGeometry]:
        """Return each side's area from the sites' shown sides.

        The union of each side's cells; with a starting map, the map's own areas
        with the cells of the sites that changed side moved across.

        Parameters
        ----------
        shown : ndarray of str
            The first result of :meth:`site_states`.

        Returns
        -------
        dict of str to geometry
        """
        if self.seed is None:
            return side_areas(self.sites, shown, self.sides, self._unions)
        return seeded_areas(self.sites, shown, self.seed, self.base, self.sides)


@dataclass(frozen=True)
class ModelInputs:
    """What the model reads of an event table (see :func:`model_inputs`).

    Attributes
    ----------
    sides : tuple of str
        The two belligerents' codes (fewer when the table has fewer).
    claims : tuple of Claim
        The claims the events give, before they are weighed.
    moves : tuple of BankMove
        The withdrawals across a river the events report (none without two sides).
    """

    sides: tuple[str, ...]
    claims: tuple[Claim, ...]
    moves: tuple[BankMove, ...]


def model_inputs(
    events: Iterable[Event | MergedEvent],
    code_of: Callable[[str], str] = side_code,
    baseline: Baseline | None = None,
) -> ModelInputs:
    """Return the sides, claims and river withdrawals that the model reads of the events.

    Derived once, both to fit the model (:meth:`ControlMap.build`) and to key a kept
    timeline (:mod:`geo.cache_control`).

    Parameters
    ----------
    events : iterable of Event or MergedEvent
    code_of : callable, default :func:`geo.actors.side_code`
    baseline : Baseline, optional
        A starting map: its sides complete the belligerents when the events name fewer
        than two.

    Returns
    -------
    ModelInputs
    """
    events = list(events)
    sides = belligerents(events, code_of)
    if baseline is not None:
        sides = tuple(sorted(set(sides) | set(baseline.areas)))[:2] if len(sides) < 2 else sides
    claims = claims_from_events(events, code_of=code_of, sides=sides)
    moves = bank_moves(events, code_of, sides) if len(sides) == 2 else []
    return ModelInputs(tuple(sides), tuple(claims), tuple(moves))


def _banks(
    moves: tuple[BankMove, ...], baseline: Baseline | None
) -> tuple[tuple[BankMove, BaseGeometry, BaseGeometry], ...]:
    """Return the withdrawals across a river after the starting map, with region and line."""
    from gazetteer.geometry import admin1

    start = day_number(baseline.day.isoformat()) if baseline is not None else -(10**9)
    moves = tuple(m for m in moves if m.day > start)
    if not moves:
        return ()
    units = admin1()
    shape_of = dict(zip(units["id"], units.geometry, strict=True))
    rivers = river_lines()
    return tuple(
        (m, shape_of[m.region], rivers[m.river][1] if m.river else None)
        for m in moves
        if shape_of.get(m.region) is not None and (not m.river or m.river in rivers)
    )


def _same_place(claim: Claim, place: ControlPlace) -> bool:
    return claim.name == place.label and (claim.place_id == place.place_id)
