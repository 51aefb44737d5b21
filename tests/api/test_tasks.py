"""Task profiles: create, read, list, update and delete under their business."""

import pytest

from tests.helpers import ADMIN, assert_just_created, snapshot, task_body, timestamp

COVERAGE = {
    "timezone": "America/New_York",
    "start": "09:00",
    "end": "17:00",
    "days": ["mon", "tue", "wed", "thu", "fri"],
    "min_overlap": 0.5,
}
FULL = task_body(
    task_type="bookkeeping",
    title="Monthly bookkeeping for the bakery",
    description="Reconcile two bank accounts and categorise card sales.",
    volume=400,
    budget={"currency": "USD", "min": 30000, "max": 50000},
    skills=["quickbooks", "square"],
    required_certifications=["quickbooks_proadvisor"],
    languages=["en", "es"],
    coverage=COVERAGE,
    weights={"budget": 2.0, "skills": 0.5},
    hours_spent_per_month=12.5,
    core=True,
    status="paused",
)


@pytest.fixture
def business(market):
    return market.business()


@pytest.fixture
def task(market, business):
    return market.task(business["id"], **FULL)


def test_created_task_returns_every_field_and_the_server_owned_ones(client, business):
    response = client.post(f"/v1/businesses/{business['id']}/tasks", json=FULL, headers=ADMIN)

    assert response.status_code == 201
    created = response.json()
    assert {k: created[k] for k in FULL} == FULL
    assert created["id"].startswith("tsk_")
    assert created["business_id"] == business["id"]
    assert_just_created(created)
    assert response.headers["location"] == f"/v1/tasks/{created['id']}"


def test_optional_task_fields_get_their_documented_defaults(market, business):
    created = market.task(business["id"])

    assert {k: created[k] for k in task_body()} == task_body()
    assert created["description"] == ""
    assert created["skills"] == created["required_certifications"] == created["languages"] == []
    assert created["coverage"] is None
    assert created["weights"] is None
    assert created["hours_spent_per_month"] is None
    assert created["core"] is False
    assert created["status"] == "open"


def test_a_task_is_read_back_exactly_as_created(client, task):
    fetched = client.get(f"/v1/tasks/{task['id']}", headers=ADMIN)

    assert fetched.status_code == 200
    assert fetched.json() == task


def test_list_holds_only_this_business_tasks_oldest_first(client, market, business):
    mine = [market.task(business["id"], title=f"Task {i}")["id"] for i in range(3)]
    market.task(market.business(name="Other")["id"])

    response = client.get(f"/v1/businesses/{business['id']}/tasks", headers=ADMIN)

    assert response.status_code == 200
    assert [t["id"] for t in response.json()["data"]] == sorted(mine)
    assert response.json()["next_cursor"] is None


def test_patch_changes_the_fields_sent_and_leaves_the_rest_unchanged(client, task):
    response = client.patch(
        f"/v1/tasks/{task['id']}", json={"volume": 450, "status": "open"}, headers=ADMIN
    )

    assert response.status_code == 200
    updated = response.json()
    assert updated == {
        **task,
        "volume": 450,
        "status": "open",
        "updated_at": updated["updated_at"],
    }
    assert timestamp(updated["updated_at"]) > timestamp(task["updated_at"])
    assert client.get(f"/v1/tasks/{task['id']}", headers=ADMIN).json() == updated


@pytest.mark.parametrize(
    ("field", "replacement"),
    [
        pytest.param("budget", {"currency": "EUR", "min": 0, "max": 20000}, id="budget"),
        pytest.param(
            "coverage",
            {"timezone": "Europe/Berlin", "start": "22:00", "end": "06:00", "days": ["sat"]},
            id="coverage-drops-min_overlap",
        ),
        pytest.param("weights", {"reputation": 3.0}, id="weights-drops-other-factors"),
        pytest.param("skills", ["xero"], id="skills"),
    ],
)
def test_patch_replaces_a_nested_value_whole(client, task, field, replacement):
    response = client.patch(f"/v1/tasks/{task['id']}", json={field: replacement}, headers=ADMIN)

    assert response.status_code == 200
    expected = {**replacement, "min_overlap": None} if field == "coverage" else replacement
    assert response.json()[field] == expected
    assert response.json()["title"] == task["title"]


def test_patch_with_null_removes_the_optional_fields(client, task):
    cleared = {"coverage": None, "weights": None, "hours_spent_per_month": None}

    response = client.patch(f"/v1/tasks/{task['id']}", json=cleared, headers=ADMIN)

    assert response.status_code == 200
    assert {k: response.json()[k] for k in cleared} == cleared
    assert response.json()["budget"] == task["budget"]


def test_patch_may_move_a_task_to_another_task_type(client, task):
    response = client.patch(
        f"/v1/tasks/{task['id']}", json={"task_type": "payroll", "volume": 12}, headers=ADMIN
    )

    assert response.status_code == 200
    assert (response.json()["task_type"], response.json()["volume"]) == ("payroll", 12)


def test_delete_gives_204_and_the_task_is_then_gone_but_its_business_stays(client, business, task):
    path = f"/v1/tasks/{task['id']}"

    deleted = client.delete(path, headers=ADMIN)

    assert deleted.status_code == 204
    assert deleted.content == b""
    assert client.get(path, headers=ADMIN).status_code == 404
    assert client.patch(path, json={"volume": 1}, headers=ADMIN).status_code == 404
    assert client.delete(path, headers=ADMIN).status_code == 404
    assert client.get(f"/v1/businesses/{business['id']}", headers=ADMIN).status_code == 200
    listed = client.get(f"/v1/businesses/{business['id']}/tasks", headers=ADMIN).json()
    assert listed["data"] == []


def test_tasks_of_an_unknown_business_are_404(client):
    path = "/v1/businesses/biz_unknown/tasks"

    assert client.get(path, headers=ADMIN).status_code == 404
    assert client.post(path, json=task_body(), headers=ADMIN).status_code == 404


def test_an_unknown_task_is_404(client):
    assert client.get("/v1/tasks/tsk_unknown", headers=ADMIN).status_code == 404
    assert client.patch("/v1/tasks/tsk_unknown", json={}, headers=ADMIN).status_code == 404
    assert client.delete("/v1/tasks/tsk_unknown", headers=ADMIN).status_code == 404


def test_patch_marks_a_task_core_and_back(client, market, business):
    task = market.task(business["id"])
    path = f"/v1/tasks/{task['id']}"

    core = client.patch(path, json={"core": True}, headers=ADMIN)
    assert core.status_code == 200 and core.json()["core"] is True
    assert client.get(path, headers=ADMIN).json()["core"] is True
    back = client.patch(path, json={"core": False}, headers=ADMIN)
    assert back.status_code == 200 and back.json()["core"] is False


@pytest.mark.parametrize("value", [None, "true", 1])
def test_core_must_be_a_boolean(client, engine, task, value):
    before = snapshot(engine)
    response = client.patch(f"/v1/tasks/{task['id']}", json={"core": value}, headers=ADMIN)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.core"
    assert snapshot(engine) == before
