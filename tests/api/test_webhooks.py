"""Webhook endpoints and deliveries: signed per Standard Webhooks (checked with the
`standardwebhooks` package, not only our own code), retried, logged, sealed at rest, sent
only where the rule allows, and only to the tenant that may read the event.

The worker runs in the test process against the test database and a real HTTP receiver on
127.0.0.1; tests/api/test_worker_processes.py runs it as separate processes."""

import base64
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import SecretStr
from sqlmodel import Session
from standardwebhooks.webhooks import Webhook

from api.events.models import EventType
from api.webhooks import delivery
from api.webhooks import service as webhooks
from api.webhooks.models import WebhookEndpoint
from api.worker import Worker
from tests import receiver as receivers
from tests.helpers import ADMIN, snapshot, timestamp

PROBLEM = "application/problem+json"


@pytest.fixture
def receiver():
    yield from receivers.serve()


@pytest.fixture
def hook_settings(settings):
    return settings.model_copy(
        update={"webhook_allow_private": True, "webhook_retry_schedule": [0, 0, 0]}
    )


@pytest.fixture
def private_ok(swap_state, hook_settings):
    """The app admits loopback URLs, as OFFLOAD_WEBHOOK_ALLOW_PRIVATE=true does."""
    swap_state(settings=hook_settings)
    return hook_settings


@pytest.fixture
def worker(hook_settings, engine):
    running = Worker(hook_settings, engine=engine)
    yield running
    running.close()


