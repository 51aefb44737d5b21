"""statement-level offer change triggers on PostgreSQL

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 18:47:00

Row-level triggers bumped the counter once per row: a bulk import of N services updated the
one counter row N times in one transaction, and on PostgreSQL each update of a row the
transaction already updated costs more than the last. Statement-level triggers with
transition tables bump it once per statement, by the number of distinct vendors changed.
SQLite keeps its row-level triggers (it has no such cost and no transition tables).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATEMENT_FUNCTION = """
CREATE FUNCTION offer_change_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    vendors varchar[];
    top bigint;
BEGIN
    IF TG_TABLE_NAME = 'services' THEN
        SELECT array_agg(DISTINCT vendor_id ORDER BY vendor_id) INTO vendors FROM changed_rows;
    ELSE
        SELECT array_agg(DISTINCT id ORDER BY id) INTO vendors FROM changed_rows;
    END IF;
    IF vendors IS NULL THEN
        RETURN NULL;
    END IF;
    -- The counter row's lock orders concurrent writers, so versions commit in order.
    UPDATE offer_version SET version = version + cardinality(vendors) WHERE id = 1
        RETURNING version INTO top;
    INSERT INTO offer_changes (version, vendor_id)
        SELECT top - cardinality(vendors) + ordinality, vendor
        FROM unnest(vendors) WITH ORDINALITY AS v(vendor, ordinality);
    RETURN NULL;
END
$$
"""

# (trigger, table, event, transition table)
STATEMENT_TRIGGERS = [
    ("services_offer_insert", "services", "INSERT", "NEW"),
    ("services_offer_update", "services", "UPDATE", "NEW"),
    ("services_offer_delete", "services", "DELETE", "OLD"),
    ("vendors_offer_update", "vendors", "UPDATE", "NEW"),
    ("vendors_offer_delete", "vendors", "DELETE", "OLD"),
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER vendors_offer_change ON vendors")
    op.execute("DROP TRIGGER services_offer_change ON services")
    op.execute("DROP FUNCTION offer_change()")
    op.execute(STATEMENT_FUNCTION)
    for name, table, event, transition in STATEMENT_TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON {table} "
            f"REFERENCING {transition} TABLE AS changed_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION offer_change_statement()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, table, *_ in STATEMENT_TRIGGERS:
        op.execute(f"DROP TRIGGER {name} ON {table}")
    op.execute("DROP FUNCTION offer_change_statement()")
    # Restore 0006's row-level triggers.
    from importlib import import_module

    previous = import_module("migrations.versions.20261125_0006_offer_change_log")
    op.execute(previous.POSTGRES_FUNCTION)
    op.execute(
        "CREATE TRIGGER services_offer_change AFTER INSERT OR UPDATE OR DELETE ON services "
        "FOR EACH ROW EXECUTE FUNCTION offer_change()"
    )
    op.execute(
        "CREATE TRIGGER vendors_offer_change AFTER UPDATE OR DELETE ON vendors "
        "FOR EACH ROW EXECUTE FUNCTION offer_change()"
    )
