"""Services: create, read, list, update and delete under their vendor."""

import pytest

from tests.helpers import ADMIN, assert_just_created, service_body, set_reserved, timestamp

FULL = service_body(
    task_type="bookkeeping",
    capacity=3000,
    min_volume=100,
    skills=["quickbooks", "xero"],
    experience_years=6,
    pricing={
        "model": "hourly",
        "currency": "USD",
        "amount": 2500,
        "units_per_hour": 20.0,
        "minimum_monthly": 15000,
    },
    active=False,
)


@pytest.fixture
def vendor(market):
    return market.vendor()


@pytest.fixture
def service(market, vendor):
    return market.service(vendor["id"], **FULL)


def _path(service):
    return f"/v1/vendors/{service['vendor_id']}/services/{service['id']}"


def test_created_service_returns_every_field_and_the_server_owned_ones(client, vendor):
    response = client.post(f"/v1/vendors/{vendor['id']}/services", json=FULL, headers=ADMIN)

    assert response.status_code == 201
    created = response.json()
    assert {k: created[k] for k in FULL} == FULL
    assert created["id"].startswith("svc_")
    assert created["vendor_id"] == vendor["id"]
    assert (created["reserved"], created["available"]) == (0, 3000)
    assert_just_created(created)
    assert response.headers["location"] == _path(created)


def test_optional_service_fields_get_their_documented_defaults(market, vendor):
    created = market.service(vendor["id"])

    assert created["min_volume"] == 0
    assert created["skills"] == []
    assert created["experience_years"] == 0
    assert created["active"] is True
    assert created["pricing"] == {
        **service_body()["pricing"],
        "units_per_hour": None,
        "minimum_monthly": 0,
    }


def test_a_service_is_read_back_exactly_as_created(client, service):
    fetched = client.get(_path(service), headers=ADMIN)

    assert fetched.status_code == 200
    assert fetched.json() == service


def test_any_key_may_read_services(client, market, service):
    stranger = market.business_key(market.business()["id"])

    assert client.get(_path(service), headers=stranger).json() == service


def test_list_holds_only_this_vendor_services_oldest_first(client, market, vendor):
    mine = [market.service(vendor["id"], task_type=t)["id"] for t in ("invoicing", "payroll")]
    market.service(market.vendor(name="Other")["id"], task_type="invoicing")

    response = client.get(f"/v1/vendors/{vendor['id']}/services", headers=ADMIN)

    assert response.status_code == 200
    assert [s["id"] for s in response.json()["data"]] == sorted(mine)
    assert response.json()["next_cursor"] is None


def test_reserved_and_available_follow_the_capacity_held(client, engine, service):
    set_reserved(engine, service["id"], 1200)

    assert client.get(_path(service), headers=ADMIN).json()["available"] == 1800
    response = client.patch(_path(service), json={"capacity": 5000}, headers=ADMIN)

    assert response.status_code == 200
    assert (response.json()["reserved"], response.json()["available"]) == (1200, 3800)


def test_capacity_may_be_lowered_to_exactly_the_reserved_volume(client, engine, service):
    set_reserved(engine, service["id"], 1200)

    response = client.patch(_path(service), json={"capacity": 1200}, headers=ADMIN)

    assert response.status_code == 200
    assert response.json()["available"] == 0


def test_patch_changes_the_fields_sent_and_leaves_the_rest_unchanged(client, service):
    response = client.patch(_path(service), json={"capacity": 3500, "active": True}, headers=ADMIN)

    assert response.status_code == 200
    updated = response.json()
    assert updated == {
        **service,
        "capacity": 3500,
        "available": 3500,
        "active": True,
        "updated_at": updated["updated_at"],
    }
    assert timestamp(updated["updated_at"]) > timestamp(service["updated_at"])
    assert client.get(_path(service), headers=ADMIN).json() == updated


def test_patch_replaces_pricing_whole(client, service):
    monthly = {"model": "monthly", "currency": "EUR", "amount": 90000}

    response = client.patch(_path(service), json={"pricing": monthly}, headers=ADMIN)

    assert response.status_code == 200
    assert response.json()["pricing"] == {**monthly, "units_per_hour": None, "minimum_monthly": 0}
    assert response.json()["capacity"] == service["capacity"]


def test_two_vendors_may_offer_the_same_task_type(market, service):
    other = market.service(market.vendor(name="Rival")["id"], task_type=service["task_type"])

    assert other["task_type"] == service["task_type"]


def test_delete_gives_204_and_the_task_type_may_then_be_offered_again(client, market, service):
    deleted = client.delete(_path(service), headers=ADMIN)

    assert deleted.status_code == 204
    assert deleted.content == b""
    assert client.get(_path(service), headers=ADMIN).status_code == 404
    assert client.patch(_path(service), json={"capacity": 1}, headers=ADMIN).status_code == 404
    assert client.delete(_path(service), headers=ADMIN).status_code == 404
    assert client.get(f"/v1/vendors/{service['vendor_id']}", headers=ADMIN).status_code == 200
    market.service(service["vendor_id"], task_type=service["task_type"])


def test_a_service_is_404_under_another_vendor(client, market, service):
    other = market.vendor(name="Other")

    path = f"/v1/vendors/{other['id']}/services/{service['id']}"

    assert client.get(path, headers=ADMIN).status_code == 404
    assert client.patch(path, json={"capacity": 1}, headers=ADMIN).status_code == 404
    assert client.delete(path, headers=ADMIN).status_code == 404
    assert client.get(_path(service), headers=ADMIN).json() == service


def test_services_of_an_unknown_vendor_are_404(client):
    path = "/v1/vendors/ven_unknown/services"

    assert client.get(path, headers=ADMIN).status_code == 404
    assert client.post(path, json=service_body(), headers=ADMIN).status_code == 404
