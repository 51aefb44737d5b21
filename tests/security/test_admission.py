"""Admission control against a real server: a request that would wait too long for a
database slot is refused at once with 503 and Retry-After, while the operations routes
keep answering.

The server has one database slot and a 0.3 s bound; a write blocked by a lock the test
holds keeps that slot busy for as long as the test likes.
"""

import re
import threading
import time

import httpx
import pytest

from tests.helpers import ADMIN, business_body
from tests.security.locks import writes_to_businesses_blocked

BOUND = 0.3


@pytest.fixture(scope="module")
def server(start_server):
    return start_server(
        db_pool_size="1",
        admission_timeout_seconds=str(BOUND),
        sqlite_busy_timeout_ms="30000",  # the blocked writer waits, holding its slot
    )


def _checked_out(client: httpx.Client) -> int:
    metrics = client.get("/metrics").text
    found = re.search(r"^offload_db_pool_checked_out ([0-9.]+)$", metrics, re.M)
    assert found, metrics
    return int(float(found.group(1)))


class SlowWrite:
    """A POST that holds the server's only slot until the test's lock is released."""

    def __init__(self, server) -> None:
        self.server = server
        self.response: httpx.Response | None = None
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        with httpx.Client(base_url=self.server.url, headers=ADMIN, timeout=60) as client:
            self.response = client.post("/v1/businesses", json=business_body(name="Slow Co"))

    def __enter__(self) -> "SlowWrite":
        self.thread.start()
        with httpx.Client(base_url=self.server.url, timeout=10) as probe:
            deadline = time.monotonic() + 15
            while _checked_out(probe) < 1:  # admitted, and blocked on the lock
                assert time.monotonic() < deadline, "the slow write never got its slot"
                time.sleep(0.02)
        time.sleep(2 * BOUND)  # longer than any request may wait for it
        return self


@pytest.fixture
def slot_held(server, database_url):
    with writes_to_businesses_blocked(database_url):
        slow = SlowWrite(server).__enter__()
        yield slow
        assert slow.response is None, "the slow write finished while its lock was held"
    slow.thread.join(timeout=30)
    assert slow.response is not None and slow.response.status_code == 201, slow.response


def test_a_request_that_would_wait_past_the_bound_is_refused_with_retry_after(server, slot_held):
    with httpx.Client(base_url=server.url, headers=ADMIN, timeout=10) as client:
        response = client.get("/v1/vendors")
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) >= 1
    problem = response.json()
    assert problem["type"].endswith("/overloaded")
    assert problem["status"] == 503


def test_healthz_and_readyz_answer_while_every_slot_is_held(server, slot_held):
    with httpx.Client(base_url=server.url, timeout=10) as client:
        health = client.get("/healthz")
        ready = client.get("/readyz")
    assert health.status_code == 200
    assert ready.status_code == 200, ready.text
    assert ready.json()["status"] == "ok"


def test_a_refused_client_is_served_once_the_slot_is_free(server, database_url):
    with writes_to_businesses_blocked(database_url):
        slow = SlowWrite(server).__enter__()
        with httpx.Client(base_url=server.url, headers=ADMIN, timeout=10) as client:
            refused = client.post("/v1/businesses", json=business_body(name="Refused Co"))
    slow.thread.join(timeout=30)
    with httpx.Client(base_url=server.url, headers=ADMIN, timeout=10) as client:
        served = client.post("/v1/businesses", json=business_body(name="Refused Co"))
        names = [
            b["name"] for b in client.get("/v1/businesses", params={"limit": 100}).json()["data"]
        ]
    assert refused.status_code == 503
    assert "retry-after" in refused.headers
    assert served.status_code == 201
    assert names.count("Refused Co") == 1, "the refused request changed nothing"
