"""Webhook endpoints, their deliveries and each delivery's attempts."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from sqlalchemy import BigInteger, CheckConstraint, Index
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from api.columns import created_at, json_list, optional_timestamp, updated_at
from api.events.models import EventType
from api.fields import Strict, StrictUpdate, unique
from api.once import SHOWN_ONCE

ALL_TYPES = "*"
MAX_URL_LENGTH = 2000


class DeliveryStatus(StrEnum):
    pending = "pending"
    succeeded = "succeeded"
    failed = "failed"


class WebhookCursor(SQLModel, table=True):
    """How far the worker has fanned the event log out into deliveries (one row). Events
    are numbered in commit order (api/events/service.py), so nothing below it is missed."""

    __tablename__ = "webhook_cursor"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: int = SQLField(primary_key=True)
    seq: int = SQLField(sa_type=BigInteger)


class WebhookEndpoint(SQLModel, table=True):
    """Where to send events. The owner columns mirror the key that created it: a business
    or vendor key's endpoint hears that business's or vendor's events (and its partner may
    manage it); a partner key's, everything the partner owns; an admin key's, everything."""

    __tablename__ = "webhook_endpoints"

    id: str = SQLField(primary_key=True, max_length=40)
    url: str = SQLField(max_length=MAX_URL_LENGTH)
    description: str = SQLField(default="", max_length=500)
    event_types: list[str] = json_list()
    enabled: bool = True
    disabled_reason: str | None = SQLField(default=None, max_length=500)
    partner_id: str | None = SQLField(
        default=None, foreign_key="partners.id", ondelete="CASCADE", index=True, max_length=40
    )
    business_id: str | None = SQLField(
        default=None, foreign_key="businesses.id", ondelete="CASCADE", index=True, max_length=40
    )
    vendor_id: str | None = SQLField(
        default=None, foreign_key="vendors.id", ondelete="CASCADE", index=True, max_length=40
    )
    # The signing secret, encrypted with OFFLOAD_SECRET_KEY; the one it replaced, until
    # previous_secret_expires_at, so receivers can switch over without dropping events.
    secret_ciphertext: str = SQLField(max_length=500)
    previous_secret_ciphertext: str | None = SQLField(default=None, max_length=500)
    previous_secret_expires_at: datetime | None = optional_timestamp()
    # Only events numbered after this are sent: an endpoint hears of what happens after it
    # was made, not of the past (the feed has that).
    since_seq: int = SQLField(sa_type=BigInteger)
    failing_since: datetime | None = optional_timestamp()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class WebhookDelivery(SQLModel, table=True):
    """One event for one endpoint, until it succeeds or runs out of retries."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),)

    id: str = SQLField(primary_key=True, max_length=40)
    endpoint_id: str = SQLField(
        foreign_key="webhook_endpoints.id", ondelete="CASCADE", index=True, max_length=40
    )
    event_id: str = SQLField(foreign_key="events.id", ondelete="CASCADE", max_length=40)
    event_type: str = SQLField(max_length=40)
    status: str = SQLField(default=DeliveryStatus.pending.value, max_length=16)
    attempt_count: int = 0
    next_attempt_at: datetime | None = optional_timestamp()
    # A worker's claim: the delivery is its own until then; a worker that dies lets it lapse.
    claimed_until: datetime | None = optional_timestamp()
    claim_token: str | None = SQLField(default=None, max_length=40)
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class WebhookAttempt(SQLModel, table=True):
    __tablename__ = "webhook_attempts"

    id: str = SQLField(primary_key=True, max_length=40)
    delivery_id: str = SQLField(
        foreign_key="webhook_deliveries.id", ondelete="CASCADE", index=True, max_length=40
    )
    number: int
    started_at: datetime = created_at()
    duration_ms: int
    status_code: int | None = None
    error: str | None = SQLField(default=None, max_length=500)
    succeeded: bool


