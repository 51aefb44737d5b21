"""Business profiles: queries and rules. Services flush; the request edge commits."""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from api.auth import Principal, owns, require_role
from api.businesses.models import Business, BusinessCreate, BusinessUpdate, business_columns
from api.db import lock, utcnow
from api.engagements import service as engagements
from api.errors import Conflict, FieldError, Invalid, NotFound
from api.events.models import EventType
from api.ids import new_id
from api.keys.models import Role
from api.money import convertible
from api.pagination import PageParams, paginate
from api.tasks import service as tasks
from api.tasks.models import Task

READERS = (Role.admin, Role.partner, Role.business)
OWNERS = (Role.admin, Role.partner)


def _check_hourly_value(business: Business, rates: dict[str, float], field: str) -> None:
    """An hourly value the advisor cannot weigh against the business's prices is refused."""
    value, currency = business.hourly_value_currency, business.currency
    if value is None or convertible(value, currency, rates):
        return
    message = f"no exchange rate links the hourly value's {value} with the business's {currency}"
    raise Invalid(
        f"The hourly value cannot be compared with prices: {message}.",
        errors=[FieldError(field=field, message=message, code="currency")],
    )


def create(
    *, session: Session, principal: Principal, data: BusinessCreate, rates: dict[str, float]
) -> Business:
    require_role(principal, *OWNERS, action="create businesses")
    business = Business(id=new_id("biz"), partner_id=principal.partner_id, **business_columns(data))
    _check_hourly_value(business, rates, "body.hourly_value.currency")
    session.add(business)
    session.flush()
    return business


def list_visible(
    *, session: Session, principal: Principal, page: PageParams
) -> tuple[Sequence[Business], str | None]:
    require_role(principal, *READERS, action="list businesses")
    query = select(Business)
    match principal.role:
        case Role.partner:
            query = query.where(Business.partner_id == principal.partner_id)
        case Role.business:
            query = query.where(Business.id == principal.business_id)
    return paginate(session, query, col(Business.id), page)


def get_visible(
    *,
    session: Session,
    principal: Principal,
    business_id: str,
    action: str = "read businesses",
    roles: tuple[Role, ...] = READERS,
) -> Business:
    """The business, if this caller may act on it; 403 for a role that never may, else 404."""
    require_role(principal, *roles, action=action)
    business = session.get(Business, business_id)
    if business is None or not owns(
        principal, partner_id=business.partner_id, business_id=business.id
    ):
        raise NotFound(f"No business with id '{business_id}' is visible to this key.")
    return business


def update(
    *, session: Session, business: Business, data: BusinessUpdate, rates: dict[str, float]
) -> Business:
    changes = business_columns(data)
    for field, value in changes.items():
        setattr(business, field, value)
    blamed = "body.hourly_value.currency" if "hourly_value_currency" in changes else "body.currency"
    _check_hourly_value(business, rates, blamed)
    business.updated_at = utcnow()
    session.add(business)
    session.flush()
    return business


def delete(*, session: Session, business: Business) -> None:
    # Lock the business, then its tasks: a proposal locks the business row and then claims
    # its task row, so the two cannot interleave, and take their locks in the same order.
    lock(session, Business, business.id)
    session.exec(select(Task.id).where(Task.business_id == business.id).with_for_update()).all()
    if engagements.has_live(session=session, business_id=business.id):
        raise Conflict("The business has live engagements; end them before deleting it.")
    # Its tasks go with it (ON DELETE CASCADE): each is announced, as a deletion of its own.
    for task in session.exec(select(Task).where(Task.business_id == business.id)).all():
        tasks.announce(session=session, type=EventType.task_deleted, task=task)
    session.delete(business)
    session.flush()
