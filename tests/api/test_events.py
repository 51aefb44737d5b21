"""The event feed: one event per change, in the change's transaction, read in order by
whoever may read the object, and nobody else."""

from datetime import timedelta

import pytest

from api.worker import Worker
from tests.helpers import ADMIN, snapshot, task_body, timestamp


def _feed(client, headers=ADMIN, **params):
    response = client.get("/v1/events", headers=headers, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _types(client, headers=ADMIN, **params):
    return [event["type"] for event in _feed(client, headers, limit=100, **params)["data"]]


def _propose(client, task_id, service_id, headers=ADMIN):
    response = client.post(
        f"/v1/tasks/{task_id}/engagements", json={"service_id": service_id}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


def _act(client, engagement_id, action, body=None):
    response = client.post(f"/v1/engagements/{engagement_id}/{action}", json=body, headers=ADMIN)
    assert response.status_code == 200, response.text
    return response.json()


def test_each_change_is_one_event_carrying_the_object_as_its_get_returns_it(client, market):
    world = market.one_of_each()
    task_path = f"/v1/tasks/{world['task']}"
    patched = client.patch(task_path, json={"title": "Quarterly books"}, headers=ADMIN).json()

    events = _feed(client, limit=100)["data"]

    assert [e["type"] for e in events] == [
        "task.created",
        "service.created",
        "task.updated",
    ]
    assert events[-1]["data"] == patched == client.get(task_path, headers=ADMIN).json()
    assert len({e["id"] for e in events}) == 3
    assert all(e["id"].startswith("evt_") for e in events)


def test_a_refused_change_writes_no_event(client, market, engine):
    world = market.one_of_each()
    before = snapshot(engine)

    refused = client.patch(f"/v1/tasks/{world['task']}", json={"volume": 0}, headers=ADMIN)

    assert refused.status_code == 422
    assert snapshot(engine) == before


def test_every_engagement_change_has_its_event_expiry_included(client, market, clock):
    world = market.one_of_each()
    business = world["business"]
    tasks = [world["task"]] + [
        market.task(business, task_type="bookkeeping", title=f"Books {i}")["id"] for i in range(3)
    ]
    completed = _propose(client, tasks[0], world["service"])
    _act(client, completed["id"], "accept")
    _act(client, completed["id"], "complete", {"rating": 5})
    _act(client, _propose(client, tasks[1], world["service"])["id"], "decline")
    _act(client, _propose(client, tasks[2], world["service"])["id"], "cancel")
    overdue = _propose(client, tasks[3], world["service"])
    clock.now = timestamp(overdue["expires_at"])
    client.get(f"/v1/engagements/{overdue['id']}", headers=ADMIN)

    engagement_events = [t for t in _types(client) if t.startswith("engagement.")]

    assert engagement_events == [
        "engagement.proposed",
        "engagement.accepted",
        "engagement.completed",
        "engagement.proposed",
        "engagement.declined",
        "engagement.proposed",
        "engagement.cancelled",
        "engagement.proposed",
        "engagement.expired",
    ]
    expired = _feed(client, types="engagement.expired")["data"][0]
    assert expired["data"]["status"] == "expired"
    assert timestamp(expired["created_at"]) == clock.now


def test_deleting_a_business_or_vendor_announces_each_task_or_service_it_takes_along(
    client, market
):
    world = market.one_of_each()
    market.task(world["business"], title="Second")

    assert client.delete(f"/v1/businesses/{world['business']}", headers=ADMIN).status_code == 204
    assert client.delete(f"/v1/vendors/{world['vendor']}", headers=ADMIN).status_code == 204

    deleted = _feed(client, types="task.deleted,service.deleted")["data"]
    assert sorted(e["type"] for e in deleted) == ["service.deleted", "task.deleted", "task.deleted"]
    assert world["task"] in {e["data"]["id"] for e in deleted}


def test_reading_on_from_the_last_id_never_skips_or_repeats(client, market):
    business = market.business()["id"]
    for i in range(20):
        market.task(business, title=f"Task {i}")
    everything = [e["id"] for e in _feed(client, limit=100)["data"]]

    seen, after = [], None
    while True:
        page = _feed(client, limit=7, **({"after": after} if after else {}))
        seen += [e["id"] for e in page["data"]]
        if page["next_cursor"] is None:
            break
        after = page["next_cursor"]
        assert after == seen[-1]

    assert seen == everything
    assert len(seen) == 20
    assert _feed(client, after=seen[-1])["data"] == []


def test_the_types_filter_keeps_only_the_named_types(client, market):
    world = market.one_of_each()
    client.patch(f"/v1/tasks/{world['task']}", json={"title": "x"}, headers=ADMIN)

    assert _types(client, types="task.updated,service.created") == [
        "service.created",
        "task.updated",
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"types": "task.created,task.exploded"}, "query.types"),
        ({"after": "evt_doesnotexist"}, "query.after"),
        ({"limit": 0}, "query.limit"),
        ({"limit": 101}, "query.limit"),
    ],
)
def test_a_bad_feed_request_is_a_422_naming_the_parameter(client, params, field):
    response = client.get("/v1/events", headers=ADMIN, params=params)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_the_feed_needs_a_key(client):
    assert client.get("/v1/events").status_code == 401


