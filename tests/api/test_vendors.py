"""Vendor profiles: create, read, list (with filters), update and delete."""

import pytest
from sqlalchemy import func, select, text

from api.models import ApiKey, Service
from tests.helpers import ADMIN, assert_just_created, timestamp, vendor_body

FULL = vendor_body(
    name="Ledgerly Bookkeeping",
    description="A five-person bookkeeping team for cafes and shops.",
    country="PH",
    timezone="Asia/Manila",
    languages=["en", "tl"],
    certifications=["quickbooks_proadvisor"],
    working_hours=[
        {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "21:00", "end": "05:00"},
        {"days": ["sat"], "start": "09:00", "end": "12:00"},
    ],
)


def test_created_vendor_returns_its_fields_and_the_server_owned_ones(client):
    response = client.post("/v1/vendors", json=FULL, headers=ADMIN)

    assert response.status_code == 201
    created = response.json()
    assert {k: created[k] for k in FULL} == FULL
    assert created["id"].startswith("ven_")
    assert created["partner_id"] is None
    assert created["rating"] is None
    assert created["rating_count"] == 0
    assert_just_created(created)
    assert response.headers["location"] == f"/v1/vendors/{created['id']}"


def test_optional_vendor_fields_default_to_empty(market):
    created = market.vendor()

    assert created["description"] == ""
    assert created["certifications"] == []
    assert created["working_hours"] == []


def test_a_vendor_is_read_back_exactly_as_created(client, market):
    created = market.vendor(**FULL)

    fetched = client.get(f"/v1/vendors/{created['id']}", headers=ADMIN)

    assert fetched.status_code == 200
    assert fetched.json() == created


def test_a_partner_owns_the_vendors_it_creates(market):
    partner = market.key("partner")

    assert market.vendor(headers=partner["headers"])["partner_id"] == partner["partner_id"]


def test_patch_changes_the_fields_sent_and_leaves_the_rest_unchanged(client, market):
    created = market.vendor(**FULL)
    hours = [{"days": ["sun"], "start": "00:00", "end": "00:00"}]

    response = client.patch(
        f"/v1/vendors/{created['id']}",
        json={"description": "Now eight people.", "working_hours": hours},
        headers=ADMIN,
    )

    assert response.status_code == 200
    updated = response.json()
    assert updated == {
        **created,
        "description": "Now eight people.",
        "working_hours": hours,
        "updated_at": updated["updated_at"],
    }
    assert timestamp(updated["updated_at"]) > timestamp(created["updated_at"])
    assert client.get(f"/v1/vendors/{created['id']}", headers=ADMIN).json() == updated


def test_delete_gives_204_and_the_vendor_is_then_gone(client, market):
    created = market.vendor()
    path = f"/v1/vendors/{created['id']}"

    deleted = client.delete(path, headers=ADMIN)

    assert deleted.status_code == 204
    assert deleted.content == b""
    assert client.get(path, headers=ADMIN).status_code == 404
    assert client.patch(path, json={"name": "Back"}, headers=ADMIN).status_code == 404
    assert client.delete(path, headers=ADMIN).status_code == 404
    assert client.get("/v1/vendors", headers=ADMIN).json()["data"] == []


def test_deleting_a_vendor_removes_its_services_and_keys_but_not_others(client, market, engine):
    doomed, kept = market.vendor(), market.vendor(name="Kept")
    doomed_services = [
        market.service(doomed["id"], task_type=t)["id"] for t in ("bookkeeping", "payroll")
    ]
    kept_service = market.service(kept["id"])["id"]
    doomed_key = market.vendor_key(doomed["id"])

    assert client.delete(f"/v1/vendors/{doomed['id']}", headers=ADMIN).status_code == 204

    for service_id in doomed_services:
        path = f"/v1/vendors/{doomed['id']}/services/{service_id}"
        assert client.get(path, headers=ADMIN).status_code == 404
    kept_path = f"/v1/vendors/{kept['id']}/services/{kept_service}"
    assert client.get(kept_path, headers=ADMIN).status_code == 200
    assert client.get("/v1/vendors", headers=doomed_key).status_code == 401
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Service)) == 1
        assert conn.scalar(select(func.count()).where(ApiKey.vendor_id == doomed["id"])) == 0


