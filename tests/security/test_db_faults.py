"""Database faults are answered 503 with Retry-After, never 500, and never at the cost of
the client's connection; a request whose transaction rolled back is run once more.

The faults are real: locks held by the test, backends terminated under the server, true
serialization failures and deadlocks. PostgreSQL-only faults are skipped on SQLite.
"""

import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from api import db
from api.db import make_engine
from api.faults import Fault, classify, retryable
from api.settings import Settings
from tests.helpers import ADMIN, business_body
from tests.security.locks import (
    ON_POSTGRES,
    TERMINATE,
    postgres,
    postgres_only,
    sqlite_only,
    table_locked,
    wait_until,
    writes_to_businesses_blocked,
)

# --- which errors are faults -------------------------------------------------------------


def test_a_writer_kept_from_the_sqlite_lock_past_the_busy_timeout_is_a_busy_fault(tmp_path):
    path = tmp_path / "locked.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    engine = make_engine(Settings(database_url=f"sqlite:///{path}", sqlite_busy_timeout_ms=50))
    try:
        with pytest.raises(DBAPIError) as caught, engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    finally:
        holder.rollback()
        engine.dispose()
    assert "database is locked" in str(caught.value)
    assert classify(caught.value) is Fault.BUSY
    assert not retryable(Fault.BUSY, read_only=True)


def test_no_connection_within_the_pool_timeout_is_a_busy_fault(database_url):
    engine = make_engine(
        Settings(database_url=database_url, db_pool_size=1, admission_timeout_seconds=0.05)
    )
    try:
        with engine.connect(), engine.connect(), pytest.raises(PoolTimeout) as caught:
            engine.connect()  # pool of one plus one overflow: the third waits, then fails
    finally:
        engine.dispose()
    assert classify(caught.value) is Fault.BUSY


def test_a_broken_constraint_or_a_missing_table_is_not_a_fault(engine):
    with pytest.raises(DBAPIError) as missing, engine.connect() as conn:
        conn.execute(text("SELECT * FROM no_such_table"))
    with pytest.raises(IntegrityError) as duplicate, engine.begin() as conn:
        conn.execute(text("INSERT INTO task_types SELECT * FROM task_types LIMIT 1"))
    assert classify(missing.value) is None
    assert classify(duplicate.value) is None


@pytest.mark.skipif(not ON_POSTGRES, reason=postgres_only)
def test_a_terminated_connection_is_a_disconnect_fault_and_worth_a_retry(engine, database_url):
    with engine.connect() as victim, postgres(database_url) as killer:
        pid = victim.execute(text("SELECT pg_backend_pid()")).scalar_one()
        killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        with pytest.raises(DBAPIError) as caught:
            victim.execute(text("SELECT 1"))
    assert classify(caught.value) is Fault.DISCONNECTED
    assert retryable(Fault.DISCONNECTED, read_only=False)


def _pooled_then_terminated(pooled, database_url: str) -> int:
    """Use one pooled connection, put it back, terminate its backend: its pid."""
    with pooled.connect() as conn:
        pid = _pid(conn)
    with postgres(database_url) as killer:
        killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    return pid


@pytest.mark.skipif(not ON_POSTGRES, reason=postgres_only)
def test_a_pooled_connection_idle_past_the_ping_interval_is_tested_and_replaced(
    database_url, monkeypatch
):
    pooled = make_engine(Settings(database_url=database_url, db_pool_size=1))
    try:
        dead = _pooled_then_terminated(pooled, database_url)
        monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)
        with pooled.connect() as conn:  # the ping fails, the pool connects afresh
            assert _pid(conn) != dead
    finally:
        pooled.dispose()


@pytest.mark.skipif(not ON_POSTGRES, reason=postgres_only)
def test_a_pooled_connection_back_in_use_at_once_is_not_pinged_and_a_dead_one_fails_once(
    database_url,
):
    pooled = make_engine(Settings(database_url=database_url, db_pool_size=1))
    try:
        _pooled_then_terminated(pooled, database_url)
        with pytest.raises(DBAPIError) as caught, pooled.connect() as conn:
            _pid(conn)  # no ping: the request finds out, as a disconnect worth a retry
        assert classify(caught.value) is Fault.DISCONNECTED
        with pooled.connect() as conn:  # the pool replaced it
            assert _pid(conn) > 0
    finally:
        pooled.dispose()


@pytest.mark.skipif(not ON_POSTGRES, reason=postgres_only)
def test_a_serialization_failure_is_a_conflict_fault(engine):
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS fault_counter (n INTEGER)"))
        conn.execute(text("DELETE FROM fault_counter"))
        conn.execute(text("INSERT INTO fault_counter VALUES (0)"))
    try:
        with engine.connect() as first, engine.connect() as second:
            for conn in (first, second):
                conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
                conn.execute(text("SELECT n FROM fault_counter")).all()
            first.execute(text("UPDATE fault_counter SET n = n + 1"))
            first.commit()
            with pytest.raises(DBAPIError) as caught:
                second.execute(text("UPDATE fault_counter SET n = n + 1"))
            second.rollback()
    finally:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE fault_counter"))
    assert classify(caught.value) is Fault.CONFLICT


