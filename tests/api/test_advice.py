"""The outsourcing advisor over HTTP, on a small marketplace whose answers are argued below.

The owner's time is worth 60.00 USD an hour; 10% of a handed-off task's hours stay with the
owner (oversight), so 12 hours a month free 10.8, worth 648.00 USD.

| task | market (monthly quotes, USD) | p50 | hours | advice |
|---|---|---|---|---|
| books: bookkeeping, 400 | 240, 300, 360, 480 (0.60-1.20 a transaction) | 330.00 | 12 | outsource: 648.00 - 330.00 = 318.00 a month; 6 h onboarding = 360.00, paid back in 1.13 months |
| invoices: invoicing, 100 | 200, 300, 400 | 300.00 | 2 | costs_more: 1.8 h = 108.00 < 300.00 |
| support: customer_service, 250 | 200, 250, 300 flat | 250.00 | 40 | outsource: 36 h = 2,160.00 - 250.00 = 1,910.00; 8 h = 480.00, 0.25 months |
| posts: social_media, 12 | two vendors | - | 10 | too_few_vendors (fewer than 3) |
| payroll: payroll, 8, core | none | - | 20 | keep_core |
| inbox: email_management, 900, paused, no hours | none | - | - | needs_input |

So the plan is support (priority 1), books (2), then the rest in creation order; totals
count the two outsource items: 46.8 hours and 2,228.00 USD a month. A closed task is left
out.
"""

import math
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.main import create_app
from api.settings import ILLUSTRATIVE_RATES, Settings
from tests.helpers import ADMIN, built_once, snapshot

HOURLY = {"amount": 6000, "currency": "USD"}


def _per_unit(amount, currency="USD"):
    return {"model": "per_unit", "currency": currency, "amount": amount}


def _monthly(amount, currency="USD"):
    return {"model": "monthly", "currency": currency, "amount": amount}


MARKETS = {
    "bookkeeping": [_per_unit(60), _per_unit(75), _per_unit(90), _per_unit(120)],
    "invoicing": [_per_unit(200), _per_unit(300), _per_unit(400)],
    "customer_service": [_monthly(20000), _monthly(25000), _monthly(30000)],
    "social_media": [_per_unit(2000), _per_unit(2500)],
}


def _terms(task_type, volume, *, budget_max=None, **extra):
    terms = {"task_type": task_type, "volume": volume, **extra}
    if budget_max is not None:
        terms["budget"] = {"currency": "USD", "min": 0, "max": budget_max}
    return terms


# name -> (terms, as stored) in creation order; every stored task has a budget.
TASKS = {
    "books": _terms(
        "bookkeeping", 400, budget_max=50000, hours_spent_per_month=12, languages=["en"]
    ),
    "invoices": _terms("invoicing", 100, budget_max=40000, hours_spent_per_month=2),
    "support": _terms("customer_service", 250, budget_max=40000, hours_spent_per_month=40),
    "posts": _terms("social_media", 12, budget_max=40000, hours_spent_per_month=10),
    "payroll": _terms("payroll", 8, budget_max=40000, hours_spent_per_month=20, core=True),
    "inbox": _terms("email_management", 900, budget_max=40000, status="paused"),
}


def _build_offers(market):
    services = {}
    for task_type, pricings in MARKETS.items():
        for i, pricing in enumerate(pricings):
            vendor = market.vendor(name=f"{task_type} {i}")
            services[task_type, i] = market.service(
                vendor["id"], task_type=task_type, pricing=pricing
            )
    return services


offers_template, offers = built_once("offers", _build_offers)


@pytest.fixture
def world(market, offers):
    business = market.business(hourly_value=HOURLY)
    tasks = {
        name: market.task(business["id"], title=name, **terms) for name, terms in TASKS.items()
    }
    closed = market.task(business["id"], title="closed", status="closed", hours_spent_per_month=9)
    return {"business": business, "tasks": tasks, "closed": closed}