def _register(client, url, headers=ADMIN, **fields):
    response = client.post("/v1/webhook-endpoints", json={"url": url, **fields}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def _drain(worker, ticks=10):
    for _ in range(ticks):
        if not worker.tick().busy:
            return


def _verified(secret, received):
    return Webhook(secret).verify(received.body, received.headers)


def _deliveries(client, endpoint_id, headers=ADMIN):
    response = client.get(f"/v1/webhook-endpoints/{endpoint_id}/deliveries", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["data"]


def test_every_event_type_arrives_signed_and_verifies_with_standardwebhooks(
    client, market, private_ok, worker, receiver, clock
):
    partner = market.partner()
    endpoint = _register(client, receiver.url, partner)
    world_business = market.business(partner)["id"]
    vendor = market.vendor(partner)["id"]
    service = market.service(vendor, partner)["id"]
    spare = market.service(vendor, partner, task_type="payroll")["id"]
    client.patch(f"/v1/vendors/{vendor}/services/{spare}", json={"capacity": 10}, headers=partner)
    client.delete(f"/v1/vendors/{vendor}/services/{spare}", headers=partner)
    tasks = [market.task(world_business, partner, title=f"Books {i}")["id"] for i in range(5)]
    client.patch(f"/v1/tasks/{tasks[4]}", json={"title": "Renamed"}, headers=partner)
    client.delete(f"/v1/tasks/{tasks[4]}", headers=partner)

    def propose(task):
        response = client.post(
            f"/v1/tasks/{task}/engagements", json={"service_id": service}, headers=partner
        )
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def act(engagement, action, body=None):
        path = f"/v1/engagements/{engagement}/{action}"
        assert client.post(path, json=body, headers=partner).status_code == 200

    done = propose(tasks[0])
    act(done, "accept")
    act(done, "complete", {"rating": 4})
    act(propose(tasks[1]), "decline")
    act(propose(tasks[2]), "cancel")
    overdue = client.get(f"/v1/engagements/{propose(tasks[3])}", headers=partner).json()
    clock.now = timestamp(overdue["expires_at"])
    client.get(f"/v1/engagements/{overdue['id']}", headers=partner)
    expected = len(client.get("/v1/events?limit=100", headers=partner).json()["data"])

    _drain(worker)

    received = receiver.wait_for(expected)
    payloads = [_verified(endpoint["secret"], r) for r in received]
    assert {p["type"] for p in payloads} == {t.value for t in EventType}
    assert all(r.headers["webhook-id"] == p["id"] for r, p in zip(received, payloads, strict=True))
    assert len({p["id"] for p in payloads}) == len(payloads) == expected


def test_a_receiver_that_fails_twice_gets_it_on_the_third_attempt_and_the_log_shows_all_three(
    client, private_ok, worker, receiver
):
    endpoint = _register(client, receiver.url)
    receiver.script = [500, 503]
    ping = client.post(f"/v1/webhook-endpoints/{endpoint['id']}/test", headers=ADMIN)
    assert ping.status_code == 202, ping.text

    _drain(worker)

    [delivery] = _deliveries(client, endpoint["id"])
    assert delivery["id"] == ping.json()["id"]
    assert delivery["status"] == "succeeded"
    assert [(a["number"], a["status_code"], a["succeeded"]) for a in delivery["attempts"]] == [
        (1, 500, False),
        (2, 503, False),
        (3, 200, True),
    ]
    assert [a["error"] for a in delivery["attempts"]] == ["HTTP 500", "HTTP 503", None]
    assert all(a["duration_ms"] >= 0 for a in delivery["attempts"])
    # One event, three tries: each carries the same webhook-id and verifies.
    received = receiver.wait_for(3)
    assert {r.headers["webhook-id"] for r in received} == {delivery["event_id"]}
    assert _verified(endpoint["secret"], received[-1])["type"] == "webhook.test"


def test_a_delivery_that_runs_out_of_retries_is_marked_failed(client, private_ok, worker, receiver):
    endpoint = _register(client, receiver.url)
    receiver.script = [500] * 10
    client.post(f"/v1/webhook-endpoints/{endpoint['id']}/test", headers=ADMIN)

    _drain(worker)

    [delivery] = _deliveries(client, endpoint["id"])
    assert delivery["status"] == "failed"
    assert delivery["next_attempt_at"] is None
    assert len(delivery["attempts"]) == 1 + len(private_ok.webhook_retry_schedule)


def test_a_failed_attempt_waits_its_turn_on_the_schedule(
    client, private_ok, hook_settings, engine, receiver
):
    slow = Worker(hook_settings.model_copy(update={"webhook_retry_schedule": [300]}), engine=engine)
    try:
        endpoint = _register(client, receiver.url)
        receiver.script = [500]
        client.post(f"/v1/webhook-endpoints/{endpoint['id']}/test", headers=ADMIN)
        _drain(slow)
    finally:
        slow.close()

    [delivery] = _deliveries(client, endpoint["id"])
    assert delivery["status"] == "pending"
    first = timestamp(delivery["attempts"][0]["started_at"])
    assert timestamp(delivery["next_attempt_at"]) - first >= timedelta(seconds=299)
    assert len(receiver.received) == 1


def test_the_secret_is_shown_once_and_stored_only_sealed(client, private_ok, engine, receiver):
    created = _register(client, receiver.url)
    secret = created["secret"]

    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
    shown = client.get(f"/v1/webhook-endpoints/{created['id']}", headers=ADMIN).json()
    listed = client.get("/v1/webhook-endpoints", headers=ADMIN).json()["data"]
    assert "secret" not in shown
    assert all("secret" not in e for e in listed)
    dump = repr(snapshot(engine))
    assert secret not in dump
    assert secret.removeprefix("whsec_") not in dump


def test_after_a_rotation_both_secrets_sign_for_24_hours_then_only_the_new(
    client, private_ok, worker, receiver, engine
):
    endpoint = _register(client, receiver.url)
    rotated = client.post(f"/v1/webhook-endpoints/{endpoint['id']}/rotate-secret", headers=ADMIN)
    assert rotated.status_code == 200, rotated.text
    new_secret = rotated.json()["secret"]
    assert new_secret != endpoint["secret"]

    client.post(f"/v1/webhook-endpoints/{endpoint['id']}/test", headers=ADMIN)
    _drain(worker)

    [received] = receiver.wait_for(1)
    assert len(received.headers["webhook-signature"].split(" ")) == 2
    assert _verified(endpoint["secret"], received)["type"] == "webhook.test"
    assert _verified(new_secret, received)["type"] == "webhook.test"
    with Session(engine) as session:
        row = session.get(WebhookEndpoint, endpoint["id"])
        now = datetime.now(UTC)
        assert webhooks.signing_secrets(private_ok, row, now + timedelta(hours=23)) == [
            new_secret,
            endpoint["secret"],
        ]
        assert webhooks.signing_secrets(private_ok, row, now + timedelta(hours=24, seconds=1)) == [
            new_secret
        ]


def test_a_secret_the_server_key_no_longer_opens_fails_the_attempt_with_the_reason(
    client, private_ok, hook_settings, engine, receiver
):
    endpoint = _register(client, receiver.url)
    client.post(f"/v1/webhook-endpoints/{endpoint['id']}/test", headers=ADMIN)
    rekeyed = Worker(
        hook_settings.model_copy(update={"secret_key": SecretStr("another-key-0123456789")}),
        engine=engine,
    )
    try:
        rekeyed.tick()
    finally:
        rekeyed.close()

    [delivery] = _deliveries(client, endpoint["id"])
    [attempt] = delivery["attempts"]
    assert "OFFLOAD_SECRET_KEY" in attempt["error"]
    assert receiver.received == []


@pytest.mark.parametrize("action", ["create", "rotate-secret"])
def test_an_idempotent_replay_never_repeats_a_secret_nor_stores_it(client, engine, action):
    path = "/v1/webhook-endpoints"
    body = {"url": "https://hooks.example.com/offload"}
    if action == "rotate-secret":
        path = f"{path}/{_register(client, body['url'])['id']}/rotate-secret"
        body = None
    headers = {**ADMIN, "Idempotency-Key": f"hook-{action}"}

    first = client.post(path, json=body, headers=headers)
    replay = client.post(path, json=body, headers=headers)

    assert first.json()["secret"].startswith("whsec_")
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json()["secret"] is None
    assert first.json()["secret"] not in repr(snapshot(engine))


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.example.com/offload",
        "https://127.0.0.1/hooks",
        "https://10.1.2.3/hooks",
        "https://192.168.0.10/hooks",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hooks",
        "https://[::ffff:127.0.0.1]/hooks",
        "https://localhost/hooks",
        "https://metadata.google.internal/hooks",
        "https://user:pass@hooks.example.com/",
        "ftp://hooks.example.com/",
        "not a url",
    ],
)
def test_a_private_or_non_https_url_is_refused_without_the_setting(client, engine, url):
    before = snapshot(engine)

    response = client.post("/v1/webhook-endpoints", json={"url": url}, headers=ADMIN)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert [e["field"] for e in response.json()["errors"]] == ["body.url"]
    assert snapshot(engine) == before