@pytest.mark.skipif(not ON_POSTGRES, reason=postgres_only)
def test_a_deadlock_is_a_conflict_fault(engine):
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS fault_pair (id INTEGER PRIMARY KEY)"))
        conn.execute(text("DELETE FROM fault_pair"))
        conn.execute(text("INSERT INTO fault_pair VALUES (1), (2)"))
    errors: list[BaseException] = []
    both_hold_one = threading.Barrier(2)

    def cross(first: int, second: int) -> None:
        with engine.connect() as conn:
            conn.execute(text("SET deadlock_timeout = '100ms'"))
            try:
                conn.execute(
                    text("SELECT id FROM fault_pair WHERE id = :i FOR UPDATE"), {"i": first}
                )
                both_hold_one.wait()
                conn.execute(
                    text("SELECT id FROM fault_pair WHERE id = :i FOR UPDATE"), {"i": second}
                )
            except DBAPIError as exc:
                errors.append(exc)
            conn.rollback()

    try:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(cross, (1, 2), (2, 1)))
    finally:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE fault_pair"))
    assert len(errors) == 1, errors
    assert classify(errors[0]) is Fault.CONFLICT


# --- what the server answers -------------------------------------------------------------


def _local_port(response: httpx.Response) -> int:
    """The client side of the connection the response came on (same port: kept alive)."""
    return response.extensions["network_stream"].get_extra_info("client_addr")[1]


@pytest.mark.skipif(ON_POSTGRES, reason=sqlite_only)
def test_a_write_kept_from_the_sqlite_lock_is_a_503_with_retry_after_on_a_kept_connection(
    start_server, database_url
):
    server = start_server(sqlite_busy_timeout_ms="200")
    with httpx.Client(base_url=server.url, headers=ADMIN, timeout=30) as client:
        client.get("/v1/businesses")  # the database is in WAL mode before the test locks it
        with writes_to_businesses_blocked(database_url):
            refused = client.post("/v1/businesses", json=business_body(name="Locked Out"))
        refused_on = _local_port(refused)
        served = client.post("/v1/businesses", json=business_body(name="Locked Out"))
        served_on = _local_port(served)
    assert refused.status_code == 503, refused.text
    assert refused.headers["retry-after"] == "1"
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"].endswith("/database-unavailable")
    assert served.status_code == 201
    assert served_on == refused_on, "the 503 closed the connection"


@pytest.fixture(scope="module")
def pg_server(start_server):
    if not ON_POSTGRES:
        pytest.skip(postgres_only)
    return start_server()


@pytest.mark.skipif(not ON_POSTGRES, reason=postgres_only)
def test_a_read_whose_connection_is_lost_is_run_again_and_answered(pg_server, database_url):
    with (
        postgres(database_url) as locker,
        postgres(database_url) as watcher,
        ThreadPoolExecutor(1) as pool,
        httpx.Client(base_url=pg_server.url, headers=ADMIN, timeout=30) as client,
    ):
        with table_locked(locker, "vendors"):
            pending = pool.submit(client.get, "/v1/vendors")
            wait_until(watcher, "wait_event_type = 'Lock'")
            watcher.execute(text(TERMINATE + " AND pid <> :locker"), {"locker": _pid(locker)})
            wait_until(watcher, "wait_event_type = 'Lock'")  # run again, and waiting again
        response = pending.result(timeout=30)
    assert response.status_code == 200, response.text


@pytest.mark.skipif(not ON_POSTGRES, reason=postgres_only)
def test_a_write_whose_connection_is_lost_before_commit_is_run_again_once(pg_server, database_url):
    with (
        postgres(database_url) as locker,
        postgres(database_url) as watcher,
        ThreadPoolExecutor(1) as pool,
        httpx.Client(base_url=pg_server.url, headers=ADMIN, timeout=30) as client,
    ):
        with table_locked(locker, "businesses"):
            body = business_body(name="Written Once")
            pending = pool.submit(client.post, "/v1/businesses", json=body)
            wait_until(watcher, "wait_event_type = 'Lock'")
            watcher.execute(text(TERMINATE + " AND pid <> :locker"), {"locker": _pid(locker)})
            wait_until(watcher, "wait_event_type = 'Lock'")  # run again, and waiting again
        response = pending.result(timeout=30)
    assert response.status_code == 201, response.text
    # Counted on a connection of the test's own: the terminations took the pooled ones.
    with postgres(database_url) as conn:
        count = conn.execute(text("SELECT count(*) FROM businesses WHERE name = 'Written Once'"))
        assert count.scalar_one() == 1


