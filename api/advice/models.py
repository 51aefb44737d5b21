"""The advisor's requests and answers: market prices, advice per task, and a plan's totals."""

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from api.businesses.models import HourlyValue
from api.fields import Name, Strict
from api.matches.models import MatchPublic
from api.tasks.models import Budget, Core, Hours, TaskTerms
from matching.advice import Recommendation

MAX_ADVICE_TASKS = 50


class Money(BaseModel):
    amount: int = Field(description="Minor units, e.g. cents.")
    currency: str = Field(description="ISO 4217 code.")


class MarketQuote(BaseModel):
    """Percentiles of the market's monthly quotes: NumPy's default linear interpolation over
    the integer quotes, rounded half to even to a minor unit."""

    p10: Money
    p25: Money
    p50: Money = Field(description="The median: what the advisor compares your time with.")
    p75: Money
    p90: Money


_MARKET_EXAMPLE: dict[str, Any] = {
    "task_type": "bookkeeping",
    "volume": 400,
    "currency": "USD",
    "vendors": 14,
    "quote": {
        "p10": {"amount": 18000, "currency": "USD"},
        "p25": {"amount": 24000, "currency": "USD"},
        "p50": {"amount": 30000, "currency": "USD"},
        "p75": {"amount": 42000, "currency": "USD"},
        "p90": {"amount": 61000, "currency": "USD"},
    },
    "per_unit": "75.0000",
}


class MarketPublic(BaseModel):
    """What the market charges a month for these terms: every active offer that passes the
    hard constraints except `budget` (capacity, min_volume, language, certification, currency,
    time zone), its quote converted to `currency`."""

    model_config = ConfigDict(json_schema_extra={"examples": [_MARKET_EXAMPLE]})

    task_type: str
    volume: int = Field(description="Units per month the quotes are for.")
    currency: str = Field(description="The currency every quote is converted to.")
    vendors: int = Field(description="How many offers are in the market.")
    quote: MarketQuote | None = Field(description="Null when no offer is in the market.")
    per_unit: str | None = Field(
        description="The median quote per unit of volume, in minor units to four decimals, "
        'as a decimal string: "75.0000" is 0.75 USD a unit. Null when no offer is in the market.'
    )


class AdviceTask(TaskTerms):
    """A task described inline: terms as `POST /v1/matches` takes them, budget optional."""

    budget: Budget | None = Field(  # type: ignore[assignment]
        default=None,
        description="Optional: without one, price does not count toward `best_match`. The "
        "task's currency is the budget's, or else the hourly value's.",
    )
    title: Name | None = Field(default=None, description="Default: the task type's name.")
    hours_spent_per_month: Hours | None = Field(
        default=None, description="Hours the owner spends on this today, per month."
    )
    core: Core = False


class AdviceRequest(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "hourly_value": {"amount": 6000, "currency": "USD"},
                    "tasks": [
                        {
                            "task_type": "bookkeeping",
                            "volume": 400,
                            "hours_spent_per_month": 12,
                            "languages": ["en"],
                        },
                        {
                            "task_type": "social_media",
                            "volume": 12,
                            "budget": {"currency": "USD", "min": 20000, "max": 60000},
                            "hours_spent_per_month": 10,
                            "core": True,
                        },
                    ],
                }
            ]
        },
    )

    hourly_value: HourlyValue = Field(
        description="What an hour of the owner's time is worth. Totals are in its currency, "
        "and so is the market of a task without a budget."
    )
    tasks: Annotated[
        list[AdviceTask],
        Field(min_length=1, max_length=MAX_ADVICE_TASKS, description="1 to 50 tasks."),
    ]


class AdvicePublic(BaseModel):
    task_id: str | None = Field(description="The task profile; null for an inline task.")
    task_type: str
    title: str
    recommendation: Recommendation = Field(
        description="The first that applies wins, in this order: `keep_core` (a core task), "
        "`needs_input` (no hours or no hourly value), `too_few_vendors` (fewer than 3 offers "
        "in the market), then `outsource` (gain > 0) or `costs_more` (gain <= 0)."
    )
    priority: int | None = Field(
        description="1 for the `outsource` item with the biggest gain, 2 for the next...; "
        "null for every other recommendation."
    )
    hours_freed: float | None = Field(
        description="Hours a month the owner gets back: hours spent x (1 - oversight share), "
        "two decimals; null without hours."
    )
    time_value: Money | None = Field(
        description="hours_freed x hourly value a month, in the task's currency."
    )
    market: MarketPublic
    net_monthly_gain: Money | None = Field(
        description="time_value - the market's median quote; null if either is missing."
    )
    onboarding_cost: Money | None = Field(
        description="The task type's onboarding_hours x hourly value, once, in the task's "
        "currency; null without an hourly value."
    )
    payback_months: str | None = Field(
        description="onboarding_cost / net_monthly_gain, two decimals, rounded half up, as a "
        "decimal string; null unless the recommendation is `outsource`."
    )
    best_match: MatchPublic | None = Field(
        description="The top ranked match, as `GET /v1/tasks/{task_id}/matches` gives it; "
        "null when no vendor passes every hard constraint."
    )
    reasons: list[str] = Field(description="Why, in sentences an owner understands.")


class AdviceTotals(BaseModel):
    hours_freed: float = Field(description="Over the `outsource` items only.")
    net_monthly_gain: Money = Field(
        description="Over the `outsource` items only, each converted: into the business's "
        "currency for a business, the hourly value's for an inline request."
    )


class AdviceList(BaseModel):
    """Advice for each task: the `outsource` items first, biggest gain first, then the rest."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "data": [
                        {
                            "task_id": "tsk_01jdz3k4m5n6p7q8r9s0t1v2w3",
                            "task_type": "bookkeeping",
                            "title": "Monthly bookkeeping for the bakery",
                            "recommendation": "outsource",
                            "priority": 1,
                            "hours_freed": 10.8,
                            "time_value": {"amount": 64800, "currency": "USD"},
                            "market": _MARKET_EXAMPLE,
                            "net_monthly_gain": {"amount": 34800, "currency": "USD"},
                            "onboarding_cost": {"amount": 36000, "currency": "USD"},
                            "payback_months": "1.03",
                            "best_match": None,
                            "reasons": [
                                "You spend 12 h a month on this; at 60.00 USD an hour that is "
                                "648.00 USD of your time after 10% oversight; vendors charge "
                                "300.00 USD (median of 14), so you gain 348.00 USD a month.",
                                "The 6 hours it takes to hand over pay for themselves in 1.03 "
                                "months.",
                            ],
                        }
                    ],
                    "totals": {
                        "hours_freed": 10.8,
                        "net_monthly_gain": {"amount": 34800, "currency": "USD"},
                    },
                }
            ]
        }
    )

    data: list[AdvicePublic]
    totals: AdviceTotals
