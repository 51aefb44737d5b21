"""A vendor's reputation and a service's track record follow the engagements that count:
each change is recomputed from them, never a blind increment.

What counts: a completed engagement whose business does not share an owner with the vendor.
Two objects share an owner when the same partner created both; objects an admin created have
no partner and share an owner with nothing. A partner owning both sides would otherwise rate
its own vendor, and that rating ranks the vendor for every business. For the rating, one
business's ratings of one vendor count once: its latest. The track record
(``services.completed_count``) counts every such completion, since repeat work for an
unrelated business is real work.

A rating is judged when it is given. Deleting its business later changes nothing stored (a
self-dealt rating never counted, so deleting the business does not make it count); only a
full recount, as migration 0009 does, leaves out engagements whose business is gone, since
their owner can no longer be checked.
"""

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from api.businesses.models import Business
from api.db import lock
from api.engagements.models import Engagement, EngagementStatus
from api.services.models import Service
from api.vendors.models import Vendor


def _arms_length() -> ColumnElement[bool]:
    """The engagement's business and vendor do not share an owner."""
    return or_(
        col(Business.partner_id).is_(None),
        col(Vendor.partner_id).is_(None),
        col(Business.partner_id) != col(Vendor.partner_id),
    )


def _counted() -> Select[Any]:
    """Completed engagements with a business and vendor at arm's length (joins only)."""
    return (
        sa_select()
        .select_from(Engagement)
        .join(Business, col(Business.id) == col(Engagement.business_id))
        .join(Vendor, col(Vendor.id) == col(Engagement.vendor_id))
        .where(col(Engagement.status) == EngagementStatus.completed.value, _arms_length())
    )


def _lock(session: Session, model: type[Vendor] | type[Service], ids: list[str]) -> None:
    """Lock the rows before reading what counts: two completions for one vendor at once
    would otherwise each move the aggregate by a difference that misses the other's rating
    (PostgreSQL, READ COMMITTED). The second waits here and then reads the first's committed
    engagement. On SQLite writers already hold the database lock. In id order, so lockers
    never cross."""
    for object_id in ids:
        lock(session, model, object_id)


def _ratings(*, session: Session, vendor_ids: Collection[str]) -> dict[str, tuple[int, int]]:
    """Each vendor's (sum, count) of the ratings that count, in one aggregate query."""
    newest_first = func.row_number().over(
        partition_by=(col(Engagement.vendor_id), col(Engagement.business_id)),
        order_by=(col(Engagement.ended_at).desc(), col(Engagement.id).desc()),
    )
    rated = (
        _counted()
        .add_columns(
            col(Engagement.vendor_id).label("vendor_id"),
            col(Engagement.rating).label("rating"),
            newest_first.label("newest"),
        )
        .where(col(Engagement.vendor_id).in_(vendor_ids), col(Engagement.rating).is_not(None))
        .subquery()
    )
    totals = dict.fromkeys(vendor_ids, (0, 0))
    for vendor_id, total, count in session.execute(
        sa_select(rated.c.vendor_id, func.sum(rated.c.rating), func.count())
        .where(rated.c.newest == 1)
        .group_by(rated.c.vendor_id)
    ):
        totals[vendor_id] = (int(total), int(count))
    return totals


def _completions(*, session: Session, service_ids: Collection[str]) -> dict[str, int]:
    """Each service's count of the completions that count, in one aggregate query."""
    counts = dict.fromkeys(service_ids, 0)
    for service_id, count in session.execute(
        _counted()
        .add_columns(col(Engagement.service_id), func.count())
        .where(col(Engagement.service_id).in_(service_ids))
        .group_by(col(Engagement.service_id))
    ):
        counts[service_id] = int(count)
    return counts


@contextmanager
def follow(
    *, session: Session, vendor_ids: Collection[str], service_ids: Collection[str]
) -> Iterator[None]:
    """Move the stored aggregates of these vendors and services by exactly the change the
    block makes to what counts.

    Recomputed from the engagements before and after, never a blind increment: a rating
    from a business sharing the vendor's owner changes nothing (and writes nothing, so the
    offer index is not disturbed); a business rating again replaces its earlier rating.
    Moving by the difference rather than overwriting keeps what the stored numbers hold
    beyond engagements (the demo data's ratings have none behind them).
    """
    vendor_ids, service_ids = sorted(set(vendor_ids)), sorted(set(service_ids))
    _lock(session, Vendor, vendor_ids)
    _lock(session, Service, service_ids)
    ratings = _ratings(session=session, vendor_ids=vendor_ids)
    completions = _completions(session=session, service_ids=service_ids)
    yield
    for vendor_id, (total, count) in _ratings(session=session, vendor_ids=vendor_ids).items():
        d_sum, d_count = total - ratings[vendor_id][0], count - ratings[vendor_id][1]
        if d_sum or d_count:
            session.execute(
                update(Vendor)
                .where(col(Vendor.id) == vendor_id)
                .values(
                    rating_sum=col(Vendor.rating_sum) + d_sum,
                    rating_count=col(Vendor.rating_count) + d_count,
                )
            )
    for service_id, count in _completions(session=session, service_ids=service_ids).items():
        if count != completions[service_id]:
            session.execute(
                update(Service)
                .where(col(Service.id) == service_id)
                .values(
                    completed_count=col(Service.completed_count) + count - completions[service_id]
                )
            )
