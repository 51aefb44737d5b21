"""Business profiles: who needs work done."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from api.columns import created_at, json_list, updated_at
from api.fields import (
    CountryCode,
    CurrencyCode,
    LanguageCode,
    Name,
    Strict,
    StrictUpdate,
    TimeZoneName,
)

Languages = Annotated[list[LanguageCode], Field(max_length=20)]

_EXAMPLE = {
    "name": "Rosa's Bakery",
    "country": "US",
    "timezone": "America/New_York",
    "languages": ["en", "es"],
    "currency": "USD",
}


class Business(SQLModel, table=True):
    __tablename__ = "businesses"

    id: str = SQLField(primary_key=True, max_length=40)
    partner_id: str | None = SQLField(
        default=None, foreign_key="partners.id", ondelete="SET NULL", index=True, max_length=40
    )
    name: str = SQLField(max_length=200)
    country: str = SQLField(max_length=2)
    timezone: str = SQLField(max_length=64)
    languages: list[str] = json_list()
    currency: str = SQLField(max_length=3)
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class BusinessCreate(Strict):
    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    name: Name
    country: CountryCode
    timezone: TimeZoneName
    languages: Languages = Field(default_factory=list, description="ISO 639-1 codes it works in.")
    currency: CurrencyCode = Field(description="The currency it pays in.")


class BusinessUpdate(StrictUpdate):
    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "Rosa's Bakery & Cafe"}]})

    name: Name | None = None
    country: CountryCode | None = None
    timezone: TimeZoneName | None = None
    languages: Languages | None = None
    currency: CurrencyCode | None = None


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
    created_at: datetime
    updated_at: datetime