def _advice(client, business_id, headers=ADMIN):
    response = client.get(f"/v1/businesses/{business_id}/advice", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def _by_title(body):
    return {item["title"]: item for item in body["data"]}


def _usd(amount):
    return {"amount": amount, "currency": "USD"}


# --- each recommendation --------------------------------------------------------------------


def test_a_time_sucking_task_the_market_does_cheaper_is_worth_handing_off(client, world):
    books = _by_title(_advice(client, world["business"]["id"]))["books"]
    assert books["task_id"] == world["tasks"]["books"]["id"]
    assert books["task_type"] == "bookkeeping"
    assert books["recommendation"] == "outsource"
    assert books["hours_freed"] == 10.8
    assert books["time_value"] == _usd(64800)
    assert books["market"]["vendors"] == 4
    assert books["market"]["quote"]["p50"] == _usd(33000)
    assert books["net_monthly_gain"] == _usd(31800)
    assert books["onboarding_cost"] == _usd(36000)  # 6 hours at 60.00
    assert books["payback_months"] == "1.13"  # 360.00 / 318.00 = 1.132
    first, second = books["reasons"]
    for number in ("12 h", "60.00 USD", "648.00 USD", "10%", "330.00 USD", "318.00 USD"):
        assert number in first, (number, first)
    assert "6 hours" in second and "1.13 months" in second


def test_a_task_that_costs_more_to_hand_off_than_it_saves_is_kept(client, world):
    invoices = _by_title(_advice(client, world["business"]["id"]))["invoices"]
    assert invoices["recommendation"] == "costs_more"
    assert invoices["time_value"] == _usd(10800)
    assert invoices["net_monthly_gain"] == _usd(-19200)
    assert invoices["payback_months"] is None
    assert invoices["priority"] is None
    assert "192.00 USD" in invoices["reasons"][0]


def test_a_thin_market_says_too_few_vendors_however_big_the_gain(client, world):
    posts = _by_title(_advice(client, world["business"]["id"]))["posts"]
    assert posts["recommendation"] == "too_few_vendors"
    assert posts["market"]["vendors"] == 2
    assert posts["payback_months"] is None and posts["priority"] is None


def test_a_core_task_is_kept_whatever_the_numbers(client, world):
    payroll = _by_title(_advice(client, world["business"]["id"]))["payroll"]
    assert payroll["recommendation"] == "keep_core"
    assert payroll["priority"] is None and payroll["payback_months"] is None
    assert payroll["best_match"] is None  # nobody offers payroll here


def test_a_task_without_hours_needs_input(client, world):
    inbox = _by_title(_advice(client, world["business"]["id"]))["inbox"]
    assert inbox["recommendation"] == "needs_input"
    assert inbox["hours_freed"] is None and inbox["time_value"] is None
    assert inbox["net_monthly_gain"] is None
    assert inbox["onboarding_cost"] == _usd(24000)  # 4 hours at 60.00
    assert "hours" in inbox["reasons"][0]


def test_a_business_without_an_hourly_value_needs_input_on_every_task_but_core(
    client, market, offers
):
    business = market.business()
    assert business["hourly_value"] is None
    for name, terms in TASKS.items():
        market.task(business["id"], title=name, **terms)
    body = _advice(client, business["id"])
    assert {i["title"]: i["recommendation"] for i in body["data"]} == {
        "books": "needs_input",
        "invoices": "needs_input",
        "support": "needs_input",
        "posts": "needs_input",
        "payroll": "keep_core",
        "inbox": "needs_input",
    }
    assert body["totals"] == {"hours_freed": 0.0, "net_monthly_gain": _usd(0)}


def test_changing_the_hourly_value_changes_the_advice(client, world):
    business_id = world["business"]["id"]
    response = client.patch(
        f"/v1/businesses/{business_id}",
        json={"hourly_value": {"amount": 2500, "currency": "USD"}},
        headers=ADMIN,
    )
    assert response.status_code == 200, response.text
    books = _by_title(_advice(client, business_id))["books"]
    assert books["time_value"] == _usd(27000)  # 10.8 h at 25.00
    assert books["recommendation"] == "costs_more"


# --- the plan: order, priority, totals, which tasks -----------------------------------------


def test_worth_it_tasks_come_first_biggest_gain_first_then_the_rest_in_creation_order(
    client, world
):
    body = _advice(client, world["business"]["id"])
    assert [i["title"] for i in body["data"]] == [
        "support",
        "books",
        "invoices",
        "posts",
        "payroll",
        "inbox",
    ]
    assert [i["priority"] for i in body["data"]] == [1, 2, None, None, None, None]
    support = body["data"][0]
    assert support["net_monthly_gain"] == _usd(191000)
    assert support["payback_months"] == "0.25"  # 480.00 / 1,910.00


def test_totals_count_only_the_tasks_worth_handing_off(client, world):
    totals = _advice(client, world["business"]["id"])["totals"]
    assert totals == {"hours_freed": 46.8, "net_monthly_gain": _usd(222800)}


def test_closed_tasks_are_left_out_and_paused_ones_kept(client, world):
    ids = {i["task_id"] for i in _advice(client, world["business"]["id"])["data"]}
    assert world["closed"]["id"] not in ids
    assert world["tasks"]["inbox"]["id"] in ids  # paused
    assert ids == {t["id"] for t in world["tasks"].values()}


def test_the_best_match_is_the_top_of_the_tasks_matches(client, world):
    books_id = world["tasks"]["books"]["id"]
    books = _by_title(_advice(client, world["business"]["id"]))["books"]
    matches = client.get(f"/v1/tasks/{books_id}/matches", headers=ADMIN).json()
    assert books["best_match"] == matches["data"][0]


def test_a_business_with_no_tasks_gets_an_empty_plan_in_its_currency(client, market):
    business = market.business(currency="EUR", hourly_value={"amount": 5000, "currency": "EUR"})
    assert _advice(client, business["id"]) == {
        "data": [],
        "totals": {"hours_freed": 0.0, "net_monthly_gain": {"amount": 0, "currency": "EUR"}},
    }


def _convert(amount, source, target):
    """As matching converts: minor units x rate ratio, rounded half up."""
    return math.floor(amount * (ILLUSTRATIVE_RATES[source] / ILLUSTRATIVE_RATES[target]) + 0.5)


def test_a_task_budgeted_in_another_currency_is_advised_in_it_and_totalled_in_the_businesses(
    client, market, offers
):
    business = market.business(hourly_value=HOURLY)
    terms = dict(TASKS["books"], budget={"currency": "EUR", "min": 0, "max": 50000})
    market.task(business["id"], title="books", **terms)

    body = _advice(client, business["id"])

    (books,) = body["data"]
    quotes = sorted(_convert(p["amount"] * 400, "USD", "EUR") for p in MARKETS["bookkeeping"])
    p50 = round((quotes[1] + quotes[2]) / 2)  # never a half here
    time_value = _convert(64800, "USD", "EUR")
    assert books["market"]["quote"]["p50"] == {"amount": p50, "currency": "EUR"}
    assert books["time_value"] == {"amount": time_value, "currency": "EUR"}
    assert books["net_monthly_gain"] == {"amount": time_value - p50, "currency": "EUR"}
    assert body["totals"]["net_monthly_gain"] == _usd(_convert(time_value - p50, "EUR", "USD"))


def test_a_hand_off_nobody_can_price_is_a_conflict_not_a_crash(client, market, offers, engine):
    business = market.business(hourly_value=HOURLY)
    terms = dict(TASKS["books"], budget={"currency": "XXX", "min": 0, "max": 50000})
    market.task(business["id"], title="books", **terms)
    before = snapshot(engine)
    response = client.get(f"/v1/businesses/{business['id']}/advice", headers=ADMIN)
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert "XXX" in response.json()["detail"]
    assert snapshot(engine) == before


# --- the oversight share is the operator's --------------------------------------------------


@pytest.fixture
def strict_overseer(settings) -> Iterator[TestClient]:
    """The same database behind an app whose owners keep a quarter of each task's hours."""
    app = create_app(settings.model_copy(update={"advice_oversight_share": 0.25}))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.state.engine.dispose()


def test_the_oversight_share_comes_from_the_settings(client, world, strict_overseer):
    books = _by_title(_advice(strict_overseer, world["business"]["id"]))["books"]
    assert books["hours_freed"] == 9.0  # 12 x 0.75
    assert books["time_value"] == _usd(54000)
    assert books["net_monthly_gain"] == _usd(21000)
    assert "25%" in books["reasons"][0]
    assert _by_title(_advice(client, world["business"]["id"]))["books"]["hours_freed"] == 10.8


@pytest.mark.parametrize("share", [-0.1, 1.0, 1.5])
def test_an_oversight_share_outside_0_to_under_1_is_refused_at_start(share):
    with pytest.raises(ValidationError, match="advice_oversight_share"):
        Settings(advice_oversight_share=share, _env_file=None)


# --- inline -----------------------------------------------------------------------------


def _inline_tasks():
    return [
        {"title": name, **{k: v for k, v in terms.items() if k != "status"}}
        for name, terms in TASKS.items()
    ]


def _inline(client, body, headers=ADMIN):
    response = client.post("/v1/advice", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_inline_advice_agrees_with_stored_advice_on_the_same_terms_and_stores_nothing(
    client, world, engine
):
    before = snapshot(engine)
    inline = _inline(client, {"hourly_value": HOURLY, "tasks": _inline_tasks()})
    assert snapshot(engine) == before
    stored = _advice(client, world["business"]["id"])
    assert all(item["task_id"] is None for item in inline["data"])
    for item in stored["data"]:
        item["task_id"] = None
    assert inline == stored


def test_an_inline_task_without_a_budget_is_priced_in_the_hourly_values_currency(client, offers):
    task = {k: v for k, v in TASKS["books"].items() if k != "budget"}
    body = _inline(client, {"hourly_value": HOURLY, "tasks": [task]})
    (books,) = body["data"]
    assert books["title"] == "Bookkeeping"  # the task type's name, for want of a title
    assert books["market"]["currency"] == "USD"
    assert books["net_monthly_gain"] == _usd(31800)
    budget = next(f for f in books["best_match"]["factors"] if f["name"] == "budget")
    assert budget["weight"] == 0.0 and "no budget" in budget["detail"]


def test_inline_totals_are_in_the_hourly_values_currency(client, offers):
    hourly = {"amount": _convert(6000, "USD", "EUR"), "currency": "EUR"}
    body = _inline(client, {"hourly_value": hourly, "tasks": [TASKS["books"]]})
    assert body["data"][0]["market"]["currency"] == "USD"  # the budget's
    assert body["totals"]["net_monthly_gain"]["currency"] == "EUR"


@pytest.mark.parametrize("role", ["admin", "partner", "business"])
def test_admins_partners_and_businesses_may_use_the_calculator(client, market, offers, role):
    headers = {
        "admin": ADMIN,
        "partner": market.partner(),
        "business": market.business_key(market.business()["id"]),
    }[role]
    body = _inline(client, {"hourly_value": HOURLY, "tasks": [TASKS["books"]]}, headers)
    assert body["data"][0]["recommendation"] == "outsource"


def test_vendors_may_not_ask_for_advice_and_strangers_must_sign_in(client, market, world):
    vendor = market.vendor_key(market.vendor(name="nosy")["id"])
    body = {"hourly_value": HOURLY, "tasks": [TASKS["books"]]}
    assert client.post("/v1/advice", json=body, headers=vendor).status_code == 403
    assert client.post("/v1/advice", json=body).status_code == 401
    path = f"/v1/businesses/{world['business']['id']}/advice"
    assert client.get(path, headers=vendor).status_code == 403
    assert client.get(path).status_code == 401


def _refused(client, engine, body, *, field=None, status=422):
    before = snapshot(engine)
    response = client.post("/v1/advice", json=body, headers=ADMIN)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    if field is not None:
        fields = [e["field"] for e in response.json()["errors"]]
        assert field in fields, fields
    assert snapshot(engine) == before
    return response.json()


BOOKS = {"task_type": "bookkeeping", "volume": 400, "hours_spent_per_month": 12}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"tasks": [BOOKS]}, "body.hourly_value"),
        ({"hourly_value": HOURLY, "tasks": []}, "body.tasks"),
        ({"hourly_value": HOURLY}, "body.tasks"),
        ({"hourly_value": HOURLY, "tasks": [BOOKS] * 51}, "body.tasks"),
        ({"hourly_value": HOURLY, "tasks": [dict(BOOKS, hours_spent_per_month=-1)]}, None),
        ({"hourly_value": HOURLY, "tasks": [dict(BOOKS, hours_spent_per_month=745)]}, None),
        ({"hourly_value": HOURLY, "tasks": [dict(BOOKS, hours_spent_per_month="12")]}, None),
        ({"hourly_value": HOURLY, "tasks": [dict(BOOKS, volume=0)]}, "body.tasks.0.volume"),
        ({"hourly_value": HOURLY, "tasks": [dict(BOOKS, core="yes")]}, "body.tasks.0.core"),
        ({"hourly_value": HOURLY, "tasks": [dict(BOOKS, weights={"budget": 1})]}, None),
        (
            {"hourly_value": HOURLY, "tasks": [dict(BOOKS, task_type="astrology")]},
            "body.tasks.0.task_type",
        ),
        (
            {"hourly_value": {"amount": 6000, "currency": "ZZZ"}, "tasks": [BOOKS]},
            "body.hourly_value.currency",
        ),
        (
            {"hourly_value": {"amount": -1, "currency": "USD"}, "tasks": [BOOKS]},
            "body.hourly_value.amount",
        ),
        (
            {
                "hourly_value": {"amount": 6000, "currency": "XXX"},
                "tasks": [dict(BOOKS, budget={"currency": "USD", "min": 0, "max": 100})],
            },
            "body.hourly_value.currency",
        ),
        (
            {
                "hourly_value": HOURLY,
                "tasks": [dict(BOOKS, budget={"currency": "USD", "min": 200, "max": 100})],
            },
            "body.tasks.0.budget.max",
        ),
        ({"hourly_value": HOURLY, "tasks": [BOOKS], "extra": 1}, "body.extra"),
    ],
    ids=[
        "no-hourly-value",
        "no-tasks",
        "tasks-missing",
        "too-many-tasks",
        "negative-hours",
        "more-hours-than-a-month-has",
        "hours-as-text",
        "zero-volume",
        "core-not-boolean",
        "weights-not-taken",
        "unknown-task-type",
        "unknown-currency",
        "negative-hourly-value",
        "currency-without-a-rate",
        "budget-upside-down",
        "unknown-field",
    ],
)
def test_bad_inline_requests_are_refused_with_a_problem_and_change_nothing(
    client, engine, offers, body, field
):
    problem = _refused(client, engine, body, field=field)
    if field is None:
        assert all(e["field"].startswith("body.tasks.0.") for e in problem["errors"])


