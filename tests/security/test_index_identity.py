"""A worker's offer index never serves another database's offers: a database recreated (or
restored) under running workers, whose change counter ends on the same number, is noticed
by its identity and the index rebuilt."""

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from api import migrate
from api.instance import Instance
from api.main import create_app
from api.matches import changes
from api.settings import Settings
from matching import TaskSpec, rank
from tests.helpers import ADMIN, ADMIN_KEY, service_body, vendor_body

SPEC = TaskSpec(
    task_type="bookkeeping", volume=100, currency="USD", budget_min=0, budget_max=10_000_000
)


def _recreate(url):
    """Drop the database and make it again from the migrations, as a restore would."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(parsed.database + suffix).unlink(missing_ok=True)
    else:
        admin = create_engine(os.environ["OFFLOAD_TEST_DATABASE_URL"], isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{parsed.database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
        admin.dispose()
    migrate.upgrade(url)


def _offered(app):
    """Service ids the app's own offer index ranks for a bookkeeping task."""
    with (
        Session(app.state.engine) as session,
        app.state.offer_index.offers(session=session, task_type="bookkeeping") as offers,
    ):
        return sorted(m.service_id for m in rank(SPEC, offers, limit=50).matches)


def _one_offer(client):
    vendor = client.post("/v1/vendors", json=vendor_body(), headers=ADMIN).json()
    service = client.post(
        f"/v1/vendors/{vendor['id']}/services", json=service_body(), headers=ADMIN
    ).json()
    return service["id"]


def _position(app):
    with Session(app.state.engine) as session:
        return changes.current_position(session=session)


@pytest.fixture
def own_database(new_database):
    url = new_database()
    migrate.upgrade(url)
    return url


def test_a_recreated_database_at_the_same_version_is_not_served_from_the_old_index(
    own_database,
):
    app = create_app(Settings(database_url=own_database, admin_key=ADMIN_KEY))
    with TestClient(app) as client:
        old = _one_offer(client)
        assert _offered(app) == [old]
        before = _position(app)

        _recreate(own_database)
        app.state.engine.dispose()  # the workers reconnect to the new database
        new = _one_offer(client)

        after = _position(app)
        assert after.version == before.version  # the counter alone cannot tell
        assert after.database_id != before.database_id
        assert _offered(app) == [new]


def test_every_database_gets_its_own_identity_and_cursor_key(new_database):
    rows = []
    for _ in range(2):
        url = new_database()
        migrate.upgrade(url)
        engine = create_engine(url)
        with Session(engine) as session:
            rows.append(session.get(Instance, 1))
        engine.dispose()

    (first, second) = rows
    assert first.database_id != second.database_id
    assert first.cursor_key != second.cursor_key
    assert len(first.cursor_key) == 32
