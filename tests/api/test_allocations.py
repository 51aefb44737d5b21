"""Allocations over HTTP: many tasks placed at once, committed all or nothing, per tenant.

The congestion world: two bookkeeping tasks of 400 units, each of its own business (both
owned by one partner). "Top" (rated 5.0 by 50 businesses, 10 years in, CPA certified) has
room for 500 units, one task; "Second" has room for 1,000. Both tasks rank Top first; only
Top holds the CPA the audit task requires. Ranking each task alone books Top for whichever
comes first; allocation puts the audit on Top and the books on Second. The clock is frozen.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from tests.helpers import ADMIN, service_body, set_reserved, snapshot

PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def _frozen(clock):
    return clock


@dataclass
class World:
    partner: dict[str, str]
    books: dict[str, Any]  # the task any service may take
    audit: dict[str, Any]  # the task only Top may take
    top: dict[str, Any]
    second: dict[str, Any]
    top_vendor: str

    @property
    def task_ids(self) -> list[str]:
        return [self.books["id"], self.audit["id"]]


def _rate(engine, vendor_id: str) -> None:
    """Give a vendor a strong track record directly: fifty 5-star ratings."""
    from api.models import metadata

    vendors = metadata.tables["vendors"]
    with engine.begin() as conn:
        conn.execute(
            vendors.update()
            .where(vendors.c.id == vendor_id)
            .values(rating_sum=250, rating_count=50)
        )


@pytest.fixture
def w(market, engine) -> World:
    partner = market.partner()
    books_owner = market.business(partner, name="Books Ltd")
    audit_owner = market.business(partner, name="Audit Ltd")
    top_vendor = market.vendor(name="Top", certifications=["CPA"])
    second_vendor = market.vendor(name="Second")
    _rate(engine, top_vendor["id"])
    top = market.service(top_vendor["id"], capacity=500, experience_years=10)
    second = market.service(second_vendor["id"], capacity=1000)
    return World(
        partner=partner,
        books=market.task(books_owner["id"], partner, title="Books"),
        audit=market.task(
            audit_owner["id"], partner, title="Audit", required_certifications=["CPA"]
        ),
        top=top,
        second=second,
        top_vendor=top_vendor["id"],
    )


def allocate(client, task_ids, headers=ADMIN, **body):
    return client.post("/v1/allocations", json={"task_ids": task_ids, **body}, headers=headers)


def placed(allocation: dict[str, Any]) -> dict[str, str]:
    return {a["task_id"]: a["service_id"] for a in allocation["assignments"]}


def engagements_of(client, task_id: str) -> list[dict[str, Any]]:
    response = client.get(f"/v1/tasks/{task_id}/engagements", headers=ADMIN)
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


def test_per_task_ranking_sends_both_tasks_to_the_top_vendor(client, w):
    for task in (w.books, w.audit):
        best = client.get(f"/v1/tasks/{task['id']}/matches", headers=ADMIN).json()["data"][0]
        assert best["service_id"] == w.top["id"]


def test_a_dry_run_places_both_tasks_where_per_task_ranking_would_double_book_the_top_vendor(
    client, engine, w
):
    before = snapshot(engine)

    response = allocate(client, w.task_ids, w.partner)

    assert response.status_code == 201, response.text
    body = response.json()
    assert placed(body) == {w.books["id"]: w.second["id"], w.audit["id"]: w.top["id"]}
    assert body["unassigned"] == []
    assert body["status"] == "dry_run"
    assert body["objective"] == pytest.approx(sum(a["score"] for a in body["assignments"]))
    assert body["objective"] <= body["upper_bound"]
    assert body["gap"] == pytest.approx(
        (body["upper_bound"] - body["objective"]) / body["upper_bound"], abs=1e-6
    )
    assert {a["quote"]["amount"] for a in body["assignments"]} == {40_000}
    after = snapshot(engine)
    assert after["engagements"] == before["engagements"] == []
    assert after["services"] == before["services"]


def test_assignments_carry_the_scores_and_quotes_ranking_gives(client, w):
    body = allocate(client, w.task_ids).json()

    for assignment in body["assignments"]:
        matches = client.get(f"/v1/tasks/{assignment['task_id']}/matches", headers=ADMIN).json()
        same = [m for m in matches["data"] if m["service_id"] == assignment["service_id"]]
        assert [(m["score"], m["quote"]) for m in same] == [
            (assignment["score"], assignment["quote"])
        ]


def test_committing_a_dry_run_creates_exactly_its_engagements(client, w):
    dry = allocate(client, w.task_ids, w.partner).json()

    response = client.post(f"/v1/allocations/{dry['id']}/commit", headers=w.partner)

    assert response.status_code == 200, response.text
    committed = response.json()
    assert committed["status"] == "committed"
    assert placed(committed) == placed(dry)
    for assignment in committed["assignments"]:
        [engagement] = engagements_of(client, assignment["task_id"])
        assert engagement["id"] == assignment["engagement_id"]
        assert engagement["service_id"] == assignment["service_id"]
        assert engagement["quote"] == assignment["quote"]
        assert engagement["status"] == "proposed"
    services = {
        s["id"]: s["reserved"]
        for vendor in (w.top["vendor_id"], w.second["vendor_id"])
        for s in client.get(f"/v1/vendors/{vendor}/services", headers=ADMIN).json()["data"]
    }
    assert services == {w.top["id"]: 400, w.second["id"]: 400}


def test_commit_true_solves_and_proposes_in_one_request(client, w):
    response = allocate(client, w.task_ids, w.partner, commit=True)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "committed"
    for assignment in body["assignments"]:
        [engagement] = engagements_of(client, assignment["task_id"])
        assert engagement["id"] == assignment["engagement_id"]


def test_capacity_taken_between_dry_run_and_commit_gives_a_409_naming_it_and_changes_nothing(
    client, engine, w
):
    dry = allocate(client, w.task_ids, w.partner).json()
    set_reserved(engine, w.top["id"], 200)  # another proposal took 200 of Top's 500
    before = snapshot(engine)

    response = client.post(f"/v1/allocations/{dry['id']}/commit", headers=ADMIN)

    assert response.status_code == 409, response.text
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert [(a["task_id"], a["service_id"]) for a in problem["assignments"]] == [
        (w.audit["id"], w.top["id"])
    ]
    assert "400" in problem["assignments"][0]["detail"]
    assert "nothing was proposed" in problem["detail"]
    assert snapshot(engine) == before


def test_a_refused_commit_can_be_retried_once_the_capacity_is_back(client, engine, w):
    dry = allocate(client, w.task_ids).json()
    set_reserved(engine, w.top["id"], 200)
    assert client.post(f"/v1/allocations/{dry['id']}/commit", headers=ADMIN).status_code == 409
    set_reserved(engine, w.top["id"], 0)

    response = client.post(f"/v1/allocations/{dry['id']}/commit", headers=ADMIN)

    assert response.status_code == 200, response.text


def test_a_quote_that_moved_since_the_dry_run_refuses_the_commit(client, engine, w):
    dry = allocate(client, w.task_ids).json()
    path = f"/v1/vendors/{w.second['vendor_id']}/services/{w.second['id']}"
    pricing = {**service_body()["pricing"], "amount": 110}
    assert client.patch(path, json={"pricing": pricing}, headers=ADMIN).status_code == 200
    before = snapshot(engine)

    response = client.post(f"/v1/allocations/{dry['id']}/commit", headers=ADMIN)

    assert response.status_code == 409
    assert [a["task_id"] for a in response.json()["assignments"]] == [w.books["id"]]
    assert snapshot(engine) == before


def test_a_dry_run_commits_once(client, w):
    dry = allocate(client, w.task_ids).json()
    assert client.post(f"/v1/allocations/{dry['id']}/commit", headers=ADMIN).status_code == 200

    again = client.post(f"/v1/allocations/{dry['id']}/commit", headers=ADMIN)

    assert again.status_code == 409
    assert "already committed" in again.json()["detail"]


def test_a_dry_run_older_than_fifteen_minutes_cannot_be_committed(client, engine, clock, w):
    dry = allocate(client, w.task_ids).json()
    clock.now += timedelta(minutes=15)
    before = snapshot(engine)

    response = client.post(f"/v1/allocations/{dry['id']}/commit", headers=ADMIN)

    assert response.status_code == 409
    assert "expired" in response.json()["detail"]
    assert snapshot(engine) == before


def test_unassigned_tasks_say_why(client, market, w):
    owner = market.business(name="Picky")
    cheap = market.task(owner["id"], budget={"currency": "USD", "min": 0, "max": 100})
    engaged = market.task(owner["id"], title="Engaged")
    proposed = client.post(
        f"/v1/tasks/{engaged['id']}/engagements", json={"service_id": w.second["id"]}, headers=ADMIN
    )
    assert proposed.status_code == 201
    crowd = [market.task(owner["id"], title=f"Crowd {n}")["id"] for n in range(3)]

    body = allocate(client, [*w.task_ids, cheap["id"], engaged["id"], *crowd]).json()

    reasons = {u["task_id"]: u["reason"] for u in body["unassigned"]}
    assert reasons[cheap["id"]] == "no_eligible_offer"
    assert reasons[engaged["id"]] == "task_not_open"
    # Top has room for one task of 400, Second (600 left after the engagement) for one.
    assert len(body["assignments"]) == 2
    assert sorted(reasons.values()).count("capacity_taken") == 3
    assert all(u["detail"] for u in body["unassigned"])


def test_a_pair_the_vendor_declined_is_not_allocated_again_during_the_cooldown(client, w):
    proposed = client.post(
        f"/v1/tasks/{w.audit['id']}/engagements", json={"service_id": w.top["id"]}, headers=ADMIN
    ).json()
    assert (
        client.post(f"/v1/engagements/{proposed['id']}/decline", headers=ADMIN).status_code == 200
    )

    body = allocate(client, [w.audit["id"]]).json()

    assert body["assignments"] == []
    assert [u["reason"] for u in body["unassigned"]] == ["no_eligible_offer"]


# --- tenants --------------------------------------------------------------------------


def test_a_partner_cannot_allocate_another_partners_task_and_nothing_changes(
    client, engine, market, w
):
    stranger = market.partner()
    before = snapshot(engine)

    response = allocate(client, w.task_ids, stranger)

    assert response.status_code == 422
    problem = response.json()
    assert [e["field"] for e in problem["errors"]] == ["body.task_ids.0", "body.task_ids.1"]
    assert "visible" in problem["errors"][0]["message"]
    after = snapshot(engine)
    assert after["allocations"] == before["allocations"] == []


def test_an_unknown_task_and_someone_elses_task_are_refused_alike(client, market, w):
    stranger = market.partner()
    theirs = allocate(client, [w.books["id"]], stranger).json()
    missing = allocate(client, ["tsk_missing"], stranger).json()

    assert theirs["errors"][0]["message"].replace(w.books["id"], "?") == missing["errors"][0][
        "message"
    ].replace("tsk_missing", "?")


def test_a_business_may_allocate_its_own_tasks_but_not_its_neighbours(client, market, w):
    own = market.business_key(w.books["business_id"])

    assert allocate(client, [w.books["id"]], own).status_code == 201
    response = allocate(client, w.task_ids, own)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["body.task_ids.1"]


def test_a_vendor_may_not_allocate(client, market, w):
    response = allocate(client, w.task_ids, market.vendor_key(w.top_vendor))

    assert response.status_code == 403


def test_only_whoever_may_act_for_every_task_can_commit_the_dry_run(client, market, w):
    dry = allocate(client, w.task_ids, w.partner).json()
    books_key = market.business_key(w.books["business_id"])
    path = f"/v1/allocations/{dry['id']}/commit"

    assert client.post(path, headers=market.partner()).status_code == 404
    assert client.post(path, headers=books_key).status_code == 404  # the audit is not its
    assert client.post(path, headers=market.vendor_key(w.top_vendor)).status_code == 403
    assert client.post(path, headers=w.partner).status_code == 200


def test_a_single_business_dry_run_may_be_committed_by_that_business(client, market, w):
    dry = allocate(client, [w.books["id"]], w.partner).json()
    books_key = market.business_key(w.books["business_id"])

    response = client.post(f"/v1/allocations/{dry['id']}/commit", headers=books_key)

    assert response.status_code == 200, response.text


# --- bad input ------------------------------------------------------------------------


def test_more_than_5000_tasks_is_a_clear_422_and_changes_nothing(client, engine, w):
    before = snapshot(engine)

    response = allocate(client, [f"tsk_{n:022d}" for n in range(5001)])

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert [e["field"] for e in problem["errors"]] == ["body.task_ids"]
    assert "5000" in problem["errors"][0]["message"]
    assert snapshot(engine) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"task_ids": []}, "body.task_ids"),
        ({"task_ids": "tsk_1"}, "body.task_ids"),
        ({"task_ids": ["x" * 41]}, "body.task_ids.0"),
        ({"task_ids": ["tsk_1"], "commit": "yes"}, "body.commit"),
        ({"task_ids": ["tsk_1"], "solver": "mine"}, "body.solver"),
        ({}, "body.task_ids"),
    ],
)
def test_malformed_bodies_are_refused_naming_the_field(client, engine, body, field):
    before = snapshot(engine)

    response = client.post("/v1/allocations", json=body, headers=ADMIN)

    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert snapshot(engine) == before


def test_a_task_listed_twice_is_refused(client, w):
    response = allocate(client, [w.books["id"], w.books["id"]])

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["body.task_ids.1"]
