"""/metrics: the standard format, bounded labels, and the figures operators ask for."""

import time
from datetime import timedelta

import httpx
from fastapi.routing import iter_route_contexts
from prometheus_client.parser import text_string_to_metric_families

from tests.helpers import ADMIN


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _value(samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_requests_are_counted_by_route_template_and_status_class_never_by_id(client, market):
    ids = market.one_of_each()
    before = _samples(client.get("/metrics").text)  # the app, and its counts, outlive a test
    for _ in range(3):
        assert client.get(f"/v1/tasks/{ids['task']}", headers=ADMIN).status_code == 200
    assert client.get("/v1/tasks/tsk_nope", headers=ADMIN).status_code == 404
    text = client.get("/metrics").text
    samples = _samples(text)

    def grew(name: str, status: str) -> float:
        route = {"method": "GET", "route": "/v1/tasks/{task_id}", "status": status}
        return _value(samples, name, **route) - _value(before, name, **route)

    assert grew("offload_http_requests_total", "2xx") == 3
    assert grew("offload_http_requests_total", "4xx") == 1
    assert grew("offload_http_request_duration_seconds_count", "2xx") == 3
    assert ids["task"] not in text and "tsk_nope" not in text
    templates = {route.path for route in iter_route_contexts(client.app.router.routes)}
    labelled = {dict(labels).get("route") for _, labels in samples} - {None}
    assert "/v1/tasks/{task_id}" in labelled <= templates | {"(no route)"}


def test_a_match_is_timed_in_two_phases_and_the_index_reports_its_size(client, market):
    ids = market.one_of_each()
    market.service(market.vendor()["id"])
    assert client.get(f"/v1/tasks/{ids['task']}/matches", headers=ADMIN).status_code == 200
    samples = _samples(client.get("/metrics").text)
    for phase in ("index_refresh", "ranking"):
        assert _value(samples, "offload_match_duration_seconds_count", phase=phase) >= 1
    assert _value(samples, "offload_offer_index_offers", task_type="bookkeeping") == 2
    assert _value(samples, "offload_offer_index_builds_total", task_type="bookkeeping") >= 1


def test_engagements_are_counted_by_state(client, market):
    ids = market.one_of_each()
    response = client.post(
        f"/v1/tasks/{ids['task']}/engagements", json={"service_id": ids["service"]}, headers=ADMIN
    )
    assert response.status_code == 201, response.text
    samples = _samples(client.get("/metrics").text)
    assert _value(samples, "offload_engagements", state="proposed") == 1
    assert _value(samples, "offload_database_up") == 1


def test_with_several_workers_any_of_them_reports_the_sum_of_all(start_server):
    server = start_server(workers=2, via_cli=True)
    with httpx.Client(base_url=server.url) as http:
        for _ in range(30):  # new connections: the kernel spreads them over both workers
            with httpx.Client(base_url=server.url) as fresh:
                assert fresh.get("/v1/task-types").status_code == 200
        route = {"method": "GET", "route": "/v1/task-types", "status": "2xx"}

        def total() -> float:
            return _value(
                _samples(http.get("/metrics").text), "offload_http_requests_total", **route
            )

        # A request is counted once its response has been sent, so the client may see the
        # last answer a moment before its worker counts it.
        deadline = time.monotonic() + 5
        while total() < 30 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [total() for _ in range(3)] == [30, 30, 30]


def test_the_webhook_queue_reports_its_depth_and_how_long_the_oldest_due_delivery_waited(
    client, settings, swap_state, clock
):
    swap_state(settings=settings.model_copy(update={"webhook_allow_private": True}))

    def endpoint(**fields) -> str:
        body = {"url": "http://127.0.0.1:9/hooks", **fields}
        response = client.post("/v1/webhook-endpoints", json=body, headers=ADMIN)
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def ping(endpoint_id: str) -> None:
        path = f"/v1/webhook-endpoints/{endpoint_id}/test"
        assert client.post(path, headers=ADMIN).status_code == 202

    def queue() -> tuple[float, float]:
        samples = _samples(client.get("/metrics").text)
        return (
            _value(samples, "offload_webhook_queue_depth"),
            _value(samples, "offload_webhook_oldest_due_age_seconds"),
        )

    assert queue() == (0, 0)
    enabled, disabled = endpoint(), endpoint(enabled=False)
    start = clock.now
    clock.now = start + timedelta(minutes=10)
    ping(enabled)  # due in ten minutes, as a retry would be: queued, but nobody is late with it
    clock.now = start
    assert queue() == (1, 0)
    ping(enabled)  # no worker runs in this app: each ping stays due
    clock.now += timedelta(seconds=30)
    ping(enabled)
    ping(disabled)  # waits for its owner to re-enable it, not for a worker
    clock.now += timedelta(seconds=60)
    assert queue() == (3, 90)
