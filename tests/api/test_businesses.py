"""Business profiles: create, read, list, update and delete."""

import pytest
from sqlalchemy import func, select

from api.models import ApiKey, Task
from tests.helpers import ADMIN, assert_just_created, business_body, snapshot, timestamp

FULL = business_body(
    name="Rosa's Bakery",
    country="US",
    timezone="America/New_York",
    languages=["en", "es"],
    currency="USD",
    hourly_value={"amount": 6000, "currency": "USD"},
)


def test_created_business_returns_its_fields_and_the_server_owned_ones(client):
    response = client.post("/v1/businesses", json=FULL, headers=ADMIN)

    assert response.status_code == 201
    created = response.json()
    assert {k: created[k] for k in FULL} == FULL
    assert created["id"].startswith("biz_")
    assert created["partner_id"] is None
    assert_just_created(created)
    assert response.headers["location"] == f"/v1/businesses/{created['id']}"


def test_a_business_is_read_back_exactly_as_created(client, market):
    created = market.business(**FULL)

    fetched = client.get(f"/v1/businesses/{created['id']}", headers=ADMIN)

    assert fetched.status_code == 200
    assert fetched.json() == created


def test_languages_default_to_an_empty_list(client):
    body = {k: v for k, v in FULL.items() if k != "languages"}

    response = client.post("/v1/businesses", json=body, headers=ADMIN)

    assert response.status_code == 201
    assert response.json()["languages"] == []


def test_a_partner_owns_the_businesses_it_creates(client, market):
    partner = market.key("partner")

    created = market.business(headers=partner["headers"])

    assert created["partner_id"] == partner["partner_id"]
    assert created["partner_id"].startswith("ptn_")


def test_list_returns_every_business_oldest_first(client, market):
    ids = [market.business(name=f"Shop {i}")["id"] for i in range(3)]

    response = client.get("/v1/businesses", headers=ADMIN)

    assert response.status_code == 200
    assert [b["id"] for b in response.json()["data"]] == sorted(ids)
    assert response.json()["next_cursor"] is None


def test_patch_changes_the_fields_sent_and_leaves_the_rest_unchanged(client, market):
    created = market.business(**FULL)

    response = client.patch(
        f"/v1/businesses/{created['id']}",
        json={"name": "Rosa's Bakery & Cafe", "languages": ["fr"]},
        headers=ADMIN,
    )

    assert response.status_code == 200
    updated = response.json()
    assert updated == {
        **created,
        "name": "Rosa's Bakery & Cafe",
        "languages": ["fr"],
        "updated_at": updated["updated_at"],
    }
    assert timestamp(updated["updated_at"]) > timestamp(created["updated_at"])
    assert client.get(f"/v1/businesses/{created['id']}", headers=ADMIN).json() == updated


def test_an_empty_patch_changes_no_field(client, market):
    created = market.business(**FULL)

    response = client.patch(f"/v1/businesses/{created['id']}", json={}, headers=ADMIN)

    assert response.status_code == 200
    assert {k: response.json()[k] for k in FULL} == FULL


def test_delete_gives_204_and_the_business_is_then_gone(client, market):
    created = market.business()
    path = f"/v1/businesses/{created['id']}"

    deleted = client.delete(path, headers=ADMIN)

    assert deleted.status_code == 204
    assert deleted.content == b""
    assert client.get(path, headers=ADMIN).status_code == 404
    assert client.patch(path, json={"name": "Back"}, headers=ADMIN).status_code == 404
    assert client.delete(path, headers=ADMIN).status_code == 404
    assert client.get("/v1/businesses", headers=ADMIN).json()["data"] == []


