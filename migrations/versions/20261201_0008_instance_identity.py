"""instance identity and cursor signing key

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 23:40:00

One row holding a random identity for this database and a random key that signs
pagination cursors. Both are made here, so every worker of a deployment reads the same
ones and a recreated database gets new ones.
"""

import secrets
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    instance = op.create_table(
        "instance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("database_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("cursor_key", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_instance_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instance")),
    )
    op.bulk_insert(
        instance,
        [{"id": 1, "database_id": str(uuid.uuid4()), "cursor_key": secrets.token_bytes(32)}],
    )


def downgrade() -> None:
    op.drop_table("instance")
