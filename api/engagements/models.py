"""Engagements: the hand-off from a match to work, and its history."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import BigInteger, CheckConstraint, Index, text
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from api.columns import created_at, optional_timestamp, updated_at
from api.db import UTCDateTime
from api.errors import Problem
from api.fields import Description, Strict, WholeNumber
from api.problems.catalogue import PROBLEM_BASE
from matching import Reason


class EngagementStatus(StrEnum):
    proposed = "proposed"
    active = "active"
    declined = "declined"
    cancelled = "cancelled"
    expired = "expired"
    completed = "completed"


LIVE = (EngagementStatus.proposed.value, EngagementStatus.active.value)
_LIVE_SQL = "status IN ('proposed', 'active')"


class Engagement(SQLModel, table=True):
    __tablename__ = "engagements"
    __table_args__ = (
        # A task holds at most one live engagement, whatever races to create a second.
        Index(
            "uq_engagements_live_task",
            "task_id",
            unique=True,
            sqlite_where=text(_LIVE_SQL),
            postgresql_where=text(_LIVE_SQL),
        ),
        Index("ix_engagements_status_expires_at", "status", "expires_at"),
        CheckConstraint("volume > 0", name="volume_positive"),
        CheckConstraint("rating IS NULL OR (rating >= 1 AND rating <= 5)", name="rating_range"),
    )

    id: str = SQLField(primary_key=True, max_length=40)
    # History outlives the profiles: ids stay as plain values when a profile is deleted.
    task_id: str | None = SQLField(
        default=None, foreign_key="tasks.id", ondelete="SET NULL", index=True, max_length=40
    )
    business_id: str | None = SQLField(
        default=None, foreign_key="businesses.id", ondelete="SET NULL", index=True, max_length=40
    )
    service_id: str | None = SQLField(
        default=None, foreign_key="services.id", ondelete="SET NULL", index=True, max_length=40
    )
    vendor_id: str | None = SQLField(
        default=None, foreign_key="vendors.id", ondelete="SET NULL", index=True, max_length=40
    )
    task_type: str = SQLField(max_length=64)
    volume: int
    quote_amount: int = SQLField(sa_type=BigInteger)
    quote_currency: str = SQLField(max_length=3)
    status: str = SQLField(default=EngagementStatus.proposed.value, max_length=16)
    expires_at: datetime = SQLField(sa_type=UTCDateTime)
    accepted_at: datetime | None = optional_timestamp()
    ended_at: datetime | None = optional_timestamp()
    rating: int | None = None
    review: str | None = SQLField(default=None, max_length=5000)
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class EngagementCreate(Strict):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"service_id": "svc_01jdz3k4m5n6p7q8r9s0t1v2w3"}]}
    )

    service_id: str = Field(max_length=40, description="The matched service to engage.")


class EngagementCompletion(Strict):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"rating": 5, "review": "Books closed on time."}]}
    )

    rating: Annotated[
        int, Field(ge=1, le=5, strict=True, description="1 (poor) to 5 (excellent)."), WholeNumber
    ]
    review: Description | None = None


class EngagementQuote(BaseModel):
    amount: int
    currency: str


class EngagementPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "eng_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    "task_id": "tsk_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    "business_id": "biz_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    "service_id": "svc_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    "vendor_id": "ven_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    "task_type": "bookkeeping",
                    "volume": 400,
                    "quote": {"amount": 42000, "currency": "USD"},
                    "status": "proposed",
                    "expires_at": "2026-11-28T17:00:00Z",
                    "accepted_at": None,
                    "ended_at": None,
                    "rating": None,
                    "review": None,
                    "created_at": "2026-11-25T17:00:00Z",
                    "updated_at": "2026-11-25T17:00:00Z",
                }
            ]
        }
    )

    id: str
    task_id: str | None = Field(description="Null once the task profile has been deleted.")
    business_id: str | None
    service_id: str | None
    vendor_id: str | None
    task_type: str
    volume: int = Field(description="Units per month reserved on the service while live.")
    quote: EngagementQuote = Field(description="The monthly quote when it was proposed.")
    status: EngagementStatus
    expires_at: datetime = Field(description="When an unanswered proposal expires.")
    accepted_at: datetime | None
    ended_at: datetime | None
    rating: int | None
    review: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, row: Engagement) -> "EngagementPublic":
        return cls(
            **row.model_dump(exclude={"quote_amount", "quote_currency"}),
            quote=EngagementQuote(amount=row.quote_amount, currency=row.quote_currency),
        )


class Blocker(BaseModel):
    reason: Reason = Field(
        description="The hard constraint the service fails, as matching names it."
    )
    detail: str = Field(description="Why, with the numbers, in a sentence.")


class ProposalRefused(Problem):
    """A proposal refused for the marketplace's rules. `blockers` names every hard constraint
    the service fails for this task (what would not match cannot be proposed);
    `available_at` says when a (task, service) pair that is cooling down may be proposed
    again. Either member appears only for that kind of refusal."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": PROBLEM_BASE + "conflict",
                    "title": "Conflict",
                    "status": 409,
                    "detail": "The service cannot take this task: the quote 900.00 USD is over "
                    "the 500.00 USD budget maximum even with the 10% tolerance (at most "
                    "550.00 USD); the vendor speaks en, none of de.",
                    "blockers": [
                        {
                            "reason": "budget",
                            "detail": "the quote 900.00 USD is over the 500.00 USD budget "
                            "maximum even with the 10% tolerance (at most 550.00 USD)",
                        },
                        {"reason": "language", "detail": "the vendor speaks en, none of de"},
                    ],
                },
                {
                    "type": PROBLEM_BASE + "conflict",
                    "title": "Conflict",
                    "status": 409,
                    "detail": "The vendor declined this task on this service; it can be "
                    "proposed again from 2026-12-25T17:00:00Z.",
                    "available_at": "2026-12-25T17:00:00Z",
                },
            ]
        }
    )

    blockers: list[Blocker] | None = Field(
        default=None, description="Every hard constraint the service fails for this task."
    )
    available_at: datetime | None = Field(
        default=None, description="When this task may be proposed to this service again."
    )
