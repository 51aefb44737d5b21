"""Test databases: SQLite by default; PostgreSQL when OFFLOAD_TEST_DATABASE_URL names a server.

With ``OFFLOAD_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres`` every
test session creates its own throwaway database on that server and drops it at the end, so
no run sees state another left. The schema always comes from the real migrations.
"""

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError

from api import migrate, serving
from api.main import create_app, forget_database
from api.models import metadata
from api.settings import Settings
from tests.helpers import ADMIN_KEY, SECRET_KEY, Market

SERVER_URL = os.environ.get("OFFLOAD_TEST_DATABASE_URL", "")
KEEP_TABLES = {
    "task_types",
    "alembic_version",
    "offer_version",
    "instance",
    "event_counter",
    "webhook_cursor",
}


def _is_postgres() -> bool:
    return SERVER_URL.startswith("postgresql")


@pytest.fixture(scope="session")
def new_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], str]]:
    """A factory of empty databases of the kind under test; all dropped at the end."""
    created: list[str] = []
    admin: Engine | None = (
        create_engine(SERVER_URL, isolation_level="AUTOCOMMIT") if _is_postgres() else None
    )

    def make() -> str:
        if admin is None:
            path = tmp_path_factory.mktemp("db") / "offload.db"
            return f"sqlite:///{path}"
        name = f"offload_test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
            # A throwaway database need not outlive a server crash: its commits return
            # without waiting for the WAL to reach the disk (several milliseconds each on
            # a busy machine). What every session sees is unchanged: only a crash of the
            # whole server could lose the last commits.
            conn.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
        created.append(name)
        return make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False)

    yield make
    if admin is not None:
        with admin.connect() as conn:
            for name in created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def database_url(new_database: Callable[[], str]) -> str:
    url = new_database()
    migrate.upgrade(url)
    return url


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    # Limits high enough that only the rate-limit tests, with apps of their own, meet them.
    return Settings(
        database_url=database_url,
        admin_key=ADMIN_KEY,
        rate_limit_burst=1_000_000,
        secret_key=SECRET_KEY,
    )


@pytest.fixture(scope="session")
def app(settings: Settings) -> Iterator[FastAPI]:
    app = create_app(settings)
    engine: Engine = app.state.engine
    # Every test's TestClient runs the app's lifespan, whose shutdown disposes of the
    # engine's pool, so every test would open its connections afresh (on PostgreSQL, a new
    # server process each). The session's app keeps its pool from test to test, as a server
    # that stays up does, and closes it at the end of the session.
    engine.dispose = _keep_pool  # type: ignore[method-assign]
    yield app
    del engine.dispose  # Engine.dispose again
    engine.dispose()


def _keep_pool(close: bool = True) -> None:
    """Engine.dispose for the session's engine, which outlives every test's lifespan."""


@pytest.fixture(scope="session")
def engine(app: FastAPI) -> Engine:
    engine: Engine = app.state.engine
    return engine


@pytest.fixture(autouse=True)
def _clean_tables(request: pytest.FixtureRequest) -> Iterator[None]:
    """Empty every table after each test that touched the database (the taxonomy stays)."""
    yield
    if "engine" in request.fixturenames:
        _empty(request.getfixturevalue("app"))


@pytest.fixture(scope="module", autouse=True)
def _clean_after_live_servers(request: pytest.FixtureRequest) -> Iterator[None]:
    """Empty every table after a module whose live servers wrote to the database without
    the ``engine`` fixture: their rows would otherwise be in the next module's matches."""
    tests = [item for item in request.session.items if item.module is request.module]
    if not any("start_server" in getattr(item, "fixturenames", ()) for item in tests):
        yield
        return
    app = request.getfixturevalue("app")
    started = len(_LIVE_SERVERS)
    yield
    if len(_LIVE_SERVERS) > started:
        _empty(app)


_LIVE_SERVERS: list["LiveServer"] = []  # every one started in this process