def test_a_currency_without_a_rate_names_the_field_and_the_task(client, engine, offers):
    body = {
        "hourly_value": {"amount": 6000, "currency": "XXX"},
        "tasks": [dict(BOOKS, budget={"currency": "USD", "min": 0, "max": 100})],
    }
    (error,) = _refused(client, engine, body)["errors"]
    assert error == {
        "field": "body.hourly_value.currency",
        "message": error["message"],
        "code": "currency",
    }
    assert "XXX" in error["message"] and "USD" in error["message"]


def test_malformed_json_is_a_400(client, engine):
    before = snapshot(engine)
    response = client.post(
        "/v1/advice",
        content=b'{"tasks": [',
        headers={**ADMIN, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert snapshot(engine) == before


# --- a business's own advice only ------------------------------------------------------------


def test_a_business_sees_its_own_advice_and_another_business_gets_not_found(client, market, world):
    business_id = world["business"]["id"]
    own = market.business_key(business_id)
    assert _advice(client, business_id, own) == _advice(client, business_id)
    stranger = market.business_key(market.business(name="Other")["id"])
    response = client.get(f"/v1/businesses/{business_id}/advice", headers=stranger)
    missing = client.get("/v1/businesses/biz_doesnotexist/advice", headers=stranger)
    assert response.status_code == missing.status_code == 404
    assert (
        response.json()["detail"].replace(business_id, "biz_doesnotexist")
        == (missing.json()["detail"])
    )


def test_a_partner_sees_advice_for_its_own_businesses_only(client, market, offers):
    mine, theirs = market.partner(), market.partner()
    business = market.business(mine, hourly_value=HOURLY)
    market.task(business["id"], mine, **TASKS["books"])
    assert _advice(client, business["id"], mine)["data"][0]["recommendation"] == "outsource"
    response = client.get(f"/v1/businesses/{business['id']}/advice", headers=theirs)
    assert response.status_code == 404


# --- the fields the advisor reads ------------------------------------------------------------


def test_task_types_carry_their_onboarding_hours(client):
    hours = {t["key"]: t["onboarding_hours"] for t in client.get("/v1/task-types").json()["data"]}
    assert hours == {
        "invoicing": 3,
        "bookkeeping": 6,
        "payroll": 6,
        "appointment_scheduling": 3,
        "email_management": 4,
        "social_media": 4,
        "customer_service": 8,
    }
