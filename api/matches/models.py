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
