"""Services: one task type a vendor offers, with its capacity and price."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from sqlalchemy import JSON, BigInteger, CheckConstraint, Column, Index, UniqueConstraint
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from api.columns import created_at, json_list, updated_at
from api.fields import (
    MAX_VOLUME,
    Amount,
    CountryCode,
    CurrencyCode,
    Strict,
    StrictUpdate,
    Tag,
    WholeNumber,
    unique,
)


class PricingModel(StrEnum):
    per_unit = "per_unit"
    hourly = "hourly"
    monthly = "monthly"


class Pricing(Strict):
    """per_unit charges amount x volume; hourly charges amount x volume / units_per_hour;
    monthly is a flat fee. The quote is never below minimum_monthly."""

    model: PricingModel
    currency: CurrencyCode
    amount: Amount = Field(description="Minor units per unit, per hour or per month.")
    units_per_hour: float | None = Field(
        default=None,
        validate_default=True,
        strict=True,
        gt=0,
        le=100_000,
        allow_inf_nan=False,
        description="Units handled per hour; required for hourly pricing, refused otherwise.",
    )
    minimum_monthly: Amount = Field(default=0, description="Floor of the monthly quote.")

    @field_validator("units_per_hour")
    @classmethod
    def _units_per_hour_matches_model(
        cls, value: float | None, info: ValidationInfo
    ) -> float | None:
        model = info.data.get("model")  # absent when the model itself was invalid
        if model is PricingModel.hourly and value is None:
            raise ValueError("hourly pricing needs units_per_hour")
        if model not in (None, PricingModel.hourly) and value is not None:
            raise ValueError(f"units_per_hour does not apply to {model.value} pricing")
        return value


class MinBudget(Strict):
    """The smallest budget max the vendor takes work for, per month."""

    amount: Amount = Field(description="Minor units per month.")
    currency: CurrencyCode


class Targeting(Strict):
    """What work the vendor wants: tasks outside it are never matched to the service
    (excluded under `targeting`)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"countries": ["US", "CA"], "min_budget": {"amount": 50000, "currency": "USD"}}
            ]
        }
    )

    countries: Annotated[list[CountryCode], Field(max_length=250), AfterValidator(unique)] = Field(
        default_factory=list,
        description="The businesses' countries it serves (ISO 3166-1 alpha-2); empty: all.",
    )
    min_budget: MinBudget | None = Field(
        default=None,
        description="Tasks whose budget max is below this (converted to the task's currency "
        "as quotes are) are left out; null: any budget.",
    )


Capacity = Annotated[
    int,
    Field(ge=0, le=MAX_VOLUME, strict=True, description="Units per month it can take."),
    WholeNumber,
]
MinVolume = Annotated[
    int,
    Field(ge=0, le=MAX_VOLUME, strict=True, description="Smallest monthly volume it takes."),
    WholeNumber,
]
Experience = Annotated[
    int,
    Field(ge=0, le=80, strict=True, description="Years doing this kind of work."),
    WholeNumber,
]
Active = Annotated[bool, Field(strict=True)]
Skills = Annotated[list[Tag], Field(max_length=50)]


