"""Ways to make the database hold a request up, for tests of what the server does then."""

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.pool import NullPool

ON_POSTGRES = os.environ.get("OFFLOAD_TEST_DATABASE_URL", "").startswith("postgresql")
postgres_only = "the fault needs PostgreSQL (set OFFLOAD_TEST_DATABASE_URL to run it)"
sqlite_only = "SQLite's database-wide write lock has no PostgreSQL counterpart"

# Every other connection to the test database: the server's, the probe's, the fixtures'.
TERMINATE = (
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
)


@contextmanager
def postgres(database_url: str) -> Iterator[Connection]:
    """A connection of the test's own, in autocommit mode, outside every pool."""
    engine = create_engine(database_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


@contextmanager
def writes_to_businesses_blocked(database_url: str) -> Iterator[None]:
    """A write to the businesses table waits until the block ends: on SQLite another
    connection holds the write lock; on PostgreSQL, an exclusive lock on the table."""
    if not ON_POSTGRES:
        connection = sqlite3.connect(make_url(database_url).database or "", isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")  # as the server's connections have it
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            connection.rollback()
            connection.close()
        return
    with postgres(database_url) as connection:
        connection.execute(text("BEGIN"))
        connection.execute(text("LOCK TABLE businesses IN ACCESS EXCLUSIVE MODE"))
        try:
            yield
        finally:
            connection.execute(text("ROLLBACK"))


@contextmanager
def table_locked(connection: Connection, table: str) -> Iterator[None]:
    """PostgreSQL: every statement on ``table`` waits until the block ends."""
    connection.execute(text("BEGIN"))
    connection.execute(text(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE"))
    try:
        yield
    finally:
        connection.execute(text("ROLLBACK"))


def wait_until(connection: Connection, condition: str, timeout: float = 15) -> None:
    """Until some other backend of the test database matches ``condition`` (a WHERE clause
    on pg_stat_activity), e.g. ``wait_event_type = 'Lock'``."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "  # noqa: S608 - test-only constant clauses
        f"AND pid <> pg_backend_pid() AND {condition}"
    )
    deadline = time.monotonic() + timeout
    while connection.execute(query).scalar_one() == 0:
        if time.monotonic() > deadline:
            raise AssertionError(f"no backend came to {condition!r}")
        time.sleep(0.02)
