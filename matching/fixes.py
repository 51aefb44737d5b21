"""The smallest change that clears each blocker, computed exactly.

For one offer and one task: a sentence a vendor acts on, and the edits (:class:`Change`)
that make it. Every number comes from the arithmetic the constraints use (quotes through
:func:`matching.pricing.quote_one`, conversion rounded half up, the budget ceiling in
exact integers), searched by bisection where rounding makes a closed form fragile, so the
change clears the blocker and one minor unit (or unit, or minute) less does not. Plain
Python: it runs for one offer.
"""

import math
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from matching.constraints import Checked, budget_ceiling
from matching.currency import conversion_factors, format_money
from matching.offers import OfferSet, normalise_term
from matching.pricing import quote_one
from matching.types import Change, MatchConfig, Offer, PricingModel, Reason, TaskSpec

Fix = tuple[str, tuple[Change, ...]]
_Fixer = Callable[[TaskSpec, Offer, Checked, int, MatchConfig], Fix]


def largest(low: int, high: int, fits: Callable[[int], bool]) -> int | None:
    """The largest ``x`` in ``[low, high]`` with ``fits(x)``, for ``fits`` true up to some
    point and false after it; None if ``fits(low)`` is false."""
    if not fits(low):
        return None
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def converter(source: str, target: str, rates: dict[str, float]) -> Callable[[int], int] | None:
    """Minor units of ``source`` to ``target`` as quotes are converted; None without a rate."""
    factor = float(conversion_factors([source], target, rates)[0])
    if math.isnan(factor):
        return None
    if factor == 1.0:
        return lambda amount: amount
    return lambda amount: int(np.floor(amount * factor + 0.5))


def _less(old: int, new: int) -> str:
    return f"{(old - new) / old:.0%} less" if old else "0% less"


def _lowered(
    what: str,
    field: str,
    current: int,
    currency: str,
    fits: Callable[[int], bool],
    *,
    per: str = "",
) -> tuple[str, Change]:
    """The highest amount up to ``current`` that ``fits`` (0 always does), as the sentence
    and the change that set the service's ``field`` to it."""
    floor = largest(0, current, fits)
    assert floor is not None
    money = format_money(floor, currency) + (f" {per}" if per else "")
    return (
        f"lower the {what} to at most {money}, {_less(current, floor)}",
        Change("service", field, "set", floor),
    )


def _per(offer: Offer, task: TaskSpec) -> str:
    match offer.pricing.model:
        case PricingModel.per_unit:
            single = task.unit.endswith("s") and " " not in task.unit
            return f"per {task.unit[:-1]}" if single else "per unit"
        case PricingModel.hourly:
            return "an hour"
        case _:
            return "a month"


def _capacity(task: TaskSpec, offer: Offer, checked: Checked, i: int, config: MatchConfig) -> Fix:
    more = task.volume - (offer.capacity - offer.reserved)
    return (
        f"raise capacity by {more:,} {task.unit} a month, to {offer.capacity + more:,}",
        (Change("service", "capacity", "set", offer.capacity + more),),
    )


def _min_volume(task: TaskSpec, offer: Offer, checked: Checked, i: int, config: MatchConfig) -> Fix:
    return (
        f"lower min_volume to at most {task.volume:,} {task.unit} a month",
        (Change("service", "min_volume", "set", task.volume),),
    )


def _currency(task: TaskSpec, offer: Offer, checked: Checked, i: int, config: MatchConfig) -> Fix:
    return (
        f"price the service in {task.currency} (no exchange rate from "
        f"{offer.pricing.currency} is known)",
        (Change("service", "pricing.currency", "set", task.currency),),
    )


