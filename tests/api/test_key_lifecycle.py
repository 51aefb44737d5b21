"""Key management over time: last use, expiry and revocation on the next request."""

from datetime import UTC, datetime, timedelta

from tests.helpers import ADMIN


def _listed(client, key_id):
    keys = client.get("/v1/api-keys?limit=100", headers=ADMIN).json()["data"]
    return next(k for k in keys if k["id"] == key_id)


def test_last_used_is_recorded_to_the_minute(client, market, app):
    key = market.key("partner")
    assert _listed(client, key["id"])["last_used_at"] is None
    start = datetime.now(UTC)
    assert client.get("/v1/businesses", headers=key["headers"]).status_code == 200
    first = datetime.fromisoformat(_listed(client, key["id"])["last_used_at"])
    assert abs(first - start) < timedelta(seconds=30)

    client.get("/v1/businesses", headers=key["headers"])  # within the minute: no write
    assert datetime.fromisoformat(_listed(client, key["id"])["last_used_at"]) == first

    later = start + timedelta(minutes=5)
    app.state.clock = lambda: later
    try:
        client.get("/v1/businesses", headers=key["headers"])
    finally:
        del app.state.clock
    assert datetime.fromisoformat(_listed(client, key["id"])["last_used_at"]) == later


def test_a_key_stops_working_when_it_expires(client, market):
    soon = (datetime.now(UTC) + timedelta(seconds=2)).isoformat()
    key = market.key("partner", expires_at=soon)
    assert client.get("/v1/businesses", headers=key["headers"]).status_code == 200
    past = (datetime.now(UTC) - timedelta(seconds=1)).isoformat()
    expired = market.key("partner", expires_at=past)
    response = client.get("/v1/businesses", headers=expired["headers"])
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_revocation_takes_effect_on_the_next_request(client, market):
    key = market.key("partner")
    assert client.get("/v1/businesses", headers=key["headers"]).status_code == 200
    assert client.delete(f"/v1/api-keys/{key['id']}", headers=ADMIN).status_code == 204
    assert client.get("/v1/businesses", headers=key["headers"]).status_code == 401
    assert _listed(client, key["id"])["revoked_at"] is not None
