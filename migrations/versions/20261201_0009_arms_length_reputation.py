"""reputation from arm's-length ratings, latest per business

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 23:20:00

Data only. Vendors' rating aggregates and services' completed counts used to grow by every
completion. They now count only engagements whose business does not share an owner (partner) with the vendor, and a vendor's rating takes one business's latest rating
only. This recounts the engagements under both rules (the new one as
api/engagements/reputation.py applies it, written out here so the migration never changes
with the code) and moves each stored number by the difference; downgrade moves it back.
Engagements whose business was deleted cannot be checked for a shared owner and stop
counting. The offer-change triggers log every vendor and service this changes, so running
workers' match indexes pick the new numbers up.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ARMS_LENGTH = """
    FROM engagements e
    JOIN businesses b ON b.id = e.business_id
    JOIN vendors v ON v.id = e.vendor_id
    WHERE e.status = 'completed'
      AND (b.partner_id IS NULL OR v.partner_id IS NULL OR b.partner_id <> v.partner_id)
"""

RATINGS_NOW = f"""
SELECT vendor_id, SUM(rating), COUNT(*) FROM (
    SELECT e.vendor_id, e.rating, ROW_NUMBER() OVER (
        PARTITION BY e.vendor_id, e.business_id ORDER BY e.ended_at DESC, e.id DESC
    ) AS newest
    {ARMS_LENGTH} AND e.rating IS NOT NULL
) AS rated
WHERE newest = 1
GROUP BY vendor_id
"""

COMPLETIONS_NOW = f"SELECT e.service_id, COUNT(*) {ARMS_LENGTH} GROUP BY e.service_id"

RATINGS_BEFORE = """
SELECT vendor_id, SUM(rating), COUNT(*) FROM engagements
WHERE status = 'completed' AND vendor_id IS NOT NULL AND rating IS NOT NULL
GROUP BY vendor_id
"""

COMPLETIONS_BEFORE = """
SELECT service_id, COUNT(*) FROM engagements
WHERE status = 'completed' AND service_id IS NOT NULL
GROUP BY service_id
"""


def _move(*, to: tuple[str, str], away_from: tuple[str, str]) -> None:
    """Move each stored aggregate by the difference between what rule ``to`` and rule
    ``away_from`` compute from the engagements. What the stored numbers hold beyond
    engagements (the demo data's ratings have none behind them) is kept, and only rows that
    change are written, so the offer-change log names only what moved."""
    conn = op.get_bind()

    def totals(sql: str) -> dict[str, tuple[int, ...]]:
        return {row[0]: tuple(int(x) for x in row[1:]) for row in conn.execute(sa.text(sql))}

    new, old = totals(to[0]), totals(away_from[0])
    vendor_moves = []
    for vendor in set(new) | set(old):
        (new_sum, new_count), (old_sum, old_count) = (
            new.get(vendor, (0, 0)),
            old.get(vendor, (0, 0)),
        )
        d_sum, d_count = new_sum - old_sum, new_count - old_count
        if d_sum or d_count:
            vendor_moves.append({"id": vendor, "s": d_sum, "c": d_count})
    if vendor_moves:
        conn.execute(
            sa.text(
                "UPDATE vendors SET rating_sum = rating_sum + :s, rating_count = rating_count + :c"
                " WHERE id = :id"
            ),
            vendor_moves,
        )
    new, old = totals(to[1]), totals(away_from[1])
    service_moves = []
    for service in set(new) | set(old):
        d_count = new.get(service, (0,))[0] - old.get(service, (0,))[0]
        if d_count:
            service_moves.append({"id": service, "n": d_count})
    if service_moves:
        conn.execute(
            sa.text("UPDATE services SET completed_count = completed_count + :n WHERE id = :id"),
            service_moves,
        )


NOW = (RATINGS_NOW, COMPLETIONS_NOW)
BEFORE = (RATINGS_BEFORE, COMPLETIONS_BEFORE)


def upgrade() -> None:
    _move(to=NOW, away_from=BEFORE)


def downgrade() -> None:
    _move(to=BEFORE, away_from=NOW)