def _empty(app: FastAPI) -> None:
    engine: Engine = app.state.engine
    for attempt in (1, 2):
        try:
            with engine.begin() as conn:
                for table in reversed(metadata.sorted_tables):
                    if table.name not in KEEP_TABLES:
                        conn.execute(table.delete())
            break
        except DBAPIError as exc:
            # A test that terminated the server's backends leaves pooled connections
            # dead; the first use finds out and replaces them, as a request would.
            if attempt == 2 or not exc.connection_invalidated:
                raise
    # The rows went without a word in the change log, so what the session's app keeps in
    # memory about them would outlive them: offers of this test in the next one's matches.
    forget_database(app)


@pytest.fixture
def client(app: FastAPI, engine: Engine) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def market(client: TestClient) -> Market:
    return Market(client)


_ABSENT = object()


@pytest.fixture
def swap_state(app: FastAPI) -> Iterator[Callable[..., None]]:
    """Set attributes on ``app.state`` for one test; the app is shared by the whole session,
    so each is put back afterwards (monkeypatch cannot restore starlette's State)."""
    saved: dict[str, Any] = {}

    def swap(**values: Any) -> None:
        for name, value in values.items():
            saved.setdefault(name, getattr(app.state, name, _ABSENT))
            setattr(app.state, name, value)

    yield swap
    for name, value in saved.items():
        if value is _ABSENT:
            delattr(app.state, name)
        else:
            setattr(app.state, name, value)


class Clock:
    """A frozen clock for the app: it moves only when a test sets ``now``."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(swap_state: Callable[..., None]) -> Clock:
    frozen = Clock()
    swap_state(clock=frozen)
    return frozen


@pytest.fixture
def tmp_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


class LiveServer:
    """A real uvicorn process serving the test database."""

    def __init__(self, url: str, process: subprocess.Popen[bytes], log: Path) -> None:
        self.url = url
        self.process = process
        self.log = log


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def start_server(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[..., LiveServer]]:
    """Start ``uvicorn api.asgi:app`` on the test database, with extra OFFLOAD_* settings."""
    servers: list[LiveServer] = []

    def start(
        workers: int = 1, *, via_cli: bool = False, worker: bool = False, **env: str
    ) -> LiveServer:
        """``via_cli`` starts it as operators do, with ``offload serve``; ``worker`` lets
        it run its background worker (left out otherwise, so a server that outlives its
        test never works on another test's rows). Stop it in the test that starts it."""
        port = _free_port()
        log = tmp_path_factory.mktemp("server") / "uvicorn.log"
        environment = {
            **os.environ,
            "OFFLOAD_DATABASE_URL": database_url,
            "OFFLOAD_ADMIN_KEY": ADMIN_KEY,
            "OFFLOAD_RATE_LIMIT_BURST": "1000000",
            "OFFLOAD_SECRET_KEY": SECRET_KEY,
            # Bursts in race tests check correctness, not load shedding: let them queue.
            # The admission-control tests set their own bound.
            "OFFLOAD_ADMISSION_TIMEOUT_SECONDS": "120",
            **{f"OFFLOAD_{k.upper()}": v for k, v in env.items()},
        }
        where = ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
        command = (
            [
                *[sys.executable, "-c", "from api.cli import app; app()", "serve", *where],
                *([] if worker else ["--no-worker"]),
            ]
            if via_cli
            else [
                *[
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "api.asgi:app",
                    *where,
                    "--log-level",
                    "warning",
                ],
                # As `offload serve` runs it.
                *["--http", serving.PROTOCOL, "--no-server-header", "--no-proxy-headers"],
            ]
        )
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=environment,
            )
        server = LiveServer(f"http://127.0.0.1:{port}", process, log)
        servers.append(server)
        _LIVE_SERVERS.append(server)
        deadline = time.monotonic() + 90  # generous: a loaded machine starts slowly
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"uvicorn exited: {log.read_text()}")
            try:
                if httpx.get(server.url + "/healthz", timeout=1).status_code == 200:
                    return server
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError(f"uvicorn did not start: {log.read_text()}")

    yield start
    for server in servers:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
