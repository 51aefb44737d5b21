"""What vendors see, over HTTP: targeting, listed tasks, "why not me" with the fix, and
opportunities.

Each blocker test builds a task and a service that fails that one constraint, asks the
single-service view for the fix, applies its changes through the API (the blocker is gone
and the service is in the task's matches), and applies one minor unit (or unit, or minute)
less of it (the blocker stays).
"""

import random
from typing import Any

import pytest

from tests.helpers import ADMIN, snapshot, statements_run

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
COVERAGE = {"timezone": "UTC", "start": "09:00", "end": "17:00", "days": WEEKDAYS}


def _get(client, path, headers=ADMIN, status=200, **params):
    response = client.get(path, headers=headers, params=params)
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def _patch(client, path, body, headers=ADMIN):
    response = client.patch(path, json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


class Pair:
    """A business's task and one vendor's service, and the ways to change them."""

    def __init__(self, market, *, task=None, service=None, vendor=None, country="US"):
        self.client = market.client
        business = market.business(name="Rosa's Bakery", country=country)
        self.task = market.task(business["id"], visibility="listed", **(task or {}))
        self.vendor = market.vendor(**(vendor or {}))
        self.service = market.service(self.vendor["id"], **(service or {}))

    @property
    def service_path(self):
        return f"/v1/vendors/{self.vendor['id']}/services/{self.service['id']}"

    def view(self, headers=ADMIN):
        return _get(
            self.client, f"/v1/tasks/{self.task['id']}/matches/{self.service['id']}", headers
        )

    def matched(self):
        body = _get(self.client, f"/v1/tasks/{self.task['id']}/matches", limit=100)
        return [m["service_id"] for m in body["data"]]

    def apply(self, change, *, less=False):
        """Make one change through the API; ``less``: one minor unit, unit or item short."""
        target, field, op, value = (change[k] for k in ("target", "field", "op", "value"))
        service = _get(self.client, self.service_path)
        vendor = _get(self.client, f"/v1/vendors/{self.vendor['id']}")
        if (target, field) == ("service", "capacity"):
            body = {"capacity": value - less}
        elif (target, field) == ("service", "min_volume"):
            body = {"min_volume": value + less}
        elif field.startswith("pricing."):
            pricing = {k: v for k, v in service["pricing"].items() if v is not None}
            key = field.removeprefix("pricing.")
            pricing[key] = value + less if isinstance(value, int) else value
            body = {"pricing": pricing}
        elif field == "targeting.countries":
            assert op == "add"
            targeting = service["targeting"]
            added = [] if less else [value]
            body = {"targeting": {**targeting, "countries": targeting["countries"] + added}}
        elif field == "targeting.min_budget.amount":
            budget = {**service["targeting"]["min_budget"], "amount": value + less}
            body = {"targeting": {**service["targeting"], "min_budget": budget}}
        elif (target, field) == ("vendor", "languages"):
            extra = [] if less else [value]
            _patch(
                self.client,
                f"/v1/vendors/{self.vendor['id']}",
                {"languages": vendor["languages"] + extra},
            )
            return
        elif (target, field) == ("vendor", "certifications"):
            held = vendor["certifications"] + ([] if less else [value])
            _patch(self.client, f"/v1/vendors/{self.vendor['id']}", {"certifications": held})
            return
        else:
            raise AssertionError(f"no way to apply {change}")
        _patch(self.client, self.service_path, body)


def _only_blocker(view, reason):
    assert not view["eligible"] and view["rank"] is None
    assert [b["reason"] for b in view["blockers"]] == [reason], view["blockers"]
    return view["blockers"][0]


def _assert_cleared(pair):
    view = pair.view()
    assert view["eligible"] and view["blockers"] == []
    assert pair.service["id"] in pair.matched()
    assert view["rank"] == pair.matched().index(pair.service["id"]) + 1


# --- each blocker and its fix ------------------------------------------------------------

BLOCKED = {
    "capacity": ({"volume": 400}, {"capacity": 150}, {}),
    "min_volume": ({"volume": 400}, {"min_volume": 650}, {}),
    "per-unit price": (
        {},
        {"pricing": {"model": "per_unit", "currency": "USD", "amount": 200}},
        {},
    ),
    "hourly price": (
        {},
        {
            "pricing": {
                "model": "hourly",
                "currency": "USD",
                "amount": 3000,
                "units_per_hour": 7.0,
            }
        },
        {},
    ),
    "monthly fee": ({}, {"pricing": {"model": "monthly", "currency": "USD", "amount": 70000}}, {}),
    "monthly minimum": (
        {},
        {
            "pricing": {
                "model": "per_unit",
                "currency": "USD",
                "amount": 50,
                "minimum_monthly": 61234,
            }
        },
        {},
    ),
    "price in another currency": (
        {},
        {"pricing": {"model": "per_unit", "currency": "EUR", "amount": 173}},
        {},
    ),
    "language": ({"languages": ["fr", "de"]}, {}, {"languages": ["en"]}),
    "certification": (
        {"required_certifications": ["CPA", "ACCA", "EA"]},
        {},
        {"certifications": ["ACCA"]},
    ),
    "targeted countries": ({}, {"targeting": {"countries": ["CA", "GB"]}}, {}),
    "minimum budget": (
        {},
        {"targeting": {"countries": [], "min_budget": {"amount": 91234, "currency": "USD"}}},
        {},
    ),
    "minimum budget in another currency": (
        {},
        {"targeting": {"countries": [], "min_budget": {"amount": 80000, "currency": "EUR"}}},
        {},
    ),
}
REASON = {
    "capacity": "capacity",
    "min_volume": "min_volume",
    "language": "language",
    "certification": "certification",
    "targeted countries": "targeting",
    "minimum budget": "targeting",
    "minimum budget in another currency": "targeting",
}


@pytest.mark.parametrize("case", list(BLOCKED))
def test_applying_the_fix_clears_the_blocker_and_one_unit_less_does_not(market, case):
    task, service, vendor = BLOCKED[case]
    pair = Pair(market, task=task, service=service, vendor=vendor)
    blocker = _only_blocker(pair.view(), REASON.get(case, "budget"))
    assert blocker["fix"] and blocker["changes"]
    changes = blocker["changes"]

    for i, change in enumerate(changes):  # all but the last in full, the last one short
        pair.apply(change, less=i == len(changes) - 1)
    still = _only_blocker(pair.view(), REASON.get(case, "budget"))
    assert pair.service["id"] not in pair.matched()

    pair.apply(changes[-1])
    _assert_cleared(pair)
    assert still["reason"] == blocker["reason"]


def test_the_price_fix_is_the_largest_price_that_fits_the_budget_with_its_tolerance(market):
    pair = Pair(market, service=BLOCKED["per-unit price"][1])
    blocker = _only_blocker(pair.view(), "budget")
    # 400 transactions, budget max 500.00 + 10%: 550.00 / 400 = 1.375, so 1.37 at most.
    assert blocker["changes"] == [
        {"target": "service", "field": "pricing.amount", "op": "set", "value": 137}
    ]
    assert blocker["fix"] == "lower the price to at most 1.37 USD per transaction, 32% less"


def test_the_capacity_fix_names_the_units_needed(market):
    pair = Pair(market, task={"volume": 400}, service={"capacity": 150})
    blocker = _only_blocker(pair.view(), "capacity")
    assert blocker["fix"] == "raise capacity by 250 transactions a month, to 400"


def test_a_listed_task_the_service_has_no_reserved_room_for_counts_reserved_units(market, engine):
    from tests.helpers import set_reserved

    pair = Pair(market, task={"volume": 400}, service={"capacity": 500})
    set_reserved(engine, pair.service["id"], 300)
    blocker = _only_blocker(pair.view(), "capacity")
    assert blocker["changes"][0]["value"] == 700  # 700 - 300 reserved = 400 free


def test_the_coverage_fix_names_the_minutes_and_they_are_exactly_enough(market):
    coverage = {**COVERAGE, "min_overlap": 0.5}
    morning = [{"days": WEEKDAYS, "start": "09:00", "end": "11:00"}]
    pair = Pair(
        market,
        task={"coverage": coverage},
        vendor={"timezone": "UTC", "working_hours": morning},
    )
    blocker = _only_blocker(pair.view(), "timezone")
    # 2,400 minutes a week to cover, half of it needed, 600 worked: 600 more.
    assert blocker["changes"] == [
        {"target": "vendor", "field": "working_hours", "op": "extend", "value": 600}
    ]
    vendor_path = f"/v1/vendors/{pair.vendor['id']}"
    short = [
        {"days": ["mon"], "start": "09:00", "end": "12:59"},
        {"days": WEEKDAYS[1:], "start": "09:00", "end": "13:00"},
    ]
    _patch(market.client, vendor_path, {"working_hours": short})
    _only_blocker(pair.view(), "timezone")
    _patch(
        market.client,
        vendor_path,
        {"working_hours": [{"days": WEEKDAYS, "start": "09:00", "end": "13:00"}]},
    )
    _assert_cleared(pair)


def test_the_currency_fix_prices_the_service_in_the_tasks_currency(market):
    pair = Pair(
        market, service={"pricing": {"model": "per_unit", "currency": "SEK", "amount": 100}}
    )
    blocker = _only_blocker(pair.view(), "currency")
    assert blocker["changes"] == [
        {"target": "service", "field": "pricing.currency", "op": "set", "value": "USD"}
    ]
    pair.apply(blocker["changes"][0])
    _assert_cleared(pair)


def test_every_blocker_is_listed_not_only_the_first(market):
    pair = Pair(
        market,
        task={"volume": 400, "languages": ["fr"]},
        service={"capacity": 100, "targeting": {"countries": ["FR"]}},
    )
    view = pair.view()
    assert [b["reason"] for b in view["blockers"]] == ["capacity", "language", "targeting"]
    assert all(b["fix"] for b in view["blockers"])


def test_a_paused_service_is_told_to_activate_and_then_matches(market):
    pair = Pair(market, service={"active": False})
    view = pair.view()
    blocker = _only_blocker(view, "inactive")
    assert blocker["changes"] == [
        {"target": "service", "field": "active", "op": "set", "value": True}
    ]
    _patch(market.client, pair.service_path, {"active": True})
    _assert_cleared(pair)


def test_a_service_of_another_type_is_told_so(market):
    pair = Pair(market, service={"task_type": "payroll"})
    assert [b["reason"] for b in pair.view()["blockers"]] == ["task_type"]


# --- rank ----------------------------------------------------------------------------------


def test_the_rank_in_the_single_view_is_the_position_in_the_full_ranking(market):
    rnd = random.Random(7)
    business = market.business()
    task = market.task(business["id"], skills=["xero", "sage"], volume=300)
    services = []
    for i in range(12):
        vendor = market.vendor(name=f"Vendor {i}")
        services.append(
            market.service(
                vendor["id"],
                capacity=rnd.choice([300, 400, 600, 2000]),
                skills=rnd.sample(["xero", "sage", "excel"], rnd.randint(0, 2)),
                experience_years=rnd.randint(0, 10),
                pricing={
                    "model": "per_unit",
                    "currency": "USD",
                    "amount": rnd.choice([100, 120, 150, 190]),
                },
            )["id"]
        )
    ranking = _get(market.client, f"/v1/tasks/{task['id']}/matches", limit=100)
    positions = {m["service_id"]: (m["rank"], m["score"], m["quote"]) for m in ranking["data"]}
    assert len(positions) >= 5
    for service_id in services:
        view = _get(market.client, f"/v1/tasks/{task['id']}/matches/{service_id}")
        if service_id in positions:
            assert (view["rank"], view["score"], view["quote"]) == positions[service_id]
            assert view["eligible_offers"] == ranking["eligible"]
        else:
            assert view["rank"] is None and view["blockers"]


# --- who sees what -----------------------------------------------------------------------


def test_a_vendor_sees_its_own_service_on_a_listed_open_task_and_nothing_that_names_the_business(
    market,
):
    pair = Pair(market)
    headers = market.vendor_key(pair.vendor["id"])
    view = pair.view(headers)
    assert view["eligible"]
    text = str(view)
    for secret in ("Rosa's Bakery", pair.task["business_id"], pair.task["title"]):
        assert secret not in text


@pytest.mark.parametrize(
    "change", [{"visibility": "private"}, {"status": "paused"}, {"status": "closed"}]
)
def test_a_vendor_never_sees_a_task_that_is_not_listed_and_open(market, change):
    pair = Pair(market)
    headers = market.vendor_key(pair.vendor["id"])
    _patch(market.client, f"/v1/tasks/{pair.task['id']}", change)
    path = f"/v1/tasks/{pair.task['id']}/matches/{pair.service['id']}"
    refused = _get(market.client, path, headers, status=404)
    missing = _get(
        market.client,
        f"/v1/tasks/tsk_doesnotexist/matches/{pair.service['id']}",
        headers,
        status=404,
    )
    assert refused["title"] == missing["title"]
    opportunities = _get(market.client, f"{pair.service_path}/opportunities", headers)
    assert opportunities["data"] == [] and opportunities["listed_tasks"] == 0


def test_tasks_are_private_unless_listed(market):
    business = market.business()
    assert market.task(business["id"])["visibility"] == "private"


def test_a_vendor_never_sees_another_vendors_service_view(market):
    pair = Pair(market)
    rival = market.vendor(name="Rival")
    headers = market.vendor_key(rival["id"])
    _get(
        market.client,
        f"/v1/tasks/{pair.task['id']}/matches/{pair.service['id']}",
        headers,
        status=404,
    )
    _get(market.client, f"{pair.service_path}/opportunities", headers, status=404)


def test_a_business_sees_the_view_for_any_service_on_its_own_task_but_not_on_anothers(market):
    pair = Pair(market)
    private = market.task(pair.task["business_id"], title="Private books")
    headers = market.business_key(pair.task["business_id"])
    path = f"/v1/tasks/{private['id']}/matches/{pair.service['id']}"
    assert _get(market.client, path, headers)["eligible"]
    other = market.business(name="Other")
    other_task = market.task(other["id"], visibility="listed")
    _get(
        market.client,
        f"/v1/tasks/{other_task['id']}/matches/{pair.service['id']}",
        headers,
        status=404,
    )


def test_opportunities_show_terms_country_and_time_zone_never_who_the_business_is(market):
    terms = {"skills": ["xero", "payroll"], "languages": ["en"], "coverage": COVERAGE}
    pair = Pair(market, task={"description": "Call Rosa on 555-0100", **terms})
    headers = market.vendor_key(pair.vendor["id"])
    body = _get(market.client, f"{pair.service_path}/opportunities", headers)
    (item,) = body["data"]
    assert item["task_id"] == pair.task["id"]
    assert item["task"]["country"] == "US" and item["task"]["timezone"] == "America/New_York"
    for field in ("task_type", "volume", "budget", "skills", "languages", "coverage"):
        assert item["task"][field] == pair.task[field], field
    assert item["task"]["required_certifications"] == pair.task["required_certifications"]
    text = str(body)
    for secret in ("Rosa", pair.task["business_id"], pair.task["title"], "555-0100"):
        assert secret not in text


def test_scraping_is_bounded_a_page_at_most_100_and_no_business_keys(market, engine):
    pair = Pair(market)
    headers = market.vendor_key(pair.vendor["id"])
    business = market.business_key(pair.task["business_id"])

    def state():  # a key records when it was last used, even on a refused request
        return {table: rows for table, rows in snapshot(engine).items() if table != "api_keys"}

    before = state()
    _get(market.client, f"{pair.service_path}/opportunities", headers, status=422, limit=101)
    _get(market.client, f"{pair.service_path}/opportunities", business, status=403)
    assert state() == before


def test_scraping_the_single_view_meets_the_rate_limit(market, settings, engine):
    from fastapi.testclient import TestClient

    from api.main import create_app

    pair = Pair(market)
    headers = market.vendor_key(pair.vendor["id"])
    path = f"/v1/tasks/{pair.task['id']}/matches/{pair.service['id']}"
    app = create_app(
        settings.model_copy(update={"rate_limit_burst": 3, "rate_limit_per_second": 0.01})
    )
    with TestClient(app, raise_server_exceptions=False) as client:
        statuses = [client.get(path, headers=headers).status_code for _ in range(4)]
    app.state.engine.dispose()
    assert statuses == [200, 200, 200, 429]


# --- targeting in matching ---------------------------------------------------------------


def test_targeting_excludes_from_matches_and_counts_under_targeting(market):
    pair = Pair(market, service={"targeting": {"countries": ["CA"]}})
    body = _get(market.client, f"/v1/tasks/{pair.task['id']}/matches")
    assert body["data"] == [] and body["excluded"]["targeting"] == 1


def test_a_proposal_to_a_service_that_does_not_target_the_business_is_refused(market):
    pair = Pair(market, service={"targeting": {"countries": ["CA"]}})
    response = market.client.post(
        f"/v1/tasks/{pair.task['id']}/engagements",
        json={"service_id": pair.service["id"]},
        headers=ADMIN,
    )
    assert response.status_code == 409, response.text
    assert [b["reason"] for b in response.json()["blockers"]] == ["targeting"]


def test_targeting_round_trips_and_replaces_whole(market):
    pair = Pair(market, service={"targeting": {"countries": ["ca", "CA", "GB"]}})
    assert pair.service["targeting"] == {"countries": ["CA", "GB"], "min_budget": None}
    budget = {"amount": 1000, "currency": "EUR"}
    updated = _patch(market.client, pair.service_path, {"targeting": {"min_budget": budget}})
    assert updated["targeting"] == {"countries": [], "min_budget": budget}


@pytest.mark.parametrize(
    "targeting",
    [
        {"countries": ["XX"]},
        {"countries": "US"},
        {"min_budget": {"amount": -1, "currency": "USD"}},
        {"min_budget": {"amount": 10, "currency": "usdx"}},
        {"unknown": 1},
    ],
)
def test_bad_targeting_is_a_422_that_changes_nothing(market, engine, targeting):
    pair = Pair(market)
    before = snapshot(engine)
    response = market.client.patch(pair.service_path, json={"targeting": targeting}, headers=ADMIN)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert snapshot(engine) == before


# --- opportunities -----------------------------------------------------------------------


@pytest.fixture
def listed_market(market):
    """50 listed open tasks with random terms from businesses in three countries, a few
    private or paused ones, and a dozen competing services."""
    rnd = random.Random(13)
    businesses = [market.business(name=f"B{c}", country=c)["id"] for c in ("US", "CA", "GB")]
    tasks = []
    for i in range(56):
        low = rnd.choice([10000, 20000, 30000])
        task = market.task(
            rnd.choice(businesses),
            title=f"Books {i}",
            volume=rnd.choice([100, 200, 300, 400, 800]),
            budget={
                "currency": rnd.choice(["USD", "USD", "EUR"]),
                "min": low,
                "max": low + rnd.choice([10000, 30000, 60000]),
            },
            languages=rnd.choice([[], [], ["en"], ["fr"]]),
            skills=rnd.sample(["xero", "sage", "excel"], rnd.randint(0, 2)),
            visibility="private" if i >= 53 else "listed",
            # A few with coverage or weights of their own: the listing reads them too.
            coverage=rnd.choice([None, None, None, {**COVERAGE, "min_overlap": 0.25}]),
            weights=rnd.choice([None, None, None, {"budget": 2.0, "skills": 0.5}]),
        )
        tasks.append(task["id"])
    market.client.patch(f"/v1/tasks/{tasks[0]}", json={"status": "paused"}, headers=ADMIN)
    services = []
    for i in range(12):
        vendor = market.vendor(name=f"V{i}", languages=rnd.choice([["en"], ["en", "fr"]]))
        services.append(
            market.service(
                vendor["id"],
                capacity=rnd.choice([150, 400, 1000]),
                min_volume=rnd.choice([0, 0, 250]),
                skills=rnd.sample(["xero", "sage", "excel"], rnd.randint(0, 3)),
                pricing={
                    "model": "per_unit",
                    "currency": "USD",
                    "amount": rnd.choice([60, 90, 120, 150]),
                },
                targeting=rnd.choice([{"countries": []}, {"countries": ["US", "GB"]}]),
            )
        )
    return {"tasks": tasks, "services": services, "listed": tasks[1:53]}


def test_opportunities_equal_task_by_task_what_the_full_ranking_says(market, listed_market):
    client = market.client
    service = listed_market["services"][0]
    path = f"/v1/vendors/{service['vendor_id']}/services/{service['id']}/opportunities"
    body = _get(client, path, limit=100)
    assert body["listed_tasks"] == len(listed_market["listed"]) == 52  # not the paused one
    found = {item["task_id"]: item for item in body["data"]}
    missed = dict.fromkeys(body["missed"], 0)
    for task_id in listed_market["listed"]:
        ranking = _get(client, f"/v1/tasks/{task_id}/matches", limit=100)
        placed = {m["service_id"]: m for m in ranking["data"]}
        if service["id"] in placed:
            match = placed[service["id"]]
            item = found[task_id]
            assert (item["rank"], item["score"], item["quote"]) == (
                match["rank"],
                match["score"],
                match["quote"],
            )
            assert item["eligible_offers"] == ranking["eligible"]
        else:
            assert task_id not in found
            view = _get(client, f"/v1/tasks/{task_id}/matches/{service['id']}")
            missed[view["blockers"][0]["reason"]] += 1
    assert body["missed"] == missed
    assert body["eligible"] == len(found) > 0
    assert [i["rank"] for i in body["data"]] == sorted(i["rank"] for i in body["data"])
    assert set(found) <= set(listed_market["listed"])


def test_opportunities_read_the_listing_in_the_same_queries_however_many_tasks_are_listed(
    market, engine
):
    pair = Pair(market)
    path = f"{pair.service_path}/opportunities"
    headers = market.vendor_key(pair.vendor["id"])

    def statements() -> int:
        with statements_run(engine) as ran:
            body = _get(market.client, path, headers)
        assert body["eligible"] == len(body["data"])
        return len(ran)

    statements()  # the first request builds the offer index and caches the key
    one = statements()
    for country in ("US", "CA", "GB"):
        business = market.business(country=country)
        for _ in range(4):
            market.task(business["id"], visibility="listed")
    assert _get(market.client, path, headers)["listed_tasks"] == 13
    assert statements() == one


def test_price_sensitivity_equals_really_lowering_the_price_and_asking_again(market, listed_market):
    client = market.client
    service = next(s for s in listed_market["services"] if s["pricing"]["amount"] >= 120)
    path = f"/v1/vendors/{service['vendor_id']}/services/{service['id']}/opportunities"
    body = _get(client, path)
    steps = {s["discount_percent"]: s["more_tasks"] for s in body["price_sensitivity"]}
    assert list(steps) == [5, 10, 20]
    amount = service["pricing"]["amount"]
    service_path = f"/v1/vendors/{service['vendor_id']}/services/{service['id']}"
    for percent, more in steps.items():
        lowered = (amount * (100 - percent) * 2 + 100) // 200  # rounded half up
        pricing = {"model": "per_unit", "currency": "USD", "amount": lowered}
        _patch(client, service_path, {"pricing": pricing})
        assert _get(client, path)["eligible"] - body["eligible"] == more
    assert steps[20] >= steps[10] >= steps[5] >= 0
    assert steps[20] > 0, "the fixture should leave some tasks within 20% of this price"


def test_a_pool_too_large_to_rank_every_task_ranks_the_newest_and_says_so(
    market, listed_market, settings
):
    from fastapi.testclient import TestClient

    from api.main import create_app

    service = listed_market["services"][0]
    path = f"/v1/vendors/{service['vendor_id']}/services/{service['id']}/opportunities"
    whole = _get(market.client, path, limit=100)
    assert whole["ranked"] == whole["eligible"] == len(whole["data"]) > 1
    # One (task, offer) pair allowed: still at least one task, the newest eligible one.
    app = create_app(settings.model_copy(update={"opportunities_ranked_pairs": 1}))
    with TestClient(app, raise_server_exceptions=False) as client:
        capped = _get(client, path, limit=100)
    app.state.engine.dispose()
    newest = max(item["task_id"] for item in whole["data"])
    assert capped["ranked"] == 1
    assert [item["task_id"] for item in capped["data"]] == [newest]
    assert capped["data"][0] == next(i for i in whole["data"] if i["task_id"] == newest)
    for field in ("listed_tasks", "eligible", "missed", "price_sensitivity"):
        assert capped[field] == whole[field]
