"""Engagements: propose, answer, end; capacity reserved and released exactly once.

Every change of status is one conditional UPDATE (``... WHERE status IN (allowed)``), and
every change of capacity is one conditional UPDATE on the service (``... WHERE capacity -
reserved >= volume``). Neither reads first and writes after, so two racing requests cannot
both succeed: on PostgreSQL the second waits for the first's row lock and then finds the
condition false; on SQLite writers hold the database lock from BEGIN. A CHECK constraint
(0 <= reserved <= capacity) backs the arithmetic up.
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import CursorResult, and_, exists, func, or_, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from api.auth import Principal, owns, require_role
from api.businesses.models import Business
from api.db import lock
from api.engagements import reputation
from api.engagements.models import (
    LIVE,
    Engagement,
    EngagementCompletion,
    EngagementPublic,
    EngagementStatus,
)
from api.errors import Conflict, FieldError, Invalid, NotFound
from api.events import service as events
from api.events.models import EventType
from api.ids import new_id
from api.keys.models import Role
from api.matches import adapters
from api.pagination import PageParams, paginate
from api.services.models import Service
from api.settings import Settings
from api.tasks.models import Task, TaskStatus
from api.vendors.models import Vendor
from matching import Reason, TaskSpec, check_one

BUSINESS_SIDE = (Role.admin, Role.partner, Role.business)
VENDOR_SIDE = (Role.admin, Role.partner, Role.vendor)
_S = EngagementStatus


def announce(*, session: Session, type: EventType, engagement: Engagement) -> None:
    """Record the event of a change to ``engagement``: both sides, and their partners, hear."""
    business_partner = session.execute(
        sa_select(col(Business.partner_id)).where(col(Business.id) == engagement.business_id)
    ).scalar_one_or_none()
    vendor_partner = session.execute(
        sa_select(col(Vendor.partner_id)).where(col(Vendor.id) == engagement.vendor_id)
    ).scalar_one_or_none()
    events.record(
        session=session,
        type=type,
        data=EngagementPublic.of(engagement).model_dump(mode="json"),
        audience=events.Audience(
            business_id=engagement.business_id,
            vendor_id=engagement.vendor_id,
            business_partner_id=business_partner,
            vendor_partner_id=vendor_partner,
        ),
        now=engagement.updated_at,
    )


def expire_overdue(*, session: Session, now: datetime) -> int:
    """Expire every unanswered proposal past its time, release what it held and announce
    each expiry. The worker runs this on its every tick; requests that show capacity or
    engagement status run it first too (api/deps.py), so expiry is exact to the second.
    Returns how many expired."""
    expired = session.execute(
        update(Engagement)
        .where(col(Engagement.status) == _S.proposed, col(Engagement.expires_at) <= now)
        .values(status=_S.expired.value, ended_at=now, updated_at=now)
        .returning(
            col(Engagement.id),
            col(Engagement.service_id),
            col(Engagement.task_id),
            col(Engagement.volume),
        )
    ).all()
    for row in expired:
        _release(session=session, service_id=row.service_id, volume=row.volume)
        _task_follows(session=session, task_id=row.task_id, status=TaskStatus.open)
    if expired:
        rows = session.exec(
            select(Engagement)
            .where(col(Engagement.id).in_([row.id for row in expired]))
            .order_by(col(Engagement.id))
            .execution_options(populate_existing=True)
        ).all()
        for engagement in rows:
            announce(session=session, type=EventType.engagement_expired, engagement=engagement)
    return len(expired)


def any_overdue(*, session: Session, now: datetime) -> bool:
    overdue = select(Engagement.id).where(
        col(Engagement.status) == _S.proposed, col(Engagement.expires_at) <= now
    )
    return bool(session.execute(sa_select(exists(overdue))).scalar())


def _release(*, session: Session, service_id: str | None, volume: int) -> None:
    if service_id is not None:
        session.execute(
            update(Service)
            .where(col(Service.id) == service_id)
            .values(reserved=col(Service.reserved) - volume)
        )


def _task_follows(*, session: Session, task_id: str | None, status: TaskStatus) -> None:
    """The task's status follows its engagement, unless the business closed or paused it."""
    if task_id is not None:
        session.execute(
            update(Task)
            .where(col(Task.id) == task_id, col(Task.status) == TaskStatus.engaged)
            .values(status=status.value)
        )


