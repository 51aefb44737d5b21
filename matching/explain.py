"""Sentences a business owner understands, with the numbers behind each factor.

Built only for the offers that make the top-k, so plain Python is fine here.
"""

from matching import factors
from matching.currency import format_money
from matching.offers import normalise_term
from matching.pricing import quote_one
from matching.scored import Scored
from matching.types import FactorScore, Money


def quote(scored: Scored, i: int) -> Money:
    return Money(amount=int(scored.quote[i]), currency=scored.task.currency)


def _plural(n: float, word: str) -> str:
    return f"{n:,g} {word}" if n == 1 else f"{n:,g} {word}s"


def _task_type(scored: Scored, i: int) -> str:
    offer = scored.offers.offers[i]
    kind = scored.task.task_type.replace("_", " ")
    focus = (
        f"specialises in {kind} alone"
        if offer.types_offered <= 1
        else f"offers {offer.types_offered} task types, so it counts as less specialised in "
        f"{kind} than a vendor that does {kind} alone"
    )
    return (
        f"{_plural(offer.experience_years, 'year')} of {kind} experience, "
        f"{_plural(offer.completed_count, 'completed engagement')} on Offload, {focus}"
    )


def _volume(scored: Scored, i: int) -> str:
    available = int(scored.offers.capacity[i] - scored.offers.reserved[i])
    volume, unit = scored.task.volume, scored.task.unit
    share = volume / available if available else float("inf")
    verdict = "plenty of headroom" if share <= factors.VOLUME_FULL_MARKS_SHARE else "a tight fit"
    return (
        f"your {volume:,} {unit} a month would take {share:.0%} of the {available:,} it has "
        f"free: {verdict}"
    )


def _budget(scored: Scored, i: int) -> str:
    task = scored.task
    q = int(scored.quote[i])
    money = format_money(q, task.currency)
    low, high = (
        format_money(task.budget_min, task.currency),
        format_money(task.budget_max, task.currency),
    )
    pricing = scored.offers.offers[i].pricing
    converted = ""
    if pricing.currency != task.currency:
        native = quote_one(pricing, task.volume)
        converted = f" (converted from {format_money(native, pricing.currency)})"
    if task.budget_min <= q <= task.budget_max:
        where = f"is inside your {low.rsplit(' ', 1)[0]}-{high} budget"
    elif q < task.budget_min:
        where = f"is below your {low.rsplit(' ', 1)[0]}-{high} budget"
    else:
        over = (q - task.budget_max) / task.budget_max if task.budget_max else float("inf")
        where = (
            f"is {over:.1%} over your {high} maximum, within the "
            f"{scored.config.budget_tolerance:.0%} tolerance"
        )
    return f"quote {money}{converted} {where}"


def _skills(scored: Scored, i: int) -> str:
    wanted = scored.task.skills
    if not scored.wanted_skills:
        return "you listed no skills, so skills do not count"
    offered = {normalise_term(s) for s in scored.offers.offers[i].skills}
    have = [s for s in dict.fromkeys(wanted) if normalise_term(s) in offered]
    missing = [s for s in dict.fromkeys(wanted) if normalise_term(s) not in offered]
    n = len(scored.wanted_skills)
    sentence = (
        f"has {int(scored.skill_hits[i])} of the {n} {'skill' if n == 1 else 'skills'} you want"
    )
    if have:
        sentence += f" ({', '.join(have)})"
    if missing:
        sentence += f"; missing {', '.join(missing)}"
    return sentence


def _timezone(scored: Scored, i: int) -> str:
    coverage = scored.task.coverage
    if coverage is None:
        return "you set no coverage hours, so time zones do not count"
    offer = scored.offers.offers[i]
    need = scored.coverage_minutes / 60
    got = float(scored.overlap_minutes[i]) / 60
    if not offer.working_hours:
        return (
            f"has published no working hours, so none of your {need:,.1f} hours a week is covered"
        )
    return (
        f"works {got:,.1f} of the {need:,.1f} hours a week you need covered "
        f"({got / need if need else 0:.0%}), on its {offer.timezone} hours"
    )


def _reputation(scored: Scored, i: int) -> str:
    offer = scored.offers.offers[i]
    config = scored.config
    if offer.rating_count == 0:
        return (
            f"no ratings yet, so it counts as {config.reputation_prior_mean:.2f} of 5, "
            "the marketplace's starting point"
        )
    mean = offer.rating_sum / offer.rating_count
    smoothed = (
        config.reputation_prior_weight * config.reputation_prior_mean + offer.rating_sum
    ) / (config.reputation_prior_weight + offer.rating_count)
    return (
        f"rated {mean:.2f} of 5 from {_plural(offer.rating_count, 'rating')}; we count it as "
        f"{smoothed:.2f}, because a few ratings say less than many, so every vendor starts "
        f"from {config.reputation_prior_mean:.2f} and its own ratings pull it from there"
    )


_DETAIL = {
    "task_type": _task_type,
    "volume": _volume,
    "budget": _budget,
    "skills": _skills,
    "timezone": _timezone,
    "reputation": _reputation,
}


def factors_for(scored: Scored, i: int) -> tuple[FactorScore, ...]:
    return tuple(
        FactorScore(
            name=name,
            score=round(scored.factor(name, i), 4),
            weight=scored.applied[name],
            detail=detail(scored, i),
        )
        for name, detail in _DETAIL.items()
    )
