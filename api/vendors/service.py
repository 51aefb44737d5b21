"""Vendor profiles: queries and rules. Any key may read vendors; only their owners write."""

from collections.abc import Collection, Sequence

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.auth import Principal, owns, require_role
from api.db import json_array_contains, utcnow
from api.engagements import service as engagements
from api.errors import Conflict, NotFound
from api.events.models import EventType
from api.ids import new_id
from api.keys.models import Role
from api.pagination import PageParams, paginate
from api.services import service as services
from api.services.models import Service
from api.vendors.models import Vendor, VendorCreate, VendorUpdate

CREATORS = (Role.admin, Role.partner)
EDITORS = (Role.admin, Role.partner, Role.vendor)


def by_external_ref(
    *, session: Session, partner_id: str | None, refs: Collection[str]
) -> dict[str, Vendor]:
    """The vendors of this owner (a partner, or None: no partner) with these references."""
    if not refs:
        return {}
    owner = Vendor.partner_id == partner_id if partner_id else col(Vendor.partner_id).is_(None)
    found: dict[str, Vendor] = {}
    unique = sorted(set(refs))
    for start in range(0, len(unique), 500):  # below every driver's parameter limit
        rows = session.exec(
            select(Vendor).where(owner, col(Vendor.external_ref).in_(unique[start : start + 500]))
        ).all()
        found.update({v.external_ref: v for v in rows if v.external_ref is not None})
    return found


def create(*, session: Session, principal: Principal, data: VendorCreate) -> Vendor:
    require_role(principal, *CREATORS, action="create vendors")
    if data.external_ref is not None:
        taken = by_external_ref(
            session=session, partner_id=principal.partner_id, refs=[data.external_ref]
        )
        if taken:
            raise Conflict(
                f"Vendor '{taken[data.external_ref].id}' already has external_ref "
                f"'{data.external_ref}'; update that vendor or use another reference."
            )
    vendor = Vendor(
        id=new_id("ven"), partner_id=principal.partner_id, **data.model_dump(mode="json")
    )
    session.add(vendor)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:  # a concurrent create won the race for the same reference
        raise Conflict(
            f"Another vendor already has external_ref '{data.external_ref}'; update that "
            "vendor or use another reference."
        ) from exc
    return vendor


def list_filtered(
    *,
    session: Session,
    page: PageParams,
    task_type: str | None = None,
    country: str | None = None,
    language: str | None = None,
) -> tuple[Sequence[Vendor], str | None]:
    query = select(Vendor)
    if country is not None:
        query = query.where(Vendor.country == country)
    if language is not None:
        query = query.where(json_array_contains(Vendor.languages, language))
    if task_type is not None:
        offers = select(Service.id).where(
            Service.vendor_id == Vendor.id, Service.task_type == task_type, col(Service.active)
        )
        query = query.where(offers.exists())
    return paginate(session, query, col(Vendor.id), page)


def get(*, session: Session, vendor_id: str) -> Vendor:
    vendor = session.get(Vendor, vendor_id)
    if vendor is None:
        raise NotFound(f"No vendor with id '{vendor_id}'.")
    return vendor


def get_editable(
    *,
    session: Session,
    principal: Principal,
    vendor_id: str,
    action: str,
    roles: tuple[Role, ...] = EDITORS,
) -> Vendor:
    """The vendor, if this caller may change it: 403 for a role that never may, 404 for
    someone else's vendor, as for every object a caller does not own."""
    require_role(principal, *roles, action=action)
    vendor = get(session=session, vendor_id=vendor_id)
    if not owns(principal, partner_id=vendor.partner_id, vendor_id=vendor.id):
        raise NotFound(f"No vendor with id '{vendor_id}' is editable by this key.")
    return vendor


def update(*, session: Session, vendor: Vendor, data: VendorUpdate) -> Vendor:
    for field, value in data.model_dump(exclude_unset=True, mode="json").items():
        setattr(vendor, field, value)
    vendor.updated_at = utcnow()
    session.add(vendor)
    session.flush()
    return vendor


def delete(*, session: Session, vendor: Vendor) -> None:
    # Lock its services: a proposal updates its service row, so the two cannot interleave.
    session.exec(select(Service.id).where(Service.vendor_id == vendor.id).with_for_update()).all()
    if engagements.has_live(session=session, vendor_id=vendor.id):
        raise Conflict("The vendor has live engagements; they must end before it is deleted.")
    # Its services go with it (ON DELETE CASCADE): each is announced, as a deletion of its own.
    for service in session.exec(select(Service).where(Service.vendor_id == vendor.id)).all():
        services.announce(session=session, type=EventType.service_deleted, service=service)
    session.delete(vendor)
    session.flush()
