"""offer change log

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 18:02:57.244350

A counter and a log of changed vendors, written by triggers on services and vendors, so
every worker's in-memory offer index can tell exactly what changed since it last looked.
Triggers catch every write, whichever code path or tool makes it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (trigger name, table, event, the vendor id expression)
SQLITE_TRIGGERS = [
    ("offer_change_service_insert", "services", "INSERT", "NEW.vendor_id"),
    ("offer_change_service_update", "services", "UPDATE", "NEW.vendor_id"),
    ("offer_change_service_delete", "services", "DELETE", "OLD.vendor_id"),
    ("offer_change_vendor_update", "vendors", "UPDATE", "NEW.id"),
    ("offer_change_vendor_delete", "vendors", "DELETE", "OLD.id"),
]

POSTGRES_FUNCTION = """
CREATE FUNCTION offer_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    next_version bigint;
    changed_vendor varchar(40);
BEGIN
    IF TG_TABLE_NAME = 'services' THEN
        changed_vendor := CASE WHEN TG_OP = 'DELETE' THEN OLD.vendor_id ELSE NEW.vendor_id END;
    ELSE
        changed_vendor := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
    END IF;
    -- The counter row's lock orders concurrent writers, so versions commit in order.
    UPDATE offer_version SET version = version + 1 WHERE id = 1 RETURNING version INTO next_version;
    INSERT INTO offer_changes (version, vendor_id) VALUES (next_version, changed_vendor);
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "offer_changes",
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("vendor_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_offer_changes")),
    )
    op.create_table(
        "offer_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_offer_version_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_version")),
    )
    op.execute("INSERT INTO offer_version (id, version) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        op.execute(
            "CREATE TRIGGER services_offer_change AFTER INSERT OR UPDATE OR DELETE ON services "
            "FOR EACH ROW EXECUTE FUNCTION offer_change()"
        )
        op.execute(
            "CREATE TRIGGER vendors_offer_change AFTER UPDATE OR DELETE ON vendors "
            "FOR EACH ROW EXECUTE FUNCTION offer_change()"
        )
    else:
        for name, table, event, vendor in SQLITE_TRIGGERS:
            op.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN "
                "UPDATE offer_version SET version = version + 1 WHERE id = 1; "
                "INSERT INTO offer_changes (version, vendor_id) "
                f"SELECT version, {vendor} FROM offer_version WHERE id = 1; "
                "END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER vendors_offer_change ON vendors")
        op.execute("DROP TRIGGER services_offer_change ON services")
        op.execute("DROP FUNCTION offer_change()")
    else:
        for name, *_ in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
    op.drop_table("offer_version")
    op.drop_table("offer_changes")
