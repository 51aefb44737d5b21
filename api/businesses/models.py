"""Business profiles: who needs work done."""

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import BigInteger, CheckConstraint
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from api.columns import created_at, json_list, updated_at
from api.fields import (
    Amount,
    CountryCode,
    CurrencyCode,
    LanguageCode,
    Name,
    Strict,
    StrictUpdate,
    TimeZoneName,
)

Languages = Annotated[list[LanguageCode], Field(max_length=20)]

_EXAMPLE: dict[str, Any] = {
    "name": "Rosa's Bakery",
    "country": "US",
    "timezone": "America/New_York",
    "languages": ["en", "es"],
    "currency": "USD",
    "hourly_value": {"amount": 6000, "currency": "USD"},
}


class HourlyValue(Strict):
    """What an hour of the owner's time is worth: what the advisor weighs hand-offs against."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"amount": 6000, "currency": "USD"}]})

    amount: Amount = Field(description="Minor units per hour, e.g. 6000 is 60.00 an hour.")
    currency: CurrencyCode


class HourlyValuePublic(BaseModel):
    amount: int = Field(description="Minor units per hour.")
    currency: str


class Business(SQLModel, table=True):
    __tablename__ = "businesses"
    __table_args__ = (
        CheckConstraint(
            "(hourly_value_amount IS NULL) = (hourly_value_currency IS NULL)",
            name="hourly_value_whole",
        ),
    )

    id: str = SQLField(primary_key=True, max_length=40)
    partner_id: str | None = SQLField(
        default=None, foreign_key="partners.id", ondelete="SET NULL", index=True, max_length=40
    )
    name: str = SQLField(max_length=200)
    country: str = SQLField(max_length=2)
    timezone: str = SQLField(max_length=64)
    languages: list[str] = json_list()
    currency: str = SQLField(max_length=3)
    hourly_value_amount: int | None = SQLField(default=None, sa_type=BigInteger)
    hourly_value_currency: str | None = SQLField(default=None, max_length=3)
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class BusinessCreate(Strict):
    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    name: Name
    country: CountryCode
    timezone: TimeZoneName
    languages: Languages = Field(default_factory=list, description="ISO 639-1 codes it works in.")
    currency: CurrencyCode = Field(description="The currency it pays in.")
    hourly_value: HourlyValue | None = Field(
        default=None,
        description="What an hour of the owner's time is worth; the advisor needs it "
        "(`GET /v1/businesses/{business_id}/advice`).",
    )


class BusinessUpdate(StrictUpdate):
    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "Rosa's Bakery & Cafe"}]})
    nullable = frozenset({"hourly_value"})

    name: Name | None = None
    country: CountryCode | None = None
    timezone: TimeZoneName | None = None
    languages: Languages | None = None
    currency: CurrencyCode | None = None
    hourly_value: HourlyValue | None = Field(default=None, description="`null` clears it.")


class BusinessPublic(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "biz_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    "partner_id": None,
                    **_EXAMPLE,
                    "created_at": "2026-11-25T17:00:00Z",
                    "updated_at": "2026-11-25T17:00:00Z",
                }
            ]
        },
    )

    id: str
    partner_id: str | None = Field(description="The partner that owns it; null if none.")
    name: str
    country: str
    timezone: str
    languages: list[str]
    currency: str
    hourly_value: HourlyValuePublic | None = Field(
        description="What an hour of the owner's time is worth; null if not given."
    )
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, business: Business) -> "BusinessPublic":
        return cls(
            **business.model_dump(exclude={"hourly_value_amount", "hourly_value_currency"}),
            hourly_value=_hourly_value(business),
        )


def _hourly_value(business: Business) -> HourlyValuePublic | None:
    if business.hourly_value_amount is None or business.hourly_value_currency is None:
        return None
    return HourlyValuePublic(
        amount=business.hourly_value_amount, currency=business.hourly_value_currency
    )


def business_columns(data: BusinessCreate | BusinessUpdate) -> dict[str, Any]:
    """Request fields as table columns: the hourly value object becomes two columns."""
    values = data.model_dump(exclude_unset=True, mode="json")
    if "hourly_value" in values:
        value = values.pop("hourly_value")
        values["hourly_value_amount"] = value["amount"] if value else None
        values["hourly_value_currency"] = value["currency"] if value else None
    return values
