"""Task profiles: what a business needs done, and the terms it wants it done on."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from sqlalchemy import BigInteger, CheckConstraint, Index, false, text
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from api.columns import created_at, json_list, json_object, updated_at
from api.fields import (
    MAX_VOLUME,
    Amount,
    ClockTime,
    CurrencyCode,
    Day,
    Description,
    LanguageCode,
    Name,
    Strict,
    StrictUpdate,
    Tag,
    TimeZoneName,
    WholeNumber,
)


class TaskStatus(StrEnum):
    """`open`, `paused` and `closed` are the business's to set; `engaged` (a live
    engagement) and `completed` (its last engagement was completed) follow engagements."""

    open = "open"
    paused = "paused"
    closed = "closed"
    engaged = "engaged"
    completed = "completed"


class SettableTaskStatus(StrEnum):
    open = "open"
    paused = "paused"
    closed = "closed"


class Visibility(StrEnum):
    """`private`: only the business side sees the task. `listed`: while open, vendors may
    find it among their opportunities and ask why they do not match it; they see its
    terms, the business's country and time zone, never who the business is."""

    private = "private"
    listed = "listed"


class Factor(StrEnum):
    """The scoring factors a task's `weights` may name."""

    task_type = "task_type"
    volume = "volume"
    budget = "budget"
    skills = "skills"
    timezone = "timezone"
    reputation = "reputation"


class Budget(Strict):
    currency: CurrencyCode
    min: Amount = Field(description="Lowest monthly spend it expects, in minor units.")
    max: Amount = Field(description="Highest monthly spend it accepts, in minor units.")

    @field_validator("max")
    @classmethod
    def _not_below_min(cls, value: int, info: ValidationInfo) -> int:
        low = info.data.get("min")
        if low is not None and value < low:
            raise ValueError("budget max must not be below min")
        return value


class Coverage(Strict):
    """Hours the work must be covered, in `timezone`. `end` before `start` crosses midnight;
    `start` equal to `end` means the whole day."""

    timezone: TimeZoneName
    start: ClockTime
    end: ClockTime
    days: Annotated[
        list[Day], Field(min_length=1, max_length=7, json_schema_extra={"uniqueItems": True})
    ]
    min_overlap: float | None = Field(
        default=None,
        strict=True,
        ge=0,
        le=1,
        description="If set, vendors whose working hours cover less than this share of the "
        "window are excluded.",
    )

    @model_validator(mode="after")
    def _distinct_days(self) -> "Coverage":
        if len(set(self.days)) != len(self.days):
            raise ValueError("days must not repeat")
        return self


def _not_all_zero(weights: dict[Factor, float]) -> dict[Factor, float]:
    # Zeroing some factors is a preference; zeroing every one leaves nothing to rank by.
    if len(weights) == len(Factor) and not any(weights.values()):
        raise ValueError("weights must not all be zero")
    return weights


Weights = Annotated[
    dict[Factor, Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False, strict=True)]],
    AfterValidator(_not_all_zero),
    Field(description="Relative importance of each factor; unnamed factors keep their default."),
]
Skills = Annotated[list[Tag], Field(max_length=50)]
Certifications = Annotated[list[Tag], Field(max_length=20)]
Languages = Annotated[list[LanguageCode], Field(max_length=20)]
Volume = Annotated[
    int,
    Field(gt=0, le=MAX_VOLUME, strict=True, description="Units of work per month."),
    WholeNumber,
]
Hours = Annotated[
    float,
    Field(
        ge=0,
        le=744,
        allow_inf_nan=False,
        strict=True,
        description="Hours the owner spends on this today, per month (a month has at most 744).",
    ),
]
Core = Annotated[
    bool,
    Field(
        strict=True,
        description="This is what the business sells: the advisor says keep it in-house.",
    ),
]


def _check_weights(weights: dict[Factor, float] | None) -> None:
    if weights is not None and weights and not any(weights.values()):
        raise ValueError("weights must not all be zero")


