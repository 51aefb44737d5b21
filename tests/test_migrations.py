"""Migrations build the schema the models describe, and come down cleanly, on this database."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from api import migrate
from api.models import metadata


def _tables(url):
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_from_empty_reaches_head_with_every_model_table(new_database):
    url = new_database()
    migrate.upgrade(url)
    engine = create_engine(url)
    try:
        assert migrate.current_revision(engine) == migrate.head_revision(url)
    finally:
        engine.dispose()
    assert _tables(url) == set(metadata.tables)


def test_models_and_migrations_agree(new_database):
    url = new_database()
    migrate.upgrade(url)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    assert diff == [], f"models differ from migrations; add a migration: {diff}"


def test_downgrade_to_base_removes_every_table(new_database):
    url = new_database()
    migrate.upgrade(url)
    migrate.downgrade(url, "base")
    assert _tables(url) == set()
    migrate.upgrade(url)  # and the way back up still works
    assert _tables(url) == set(metadata.tables)


def test_the_launch_taxonomy_is_seeded(client):
    keys = {t["key"]: t["unit"] for t in client.get("/v1/task-types").json()["data"]}
    assert keys == {
        "invoicing": "invoices",
        "bookkeeping": "transactions",
        "payroll": "employees paid",
        "appointment_scheduling": "appointments",
        "email_management": "emails",
        "social_media": "posts",
        "customer_service": "tickets",
    }