def _refused(reasons: Sequence[tuple[Reason, str]]) -> Conflict:
    sentences = "; ".join(detail for _, detail in reasons)
    return Conflict(
        f"The service cannot take this task: {sentences}.",
        extensions={"blockers": [{"reason": r.value, "detail": d} for r, d in reasons]},
    )


def _checked_quote(
    *, session: Session, settings: Settings, spec: TaskSpec, service: Service, now: datetime
) -> int:
    """The quote, if the service passes every hard constraint matching applies; else a 409
    naming each one it fails. Capacity is only advisory here: the reserving UPDATE decides
    it, so a proposal that fails on capacity alone goes on to that UPDATE."""
    offers = adapters.load_offers(session=session, service_id=service.id)
    if len(offers) != 1:  # deactivated since it was read
        raise Conflict("The service is not active.")
    verdict = check_one(spec, offers[0], config=settings.match_config(), at=now)
    if any(reason != Reason.capacity for reason, _ in verdict.blockers):
        raise _refused(verdict.blockers)
    return verdict.quote


def _ended_pairs(
    *, session: Session, settings: Settings, task_ids: Sequence[str], now: datetime, **where: str
) -> dict[tuple[str, str], tuple[datetime, str]]:
    """(task id, service id) -> (until when, why) for each pair of these tasks still cooling
    down: declined or expired within the cool-down, or withdrawn for less time than it was
    held. ``where`` narrows to one service (``service_id=...``).

    A withdrawn proposal (cancelled while still proposed) blocks the pair for as long as it
    held the capacity, so cancelling and re-proposing to keep a service booked holds it at
    most half the time, while a business that withdrew by mistake at once waits seconds.
    """
    cooldown = timedelta(seconds=settings.proposal_cooldown_seconds)
    horizon = now - max(cooldown, timedelta(seconds=settings.engagement_ttl_seconds))
    query = sa_select(
        col(Engagement.task_id),
        col(Engagement.service_id),
        col(Engagement.status),
        col(Engagement.created_at),
        col(Engagement.ended_at),
    ).where(
        col(Engagement.task_id).in_(task_ids),
        col(Engagement.ended_at) > horizon,
        or_(
            col(Engagement.status).in_((_S.declined, _S.expired)),
            and_(col(Engagement.status) == _S.cancelled, col(Engagement.accepted_at).is_(None)),
        ),
    )
    for column, value in where.items():
        query = query.where(getattr(Engagement, column) == value)
    blocked: dict[tuple[str, str], tuple[datetime, str]] = {}
    for row in session.execute(query):
        ended = row._mapping
        held = (
            cooldown if ended["status"] != _S.cancelled else ended["ended_at"] - ended["created_at"]
        )
        until = ended["ended_at"] + held
        pair = (ended["task_id"], ended["service_id"])
        if until > now and (pair not in blocked or blocked[pair] < (until, ended["status"])):
            blocked[pair] = (until, ended["status"])
    return blocked


def cooling_down_pairs(
    *, session: Session, settings: Settings, task_ids: Sequence[str], now: datetime
) -> set[tuple[str, str]]:
    """The (task id, service id) pairs of these tasks that cannot be proposed yet."""
    return set(_ended_pairs(session=session, settings=settings, task_ids=task_ids, now=now))


def _cooling_down(
    *, session: Session, settings: Settings, task: Task, service: Service, now: datetime
) -> None:
    """409 if the vendor declined this (task, service) pair, or let it expire, within the
    cool-down; or if the business withdrew a proposal of it for less time than it held it."""
    blocked = _ended_pairs(
        session=session, settings=settings, task_ids=[task.id], now=now, service_id=service.id
    )
    if not blocked:
        return
    until, status = blocked[(task.id, service.id)]
    why = {
        _S.declined: "The vendor declined this task on this service",
        _S.expired: "A proposal of this task to this service expired unanswered",
        _S.cancelled: "A proposal of this task to this service was withdrawn",
    }[_S(status)]
    stamp = until.astimezone(UTC).isoformat().replace("+00:00", "Z")
    raise Conflict(
        f"{why}; it can be proposed again from {stamp}.", extensions={"available_at": stamp}
    )


def _hold_open_slot(*, session: Session, settings: Settings, task: Task) -> None:
    """409 if the business already holds the most unanswered proposals it may.

    The business row is locked first (PostgreSQL; SQLite writers already hold the database
    lock), so concurrent proposals of one business count one at a time and cannot together
    pass the cap.
    """
    if task.business_id is None:
        return
    lock(session, Business, task.business_id)
    open_count = session.execute(
        sa_select(func.count()).where(
            col(Engagement.business_id) == task.business_id,
            col(Engagement.status) == _S.proposed,
        )
    ).scalar_one()
    limit = settings.max_open_proposals
    if open_count >= limit:
        raise Conflict(
            f"The business already has {open_count} unanswered proposals, the most it may "
            f"hold ({limit}); wait for answers or cancel one first."
        )


