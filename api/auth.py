"""Who is calling: API-key authentication and the role and ownership rules.

Every ownership decision lives here, so a route cannot forget one: dependencies in
``api/deps.py`` call these to turn a path id into an object the caller may touch.
"""

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from api.errors import Forbidden, Unauthorized
from api.keys.models import ApiKey, Role
from api.logs import note_key
from api.settings import Settings

SECRET_PREFIX = "ofk_"  # noqa: S105 - a public marker, not a secret


@dataclass(frozen=True)
class Principal:
    role: Role
    key_id: str | None = None
    partner_id: str | None = None
    business_id: str | None = None
    vendor_id: str | None = None
    # When the caller's key stops working; None for keys without expiry and the admin key
    # from settings. The keys it creates may not outlive it.
    expires_at: datetime | None = None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.admin


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


LAST_USED_RESOLUTION = timedelta(minutes=1)


def authenticate(
    *,
    session: Session,
    settings: Settings,
    token: str | None,
    now: datetime,
    stale_last_used: Callable[[str], None] = lambda key_id: None,
) -> Principal:
    """The caller behind ``token``; ``stale_last_used`` is told of a key whose last-used
    time is more than a minute old, to refresh it."""
    if not token:
        raise Unauthorized("Send an API key as 'Authorization: Bearer <key>'.")
    if settings.admin_key is not None:
        admin = settings.admin_key.get_secret_value()
        if admin and hmac.compare_digest(token.encode(), admin.encode()):
            note_key("settings-admin-key")
            return Principal(role=Role.admin)
    if not token.startswith(SECRET_PREFIX) or len(token) > 200:
        raise Unauthorized("The API key is not valid.")
    key = session.exec(select(ApiKey).where(ApiKey.secret_hash == hash_secret(token))).first()
    if key is None or key.revoked_at is not None:
        raise Unauthorized("The API key is not valid.")
    if key.expires_at is not None and key.expires_at <= now:
        raise Unauthorized("The API key has expired.")
    if key.last_used_at is None or key.last_used_at <= now - LAST_USED_RESOLUTION:
        stale_last_used(key.id)
    note_key(key.id)
    return Principal(
        role=Role(key.role),
        key_id=key.id,
        partner_id=key.partner_id,
        business_id=key.business_id,
        vendor_id=key.vendor_id,
        expires_at=key.expires_at,
    )


def require_role(principal: Principal, *roles: Role, action: str) -> None:
    """403 unless the caller's role is one that may ever ``action``."""
    if principal.role not in roles:
        raise Forbidden(f"A {principal.role} key may not {action}.")


def owns(
    principal: Principal,
    *,
    partner_id: str | None,
    business_id: str | None = None,
    vendor_id: str | None = None,
) -> bool:
    """Whether the caller may act for an object owned by ``partner_id``.

    Pass ``business_id`` or ``vendor_id`` for objects a business or vendor key may act on.
    """
    match principal.role:
        case Role.admin:
            return True
        case Role.partner:
            return partner_id is not None and partner_id == principal.partner_id
        case Role.business:
            return business_id is not None and business_id == principal.business_id
        case Role.vendor:
            return vendor_id is not None and vendor_id == principal.vendor_id
