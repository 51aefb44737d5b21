"""Idempotency-Key against a hostile caller: a replay is authenticated and rate-limited like
any request, never repeats a secret, and never holds a retry to a failure or a dead claim."""

import asyncio
from collections.abc import Iterator
from datetime import timedelta

import anyio
import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.callers import SETTINGS_ADMIN_ID
from api.db import utcnow
from api.deps import CurrentPrincipal
from api.main import create_app
from tests.helpers import ADMIN, ADMIN_KEY, business_body, vendor_body


def _post(client, path, body, key, headers=ADMIN):
    return client.post(path, json=body, headers={**headers, "Idempotency-Key": key})


def _records(engine) -> list[tuple]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT scope, key, status, body FROM idempotency_keys")))


def _businesses(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT COUNT(*) FROM businesses")).scalar_one()


@pytest.fixture
def own_app(settings, engine) -> Iterator[callable]:
    """Apps of their own, with other settings (the shared test database all the same)."""
    apps: list[FastAPI] = []

    def make(**overrides) -> FastAPI:
        app = create_app(settings.model_copy(update=overrides))
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.state.engine.dispose()


# --- authentication comes first -------------------------------------------------------


def test_a_revoked_key_replaying_its_key_creation_gets_401_and_no_secret(client, market):
    partner = market.key("partner")
    body = {"role": "partner", "name": "second"}
    first = _post(client, "/v1/api-keys", body, "mint", partner["headers"])
    assert first.status_code == 201
    assert client.delete(f"/v1/api-keys/{partner['id']}", headers=ADMIN).status_code == 204

    replay = _post(client, "/v1/api-keys", body, "mint", partner["headers"])

    assert replay.status_code == 401
    assert replay.headers["content-type"] == "application/problem+json"
    assert "Idempotent-Replayed" not in replay.headers
    assert first.json()["secret"] not in replay.text


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer ofk_unknown"},
        {"Authorization": "Bearer not-a-key"},
        {"Authorization": "Basic Zm9vOmJhcg=="},
    ],
    ids=["no key", "unknown key", "malformed key", "other scheme"],
)
def test_a_request_failing_authentication_stores_no_record(client, engine, headers):
    for attempt in range(2):
        response = _post(client, "/v1/businesses", business_body(), "k", headers)
        assert response.status_code == 401, attempt
        assert "Idempotent-Replayed" not in response.headers
    assert _records(engine) == []


def test_a_key_is_recognised_by_its_id_however_the_authorization_header_is_spelled(client, engine):
    first = _post(client, "/v1/businesses", business_body(), "k", ADMIN)
    second = _post(
        client, "/v1/businesses", business_body(), "k", {"Authorization": f"bearer  {ADMIN_KEY}"}
    )
    assert first.status_code == second.status_code == 201
    assert second.headers["Idempotent-Replayed"] == "true"
    assert _businesses(engine) == 1
    assert [scope for scope, *_ in _records(engine)] == [SETTINGS_ADMIN_ID]


# --- secrets are shown once -----------------------------------------------------------


def test_a_replayed_key_creation_withholds_the_secret_and_says_so(client, engine):
    body = {"role": "admin", "name": "ops"}
    first = _post(client, "/v1/api-keys", body, "mint")
    replay = _post(client, "/v1/api-keys", body, "mint")

    assert first.status_code == replay.status_code == 201
    secret = first.json()["secret"]
    assert secret.startswith("ofk_")
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.headers["Idempotent-Replay-Omitted"] == "secret"
    assert replay.json() == {**first.json(), "secret": None}
    assert replay.headers["Cache-Control"] == "no-store"
    assert "Idempotent-Replay-Omitted" not in first.headers


def test_the_stored_replay_record_never_holds_the_secret(client, engine):
    first = _post(client, "/v1/api-keys", {"role": "admin", "name": "ops"}, "mint")
    secret = first.json()["secret"]
    [(_, _, status, stored)] = _records(engine)
    assert status == 201
    assert first.json()["id"].encode() in bytes(stored)
    assert secret.encode() not in bytes(stored)


# --- rate limits count replays --------------------------------------------------------


def test_replays_are_counted_against_the_keys_rate_limit(own_app, engine):
    app = own_app(rate_limit_burst=3, rate_limit_per_second=0.01)
    with TestClient(app, raise_server_exceptions=False) as client:
        statuses = [
            _post(client, "/v1/businesses", business_body(), "k").status_code for _ in range(5)
        ]
        refused = _post(client, "/v1/businesses", business_body(), "k")
    assert statuses == [201, 201, 201, 429, 429]
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["Retry-After"]) >= 1
    assert "Idempotent-Replayed" not in refused.headers
    assert _businesses(engine) == 1


