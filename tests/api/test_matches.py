"""Matching over HTTP on a small hand-built marketplace whose answers are argued below.

The task: 400 bookkeeping transactions a month for 300.00-500.00 USD, QuickBooks and Xero
wanted, English, covered 09:00-17:00 New York time on weekdays.

- alpha: 1.05/transaction (420.00), both skills, Chicago 08:00-16:00 (same UTC hours as the
  coverage), fifty ratings averaging 4.8. Best on every count but price: ranks 1st.
- bravo: 25.00/hour at 25 an hour (400.00), QuickBooks only, Manila night shift covering 7 of
  the 8 hours, one 5-star rating. Cheaper, but weaker on skills and reputation: 2nd.
- charlie: flat 600.00, over 500.00 x 1.1 = 550.00: excluded under budget.
- delta: room for 300 only: excluded under capacity.
- echo: Spanish only: excluded under language.
- foxtrot: priced in XXX, which has no exchange rate: excluded under currency.
- golf: an inactive bookkeeping service: not a candidate at all.
- hotel: payroll only: not a candidate for bookkeeping.
"""

import pytest
from sqlalchemy import text

from tests.helpers import ADMIN, built_once, snapshot

COVERAGE = {
    "timezone": "America/New_York",
    "start": "09:00",
    "end": "17:00",
    "days": ["mon", "tue", "wed", "thu", "fri"],
}
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
TASK = {
    "task_type": "bookkeeping",
    "title": "Monthly books",
    "volume": 400,
    "budget": {"currency": "USD", "min": 30000, "max": 50000},
    "skills": ["QuickBooks", "xero"],
    "languages": ["en"],
    "coverage": COVERAGE,
}


def _vendor(market, name, *, languages=("en",), timezone="America/Chicago", hours=None):
    return market.vendor(
        name=name,
        languages=list(languages),
        timezone=timezone,
        working_hours=hours or [],
    )


def _per_unit(amount, currency="USD"):
    return {"model": "per_unit", "currency": currency, "amount": amount}


def _build_world(market):
    engine = market.client.app.state.engine  # the test database, as the app writes it
    ids = {}
    alpha = _vendor(market, "alpha", hours=[{"days": WEEKDAYS, "start": "08:00", "end": "16:00"}])
    ids["alpha"] = market.service(
        alpha["id"],
        capacity=1000,
        pricing=_per_unit(105),
        skills=["QuickBooks", "Xero"],
        experience_years=4,
    )["id"]
    bravo = _vendor(
        market,
        "bravo",
        languages=("en", "tl"),
        timezone="Asia/Manila",
        hours=[{"days": WEEKDAYS, "start": "21:00", "end": "05:00"}],
    )
    ids["bravo"] = market.service(
        bravo["id"],
        capacity=500,
        skills=["quickbooks"],
        experience_years=8,
        pricing={"model": "hourly", "currency": "USD", "amount": 2500, "units_per_hour": 25},
    )["id"]
    charlie = _vendor(market, "charlie")
    market.service(charlie["id"], pricing={"model": "monthly", "currency": "USD", "amount": 60000})
    delta = _vendor(market, "delta")
    market.service(delta["id"], capacity=300, pricing=_per_unit(80))
    echo = _vendor(market, "echo", languages=("es",))
    market.service(echo["id"], pricing=_per_unit(90))
    foxtrot = _vendor(market, "foxtrot")
    market.service(foxtrot["id"], pricing=_per_unit(1, "XXX"))
    golf = _vendor(market, "golf")
    market.service(golf["id"], pricing=_per_unit(50), active=False)
    hotel = _vendor(market, "hotel")
    market.service(hotel["id"], task_type="payroll", pricing=_per_unit(50))
    with engine.begin() as conn:  # ratings arrive with engagements; set them directly here
        conn.execute(
            text("UPDATE vendors SET rating_sum = 240, rating_count = 50 WHERE id = :id"),
            {"id": alpha["id"]},
        )
        conn.execute(
            text("UPDATE vendors SET rating_sum = 5, rating_count = 1 WHERE id = :id"),
            {"id": bravo["id"]},
        )
    business = market.business()
    task = market.task(business["id"], **{k: v for k, v in TASK.items() if k != "title"})
    return {"services": ids, "task": task, "business": business, "alpha": alpha, "bravo": bravo}


world_template, world = built_once("world", _build_world)


