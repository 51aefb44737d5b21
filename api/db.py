"""Engine, sessions and the column types shared by every table."""

import math
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, MetaData, event, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.pool import ConnectionPoolEntry, NullPool
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Boolean, TypeDecorator
from sqlmodel import Session, SQLModel, create_engine

from api.faults import Fault, OutcomeUnknown, classify
from api.settings import Settings

# Stable constraint names, so migrations can drop and alter them on every database.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata

# Execution option a write request sets on its first connection, so that SQLite takes the
# write lock at BEGIN rather than failing to upgrade a read lock halfway through.
IMMEDIATE = "offload_begin_immediate"


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on every database (SQLite would otherwise drop the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class json_array_contains(FunctionElement[bool]):
    """``json_array_contains(column, value)``: the JSON array column holds the string value."""

    type = Boolean()
    inherit_cache = True


@compiles(json_array_contains, "sqlite")
def _contains_sqlite(element: json_array_contains, compiler: SQLCompiler, **kw: Any) -> str:
    column, value = list(element.clauses)
    return (
        f"EXISTS (SELECT 1 FROM json_each({compiler.process(column, **kw)}) "  # noqa: S608 - compiled SQL, values stay bound
        f"WHERE json_each.value = {compiler.process(value, **kw)})"
    )


@compiles(json_array_contains, "postgresql")
def _contains_postgresql(element: json_array_contains, compiler: SQLCompiler, **kw: Any) -> str:
    column, value = list(element.clauses)
    return (
        f"(CAST({compiler.process(column, **kw)} AS JSONB) "
        f"@> jsonb_build_array(CAST({compiler.process(value, **kw)} AS TEXT)))"
    )


def _configure_sqlite(engine: Engine, settings: Settings) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # The busy timeout first: turning WAL on waits for other connections' locks too.
        cursor.execute(f"PRAGMA busy_timeout={int(settings.sqlite_busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(settings: Settings) -> Engine:
    """The application's engine. Statement parameters (key hashes, personal data) never
    appear in its errors, so never in logs or tracebacks."""
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        in_memory = url.database in (None, "", ":memory:")  # one connection: no pool to size
        pool = {} if in_memory else _pool_options(settings)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            hide_parameters=True,
            **pool,
        )
        _configure_sqlite(engine, settings)
        return engine
    engine = create_engine(url, hide_parameters=True, **_pool_options(settings))
    _ping_when_idle(engine)
    return engine


# A pooled connection back in use within this many seconds is used as it is: a busy pool
# would otherwise spend a round trip (and the server's time) on a ping per request.
PING_AFTER_IDLE_SECONDS = 5.0
_IDLE_SINCE = "offload_idle_since"  # in a pooled connection's info: when it was put back


def _ping_when_idle(engine: Engine) -> None:
    """Test a pooled connection before use only when it has been idle a while: after a
    restart of the server or a dropped link, the idle connections are the dead ones. A
    connection that dies while in steady use fails its request as a disconnect, which
    invalidates the pool and is answered by running a read (or a write not yet committed)
    again (api/middleware.py), so no request is lost to a stale connection either way."""

    @event.listens_for(engine, "connect")
    @event.listens_for(engine, "checkin")
    def _idle_from_now(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection: Any, record: ConnectionPoolEntry, proxy: Any) -> None:
        since = record.info.get(_IDLE_SINCE)
        if since is not None and time.monotonic() - since < PING_AFTER_IDLE_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            # The pool discards this connection and checks out another (three tries).
            raise DisconnectionError("a pooled connection failed its ping") from exc


def _pool_options(settings: Settings) -> dict[str, Any]:
    return {
        "pool_size": settings.db_pool_size,
        "max_overflow": settings.db_pool_size,
        # A request that cannot get a connection within its admission bound is told to come
        # back (503) rather than kept waiting.
        "pool_timeout": settings.admission_timeout_seconds,
    }


def make_probe_engine(settings: Settings) -> Engine:
    """A separate path to the database for /readyz: no pool to queue behind, and a server
    that does not answer within the readiness timeout is reported rather than waited for."""
    url = make_url(settings.database_url)
    timeout = settings.readiness_timeout_seconds
    if url.get_backend_name() == "sqlite":
        return create_engine(
            url,
            poolclass=NullPool,
            connect_args={"check_same_thread": False, "timeout": timeout},
            hide_parameters=True,
        )
    milliseconds = max(1, int(timeout * 1000))
    return create_engine(
        url,
        poolclass=NullPool,
        connect_args={
            "connect_timeout": max(1, math.ceil(timeout)),
            "options": f"-c statement_timeout={milliseconds} -c lock_timeout={milliseconds}",
            "application_name": "offload-readiness",
        },
        hide_parameters=True,
    )


def open_session(engine: Engine, *, write: bool) -> Iterator[Session]:
    """A session for one request; write sessions hold the SQLite write lock from BEGIN."""
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        if write:
            session.connection(execution_options={IMMEDIATE: True})
        yield session


def commit(session: Session) -> None:
    """Commit the request's transaction, telling a lost COMMIT (whose outcome is unknown,
    so the request must not be run again) from a failure before it (which rolled back)."""
    try:
        session.commit()
    except DBAPIError as exc:
        if classify(exc) is Fault.DISCONNECTED:
            raise OutcomeUnknown("the connection was lost during COMMIT") from exc
        raise


def lock(session: Session, model: Any, object_id: str) -> Any:
    """Re-read a row under ``SELECT ... FOR UPDATE`` (PostgreSQL; SQLite writers already
    hold the database lock), refreshing the session's copy. None if it is gone."""
    query = (
        select(model)
        .where(model.id == object_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return session.execute(query).scalar_one_or_none()
