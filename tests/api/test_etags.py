"""Strong ETags on single objects; If-Match makes concurrent edits safe."""

import pytest

from tests.helpers import ADMIN, snapshot


@pytest.fixture
def objects(market):
    business = market.business()
    task = market.task(business["id"])
    vendor = market.vendor()
    service = market.service(vendor["id"])
    return {
        "business": (f"/v1/businesses/{business['id']}", {"name": "Renamed"}),
        "task": (f"/v1/tasks/{task['id']}", {"title": "Renamed"}),
        "vendor": (f"/v1/vendors/{vendor['id']}", {"name": "Renamed"}),
        "service": (f"/v1/vendors/{vendor['id']}/services/{service['id']}", {"capacity": 7}),
    }


KINDS = ["business", "task", "vendor", "service"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_etag_is_stable_until_the_object_changes(client, objects, kind):
    path, change = objects[kind]
    first = client.get(path, headers=ADMIN).headers["ETag"]
    assert first.startswith('"')
    assert client.get(path, headers=ADMIN).headers["ETag"] == first
    updated = client.patch(path, json=change, headers=ADMIN)
    assert updated.headers["ETag"] != first
    assert client.get(path, headers=ADMIN).headers["ETag"] == updated.headers["ETag"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_stale_if_match_gets_412_and_changes_nothing(client, objects, engine, kind):
    path, change = objects[kind]
    stale = client.get(path, headers=ADMIN).headers["ETag"]
    client.patch(path, json=change, headers=ADMIN)  # someone else's edit
    before = snapshot(engine)
    for response in (
        client.patch(path, json=change, headers={**ADMIN, "If-Match": stale}),
        client.delete(path, headers={**ADMIN, "If-Match": stale}),
    ):
        assert response.status_code == 412
        assert response.headers["content-type"] == "application/problem+json"
    assert snapshot(engine) == before


@pytest.mark.parametrize("kind", KINDS)
def test_the_current_if_match_lets_the_edit_through(client, objects, kind):
    path, change = objects[kind]
    current = client.get(path, headers=ADMIN).headers["ETag"]
    assert (
        client.patch(path, json=change, headers={**ADMIN, "If-Match": current}).status_code == 200
    )
    fresh = client.get(path, headers=ADMIN).headers["ETag"]
    assert client.delete(path, headers={**ADMIN, "If-Match": fresh}).status_code == 204


def test_if_match_is_optional_and_star_matches_anything(client, objects):
    path, change = objects["business"]
    assert client.patch(path, json=change, headers=ADMIN).status_code == 200
    assert client.patch(path, json=change, headers={**ADMIN, "If-Match": "*"}).status_code == 200


def test_weak_tags_never_match(client, objects):
    path, change = objects["vendor"]
    current = client.get(path, headers=ADMIN).headers["ETag"]
    response = client.patch(path, json=change, headers={**ADMIN, "If-Match": f"W/{current}"})
    assert response.status_code == 412


def test_any_listed_tag_may_match(client, objects):
    path, change = objects["task"]
    current = client.get(path, headers=ADMIN).headers["ETag"]
    listed = f'"0000", {current}'
    assert client.patch(path, json=change, headers={**ADMIN, "If-Match": listed}).status_code == 200


def test_engagements_carry_an_etag(client, market, objects):
    business = market.business(name="Etag Co")
    task = market.task(business["id"])
    vendor = market.vendor(name="Etag Vendor")
    service = market.service(vendor["id"])
    proposed = client.post(
        f"/v1/tasks/{task['id']}/engagements", json={"service_id": service["id"]}, headers=ADMIN
    ).json()
    assert client.get(f"/v1/engagements/{proposed['id']}", headers=ADMIN).headers["ETag"]
