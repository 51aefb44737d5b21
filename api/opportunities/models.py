"""What a vendor sees of the listed tasks its service could win."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from api.matches.models import MatchQuote
from api.tasks.models import BudgetPublic, Coverage


class ListedTask(BaseModel):
    """A listed task as vendors see it: its terms, the business's country and time zone,
    never who the business is (no name, contact, title or description)."""

    task_type: str
    volume: int
    budget: BudgetPublic
    skills: list[str]
    required_certifications: list[str]
    languages: list[str]
    coverage: Coverage | None
    country: str = Field(description="The business's country (ISO 3166-1 alpha-2).")
    timezone: str = Field(description="The business's time zone (IANA).")


class OpportunityPublic(BaseModel):
    task_id: str
    rank: int = Field(description="The service's place in the task's full ranking.")
    eligible_offers: int = Field(description="How many offers are eligible for the task.")
    score: float
    quote: MatchQuote
    task: ListedTask


class PriceStep(BaseModel):
    discount_percent: int
    more_tasks: int = Field(
        description="How many more listed open tasks the service would be eligible for with "
        "its amount and minimum_monthly this much lower (rounded half up to a minor unit)."
    )


_EXAMPLE: dict[str, Any] = {
    "data": [
        {
            "task_id": "tsk_01jdz3k4m5n6p7q8r9s0t1v2w3",
            "rank": 2,
            "eligible_offers": 14,
            "score": 0.79,
            "quote": {"amount": 36000, "currency": "USD"},
            "task": {
                "task_type": "bookkeeping",
                "volume": 400,
                "budget": {"currency": "USD", "min": 30000, "max": 50000},
                "skills": ["quickbooks"],
                "required_certifications": [],
                "languages": ["en"],
                "coverage": None,
                "country": "US",
                "timezone": "America/New_York",
            },
        }
    ],
    "next_cursor": None,
    "service_id": "svc_01jdz3k4m5n6p7q8r9s0t1v2w3",
    "task_type": "bookkeeping",
    "listed_tasks": 120,
    "eligible": 31,
    "ranked": 31,
    "missed": {
        "currency": 0,
        "capacity": 12,
        "min_volume": 3,
        "budget": 60,
        "language": 9,
        "certification": 4,
        "timezone": 0,
        "targeting": 1,
    },
    "price_sensitivity": [
        {"discount_percent": 5, "more_tasks": 4},
        {"discount_percent": 10, "more_tasks": 11},
        {"discount_percent": 20, "more_tasks": 25},
    ],
    "scoring_version": "2026-11-25.1",
}


class OpportunityList(BaseModel):
    """The listed open tasks a service is eligible for, best rank first, and what it misses."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    data: list[OpportunityPublic]
    next_cursor: None = Field(default=None, description="Always null: raise `limit` for more.")
    service_id: str
    task_type: str
    listed_tasks: int = Field(description="Listed open tasks of the service's type.")
    eligible: int = Field(description="How many of them the service is eligible for.")
    ranked: int = Field(
        description="How many of those were ranked, and so may appear in `data`: all of "
        "them, unless ranking them all against every offer of the type would exceed "
        "`OFFLOAD_OPPORTUNITIES_RANKED_PAIRS` (task, offer) pairs; then the newest."
    )
    missed: dict[str, int] = Field(
        description="Listed open tasks that excluded the service, each counted under its "
        "first reason, as `excluded` counts offers."
    )
    price_sensitivity: list[PriceStep]
    scoring_version: str
