"""Tiny builders: an offer or a task with sensible defaults, overridden by keyword."""

from datetime import UTC, datetime
from typing import Any

from matching import (
    MatchConfig,
    Offer,
    OfferSet,
    Pricing,
    PricingModel,
    Ranking,
    TaskSpec,
    rank,
    score_all,
)
from matching.scored import Scored

EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)
WEEKDAYS = (0, 1, 2, 3, 4)
MONDAY = datetime(2026, 1, 5, 12, tzinfo=UTC)  # a plain winter Monday, no DST change near


def hours(h: float) -> int:
    """Minutes after midnight: hours(9.5) == 570."""
    return round(h * 60)


def per_unit(amount: int, currency: str = "USD", minimum: int = 0) -> Pricing:
    return Pricing(PricingModel.per_unit, currency, amount, minimum_monthly=minimum)


def hourly(amount: int, units_per_hour: float, currency: str = "USD", minimum: int = 0) -> Pricing:
    return Pricing(PricingModel.hourly, currency, amount, units_per_hour, minimum)


def monthly(amount: int, currency: str = "USD", minimum: int = 0) -> Pricing:
    return Pricing(PricingModel.monthly, currency, amount, minimum_monthly=minimum)


def offer(service_id: str = "s1", **overrides: Any) -> Offer:
    """1.00 USD per unit, room for 1,000 units, vendor ``v-<service_id>``."""
    defaults: dict[str, Any] = {
        "service_id": service_id,
        "vendor_id": f"v-{service_id}",
        "vendor_name": f"Vendor {service_id}",
        "task_type": "bookkeeping",
        "capacity": 1000,
        "reserved": 0,
        "min_volume": 0,
        "pricing": per_unit(100),
    }
    return Offer(**{**defaults, **overrides})


def task(**overrides: Any) -> TaskSpec:
    """100 units for 100.00-200.00 USD a month: the default offer quotes 100.00 USD."""
    defaults: dict[str, Any] = {
        "task_type": "bookkeeping",
        "volume": 100,
        "currency": "USD",
        "budget_min": 10_000,
        "budget_max": 20_000,
    }
    return TaskSpec(**{**defaults, **overrides})


def ranked(the_task: TaskSpec, *offers: Offer, **options: Any) -> Ranking:
    options.setdefault("at", MONDAY)
    options.setdefault("limit", 1000)
    return rank(the_task, OfferSet(offers), **options)


def scored(the_task: TaskSpec, *offers: Offer, **options: Any) -> Scored:
    options.setdefault("at", MONDAY)
    return score_all(the_task, OfferSet(offers), **options)


def rates(**values: float) -> MatchConfig:
    return MatchConfig(exchange_rates=values)


def factor(ranking: Ranking, name: str, position: int = 0) -> tuple[float, float, str]:
    """(score, weight, detail) of one factor of the match at ``position``."""
    found = {f.name: f for f in ranking.matches[position].factors}[name]
    return found.score, found.weight, found.detail