def _matches(client, task_id, headers=ADMIN, **params):
    response = client.get(f"/v1/tasks/{task_id}/matches", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_stored_task_ranks_and_explains_as_argued(client, world):
    body = _matches(client, world["task"]["id"])
    assert [m["vendor_name"] for m in body["data"]] == ["alpha", "bravo"]
    assert [m["rank"] for m in body["data"]] == [1, 2]
    alpha, bravo = body["data"]
    assert alpha["service_id"] == world["services"]["alpha"]
    assert alpha["quote"] == {"amount": 42000, "currency": "USD"}
    assert bravo["quote"] == {"amount": 40000, "currency": "USD"}
    assert body["excluded"] == {
        "currency": 1,
        "capacity": 1,
        "min_volume": 0,
        "budget": 1,
        "language": 1,
        "certification": 0,
        "timezone": 0,
        "targeting": 0,
    }
    assert body["candidates"] == 6  # golf is inactive, hotel offers payroll
    assert body["eligible"] == 2
    assert body["scoring_version"]


def test_every_match_explains_all_six_factors_with_numbers(client, world):
    alpha = _matches(client, world["task"]["id"])["data"][0]
    factors = {f["name"]: f for f in alpha["factors"]}
    assert list(factors) == ["task_type", "volume", "budget", "skills", "timezone", "reputation"]
    assert factors["budget"]["detail"] == "quote 420.00 USD is inside your 300.00-500.00 USD budget"
    assert factors["budget"]["score"] == pytest.approx(0.88)
    assert factors["skills"]["score"] == 1.0
    assert factors["timezone"]["score"] == 1.0
    assert "50 ratings" in factors["reputation"]["detail"]
    weighted = sum(f["score"] * f["weight"] for f in alpha["factors"])
    assert alpha["score"] == pytest.approx(
        weighted / sum(f["weight"] for f in alpha["factors"]), abs=1e-3
    )


PRICE_ONLY = {"task_type": 0, "volume": 0, "budget": 1, "skills": 0, "timezone": 0, "reputation": 0}


def test_cheaper_bravo_wins_when_the_business_cares_only_about_price(client, world):
    task_id = world["task"]["id"]
    response = client.patch(f"/v1/tasks/{task_id}", json={"weights": PRICE_ONLY}, headers=ADMIN)
    assert response.status_code == 200
    body = _matches(client, task_id)
    assert [m["vendor_name"] for m in body["data"]] == ["bravo", "alpha"]
    assert body["weights"] == PRICE_ONLY


def test_limit_and_min_score_trim_the_list(client, world):
    task_id = world["task"]["id"]
    assert [m["vendor_name"] for m in _matches(client, task_id, limit=1)["data"]] == ["alpha"]
    scores = [m["score"] for m in _matches(client, task_id)["data"]]
    between = (scores[0] + scores[1]) / 2
    assert len(_matches(client, task_id, min_score=between)["data"]) == 1


def test_a_capacity_change_is_seen_by_the_very_next_match(client, world):
    alpha_service = world["services"]["alpha"]
    response = client.patch(
        f"/v1/vendors/{world['alpha']['id']}/services/{alpha_service}",
        json={"capacity": 100},
        headers=ADMIN,
    )
    assert response.status_code == 200
    body = _matches(client, world["task"]["id"])
    assert [m["vendor_name"] for m in body["data"]] == ["bravo"]
    assert body["excluded"]["capacity"] == 2


def test_inline_match_answers_like_the_stored_task_and_stores_nothing(client, world, engine):
    before = snapshot(engine)
    inline = {k: v for k, v in TASK.items() if k != "title"}
    response = client.post("/v1/matches", json={"task": inline}, headers=ADMIN)
    assert response.status_code == 200, response.text
    stored = _matches(client, world["task"]["id"])
    assert response.json()["data"] == stored["data"]
    assert snapshot(engine) == before


def test_inline_weights_override_the_defaults(client, world):
    inline = {k: v for k, v in TASK.items() if k != "title"}
    response = client.post(
        "/v1/matches", json={"task": inline, "weights": PRICE_ONLY}, headers=ADMIN
    )
    assert [m["vendor_name"] for m in response.json()["data"]] == ["bravo", "alpha"]


@pytest.mark.parametrize(
    ("weights", "field"),
    [
        ({"price": 1}, "body.weights.price.[key]"),
        ({"budget": -1}, "body.weights.budget"),
        ({"budget": 0, "skills": 0}, None),
    ],
    ids=["unknown-factor", "negative", "all-zero-given"],
)
def test_bad_weights_are_refused_with_a_problem(client, world, weights, field):
    inline = {k: v for k, v in TASK.items() if k != "title"}
    response = client.post("/v1/matches", json={"task": inline, "weights": weights}, headers=ADMIN)
    if field is None:  # zeroing some factors is fine: the others keep their defaults
        assert response.status_code == 200
        return
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert any(e["field"].startswith(field.split(".[")[0]) for e in response.json()["errors"])


def test_all_zero_weights_are_refused(client, world):
    inline = {k: v for k, v in TASK.items() if k != "title"}
    zero = dict.fromkeys(["task_type", "volume", "budget", "skills", "timezone", "reputation"], 0)
    response = client.post("/v1/matches", json={"task": inline, "weights": zero}, headers=ADMIN)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.weights"


def test_inline_match_with_an_unknown_task_type_names_the_field(client, world):
    inline = {**{k: v for k, v in TASK.items() if k != "title"}, "task_type": "astrology"}
    response = client.post("/v1/matches", json={"task": inline}, headers=ADMIN)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.task.task_type"


def test_other_businesses_cannot_see_a_tasks_matches(client, market, world):
    stranger = market.business_key(market.business(name="Other")["id"])
    response = client.get(f"/v1/tasks/{world['task']['id']}/matches", headers=stranger)
    assert response.status_code == 404


def test_the_owning_business_sees_its_matches(client, market, world):
    own = market.business_key(world["business"]["id"])
    assert len(_matches(client, world["task"]["id"], headers=own)["data"]) == 2


def test_vendors_may_not_ask_for_matches(client, market, world):
    vendor = market.vendor_key(world["alpha"]["id"])
    inline = {k: v for k, v in TASK.items() if k != "title"}
    assert client.post("/v1/matches", json={"task": inline}, headers=vendor).status_code == 403
    assert client.get(f"/v1/tasks/{world['task']['id']}/matches", headers=vendor).status_code == 403


def test_who_may_ask_is_settled_before_the_query_is_read(client, market, world):
    """As on every task route: no key is a 401 and a vendor's key a 403, whatever the query
    says; a query out of range is a 422 for those who may ask, before the task is looked up."""
    path = f"/v1/tasks/{world['task']['id']}/matches?limit=0"
    assert client.get(path).status_code == 401
    vendor = market.vendor_key(world["alpha"]["id"])
    assert client.get(path, headers=vendor).status_code == 403
    refused = client.get(path, headers=ADMIN)
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["query.limit"]
    assert client.get("/v1/tasks/tsk_missing/matches?limit=0", headers=ADMIN).status_code == 422


def test_each_match_carries_the_vendors_country_and_rating(client, world):
    alpha, bravo = _matches(client, world["task"]["id"])["data"]
    assert (alpha["vendor_country"], alpha["vendor_rating"], alpha["vendor_rating_count"]) == (
        "PH",
        4.8,
        50,
    )
    assert (bravo["vendor_rating"], bravo["vendor_rating_count"]) == (5.0, 1)


def test_a_factor_with_weight_zero_is_marked_as_not_counted(client, world):
    task_id = world["task"]["id"]
    client.patch(f"/v1/tasks/{task_id}", json={"weights": PRICE_ONLY}, headers=ADMIN)
    factors = {f["name"]: f for f in _matches(client, task_id)["data"][0]["factors"]}
    assert factors["budget"]["counted"] is True
    assert not factors["budget"]["detail"].startswith("not counted")
    assert factors["skills"]["counted"] is False
    assert factors["skills"]["detail"].startswith("not counted (weight 0): has ")


def test_a_match_list_with_matches_has_no_hints(client, world):
    assert _matches(client, world["task"]["id"])["hints"] == []


def test_an_empty_match_list_says_what_to_change_in_words(client, world, engine):
    task_id = world["task"]["id"]
    client.patch(
        f"/v1/tasks/{task_id}",
        json={"budget": {"currency": "USD", "min": 0, "max": 30000}},
        headers=ADMIN,
    )
    before = snapshot(engine)
    body = _matches(client, task_id)
    assert body["data"] == []
    # bravo (400.00) and alpha (420.00) now fail only the budget; charlie fails it too,
    # but at 600.00 it is not the nearest miss.
    assert body["hints"][0] == (
        "3 vendors would fit everything else, the cheapest at 400.00 USD a month; your "
        "budget's maximum of 300.00 USD allows quotes up to 330.00 USD (with the 10% "
        "tolerance). Raise the maximum to 400.00 USD to see it."
    )
    assert snapshot(engine) == before
