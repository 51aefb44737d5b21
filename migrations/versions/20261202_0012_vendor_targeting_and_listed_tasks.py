"""vendor targeting and listed tasks

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 02:30:00

Columns are only added (no constraint, no changed default), so SQLite adds them in place
instead of rebuilding the services table, whose offer-change triggers a rebuild would drop.

What vendors control and see: a service's targeting (the businesses' countries it serves
and the smallest budget it takes), and whether a task is listed for vendors to find.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("targeting_countries", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(
            sa.Column("targeting_min_budget_amount", sa.BigInteger(), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "targeting_min_budget_currency",
                sqlmodel.sql.sqltypes.AutoString(length=3),
                nullable=True,
            )
        )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "visibility",
                sqlmodel.sql.sqltypes.AutoString(length=16),
                nullable=False,
                server_default=sa.text("'private'"),
            )
        )
        batch_op.create_index(
            "ix_tasks_listed", ["task_type", "visibility", "status"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_listed")
        batch_op.drop_column("visibility")
    # Plain ALTER TABLE DROP COLUMN, not a batch rebuild: the triggers stay.
    for column in (
        "targeting_min_budget_currency",
        "targeting_min_budget_amount",
        "targeting_countries",
    ):
        op.drop_column("services", column)
