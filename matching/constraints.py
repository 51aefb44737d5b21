"""The hard constraints, checked once for every offer: what ranking, proposals and the
market all ask.

``check`` answers, for each offer, its quote in the task's currency and every constraint it
fails (not only the first), so callers never compare the kernel's internal reason codes:
ranking counts each dropped offer under its first reason, a proposal names every blocker,
and the market ignores ``budget`` to see what the whole market charges.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from numpy.typing import NDArray

from matching import factors
from matching.currency import conversion_factors, round_half_up
from matching.offers import OfferSet, normalise_term
from matching.pricing import quotes_in
from matching.schedule import coverage_intervals, zone
from matching.types import MatchConfig, Reason, TaskSpec

REASONS: tuple[Reason, ...] = tuple(Reason)
KEEP = -1  # in ``first_reason``: the offer passes every constraint


@dataclass(frozen=True)
class Checked:
    """Every offer's quote and constraint results for one task; arrays of shape ``(n,)``.

    ``failed`` holds a mask only for the constraints that apply to this task (a task
    without languages has no ``language`` constraint).
    """

    quote: NDArray[np.int64]
    failed: dict[Reason, NDArray[np.bool_]]
    coverage_minutes: int
    overlap_minutes: NDArray[np.float64]
    overlap_share: NDArray[np.float64] | None  # None when the task has no coverage
    n: int

    def passing(self, *, ignore: Collection[Reason] = ()) -> NDArray[np.bool_]:
        """Offers that fail no constraint outside ``ignore``."""
        ok = np.ones(self.n, dtype=np.bool_)
        for reason, mask in self.failed.items():
            if reason not in ignore:
                ok &= ~mask
        return ok

    def first_reason(self) -> NDArray[np.int8]:
        """The first constraint each offer fails, in Reason order, as an index into
        ``REASONS``; ``KEEP`` (-1) where it fails none."""
        reason = np.full(self.n, KEEP, dtype=np.int8)
        # Last reason first, so an earlier one overwrites a later: one pass per constraint.
        for name in reversed(REASONS):
            mask = self.failed.get(name)
            if mask is not None:
                reason = np.where(mask, np.int8(REASONS.index(name)), reason)
        return reason

    def blockers(self, i: int) -> tuple[Reason, ...]:
        """Every constraint offer ``i`` fails, in Reason order."""
        return tuple(r for r in REASONS if r in self.failed and bool(self.failed[r][i]))


def budget_ceiling(budget_max: int, tolerance: float) -> int:
    """The highest quote that still passes ``budget``: max x (1 + tolerance), in exact
    integers with the tolerance in basis points."""
    bp = round(tolerance * 10_000)
    return budget_max * (10_000 + bp) // 10_000


def min_budget_in(
    offers: OfferSet, currency: str, rates: dict[str, float]
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_]]:
    """The offers that set a minimum budget (positions, shape ``(m,)``), that minimum in
    ``currency`` (rounded half up, like a quote), and a mask of those whose minimum has no
    exchange rate to ``currency`` (they cannot be shown to hold, so they fail)."""
    having = offers.derived(
        "min budget set", lambda: np.flatnonzero(offers.min_budget_currency_index >= 0)
    )
    factor = conversion_factors(offers.currencies, currency, rates)[
        offers.min_budget_currency_index[having]
    ]
    unknown = np.isnan(factor)
    converted = round_half_up(offers.min_budget[having] * np.where(unknown, 0.0, factor))
    return having, converted, unknown


def _targeting(task: TaskSpec, offers: OfferSet, config: MatchConfig) -> NDArray[np.bool_]:
    """The offers whose targeting leaves the task out: a business outside the countries
    it serves (checked only when the task's country is known), or a budget max below its
    minimum budget."""
    failed = np.zeros(offers.n, dtype=np.bool_)
    if task.country is not None:
        serves = offers.countries.count({task.country}, offers.n) > 0
        failed |= offers.targets_countries & ~serves
    having, floor, unknown = min_budget_in(offers, task.currency, config.exchange_rates)
    failed[having] |= unknown | (task.budget_max < floor)
    return failed


def check(
    task: TaskSpec,
    offers: OfferSet,
    *,
    config: MatchConfig | None = None,
    at: datetime | None = None,
) -> Checked:
    """Quote every offer for ``task`` and test it against every hard constraint.

    ``at`` fixes the week used for time-zone overlap (default: now).
    """
    config = config or MatchConfig()
    quote, unknown_currency = quotes_in(offers, task.volume, task.currency, config.exchange_rates)

    coverage_minutes = 0
    overlap = np.zeros(offers.n)
    overlap_share: NDArray[np.float64] | None = None
    if task.coverage is not None:
        moment = at or datetime.now(UTC)
        first_day = moment.astimezone(zone(task.coverage.timezone)).date()
        wanted = coverage_intervals(task.coverage.window, task.coverage.timezone, first_day)
        coverage_minutes = sum(end - start for start, end in wanted)
        table = offers.schedules(moment.astimezone(UTC).date())
        overlap = table.overlap_minutes(wanted)[offers.schedule_index] if offers.n else overlap
        overlap_share = factors.timezone(overlap, max(coverage_minutes, 1))

    failed: dict[Reason, NDArray[np.bool_]] = {
        Reason.currency: unknown_currency,
        Reason.capacity: offers.available < task.volume,
        Reason.min_volume: task.volume < offers.min_volume,
        Reason.budget: quote > budget_ceiling(task.budget_max, config.budget_tolerance),
    }
    if task.languages:
        speaks = offers.languages.count(set(task.languages), offers.n) > 0
        failed[Reason.language] = ~speaks
    required = {normalise_term(c) for c in task.required_certifications}
    if required:
        holds = offers.certifications.count(required, offers.n) == len(required)
        failed[Reason.certification] = ~holds
    if overlap_share is not None and task.coverage and task.coverage.min_overlap is not None:
        failed[Reason.timezone] = overlap_share < task.coverage.min_overlap
    failed[Reason.targeting] = _targeting(task, offers, config)
    return Checked(
        quote=quote,
        failed=failed,
        coverage_minutes=coverage_minutes,
        overlap_minutes=overlap,
        overlap_share=overlap_share,
        n=offers.n,
    )
