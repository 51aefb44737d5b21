"""Vendor profiles: who can take the work on."""

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from sqlalchemy import Index, text
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from api.columns import created_at, json_list, updated_at
from api.fields import (
    ClockTime,
    CountryCode,
    Day,
    Description,
    LanguageCode,
    Name,
    Strict,
    StrictUpdate,
    Tag,
    TimeZoneName,
)
from api.services.models import ServiceCreate


class WorkingWindow(Strict):
    """A stretch of working time in the vendor's own time zone on the given days.
    `end` before `start` runs past midnight into the next day; equal means all day."""

    days: Annotated[
        list[Day], Field(min_length=1, max_length=7, json_schema_extra={"uniqueItems": True})
    ]
    start: ClockTime
    end: ClockTime

    @model_validator(mode="after")
    def _distinct_days(self) -> "WorkingWindow":
        if len(set(self.days)) != len(self.days):
            raise ValueError("days must not repeat")
        return self


WorkingHours = Annotated[list[WorkingWindow], Field(max_length=14)]
ExternalRef = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    Field(
        description="Your own reference for this vendor (e.g. its id in your system), unique "
        "among your vendors: a bulk import with the same reference updates this vendor "
        "instead of creating another."
    ),
]
Languages = Annotated[list[LanguageCode], Field(max_length=20)]
Certifications = Annotated[list[Tag], Field(max_length=30)]


_WITH_PARTNER = "external_ref IS NOT NULL AND partner_id IS NOT NULL"
_WITHOUT_PARTNER = "external_ref IS NOT NULL AND partner_id IS NULL"


class Vendor(SQLModel, table=True):
    __tablename__ = "vendors"
    __table_args__ = (
        # A partner's own reference for a vendor names one vendor of that partner; the
        # vendors no partner owns (an operator's) share one namespace of their own.
        Index(
            "uq_vendors_partner_external_ref",
            "partner_id",
            "external_ref",
            unique=True,
            sqlite_where=text(_WITH_PARTNER),
            postgresql_where=text(_WITH_PARTNER),
        ),
        Index(
            "uq_vendors_external_ref_without_partner",
            "external_ref",
            unique=True,
            sqlite_where=text(_WITHOUT_PARTNER),
            postgresql_where=text(_WITHOUT_PARTNER),
        ),
    )

    id: str = SQLField(primary_key=True, max_length=40)
    partner_id: str | None = SQLField(
        default=None, foreign_key="partners.id", ondelete="SET NULL", index=True, max_length=40
    )
    name: str = SQLField(max_length=200)
    description: str = SQLField(default="", max_length=5000)
    country: str = SQLField(index=True, max_length=2)
    timezone: str = SQLField(max_length=64)
    languages: list[str] = json_list()
    certifications: list[str] = json_list()
    working_hours: list[dict[str, Any]] = json_list()
    external_ref: str | None = SQLField(default=None, max_length=100)
    # The rating aggregate of the ratings that count (api/engagements/reputation.py);
    # completed engagements move it, clients never set it.
    rating_sum: int = SQLField(default=0)
    rating_count: int = SQLField(default=0)
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


_EXAMPLE: dict[str, Any] = {
    "name": "Ledgerly Bookkeeping",
    "description": "A five-person bookkeeping team for cafes and shops.",
    "country": "PH",
    "timezone": "Asia/Manila",
    "languages": ["en", "tl"],
    "certifications": ["quickbooks_proadvisor"],
    "working_hours": [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "21:00", "end": "05:00"}
    ],
}


class VendorCreate(Strict):
    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    name: Name
    description: Description = ""
    country: CountryCode
    timezone: TimeZoneName
    languages: Languages = Field(min_length=1, description="ISO 639-1 codes it works in.")
    certifications: Certifications = Field(default_factory=list)
    working_hours: WorkingHours = Field(
        default_factory=list, description="When it works, in its own time zone."
    )
    external_ref: ExternalRef | None = None


