"""A worker remembers the callers it has read for OFFLOAD_PRINCIPAL_CACHE_SECONDS: a key
revoked elsewhere stops working within that window, one revoked here at once."""

from datetime import timedelta

from sqlalchemy import text

from tests.helpers import ADMIN


def _revoke_elsewhere(engine, key_id):
    """Revoke the key as another worker would: in the database, unseen by this one."""
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE api_keys SET revoked_at = CURRENT_TIMESTAMP WHERE id = :id"),
            {"id": key_id},
        )


def test_a_key_revoked_by_another_worker_works_until_the_window_ends(
    client, market, engine, clock, app
):
    key = market.key("partner")
    assert client.get("/v1/businesses", headers=key["headers"]).status_code == 200
    _revoke_elsewhere(engine, key["id"])

    window = timedelta(seconds=app.state.settings.principal_cache_seconds)
    clock.now += window - timedelta(seconds=1)
    assert client.get("/v1/businesses", headers=key["headers"]).status_code == 200
    clock.now += timedelta(seconds=1)
    assert client.get("/v1/businesses", headers=key["headers"]).status_code == 401


def test_a_key_revoked_in_this_worker_stops_at_once(client, market, clock):
    key = market.key("partner")
    assert client.get("/v1/businesses", headers=key["headers"]).status_code == 200
    assert client.delete(f"/v1/api-keys/{key['id']}", headers=ADMIN).status_code == 204
    assert client.get("/v1/businesses", headers=key["headers"]).status_code == 401


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