def test_deleting_a_business_removes_its_tasks_and_keys_but_not_others(client, market, engine):
    doomed, kept = market.business(), market.business(name="Kept")
    doomed_tasks = [market.task(doomed["id"])["id"] for _ in range(2)]
    kept_task = market.task(kept["id"])["id"]
    doomed_key = market.business_key(doomed["id"])

    assert client.delete(f"/v1/businesses/{doomed['id']}", headers=ADMIN).status_code == 204

    for task_id in doomed_tasks:
        assert client.get(f"/v1/tasks/{task_id}", headers=ADMIN).status_code == 404
    assert client.get(f"/v1/tasks/{kept_task}", headers=ADMIN).status_code == 200
    assert client.get("/v1/businesses", headers=doomed_key).status_code == 401
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Task)) == 1
        assert conn.scalar(select(func.count()).where(ApiKey.business_id == doomed["id"])) == 0


def test_an_unknown_business_is_404(client):
    for method in ("GET", "PATCH", "DELETE"):
        body = {"name": "x"} if method == "PATCH" else None
        response = client.request(method, "/v1/businesses/biz_unknown", json=body, headers=ADMIN)
        assert response.status_code == 404, method
        assert response.headers["content-type"] == "application/problem+json"


def test_the_hourly_value_is_optional_and_null_when_not_given(client, market):
    created = market.business()
    assert created["hourly_value"] is None


def test_patch_sets_changes_and_clears_the_hourly_value(client, market):
    business = market.business()
    path = f"/v1/businesses/{business['id']}"

    set_ = client.patch(
        path, json={"hourly_value": {"amount": 4500, "currency": "eur"}}, headers=ADMIN
    )
    assert set_.status_code == 200, set_.text
    assert set_.json()["hourly_value"] == {"amount": 4500, "currency": "EUR"}
    assert client.get(path, headers=ADMIN).json()["hourly_value"] == {
        "amount": 4500,
        "currency": "EUR",
    }
    renamed = client.patch(path, json={"name": "Renamed"}, headers=ADMIN)
    assert renamed.json()["hourly_value"] == {"amount": 4500, "currency": "EUR"}
    cleared = client.patch(path, json={"hourly_value": None}, headers=ADMIN)
    assert cleared.status_code == 200
    assert cleared.json()["hourly_value"] is None
    assert client.get(path, headers=ADMIN).json()["hourly_value"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"hourly_value": {"amount": 6000, "currency": "ZZZ"}}, "body.hourly_value.currency"),
        ({"hourly_value": {"amount": 6000, "currency": "XXX"}}, "body.hourly_value.currency"),
        ({"hourly_value": {"amount": -1, "currency": "USD"}}, "body.hourly_value.amount"),
        ({"hourly_value": {"amount": 60.5, "currency": "USD"}}, "body.hourly_value.amount"),
        ({"hourly_value": {"amount": 6000}}, "body.hourly_value.currency"),
        ({"hourly_value": {"amount": 6000, "currency": "USD", "per": "hour"}}, None),
        ({"hourly_value": 6000}, "body.hourly_value"),
        ({"currency": "XXX"}, "body.currency"),
    ],
    ids=[
        "unknown-currency",
        "currency-without-a-rate",
        "negative",
        "fraction-of-a-minor-unit",
        "no-currency",
        "unknown-field",
        "not-an-object",
        "business-currency-without-a-rate-to-the-hourly-value",
    ],
)
def test_a_bad_hourly_value_is_refused_and_changes_nothing(client, market, engine, body, field):
    business = market.business(hourly_value={"amount": 6000, "currency": "USD"})
    before = snapshot(engine)

    response = client.patch(f"/v1/businesses/{business['id']}", json=body, headers=ADMIN)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    fields = [e["field"] for e in response.json()["errors"]]
    assert field in fields if field else fields[0].startswith("body.hourly_value"), fields
    assert snapshot(engine) == before


def test_an_hourly_value_without_a_rate_is_refused_at_creation_too(client, engine):
    before = snapshot(engine)
    body = business_body(hourly_value={"amount": 6000, "currency": "XXX"})
    response = client.post("/v1/businesses", json=body, headers=ADMIN)
    assert response.status_code == 422
    assert response.json()["errors"][0] == {
        "field": "body.hourly_value.currency",
        "message": "no exchange rate links the hourly value's XXX with the business's USD",
        "code": "currency",
    }
    assert snapshot(engine) == before
