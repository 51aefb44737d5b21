"""The worker's side of webhooks: fan events out into deliveries, claim the due ones, send
them signed, and record each attempt.

Claims: a delivery is claimed by setting ``claimed_until`` (a lease) and a fresh
``claim_token`` in a short transaction of its own, found with ``FOR UPDATE SKIP LOCKED`` on
PostgreSQL (two workers never claim the same row; neither waits for the other) and under
the write lock on SQLite. The HTTP request goes out after that transaction commits, so no
database lock is held while a receiver takes its time. A worker killed mid-delivery leaves
its claim to lapse, and another worker sends the delivery again: at least once, never two
workers at once while a claim lasts.
"""

import json
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from api.db import lock
from api.events import service as events
from api.events.models import Event, EventPublic
from api.ids import new_id
from api.settings import Settings
from api.webhooks import signing
from api.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookCursor,
    WebhookDelivery,
    WebhookEndpoint,
)
from api.webhooks.service import hears, new_delivery, signing_secrets

FAN_OUT_BATCH = 500


def fan_out_pending(*, session: Session) -> bool:
    """Whether events wait to be fanned out (a read: an idle worker takes no write lock)."""
    cursor = session.exec(select(WebhookCursor.seq).where(col(WebhookCursor.id) == 1)).one()
    return bool(cursor < events.current_seq(session=session))


def _due(now: datetime) -> Any:
    return (
        col(WebhookDelivery.status) == DeliveryStatus.pending.value,
        col(WebhookDelivery.next_attempt_at) <= now,
        or_(
            col(WebhookDelivery.claimed_until).is_(None),
            col(WebhookDelivery.claimed_until) <= now,
        ),
    )


def any_due(*, session: Session, now: datetime) -> bool:
    """Whether any delivery is due (a read, like :func:`fan_out_pending`)."""
    return session.exec(select(WebhookDelivery.id).where(*_due(now)).limit(1)).first() is not None


def fan_out(*, session: Session, now: datetime) -> int:
    """Turn the events after the cursor into deliveries for the endpoints that hear them,
    and move the cursor, in the caller's (write) transaction. Returns deliveries made."""
    cursor = session.exec(
        select(WebhookCursor).where(col(WebhookCursor.id) == 1).with_for_update()
    ).one()
    # The counter first: every event numbered up to it has committed (api/events/service.py),
    # so once they are read the cursor may move to it even past numbers no event holds.
    top = events.current_seq(session=session)
    batch = session.exec(
        select(Event)
        .where(col(Event.seq) > cursor.seq, col(Event.seq) <= top)
        .order_by(col(Event.seq))
        .limit(FAN_OUT_BATCH)
    ).all()
    endpoints = session.exec(select(WebhookEndpoint).where(col(WebhookEndpoint.enabled))).all()
    made = 0
    for event in batch:
        if event.endpoint_id is not None:
            continue  # a test ping: its one delivery was made with it
        for endpoint in endpoints:
            if event.seq > endpoint.since_seq and hears(endpoint, event):
                session.add(new_delivery(endpoint=endpoint, event=event, now=now))
                made += 1
    cursor.seq = batch[-1].seq if len(batch) == FAN_OUT_BATCH else top
    session.add(cursor)
    session.flush()
    return made


@dataclass(frozen=True)
class Claim:
    delivery_id: str
    token: str


def claim_due(*, session: Session, settings: Settings, now: datetime, limit: int) -> list[Claim]:
    """Claim up to ``limit`` due deliveries of enabled endpoints for this worker."""
    due = session.exec(
        select(WebhookDelivery)
        .join(WebhookEndpoint, col(WebhookEndpoint.id) == col(WebhookDelivery.endpoint_id))
        .where(*_due(now), col(WebhookEndpoint.enabled))
        .order_by(col(WebhookDelivery.next_attempt_at), col(WebhookDelivery.id))
        .limit(limit)
        .with_for_update(skip_locked=True, of=WebhookDelivery)
    ).all()
    lease = now + timedelta(seconds=settings.webhook_claim_seconds)
    claims = []
    for delivery in due:
        delivery.claimed_until = lease
        delivery.claim_token = secrets.token_hex(8)
        session.add(delivery)
        claims.append(Claim(delivery_id=delivery.id, token=delivery.claim_token))
    session.flush()
    return claims


@dataclass(frozen=True)
class Request:
    """Everything one attempt needs, read before the HTTP request goes out."""

    url: str
    body: bytes
    secrets: list[str]
    event_id: str


