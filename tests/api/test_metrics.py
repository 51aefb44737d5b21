"""/metrics: the standard format, bounded labels, and the figures operators ask for."""

import httpx
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
        for _ in range(3):
            samples = _samples(http.get("/metrics").text)
            route = {"method": "GET", "route": "/v1/task-types", "status": "2xx"}
            assert _value(samples, "offload_http_requests_total", **route) == 30
