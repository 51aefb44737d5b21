"""A vendor's reputation and a service's track record, recomputed from the engagements
that count, never incremented.

What counts: a completed engagement whose business still exists and does not share an owner
with the vendor. Two objects share an owner when the same partner created both; objects an
admin created have no partner and share an owner with nothing. A partner owning both sides
would otherwise rate its own vendor, and that rating ranks the vendor for every business.
For the rating, one business's ratings of one vendor count once: its latest. The track
record (``services.completed_count``) counts every such completion, since repeat work for
an unrelated business is real work.

A business whose ratings counted can be deleted; its engagements then have no business to
check, so they stop counting, and deleting it recomputes what it had rated.
"""

from collections.abc import Collection

from sqlalchemy import ColumnElement, and_, func, or_, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from api.businesses.models import Business
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


def _counted():  # type: ignore[no-untyped-def]
    """Completed engagements with a business and vendor at arm's length (joins only)."""
    return (
        sa_select()
        .select_from(Engagement)
        .join(Business, col(Business.id) == col(Engagement.business_id))
        .join(Vendor, col(Vendor.id) == col(Engagement.vendor_id))
        .where(col(Engagement.status) == EngagementStatus.completed.value, _arms_length())
    )


def _lock(session: Session, table: type[Vendor] | type[Service], ids: Collection[str]) -> None:
    """Lock the rows before reading what counts: two completions for one vendor at once
    would otherwise each write an aggregate that misses the other's rating (PostgreSQL, READ
    COMMITTED). The second waits here and then reads the first's committed engagement. On
    SQLite writers already hold the database lock. Sorted, so lockers never cross."""
    session.execute(
        sa_select(col(table.id))
        .where(col(table.id).in_(sorted(ids)))
        .order_by(col(table.id))
        .with_for_update()
    ).all()


def recompute_vendors(*, session: Session, vendor_ids: Collection[str]) -> None:
    """Set each vendor's rating_sum and rating_count from the ratings that count."""
    if not vendor_ids:
        return
    _lock(session, Vendor, vendor_ids)
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
    for vendor_id, (total, count) in totals.items():
        session.execute(
            update(Vendor)
            .where(
                col(Vendor.id) == vendor_id,
                # Unchanged aggregates write nothing, so the offer index is not disturbed.
                or_(col(Vendor.rating_sum) != total, col(Vendor.rating_count) != count),
            )
            .values(rating_sum=total, rating_count=count)
        )


def recompute_services(*, session: Session, service_ids: Collection[str]) -> None:
    """Set each service's completed_count from the completions that count."""
    if not service_ids:
        return
    _lock(session, Service, service_ids)
    counts = dict.fromkeys(service_ids, 0)
    for service_id, count in session.execute(
        _counted()
        .add_columns(col(Engagement.service_id), func.count())
        .where(col(Engagement.service_id).in_(service_ids))
        .group_by(col(Engagement.service_id))
    ):
        counts[service_id] = int(count)
    for service_id, count in counts.items():
        session.execute(
            update(Service)
            .where(col(Service.id) == service_id, col(Service.completed_count) != count)
            .values(completed_count=count)
        )


def rated_by(*, session: Session, business_id: str) -> tuple[set[str], set[str]]:
    """The vendors and services a business's completed engagements count toward."""
    rows = session.execute(
        sa_select(col(Engagement.vendor_id), col(Engagement.service_id)).where(
            and_(
                col(Engagement.business_id) == business_id,
                col(Engagement.status) == EngagementStatus.completed.value,
            )
        )
    ).all()
    return (
        {v for v, _ in rows if v is not None},
        {s for _, s in rows if s is not None},
    )