def prepare(*, session: Session, settings: Settings, claim: Claim, now: datetime) -> Request | None:
    row = session.exec(
        select(WebhookDelivery, WebhookEndpoint, Event)
        .join(WebhookEndpoint, col(WebhookEndpoint.id) == col(WebhookDelivery.endpoint_id))
        .join(Event, col(Event.id) == col(WebhookDelivery.event_id))
        .where(col(WebhookDelivery.id) == claim.delivery_id)
    ).first()
    if row is None or row[0].claim_token != claim.token:
        return None  # deleted meanwhile, or the claim lapsed and another worker has it
    _, endpoint, event = row
    body = json.dumps(
        EventPublic.of(event).model_dump(mode="json"), separators=(",", ":"), ensure_ascii=False
    ).encode()
    return Request(
        url=endpoint.url,
        body=body,
        secrets=signing_secrets(settings, endpoint, now),
        event_id=event.id,
    )


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str | None
    duration_ms: int

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def send(client: httpx.Client, request: Request, *, timestamp: int) -> Outcome:
    """POST the event, signed; a 2xx within the client's 10 s is success. The response body
    is never read: a receiver cannot make the worker download anything."""
    headers = signing.headers(
        request.secrets, msg_id=request.event_id, timestamp=timestamp, body=request.body
    )
    started = time.perf_counter()
    try:
        with client.stream("POST", request.url, content=request.body, headers=headers) as response:
            status: int | None = response.status_code
    except httpx.HTTPError as exc:
        elapsed = int((time.perf_counter() - started) * 1000)
        return Outcome(status_code=None, error=_describe(exc), duration_ms=elapsed)
    elapsed = int((time.perf_counter() - started) * 1000)
    error = None
    if status is not None and not 200 <= status < 300:
        error = f"HTTP {status}" + (" (redirects are not followed)" if 300 <= status < 400 else "")
    return Outcome(status_code=status, error=error, duration_ms=elapsed)


def _describe(exc: httpx.HTTPError) -> str:
    kind = "timed out after 10 s" if isinstance(exc, httpx.TimeoutException) else "failed"
    return f"{type(exc).__name__}: {kind}: {exc}"[:500]


def record(
    *,
    session: Session,
    settings: Settings,
    claim: Claim,
    outcome: Outcome,
    started_at: datetime,
    now: datetime,
) -> None:
    """Record the attempt; on failure schedule the next or give up; on the endpoint, keep
    the clock of how long everything has failed, and disable it when that is too long."""
    delivery = lock(session, WebhookDelivery, claim.delivery_id)
    if delivery is None:
        return
    number = delivery.attempt_count + 1
    session.add(
        WebhookAttempt(
            id=new_id("wha"),
            delivery_id=delivery.id,
            number=number,
            started_at=started_at,
            duration_ms=outcome.duration_ms,
            status_code=outcome.status_code,
            error=outcome.error,
            succeeded=outcome.succeeded,
        )
    )
    if delivery.claim_token != claim.token:
        session.flush()  # another worker owns it now; the attempt happened all the same
        return
    delivery.attempt_count = number
    delivery.claimed_until = None
    delivery.claim_token = None
    delivery.updated_at = now
    schedule = settings.webhook_retry_schedule
    if outcome.succeeded:
        delivery.status = DeliveryStatus.succeeded.value
        delivery.next_attempt_at = None
    elif number <= len(schedule):
        delivery.next_attempt_at = now + timedelta(seconds=schedule[number - 1])
    else:
        delivery.status = DeliveryStatus.failed.value
        delivery.next_attempt_at = None
    session.add(delivery)
    _endpoint_health(
        session=session,
        settings=settings,
        endpoint_id=delivery.endpoint_id,
        succeeded=outcome.succeeded,
        now=now,
    )
    session.flush()


def _endpoint_health(
    *, session: Session, settings: Settings, endpoint_id: str, succeeded: bool, now: datetime
) -> None:
    if succeeded:
        session.execute(
            update(WebhookEndpoint)
            .where(col(WebhookEndpoint.id) == endpoint_id)
            .values(failing_since=None)
        )
        return
    session.execute(
        update(WebhookEndpoint)
        .where(col(WebhookEndpoint.id) == endpoint_id, col(WebhookEndpoint.failing_since).is_(None))
        .values(failing_since=now)
    )
    limit = timedelta(seconds=settings.webhook_disable_after_seconds)
    session.execute(
        update(WebhookEndpoint)
        .where(
            col(WebhookEndpoint.id) == endpoint_id,
            col(WebhookEndpoint.enabled),
            col(WebhookEndpoint.failing_since) <= now - limit,
        )
        .values(
            enabled=False,
            updated_at=now,
            disabled_reason=(
                f"Every delivery failed for {_span(limit)} (since the last success); "
                "re-enable it with PATCH enabled=true once the receiver is fixed."
            ),
        )
    )


def _span(limit: timedelta) -> str:
    days = limit.total_seconds() / 86400
    return f"{days:g} days" if days >= 1 else f"{limit.total_seconds():g} seconds"
