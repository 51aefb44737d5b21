"""Every table model, imported in one place so the metadata (and Alembic) sees them all."""

from api.allocations.models import Allocation
from api.businesses.models import Business
from api.db import metadata
from api.engagements.models import Engagement
from api.events.models import Event, EventCounter
from api.idempotency import IdempotencyRecord
from api.instance import Instance
from api.keys.models import ApiKey, Partner
from api.matches.changes import OfferChange, OfferVersion
from api.services.models import Service
from api.tasks.models import Task
from api.taxonomy.models import TaskType
from api.vendors.models import Vendor
from api.webhooks.models import (
    WebhookAttempt,
    WebhookCursor,
    WebhookDelivery,
    WebhookEndpoint,
)

__all__ = [
    "Allocation",
    "ApiKey",
    "Business",
    "Engagement",
    "Event",
    "EventCounter",
    "IdempotencyRecord",
    "Instance",
    "OfferChange",
    "OfferVersion",
    "Partner",
    "Service",
    "Task",
    "TaskType",
    "Vendor",
    "WebhookAttempt",
    "WebhookCursor",
    "WebhookDelivery",
    "WebhookEndpoint",
    "metadata",
]