def test_a_rate_limited_request_claims_nothing(own_app, engine):
    app = own_app(rate_limit_burst=2, rate_limit_per_second=0.01)
    with TestClient(app, raise_server_exceptions=False) as client:
        for _ in range(2):
            assert client.get("/v1/businesses", headers=ADMIN).status_code == 200
        assert _post(client, "/v1/businesses", business_body(), "k").status_code == 429
    assert _records(engine) == []


def _batch(n: int) -> dict:
    return {"items": [{"vendor": vendor_body(name=f"Vendor {i}")} for i in range(n)]}


def test_a_batch_refused_for_its_cost_is_not_stored_and_its_retry_runs(own_app, engine):
    # Two tokens a second into a bucket of four: the refused batch fits two seconds later.
    app = own_app(rate_limit_burst=4, rate_limit_per_second=2.0)
    with TestClient(app, raise_server_exceptions=False) as client:
        for _ in range(2):
            assert client.get("/v1/businesses", headers=ADMIN).status_code == 200
        refused = _post(client, "/v1/vendors/batch", _batch(4), "import-1")
        assert refused.status_code == 429
        assert _records(engine) == []
        anyio.run(anyio.sleep, 2.0)
        retried = _post(client, "/v1/vendors/batch", _batch(4), "import-1")
    assert retried.status_code == 201, retried.text
    assert "Idempotent-Replayed" not in retried.headers
    assert retried.json()["vendors"] == 4


# --- a failure or a dead claim does not hold the retry ---------------------------------


def test_a_server_error_is_not_stored_and_the_retry_runs_again(own_app, engine):
    app = own_app()
    calls: list[int] = []

    @app.post("/test/flaky")
    def flaky(principal: CurrentPrincipal) -> dict[str, int]:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the first attempt breaks")
        return {"attempt": len(calls)}

    with TestClient(app, raise_server_exceptions=False) as client:
        failed = _post(client, "/test/flaky", {}, "k")
        assert failed.status_code == 500
        assert _records(engine) == []
        retried = _post(client, "/test/flaky", {}, "k")
        replayed = _post(client, "/test/flaky", {}, "k")
    assert retried.status_code == 200
    assert "Idempotent-Replayed" not in retried.headers
    assert replayed.headers["Idempotent-Replayed"] == "true"
    assert replayed.json() == {"attempt": 2}
    assert len(calls) == 2


def _leave_claim(engine, age: timedelta) -> None:
    """Turn the stored record into the claim a process that died mid-request leaves."""
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE idempotency_keys SET status = NULL, body = NULL, created_at = :t"),
            {"t": (utcnow() - age).replace(tzinfo=None)},
        )


def test_a_claim_abandoned_for_longer_than_the_lease_is_taken_back(client, engine):
    assert _post(client, "/v1/businesses", business_body(), "k").status_code == 201
    _leave_claim(engine, timedelta(seconds=31))  # the default lease is 30 s

    retried = _post(client, "/v1/businesses", business_body(), "k")

    assert retried.status_code == 201
    assert "Idempotent-Replayed" not in retried.headers
    assert _businesses(engine) == 2


def test_a_claim_within_its_lease_still_gets_409(client, engine):
    assert _post(client, "/v1/businesses", business_body(), "k").status_code == 201
    _leave_claim(engine, timedelta(seconds=20))
    held = _post(client, "/v1/businesses", business_body(), "k")
    assert held.status_code == 409
    assert held.headers["Retry-After"] == "1"


def test_a_slow_live_request_keeps_its_claim_past_the_lease(own_app, engine):
    # A long admission bound: on SQLite the retry queues for the write slot the first holds.
    app = own_app(idempotency_lease_seconds=2, admission_timeout_seconds=30)
    calls: list[int] = []

    @app.post("/test/slow")
    async def slow(principal: CurrentPrincipal) -> dict[str, int]:
        calls.append(1)
        await anyio.sleep(5)
        return {"calls": len(calls)}

    async def first_and_a_retry_after_the_lease():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            headers = {**ADMIN, "Idempotency-Key": "slow"}

            async def retry():
                await asyncio.sleep(3.5)  # well past the lease, well before the end
                return await http.post("/test/slow", json={}, headers=headers)

            return await asyncio.gather(http.post("/test/slow", json={}, headers=headers), retry())

    first, retry = asyncio.run(first_and_a_retry_after_the_lease())
    assert first.status_code == 200
    assert len(calls) == 1
    if engine.dialect.name == "sqlite":
        # SQLite writers take turns (api/middleware.py), so the retry waits for the first
        # to finish and gets its replay; PostgreSQL lets it through while the first runs.
        assert retry.headers["Idempotent-Replayed"] == "true"
    else:
        assert retry.status_code == 409
