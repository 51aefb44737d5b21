"""outsourcing advisor

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 23:20:00

What the advisor needs to weigh a hand-off: what an hour of the owner's time is worth
(businesses), whether a task is what the business sells (tasks), and how many hours handing
each type of work over takes (task types: taxonomy data, set here for the launch types).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Hours of the owner's time a hand-off takes: briefing, access, checking the first months.
ONBOARDING_HOURS = {
    "invoicing": 3,
    "bookkeeping": 6,
    "payroll": 6,
    "appointment_scheduling": 3,
    "email_management": 4,
    "social_media": 4,
    "customer_service": 8,
}
# A type added later without its own figure: a middling hand-off.
DEFAULT_ONBOARDING_HOURS = 4


def upgrade() -> None:
    with op.batch_alter_table("businesses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hourly_value_amount", sa.BigInteger(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "hourly_value_currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=True
            )
        )
        batch_op.create_check_constraint(
            op.f("ck_businesses_hourly_value_whole"),
            "(hourly_value_amount IS NULL) = (hourly_value_currency IS NULL)",
        )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("core", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("task_types", schema=None) as batch_op:
        batch_op.add_column(sa.Column("onboarding_hours", sa.Float(), nullable=True))
    task_types = sa.table(
        "task_types", sa.column("key", sa.String), sa.column("onboarding_hours", sa.Float)
    )
    op.execute(task_types.update().values(onboarding_hours=DEFAULT_ONBOARDING_HOURS))
    for key, hours in ONBOARDING_HOURS.items():
        op.execute(
            task_types.update().where(task_types.c.key == key).values(onboarding_hours=hours)
        )
    with op.batch_alter_table("task_types", schema=None) as batch_op:
        batch_op.alter_column("onboarding_hours", existing_type=sa.Float(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("task_types", schema=None) as batch_op:
        batch_op.drop_column("onboarding_hours")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_column("core")
    with op.batch_alter_table("businesses", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_businesses_hourly_value_whole"), type_="check")
        batch_op.drop_column("hourly_value_currency")
        batch_op.drop_column("hourly_value_amount")
