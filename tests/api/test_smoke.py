from tests.helpers import ADMIN, snapshot


def test_business_round_trip(client, market):
    created = market.business()
    fetched = client.get(f"/v1/businesses/{created['id']}", headers=ADMIN)
    assert fetched.status_code == 200
    assert fetched.json() == created


def test_invalid_volume_is_refused_and_changes_nothing(client, market, engine):
    business = market.business()
    before = snapshot(engine)
    response = client.post(
        f"/v1/businesses/{business['id']}/tasks",
        json={
            "task_type": "bookkeeping",
            "title": "x",
            "volume": 0,
            "budget": {"currency": "USD", "min": 0, "max": 1},
        },
        headers=ADMIN,
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["body.volume"]
    assert snapshot(engine) == before