class Task(SQLModel, table=True):
    __tablename__ = "tasks"
    __table_args__ = (
        CheckConstraint("volume > 0", name="volume_positive"),
        CheckConstraint("budget_min >= 0 AND budget_min <= budget_max", name="budget_ordered"),
        # Opportunities read the listed open tasks of one type.
        Index("ix_tasks_listed", "task_type", "visibility", "status"),
    )

    id: str = SQLField(primary_key=True, max_length=40)
    business_id: str = SQLField(
        foreign_key="businesses.id", ondelete="CASCADE", index=True, max_length=40
    )
    task_type: str = SQLField(foreign_key="task_types.key", index=True, max_length=64)
    title: str = SQLField(max_length=200)
    description: str = SQLField(default="", max_length=5000)
    volume: int
    budget_currency: str = SQLField(max_length=3)
    budget_min: int = SQLField(sa_type=BigInteger)
    budget_max: int = SQLField(sa_type=BigInteger)
    skills: list[str] = json_list()
    required_certifications: list[str] = json_list()
    languages: list[str] = json_list()
    coverage: dict[str, Any] | None = json_object()
    weights: dict[str, float] | None = json_object()
    hours_spent_per_month: float | None = None
    core: bool = SQLField(default=False, sa_column_kwargs={"server_default": false()})
    status: str = SQLField(default=TaskStatus.open.value, max_length=16)
    visibility: str = SQLField(
        default=Visibility.private.value,
        max_length=16,
        sa_column_kwargs={"server_default": text("'private'")},
    )
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


_EXAMPLE: dict[str, Any] = {
    "task_type": "bookkeeping",
    "title": "Monthly bookkeeping for the bakery",
    "description": "Reconcile two bank accounts and categorise card sales.",
    "volume": 400,
    "budget": {"currency": "USD", "min": 30000, "max": 50000},
    "skills": ["quickbooks", "square"],
    "required_certifications": [],
    "languages": ["en"],
    "coverage": {
        "timezone": "America/New_York",
        "start": "09:00",
        "end": "17:00",
        "days": ["mon", "tue", "wed", "thu", "fri"],
    },
    "weights": {"budget": 2.0},
    "hours_spent_per_month": 12,
    "core": False,
}


class TaskTerms(Strict):
    """What matching needs to know about a piece of work."""

    task_type: str = Field(max_length=64, description="A key from `GET /v1/task-types`.")
    volume: Volume
    budget: Budget
    skills: Skills = Field(default_factory=list, description="Nice to have.")
    required_certifications: Certifications = Field(
        default_factory=list, description="Every one is a must."
    )
    languages: Languages = Field(
        default_factory=list, description="The vendor must speak one of them, when given."
    )
    coverage: Coverage | None = None


class TaskCreate(TaskTerms):
    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    title: Name
    description: Description = ""
    weights: Weights | None = None
    hours_spent_per_month: Hours | None = Field(
        default=None, description="Hours the owner spends on this today, per month."
    )
    core: Core = False
    status: SettableTaskStatus = SettableTaskStatus.open
    visibility: Visibility = Field(
        default=Visibility.private,
        description="`listed` shows the open task's terms (never the business) to vendors.",
    )


class TaskUpdate(StrictUpdate):
    model_config = ConfigDict(json_schema_extra={"examples": [{"volume": 450, "status": "paused"}]})
    nullable = frozenset({"coverage", "weights", "hours_spent_per_month"})

    task_type: str | None = Field(default=None, max_length=64)
    title: Name | None = None
    description: Description | None = None
    volume: Volume | None = None
    budget: Budget | None = None
    skills: Skills | None = None
    required_certifications: Certifications | None = None
    languages: Languages | None = None
    coverage: Coverage | None = None
    weights: Weights | None = None
    hours_spent_per_month: Hours | None = None
    core: Core | None = None
    status: SettableTaskStatus | None = None
    visibility: Visibility | None = None


class BudgetPublic(BaseModel):
    currency: str
    min: int
    max: int


class TaskPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "tsk_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    "business_id": "biz_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    **_EXAMPLE,
                    "status": "open",
                    "visibility": "private",
                    "created_at": "2026-11-25T17:00:00Z",
                    "updated_at": "2026-11-25T17:00:00Z",
                }
            ]
        }
    )

    id: str
    business_id: str
    task_type: str
    title: str
    description: str
    volume: int
    budget: BudgetPublic
    skills: list[str]
    required_certifications: list[str]
    languages: list[str]
    coverage: Coverage | None
    weights: dict[str, float] | None
    hours_spent_per_month: float | None
    core: bool = Field(description="What the business sells; the advisor keeps it in-house.")
    status: TaskStatus
    visibility: Visibility
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, task: Task) -> "TaskPublic":
        return cls(
            **task.model_dump(exclude={"budget_currency", "budget_min", "budget_max"}),
            budget=BudgetPublic(
                currency=task.budget_currency, min=task.budget_min, max=task.budget_max
            ),
        )


def task_columns(data: TaskCreate | TaskUpdate) -> dict[str, Any]:
    """Request fields as table columns: the budget object becomes three columns."""
    values = data.model_dump(exclude_unset=True, mode="json")
    budget = values.pop("budget", None)
    if budget is not None:
        values.update(
            budget_currency=budget["currency"], budget_min=budget["min"], budget_max=budget["max"]
        )
    return values
