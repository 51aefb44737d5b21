"""How one offer fares on one task, whether or not it made the list: "why not me?".

The offer is checked and scored on its own (its numbers do not depend on the others), so
it may be an offer the pool does not hold (a paused service). Its rank is then one plus
the eligible offers of the pool that rank ordering puts ahead of it (score desc, quote
asc, vendor id, service id): one pass of array comparisons over the pool, equal to its
position in the full ranking.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from matching import explain
from matching.blockers import explain as explain_blockers
from matching.constraints import check
from matching.offers import OfferSet
from matching.rank import score_all
from matching.types import Blocker, FactorScore, MatchConfig, Money, Offer, TaskSpec


@dataclass(frozen=True, slots=True)
class Standing:
    """``rank`` among the eligible offers (None unless ``eligible``); ``eligible_offers``
    counts the pool's eligible offers (with this one, when eligible). ``score`` and
    ``factors`` are what it scores as it stands, eligible or not."""

    eligible: bool
    rank: int | None
    eligible_offers: int
    score: float
    quote: Money
    factors: tuple[FactorScore, ...]
    blockers: tuple[Blocker, ...]


def standing(
    task: TaskSpec,
    pool: OfferSet,
    offer: Offer,
    *,
    config: MatchConfig | None = None,
    at: datetime | None = None,
) -> Standing:
    """Where ``offer`` stands for ``task`` among the offers of ``pool``: every blocker with
    its fix, its score and factors, and its rank if eligible."""
    config = config or MatchConfig()
    at = at or datetime.now(UTC)
    alone = OfferSet([offer])
    mine = check(task, alone, config=config, at=at)
    scored = score_all(task, alone, config=config, at=at, checked=mine)
    blockers = explain_blockers(task, alone, mine, 0, config=config)
    score, quote = float(scored.score[0]), int(mine.quote[0])

    checked = check(task, pool, config=config, at=at)
    ranked = score_all(task, pool, config=config, at=at, eligible_only=True, checked=checked)
    rows = ranked.rows if ranked.rows is not None else np.arange(pool.n)
    key = alone.id_keys[0]
    ids = pool.id_keys[rows]
    eligible_offers = len(rows) + (0 if bool(np.any(ids == key)) else 1)
    rank = None
    if not blockers:
        s, q = ranked.score[rows], ranked.quote[rows]
        ahead = (s > score) | ((s == score) & ((q < quote) | ((q == quote) & (ids < key))))
        rank = 1 + int(np.count_nonzero(ahead))
    else:
        eligible_offers = len(rows)
    return Standing(
        eligible=not blockers,
        rank=rank,
        eligible_offers=eligible_offers,
        score=score,
        quote=Money(amount=quote, currency=task.currency),
        factors=explain.factors_for(scored, 0),
        blockers=blockers,
    )