def test_each_caller_reads_exactly_the_events_of_what_it_may_read(client, market):
    partner_a, partner_b = market.partner(), market.partner()
    biz_a = market.business(partner_a, name="A's shop")["id"]
    ven_b = market.vendor(partner_b, name="B's desk")["id"]
    task_a = market.task(biz_a, partner_a)["id"]
    svc_b = market.service(ven_b, partner_b)["id"]
    # An engagement across owners: A's business, B's vendor. Both sides hear of it.
    engagement = _propose(client, task_a, svc_b, partner_a)
    biz_other = market.business(name="Admin's shop")["id"]
    market.task(biz_other, title="Not theirs")
    business_a_key = market.business_key(biz_a, partner_a)
    vendor_b_key = market.vendor_key(ven_b, partner_b)

    def subjects(headers):
        return sorted(
            (e["type"], e["data"]["id"]) for e in _feed(client, headers, limit=100)["data"]
        )

    proposed = ("engagement.proposed", engagement["id"])
    assert subjects(partner_a) == sorted([("task.created", task_a), proposed])
    assert subjects(business_a_key) == subjects(partner_a)
    assert subjects(partner_b) == sorted([("service.created", svc_b), proposed])
    assert subjects(vendor_b_key) == subjects(partner_b)
    assert len(subjects(ADMIN)) == 4
    # Someone else's event id as `after` reveals nothing but a position.
    foreign_after = _feed(client, limit=100)["data"][-1]["id"]
    assert _feed(client, partner_a, after=foreign_after)["data"] == []


def test_an_overdue_proposal_reads_as_expired_to_the_second_and_its_event_is_written_once(
    client, market, clock
):
    world = market.one_of_each()
    proposal = _propose(client, world["task"], world["service"])
    clock.now = timestamp(proposal["expires_at"]) - timedelta(seconds=1)
    assert client.get(f"/v1/engagements/{proposal['id']}", headers=ADMIN).json()["status"] == (
        "proposed"
    )
    clock.now += timedelta(seconds=1)

    for _ in range(3):
        shown = client.get(f"/v1/engagements/{proposal['id']}", headers=ADMIN).json()
        assert shown["status"] == "expired"

    assert _types(client, types="engagement.expired") == ["engagement.expired"]


def test_a_task_created_and_listed_carries_no_private_fields_beyond_its_get(client, market):
    business = market.business()["id"]
    created = client.post(
        f"/v1/businesses/{business}/tasks", json=task_body(title="Payroll"), headers=ADMIN
    ).json()

    [event] = _feed(client, types="task.created")["data"]

    assert event["data"] == created


def test_the_worker_expires_an_overdue_proposal_when_nobody_asks_and_announces_it(
    client, market, settings, engine
):
    world = market.one_of_each()
    proposal = _propose(client, world["task"], world["service"])
    at = timestamp(proposal["expires_at"])
    worker = Worker(settings, engine=engine, clock=lambda: at)
    try:
        assert _types(client, types="engagement.expired") == []  # reading the feed expires nothing
        tick = worker.tick()
    finally:
        worker.close()

    assert tick.expired == 1
    [event] = _feed(client, types="engagement.expired")["data"]
    assert event["data"]["id"] == proposal["id"]
    assert timestamp(event["created_at"]) == at
    service = client.get(
        f"/v1/vendors/{world['vendor']}/services/{world['service']}", headers=ADMIN
    ).json()
    assert service["reserved"] == 0


@pytest.mark.parametrize("after", ["\x00", "evt_\x00", "not-an-event", "evt_UPPER"])
def test_an_after_that_is_not_an_event_id_is_a_422_naming_the_parameter(client, after):
    response = client.get("/v1/events", params={"after": after}, headers=ADMIN)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["query.after"]