class Service(SQLModel, table=True):
    __tablename__ = "services"
    __table_args__ = (
        UniqueConstraint("vendor_id", "task_type", name="uq_services_vendor_task_type"),
        CheckConstraint("capacity >= 0", name="capacity_non_negative"),
        CheckConstraint("reserved >= 0 AND reserved <= capacity", name="reserved_within_capacity"),
        Index("ix_services_task_type_active", "task_type", "active"),
    )

    id: str = SQLField(primary_key=True, max_length=40)
    vendor_id: str = SQLField(
        foreign_key="vendors.id", ondelete="CASCADE", index=True, max_length=40
    )
    task_type: str = SQLField(foreign_key="task_types.key", max_length=64)
    capacity: int
    # Volume held by live engagements; the server alone moves it.
    reserved: int = SQLField(default=0)
    # Engagements completed on this service: the track record matching rewards.
    completed_count: int = SQLField(default=0)
    min_volume: int = SQLField(default=0)
    skills: list[str] = json_list()
    experience_years: int = SQLField(default=0)
    pricing_model: str = SQLField(max_length=16)
    pricing_currency: str = SQLField(max_length=3)
    pricing_amount: int = SQLField(sa_type=BigInteger)
    pricing_units_per_hour: float | None = None
    pricing_minimum_monthly: int = SQLField(default=0, sa_type=BigInteger)
    targeting_countries: list[str] = SQLField(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    targeting_min_budget_amount: int | None = SQLField(default=None, sa_type=BigInteger)
    targeting_min_budget_currency: str | None = SQLField(default=None, max_length=3)
    active: bool = SQLField(default=True)
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()

    def set_pricing(self, pricing: Pricing) -> None:
        for name, value in pricing_columns(pricing).items():
            setattr(self, name, value)

    def set_targeting(self, targeting: Targeting) -> None:
        for name, value in targeting_columns(targeting).items():
            setattr(self, name, value)

    def targeting(self) -> Targeting:
        budget = None
        if self.targeting_min_budget_amount is not None and self.targeting_min_budget_currency:
            budget = MinBudget(
                amount=self.targeting_min_budget_amount,
                currency=self.targeting_min_budget_currency,
            )
        return Targeting(countries=self.targeting_countries, min_budget=budget)


_EXAMPLE: dict[str, Any] = {
    "task_type": "bookkeeping",
    "capacity": 3000,
    "min_volume": 100,
    "skills": ["quickbooks", "xero", "square"],
    "experience_years": 6,
    "pricing": {"model": "per_unit", "currency": "USD", "amount": 90, "minimum_monthly": 15000},
    "targeting": {"countries": ["US", "CA"], "min_budget": {"amount": 20000, "currency": "USD"}},
    "active": True,
}


def pricing_columns(pricing: Pricing) -> dict[str, Any]:
    """The pricing object as the table's ``pricing_*`` columns."""
    return {
        "pricing_model": pricing.model.value,
        "pricing_currency": pricing.currency,
        "pricing_amount": pricing.amount,
        "pricing_units_per_hour": pricing.units_per_hour,
        "pricing_minimum_monthly": pricing.minimum_monthly,
    }


def targeting_columns(targeting: Targeting) -> dict[str, Any]:
    """The targeting object as the table's ``targeting_*`` columns."""
    budget = targeting.min_budget
    return {
        "targeting_countries": list(targeting.countries),
        "targeting_min_budget_amount": budget.amount if budget else None,
        "targeting_min_budget_currency": budget.currency if budget else None,
    }


class ServiceCreate(Strict):
    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    task_type: str = Field(max_length=64, description="A key from `GET /v1/task-types`.")
    capacity: Capacity
    min_volume: MinVolume = 0
    skills: Skills = Field(default_factory=list)
    experience_years: Experience = 0
    pricing: Pricing
    targeting: Targeting = Field(
        default_factory=Targeting, description="What work it wants; default: any."
    )
    active: Active = True


class ServiceUpdate(StrictUpdate):
    model_config = ConfigDict(json_schema_extra={"examples": [{"capacity": 3500}]})

    capacity: Capacity | None = None
    min_volume: MinVolume | None = None
    skills: Skills | None = None
    experience_years: Experience | None = None
    pricing: Pricing | None = None
    targeting: Targeting | None = Field(default=None, description="Replaced whole.")
    active: Active | None = None


class ServicePublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "svc_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    "vendor_id": "ven_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    **_EXAMPLE,
                    "reserved": 400,
                    "available": 2600,
                    "created_at": "2026-11-25T17:00:00Z",
                    "updated_at": "2026-11-25T17:00:00Z",
                }
            ]
        }
    )

    id: str
    vendor_id: str
    task_type: str
    capacity: int
    reserved: int = Field(description="Volume held by live engagements.")
    available: int = Field(description="capacity - reserved.")
    min_volume: int
    skills: list[str]
    experience_years: int
    pricing: Pricing
    targeting: Targeting
    active: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, service: Service) -> "ServicePublic":
        return cls(
            id=service.id,
            vendor_id=service.vendor_id,
            task_type=service.task_type,
            capacity=service.capacity,
            reserved=service.reserved,
            available=service.capacity - service.reserved,
            min_volume=service.min_volume,
            skills=service.skills,
            experience_years=service.experience_years,
            pricing=Pricing(
                model=PricingModel(service.pricing_model),
                currency=service.pricing_currency,
                amount=service.pricing_amount,
                units_per_hour=service.pricing_units_per_hour,
                minimum_monthly=service.pricing_minimum_monthly,
            ),
            targeting=service.targeting(),
            active=service.active,
            created_at=service.created_at,
            updated_at=service.updated_at,
        )


def service_columns(data: ServiceCreate) -> dict[str, Any]:
    """A new service's request fields as table columns (every way a service is made, one
    or thousands at a time, goes through here, so none drifts from the others)."""
    return {
        **data.model_dump(exclude={"pricing", "targeting"}, mode="json"),
        **pricing_columns(data.pricing),
        **targeting_columns(data.targeting),
    }