class VendorUpdate(StrictUpdate):
    model_config = ConfigDict(json_schema_extra={"examples": [{"description": "Now 8 people."}]})

    name: Name | None = None
    description: Description | None = None
    country: CountryCode | None = None
    timezone: TimeZoneName | None = None
    languages: Annotated[Languages, Field(min_length=1)] | None = None
    certifications: Certifications | None = None
    working_hours: WorkingHours | None = None


class VendorPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "ven_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    "partner_id": None,
                    **_EXAMPLE,
                    "external_ref": None,
                    "rating": 4.8,
                    "rating_count": 52,
                    "created_at": "2026-11-25T17:00:00Z",
                    "updated_at": "2026-11-25T17:00:00Z",
                }
            ]
        }
    )

    id: str
    partner_id: str | None
    name: str
    description: str
    country: str
    timezone: str
    languages: list[str]
    certifications: list[str]
    working_hours: list[WorkingWindow]
    external_ref: str | None = Field(
        description="The owner's own reference for this vendor, if it gave one."
    )
    rating: float | None = Field(
        description="Mean of the ratings that count, 1-5: from businesses that do not share "
        "its owner, each business's latest."
    )
    rating_count: int = Field(
        description="How many ratings count: one per business that does not share its owner."
    )
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, vendor: Vendor) -> "VendorPublic":
        rating = round(vendor.rating_sum / vendor.rating_count, 2) if vendor.rating_count else None
        return cls(
            **vendor.model_dump(exclude={"rating_sum", "rating_count"}),
            rating=rating,
            rating_count=vendor.rating_count,
        )


# --- Batch create ---------------------------------------------------------------------------

MAX_BATCH_ITEMS = 1000
_SERVICE_EXAMPLE: dict[str, Any] = {
    "task_type": "bookkeeping",
    "capacity": 3000,
    "min_volume": 100,
    "skills": ["quickbooks", "xero"],
    "experience_years": 6,
    "pricing": {"model": "per_unit", "currency": "USD", "amount": 90, "minimum_monthly": 15000},
}


class VendorBatchItem(Strict):
    """One vendor and the services it offers, each validated as `POST /v1/vendors` and
    `POST /v1/vendors/{vendor_id}/services` would."""

    vendor: VendorCreate
    services: list[ServiceCreate] = Field(
        default_factory=list,
        max_length=50,
        description="What it offers, one service per task type.",
    )


class VendorBatch(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [{"vendor": _EXAMPLE, "services": [_SERVICE_EXAMPLE]}],
                    "dry_run": False,
                }
            ]
        }
    )

    items: list[VendorBatchItem] = Field(
        min_length=1,
        max_length=MAX_BATCH_ITEMS,
        description=f"Up to {MAX_BATCH_ITEMS:,} vendors, each with its services.",
    )
    dry_run: bool = Field(
        default=False, strict=True, description="Validate every item and write nothing."
    )


class VendorBatchEntry(BaseModel):
    id: str = Field(description="The vendor's id (new, or found by `external_ref`).")
    service_ids: list[str] = Field(description="Its services' ids, in the order sent.")


class VendorBatchResult(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "dry_run": False,
                    "vendors": 1,
                    "updated": 0,
                    "unchanged": 0,
                    "services": 1,
                    "data": [
                        {
                            "id": "ven_01jdz3k4m5n6p7q8r9s0t1v2w3",
                            "service_ids": ["svc_01jdz3k4m5n6p7q8r9s0t1v2w4"],
                        }
                    ],
                }
            ]
        }
    )

    dry_run: bool = Field(description="True when nothing was written.")
    vendors: int = Field(description="Vendors created (on a dry run: that would be).")
    updated: int = Field(
        description="Existing vendors (found by `external_ref`) changed, with their services "
        "(on a dry run: that would be)."
    )
    unchanged: int = Field(
        description="Existing vendors (found by `external_ref`) that already matched their "
        "item: nothing was written for them."
    )
    services: int = Field(description="Services created (on a dry run: that would be).")
    data: list[VendorBatchEntry] = Field(
        description="The created and updated vendors, in the order of `items`; on a dry run, "
        "only those found by `external_ref`."
    )
