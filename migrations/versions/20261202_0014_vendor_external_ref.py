"""vendor external_ref

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 02:40:00

A partner's own reference for a vendor, unique among that partner's vendors (and among the
vendors no partner owns), so a bulk import run twice updates instead of duplicating. Plain
ALTER TABLE ADD COLUMN, never a batch copy: SQLite would drop the vendors table's triggers.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WITH_PARTNER = "external_ref IS NOT NULL AND partner_id IS NOT NULL"
_WITHOUT_PARTNER = "external_ref IS NOT NULL AND partner_id IS NULL"


def upgrade() -> None:
    op.add_column(
        "vendors",
        sa.Column("external_ref", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    )
    op.create_index(
        "uq_vendors_partner_external_ref",
        "vendors",
        ["partner_id", "external_ref"],
        unique=True,
        sqlite_where=sa.text(_WITH_PARTNER),
        postgresql_where=sa.text(_WITH_PARTNER),
    )
    op.create_index(
        "uq_vendors_external_ref_without_partner",
        "vendors",
        ["external_ref"],
        unique=True,
        sqlite_where=sa.text(_WITHOUT_PARTNER),
        postgresql_where=sa.text(_WITHOUT_PARTNER),
    )


def downgrade() -> None:
    op.drop_index("uq_vendors_external_ref_without_partner", table_name="vendors")
    op.drop_index("uq_vendors_partner_external_ref", table_name="vendors")
    op.drop_column("vendors", "external_ref")  # SQLite 3.35+ drops a column in place