def test_a_public_https_url_is_accepted_without_the_setting(client):
    created = _register(client, "https://hooks.example.com/offload")
    assert created["url"] == "https://hooks.example.com/offload"


def test_the_address_is_checked_again_at_send_time(
    client, private_ok, hook_settings, engine, receiver
):
    """Registered while private addresses were allowed (or a name that now resolves to one):
    a worker without the setting connects nowhere private."""
    endpoint = _register(client, receiver.url)
    client.post(f"/v1/webhook-endpoints/{endpoint['id']}/test", headers=ADMIN)
    strict = Worker(
        hook_settings.model_copy(update={"webhook_allow_private": False}), engine=engine
    )
    try:
        strict.tick()
    finally:
        strict.close()

    [delivery] = _deliveries(client, endpoint["id"])
    [attempt] = delivery["attempts"]
    assert attempt["status_code"] is None
    assert "private" in attempt["error"]
    assert receiver.received == []


def test_an_owner_holds_at_most_the_configured_number_of_endpoints(
    client, market, swap_state, private_ok, engine
):
    swap_state(settings=private_ok.model_copy(update={"webhook_max_endpoints": 2}))
    partner = market.partner()
    for i in range(2):
        _register(client, f"https://hooks.example.com/{i}", partner)
    before = snapshot(engine)

    refused = client.post(
        "/v1/webhook-endpoints", json={"url": "https://hooks.example.com/2"}, headers=partner
    )

    assert refused.status_code == 409
    assert snapshot(engine) == before
    _register(client, "https://hooks.example.com/other-owner", market.partner())


def test_without_a_secret_key_the_server_refuses_to_create_endpoints(
    client, settings, swap_state, engine
):
    swap_state(settings=settings.model_copy(update={"secret_key": None}))
    before = snapshot(engine)

    response = client.post(
        "/v1/webhook-endpoints", json={"url": "https://hooks.example.com/"}, headers=ADMIN
    )

    assert response.status_code == 503
    assert "OFFLOAD_SECRET_KEY" in response.json()["detail"]
    assert snapshot(engine) == before


def test_a_tenant_never_hears_of_another_tenants_events(
    client, market, private_ok, worker, receiver
):
    partner_a, partner_b = market.partner(), market.partner()
    _register(client, receiver.url + "/a", partner_a)
    _register(client, receiver.url + "/b", partner_b)
    biz_a = market.business(partner_a)["id"]
    task_a = market.task(biz_a, partner_a)["id"]
    vendor_b = market.vendor(partner_b)["id"]
    vendor_key = market.vendor_key(vendor_b, partner_b)
    _register(client, receiver.url + "/vendor-b", vendor_key)
    service_b = market.service(vendor_b, partner_b)["id"]

    _drain(worker)

    received = receiver.wait_for(3)
    import json

    heard = sorted(
        (json.loads(r.body)["data"]["id"], r.headers["webhook-id"][:4]) for r in received
    )
    assert sorted(h[0] for h in heard) == sorted([task_a, service_b, service_b])
    assert len(received) == 3  # A its task; B and B's vendor the service; nobody else's


def test_an_endpoint_hears_only_the_types_it_subscribed_to(
    client, market, private_ok, worker, receiver
):
    _register(client, receiver.url, event_types=["task.updated"])
    world = market.one_of_each()
    client.patch(f"/v1/tasks/{world['task']}", json={"title": "New"}, headers=ADMIN)

    _drain(worker)

    [received] = receiver.wait_for(1)
    assert received.body.startswith(b'{"id":"evt_')
    assert b'"type":"task.updated"' in received.body


