"""A worker remembers the callers it has read for OFFLOAD_PRINCIPAL_CACHE_SECONDS: a key
revoked elsewhere stops working within that window, one revoked here at once."""

from datetime import timedelta

import pytest
from sqlalchemy import text

from tests.helpers import ADMIN

# Two ways a route finds its caller: in the request's session (api/deps.py get_principal),
# and on the event loop when remembered, else in a session of its own (get_reader, which
# the match list uses). Both keep the window.
ROUTES = ["list", "matches"]


def _revoke_elsewhere(engine, key_id):
    """Revoke the key as another worker would: in the database, unseen by this one."""
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE api_keys SET revoked_at = CURRENT_TIMESTAMP WHERE id = :id"),
            {"id": key_id},
        )


def _readable(market, key, route):
    """A path the partner ``key`` may read, through the route of that kind."""
    if route == "list":
        return "/v1/businesses"
    business = market.business(headers=key["headers"])
    task = market.task(business["id"], headers=key["headers"])
    return f"/v1/tasks/{task['id']}/matches"


@pytest.mark.parametrize("route", ROUTES)
def test_a_key_revoked_by_another_worker_works_until_the_window_ends(
    client, market, engine, clock, app, route
):
    key = market.key("partner")
    path = _readable(market, key, route)
    assert client.get(path, headers=key["headers"]).status_code == 200
    _revoke_elsewhere(engine, key["id"])

    window = timedelta(seconds=app.state.settings.principal_cache_seconds)
    clock.now += window - timedelta(seconds=1)
    assert client.get(path, headers=key["headers"]).status_code == 200
    clock.now += timedelta(seconds=1)
    assert client.get(path, headers=key["headers"]).status_code == 401


@pytest.mark.parametrize("route", ROUTES)
def test_a_key_revoked_in_this_worker_stops_at_once(client, market, clock, route):
    key = market.key("partner")
    path = _readable(market, key, route)
    assert client.get(path, headers=key["headers"]).status_code == 200
    assert client.delete(f"/v1/api-keys/{key['id']}", headers=ADMIN).status_code == 204
    assert client.get(path, headers=key["headers"]).status_code == 401


def test_deleting_a_business_ends_its_keys_at_once_in_this_worker(client, market, clock):
    business = market.business()
    key = market.business_key(business["id"])
    path = f"/v1/businesses/{business['id']}"
    assert client.get(path, headers=key).status_code == 200
    assert client.delete(path, headers=ADMIN).status_code == 204
    assert client.get(path, headers=key).status_code == 401


def test_deleting_a_vendor_ends_its_keys_at_once_in_this_worker(client, market, clock):
    vendor = market.vendor()
    key = market.vendor_key(vendor["id"])
    path = f"/v1/vendors/{vendor['id']}"
    assert client.get(path, headers=key).status_code == 200
    assert client.delete(path, headers=ADMIN).status_code == 204
    assert client.get(path, headers=key).status_code == 401


def test_a_delete_that_ends_no_key_keeps_the_remembered_callers(client, market, engine, clock, app):
    """Only a revocation or the deletion of what keys act for forgets them: other deletes
    leave the cache, and with it the window, as it was."""
    key = market.key("partner")
    vendor = market.vendor(headers=key["headers"])
    service = market.service(vendor["id"], headers=key["headers"])
    assert client.get("/v1/businesses", headers=key["headers"]).status_code == 200
    _revoke_elsewhere(engine, key["id"])

    gone = f"/v1/vendors/{vendor['id']}/services/{service['id']}"
    assert client.delete(gone, headers=ADMIN).status_code == 204
    assert client.get("/v1/businesses", headers=key["headers"]).status_code == 200
    clock.now += timedelta(seconds=app.state.settings.principal_cache_seconds)
    assert client.get("/v1/businesses", headers=key["headers"]).status_code == 401


@pytest.mark.parametrize("route", ROUTES)
def test_a_remembered_key_still_records_its_use_each_minute(client, market, engine, clock, route):
    key = market.key("partner")
    path = _readable(market, key, route)
    assert client.get(path, headers=key["headers"]).status_code == 200
    clock.now += timedelta(minutes=2)
    assert client.get(path, headers=key["headers"]).status_code == 200
    with engine.connect() as conn:
        used = conn.execute(
            text("SELECT last_used_at FROM api_keys WHERE id = :id"), {"id": key["id"]}
        ).scalar_one()
    assert str(used).startswith(clock.now.strftime("%Y-%m-%d %H:%M:%S"))


def test_a_remembered_key_still_stops_when_it_expires(client, market, clock):
    expires_at = clock.now + timedelta(seconds=3)
    key = market.key("partner", expires_at=expires_at.isoformat())
    assert client.get("/v1/businesses", headers=key["headers"]).status_code == 200
    clock.now = expires_at
    response = client.get("/v1/businesses", headers=key["headers"])
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_with_a_window_of_zero_every_request_reads_the_key(
    client, market, engine, clock, app, swap_state
):
    from api.principals import PrincipalCache

    swap_state(principals=PrincipalCache(seconds=0))
    key = market.key("partner")
    assert client.get("/v1/businesses", headers=key["headers"]).status_code == 200
    _revoke_elsewhere(engine, key["id"])
    assert client.get("/v1/businesses", headers=key["headers"]).status_code == 401
