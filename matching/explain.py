"""Sentences a business owner understands, with the numbers behind each factor.

Built only for the offers that make the top-k, but a match explains 20 offers x 6 factors
on every request, so the work that does not depend on the offer (the task's words, its
budget in money, its skills normalised) is done once per call, and the offers' numbers are
gathered for all of them in one indexing per column rather than one lookup per sentence.
"""

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from matching import factors
from matching.currency import format_money
from matching.offers import normalise_term
from matching.pricing import quote_one
from matching.scored import Scored
from matching.types import FactorScore, Offer

FACTORS = ("task_type", "volume", "budget", "skills", "timezone", "reputation")
# At most this many explained factors kept per set of offers (a few MiB): the offers
# explained first, the best ones, stay; tasks' own weights cannot grow it without bound.
SAID_KEPT = 20_000


def _plural(n: float, word: str) -> str:
    return f"{n:,g} {word}" if n == 1 else f"{n:,g} {word}s"


# Each detail writer takes the scored numbers, the explained positions (shape ``(m,)``) and
# their Offer objects, and returns one sentence per position.
Details = Callable[[Scored, NDArray[np.int64], list[Offer]], list[str]]


def _task_type(scored: Scored, rows: NDArray[np.int64], offers: list[Offer]) -> list[str]:
    kind = scored.task.task_type.replace("_", " ")
    alone = f"specialises in {kind} alone"
    less = f"task types, so it counts as less specialised in {kind} than a vendor that does"
    return [
        f"{_plural(o.experience_years, 'year')} of {kind} experience, "
        f"{_plural(o.completed_count, 'completed engagement')} on Offload, "
        + (alone if o.types_offered <= 1 else f"offers {o.types_offered} {less} {kind} alone")
        for o in offers
    ]


def _volume(scored: Scored, rows: NDArray[np.int64], offers: list[Offer]) -> list[str]:
    volume, unit = scored.task.volume, scored.task.unit
    available = (scored.offers.capacity[rows] - scored.offers.reserved[rows]).tolist()
    sentences = []
    for free in available:
        share = volume / free if free else float("inf")
        verdict = (
            "plenty of headroom" if share <= factors.VOLUME_FULL_MARKS_SHARE else "a tight fit"
        )
        sentences.append(
            f"your {volume:,} {unit} a month would take {share:.0%} of the {free:,} it has "
            f"free: {verdict}"
        )
    return sentences


def _budget(scored: Scored, rows: NDArray[np.int64], offers: list[Offer]) -> list[str]:
    task = scored.task
    low = format_money(task.budget_min, task.currency).rsplit(" ", 1)[0]
    high = format_money(task.budget_max, task.currency)
    inside = f"is inside your {low}-{high} budget"
    below = f"is below your {low}-{high} budget"
    tolerance = f"{scored.config.budget_tolerance:.0%} tolerance"
    sentences = []
    for q, offer in zip(scored.quote[rows].tolist(), offers, strict=True):
        pricing = offer.pricing
        converted = ""
        if pricing.currency != task.currency:
            native = quote_one(pricing, task.volume)
            converted = f" (converted from {format_money(native, pricing.currency)})"
        if task.budget_min <= q <= task.budget_max:
            where = inside
        elif q < task.budget_min:
            where = below
        else:
            over = (q - task.budget_max) / task.budget_max if task.budget_max else float("inf")
            where = f"is {over:.1%} over your {high} maximum, within the {tolerance}"
        sentences.append(f"quote {format_money(q, task.currency)}{converted} {where}")
    return sentences


def _skills(scored: Scored, rows: NDArray[np.int64], offers: list[Offer]) -> list[str]:
    if not scored.wanted_skills:
        return ["you listed no skills, so skills do not count"] * len(rows)
    wanted = list(dict.fromkeys(scored.task.skills))
    terms = [normalise_term(s) for s in wanted]
    # Whether each explained offer has each wanted term, from its own skills: for 20
    # offers plain sets cost less than searching the postings with NumPy.
    skills_of = [{normalise_term(s) for s in offer.skills} for offer in offers]
    has = {term: [term in own for own in skills_of] for term in dict.fromkeys(terms)}
    n = len(scored.wanted_skills)
    of = f"of the {n} {'skill' if n == 1 else 'skills'} you want"
    # The words after the count depend only on which wanted skills the offer has: a few
    # patterns among the explained offers, each written once.
    tails: dict[tuple[bool, ...], str] = {}
    sentences = []
    for j, hits in enumerate(scored.skill_hits[rows].tolist()):
        pattern = tuple(has[term][j] for term in terms)
        tail = tails.get(pattern)
        if tail is None:
            have = [s for s, held in zip(wanted, pattern, strict=True) if held]
            missing = [s for s, held in zip(wanted, pattern, strict=True) if not held]
            tail = f" ({', '.join(have)})" if have else ""
            if missing:
                tail += f"; missing {', '.join(missing)}"
            tails[pattern] = tail
        sentences.append(f"has {hits} {of}{tail}")
    return sentences


