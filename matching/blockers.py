"""Why one offer cannot take a task: a sentence a business owner understands per blocker.

:func:`matching.check` says which hard constraints an offer fails; this says why, with the
numbers, for the one offer a business tried to engage, and (:func:`explain`) with the fix
that ``matching.fixes`` computes. :func:`check_one` is the public answer for one offer and
one task: its quote and its blockers, by name. Plain Python: it runs for one offer.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from matching import fixes
from matching.constraints import Checked, budget_ceiling, check
from matching.currency import format_money
from matching.offers import OfferSet, normalise_term
from matching.types import Blocker, MatchConfig, Offer, Reason, TaskSpec

_Sentence = Callable[[TaskSpec, OfferSet, Checked, int, MatchConfig], str]


def _capacity(
    task: TaskSpec, offers: OfferSet, checked: Checked, i: int, config: MatchConfig
) -> str:
    free = int(offers.available[i])
    return (
        f"the service has {free:,} {task.unit} a month free, less than the {task.volume:,} "
        "this task needs"
    )


def _min_volume(
    task: TaskSpec, offers: OfferSet, checked: Checked, i: int, config: MatchConfig
) -> str:
    least = int(offers.min_volume[i])
    return (
        f"the service takes at least {least:,} {task.unit} a month, and this task has "
        f"{task.volume:,}"
    )


def _currency(
    task: TaskSpec, offers: OfferSet, checked: Checked, i: int, config: MatchConfig
) -> str:
    priced = offers.offers[i].pricing.currency
    return f"the service is priced in {priced}, which has no exchange rate to {task.currency}"


def _budget(task: TaskSpec, offers: OfferSet, checked: Checked, i: int, config: MatchConfig) -> str:
    tol = config.budget_tolerance
    quote = format_money(int(checked.quote[i]), task.currency)
    high = format_money(task.budget_max, task.currency)
    ceiling = format_money(budget_ceiling(task.budget_max, tol), task.currency)
    return (
        f"the quote {quote} is over the {high} budget maximum even with the {tol:.0%} "
        f"tolerance (at most {ceiling})"
    )


def _language(
    task: TaskSpec, offers: OfferSet, checked: Checked, i: int, config: MatchConfig
) -> str:
    spoken = ", ".join(offers.offers[i].languages) or "no language it has listed"
    return f"the vendor speaks {spoken}, none of {', '.join(task.languages)}"


def _certification(
    task: TaskSpec, offers: OfferSet, checked: Checked, i: int, config: MatchConfig
) -> str:
    held = {normalise_term(c) for c in offers.offers[i].certifications}
    missing = [
        c for c in dict.fromkeys(task.required_certifications) if normalise_term(c) not in held
    ]
    return f"the vendor does not hold {', '.join(missing)}"


def _timezone(
    task: TaskSpec, offers: OfferSet, checked: Checked, i: int, config: MatchConfig
) -> str:
    assert task.coverage is not None and task.coverage.min_overlap is not None
    need = checked.coverage_minutes / 60
    got = float(checked.overlap_minutes[i]) / 60
    share = got / need if need else 0.0
    return (
        f"the vendor works {got:,.1f} of the {need:,.1f} hours a week the task needs covered "
        f"({share:.0%}), under the {task.coverage.min_overlap:.0%} minimum"
    )


def _targeting(
    task: TaskSpec, offers: OfferSet, checked: Checked, i: int, config: MatchConfig
) -> str:
    offer = offers.offers[i]
    parts = []
    if (
        task.country is not None
        and offer.target_countries
        and task.country not in offer.target_countries
    ):
        parts.append(
            f"the service serves businesses in {', '.join(offer.target_countries)} only, "
            f"and this one is in {task.country}"
        )
    if offer.min_budget is not None and offer.min_budget_currency is not None:
        convert = fixes.converter(offer.min_budget_currency, task.currency, config.exchange_rates)
        least = format_money(offer.min_budget, offer.min_budget_currency)
        high = format_money(task.budget_max, task.currency)
        if convert is None:
            parts.append(
                f"the service's minimum budget of {least} has no exchange rate to {task.currency}"
            )
        elif convert(offer.min_budget) > task.budget_max:
            parts.append(
                f"the service takes budgets of at least {least}, and this task's max is {high}"
            )
    return "; ".join(parts)


# One function per reason, named after it: a reason without one fails at import.
_SENTENCE: dict[Reason, _Sentence] = {reason: globals()[f"_{reason.value}"] for reason in Reason}


def describe(
    task: TaskSpec,
    offers: OfferSet,
    checked: Checked,
    i: int,
    *,
    config: MatchConfig | None = None,
) -> tuple[tuple[Reason, str], ...]:
    """Every constraint offer ``i`` fails, in Reason order, each with its sentence."""
    config = config or MatchConfig()
    return tuple(
        (reason, _SENTENCE[reason](task, offers, checked, i, config))
        for reason in checked.blockers(i)
    )


def explain(
    task: TaskSpec,
    offers: OfferSet,
    checked: Checked,
    i: int,
    *,
    config: MatchConfig | None = None,
) -> tuple[Blocker, ...]:
    """Every constraint offer ``i`` fails, in Reason order: why, and what would clear it."""
    config = config or MatchConfig()
    found = []
    for reason, detail in describe(task, offers, checked, i, config=config):
        sentence, changes = fixes.fix(reason, task, offers, checked, i, config=config)
        found.append(Blocker(reason=reason.value, detail=detail, fix=sentence, changes=changes))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Verdict:
    """One offer checked against one task: its monthly quote in minor units of the task's
    currency, and every constraint it fails, in Reason order, each with its sentence."""

    quote: int
    blockers: tuple[tuple[Reason, str], ...]


def check_one(
    task: TaskSpec,
    offer: Offer,
    *,
    config: MatchConfig | None = None,
    at: datetime | None = None,
) -> Verdict:
    """Quote ``offer`` for ``task`` and name every hard constraint it fails: the answer
    ranking would give for this one offer, through the same :func:`matching.check`."""
    config = config or MatchConfig()
    alone = OfferSet([offer])
    checked = check(task, alone, config=config, at=at)
    return Verdict(
        quote=int(checked.quote[0]), blockers=describe(task, alone, checked, 0, config=config)
    )
