"""The hard constraints, checked once for every offer: what ranking, proposals and the
market all ask.

``check`` answers, for each offer, its quote in the task's currency and every constraint it
fails (not only the first), so callers never compare the kernel's internal reason codes:
ranking counts each dropped offer under its first reason, a proposal names every blocker,
and the market ignores ``budget`` to see what the whole market charges.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from matching import factors
from matching.currency import conversion_factors, round_half_up
from matching.offers import OfferSet, TermIndex, normalise_term
from matching.pricing import priced, quotes_in
from matching.schedule import ScheduleTable, coverage_intervals, zone
from matching.types import MatchConfig, Offer, Reason, TaskSpec

REASONS: tuple[Reason, ...] = tuple(Reason)
KEEP = -1  # in ``first_reason``: the offer passes every constraint
Amounts = TypeVar("Amounts", int, NDArray[np.int64])  # one amount, or one per task


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

    def tally(self) -> tuple[NDArray[np.bool_], list[int]]:
        """``passing()`` and how many offers fail each constraint first (in Reason order: the
        counts of ``first_reason``), in one walk: an offer still in the running that fails
        a constraint is counted under it and leaves the running, so what is left at the
        end is what passes. Three boolean passes per constraint, no codes per offer."""
        counts = [0] * len(REASONS)
        remaining = np.ones(self.n, dtype=np.bool_)
        first = np.empty(self.n, dtype=np.bool_)
        for j, name in enumerate(REASONS):
            mask = self.failed.get(name)
            if mask is not None:
                np.logical_and(mask, remaining, out=first)
                counts[j] = int(np.count_nonzero(first))
                remaining ^= first  # ``first`` lies inside ``remaining``
        return remaining, counts

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


def budget_ceiling(budget_max: Amounts, tolerance: float) -> Amounts:
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
        failed |= offers.targets_countries & ~offers.holding("countries", task.country)
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
    overlap_share: NDArray[np.float64] | None = None
    if task.coverage is None:
        overlap = np.zeros(offers.n)
    else:
        moment = at or datetime.now(UTC)
        first_day = moment.astimezone(zone(task.coverage.timezone)).date()
        # Per distinct schedule first, then spread to the offers: the same numbers, with
        # the arithmetic done once per schedule rather than once per offer.
        each, coverage_minutes = offers.coverage_overlap(
            task.coverage.timezone,
            task.coverage.window,
            first_day,
            moment.astimezone(UTC).date(),
        )
        overlap = each[offers.schedule_index]
        overlap_share = factors.timezone(each, max(coverage_minutes, 1))[offers.schedule_index]

    failed: dict[Reason, NDArray[np.bool_]] = {
        Reason.currency: unknown_currency,
        Reason.capacity: offers.derived("available", lambda: offers.available) < task.volume,
        Reason.min_volume: task.volume < offers.min_volume,
        Reason.budget: quote > budget_ceiling(task.budget_max, config.budget_tolerance),
    }
    if task.languages:
        # Any of the task's languages will do: the offers holding none of them fail.
        silent = ~offers.holding("languages", task.languages[0])
        for language in set(task.languages[1:]):
            silent &= ~offers.holding("languages", language)
        failed[Reason.language] = silent
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


class TaskSet:
    """Many tasks as columns, each of shape ``(t,)``: what :func:`check_tasks` weighs one
    offer against. Set-valued fields are inverted indexes (term -> task positions), as
    :class:`OfferSet` keeps them for offers; coverages are shared by distinct window."""

    def __init__(self, tasks: Sequence[TaskSpec]) -> None:
        self.tasks = tuple(tasks)
        self.n = len(self.tasks)
        self.volume = np.fromiter((t.volume for t in tasks), np.int64, self.n)
        self.budget_max = np.fromiter((t.budget_max for t in tasks), np.int64, self.n)
        self.currencies = list(dict.fromkeys(t.currency for t in tasks))
        self.currency_index = np.fromiter(
            (self.currencies.index(t.currency) for t in tasks), np.int64, self.n
        )
        self.country = np.asarray([t.country or "" for t in tasks], dtype="U2")
        self.languages = TermIndex(normalise=False)
        self.languages.add(0, (t.languages for t in tasks))
        self.wants_language = np.fromiter((bool(t.languages) for t in tasks), np.bool_, self.n)
        self.certifications = TermIndex(normalise=True)
        self.certifications.add(0, (t.required_certifications for t in tasks))
        self.required = np.fromiter(
            (len({normalise_term(c) for c in t.required_certifications}) for t in tasks),
            np.int64,
            self.n,
        )
        coverages = [
            (t.coverage.timezone, t.coverage.window) if t.coverage else None for t in tasks
        ]
        self.coverages = [c for c in dict.fromkeys(coverages) if c is not None]
        self.coverage_index = np.fromiter(
            (self.coverages.index(c) if c else -1 for c in coverages), np.int64, self.n
        )
        self.min_overlap = np.fromiter(
            (
                t.coverage.min_overlap
                if t.coverage and t.coverage.min_overlap is not None
                else np.nan
                for t in tasks
            ),
            np.float64,
            self.n,
        )


def _factors_to(source: str, targets: list[str], rates: dict[str, float]) -> NDArray[np.float64]:
    """Multipliers from ``source`` minor units to each of ``targets``' (NaN: no rate)."""
    return np.asarray(
        [conversion_factors([source], target, rates)[0] for target in targets], dtype=np.float64
    )