def test_an_endpoint_hears_only_what_happens_after_it_was_made(
    client, market, private_ok, worker, receiver
):
    market.one_of_each()
    _register(client, receiver.url)

    _drain(worker)

    assert receiver.received == []


def test_an_endpoint_failing_for_five_days_is_disabled_with_the_reason_and_can_be_re_enabled(
    client, private_ok, hook_settings, engine, receiver
):
    endpoint = _register(client, receiver.url)
    receiver.script = [500] * 10
    path = f"/v1/webhook-endpoints/{endpoint['id']}"
    client.post(f"{path}/test", headers=ADMIN)
    start = datetime.now(UTC)
    now = [start]
    failing = Worker(
        hook_settings.model_copy(update={"webhook_retry_schedule": [0] * 5}),
        engine=engine,
        clock=lambda: now[0],
    )
    try:
        failing.tick()
        assert client.get(path, headers=ADMIN).json()["enabled"] is True
        now[0] = start + timedelta(days=5, seconds=1)
        failing.tick()
    finally:
        failing.close()

    disabled = client.get(path, headers=ADMIN).json()
    assert disabled["enabled"] is False
    assert "5 days" in disabled["disabled_reason"]
    enabled = client.patch(path, json={"enabled": True}, headers=ADMIN).json()
    assert (enabled["enabled"], enabled["disabled_reason"]) == (True, None)


def test_a_disabled_endpoint_is_sent_nothing(client, private_ok, worker, receiver):
    endpoint = _register(client, receiver.url, enabled=False)
    client.post(f"/v1/webhook-endpoints/{endpoint['id']}/test", headers=ADMIN)

    _drain(worker)

    assert receiver.received == []
    [delivery] = _deliveries(client, endpoint["id"])
    assert delivery["status"] == "pending"


def test_a_redirect_is_a_failure_and_is_not_followed(client, private_ok, worker, receiver):
    endpoint = _register(client, receiver.url)
    receiver.script = [302, 302, 302, 302]
    client.post(f"/v1/webhook-endpoints/{endpoint['id']}/test", headers=ADMIN)

    worker.tick()

    [delivery] = _deliveries(client, endpoint["id"])
    assert delivery["attempts"][0]["status_code"] == 302
    assert "not followed" in delivery["attempts"][0]["error"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "https://hooks.example.com/", "event_types": ["task.exploded"]}, "event_types"),
        (
            {"url": "https://hooks.example.com/", "event_types": ["*", "task.created"]},
            "event_types",
        ),
        ({"url": "https://hooks.example.com/", "event_types": []}, "event_types"),
        ({"url": "https://hooks.example.com/", "secret": "whsec_mine"}, "secret"),
        ({"url": "https://hooks.example.com/" + "x" * 2000}, "url"),
        ({"url": "https://hooks.example.com/", "description": "x" * 501}, "description"),
    ],
)
def test_a_bad_endpoint_body_is_a_422_naming_the_field_and_changes_nothing(
    client, engine, body, field
):
    before = snapshot(engine)

    response = client.post("/v1/webhook-endpoints", json=body, headers=ADMIN)

    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [f"body.{field}"]
    assert snapshot(engine) == before


def test_a_partner_manages_the_endpoints_of_its_businesses_and_lists_only_its_own(
    client, market, private_ok
):
    partner = market.partner()
    business = market.business(partner)["id"]
    business_key = market.business_key(business, partner)
    owned = _register(client, "https://hooks.example.com/shop", business_key)
    _register(client, "https://hooks.example.com/other", market.partner())

    listed = client.get("/v1/webhook-endpoints", headers=partner).json()["data"]

    assert [e["id"] for e in listed] == [owned["id"]]
    path = f"/v1/webhook-endpoints/{owned['id']}"
    assert client.patch(path, json={"description": "Shop"}, headers=partner).status_code == 200
    assert client.delete(path, headers=partner).status_code == 204
    assert client.get(path, headers=business_key).status_code == 404


def test_once_everything_is_sent_a_worker_finds_nothing_to_do(
    client, market, private_ok, worker, receiver, engine
):
    endpoint = _register(client, receiver.url)
    market.one_of_each()
    client.post(f"/v1/webhook-endpoints/{endpoint['id']}/test", headers=ADMIN)

    _drain(worker)

    assert len(receiver.wait_for(3)) == 3
    idle = worker.tick()
    assert (idle.expired, idle.fanned_out, idle.sent) == (0, 0, 0)
    with Session(engine) as session:
        assert delivery.fan_out_pending(session=session) is False
        assert delivery.any_due(session=session, now=datetime.now(UTC)) is False
