"""Allocations: many tasks placed at once under capacity, kept a while as a dry run."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from api.columns import created_at, json_object, optional_timestamp
from api.db import UTCDateTime
from api.errors import Problem
from api.fields import Strict
from api.matches.models import MatchQuote
from api.problems.catalogue import PROBLEM_BASE

MAX_TASKS = 5000


class AllocationStatus(StrEnum):
    dry_run = "dry_run"
    committed = "committed"


class UnassignedReason(StrEnum):
    no_eligible_offer = "no_eligible_offer"
    capacity_taken = "capacity_taken"
    task_not_open = "task_not_open"


class Allocation(SQLModel, table=True):
    """A solved allocation. ``partner_id`` and ``business_id`` say who may commit it: the
    partner, or the business, every one of its tasks belongs to (None when they differ)."""

    __tablename__ = "allocations"

    id: str = SQLField(primary_key=True, max_length=40)
    partner_id: str | None = SQLField(default=None, index=True, max_length=40)
    business_id: str | None = SQLField(default=None, index=True, max_length=40)
    status: str = SQLField(default=AllocationStatus.dry_run.value, max_length=16)
    objective: float
    upper_bound: float
    solver: str = SQLField(max_length=32)
    # {"assignments": [...], "unassigned": [...]}, as AllocationPublic shows them.
    result: dict[str, Any] | None = json_object(nullable=False)
    expires_at: datetime = SQLField(sa_type=UTCDateTime)
    committed_at: datetime | None = optional_timestamp()
    created_at: datetime = created_at()


TaskIds = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=40)]],
    Field(
        min_length=1,
        max_length=MAX_TASKS,
        description=f"The tasks to place, 1-{MAX_TASKS:,}, each once.",
        json_schema_extra={"uniqueItems": True},
    ),
]


class AllocationCreate(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "task_ids": [
                        "tsk_01jdz3k4m5n6p7q8r9s0t1v2w3",
                        "tsk_01jdz3k4m5n6p7q8r9s0t1v2w4",
                    ],
                    "commit": False,
                }
            ]
        }
    )

    task_ids: TaskIds
    commit: bool = Field(
        default=False,
        strict=True,
        description="Propose the assignments as engagements at once, rather than keep a dry "
        "run to commit later.",
    )


class Assignment(BaseModel):
    task_id: str
    service_id: str
    vendor_id: str
    score: float = Field(description="The match score, as ranking gives it.")
    quote: MatchQuote = Field(description="The service's monthly quote for the task.")
    engagement_id: str | None = Field(
        default=None, description="The proposed engagement, once the allocation is committed."
    )


class Unassigned(BaseModel):
    task_id: str
    reason: UnassignedReason = Field(
        description="`no_eligible_offer`: no active service passes every hard constraint (or "
        "each that does is cooling down for this task); `capacity_taken`: the services it "
        "could go to are full with the other tasks, which score more together there; "
        "`task_not_open`: the task is engaged, paused or closed."
    )
    detail: str = Field(description="Why, in a sentence.")


_EXAMPLE: dict[str, Any] = {
    "id": "alc_01jdz3k4m5n6p7q8r9s0t1v2w3",
    "status": "dry_run",
    "assignments": [
        {
            "task_id": "tsk_01jdz3k4m5n6p7q8r9s0t1v2w3",
            "service_id": "svc_01jdz3k4m5n6p7q8r9s0t1v2w3",
            "vendor_id": "ven_01jdz3k4m5n6p7q8r9s0t1v2w3",
            "score": 0.874512,
            "quote": {"amount": 42000, "currency": "USD"},
            "engagement_id": None,
        }
    ],
    "unassigned": [
        {
            "task_id": "tsk_01jdz3k4m5n6p7q8r9s0t1v2w4",
            "reason": "capacity_taken",
            "detail": "Its 2 eligible services have no room left once the other tasks of this "
            "allocation are placed.",
        }
    ],
    "objective": 0.874512,
    "upper_bound": 0.874512,
    "gap": 0.0,
    "solver": "heuristic",
    "expires_at": "2026-11-25T17:15:00Z",
    "committed_at": None,
    "created_at": "2026-11-25T17:00:00Z",
}


class AllocationPublic(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    id: str
    status: AllocationStatus
    assignments: list[Assignment]
    unassigned: list[Unassigned]
    objective: float = Field(description="The sum of the assignments' scores.")
    upper_bound: float = Field(
        description="No assignment of these tasks can score more in sum (LP relaxation)."
    )
    gap: float = Field(
        description="(upper_bound - objective) / upper_bound: at most this share of the best "
        "possible sum is missed; 0 when nothing could be placed."
    )
    solver: str = Field(
        description="`branch_and_bound` or `heuristic`: which found the assignment."
    )
    expires_at: datetime = Field(description="Until when a dry run can be committed.")
    committed_at: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, row: Allocation) -> "AllocationPublic":
        result = row.result or {}
        bound = row.upper_bound
        return cls(
            id=row.id,
            status=AllocationStatus(row.status),
            assignments=[Assignment(**a) for a in result.get("assignments", [])],
            unassigned=[Unassigned(**u) for u in result.get("unassigned", [])],
            objective=row.objective,
            upper_bound=bound,
            gap=round(max(0.0, (bound - row.objective) / bound), 6) if bound > 0 else 0.0,
            solver=row.solver,
            expires_at=row.expires_at,
            committed_at=row.committed_at,
            created_at=row.created_at,
        )


class NoLongerFits(BaseModel):
    task_id: str
    service_id: str
    detail: str = Field(description="Why this assignment cannot be proposed now.")


class AllocationRefused(Problem):
    """A commit refused because some assignments no longer fit: `assignments` names each;
    nothing was proposed."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": PROBLEM_BASE + "conflict",
                    "title": "Conflict",
                    "status": 409,
                    "detail": "1 of the allocation's 2 assignments no longer fits; nothing was "
                    "proposed. Run the allocation again.",
                    "assignments": [
                        {
                            "task_id": "tsk_01jdz3k4m5n6p7q8r9s0t1v2w3",
                            "service_id": "svc_01jdz3k4m5n6p7q8r9s0t1v2w3",
                            "detail": "The service cannot take this task: the service has less "
                            "than the 400 transactions a month this task needs free.",
                        }
                    ],
                }
            ]
        }
    )

    assignments: list[NoLongerFits] | None = Field(
        default=None, description="Each assignment that can no longer be proposed, and why."
    )
