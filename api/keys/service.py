"""API keys: issue, list and revoke. The secret exists only in the creation response."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, false, or_
from sqlmodel import Session, col, select

from api.auth import Principal, hash_secret, new_secret, require_role
from api.businesses.models import Business
from api.db import utcnow
from api.errors import FieldError, Forbidden, Invalid, NotFound
from api.ids import new_id
from api.keys.models import ApiKey, ApiKeyCreate, Partner, Role
from api.pagination import PageParams, paginate
from api.vendors.models import Vendor


def _unknown(field: str, what: str, value: str) -> Invalid:
    return Invalid(
        f"No {what} with id '{value}' is visible to this key.",
        errors=[FieldError(field=f"body.{field}", message=f"unknown {what}", code="not_found")],
    )


def _partner_for_new_key(*, session: Session, principal: Principal, data: ApiKeyCreate) -> str:
    if principal.role is Role.partner:
        if data.partner_id not in (None, principal.partner_id):
            raise _unknown("partner_id", "partner", data.partner_id or "")
        assert principal.partner_id is not None
        return principal.partner_id
    if data.partner_id is not None:
        if session.get(Partner, data.partner_id) is None:
            raise _unknown("partner_id", "partner", data.partner_id)
        return data.partner_id
    partner = Partner(id=new_id("ptn"), name=data.name)
    session.add(partner)
    session.flush()
    return partner.id


def _check_bound_object(*, session: Session, principal: Principal, data: ApiKeyCreate) -> None:
    """A partner may only issue business and vendor keys for objects it owns."""
    business = data.role is Role.business
    field, what = ("business_id", "business") if business else ("vendor_id", "vendor")
    object_id = data.business_id if business else data.vendor_id
    assert object_id is not None  # ApiKeyCreate requires the id its role binds to
    found = session.get(Business, object_id) if business else session.get(Vendor, object_id)
    if found is None or (
        principal.role is Role.partner and found.partner_id != principal.partner_id
    ):
        raise _unknown(field, what, object_id)


def _expiry(*, principal: Principal, requested: datetime | None) -> datetime | None:
    """A key never outlives the key that creates it, or a key could mint itself a longer
    life: without an expiry of its own it inherits its creator's; a later one is refused."""
    limit = principal.expires_at
    if limit is None:
        return requested
    if requested is None:
        return limit
    if requested > limit:
        raise Invalid(
            "A key cannot outlive the key that creates it.",
            errors=[
                FieldError(
                    field="body.expires_at",
                    message=f"must not be later than this key's own expiry, "
                    f"{limit.isoformat().replace('+00:00', 'Z')}",
                    code="outlives_creator",
                )
            ],
        )
    return requested


def create(*, session: Session, principal: Principal, data: ApiKeyCreate) -> tuple[ApiKey, str]:
    """The new key and its secret (returned once, never stored)."""
    require_role(principal, Role.admin, Role.partner, action="create API keys")
    if data.role is Role.admin and not principal.is_admin:
        raise Forbidden("Only an admin may create admin keys.")
    expires_at = _expiry(principal=principal, requested=data.expires_at)
    partner_id = None
    if data.role is Role.partner:
        partner_id = _partner_for_new_key(session=session, principal=principal, data=data)
    elif data.role in (Role.business, Role.vendor):
        _check_bound_object(session=session, principal=principal, data=data)
    secret = new_secret()
    key = ApiKey(
        id=new_id("key"),
        name=data.name,
        role=data.role.value,
        secret_hash=hash_secret(secret),
        prefix=secret[:12],
        partner_id=partner_id,
        business_id=data.business_id,
        vendor_id=data.vendor_id,
        created_by=principal.key_id,
        expires_at=expires_at,
    )
    session.add(key)
    session.flush()
    return key, secret


def _visible(principal: Principal) -> ColumnElement[bool]:
    match principal.role:
        case Role.admin:
            return col(ApiKey.id).is_not(None)
        case Role.partner:
            owned_businesses = select(Business.id).where(
                Business.partner_id == principal.partner_id
            )
            owned_vendors = select(Vendor.id).where(Vendor.partner_id == principal.partner_id)
            return or_(
                col(ApiKey.partner_id) == principal.partner_id,
                col(ApiKey.business_id).in_(owned_businesses),
                col(ApiKey.vendor_id).in_(owned_vendors),
            )
        case Role.business:
            return col(ApiKey.business_id) == principal.business_id
        case Role.vendor:
            return col(ApiKey.vendor_id) == principal.vendor_id
    return false()


def list_visible(
    *, session: Session, principal: Principal, page: PageParams
) -> tuple[Sequence[ApiKey], str | None]:
    return paginate(session, select(ApiKey).where(_visible(principal)), col(ApiKey.id), page)


def revoke(*, session: Session, principal: Principal, key_id: str) -> None:
    """Revoke a key this caller can see; revoking twice is harmless."""
    key = session.exec(select(ApiKey).where(ApiKey.id == key_id, _visible(principal))).first()
    if key is None:
        raise NotFound(f"No API key with id '{key_id}' is visible to this key.")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        session.add(key)
        session.flush()