def test_an_unknown_vendor_is_404(client):
    assert client.get("/v1/vendors/ven_unknown", headers=ADMIN).status_code == 404
    assert client.patch("/v1/vendors/ven_unknown", json={}, headers=ADMIN).status_code == 404
    assert client.delete("/v1/vendors/ven_unknown", headers=ADMIN).status_code == 404


@pytest.fixture
def vendors(market):
    """Four vendors that differ in what they offer, where they are and what they speak."""
    manila = market.vendor(name="Manila books", country="PH", languages=["en", "tl"])
    market.service(manila["id"], task_type="bookkeeping")
    lisbon = market.vendor(name="Lisbon payroll", country="PT", languages=["pt", "en"])
    market.service(lisbon["id"], task_type="payroll")
    market.service(lisbon["id"], task_type="bookkeeping", active=False)
    bogota = market.vendor(name="Bogota desk", country="CO", languages=["es"])
    market.service(bogota["id"], task_type="customer_service")
    cebu = market.vendor(name="Cebu idle", country="PH", languages=["tl"])
    return {
        "manila": manila["id"],
        "lisbon": lisbon["id"],
        "bogota": bogota["id"],
        "cebu": cebu["id"],
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("", ["manila", "lisbon", "bogota", "cebu"], id="no-filter"),
        pytest.param("task_type=bookkeeping", ["manila"], id="inactive-service-does-not-count"),
        pytest.param("task_type=payroll", ["lisbon"], id="task_type"),
        pytest.param("task_type=invoicing", [], id="task_type-nobody-offers"),
        pytest.param("country=PH", ["manila", "cebu"], id="country"),
        pytest.param("country=ph", ["manila", "cebu"], id="country-lower-case"),
        pytest.param("language=en", ["manila", "lisbon"], id="language"),
        pytest.param("language=ES", ["bogota"], id="language-upper-case"),
        pytest.param("country=PH&language=tl", ["manila", "cebu"], id="country-and-language"),
        pytest.param("country=PH&task_type=bookkeeping", ["manila"], id="country-and-task_type"),
        pytest.param("language=pt&task_type=bookkeeping", [], id="all-filters-must-hold"),
    ],
)
def test_vendor_list_filters(client, vendors, query, expected):
    response = client.get(f"/v1/vendors?{query}", headers=ADMIN)

    assert response.status_code == 200
    assert [v["id"] for v in response.json()["data"]] == sorted(vendors[n] for n in expected)


def test_a_service_turned_inactive_drops_its_vendor_from_the_task_type_filter(client, vendors):
    manila_service = client.get(f"/v1/vendors/{vendors['manila']}/services", headers=ADMIN)
    service_id = manila_service.json()["data"][0]["id"]
    path = f"/v1/vendors/{vendors['manila']}/services/{service_id}"

    assert client.patch(path, json={"active": False}, headers=ADMIN).status_code == 200

    response = client.get("/v1/vendors?task_type=bookkeeping", headers=ADMIN)
    assert response.json()["data"] == []


def test_racing_creates_with_one_external_ref_make_one_vendor_and_never_a_500(start_server, engine):
    import asyncio

    import httpx

    server = start_server()
    body = vendor_body(name="Twin", external_ref="crm-77")

    async def race() -> list[int]:
        async with httpx.AsyncClient(base_url=server.url, headers=ADMIN, timeout=60) as http:
            answers = await asyncio.gather(
                *(http.post("/v1/vendors", json=body) for _ in range(12))
            )
        return sorted(answer.status_code for answer in answers)

    statuses = asyncio.run(race())
    assert statuses == [201] + [409] * 11
    with engine.connect() as conn:
        count = conn.execute(
            text("SELECT COUNT(*) FROM vendors WHERE external_ref = 'crm-77'")
        ).scalar_one()
    assert count == 1
