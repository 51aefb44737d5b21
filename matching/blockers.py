"""Why one offer cannot take a task: a sentence a business owner understands per blocker.

:func:`matching.check` says which hard constraints an offer fails; this says why, with the
numbers, for the one offer a business tried to engage. Plain Python: it runs for one offer.
"""

from matching.constraints import Checked, budget_ceiling
from matching.currency import format_money
from matching.offers import OfferSet, normalise_term
from matching.types import MatchConfig, Reason, TaskSpec


def _capacity(task: TaskSpec, offers: OfferSet, checked: Checked, i: int, tol: float) -> str:
    free = int(offers.available[i])
    return (
        f"the service has {free:,} {task.unit} a month free, less than the {task.volume:,} "
        "this task needs"
    )


def _min_volume(task: TaskSpec, offers: OfferSet, checked: Checked, i: int, tol: float) -> str:
    least = int(offers.min_volume[i])
    return (
        f"the service takes at least {least:,} {task.unit} a month, and this task has "
        f"{task.volume:,}"
    )


def _currency(task: TaskSpec, offers: OfferSet, checked: Checked, i: int, tol: float) -> str:
    priced = offers.offers[i].pricing.currency
    return f"the service is priced in {priced}, which has no exchange rate to {task.currency}"


def _budget(task: TaskSpec, offers: OfferSet, checked: Checked, i: int, tol: float) -> str:
    quote = format_money(int(checked.quote[i]), task.currency)
    high = format_money(task.budget_max, task.currency)
    ceiling = format_money(budget_ceiling(task.budget_max, tol), task.currency)
    return (
        f"the quote {quote} is over the {high} budget maximum even with the {tol:.0%} "
        f"tolerance (at most {ceiling})"
    )


def _language(task: TaskSpec, offers: OfferSet, checked: Checked, i: int, tol: float) -> str:
    spoken = ", ".join(offers.offers[i].languages) or "no language it has listed"
    return f"the vendor speaks {spoken}, none of {', '.join(task.languages)}"


def _certification(task: TaskSpec, offers: OfferSet, checked: Checked, i: int, tol: float) -> str:
    held = {normalise_term(c) for c in offers.offers[i].certifications}
    missing = [
        c for c in dict.fromkeys(task.required_certifications) if normalise_term(c) not in held
    ]
    return f"the vendor does not hold {', '.join(missing)}"


def _timezone(task: TaskSpec, offers: OfferSet, checked: Checked, i: int, tol: float) -> str:
    assert task.coverage is not None and task.coverage.min_overlap is not None
    need = checked.coverage_minutes / 60
    got = float(checked.overlap_minutes[i]) / 60
    share = got / need if need else 0.0
    return (
        f"the vendor works {got:,.1f} of the {need:,.1f} hours a week the task needs covered "
        f"({share:.0%}), under the {task.coverage.min_overlap:.0%} minimum"
    )


_SENTENCE = {
    Reason.currency: _currency,
    Reason.capacity: _capacity,
    Reason.min_volume: _min_volume,
    Reason.budget: _budget,
    Reason.language: _language,
    Reason.certification: _certification,
    Reason.timezone: _timezone,
}


def describe(
    task: TaskSpec,
    offers: OfferSet,
    checked: Checked,
    i: int,
    *,
    config: MatchConfig | None = None,
) -> tuple[tuple[Reason, str], ...]:
    """Every constraint offer ``i`` fails, in Reason order, each with its sentence."""
    tolerance = (config or MatchConfig()).budget_tolerance
    return tuple(
        (reason, _SENTENCE[reason](task, offers, checked, i, tolerance))
        for reason in checked.blockers(i)
    )
