"""allocations

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 02:50:00

Dry-run allocations kept for committing: who may commit them (the partner or business all
their tasks belong to), how good they are, and their assignments as JSON.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "allocations",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("partner_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("business_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("objective", sa.Float(), nullable=False),
        sa.Column("upper_bound", sa.Float(), nullable=False),
        sa.Column("solver", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("committed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allocations")),
    )
    with op.batch_alter_table("allocations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_allocations_business_id"), ["business_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_allocations_partner_id"), ["partner_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("allocations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_allocations_partner_id"))
        batch_op.drop_index(batch_op.f("ix_allocations_business_id"))
    op.drop_table("allocations")
