"""Which listed tasks one offer can win, what it misses and why, and what a lower price
would open: the vendor's side of matching.

Eligibility, the reasons for each miss and the price sensitivity come from
:func:`matching.constraints.check_tasks`: one pass of array arithmetic over every task per
price tried, no task-by-task loop. Only the tasks the offer is eligible for are then
ranked, by :func:`matching.places.places`: the offer's own score and quote on each, and
how many of the pool's offers eligible there ranking puts ahead of it, with the work the
tasks share (quotes, constraints, the factors and budgets they have in common) done once
for all of them.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import numpy as np

from matching.constraints import KEEP, REASONS, TaskSet, check_tasks
from matching.offers import OfferSet
from matching.places import places
from matching.types import MatchConfig, Offer

DISCOUNTS = (5, 10, 20)  # percent


@dataclass(frozen=True, slots=True)
class Opportunity:
    """One task the offer is eligible for: ``task`` is its position in the TaskSet."""

    task: int
    rank: int
    eligible_offers: int
    score: float
    quote: int


@dataclass(frozen=True, slots=True)
class Opportunities:
    """``found``: the ranked tasks of the ``eligible`` ones, best rank first (then higher
    score, then task position); ``missed``: per reason, the tasks that excluded the offer,
    each under its first reason as a ranking counts it; ``more_at_discount``: percent ->
    how many more tasks a price that much lower is eligible for."""

    found: tuple[Opportunity, ...]
    missed: dict[str, int]
    more_at_discount: dict[int, int]
    tasks: int
    eligible: int


def discounted(offer: Offer, percent: int) -> Offer:
    """The offer with its price ``percent`` lower: amount and minimum_monthly each
    x (100 - percent) / 100, rounded half up to a minor unit."""

    def lower(amount: int) -> int:
        return (amount * (100 - percent) * 2 + 100) // 200

    pricing = offer.pricing
    return replace(
        offer,
        pricing=replace(
            pricing,
            amount=lower(pricing.amount),
            minimum_monthly=lower(pricing.minimum_monthly),
        ),
    )


def opportunities(
    tasks: TaskSet,
    pool: OfferSet,
    offer: Offer,
    *,
    config: MatchConfig | None = None,
    at: datetime | None = None,
    discounts: Sequence[int] = DISCOUNTS,
    rank_at_most: int | None = None,
) -> Opportunities:
    """Where ``offer`` stands on every task of ``tasks`` among the offers of ``pool``
    (which may or may not hold it).

    Eligibility, misses and price sensitivity cover every task. Ranking still costs a few
    passes over the pool per distinct budget and skills of the eligible tasks, so
    ``rank_at_most`` bounds it: only the last that many eligible tasks (in ``tasks``'
    order) are ranked and make up ``found``."""
    config = config or MatchConfig()
    at = at or datetime.now(UTC)
    checked = check_tasks(tasks, offer, config=config, at=at)
    reason = checked.first_reason()
    counts = np.bincount(reason[reason != KEEP].astype(np.int64), minlength=len(REASONS))
    eligible = np.flatnonzero(reason == KEEP)
    more = {
        percent: int(
            np.count_nonzero(
                check_tasks(tasks, discounted(offer, percent), config=config, at=at).passing()
            )
        )
        - len(eligible)
        for percent in discounts
    }
    ranked = eligible if rank_at_most is None else eligible[len(eligible) - rank_at_most :]
    if rank_at_most is not None and rank_at_most <= 0:
        ranked = eligible[:0]
    placed = places(tasks, ranked, pool, offer, checked, config=config, at=at)
    found = [
        Opportunity(task=t, rank=r, eligible_offers=e, score=s, quote=q)
        for t, r, e, s, q in zip(
            ranked.tolist(),
            placed.rank.tolist(),
            placed.eligible_offers.tolist(),
            placed.score.tolist(),
            placed.quote.tolist(),
            strict=True,
        )
    ]
    found.sort(key=lambda o: (o.rank, -o.score, o.task))
    return Opportunities(
        found=tuple(found),
        missed={r.value: int(counts[j]) for j, r in enumerate(REASONS)},
        more_at_discount=more,
        tasks=tasks.n,
        eligible=len(eligible),
    )
