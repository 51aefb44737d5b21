"""Idempotency-Key on POST: replay, mismatch, in-progress, scope, expiry and races."""

import asyncio
from datetime import timedelta

import httpx
from sqlalchemy import text

from api.db import utcnow
from tests.helpers import ADMIN, business_body, snapshot


def _post(client, body, key, headers=ADMIN):
    return client.post("/v1/businesses", json=body, headers={**headers, "Idempotency-Key": key})


def _businesses(engine):
    with engine.connect() as conn:
        return conn.execute(text("SELECT COUNT(*) FROM businesses")).scalar_one()


def test_a_retry_with_the_same_key_and_body_replays_the_first_response(client, engine):
    first = _post(client, business_body(), "create-rosa")
    second = _post(client, business_body(), "create-rosa")
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert second.headers["Location"] == first.headers["Location"]
    assert "Idempotent-Replayed" not in first.headers
    assert _businesses(engine) == 1


def test_the_same_key_with_a_different_body_is_refused(client, engine):
    _post(client, business_body(), "k1")
    before = snapshot(engine)
    response = _post(client, business_body(name="Someone else"), "k1")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "different request" in response.json()["detail"]
    assert snapshot(engine) == before


def test_keys_are_scoped_to_the_api_key(client, market, engine):
    partner = market.partner()
    assert _post(client, business_body(), "shared").status_code == 201
    assert _post(client, business_body(), "shared", headers=partner).status_code == 201
    assert _businesses(engine) == 2


def test_a_retry_while_the_first_is_running_gets_409(client, engine):
    body = business_body()
    # Arrange the state a running first request leaves: a claim without a response.
    first = _post(client, body, "running")
    with engine.begin() as conn:
        conn.execute(text("UPDATE idempotency_keys SET status = NULL, body = NULL"))
    response = _post(client, body, "running")
    assert first.status_code == 201
    assert response.status_code == 409
    assert response.headers["Retry-After"] == "1"


def test_a_key_older_than_24_hours_runs_again(client, engine):
    _post(client, business_body(), "old")
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE idempotency_keys SET created_at = :t"),
            {"t": (utcnow() - timedelta(hours=25)).replace(tzinfo=None)},
        )
    again = _post(client, business_body(), "old")
    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again.headers
    assert _businesses(engine) == 2


def test_refusals_are_replayed_too(client, engine):
    bad = business_body(country="XX")
    first, second = _post(client, bad, "bad"), _post(client, bad, "bad")
    assert first.status_code == second.status_code == 422
    assert second.json() == first.json()
    assert second.headers["Idempotent-Replayed"] == "true"


def test_a_malformed_key_is_refused(client, engine):
    before = snapshot(engine)
    response = _post(client, business_body(), "x" * 256)
    assert response.status_code == 400
    assert snapshot(engine) == before


def test_twenty_concurrent_identical_requests_create_exactly_one_object(start_server, engine):
    server = start_server()

    async def burst():
        limits = httpx.Limits(max_connections=20, max_keepalive_connections=0)
        async with httpx.AsyncClient(
            base_url=server.url, headers=ADMIN, limits=limits, timeout=30
        ) as c:
            return await asyncio.gather(
                *(
                    c.post(
                        "/v1/businesses", json=business_body(), headers={"Idempotency-Key": "race"}
                    )
                    for _ in range(20)
                )
            )

    responses = asyncio.run(burst())
    assert _businesses(engine) == 1
    created = [r for r in responses if r.status_code == 201]
    assert created
    assert {r.json()["id"] for r in created} == {created[0].json()["id"]}
    assert all(r.status_code in (201, 409) for r in responses)
