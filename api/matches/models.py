"""Match requests and results."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from api.fields import Strict, WholeNumber
from api.tasks.models import TaskTerms, Weights

MAX_MATCHES = 100


class MatchRequest(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "task": {
                        "task_type": "bookkeeping",
                        "volume": 400,
                        "budget": {"currency": "USD", "min": 30000, "max": 50000},
                        "skills": ["quickbooks"],
                        "languages": ["en"],
                    },
                    "weights": {"budget": 3},
                    "limit": 5,
                }
            ]
        }
    )

    task: TaskTerms = Field(description="The work to match, described inline; nothing is stored.")
    weights: Weights | None = None
    limit: Annotated[
        int,
        Field(ge=1, le=MAX_MATCHES, strict=True, description="How many matches, 1-100."),
        WholeNumber,
    ] = 20
    min_score: float = Field(
        default=0.0,
        ge=0,
        le=1,
        allow_inf_nan=False,
        strict=True,
        description="Leave out weaker matches.",
    )


class MatchQuote(BaseModel):
    amount: int = Field(description="Minor units per month, in the task's currency.")
    currency: str


class FactorPublic(BaseModel):
    name: str = Field(description="task_type, volume, budget, skills, timezone or reputation.")
    score: float = Field(description="This factor's score, 0 to 1.")
    weight: float = Field(description="Its weight in this match (0 when it does not apply).")
    detail: str = Field(description="Why, in a sentence with the numbers that matter.")
    counted: bool = Field(
        description="Whether this factor counts toward `score`: false when its weight is 0, "
        "so its score is shown for information only."
    )


class MatchPublic(BaseModel):
    rank: int
    vendor_id: str
    vendor_name: str
    vendor_country: str | None = Field(
        description="The vendor's country, ISO 3166-1 alpha-2 (null if it was just deleted)."
    )
    vendor_rating: float | None = Field(
        description="Mean of the vendor's ratings that count, 1-5; null before the first."
    )
    vendor_rating_count: int = Field(description="How many ratings count toward it.")
    service_id: str
    score: float = Field(description="sum(weight x factor score) / sum(weight), 0 to 1.")
    quote: MatchQuote
    factors: list[FactorPublic]


class MatchList(BaseModel):
    """Ranked matches, with what was left out and why."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "data": [
                        {
                            "rank": 1,
                            "vendor_id": "ven_01jdz3k4m5n6p7q8r9s0t1v2w3",
                            "vendor_name": "Ledgerly Bookkeeping",
                            "vendor_country": "PH",
                            "vendor_rating": 4.8,
                            "vendor_rating_count": 52,
                            "service_id": "svc_01jdz3k4m5n6p7q8r9s0t1v2w3",
                            "score": 0.861,
                            "quote": {"amount": 42000, "currency": "USD"},
                            "factors": [
                                {
                                    "name": "budget",
                                    "score": 0.848,
                                    "weight": 2.0,
                                    "detail": "quote 420.00 USD is inside your 300.00-500.00 "
                                    "USD budget",
                                    "counted": True,
                                }
                            ],
                        }
                    ],
                    "excluded": {"capacity": 3, "budget": 12, "language": 1},
                    "weights": {
                        "task_type": 1.0,
                        "volume": 1.0,
                        "budget": 2.0,
                        "skills": 1.5,
                        "timezone": 1.0,
                        "reputation": 1.5,
                    },
                    "candidates": 40,
                    "eligible": 24,
                    "scoring_version": "2026-11-25.1",
                    "hints": [],
                    "next_cursor": None,
                }
            ]
        }
    )

    data: list[MatchPublic]
    excluded: dict[str, int] = Field(description="Offers dropped, counted under one reason each.")
    weights: dict[str, float] = Field(description="The weights used, after every override.")
    candidates: int = Field(description="Active services of the task's type considered.")
    eligible: int = Field(description="Candidates that passed every hard constraint.")
    scoring_version: str = Field(description="Changes whenever a formula changes.")
    hints: list[str] = Field(
        default_factory=list,
        description="When `data` is empty: what would bring matches, in sentences an owner "
        "can act on, nearest miss first (e.g. the cheapest quote excluded for budget against "
        "the budget's maximum). Empty when there are matches.",
    )
    next_cursor: None = Field(default=None, description="Always null: raise `limit` for more.")


class ChangePublic(BaseModel):
    target: str = Field(description="`service` or `vendor`: whose profile the change is on.")
    field: str = Field(
        description="The field, dotted into objects: `capacity`, `min_volume`, "
        "`pricing.amount`, `pricing.minimum_monthly`, `pricing.currency`, `languages`, "
        "`certifications`, `working_hours`, `targeting.countries`, "
        "`targeting.min_budget`, `targeting.min_budget.amount`, `active`."
    )
    op: str = Field(
        description="`set`: make the field `value`; `add`: add `value` to the list; "
        "`extend`: work `value` more minutes a week inside the task's coverage window."
    )
    value: int | str | bool | None


class BlockerPublic(BaseModel):
    reason: str = Field(
        description="A reason of `excluded` (currency, capacity, min_volume, budget, "
        "language, certification, timezone, targeting), or `task_type` (the service offers "
        "another type) or `inactive`."
    )
    detail: str = Field(description="Why, with the numbers.")
    fix: str = Field(description="The smallest change that clears it, in a sentence.")
    changes: list[ChangePublic] = Field(
        description="The same change as edits; making them all clears this blocker, and "
        "one minor unit (or unit, or minute) less does not."
    )


class StandingPublic(BaseModel):
    """How one service fares on one task, whether or not it made the list."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "task_id": "tsk_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    "service_id": "svc_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    "vendor_id": "ven_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    "eligible": False,
                    "rank": None,
                    "eligible_offers": 24,
                    "score": 0.71,
                    "quote": {"amount": 60000, "currency": "USD"},
                    "factors": [
                        {
                            "name": "budget",
                            "score": 0.0,
                            "weight": 2.0,
                            "detail": "quote 600.00 USD is 20.0% over your 500.00 USD maximum",
                        }
                    ],
                    "blockers": [
                        {
                            "reason": "budget",
                            "detail": "the quote 600.00 USD is over the 500.00 USD budget "
                            "maximum even with the 10% tolerance (at most 550.00 USD)",
                            "fix": "lower the price to at most 1.37 USD per transaction, 9% less",
                            "changes": [
                                {
                                    "target": "service",
                                    "field": "pricing.amount",
                                    "op": "set",
                                    "value": 137,
                                }
                            ],
                        }
                    ],
                    "scoring_version": "2026-11-25.1",
                }
            ]
        }
    )

    task_id: str
    service_id: str
    vendor_id: str
    eligible: bool = Field(description="Whether it passes every hard constraint.")
    rank: int | None = Field(
        description="Its place among all eligible offers, as the full ranking orders them; "
        "null unless eligible."
    )
    eligible_offers: int = Field(description="How many offers are eligible for the task.")
    score: float = Field(description="What it scores as it stands, eligible or not.")
    quote: MatchQuote
    factors: list[FactorPublic]
    blockers: list[BlockerPublic] = Field(
        description="Every hard constraint it fails, not only the first; empty if eligible."
    )
    scoring_version: str