@pytest.mark.skipif(not ON_POSTGRES, reason=postgres_only)
def test_a_write_whose_commit_is_lost_is_a_503_saying_so_and_not_run_again(
    pg_server, database_url, engine
):
    # COMMIT runs a deferred trigger that counts the attempt (sequences ignore rollback)
    # and then sleeps, so the test can cut the connection in the middle of COMMIT.
    ddl = [
        "CREATE SEQUENCE commit_attempts",
        "CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM nextval('commit_attempts'); PERFORM pg_sleep(30); RETURN NULL; END $$",
        "CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON businesses "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()",
    ]
    with postgres(database_url) as admin:
        for statement in ddl:
            admin.execute(text(statement))
        try:
            with (
                ThreadPoolExecutor(1) as pool,
                httpx.Client(base_url=pg_server.url, headers=ADMIN, timeout=30) as client,
            ):
                pending = pool.submit(
                    client.post, "/v1/businesses", json=business_body(name="Maybe Saved")
                )
                wait_until(admin, "wait_event = 'PgSleep'")
                admin.execute(text(TERMINATE))
                response = pending.result(timeout=30)
            attempts = admin.execute(text("SELECT last_value FROM commit_attempts")).scalar_one()
        finally:
            admin.execute(text("DROP TRIGGER slow_commit ON businesses"))
            admin.execute(text("DROP FUNCTION slow_commit()"))
            admin.execute(text("DROP SEQUENCE commit_attempts"))
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"] == "1"
    assert "may or may not" in response.json()["detail"]
    assert attempts == 1, "a request whose COMMIT was lost was run again"


def _pid(connection) -> int:
    return connection.execute(text("SELECT pg_backend_pid()")).scalar_one()


# --- backends terminated under load ------------------------------------------------------

STORM_SECONDS = 4
WRITERS = 4


@pytest.mark.skipif(not ON_POSTGRES, reason=postgres_only)
def test_backends_terminated_under_write_load_cost_no_500_no_reset_and_no_saved_write(
    pg_server, database_url, engine
):
    stop = threading.Event()
    created: list[str] = []
    statuses: list[int] = []
    without_retry_after: list[int] = []
    resets: list[str] = []
    ready_latency: list[float] = []
    ready_statuses: list[int] = []
    kills = 0

    def write(worker: int) -> None:
        with httpx.Client(base_url=pg_server.url, headers=ADMIN, timeout=30) as client:
            n = 0
            while not stop.is_set():
                n += 1
                try:
                    r = client.post(
                        "/v1/businesses", json=business_body(name=f"Storm {worker} {n}")
                    )
                except httpx.TransportError as exc:
                    resets.append(repr(exc))
                    continue
                statuses.append(r.status_code)
                if r.status_code == 201:
                    created.append(r.json()["id"])
                elif r.status_code == 503 and "retry-after" not in r.headers:
                    without_retry_after.append(r.status_code)

    def terminate() -> None:
        nonlocal kills
        with postgres(database_url) as killer:
            while not stop.wait(0.2):
                kills += sum(1 for _ in killer.execute(text(TERMINATE)))

    def probe() -> None:
        with httpx.Client(base_url=pg_server.url, timeout=30) as client:
            while not stop.wait(0.05):
                started = time.perf_counter()
                r = client.get("/readyz")
                ready_latency.append(time.perf_counter() - started)
                ready_statuses.append(r.status_code)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    threads += [threading.Thread(target=terminate), threading.Thread(target=probe)]
    for thread in threads:
        thread.start()
    time.sleep(STORM_SECONDS)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)

    with httpx.Client(base_url=pg_server.url, headers=ADMIN, timeout=30) as client:
        lost = [i for i in created if client.get(f"/v1/businesses/{i}").status_code != 200]
    figures = (
        f"backends terminated {kills}; writes 201: {statuses.count(201)}, 503: "
        f"{statuses.count(503)}, other: {[s for s in statuses if s not in (201, 503)]}; "
        f"resets {len(resets)}; /readyz max {max(ready_latency) * 1000:.0f} ms over "
        f"{len(ready_latency)} checks ({ready_statuses.count(200)} ready)"
    )
    print(figures)
    assert kills > 0 and statuses.count(201) > 0, figures
    assert not [s for s in statuses if s >= 500 and s != 503], figures
    assert not without_retry_after, figures
    assert not resets, (figures, resets[:3])
    assert not lost, (figures, lost[:3])
    assert max(ready_latency) < 1.0, figures
    assert 500 not in ready_statuses, figures


@pytest.mark.skipif(not ON_POSTGRES, reason=postgres_only)
def test_readyz_answers_503_with_a_reason_when_the_database_does_not_answer_in_time(
    pg_server, database_url
):
    with postgres(database_url) as locker, table_locked(locker, "alembic_version"):
        response = httpx.get(pg_server.url + "/readyz", timeout=30)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["reason"]
