"""The resolver's tunable defaults: :class:`Options` and the shared :data:`options` object.

One job: hold the weights, thresholds and cache sizes every part of the resolver reads.
The parts receive this object through their constructors and read it at call time, so
changing an attribute of :data:`options` takes effect at once everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ABSTAIN_BELOW", "Options", "options"]

#: Resolutions scoring below this are abstentions.
ABSTAIN_BELOW = 0.5


@dataclass
class Options:
    """Defaults of the resolver (change the module-level :data:`options` object).

    Attributes
    ----------
    abstain_below : float
        Resolutions scoring below this are abstentions.
    candidate_pool : int
        Candidates kept per mention after the base scores.
    fuzzy_cutoff : float
        Smallest edit-distance ratio (0..100) of the fuzzy stage.
    w_match, w_prominence : float
        Weights of match quality and prominence in the base score.
    w_focus : float
        Bonus of candidates in the document's focus country.
    w_coherence : float
        Bonus of candidates that fit the document's other places.
    w_main_name : float
        Bonus of candidates whose main name the mention is.
    w_unit_population : float
        Weight of an administrative unit's population among equal units.
    part_factor : float
        Factor of a score obtained through a part of a multi-word name.
    backoff_score : float
        Factor of the main locality's score given to unresolvable mentions on backoff.
    cache_size : int
        Bound of the remembered look-ups (places and pools hold eight times this).
    rounds : int
        Rounds of joint coherence in :meth:`~gazetteer.resolver.Gazetteer.resolve_all`.
    soft_candidates : int
        Leading candidates per mention that lend coherence in each round.
    seat_penalty : float
        Penalty of a unit named like a settlement it holds, or a place named like its
        country.
    context_tie, context_ramp : float
        How far behind the mention's best a candidate may trail and still gain fully
        (``context_tie``) or at all (``context_tie + context_ramp``) from context.
    """

    abstain_below: float = ABSTAIN_BELOW
    candidate_pool: int = 40
    fuzzy_cutoff: float = 78.0
    w_match: float = 0.67
    w_prominence: float = 0.33
    w_focus: float = 0.2
    w_coherence: float = 0.25
    w_main_name: float = 0.06
    w_unit_population: float = 0.01
    part_factor: float = 0.8
    backoff_score: float = 0.3
    cache_size: int = 512
    rounds: int = 3
    soft_candidates: int = 4
    seat_penalty: float = 0.15
    context_tie: float = 0.1
    context_ramp: float = 0.15


#: The defaults every :class:`~gazetteer.resolver.Gazetteer` reads.
options = Options()
