"""A plain-Python reference scorer, written from the documented formulas alone.

One offer at a time, no NumPy and nothing from matching/ beyond its dataclasses. Money is
exact (``Fraction``), rounded half up. Time-zone overlap is decided by the wall clock:
a UTC moment is covered when its local time in the task's zone falls inside a coverage
window started on one of the seven local days, and worked when its local time in the
vendor's zone falls inside a working window. The clock is sampled every ``STEP`` minutes,
which is exact while every window edge is on the hour and every zone offset is a multiple
of half an hour (true of everything the property tests generate).
"""

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

from matching.types import MatchConfig, Offer, PricingModel, TaskSpec, Window

REASONS = (
    "currency",
    "capacity",
    "min_volume",
    "budget",
    "language",
    "certification",
    "timezone",
    "targeting",
)
# The documented defaults, written out here rather than read from MatchConfig, so that a
# changed production default disagrees with the reference instead of passing through it.
DEFAULT_WEIGHTS = {
    "task_type": 1.0,
    "volume": 1.0,
    "budget": 2.0,
    "skills": 1.5,
    "timezone": 1.0,
    "reputation": 1.5,
}
MINOR_DIGITS = {"JPY": 0, "KRW": 0, "KWD": 3, "BHD": 3}  # every other code used here: 2
STEP = 30


@dataclass(frozen=True)
class Outcome:
    offer: Offer
    quote: int | None
    reason: str | None
    factors: dict[str, float]
    raw: float
    score: float


@dataclass(frozen=True)
class Result:
    ranked: list[Outcome]  # the kept offers, best first
    excluded: dict[str, int]
    weights: dict[str, float]  # the weights applied
    outcomes: dict[str, Outcome]  # by service id, kept or not


def half_up(x: Fraction) -> int:
    return math.floor(x + Fraction(1, 2))


def native_quote(offer: Offer, volume: int) -> int:
    p = offer.pricing
    if p.model == PricingModel.per_unit:
        q = p.amount * volume
    elif p.model == PricingModel.hourly:
        assert p.units_per_hour
        q = half_up(Fraction(p.amount * volume) / Fraction(p.units_per_hour))
    else:
        q = p.amount
    return max(q, p.minimum_monthly)


def convert(amount: int, source: str, target: str, rates: dict[str, float]) -> int | None:
    if source == target:
        return amount
    if rates.get(source, 0) <= 0 or rates.get(target, 0) <= 0:
        return None
    digits = MINOR_DIGITS.get(target, 2) - MINOR_DIGITS.get(source, 2)
    major_value = Fraction(amount) * Fraction(rates[source]) / Fraction(rates[target])
    return half_up(major_value * Fraction(10) ** digits)


def norm(term: str) -> str:
    return "".join(term.split()).lower()


def _in_window(window: Window, weekday: int, minute: int) -> bool:
    """Is local (weekday, minute) inside ``window`` (started that day or the day before)?"""
    if window.end > window.start:
        return weekday in window.days and window.start <= minute < window.end
    started_today = weekday in window.days and minute >= window.start
    started_yesterday = (weekday - 1) % 7 in window.days and minute < window.end
    return started_today or started_yesterday


def _local(moment: datetime, zone: str) -> tuple[date, int]:
    local = moment.astimezone(ZoneInfo(zone))
    return local.date(), local.hour * 60 + local.minute


