"""engagements

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 17:41:25.363634

Engagements, with a partial unique index: one live engagement per task.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "engagements",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("task_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("business_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("service_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("vendor_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("task_type", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("volume", sa.Integer(), nullable=False),
        sa.Column("quote_amount", sa.BigInteger(), nullable=False),
        sa.Column("quote_currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("review", sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "rating IS NULL OR (rating >= 1 AND rating <= 5)",
            name=op.f("ck_engagements_rating_range"),
        ),
        sa.CheckConstraint("volume > 0", name=op.f("ck_engagements_volume_positive")),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_engagements_business_id_businesses"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["services.id"],
            name=op.f("fk_engagements_service_id_services"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["tasks.id"],
            name=op.f("fk_engagements_task_id_tasks"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["vendors.id"],
            name=op.f("fk_engagements_vendor_id_vendors"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagements")),
    )
    with op.batch_alter_table("engagements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_engagements_business_id"), ["business_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_engagements_service_id"), ["service_id"], unique=False)
        batch_op.create_index(
            "ix_engagements_status_expires_at", ["status", "expires_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_engagements_task_id"), ["task_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_engagements_vendor_id"), ["vendor_id"], unique=False)
        batch_op.create_index(
            "uq_engagements_live_task",
            ["task_id"],
            unique=True,
            sqlite_where=sa.text("status IN ('proposed', 'active')"),
            postgresql_where=sa.text("status IN ('proposed', 'active')"),
        )


def downgrade() -> None:
    with op.batch_alter_table("engagements", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_engagements_live_task",
            sqlite_where=sa.text("status IN ('proposed', 'active')"),
            postgresql_where=sa.text("status IN ('proposed', 'active')"),
        )
        batch_op.drop_index(batch_op.f("ix_engagements_vendor_id"))
        batch_op.drop_index(batch_op.f("ix_engagements_task_id"))
        batch_op.drop_index("ix_engagements_status_expires_at")
        batch_op.drop_index(batch_op.f("ix_engagements_service_id"))
        batch_op.drop_index(batch_op.f("ix_engagements_business_id"))

    op.drop_table("engagements")
