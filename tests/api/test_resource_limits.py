"""Bounds on what one request can make the server do (OWASP API4)."""

import pytest

from tests.helpers import ADMIN

INLINE = {
    "task_type": "bookkeeping",
    "volume": 10,
    "budget": {"currency": "USD", "min": 0, "max": 100000},
}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"task": INLINE, "limit": 101}, "body.limit"),
        ({"task": INLINE, "limit": 0}, "body.limit"),
        ({"task": {**INLINE, "skills": [f"s{i}" for i in range(51)]}}, "body.task.skills"),
        ({"task": {**INLINE, "languages": ["en"] * 21}}, "body.task.languages"),
        (
            {"task": {**INLINE, "required_certifications": [f"c{i}" for i in range(21)]}},
            "body.task.required_certifications",
        ),
        ({"task": {**INLINE, "skills": ["x" * 81]}}, "body.task.skills.0"),
        ({"task": {**INLINE, "volume": 10_000_001}}, "body.task.volume"),
    ],
    ids=[
        "limit-over-100",
        "limit-zero",
        "51-skills",
        "21-languages",
        "21-certifications",
        "81-char-skill",
        "volume-over-max",
    ],
)
def test_a_match_request_cannot_ask_for_unbounded_work(client, engine, body, field):
    response = client.post("/v1/matches", json=body, headers=ADMIN)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_a_stored_tasks_matches_are_capped_at_100(client, market):
    task = market.task(market.business()["id"])
    response = client.get(f"/v1/tasks/{task['id']}/matches?limit=101", headers=ADMIN)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.limit"


def test_pages_are_capped_at_100(client, engine):
    response = client.get("/v1/vendors?limit=101", headers=ADMIN)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.limit"


def test_bodies_are_capped_by_size_before_they_are_parsed(client, settings, engine):
    oversized = b"[" + b"1," * (settings.max_body_bytes // 2) + b"1]"
    response = client.post(
        "/v1/businesses", content=oversized, headers={**ADMIN, "Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_strings_are_capped_by_length(client, engine):
    response = client.post(
        "/v1/api-keys", json={"role": "partner", "name": "n" * 201}, headers=ADMIN
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.name"
