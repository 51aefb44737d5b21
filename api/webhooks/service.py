"""Webhook endpoints: who owns them, what they hear, their secrets and their deliveries."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.auth import Principal, owns
from api.businesses.models import Business
from api.db import lock
from api.errors import Conflict, FieldError, Invalid, NotFound
from api.events import service as events
from api.events.models import TEST_EVENT, Event
from api.ids import new_id
from api.keys.models import Partner, Role
from api.pagination import PageParams, paginate
from api.settings import Settings
from api.vendors.models import Vendor
from api.webhooks import signing, urls
from api.webhooks.models import (
    ALL_TYPES,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEndpointCreate,
    WebhookEndpointUpdate,
)

# How long the secret a rotation replaced still signs deliveries beside the new one.
ROTATION_OVERLAP = timedelta(hours=24)


def _checked_url(url: str, settings: Settings) -> str:
    try:
        return urls.check(url, allow_private=settings.webhook_allow_private)
    except urls.UrlRefused as exc:
        raise Invalid(
            f"The webhook URL is refused: it {exc}.",
            errors=[FieldError(field="body.url", message=f"The URL {exc}", code="url")],
        ) from exc


def _owner(session: Session, principal: Principal) -> dict[str, str | None]:
    """The owner columns of an endpoint this caller creates; its owner row is locked, so
    concurrent creations count against the limit one at a time."""
    owner: dict[str, str | None] = dict.fromkeys(("partner_id", "business_id", "vendor_id"))
    match principal.role:
        case Role.business:
            business = lock(session, Business, principal.business_id or "")
            owner.update(business_id=principal.business_id, partner_id=business.partner_id)
        case Role.vendor:
            vendor = lock(session, Vendor, principal.vendor_id or "")
            owner.update(vendor_id=principal.vendor_id, partner_id=vendor.partner_id)
        case Role.partner:
            lock(session, Partner, principal.partner_id or "")
            owner.update(partner_id=principal.partner_id)
    return owner


def create(
    *, session: Session, settings: Settings, principal: Principal, data: WebhookEndpointCreate
) -> tuple[WebhookEndpoint, str]:
    """The new endpoint and its secret, which is returned this once and stored sealed."""
    url = _checked_url(data.url, settings)
    secret = signing.new_secret()
    sealed = signing.seal(settings, secret)
    owner = _owner(session, principal)
    same_owner = [
        col(getattr(WebhookEndpoint, name)) == value
        if value is not None
        else col(getattr(WebhookEndpoint, name)).is_(None)
        for name, value in owner.items()
    ]
    held = session.execute(select(func.count()).where(*same_owner)).scalar_one()
    if held >= settings.webhook_max_endpoints:
        raise Conflict(
            f"This owner already has {held} webhook endpoints, the most it may hold "
            f"({settings.webhook_max_endpoints}); delete one or subscribe an existing one to "
            "more event types."
        )
    endpoint = WebhookEndpoint(
        id=new_id("whe"),
        url=url,
        description=data.description,
        event_types=data.event_types,
        enabled=data.enabled,
        secret_ciphertext=sealed,
        since_seq=events.current_seq(session=session),
        partner_id=owner["partner_id"],
        business_id=owner["business_id"],
        vendor_id=owner["vendor_id"],
    )
    session.add(endpoint)
    session.flush()
    return endpoint, secret


def _visible(principal: Principal, endpoint: WebhookEndpoint) -> bool:
    return owns(
        principal,
        partner_id=endpoint.partner_id,
        business_id=endpoint.business_id,
        vendor_id=endpoint.vendor_id,
    )


def get_visible(*, session: Session, principal: Principal, endpoint_id: str) -> WebhookEndpoint:
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or not _visible(principal, endpoint):
        raise NotFound(f"No webhook endpoint with id '{endpoint_id}' is visible to this key.")
    return endpoint


def list_for(
    *, session: Session, principal: Principal, page: PageParams
) -> tuple[Sequence[WebhookEndpoint], str | None]:
    query = select(WebhookEndpoint)
    match principal.role:
        case Role.partner:
            query = query.where(col(WebhookEndpoint.partner_id) == principal.partner_id)
        case Role.business:
            query = query.where(col(WebhookEndpoint.business_id) == principal.business_id)
        case Role.vendor:
            query = query.where(col(WebhookEndpoint.vendor_id) == principal.vendor_id)
    return paginate(session, query, col(WebhookEndpoint.id), page)


def update(
    *,
    session: Session,
    settings: Settings,
    endpoint: WebhookEndpoint,
    data: WebhookEndpointUpdate,
    now: datetime,
) -> WebhookEndpoint:
    changes = data.model_dump(exclude_unset=True)
    if "url" in changes:
        changes["url"] = _checked_url(changes["url"], settings)
    if changes.get("enabled") and not endpoint.enabled:
        # Re-enabled by its owner: a fresh start for the dead-endpoint clock.
        changes.update(disabled_reason=None, failing_since=None)
    for field, value in changes.items():
        setattr(endpoint, field, value)
    endpoint.updated_at = now
    session.add(endpoint)
    session.flush()
    return endpoint


def delete(*, session: Session, endpoint: WebhookEndpoint) -> None:
    session.delete(endpoint)
    session.flush()


def rotate_secret(
    *, session: Session, settings: Settings, endpoint: WebhookEndpoint, now: datetime
) -> str:
    """A new secret; the old one keeps signing beside it for 24 hours."""
    lock(session, WebhookEndpoint, endpoint.id)
    secret = signing.new_secret()
    endpoint.previous_secret_ciphertext = endpoint.secret_ciphertext
    endpoint.previous_secret_expires_at = now + ROTATION_OVERLAP
    endpoint.secret_ciphertext = signing.seal(settings, secret)
    endpoint.updated_at = now
    session.add(endpoint)
    session.flush()
    return secret


def signing_secrets(settings: Settings, endpoint: WebhookEndpoint, now: datetime) -> list[str]:
    """The secrets a delivery is signed with now: the current one, and the one a rotation
    replaced while its 24 hours last."""
    in_use = [signing.unseal(settings, endpoint.secret_ciphertext)]
    expires = endpoint.previous_secret_expires_at
    if endpoint.previous_secret_ciphertext and expires is not None and expires > now:
        in_use.append(signing.unseal(settings, endpoint.previous_secret_ciphertext))
    return in_use


def send_test(*, session: Session, endpoint: WebhookEndpoint, now: datetime) -> WebhookDelivery:
    """Queue a `webhook.test` event for this endpoint alone (never in the feed)."""
    event = events.record(
        session=session,
        type=TEST_EVENT,
        data={"endpoint_id": endpoint.id, "message": "A test delivery from Offload."},
        audience=events.Audience(),
        now=now,
        endpoint_id=endpoint.id,
    )
    delivery = new_delivery(endpoint=endpoint, event=event, now=now)
    session.add(delivery)
    session.flush()
    return delivery


def new_delivery(*, endpoint: WebhookEndpoint, event: Event, now: datetime) -> WebhookDelivery:
    """A delivery of ``event`` to ``endpoint``, due at once."""
    return WebhookDelivery(
        id=new_id("whd"),
        endpoint_id=endpoint.id,
        event_id=event.id,
        event_type=event.type,
        next_attempt_at=now,
        created_at=now,
        updated_at=now,
    )


def deliveries(
    *, session: Session, endpoint: WebhookEndpoint, page: PageParams
) -> tuple[Sequence[tuple[WebhookDelivery, list[WebhookAttempt]]], str | None]:
    rows, cursor = paginate(
        session,
        select(WebhookDelivery).where(col(WebhookDelivery.endpoint_id) == endpoint.id),
        col(WebhookDelivery.id),
        page,
    )
    attempts: dict[str, list[WebhookAttempt]] = {row.id: [] for row in rows}
    if rows:
        for attempt in session.exec(
            select(WebhookAttempt).where(col(WebhookAttempt.delivery_id).in_(list(attempts)))
        ).all():
            attempts[attempt.delivery_id].append(attempt)
    return [(row, attempts[row.id]) for row in rows], cursor


def hears(endpoint: WebhookEndpoint, event: Event) -> bool:
    """Whether ``event`` is one ``endpoint`` subscribed to and its owner may read: the
    same rule as the feed (api/events/service.py)."""
    if ALL_TYPES not in endpoint.event_types and event.type not in endpoint.event_types:
        return False
    if endpoint.business_id is not None:
        return event.business_id == endpoint.business_id
    if endpoint.vendor_id is not None:
        return event.vendor_id == endpoint.vendor_id
    if endpoint.partner_id is not None:
        return endpoint.partner_id in (event.business_partner_id, event.vendor_partner_id)
    return True
