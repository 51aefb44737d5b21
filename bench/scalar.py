"""The per-offer way to score: a Python loop over offers, as code without an index does.

Formulas are matching's (docs/matching.md), written for one offer at a time, so the
benchmark compares ways of computing the same numbers, not different numbers.
"""

import math
from datetime import UTC, datetime, timedelta

from matching import MatchConfig, Offer, PricingModel, TaskSpec
from matching.currency import conversion_factors
from matching.offers import normalise_term
from matching.schedule import coverage_intervals, window_intervals, zone


def quote(offer: Offer, task: TaskSpec, rates: dict[str, float]) -> int | None:
    p = offer.pricing
    if p.model is PricingModel.per_unit:
        native = p.amount * task.volume
    elif p.model is PricingModel.hourly:
        native = math.floor(p.amount * task.volume / (p.units_per_hour or 1) + 0.5)
    else:
        native = p.amount
    native = max(native, p.minimum_monthly)
    if p.currency == task.currency:
        return native
    factor = float(conversion_factors([p.currency], task.currency, rates)[0])
    return None if math.isnan(factor) else math.floor(native * factor + 0.5)


def score(
    offer: Offer, task: TaskSpec, config: MatchConfig, at: datetime
) -> tuple[float, int] | None:
    """(score, quote), or None when a hard constraint drops the offer."""
    q = quote(offer, task, config.exchange_rates)
    available = offer.capacity - offer.reserved
    bp = round(config.budget_tolerance * 10_000)
    if q is None or available < task.volume or task.volume < offer.min_volume:
        return None
    if q > task.budget_max * (10_000 + bp) // 10_000:
        return None
    if task.languages and not set(task.languages) & set(offer.languages):
        return None
    have = {normalise_term(c) for c in offer.certifications}
    if not {normalise_term(c) for c in task.required_certifications} <= have:
        return None
    w = config.default_weights.merged(task.weights).as_dict()
    f = {
        "task_type": 0.5 * (1 - math.exp(-offer.experience_years / 4))
        + 0.3 * (1 - math.exp(-offer.completed_count / 10))
        + 0.2 / max(offer.types_offered, 1),
        "volume": min(1.0, max(0.0, 1.5 - task.volume / available)),
        "reputation": min(
            1.0,
            max(
                0.0,
                (
                    (
                        config.reputation_prior_weight * config.reputation_prior_mean
                        + offer.rating_sum
                    )
                    / (config.reputation_prior_weight + offer.rating_count)
                    - 1
                )
                / 4,
            ),
        ),
    }
    low, high = task.budget_min, task.budget_max
    if q <= low:
        f["budget"] = 1.0
    elif q <= high:
        f["budget"] = 1 - 0.2 * (q - low) / (high - low)
    else:
        f["budget"] = max(0.0, 0.8 * (1 - (q - high) / (high * config.budget_tolerance)))
    wanted = list(dict.fromkeys(normalise_term(s) for s in task.skills))
    if wanted:
        offered = {normalise_term(s) for s in offer.skills}
        f["skills"] = sum(s in offered for s in wanted) / len(wanted)
    else:
        w["skills"] = 0.0
    if task.coverage is not None:
        first = at.astimezone(zone(task.coverage.timezone)).date()
        need = coverage_intervals(task.coverage.window, task.coverage.timezone, first)
        around = at.astimezone(UTC).date() - timedelta(days=4)
        works = window_intervals(offer.working_hours, offer.timezone, around, 15)
        total = sum(e - s for s, e in need)
        got = sum(max(0, min(e, b) - max(s, a)) for s, e in works for a, b in need)
        f["timezone"] = got / total if total else 0.0
    else:
        w["timezone"] = 0.0
    total_weight = sum(w.values())
    combined = sum(w[name] * f.get(name, 0.0) for name in w) / total_weight if total_weight else 0.0
    return round(combined, 6), q


def top(offers: list[Offer], task: TaskSpec, config: MatchConfig, at: datetime, k: int):
    scored = []
    for offer in offers:
        result = score(offer, task, config, at)
        if result is not None:
            scored.append((-result[0], result[1], offer.vendor_id, offer.service_id, result[0]))
    scored.sort()
    return [(sid, s, q) for _, q, _, sid, s in scored[:k]]
