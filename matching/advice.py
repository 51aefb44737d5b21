"""The outsourcing advisor: is handing a task off worth it, and which first?

For one task (:func:`advise`): the owner's hours it frees (less the share they still spend
overseeing the vendor), what those hours are worth, and what the market charges (its
median quote, :mod:`matching.market`); the difference is the monthly gain. For a business
(:func:`plan`): the tasks worth handing off, biggest gain first, and their totals.

Money is exact: hours and shares are read as the decimals they were written as
(``Decimal(str(x))``), products are rounded once to a minor unit, halves up, as quotes are;
a conversion between currencies uses the ranker's rates and rounding
(:mod:`matching.currency`). Formulas and a worked example: docs/advisor.md.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

import numpy as np

from matching.constraints import check
from matching.currency import conversion_factors, format_money, round_half_up
from matching.market import Market, decimal_string, from_checked, in_market
from matching.offers import OfferSet
from matching.rank import best_match
from matching.types import MatchConfig, Money, RankedMatch, Reason, TaskSpec

MIN_VENDORS = 3  # fewer quotes than this say little about what the market charges
HOURS_PLACES = 2
PAYBACK_PLACES = 2


class Recommendation(StrEnum):
    outsource = "outsource"
    keep_core = "keep_core"
    costs_more = "costs_more"
    too_few_vendors = "too_few_vendors"
    needs_input = "needs_input"


@dataclass(frozen=True, slots=True)
class Advice:
    recommendation: Recommendation
    hours_freed: float | None  # hours x (1 - oversight), 2 decimals; None without hours
    time_value: Money | None  # hours_freed x hourly value, in the task's currency
    net_monthly_gain: Money | None  # time_value - market p50; None if either is missing
    onboarding_cost: Money | None  # onboarding hours x hourly value, in the task's currency
    payback_months: str | None  # onboarding_cost / gain, 2 places, half up; outsource only
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    order: tuple[int, ...]  # input indices: outsource by gain desc (stable), then the rest
    priority: tuple[int | None, ...]  # per input index: 1..n for outsource items, else None
    hours_freed: float  # over outsource items only
    net_monthly_gain: Money  # over outsource items only, each converted


def _exact(value: float) -> Fraction:
    """A float as the decimal it was written as: 0.1 is one tenth, not 0.1000000000000000055."""
    return Fraction(Decimal(str(value)))


def _round_half_up(value: Fraction, places: int = 0) -> Fraction:
    scale = 10**places
    return Fraction((value * scale + Fraction(1, 2)).__floor__(), scale)


def convert(amount: int, source: str, target: str, config: MatchConfig) -> int:
    """``amount`` minor units of ``source`` in minor units of ``target``, converted and
    rounded exactly as quotes are. Raises ValueError when no rate links the two."""
    factor = conversion_factors([source], target, config.exchange_rates)
    if np.isnan(factor[0]):
        raise ValueError(f"no exchange rate from {source} to {target}")
    if factor[0] == 1.0:
        return amount
    return int(round_half_up(np.array([amount * factor[0]]))[0])


def _hours(value: float) -> str:
    return f"{value:,g} h"


def _share(share: Fraction) -> str:
    return f"{float(share * 100):g}%"


def _market_sentence(market: Market) -> str:
    assert market.quote is not None
    median = format_money(market.quote["p50"].amount, market.currency)
    return f"vendors charge {median} (median of {market.vendors})"


def _reasons(
    recommendation: Recommendation,
    *,
    market: Market,
    hours: float | None,
    hourly_value: Money | None,
    oversight: Fraction,
    time_value: Money | None,
    gain: Money | None,
    onboarding_hours: float,
    payback: str | None,
) -> tuple[str, ...]:
    currency = market.currency
    if recommendation is Recommendation.keep_core:
        return (
            "You marked this task as core to your business, what you sell: keep it in-house "
            "and hand off the admin around it instead.",
        )
    if recommendation is Recommendation.needs_input:
        missing = [
            what
            for what, value in (
                ("how many hours a month you spend on it", hours),
                ("what an hour of your time is worth", hourly_value),
            )
            if value is None
        ]
        return (f"Tell us {' and '.join(missing)}, and we can say whether handing it off pays.",)
    if recommendation is Recommendation.too_few_vendors:
        if market.vendors == 0:
            found = "No vendor on Offload can take this task on your terms yet"
        else:
            which = "vendor" if market.vendors == 1 else "vendors"
            found = f"Only {market.vendors} {which} on Offload can take this task on your terms"
        return (
            f"{found}; we need at least {MIN_VENDORS} to know what the market charges, so "
            "we cannot yet say whether handing it off pays.",
        )
    assert hours is not None and hourly_value is not None
    assert time_value is not None and gain is not None
    spend = (
        f"You spend {_hours(hours)} a month on this; at "
        f"{format_money(hourly_value.amount, hourly_value.currency)} an hour that is "
        f"{format_money(time_value.amount, currency)} of your time after "
        f"{_share(oversight)} oversight; {_market_sentence(market)}"
    )
    if recommendation is Recommendation.outsource:
        if not onboarding_hours:
            repaid = "Handing it over takes none of your time, so it pays from the first month."
        elif onboarding_hours == 1:
            repaid = f"The 1 hour it takes to hand over pays for itself in {payback} months."
        else:
            repaid = (
                f"The {onboarding_hours:,g} hours it takes to hand over pay for themselves in "
                f"{payback} months."
            )
        return (f"{spend}, so you gain {format_money(gain.amount, currency)} a month.", repaid)
    more = format_money(-gain.amount, currency)
    verdict = (
        "as much as your time is worth, so handing it off gains you nothing"
        if gain.amount == 0
        else f"{more} a month more than your time is worth, so doing it yourself costs less"
    )
    return (f"{spend}: {verdict}.",)


def advise(
    *,
    market: Market,
    hours_spent_per_month: float | None,
    hourly_value: Money | None,
    core: bool,
    onboarding_hours: float,
    oversight_share: float,
    config: MatchConfig,
) -> Advice:
    """Whether to hand off the task ``market`` prices, with the numbers and reasons.

    The first recommendation that applies wins: ``keep_core`` (a core task),
    ``needs_input`` (hours or hourly value missing), ``too_few_vendors`` (fewer than
    ``MIN_VENDORS`` in the market), then ``outsource`` (gain > 0) or ``costs_more``. Every
    number that can be computed is, whatever the recommendation. Raises ValueError when
    ``hourly_value``'s currency cannot be converted to the task's.
    """
    currency = market.currency
    oversight = _exact(oversight_share)
    hours_freed: Fraction | None = None
    if hours_spent_per_month is not None:
        hours_freed = _round_half_up(_exact(hours_spent_per_month) * (1 - oversight), HOURS_PLACES)
    time_value = onboarding_cost = None
    if hourly_value is not None:
        rate = hourly_value.amount

        def priced(hours: Fraction) -> Money:
            own = int(_round_half_up(hours * rate))
            return Money(convert(own, hourly_value.currency, currency, config), currency)

        onboarding_cost = priced(_exact(onboarding_hours))
        if hours_freed is not None:
            time_value = priced(hours_freed)
    gain = None
    if time_value is not None and market.quote is not None:
        gain = Money(time_value.amount - market.quote["p50"].amount, currency)

    if core:
        recommendation = Recommendation.keep_core
    elif hours_spent_per_month is None or hourly_value is None:
        recommendation = Recommendation.needs_input
    elif market.vendors < MIN_VENDORS:
        recommendation = Recommendation.too_few_vendors
    else:
        assert gain is not None
        recommendation = Recommendation.outsource if gain.amount > 0 else Recommendation.costs_more

    payback = None
    if recommendation is Recommendation.outsource:
        assert gain is not None and onboarding_cost is not None
        months = _round_half_up(Fraction(onboarding_cost.amount, gain.amount), PAYBACK_PLACES)
        payback = decimal_string(months, PAYBACK_PLACES)

    return Advice(
        recommendation=recommendation,
        hours_freed=float(hours_freed) if hours_freed is not None else None,
        time_value=time_value,
        net_monthly_gain=gain,
        onboarding_cost=onboarding_cost,
        payback_months=payback,
        reasons=_reasons(
            recommendation,
            market=market,
            hours=hours_spent_per_month,
            hourly_value=hourly_value,
            oversight=oversight,
            time_value=time_value,
            gain=gain,
            onboarding_hours=onboarding_hours,
            payback=payback,
        ),
    )


def plan(advice: Sequence[Advice], *, currency: str, config: MatchConfig) -> Plan:
    """A business's advice in the order to act on it, with totals in ``currency``.

    ``outsource`` items come first, biggest gain first (compared in ``currency``; equal
    gains keep their input order), then the rest in input order. Totals count the
    ``outsource`` items only. Raises ValueError when a gain cannot be converted.
    """
    gains: dict[int, int] = {}
    for i, item in enumerate(advice):
        if item.recommendation is Recommendation.outsource:
            assert item.net_monthly_gain is not None
            gain = item.net_monthly_gain
            gains[i] = convert(gain.amount, gain.currency, currency, config)
    first = sorted(gains, key=lambda i: -gains[i])  # sorted() is stable: ties keep input order
    rest = [i for i in range(len(advice)) if i not in gains]
    priority: list[int | None] = [None] * len(advice)
    for position, i in enumerate(first, start=1):
        priority[i] = position
    hours = sum((_exact(advice[i].hours_freed or 0.0) for i in first), Fraction(0))
    return Plan(
        order=tuple(first + rest),
        priority=tuple(priority),
        hours_freed=float(_round_half_up(hours, HOURS_PLACES)),
        net_monthly_gain=Money(sum(gains.values()), currency),
    )


def assess(
    task: TaskSpec,
    offers: OfferSet,
    *,
    config: MatchConfig,
    at: datetime | None = None,
) -> tuple[Market, RankedMatch | None]:
    """The market for ``task`` and its best match (``rank(..., limit=1)``'s first, or
    None), from one shared :func:`matching.check` pass; the best match scores only the
    offers that can still win (:func:`matching.rank.best_match`)."""
    checked = check(task, offers, config=config, at=at)
    included = in_market(checked)
    passing = included & ~checked.failed[Reason.budget]  # == checked.passing(), one op
    best = best_match(task, offers, config=config, at=at, checked=checked, passing=passing)
    return from_checked(task, checked, included=included), best
