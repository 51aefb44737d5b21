"""Rate limits per API key: a token bucket, in-process or shared through Redis."""

import socket
import time
import uuid

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.ratelimit import LocalLimiter, RedisLimiter
from tests.helpers import ADMIN, Market, bearer, business_body, snapshot

REDIS_URL = "redis://127.0.0.1:6379/15"


def _limited_client(settings, **limits):
    app = create_app(settings.model_copy(update=limits))
    return app, TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def tight(settings, engine):
    app, client = _limited_client(settings, rate_limit_burst=3, rate_limit_per_second=0.01)
    with client:
        yield client
    app.state.engine.dispose()


def _partner_key(client):
    return bearer(Market(client).key("partner")["secret"])


def test_responses_carry_ratelimit_headers(tight):
    key = _partner_key(tight)
    response = tight.get("/v1/businesses", headers=key)
    assert response.status_code == 200
    assert response.headers["RateLimit-Policy"] == '"default";q=3;w=300'
    assert response.headers["RateLimit"].startswith('"default";r=2;t=')


def test_matches_carry_the_rate_limit_and_are_refused_over_it(tight):
    key = _partner_key(tight)
    market = Market(tight)
    business = market.business(headers=key)
    task = market.task(business["id"], headers=key)  # the key's second token of three
    path = f"/v1/tasks/{task['id']}/matches"
    answered = tight.get(path, headers=key)
    assert answered.status_code == 200
    assert answered.headers["RateLimit-Policy"] == '"default";q=3;w=300'
    assert answered.headers["RateLimit"].startswith('"default";r=0;t=')
    refused = tight.get(path, headers=key)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1


def test_the_request_over_the_burst_gets_429_with_retry_after(tight):
    key = _partner_key(tight)
    statuses = [tight.get("/v1/businesses", headers=key).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = tight.get("/v1/businesses", headers=key)
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["status"] == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert refused.headers["RateLimit"].startswith('"default";r=0;')


def test_each_key_has_its_own_bucket(tight):
    first, second = _partner_key(tight), _partner_key(tight)
    for _ in range(3):
        tight.get("/v1/businesses", headers=first)
    assert tight.get("/v1/businesses", headers=first).status_code == 429
    assert tight.get("/v1/businesses", headers=second).status_code == 200


def test_guessing_keys_is_limited_per_client(tight):
    statuses = [
        tight.get("/v1/businesses", headers=bearer(f"ofk_guess{i}")).status_code for i in range(5)
    ]
    assert statuses == [401, 401, 401, 429, 429]


def test_a_refused_request_changes_nothing(tight, engine):
    key = _partner_key(tight)
    for _ in range(3):
        tight.get("/v1/businesses", headers=key)
    before = snapshot(engine)
    assert tight.post("/v1/businesses", json=business_body(), headers=key).status_code == 429
    assert snapshot(engine) == before


def test_the_bucket_refills_over_time():
    limiter = LocalLimiter(rate=50.0, burst=1)  # one token every 20 ms
    assert limiter.hit("k").allowed
    assert not limiter.hit("k").allowed
    time.sleep(0.05)
    assert limiter.hit("k").allowed


def _redis_up():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def _new_partner_key(settings):
    """A fresh partner's key, minted through a worker that counts in its own memory: in
    Redis the admin's bucket outlives the run, so other runs' admin calls would spend it."""
    app, client = _limited_client(settings)
    with client:
        secret = Market(client).key("partner", ADMIN)["secret"]
    app.state.engine.dispose()
    return bearer(secret)


@pytest.mark.skipif(not _redis_up(), reason="no Redis on 127.0.0.1:6379")
def test_workers_sharing_redis_share_one_bucket_per_key(settings, engine):
    shared = {"rate_limit_burst": 4, "rate_limit_per_second": 0.01, "redis_url": REDIS_URL}
    (app_a, a), (app_b, b) = (
        _limited_client(settings, **shared),
        _limited_client(settings, **shared),
    )
    key = _new_partner_key(settings)
    with a, b:
        statuses = [
            (a if i % 2 else b).get("/v1/businesses", headers=key).status_code for i in range(6)
        ]
    app_a.state.engine.dispose()
    app_b.state.engine.dispose()
    # Two "workers", one bucket of 4: the fifth request is refused whichever worker gets it.
    assert statuses == [200, 200, 200, 200, 429, 429]


@pytest.mark.skipif(not _redis_up(), reason="no Redis on 127.0.0.1:6379")
def test_matches_spend_the_bucket_workers_share_through_redis(settings, engine):
    """A remembered caller of the match list is counted where every worker counts it: a
    limiter that waits on the network is never asked on the event loop, but it is asked."""
    shared = {"rate_limit_burst": 5, "rate_limit_per_second": 0.01, "redis_url": REDIS_URL}
    (app_a, a), (app_b, b) = (
        _limited_client(settings, **shared),
        _limited_client(settings, **shared),
    )
    key = _new_partner_key(settings)
    with a, b:
        business = Market(a).business(headers=key)
        task = Market(a).task(business["id"], headers=key)  # two of the five tokens
        path = f"/v1/tasks/{task['id']}/matches"
        statuses = [(a if i % 2 else b).get(path, headers=key).status_code for i in range(5)]
    app_a.state.engine.dispose()
    app_b.state.engine.dispose()
    assert statuses == [200, 200, 200, 429, 429]


@pytest.mark.skipif(not _redis_up(), reason="no Redis on 127.0.0.1:6379")
def test_redis_limiter_counts_down_and_refuses():
    limiter = RedisLimiter(REDIS_URL, rate=0.01, burst=2)
    key = f"test-{uuid.uuid4().hex}"
    assert [limiter.hit(key).allowed for _ in range(3)] == [True, True, False]


def test_an_unreachable_redis_falls_back_to_per_worker_limits():
    limiter = RedisLimiter("redis://127.0.0.1:1/0", rate=0.01, burst=2)  # nothing listens there
    assert [limiter.hit("k").allowed for _ in range(3)] == [True, True, False]