def coverage_moments(task: TaskSpec, at: datetime) -> list[datetime]:
    """The sampled UTC moments the task wants covered."""
    assert task.coverage is not None
    zone, window = task.coverage.timezone, task.coverage.window
    first = at.astimezone(ZoneInfo(zone)).date()
    days = {first + timedelta(days=i) for i in range(7)}
    start = datetime.combine(first - timedelta(days=2), datetime.min.time(), tzinfo=UTC)
    wanted = []
    for i in range(12 * 24 * 60 // STEP):
        moment = start + timedelta(minutes=i * STEP)
        day, minute = _local(moment, zone)
        weekday = day.weekday()
        if window.end > window.start:
            hit = day in days and weekday in window.days and window.start <= minute < window.end
        else:
            yesterday = day - timedelta(days=1)
            hit = (day in days and weekday in window.days and minute >= window.start) or (
                yesterday in days and yesterday.weekday() in window.days and minute < window.end
            )
        if hit:
            wanted.append(moment)
    return wanted


def works(offer: Offer, moment: datetime) -> bool:
    day, minute = _local(moment, offer.timezone)
    return any(_in_window(w, day.weekday(), minute) for w in offer.working_hours)


def reference_rank(
    task: TaskSpec,
    offers: list[Offer],
    *,
    weights: dict[str, float] | None = None,
    config: MatchConfig | None = None,
    at: datetime | None = None,
    min_score: float = 0.0,
) -> Result:
    """``config.default_weights`` is ignored: the reference weighs from DEFAULT_WEIGHTS."""
    config = config or MatchConfig()
    used = {**DEFAULT_WEIGHTS, **(task.weights or {}), **(weights or {})}
    wanted_skills = {norm(s) for s in task.skills}
    required = {norm(c) for c in task.required_certifications}
    applied = dict(used)
    if not wanted_skills:
        applied["skills"] = 0.0
    if task.coverage is None:
        applied["timezone"] = 0.0
    total_weight = sum(applied.values())

    wanted_moments = coverage_moments(task, at or datetime.now(UTC)) if task.coverage else []
    bp = round(config.budget_tolerance * 10_000)
    outcomes = {}
    worked_by_schedule: dict[tuple[str, tuple[Window, ...]], int] = {}
    for o in offers:
        native = native_quote(o, task.volume)
        quote = convert(native, o.pricing.currency, task.currency, config.exchange_rates)
        available = o.capacity - o.reserved
        share = 1.0
        if task.coverage is not None:
            key = (o.timezone, o.working_hours)
            if key not in worked_by_schedule:
                worked_by_schedule[key] = sum(1 for m in wanted_moments if works(o, m))
            worked = worked_by_schedule[key]
            share = worked / len(wanted_moments) if wanted_moments else 0.0
        failed = [
            quote is None,
            available < task.volume,
            task.volume < o.min_volume,
            quote is not None and quote * 10_000 > task.budget_max * (10_000 + bp),
            bool(task.languages) and not set(task.languages) & set(o.languages),
            not required <= {norm(c) for c in o.certifications},
            task.coverage is not None
            and task.coverage.min_overlap is not None
            and share < task.coverage.min_overlap,
            not serves(o, task, config),
        ]
        reason = next((r for r, f in zip(REASONS, failed, strict=True) if f), None)
        factors = {}
        if reason is None:
            assert quote is not None
            factors = {
                "task_type": task_type_factor(o),
                "volume": min(1.0, 1.5 - task.volume / available) if available > 0 else 0.0,
                "budget": budget_factor(
                    quote, task.budget_min, task.budget_max, config.budget_tolerance
                ),
                "skills": (
                    len(wanted_skills & {norm(s) for s in o.skills}) / len(wanted_skills)
                    if wanted_skills
                    else 1.0
                ),
                "timezone": share,
                "reputation": reputation_factor(
                    o.rating_sum,
                    o.rating_count,
                    config.reputation_prior_mean,
                    config.reputation_prior_weight,
                ),
            }
        raw = (
            sum(applied[name] * f for name, f in factors.items()) / total_weight
            if factors and total_weight > 0
            else 0.0
        )
        outcomes[o.service_id] = Outcome(o, quote, reason, factors, raw, round(raw, 6))

    kept = [x for x in outcomes.values() if x.reason is None and x.score >= min_score]
    kept.sort(key=lambda x: (-x.score, x.quote, x.offer.vendor_id, x.offer.service_id))
    excluded = {r: sum(1 for x in outcomes.values() if x.reason == r) for r in REASONS}
    return Result(kept, excluded, applied, outcomes)


def serves(o: Offer, task: TaskSpec, config: MatchConfig) -> bool:
    """The offer's targeting admits the task: its business's country (when known) and its
    budget max against the minimum budget, converted as a quote is."""
    if task.country is not None and o.target_countries and task.country not in o.target_countries:
        return False
    if o.min_budget is None or o.min_budget_currency is None:
        return True
    floor = convert(o.min_budget, o.min_budget_currency, task.currency, config.exchange_rates)
    return floor is not None and task.budget_max >= floor


def task_type_factor(o: Offer) -> float:
    experience = 1 - math.exp(-o.experience_years / 4)
    track = 1 - math.exp(-o.completed_count / 10)
    return 0.5 * experience + 0.3 * track + 0.2 / max(o.types_offered, 1)


def budget_factor(quote: int, low: int, high: int, tolerance: float) -> float:
    if quote <= low:
        return 1.0
    if quote <= high:
        return 1 - 0.2 * (quote - low) / (high - low)
    if high * tolerance <= 0:
        return 0.0
    return max(0.0, 0.8 * (1 - (quote - high) / (high * tolerance)))


def reputation_factor(total: float, count: int, prior_mean: float, prior_weight: float) -> float:
    smoothed = (prior_weight * prior_mean + total) / (prior_weight + count)
    return min(1.0, max(0.0, (smoothed - 1) / 4))
