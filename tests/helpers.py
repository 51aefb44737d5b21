"""Builders for a small marketplace through the public API, and a database snapshot."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event, select
from sqlalchemy.engine import Engine

from api.models import metadata

# The taxonomy the migrations seed.
TASK_TYPES = [
    "invoicing",
    "bookkeeping",
    "payroll",
    "appointment_scheduling",
    "email_management",
    "social_media",
    "customer_service",
]

ADMIN_KEY = "test-admin-key-0123456789"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
SECRET_KEY = "test-secret-key-for-webhook-secrets-0123456789"


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def business_body(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "Rosa's Bakery",
        "country": "US",
        "timezone": "America/New_York",
        "languages": ["en"],
        "currency": "USD",
        **overrides,
    }


def task_body(**overrides: Any) -> dict[str, Any]:
    return {
        "task_type": "bookkeeping",
        "title": "Monthly books",
        "volume": 400,
        "budget": {"currency": "USD", "min": 30000, "max": 50000},
        **overrides,
    }


def vendor_body(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "Ledgerly",
        "country": "PH",
        "timezone": "Asia/Manila",
        "languages": ["en"],
        **overrides,
    }


def service_body(**overrides: Any) -> dict[str, Any]:
    return {
        "task_type": "bookkeeping",
        "capacity": 1000,
        "pricing": {"model": "per_unit", "currency": "USD", "amount": 100},
        **overrides,
    }


class Market:
    """Creates objects through HTTP and fails loudly if the API refuses."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def _post(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        response = self.client.post(path, json=body, headers=headers)
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result

    def business(self, headers: dict[str, str] = ADMIN, **overrides: Any) -> dict[str, Any]:
        return self._post("/v1/businesses", business_body(**overrides), headers)

    def task(
        self, business_id: str, headers: dict[str, str] = ADMIN, **overrides: Any
    ) -> dict[str, Any]:
        return self._post(f"/v1/businesses/{business_id}/tasks", task_body(**overrides), headers)

    def vendor(self, headers: dict[str, str] = ADMIN, **overrides: Any) -> dict[str, Any]:
        return self._post("/v1/vendors", vendor_body(**overrides), headers)

    def service(
        self, vendor_id: str, headers: dict[str, str] = ADMIN, **overrides: Any
    ) -> dict[str, Any]:
        return self._post(f"/v1/vendors/{vendor_id}/services", service_body(**overrides), headers)

    def one_of_each(self) -> dict[str, str]:
        """The ids of a business, its task, a vendor and its service: something for every
        route to act on."""
        business, vendor = self.business(), self.vendor()
        return {
            "business": business["id"],
            "task": self.task(business["id"])["id"],
            "vendor": vendor["id"],
            "service": self.service(vendor["id"])["id"],
        }

    def key(self, role: str, headers: dict[str, str] = ADMIN, **fields: Any) -> dict[str, Any]:
        """A new key's public fields plus `secret` and ready-made `headers`."""
        created = self._post(
            "/v1/api-keys", {"role": role, "name": f"{role} key", **fields}, headers
        )
        created["headers"] = bearer(created["secret"])
        return created

    def partner(self) -> dict[str, str]:
        return dict(self.key("partner")["headers"])

    def business_key(self, business_id: str, headers: dict[str, str] = ADMIN) -> dict[str, str]:
        return dict(self.key("business", headers, business_id=business_id)["headers"])

    def vendor_key(self, vendor_id: str, headers: dict[str, str] = ADMIN) -> dict[str, str]:
        return dict(self.key("vendor", headers, vendor_id=vendor_id)["headers"])


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove a refused request changed nothing."""
    with engine.connect() as conn:
        return {
            table.name: sorted((tuple(row) for row in conn.execute(select(table))), key=repr)
            for table in metadata.sorted_tables
        }


Rows = dict[str, list[dict[str, Any]]]
# Logs that database triggers append to when services and vendors are written: left to the
# database, whose triggers write them again when the rows are put back.
TRIGGER_WRITTEN = {"offer_changes"}
T = TypeVar("T")


def _rows(engine: Engine) -> Rows:
    with engine.connect() as conn:
        return {
            table.name: [dict(row._mapping) for row in conn.execute(select(table))]
            for table in metadata.sorted_tables
        }


def record_rows(app: FastAPI, engine: Engine, build: Callable[[Market], T]) -> tuple[T, Rows]:
    """Run ``build`` once through the API, then take the rows it wrote back out, so a
    module's tests can each start from them with ``put_back`` instead of building them again.

    Only tables that were empty before are recorded: the ones the harness keeps between
    tests (the taxonomy, the offer counter) stay as they are, and so do trigger-written logs.
    Dry-run allocations are kept a day, so they outlast the module.
    """
    before = _rows(engine)
    with TestClient(app, raise_server_exceptions=False) as client:
        built = build(Market(client))
    added = {
        name: [row for row in rows if row not in before[name]]
        if name not in TRIGGER_WRITTEN and not before[name]
        else []
        for name, rows in _rows(engine).items()
    }
    # The rows are put back for the module's whole run, which may outlast a dry run.
    for row in added["allocations"]:
        row["expires_at"] = datetime.now(UTC) + timedelta(days=1)
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            for row in added[table.name]:
                key = [column == row[column.name] for column in table.primary_key.columns]
                conn.execute(table.delete().where(*key))
    return built, added


def put_back(engine: Engine, rows: Rows) -> None:
    """Insert rows taken by ``record_rows``; the test's clean-up empties the tables again."""
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            if rows[table.name]:
                conn.execute(table.insert(), rows[table.name])


def built_once(name: str, build: Callable[[Market], Any]) -> tuple[Any, Any]:
    """Two fixtures for a module: ``<name>_template`` runs ``build`` through the API once
    (``record_rows``), and ``<name>`` puts its rows back before each test and gives what
    ``build`` returned. Bind both in the module: ``a_template, a = built_once("a", build)``."""

    @pytest.fixture(scope="module", name=f"{name}_template")
    def template(app: FastAPI, engine: Engine) -> tuple[Any, Rows]:
        return record_rows(app, engine, build)

    @pytest.fixture(name=name)
    def each(request: pytest.FixtureRequest, engine: Engine, client: TestClient) -> Any:
        built, rows = request.getfixturevalue(f"{name}_template")
        put_back(engine, rows)
        return built

    return template, each


def set_reserved(engine: Engine, service_id: str, reserved: int) -> None:
    """Hold capacity on a service directly in the database, as a live engagement would."""
    services = metadata.tables["services"]
    with engine.begin() as conn:
        conn.execute(services.update().where(services.c.id == service_id).values(reserved=reserved))


def timestamp(value: str) -> Any:
    """An RFC 3339 timestamp from a response, which must be in UTC ('Z')."""
    from datetime import datetime

    assert value.endswith("Z"), f"{value!r} is not an RFC 3339 UTC timestamp"
    return datetime.fromisoformat(value)


def assert_just_created(resource: dict[str, Any]) -> None:
    """created_at and updated_at are UTC times from the last minute, in order."""
    from datetime import UTC, datetime, timedelta

    created, updated = timestamp(resource["created_at"]), timestamp(resource["updated_at"])
    assert created <= updated
    assert datetime.now(UTC) - timedelta(minutes=1) < created <= datetime.now(UTC)


@contextmanager
def statements_run(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements sent to ``engine`` inside the block, in order."""
    ran: list[str] = []

    def count(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        ran.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield ran
    finally:
        event.remove(engine, "before_cursor_execute", count)
