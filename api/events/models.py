"""The events table, the counter that orders it, and the feed's public shape."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import BigInteger, CheckConstraint, Index
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from api.columns import created_at, json_object
from api.pagination import Page


class EventType(StrEnum):
    task_created = "task.created"
    task_updated = "task.updated"
    task_deleted = "task.deleted"
    service_created = "service.created"
    service_updated = "service.updated"
    service_deleted = "service.deleted"
    engagement_proposed = "engagement.proposed"
    engagement_accepted = "engagement.accepted"
    engagement_declined = "engagement.declined"
    engagement_cancelled = "engagement.cancelled"
    engagement_completed = "engagement.completed"
    engagement_expired = "engagement.expired"


# Sent only to the one endpoint a test ping names; never in the feed, never subscribed to.
TEST_EVENT = "webhook.test"


class EventCounter(SQLModel, table=True):
    """One row whose value numbers the events. Each writer increments it inside its own
    transaction, so the row lock orders writers: numbers become visible in commit order."""

    __tablename__ = "event_counter"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: int = SQLField(primary_key=True)
    seq: int = SQLField(sa_type=BigInteger)


class Event(SQLModel, table=True):
    """One change, as the object's GET showed it just after (or, for a deletion, just
    before). The four audience columns say who may read it; they are copied, not joined,
    so an event stays readable by the same callers after its object is gone."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_business_id_seq", "business_id", "seq"),
        Index("ix_events_vendor_id_seq", "vendor_id", "seq"),
        Index("ix_events_business_partner_id_seq", "business_partner_id", "seq"),
        Index("ix_events_vendor_partner_id_seq", "vendor_partner_id", "seq"),
    )

    id: str = SQLField(primary_key=True, max_length=40)
    seq: int = SQLField(sa_type=BigInteger, unique=True)
    type: str = SQLField(max_length=40)
    created_at: datetime = created_at()
    data: dict[str, Any] = json_object(nullable=False)
    business_id: str | None = SQLField(default=None, max_length=40)
    vendor_id: str | None = SQLField(default=None, max_length=40)
    business_partner_id: str | None = SQLField(default=None, max_length=40)
    vendor_partner_id: str | None = SQLField(default=None, max_length=40)
    # Set only on test pings: the one endpoint it is for.
    endpoint_id: str | None = SQLField(default=None, max_length=40)


class EventPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "evt_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    "type": "engagement.accepted",
                    "created_at": "2026-11-25T17:00:00Z",
                    "data": {
                        "id": "eng_01jdz3k4m5n6p7q8r9s0t1v2w3",
                        "status": "active",
                        "task_id": "tsk_01jdz3k4m5n6p7q8r9s0t1v2w3",
                        "service_id": "svc_01jdz3k4m5n6p7q8r9s0t1v2w3",
                    },
                }
            ]
        }
    )

    id: str = Field(description="Opaque; pass the last one seen as `after` to read on.")
    type: str = Field(description="What happened, e.g. `engagement.accepted`.")
    created_at: datetime
    data: dict[str, Any] = Field(
        description="The object as its GET returns it after the change (before, for a deletion)."
    )

    @classmethod
    def of(cls, row: Event) -> "EventPublic":
        return cls(id=row.id, type=row.type, created_at=row.created_at, data=row.data)


class EventList(Page[EventPublic]):
    """A page of the feed, oldest first. `next_cursor` is the id to pass as `after` for the
    next page; null when the caller has read everything committed so far."""