def propose(
    *, session: Session, settings: Settings, task: Task, service_id: str, now: datetime
) -> Engagement:
    service = session.get(Service, service_id)
    if service is None:
        raise Invalid(
            f"No service with id '{service_id}'.",
            errors=[
                FieldError(field="body.service_id", message="unknown service", code="not_found")
            ],
        )
    if service.task_type != task.task_type:
        raise Invalid(
            f"The service offers {service.task_type}, but the task is {task.task_type}.",
            errors=[
                FieldError(field="body.service_id", message="wrong task type", code="task_type")
            ],
        )
    if not service.active:
        raise Conflict("The service is not active.")
    if task.status != TaskStatus.open:
        raise Conflict(f"The task is {task.status}; only an open task can be engaged.")
    _hold_open_slot(session=session, settings=settings, task=task)
    _cooling_down(session=session, settings=settings, task=task, service=service, now=now)
    spec = adapters.task_spec(session=session, terms=task, weights=None)
    quote = _checked_quote(session=session, settings=settings, spec=spec, service=service, now=now)

    # Claim the task first, on the terms just read: a concurrent edit or proposal makes
    # this match no row. Then reserve; a failure there rolls the claim back with it.
    claimed: CursorResult[tuple[()]] = session.execute(  # type: ignore[assignment]
        update(Task)
        .where(
            col(Task.id) == task.id,
            col(Task.status) == TaskStatus.open,
            col(Task.volume) == task.volume,
            col(Task.task_type) == task.task_type,
        )
        .values(status=TaskStatus.engaged.value, updated_at=now)
    )
    if claimed.rowcount != 1:
        raise Conflict("The task changed or already has a live engagement; fetch it and retry.")
    reserved: CursorResult[tuple[()]] = session.execute(  # type: ignore[assignment]
        update(Service)
        .where(
            col(Service.id) == service.id,
            col(Service.active),
            col(Service.capacity) - col(Service.reserved) >= task.volume,
        )
        .values(reserved=col(Service.reserved) + task.volume)
    )
    if reserved.rowcount != 1:
        raise _refused(
            [
                (
                    Reason.capacity,
                    f"the service has less than the {task.volume:,} {spec.unit} a month this "
                    "task needs free",
                )
            ]
        )
    engagement = Engagement(
        id=new_id("eng"),
        task_id=task.id,
        business_id=task.business_id,
        service_id=service.id,
        vendor_id=service.vendor_id,
        task_type=task.task_type,
        volume=task.volume,
        quote_amount=quote,
        quote_currency=task.budget_currency,
        expires_at=now + timedelta(seconds=settings.engagement_ttl_seconds),
        created_at=now,
        updated_at=now,
    )
    session.add(engagement)
    session.flush()
    session.refresh(task)
    announce(session=session, type=EventType.engagement_proposed, engagement=engagement)
    return engagement


def _transition(
    *,
    session: Session,
    engagement: Engagement,
    allowed: tuple[EngagementStatus, ...],
    to: EngagementStatus,
    now: datetime,
    **values: object,
) -> None:
    """Move to ``to`` only from an ``allowed`` status, in one statement; 409 otherwise."""
    moved: CursorResult[tuple[()]] = session.execute(  # type: ignore[assignment]
        update(Engagement)
        .where(col(Engagement.id) == engagement.id, col(Engagement.status).in_(allowed))
        .values(status=to.value, updated_at=now, **values)
    )
    session.refresh(engagement)
    if moved.rowcount != 1:
        raise Conflict(
            f"The engagement is {engagement.status}; it cannot become {to.value} from there."
        )


def accept(*, session: Session, engagement: Engagement, now: datetime) -> Engagement:
    _transition(
        session=session,
        engagement=engagement,
        allowed=(_S.proposed,),
        to=_S.active,
        now=now,
        accepted_at=now,
    )
    announce(session=session, type=EventType.engagement_accepted, engagement=engagement)
    return engagement


