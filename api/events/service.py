"""Recording events inside the writer's transaction, and reading the feed.

Ordering: each event takes the next value of the one-row counter (``event_counter``) with an
``UPDATE ... RETURNING`` in the writer's own transaction. On PostgreSQL the row lock that
update takes is held until the writer commits, so a second writer gets its number only after
the first has committed (or rolled back, giving its number up): numbers become visible in
the order they were handed out, and a reader that has seen ``seq`` n has seen every event
up to n. On SQLite a writer holds the database lock from BEGIN, which orders them anyway.
The cost is that writers of events queue for the counter between their event and their
commit; events are recorded last in each write, so that span is the commit itself.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from api.auth import Principal
from api.db import utcnow
from api.errors import FieldError, Invalid
from api.events.models import Event, EventCounter
from api.ids import new_id
from api.keys.models import Role


@dataclass(frozen=True)
class Audience:
    """Who may read an event besides the admin: the business and vendor it is about, and
    the partners that own them."""

    business_id: str | None = None
    vendor_id: str | None = None
    business_partner_id: str | None = None
    vendor_partner_id: str | None = None


def next_seq(*, session: Session) -> int:
    seq: int = session.execute(
        update(EventCounter)
        .where(col(EventCounter.id) == 1)
        .values(seq=col(EventCounter.seq) + 1)
        .returning(col(EventCounter.seq))
    ).scalar_one()
    return seq


def current_seq(*, session: Session) -> int:
    """The last number handed out that this transaction can see (no lock taken)."""
    seq: int = session.execute(
        select(EventCounter.seq).where(col(EventCounter.id) == 1)
    ).scalar_one()
    return seq


def record(
    *,
    session: Session,
    type: str,
    data: dict[str, Any],
    audience: Audience,
    now: datetime | None = None,
    endpoint_id: str | None = None,
) -> Event:
    """Add the event to the caller's transaction: it commits or rolls back with the change."""
    event = Event(
        id=new_id("evt"),
        seq=next_seq(session=session),
        type=type,
        created_at=now or utcnow(),
        data=data,
        business_id=audience.business_id,
        vendor_id=audience.vendor_id,
        business_partner_id=audience.business_partner_id,
        vendor_partner_id=audience.vendor_partner_id,
        endpoint_id=endpoint_id,
    )
    session.add(event)
    session.flush()
    return event


def visible_to(principal: Principal) -> Any:
    """The WHERE clause of the events a caller may read (None: all of them)."""
    match principal.role:
        case Role.admin:
            return None
        case Role.partner:
            return or_(
                col(Event.business_partner_id) == principal.partner_id,
                col(Event.vendor_partner_id) == principal.partner_id,
            )
        case Role.business:
            return col(Event.business_id) == principal.business_id
        case Role.vendor:
            return col(Event.vendor_id) == principal.vendor_id


def seq_of(*, session: Session, event_id: str) -> int:
    seq = session.execute(select(Event.seq).where(col(Event.id) == event_id)).scalar_one_or_none()
    if seq is None:
        raise Invalid(
            f"No event with id '{event_id}'; pass the id of an event this feed returned.",
            errors=[FieldError(field="query.after", message="Unknown event id", code="not_found")],
        )
    return int(seq)


def feed(
    *,
    session: Session,
    principal: Principal,
    after: str | None,
    types: Sequence[str],
    limit: int,
) -> tuple[Sequence[Event], str | None]:
    """The caller's events after ``after``, oldest first; and the id to read on from, if the
    page was full (there may be more)."""
    query = select(Event).where(col(Event.endpoint_id).is_(None))
    scope = visible_to(principal)
    if scope is not None:
        query = query.where(scope)
    if after:
        query = query.where(col(Event.seq) > seq_of(session=session, event_id=after))
    if types:
        query = query.where(col(Event.type).in_(types))
    rows = session.exec(query.order_by(col(Event.seq)).limit(limit + 1)).all()
    if len(rows) > limit:
        rows = rows[:limit]
        return rows, rows[-1].id
    return rows, None