def _converted(amounts: NDArray[np.int64], factor: NDArray[np.float64]) -> NDArray[np.int64]:
    """``amounts`` converted as :func:`matching.pricing.quotes_in` converts quotes: the same
    currency untouched, others rounded half up, 0 where no rate is known."""
    known = ~np.isnan(factor)
    scaled = round_half_up(amounts.astype(np.float64) * np.where(known, factor, 0.0))
    result: NDArray[np.int64] = np.where(factor == 1.0, amounts, np.where(known, scaled, 0))
    return result


def check_tasks(
    tasks: TaskSet,
    offer: Offer,
    *,
    config: MatchConfig | None = None,
    at: datetime | None = None,
) -> Checked:
    """:func:`check` turned around: one offer against every task of ``tasks``, in one pass
    of array arithmetic over the tasks. Arrays of shape ``(t,)``; ``coverage_minutes`` is
    0 (it differs by task). For every task and constraint the answer is ``check``'s, which
    the tests hold it to."""
    config = config or MatchConfig()
    moment = at or datetime.now(UTC)
    pricing = offer.pricing
    volume = tasks.volume
    native = priced(
        pricing.model,
        pricing.amount,
        volume,
        pricing.units_per_hour,
        pricing.minimum_monthly,
    )
    factor = _factors_to(pricing.currency, tasks.currencies, config.exchange_rates)[
        tasks.currency_index
    ]
    quote = _converted(native, factor)

    failed: dict[Reason, NDArray[np.bool_]] = {
        Reason.currency: np.isnan(factor),
        Reason.capacity: (offer.capacity - offer.reserved) < volume,
        Reason.min_volume: volume < offer.min_volume,
        Reason.budget: quote > budget_ceiling(tasks.budget_max, config.budget_tolerance),
    }
    speaks = tasks.languages.count(set(offer.languages), tasks.n) > 0
    failed[Reason.language] = tasks.wants_language & ~speaks
    held = tasks.certifications.count({normalise_term(c) for c in offer.certifications}, tasks.n)
    failed[Reason.certification] = held < tasks.required

    overlap = np.zeros(tasks.n)
    share = np.ones(tasks.n)
    if tasks.coverages:
        table = ScheduleTable(
            [(offer.timezone, offer.working_hours)], moment.astimezone(UTC).date()
        )
        each = np.zeros(len(tasks.coverages))
        each_share = np.zeros(len(tasks.coverages))
        for c, (timezone, window) in enumerate(tasks.coverages):
            first_day = moment.astimezone(zone(timezone)).date()
            wanted = coverage_intervals(window, timezone, first_day)
            minutes = sum(end - start for start, end in wanted)
            each[c] = table.overlap_minutes(wanted)[0]
            each_share[c] = factors.timezone(each[c : c + 1], max(minutes, 1))[0]
        covered = tasks.coverage_index >= 0
        overlap[covered] = each[tasks.coverage_index[covered]]
        share[covered] = each_share[tasks.coverage_index[covered]]
    with np.errstate(invalid="ignore"):
        failed[Reason.timezone] = share < tasks.min_overlap  # NaN (no minimum) never fails

    targeting = np.zeros(tasks.n, dtype=np.bool_)
    if offer.target_countries:
        known = tasks.country != ""
        targeting |= known & ~np.isin(tasks.country, list(offer.target_countries))
    if offer.min_budget is not None and offer.min_budget_currency is not None:
        to_task = _factors_to(offer.min_budget_currency, tasks.currencies, config.exchange_rates)[
            tasks.currency_index
        ]
        unknown = np.isnan(to_task)
        floor = round_half_up(offer.min_budget * np.where(unknown, 0.0, to_task))
        targeting |= unknown | (tasks.budget_max < floor)
    failed[Reason.targeting] = targeting
    return Checked(
        quote=quote,
        failed=failed,
        coverage_minutes=0,
        overlap_minutes=overlap,
        overlap_share=share if tasks.coverages else None,
        n=tasks.n,
    )