def _end(
    *,
    session: Session,
    engagement: Engagement,
    allowed: tuple[EngagementStatus, ...],
    to: EngagementStatus,
    task_status: TaskStatus,
    now: datetime,
    **values: object,
) -> None:
    """Move a live engagement to an ended status, releasing its capacity exactly once."""
    _transition(
        session=session,
        engagement=engagement,
        allowed=allowed,
        to=to,
        now=now,
        ended_at=now,
        **values,
    )
    _release(session=session, service_id=engagement.service_id, volume=engagement.volume)
    _task_follows(session=session, task_id=engagement.task_id, status=task_status)


def decline(*, session: Session, engagement: Engagement, now: datetime) -> Engagement:
    _end(
        session=session,
        engagement=engagement,
        allowed=(_S.proposed,),
        to=_S.declined,
        task_status=TaskStatus.open,
        now=now,
    )
    announce(session=session, type=EventType.engagement_declined, engagement=engagement)
    return engagement


def cancel(*, session: Session, engagement: Engagement, now: datetime) -> Engagement:
    _end(
        session=session,
        engagement=engagement,
        allowed=(_S.proposed, _S.active),
        to=_S.cancelled,
        task_status=TaskStatus.open,
        now=now,
    )
    announce(session=session, type=EventType.engagement_cancelled, engagement=engagement)
    return engagement


def complete(
    *, session: Session, engagement: Engagement, data: EngagementCompletion, now: datetime
) -> Engagement:
    # Reputation and track record follow what counts: a rating from a business sharing the
    # vendor's owner moves nothing; a business's new rating replaces its last.
    with reputation.follow(
        session=session,
        vendor_ids=[engagement.vendor_id] if engagement.vendor_id else [],
        service_ids=[engagement.service_id] if engagement.service_id else [],
    ):
        _end(
            session=session,
            engagement=engagement,
            allowed=(_S.active,),
            to=_S.completed,
            task_status=TaskStatus.completed,
            now=now,
            rating=data.rating,
            review=data.review,
        )
    announce(session=session, type=EventType.engagement_completed, engagement=engagement)
    return engagement


def _business_side(principal: Principal, engagement: Engagement, partner_id: str | None) -> bool:
    return owns(principal, partner_id=partner_id, business_id=engagement.business_id)


def _vendor_side(principal: Principal, engagement: Engagement, partner_id: str | None) -> bool:
    return owns(principal, partner_id=partner_id, vendor_id=engagement.vendor_id)


def get_visible(
    *, session: Session, principal: Principal, engagement_id: str, side: str = "either"
) -> Engagement:
    """The engagement, if the caller is on the named side of it (or either); else 404.
    A role that can never be on that side gets 403."""
    roles = {"business": BUSINESS_SIDE, "vendor": VENDOR_SIDE}.get(side, tuple(Role))
    require_role(principal, *roles, action=f"act as the {side} side of engagements")
    row = session.execute(
        sa_select(Engagement, col(Business.partner_id), col(Vendor.partner_id))
        .outerjoin(Business, col(Business.id) == col(Engagement.business_id))
        .outerjoin(Vendor, col(Vendor.id) == col(Engagement.vendor_id))
        .where(col(Engagement.id) == engagement_id)
    ).first()
    if row is not None:
        engagement: Engagement
        engagement, business_partner, vendor_partner = row
        on_business = _business_side(principal, engagement, business_partner)
        on_vendor = _vendor_side(principal, engagement, vendor_partner)
        allowed = {"business": on_business, "vendor": on_vendor}.get(side, on_business or on_vendor)
        if allowed:
            return engagement
    raise NotFound(f"No engagement with id '{engagement_id}' is visible to this key.")


def list_for(
    *,
    session: Session,
    page: PageParams,
    status: EngagementStatus | None,
    task: Task | None = None,
    vendor: Vendor | None = None,
) -> tuple[Sequence[Engagement], str | None]:
    """A task's or a vendor's engagements, oldest first, optionally of one status."""
    query = select(Engagement)
    if task is not None:
        query = query.where(col(Engagement.task_id) == task.id)
    if vendor is not None:
        query = query.where(col(Engagement.vendor_id) == vendor.id)
    if status is not None:
        query = query.where(col(Engagement.status) == status.value)
    return paginate(session, query, col(Engagement.id), page)


def has_live(*, session: Session, **where: str) -> bool:
    """Whether any live engagement matches, e.g. ``has_live(session=s, task_id=...)``."""
    query = select(Engagement.id).where(col(Engagement.status).in_(LIVE))
    for column, value in where.items():
        query = query.where(getattr(Engagement, column) == value)
    return bool(session.execute(sa_select(exists(query))).scalar())
