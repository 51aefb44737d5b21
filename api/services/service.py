"""Services: what a vendor offers. Any key may read them; the vendor's owners write."""

from collections.abc import Sequence

from sqlalchemy import CursorResult
from sqlalchemy import update as update_rows
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.db import lock, utcnow
from api.engagements import service as engagements
from api.errors import Conflict, NotFound
from api.events import service as events
from api.events.models import EventType
from api.ids import new_id
from api.pagination import PageParams, paginate
from api.services.models import (
    Service,
    ServiceCreate,
    ServicePublic,
    ServiceUpdate,
    service_columns,
)
from api.taxonomy.service import ensure_known
from api.vendors.models import Vendor


def announce(*, session: Session, type: EventType, service: Service) -> None:
    """Record the event of a change to ``service``, with the service as its GET shows it."""
    partner_id = session.execute(
        select(Vendor.partner_id).where(Vendor.id == service.vendor_id)
    ).scalar_one_or_none()
    events.record(
        session=session,
        type=type,
        data=ServicePublic.of(service).model_dump(mode="json"),
        audience=events.Audience(vendor_id=service.vendor_id, vendor_partner_id=partner_id),
    )


def create(*, session: Session, vendor: Vendor, data: ServiceCreate) -> Service:
    ensure_known(session=session, key=data.task_type)
    service = Service(id=new_id("svc"), vendor_id=vendor.id, **service_columns(data))
    duplicate = select(Service.id).where(
        Service.vendor_id == vendor.id, Service.task_type == data.task_type
    )
    if session.exec(duplicate).first() is not None:
        raise Conflict(
            f"Vendor '{vendor.id}' already offers {data.task_type}; update that service instead."
        )
    session.add(service)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:  # a concurrent create won the race for the same type
        raise Conflict(f"Vendor '{vendor.id}' already offers {data.task_type}.") from exc
    announce(session=session, type=EventType.service_created, service=service)
    return service


def list_for_vendor(
    *, session: Session, vendor: Vendor, page: PageParams
) -> tuple[Sequence[Service], str | None]:
    query = select(Service).where(Service.vendor_id == vendor.id)
    return paginate(session, query, col(Service.id), page)


def get(*, session: Session, vendor: Vendor, service_id: str) -> Service:
    service = session.get(Service, service_id)
    if service is None or service.vendor_id != vendor.id:
        raise NotFound(f"Vendor '{vendor.id}' has no service with id '{service_id}'.")
    return service


def update(*, session: Session, service: Service, data: ServiceUpdate) -> Service:
    values = data.model_dump(exclude_unset=True, exclude={"pricing", "targeting"}, mode="json")
    capacity = values.pop("capacity", None)
    if capacity is not None:
        # One conditional statement, so a proposal racing this change cannot slip between
        # a check and a write.
        lowered: CursorResult[tuple[()]] = session.execute(  # type: ignore[assignment]
            update_rows(Service)
            .where(col(Service.id) == service.id, col(Service.reserved) <= capacity)
            .values(capacity=capacity)
        )
        session.refresh(service)
        if lowered.rowcount != 1:
            raise Conflict(
                f"Capacity {capacity} is below the {service.reserved} units already reserved "
                "by live engagements."
            )
    for field, value in values.items():
        setattr(service, field, value)
    if data.pricing is not None:
        service.set_pricing(data.pricing)
    if data.targeting is not None:
        service.set_targeting(data.targeting)
    service.updated_at = utcnow()
    session.add(service)
    session.flush()
    announce(session=session, type=EventType.service_updated, service=service)
    return service


def delete(*, session: Session, service: Service) -> None:
    lock(session, Service, service.id)
    if engagements.has_live(session=session, service_id=service.id):
        raise Conflict("The service has live engagements; end them before removing it.")
    announce(session=session, type=EventType.service_deleted, service=service)
    session.delete(service)
    session.flush()
