"""The worker as operators run it: separate processes, a real uvicorn server, a real
receiver on 127.0.0.1. Killed mid-delivery it loses nothing; two at once never send one
delivery twice; `offload serve` runs one per process; and the feed stays whole under
concurrent writers."""

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import httpx
import pytest

from tests import receiver as receivers
from tests.helpers import ADMIN, ADMIN_KEY, SECRET_KEY, bearer, business_body, task_body


@pytest.fixture
def receiver():
    yield from receivers.serve()


def _start_worker(database_url, tmp_path, name, **env):
    log = tmp_path / f"{name}.log"
    environment = {
        **os.environ,
        "OFFLOAD_DATABASE_URL": database_url,
        "OFFLOAD_SECRET_KEY": SECRET_KEY,
        "OFFLOAD_WEBHOOK_ALLOW_PRIVATE": "true",
        "OFFLOAD_WORKER_INTERVAL_SECONDS": "0.1",
        **{f"OFFLOAD_{k.upper()}": v for k, v in env.items()},
    }
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-c", "from api.cli import app; app()", "worker"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environment,
        )


def _stop(*processes):
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _register(base, url, headers=ADMIN, **fields):
    response = httpx.post(
        f"{base}/v1/webhook-endpoints", json={"url": url, **fields}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


def _deliveries(base, endpoint_id):
    response = httpx.get(
        f"{base}/v1/webhook-endpoints/{endpoint_id}/deliveries?limit=100", headers=ADMIN
    )
    assert response.status_code == 200, response.text
    return response.json()["data"]


def _eventually(check, timeout=60.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return check()
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_a_worker_killed_mid_delivery_loses_nothing(
    start_server, database_url, engine, receiver, tmp_path
):
    server = start_server(webhook_allow_private="true")
    endpoint = _register(server.url, receiver.url)
    receiver.delay = 30  # the first worker is killed while the receiver still holds it
    ping = httpx.post(f"{server.url}/v1/webhook-endpoints/{endpoint['id']}/test", headers=ADMIN)
    assert ping.status_code == 202
    first = _start_worker(database_url, tmp_path, "first", webhook_claim_seconds="2")
    try:
        assert receiver.arrived.wait(60), "the first worker never sent it"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        _stop(first)
    receiver.delay = 0
    second = _start_worker(database_url, tmp_path, "second", webhook_claim_seconds="2")
    try:

        def delivered():
            [delivery] = _deliveries(server.url, endpoint["id"])
            assert delivery["status"] == "succeeded", delivery
            return delivery

        delivery = _eventually(delivered)
    finally:
        _stop(second)

    # The killed attempt never finished, so the log shows the one that did.
    assert [a["succeeded"] for a in delivery["attempts"]] == [True]
    ok = receiver.ok()
    assert ok[-1].headers["webhook-id"] == delivery["event_id"]


def test_two_workers_never_send_one_delivery_twice(
    start_server, database_url, engine, receiver, tmp_path
):
    server = start_server(webhook_allow_private="true")
    endpoint = _register(server.url, receiver.url)
    receiver.delay = 0.05
    business = httpx.post(f"{server.url}/v1/businesses", json=business_body(), headers=ADMIN)
    business_id = business.json()["id"]
    for i in range(40):
        created = httpx.post(
            f"{server.url}/v1/businesses/{business_id}/tasks",
            json=task_body(title=f"Task {i}"),
            headers=ADMIN,
        )
        assert created.status_code == 201
    workers = [_start_worker(database_url, tmp_path, f"w{i}") for i in range(2)]
    try:
        receiver.wait_for(40, timeout=120)
        time.sleep(1.5)  # time for any second sending to show itself
    finally:
        _stop(*workers)

    sent = Counter(r.headers["webhook-id"] for r in receiver.received)
    assert len(sent) == 40
    assert set(sent.values()) == {1}
    deliveries = _deliveries(server.url, endpoint["id"])
    assert [len(d["attempts"]) for d in deliveries] == [1] * 40


@pytest.mark.parametrize("workers", [1, 2])
def test_offload_serve_runs_one_worker_per_process_and_sends_each_event_once(
    start_server, receiver, workers
):
    server = start_server(
        workers,
        via_cli=True,
        worker=True,
        webhook_allow_private="true",
        worker_interval_seconds="0.1",
    )
    try:
        endpoint = _register(server.url, receiver.url)
        for _ in range(5):
            ping = httpx.post(
                f"{server.url}/v1/webhook-endpoints/{endpoint['id']}/test", headers=ADMIN
            )
            assert ping.status_code == 202
        received = receiver.wait_for(5, timeout=60)
        time.sleep(1)
    finally:
        _stop(server.process)

    assert len(receiver.received) == 5
    assert len({r.headers["webhook-id"] for r in received}) == 5


def test_offload_serve_with_no_worker_sends_nothing(start_server, receiver):
    server = start_server(
        via_cli=True, worker=False, webhook_allow_private="true", worker_interval_seconds="0.1"
    )
    try:
        endpoint = _register(server.url, receiver.url)
        ping = httpx.post(f"{server.url}/v1/webhook-endpoints/{endpoint['id']}/test", headers=ADMIN)
        assert ping.status_code == 202
        time.sleep(2)
    finally:
        _stop(server.process)

    assert receiver.received == []
    assert "--no-worker" in server.process.args


WRITES = 200
PAGE = 7


async def _create_tasks(base, headers, business_id, count):
    limits = httpx.Limits(max_connections=50)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        responses = await asyncio.gather(
            *(
                client.post(
                    f"/v1/businesses/{business_id}/tasks",
                    json=task_body(title=f"Concurrent {i}"),
                    headers=headers,
                )
                for i in range(count)
            )
        )
    return responses


def test_concurrent_writes_each_appear_once_in_the_feed_read_in_pages_without_gap_or_repeat(
    start_server,
):
    server = start_server(2)
    partner = httpx.post(
        f"{server.url}/v1/api-keys", json={"role": "partner", "name": "feed"}, headers=ADMIN
    ).json()
    headers = bearer(partner["secret"])
    business_id = httpx.post(
        f"{server.url}/v1/businesses", json=business_body(), headers=headers
    ).json()["id"]
    # A reader follows the feed while the writers write: what it has seen must never be
    # passed by an event that commits later with a smaller position.
    seen: list[str] = []
    done = threading.Event()

    def follow():
        after = None
        with httpx.Client(base_url=server.url, headers=headers, timeout=60) as client:
            while True:
                finished = done.is_set()
                params = {"limit": PAGE, "types": "task.created"}
                if after:
                    params["after"] = after
                page = client.get("/v1/events", params=params).json()
                seen.extend(event["id"] for event in page["data"])
                if page["data"]:
                    after = page["data"][-1]["id"]
                elif finished:
                    return

    reader = threading.Thread(target=follow)
    reader.start()
    responses = asyncio.run(_create_tasks(server.url, headers, business_id, WRITES))
    done.set()
    reader.join(timeout=120)

    assert [r.status_code for r in responses] == [201] * WRITES
    assert len(seen) == WRITES
    assert len(set(seen)) == WRITES
    # Read again from the start in pages of 7: the same events, in the same order.
    again, after = [], None
    while True:
        params = {"limit": PAGE, "types": "task.created", **({"after": after} if after else {})}
        page = httpx.get(f"{server.url}/v1/events", params=params, headers=headers).json()
        again.extend(event["id"] for event in page["data"])
        if page["next_cursor"] is None:
            break
        after = page["next_cursor"]
    assert again == seen
    tasks = {r.json()["id"] for r in responses}
    feed = httpx.get(
        f"{server.url}/v1/events",
        params={"limit": 100, "types": "task.created"},
        headers=bearer(ADMIN_KEY),
    ).json()["data"]
    assert {event["data"]["id"] for event in feed} <= tasks | {None}