def _types(values: list[str]) -> list[str]:
    values = unique(values)
    if ALL_TYPES in values and len(values) > 1:
        raise ValueError("'*' stands for every type; send it alone")
    known = {t.value for t in EventType}
    unknown = [v for v in values if v != ALL_TYPES and v not in known]
    if unknown:
        raise ValueError(
            f"unknown event types: {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    return values


EventTypeName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=40),
    WithJsonSchema({"type": "string", "enum": [ALL_TYPES, *(t.value for t in EventType)]}),
]
EventTypes = Annotated[
    list[EventTypeName],
    Field(min_length=1, max_length=20),
    AfterValidator(_types),
]
Url = Annotated[str, StringConstraints(min_length=1, max_length=MAX_URL_LENGTH)]
EndpointDescription = Annotated[str, StringConstraints(max_length=500)]

_EXAMPLE: dict[str, Any] = {
    "url": "https://hooks.ledgerlite.example/offload",
    "event_types": ["engagement.accepted", "engagement.declined"],
    "description": "LedgerLite production",
}


class WebhookEndpointCreate(Strict):
    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    url: Url = Field(
        description="Where to POST events: https, on a public address (see docs/webhooks.md)."
    )
    event_types: EventTypes = Field(
        default_factory=lambda: [ALL_TYPES],
        description='Event types to send, or `["*"]` for all.',
    )
    description: EndpointDescription = ""
    enabled: bool = True


class WebhookEndpointUpdate(StrictUpdate):
    model_config = ConfigDict(json_schema_extra={"examples": [{"enabled": True}]})

    url: Url | None = None
    event_types: EventTypes | None = None
    description: EndpointDescription | None = None
    enabled: bool | None = Field(
        default=None, description="`true` re-enables an endpoint that was disabled."
    )


class WebhookEndpointPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "whe_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    **_EXAMPLE,
                    "enabled": True,
                    "disabled_reason": None,
                    "created_at": "2026-11-25T17:00:00Z",
                    "updated_at": "2026-11-25T17:00:00Z",
                }
            ]
        }
    )

    id: str
    url: str
    event_types: list[str]
    description: str
    enabled: bool
    disabled_reason: str | None = Field(description="Why the server disabled it, if it did.")
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, row: WebhookEndpoint) -> "WebhookEndpointPublic":
        return cls(**row.model_dump(include=set(cls.model_fields)))


class WebhookEndpointWithSecret(WebhookEndpointPublic):
    secret: str = Field(
        description="`whsec_` + base64 of 32 random bytes: verify each delivery's signature "
        "with it. Shown once, here; store it now.",
        json_schema_extra=SHOWN_ONCE,
    )

    @classmethod
    def with_secret(cls, row: WebhookEndpoint, secret: str) -> "WebhookEndpointWithSecret":
        return cls(**WebhookEndpointPublic.of(row).model_dump(), secret=secret)


class AttemptPublic(BaseModel):
    number: int = Field(description="1 for the first try, 2 for the first retry, ...")
    started_at: datetime
    duration_ms: int
    status_code: int | None = Field(description="The receiver's HTTP status, if it answered.")
    error: str | None = Field(description="Why it failed, when it did.")
    succeeded: bool

    @classmethod
    def of(cls, row: WebhookAttempt) -> "AttemptPublic":
        return cls(**row.model_dump(include=set(cls.model_fields)))


class DeliveryPublic(BaseModel):
    id: str
    endpoint_id: str
    event_id: str = Field(description="Also the `webhook-id` header of every attempt.")
    event_type: str
    status: DeliveryStatus
    next_attempt_at: datetime | None = Field(description="When the next try is due, if any.")
    attempts: list[AttemptPublic]
    created_at: datetime

    @classmethod
    def of(cls, row: WebhookDelivery, attempts: list[WebhookAttempt]) -> "DeliveryPublic":
        data: dict[str, Any] = row.model_dump(
            include={"id", "endpoint_id", "event_id", "event_type", "status", "created_at"}
        )
        pending = row.status == DeliveryStatus.pending
        return cls(
            **data,
            next_attempt_at=row.next_attempt_at if pending else None,
            attempts=[AttemptPublic.of(a) for a in sorted(attempts, key=lambda a: a.number)],
        )