def _timezone(scored: Scored, rows: NDArray[np.int64], offers: list[Offer]) -> list[str]:
    if scored.task.coverage is None:
        return ["you set no coverage hours, so time zones do not count"] * len(rows)
    need = scored.coverage_minutes / 60
    none = f"has published no working hours, so none of your {need:,.1f} hours a week is covered"
    sentences = []
    for minutes, offer in zip(scored.overlap_minutes[rows].tolist(), offers, strict=True):
        if not offer.working_hours:
            sentences.append(none)
            continue
        got = minutes / 60
        sentences.append(
            f"works {got:,.1f} of the {need:,.1f} hours a week you need covered "
            f"({got / need if need else 0:.0%}), on its {offer.timezone} hours"
        )
    return sentences


def _reputation(scored: Scored, rows: NDArray[np.int64], offers: list[Offer]) -> list[str]:
    config = scored.config
    prior_mean, prior_weight = config.reputation_prior_mean, config.reputation_prior_weight
    unrated = (
        f"no ratings yet, so it counts as {prior_mean:.2f} of 5, the marketplace's starting point"
    )
    starts = (
        "because a few ratings say less than many, so every vendor starts "
        f"from {prior_mean:.2f} and its own ratings pull it from there"
    )
    sentences = []
    for offer in offers:
        if offer.rating_count == 0:
            sentences.append(unrated)
            continue
        mean = offer.rating_sum / offer.rating_count
        smoothed = (prior_weight * prior_mean + offer.rating_sum) / (
            prior_weight + offer.rating_count
        )
        sentences.append(
            f"rated {mean:.2f} of 5 from {_plural(offer.rating_count, 'rating')}; we count it "
            f"as {smoothed:.2f}, {starts}"
        )
    return sentences


_DETAIL: dict[str, Details] = {
    "task_type": _task_type,
    "volume": _volume,
    "budget": _budget,
    "skills": _skills,
    "timezone": _timezone,
    "reputation": _reputation,
}


def factors_of(
    scored: Scored, positions: Sequence[int] | NDArray[np.int64]
) -> list[tuple[FactorScore, ...]]:
    """The explained factors of each offer at ``positions``, in order: one gather per
    column for all of them."""
    rows = np.asarray(positions, dtype=np.int64)
    listed = rows.tolist()
    offers = [scored.offers.offers[i] for i in listed]
    # Where the rows sit in the scored columns (which may cover the eligible offers only).
    at = rows if scored.rows is None else np.searchsorted(scored.rows, rows)
    per_factor = []
    for name, detail in _DETAIL.items():
        weight = scored.applied[name]
        context = _offer_only(scored, name, weight)
        said = scored.offers.said if context is not None else {}
        explained: list[FactorScore | None] = [said.get((context, i)) for i in listed]
        new = [j for j, found in enumerate(explained) if found is None]
        if new:
            # Python's round on a few values costs less than any vectorised rounding
            # exact enough to equal it: NumPy's call overhead dominates at this size.
            values = scored.columns[name][at[new] if len(new) < len(listed) else at].tolist()
            details = detail(scored, rows[new], [offers[j] for j in new])
            for j, value, sentence in zip(new, values, details, strict=True):
                explained[j] = factor = FactorScore(name, round(value, 4), weight, sentence)
                if context is not None and len(said) < SAID_KEPT:
                    said[(context, listed[j])] = factor
        per_factor.append(explained)
    return list(zip(*per_factor, strict=True)) if listed else []


def _offer_only(scored: Scored, name: str, weight: float) -> tuple[object, ...] | None:
    """What an offer's explained ``name`` factor depends on besides the offer, for the
    factors that read nothing else of the task (None for the others): such a factor is
    kept per offer (``OfferSet.said``) and explained once until the offers change."""
    if name == "task_type":
        return (name, weight, scored.task.task_type)
    if name == "reputation":
        config = scored.config
        return (name, weight, config.reputation_prior_mean, config.reputation_prior_weight)
    return None


def factors_for(scored: Scored, i: int) -> tuple[FactorScore, ...]:
    """The explained factors of the offer at position ``i``."""
    return factors_of(scored, [i])[0]