def _budget(task: TaskSpec, offer: Offer, checked: Checked, i: int, config: MatchConfig) -> Fix:
    """The highest amount (and minimum_monthly, if it alone is too high) whose quote, in
    the task's currency, is at most the budget max with its tolerance."""
    pricing = offer.pricing
    ceiling = budget_ceiling(task.budget_max, config.budget_tolerance)
    convert = converter(pricing.currency, task.currency, config.exchange_rates)
    assert convert is not None  # an offer without a rate fails ``currency``, not ``budget``

    def raw(amount: int) -> int:
        return quote_one(replace(pricing, amount=amount, minimum_monthly=0), task.volume)

    sentences: list[str] = []
    changes: list[Change] = []
    if convert(raw(pricing.amount)) > ceiling:
        sentence, change = _lowered(
            "price",
            "pricing.amount",
            pricing.amount,
            pricing.currency,
            lambda a: convert(raw(a)) <= ceiling,
            per=_per(offer, task),
        )
        sentences.append(sentence)
        changes.append(change)
    if convert(pricing.minimum_monthly) > ceiling:
        sentence, change = _lowered(
            "monthly minimum",
            "pricing.minimum_monthly",
            pricing.minimum_monthly,
            pricing.currency,
            lambda m: convert(m) <= ceiling,
        )
        sentences.append(sentence)
        changes.append(change)
    return "; and ".join(sentences), tuple(changes)


def _language(task: TaskSpec, offer: Offer, checked: Checked, i: int, config: MatchConfig) -> Fix:
    wanted = task.languages[0]
    others = f" (or any of {', '.join(task.languages[1:])})" if len(task.languages) > 1 else ""
    return (
        f"add the language {wanted}{others} to the vendor's languages",
        (Change("vendor", "languages", "add", wanted),),
    )


def _certification(
    task: TaskSpec, offer: Offer, checked: Checked, i: int, config: MatchConfig
) -> Fix:
    held = {normalise_term(c) for c in offer.certifications}
    missing = [
        c for c in dict.fromkeys(task.required_certifications) if normalise_term(c) not in held
    ]
    return (
        f"hold and list {', '.join(missing)} among the vendor's certifications",
        tuple(Change("vendor", "certifications", "add", c) for c in missing),
    )


def overlap_needed(coverage_minutes: int, min_overlap: float) -> int:
    """The fewest minutes a week of overlap whose share of the coverage reaches
    ``min_overlap``, compared as the constraint compares it."""
    total = max(coverage_minutes, 1)
    minutes = min(math.ceil(min_overlap * total), total)
    while minutes < total and minutes / total < min_overlap:
        minutes += 1
    while minutes > 0 and (minutes - 1) / total >= min_overlap:
        minutes -= 1
    return minutes


def _timezone(task: TaskSpec, offer: Offer, checked: Checked, i: int, config: MatchConfig) -> Fix:
    assert task.coverage is not None and task.coverage.min_overlap is not None
    need = overlap_needed(checked.coverage_minutes, task.coverage.min_overlap)
    more = need - round(float(checked.overlap_minutes[i]))
    return (
        f"work {more:,} more minutes ({more / 60:,.2f} hours) a week inside the task's "
        f"coverage window ({task.coverage.timezone})",
        (Change("vendor", "working_hours", "extend", more),),
    )


def _targeting(task: TaskSpec, offer: Offer, checked: Checked, i: int, config: MatchConfig) -> Fix:
    sentences: list[str] = []
    changes: list[Change] = []
    if (
        task.country is not None
        and offer.target_countries
        and task.country not in offer.target_countries
    ):
        sentences.append(f"add {task.country} to targeting.countries")
        changes.append(Change("service", "targeting.countries", "add", task.country))
    if offer.min_budget is not None and offer.min_budget_currency is not None:
        currency = offer.min_budget_currency
        convert = converter(currency, task.currency, config.exchange_rates)
        if convert is None:
            sentences.append(
                f"state the minimum budget in {task.currency} or remove it (no exchange rate "
                f"from {currency} is known)"
            )
            changes.append(Change("service", "targeting.min_budget", "set", None))
        elif convert(offer.min_budget) > task.budget_max:
            sentence, change = _lowered(
                "minimum budget",
                "targeting.min_budget.amount",
                offer.min_budget,
                currency,
                lambda m: convert(m) <= task.budget_max,
            )
            sentences.append(sentence)
            changes.append(change)
    return "; and ".join(sentences), tuple(changes)


# One function per reason, named after it: a reason without one fails at import.
_FIX: dict[Reason, _Fixer] = {reason: globals()[f"_{reason.value}"] for reason in Reason}


def fix(
    reason: Reason,
    task: TaskSpec,
    offers: OfferSet,
    checked: Checked,
    i: int,
    *,
    config: MatchConfig | None = None,
) -> Fix:
    """What would clear ``reason`` for offer ``i``: a sentence and the edits."""
    return _FIX[reason](task, offers.offers[i], checked, i, config or MatchConfig())
