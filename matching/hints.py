"""What a business can act on when nothing matches: the nearest misses, in words.

An empty list with ``{"budget": 102}`` tells an owner nothing they can do. For each hard
constraint, the offers that fail it and nothing else are the ones a change of that one
term would let in; the sentence names the change (the cheapest such quote against the
budget, the largest free capacity against the volume, ...). Built only for an empty
ranking, over arrays of shape ``(n_offers,)``.
"""

import numpy as np
from numpy.typing import NDArray

from matching.constraints import Checked, budget_ceiling
from matching.currency import format_money
from matching.offers import OfferSet
from matching.types import MatchConfig, Reason, TaskSpec


def _vendors(n: int) -> str:
    return "1 vendor" if n == 1 else f"{n:,} vendors"


def _only(checked: Checked, reason: Reason) -> NDArray[np.bool_]:
    """Offers that fail ``reason`` and no other constraint."""
    mask = checked.failed.get(reason)
    if mask is None:
        return np.zeros(checked.n, dtype=np.bool_)
    return mask & checked.passing(ignore={reason})


def _budget(task: TaskSpec, checked: Checked, offers: OfferSet, config: MatchConfig) -> str:
    near = _only(checked, Reason.budget)
    cheapest = int(checked.quote[near].min())
    ceiling = budget_ceiling(task.budget_max, config.budget_tolerance)
    return (
        f"{_vendors(int(near.sum()))} would fit everything else, the cheapest at "
        f"{format_money(cheapest, task.currency)} a month; your budget's maximum of "
        f"{format_money(task.budget_max, task.currency)} allows quotes up to "
        f"{format_money(ceiling, task.currency)} (with the {config.budget_tolerance:.0%} "
        f"tolerance). Raise the maximum to {format_money(cheapest, task.currency)} to see it."
    )


def _capacity(task: TaskSpec, checked: Checked, offers: OfferSet, config: MatchConfig) -> str:
    near = _only(checked, Reason.capacity)
    largest = int(offers.available[near].max())
    return (
        f"{_vendors(int(near.sum()))} would fit everything else, but the most free capacity "
        f"any of them has is {largest:,} {task.unit} a month and you need {task.volume:,}. "
        f"Lower the volume to {largest:,}, or split the work into smaller tasks."
    )


def _min_volume(task: TaskSpec, checked: Checked, offers: OfferSet, config: MatchConfig) -> str:
    near = _only(checked, Reason.min_volume)
    smallest = int(offers.min_volume[near].min())
    return (
        f"{_vendors(int(near.sum()))} would fit everything else, but take on no fewer than "
        f"{smallest:,} {task.unit} a month and you have {task.volume:,}. Combine work into a "
        "larger task to reach them."
    )


def _language(task: TaskSpec, checked: Checked, offers: OfferSet, config: MatchConfig) -> str:
    n = int(_only(checked, Reason.language).sum())
    return (
        f"{_vendors(n)} would fit everything else but speak none of "
        f"{', '.join(task.languages)}. Add a language you can work in to see them."
    )


def _certification(task: TaskSpec, checked: Checked, offers: OfferSet, config: MatchConfig) -> str:
    n = int(_only(checked, Reason.certification).sum())
    return (
        f"{_vendors(n)} would fit everything else but lack a certification you require "
        f"({', '.join(task.required_certifications)}). Drop a requirement that is only nice "
        "to have, or list it under skills instead."
    )


def _currency(task: TaskSpec, checked: Checked, offers: OfferSet, config: MatchConfig) -> str:
    n = int(_only(checked, Reason.currency).sum())
    return (
        f"{_vendors(n)} would fit everything else but price in a currency with no exchange "
        f"rate to {task.currency}. A budget in another currency would reach them."
    )


def _timezone(task: TaskSpec, checked: Checked, offers: OfferSet, config: MatchConfig) -> str:
    n = int(_only(checked, Reason.timezone).sum())
    return (
        f"{_vendors(n)} would fit everything else but cover less of your hours than the "
        "minimum overlap you set. Lower the minimum overlap or widen the coverage window."
    )


_SENTENCES = {
    Reason.budget: _budget,
    Reason.capacity: _capacity,
    Reason.min_volume: _min_volume,
    Reason.language: _language,
    Reason.certification: _certification,
    Reason.currency: _currency,
    Reason.timezone: _timezone,
}


def nearest_misses(
    task: TaskSpec,
    offers: OfferSet,
    checked: Checked,
    *,
    config: MatchConfig,
    eligible: int,
    min_score: float,
) -> tuple[str, ...]:
    """Sentences saying what would bring matches, nearest miss first: one per constraint
    that alone keeps some offer out, or, when every offer fails several, the counts."""
    kind = task.task_type.replace("_", " ")
    if offers.n == 0:
        return (f"No vendor offers {kind} yet; ask again later.",)
    if eligible:
        return (
            f"{_vendors(eligible)} passed every requirement but scored below your minimum "
            f"score of {min_score:g}. Lower min_score to see them.",
        )
    singles = sorted(
        (
            (int(_only(checked, reason).sum()), order, reason)
            for order, reason in enumerate(_SENTENCES)
            if reason in checked.failed
        ),
        key=lambda item: (-item[0], item[1]),
    )
    hints = tuple(
        _SENTENCES[reason](task, checked, offers, config) for n, _, reason in singles if n
    )
    if hints:
        return hints
    counts = {
        reason: int(checked.failed[reason].sum())
        for reason in _SENTENCES
        if reason in checked.failed and checked.failed[reason].any()
    }
    parts = ", ".join(f"{n:,} on {reason.value.replace('_', ' ')}" for reason, n in counts.items())
    who = "The only vendor" if offers.n == 1 else f"Each of the {offers.n:,} vendors"
    return (
        f"{who} offering {kind} misses more than one of your "
        f"requirements ({parts}). Loosen the one that excludes the most first.",
    )
