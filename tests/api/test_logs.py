"""Request ids and logs: what an operator and a partner can trace."""

import io
import json
import logging
import re
import time

import anyio.to_thread
import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from api import logs
from tests.helpers import ADMIN


def test_every_response_carries_a_fresh_request_id(client):
    first = client.get("/v1/task-types").headers["x-request-id"]
    second = client.get("/v1/task-types").headers["x-request-id"]
    assert re.fullmatch(r"req_[0-9a-f]{32}", first) and first != second


def test_a_sane_request_id_from_the_client_is_echoed(client):
    response = client.get("/v1/task-types", headers={"X-Request-ID": "partner-7f3a:42"})
    assert response.headers["x-request-id"] == "partner-7f3a:42"


@pytest.mark.parametrize("given", ["a" * 129, "two words", '"quoted"', "semi;colon", ""])
def test_an_unsafe_request_id_is_replaced_not_echoed(client, given):
    response = client.get("/v1/task-types", headers={"X-Request-ID": given})
    assert re.fullmatch(r"req_[0-9a-f]{32}", response.headers["x-request-id"])


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("GET", "/v1/tasks/tsk_missing", None, 404),
        ("POST", "/v1/businesses", {"name": ""}, 422),
        ("GET", "/v1/nowhere", None, 404),
    ],
)
def test_every_problem_names_its_request_id(client, method, path, body, status):
    response = client.request(method, path, json=body, headers=ADMIN)
    assert response.status_code == status
    assert response.json()["request_id"] == response.headers["x-request-id"]


def test_a_problem_without_a_key_names_the_request_id_too(client):
    response = client.get("/v1/businesses", headers={"X-Request-ID": "trace-1"})
    assert response.status_code == 401
    assert response.json()["request_id"] == "trace-1"


def _capture(logger: str) -> io.StringIO:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs._WithRequestId())
    target = logging.getLogger(logger)
    target.addHandler(handler)
    target.setLevel(logging.INFO)
    return stream


def test_a_line_logged_in_a_handlers_thread_carries_the_request_id():
    stream = _capture("offload.test.thread")

    def work() -> None:
        logging.getLogger("offload.test.thread").info("inside the handler's thread")

    async def endpoint(request):
        await anyio.to_thread.run_sync(work)
        return PlainTextResponse("ok")

    app = logs.RequestIds(Starlette(routes=[Route("/", endpoint)]))
    response = TestClient(app).get("/", headers={"X-Request-ID": "thread-check"})
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert response.headers["x-request-id"] == "thread-check"
    assert [line["request_id"] for line in lines] == ["thread-check"]


def test_text_lines_for_people_and_json_lines_for_machines(capsys):
    before = logging.getLogger().handlers[:]
    try:
        logs.configure(json_lines=False)
        logging.getLogger("offload.test").warning("readable")
        text = capsys.readouterr().err
        logs.configure(json_lines=True)
        logging.getLogger("offload.test").warning("parseable")
        line = json.loads(capsys.readouterr().err.strip())
    finally:
        logging.getLogger().handlers[:] = before
    assert re.match(r"\d\d:\d\d:\d\d WARNING +offload\.test: readable", text)
    assert line["message"] == "parseable" and line["level"] == "warning"


def test_the_access_line_has_the_route_template_status_and_key_but_never_the_secret(
    start_server, market
):
    server = start_server(log_json="true")
    business = market.business()
    key = market.key("business", business_id=business["id"])
    response = httpx.get(
        f"{server.url}/v1/businesses/{business['id']}?secret_probe=1",
        headers={**key["headers"], "X-Request-ID": "access-line-check"},
    )
    assert response.status_code == 200
    lines = []
    for _ in range(50):  # the line is written as the response ends; give the file a moment
        lines = [
            json.loads(line)
            for line in server.log.read_text().splitlines()
            if line.startswith("{") and "access-line-check" in line
        ]
        if lines:
            break
        time.sleep(0.1)
    assert len(lines) == 1
    (line,) = lines
    assert line["logger"] == "offload.access"
    assert line["route"] == "/v1/businesses/{business_id}"
    assert (line["method"], line["status"], line["key_id"]) == ("GET", 200, key["id"])
    assert line["duration_ms"] >= 0
    log = server.log.read_text()
    assert key["secret"] not in log and "secret_probe" not in log
    assert business["id"] not in line["message"]


def test_a_failing_request_can_be_found_in_the_log_by_the_id_in_its_problem(start_server):
    server = start_server(log_json="true")
    problem = httpx.get(f"{server.url}/v1/tasks/tsk_missing", headers=ADMIN).json()
    request_id = problem["request_id"]
    for _ in range(50):
        found = [
            json.loads(line)
            for line in server.log.read_text().splitlines()
            if line.startswith("{") and request_id in line
        ]
        if found:
            break
        time.sleep(0.1)
    assert [(line["logger"], line["status"], line["route"]) for line in found] == [
        ("offload.access", 404, "/v1/tasks/{task_id}")
    ]
