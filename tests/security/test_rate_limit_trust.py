"""Rate limits against a hostile caller: objects, not requests, are counted; routes without
a key are limited per client; a Redis outage neither drops the limits nor floods the log."""

import logging
import socket
import socketserver
import threading
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.deps import get_principal, get_reader, limit_anonymous
from api.main import create_app
from api.ratelimit import RedisLimiter
from tests.helpers import ADMIN, Market, snapshot, vendor_body


@pytest.fixture
def tight(settings, engine) -> Iterator[TestClient]:
    """An app whose buckets hold 5 tokens and barely refill."""
    app = create_app(
        settings.model_copy(update={"rate_limit_burst": 5, "rate_limit_per_second": 0.01})
    )
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.state.engine.dispose()


def _batch(n: int) -> dict:
    return {
        "items": [
            {
                "vendor": vendor_body(name=f"Vendor {i}"),
                "services": [
                    {
                        "task_type": "bookkeeping",
                        "capacity": 100,
                        "pricing": {"model": "per_unit", "currency": "USD", "amount": 100},
                    }
                ],
            }
            for i in range(n)
        ]
    }


def _vendors(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT COUNT(*) FROM vendors")).scalar_one()


# --- a batch costs what it creates ------------------------------------------------------


def test_a_batch_of_n_items_costs_n_tokens(tight, engine):
    partner = Market(tight).partner()
    created = tight.post("/v1/vendors/batch", json=_batch(3), headers=partner)
    assert created.status_code == 201
    assert created.headers["RateLimit"].startswith('"default";r=2;')

    before = snapshot(engine)
    refused = tight.post("/v1/vendors/batch", json=_batch(3), headers=partner)
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["Retry-After"]) >= 1
    assert snapshot(engine) == before


def test_a_dry_run_costs_as_much_as_the_batch(tight, engine):
    partner = Market(tight).partner()
    dry = tight.post("/v1/vendors/batch", json={**_batch(4), "dry_run": True}, headers=partner)
    assert dry.status_code == 200
    assert tight.post("/v1/vendors/batch", json=_batch(2), headers=partner).status_code == 429
    assert _vendors(engine) == 0


def test_a_batch_larger_than_the_bucket_is_refused_naming_items_and_costs_one_token(tight, engine):
    partner = Market(tight).partner()
    before = snapshot(engine)
    refused = tight.post("/v1/vendors/batch", json=_batch(6), headers=partner)
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["body.items"]
    assert "at most 5 items" in refused.json()["detail"]
    assert snapshot(engine) == before
    # Only the request itself was paid for: four tokens are left for four items.
    assert tight.post("/v1/vendors/batch", json=_batch(4), headers=partner).status_code == 201
    assert _vendors(engine) == 4


def test_many_small_batches_create_no_more_than_the_bucket_allows(tight, engine):
    partner = Market(tight).partner()
    statuses = [
        tight.post("/v1/vendors/batch", json=_batch(2), headers=partner).status_code
        for _ in range(4)
    ]
    assert statuses == [201, 201, 429, 429]
    assert _vendors(engine) == 4


def test_a_partners_keys_share_one_bucket_so_more_keys_buy_no_more_objects(tight, engine):
    partner = Market(tight).key("partner")
    second = Market(tight).key("partner", partner["headers"])  # minted by the partner itself
    assert second["partner_id"] == partner["partner_id"]
    # The first key spent one token minting the second: four are left between them.
    assert (
        tight.post("/v1/vendors/batch", json=_batch(3), headers=partner["headers"]).status_code
        == 201
    )
    assert (
        tight.post("/v1/vendors/batch", json=_batch(2), headers=second["headers"]).status_code
        == 429
    )
    assert _vendors(engine) == 3


def test_different_partners_have_buckets_of_their_own(tight, engine):
    first, second = Market(tight).partner(), Market(tight).partner()
    assert tight.post("/v1/vendors/batch", json=_batch(5), headers=first).status_code == 201
    assert tight.post("/v1/vendors/batch", json=_batch(5), headers=second).status_code == 201
    assert _vendors(engine) == 10


# --- routes without a key -------------------------------------------------------------


def test_routes_without_a_key_are_limited_per_client_address(tight):
    statuses = [tight.get("/v1/task-types").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    refused = tight.get("/v1/task-types")
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["Retry-After"]) >= 1
    # A caller with a key has a bucket of its own.
    assert tight.get("/v1/task-types", headers=ADMIN).status_code == 429
    assert tight.get("/v1/businesses", headers=ADMIN).status_code == 200


def test_health_and_readiness_are_never_limited(tight):
    for _ in range(12):
        assert tight.get("/healthz").status_code == 200
        assert tight.get("/readyz").status_code == 200


def _calls(route: APIRoute) -> set:
    found, pending = set(), [route.dependant]
    while pending:
        dependant = pending.pop()
        found.add(dependant.call)
        pending.extend(dependant.dependencies)
    return found


def test_every_v1_route_is_limited_by_key_or_by_client_address(app: FastAPI):
    routes = [
        context.route
        for context in iter_route_contexts(app.routes)
        if isinstance(context.route, APIRoute) and context.path.startswith("/v1")
    ]
    assert len(routes) > 20
    unlimited = [
        f"{sorted(r.methods)} {r.path}"
        for r in routes
        if not _calls(r) & {get_principal, get_reader, limit_anonymous}
    ]
    assert unlimited == []


# --- Redis going away and coming back --------------------------------------------------


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


class _Relay(socketserver.ThreadingTCPServer):
    """A TCP relay to the real Redis: Redis is 'up' on its port while the relay runs."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int) -> None:
        super().__init__(("127.0.0.1", port), _Pipe)


class _Pipe(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        upstream = socket.create_connection(("127.0.0.1", 6379))

        def pump(source: socket.socket, sink: socket.socket) -> None:
            try:
                while data := source.recv(65536):
                    sink.sendall(data)
            except OSError:
                pass
            finally:
                sink.close()

        threading.Thread(target=pump, args=(upstream, self.request), daemon=True).start()
        pump(self.request, upstream)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(not _redis_up(), reason="no Redis on 127.0.0.1:6379")
def test_a_redis_outage_and_its_end_are_each_logged_once(caplog):
    caplog.set_level(logging.INFO, logger="api.ratelimit")
    port = _free_port()
    limiter = RedisLimiter(f"redis://127.0.0.1:{port}/15", rate=0.01, burst=100, recheck_seconds=0)
    key = f"outage-{port}"

    down = [limiter.hit(key).allowed for _ in range(5)]
    relay = _Relay(port)
    threading.Thread(target=relay.serve_forever, daemon=True).start()
    try:
        up = [limiter.hit(key).allowed for _ in range(5)]
    finally:
        relay.shutdown()
        relay.server_close()

    assert down == up == [True] * 5  # limits held (per worker) throughout
    messages = [r.getMessage() for r in caplog.records if r.name == "api.ratelimit"]
    assert [m.split(" (")[0].split(";")[0] for m in messages] == [
        "Redis unreachable",
        "Redis reachable again",
    ]


def test_while_redis_stays_down_the_outage_is_logged_once_not_per_request(caplog):
    caplog.set_level(logging.INFO, logger="api.ratelimit")
    limiter = RedisLimiter("redis://127.0.0.1:1/0", rate=0.01, burst=2)  # nothing listens
    assert [limiter.hit("k").allowed for _ in range(3)] == [True, True, False]
    attempts = [r for r in caplog.records if r.name == "api.ratelimit"]
    assert len(attempts) == 1
