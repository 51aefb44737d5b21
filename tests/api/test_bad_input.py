"""Every kind of bad input gets an RFC 9457 problem, never a 500, and changes nothing."""

import base64

import pytest

from api.fields import MAX_AMOUNT, MAX_VOLUME
from api.problems.catalogue import default_name
from api.tasks.models import Factor
from tests.helpers import (
    ADMIN,
    Market,
    built_once,
    business_body,
    service_body,
    set_reserved,
    snapshot,
    task_body,
    vendor_body,
)

PROBLEM = "application/problem+json"
PROBLEM_BASE = "/problems/"
TITLES = {
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
}

HOOK_URL = "https://hooks.example.com/offload"

# Each route that takes a body: method, path, and the valid body bad fields are merged into.
ROUTES = {
    "create-business": ("POST", "/v1/businesses", business_body()),
    "update-business": ("PATCH", "/v1/businesses/{business}", {}),
    "create-task": ("POST", "/v1/businesses/{business}/tasks", task_body()),
    "update-task": ("PATCH", "/v1/tasks/{task}", {}),
    "create-vendor": ("POST", "/v1/vendors", vendor_body()),
    "update-vendor": ("PATCH", "/v1/vendors/{vendor}", {}),
    "create-service": ("POST", "/v1/vendors/{vendor}/services", service_body(task_type="payroll")),
    "update-service": ("PATCH", "/v1/vendors/{vendor}/services/{service}", {}),
    "create-api-key": ("POST", "/v1/api-keys", {"role": "partner", "name": "Partner key"}),
    "create-webhook-endpoint": ("POST", "/v1/webhook-endpoints", {"url": HOOK_URL}),
    "update-webhook-endpoint": ("PATCH", "/v1/webhook-endpoints/{endpoint}", {}),
}
LIST_ROUTES = [
    "/v1/businesses",
    "/v1/businesses/{business}/tasks",
    "/v1/vendors",
    "/v1/vendors/{vendor}/services",
    "/v1/api-keys",
    "/v1/webhook-endpoints",
    "/v1/webhook-endpoints/{endpoint}/deliveries",
]


def _build_world(market: Market) -> dict[str, str]:
    ids = market.one_of_each()
    endpoint = market.client.post("/v1/webhook-endpoints", json={"url": HOOK_URL}, headers=ADMIN)
    assert endpoint.status_code == 201, endpoint.text
    return {**ids, "endpoint": endpoint.json()["id"]}


world_template, world = built_once("world", _build_world)


def _send(client, world, route, changes):
    """Send `changes` merged over the route's valid body; bytes are sent as they are."""
    method, path, base = ROUTES[route]
    if isinstance(changes, bytes):
        return client.request(
            method,
            path.format(**world),
            content=changes,
            headers={**ADMIN, "Content-Type": "application/json"},
        )
    return client.request(method, path.format(**world), json={**base, **changes}, headers=ADMIN)


def assert_problem(response, status, slug=None):
    """The response is an RFC 9457 problem document with this status; returns its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == status
    assert problem["title"] == TITLES[status]
    assert problem["type"] == PROBLEM_BASE + (slug or default_name(status))
    assert isinstance(problem["detail"], str)
    assert problem["detail"]
    return problem


def assert_refused(client, engine, world, route, changes, field):
    """A 422 whose errors name `field` (or places inside it) and nothing else; no change."""
    before = snapshot(engine)

    problem = assert_problem(_send(client, world, route, changes), 422, "validation-error")

    fields = [e["field"] for e in problem["errors"]]
    assert fields, problem
    assert all(f == field or f.startswith(f"{field}.") for f in fields), fields
    assert all(e["message"] and e["code"] for e in problem["errors"])
    assert snapshot(engine) == before


def _cases(table):
    """pytest params from {route: {case id: (changes, field)}}, with ids `route-case`."""
    return [
        pytest.param(route, changes, field, id=f"{route}-{case}")
        for route, cases in table.items()
        for case, (changes, field) in cases.items()
    ]


CASES = ("route", "changes", "field")


@pytest.mark.parametrize("route", list(ROUTES))
def test_every_route_accepts_its_valid_body_so_each_refusal_below_is_the_bad_field(
    client, world, route
):
    response = _send(client, world, route, {})

    assert response.status_code in (200, 201), response.text


PRICING = service_body()["pricing"]
HOURLY = {"model": "hourly", "currency": "USD", "amount": 2500, "units_per_hour": 20}
COVERAGE = {"timezone": "UTC", "start": "09:00", "end": "17:00", "days": ["mon"]}
WINDOW = {"days": ["mon"], "start": "09:00", "end": "17:00"}
BUDGET = task_body()["budget"]
FACTORS = [f.value for f in Factor]
CODES = ["en", "es", "fr", "de", "it", "pt", "nl", "sv", "da", "fi", "no", "pl", "cs"]
CODES += ["sk", "hu", "ro", "bg", "el", "tr", "ru", "uk"]  # 21 languages


@pytest.mark.parametrize(
    CASES,
    _cases(
        {
            "create-business": {"nickname": ({"nickname": "Rosa"}, "body.nickname")},
            "update-task": {
                "priority": ({"priority": "high"}, "body.priority"),
                "in-budget": ({"budget": {**BUDGET, "tax": 1}}, "body.budget.tax"),
            },
            "create-service": {
                "in-pricing": ({"pricing": {**PRICING, "discount": 5}}, "body.pricing.discount")
            },
            "create-vendor": {
                "in-working-hours": (
                    {"working_hours": [{**WINDOW, "tz": "UTC"}]},
                    "body.working_hours.0.tz",
                )
            },
            "create-api-key": {"scopes": ({"scopes": ["all"]}, "body.scopes")},
        }
    ),
)
def test_unknown_fields_are_refused_and_change_nothing(
    client, engine, world, route, changes, field
):
    assert_refused(client, engine, world, route, changes, field)


FORGED = {
    "id": "forged_0001",
    "partner_id": "ptn_forged",
    "business_id": "biz_forged",
    "vendor_id": "ven_forged",
    "rating": 5.0,
    "rating_count": 500,
    "reserved": 0,
    "available": 1_000_000,
    "created_at": "2020-01-01T00:00:00Z",
    "updated_at": "2020-01-01T00:00:00Z",
    "secret": "ofk_forged",
    "prefix": "ofk_forged",
    "revoked_at": "2020-01-01T00:00:00Z",
}
SERVER_OWNED = {
    "create-business": ["id", "partner_id", "created_at", "updated_at"],
    "update-business": ["id", "partner_id", "created_at"],
    "create-task": ["id", "business_id", "created_at"],
    "update-task": ["id", "business_id", "updated_at"],
    "create-vendor": ["id", "partner_id", "rating", "rating_count", "created_at"],
    "update-vendor": ["id", "partner_id", "rating", "rating_count", "updated_at"],
    "create-service": ["id", "vendor_id", "reserved", "available", "created_at"],
    "update-service": ["id", "vendor_id", "reserved", "available", "task_type"],
    "create-api-key": ["id", "secret", "prefix", "created_at", "revoked_at"],
    "create-webhook-endpoint": ["id", "secret", "partner_id", "disabled_reason", "created_at"],
    "update-webhook-endpoint": ["id", "secret", "business_id", "disabled_reason", "updated_at"],
}


@pytest.mark.parametrize(
    CASES,
    [
        pytest.param(
            route, {name: FORGED.get(name, "payroll")}, f"body.{name}", id=f"{route}-{name}"
        )
        for route, names in SERVER_OWNED.items()
        for name in names
    ],
)
def test_server_owned_fields_sent_by_a_client_are_refused_and_change_nothing(
    client, engine, world, route, changes, field
):
    assert_refused(client, engine, world, route, changes, field)


@pytest.mark.parametrize(
    CASES,
    _cases(
        {
            "create-business": {
                "name-number": ({"name": 123}, "body.name"),
                "country-list": ({"country": ["US"]}, "body.country"),
                "languages-string": ({"languages": "en"}, "body.languages"),
            },
            "create-task": {
                "volume-word": ({"volume": "lots"}, "body.volume"),
                "volume-numeric-string": ({"volume": "400"}, "body.volume"),
                "volume-boolean": ({"volume": True}, "body.volume"),
                "volume-fraction": ({"volume": 2.5}, "body.volume"),
                "budget-string": ({"budget": "500 USD"}, "body.budget"),
                "budget-min-string": ({"budget": {**BUDGET, "min": "100"}}, "body.budget.min"),
            },
            "update-task": {
                "title-list": ({"title": ["x"]}, "body.title"),
                "skills-numbers": ({"skills": [1, 2]}, "body.skills"),
                "hours-string": ({"hours_spent_per_month": "12"}, "body.hours_spent_per_month"),
                "weights-list": ({"weights": []}, "body.weights"),
                "weight-string": ({"weights": {"budget": "high"}}, "body.weights.budget"),
                "coverage-string": ({"coverage": "9 to 5"}, "body.coverage"),
            },
            "create-vendor": {
                "working-hours-object": ({"working_hours": WINDOW}, "body.working_hours"),
            },
            "create-service": {
                "capacity-string": ({"capacity": "1000"}, "body.capacity"),
                "active-yes": ({"active": "yes"}, "body.active"),
                "amount-fraction": ({"pricing": {**PRICING, "amount": 1.5}}, "body.pricing.amount"),
                "units-per-hour-string": (
                    {"pricing": {**HOURLY, "units_per_hour": "20"}},
                    "body.pricing.units_per_hour",
                ),
            },
            "update-service": {
                "active-one": ({"active": 1}, "body.active"),
                "experience-boolean": ({"experience_years": True}, "body.experience_years"),
                "pricing-list": ({"pricing": [PRICING]}, "body.pricing"),
            },
            "create-api-key": {"role-number": ({"role": 1}, "body.role")},
        }
    ),
)
def test_values_of_the_wrong_type_are_refused_and_change_nothing(
    client, engine, world, route, changes, field
):
    assert_refused(client, engine, world, route, changes, field)


@pytest.mark.parametrize(
    CASES,
    _cases(
        {
            "create-task": {
                "task_type": ({"task_type": "plumbing"}, "body.task_type"),
                "status": ({"status": "done"}, "body.status"),
            },
            "update-task": {
                "task_type": ({"task_type": "plumbing"}, "body.task_type"),
                "visibility": ({"visibility": "public"}, "body.visibility"),
                "status-upper-case": ({"status": "OPEN"}, "body.status"),
                "status-set-only-by-engagements": ({"status": "engaged"}, "body.status"),
                "day-name": (
                    {"coverage": {**COVERAGE, "days": ["monday"]}},
                    "body.coverage.days.0",
                ),
                "weights-factor": ({"weights": {"price": 1}}, "body.weights.price"),
            },
            "create-service": {
                "task_type": ({"task_type": "plumbing"}, "body.task_type"),
                "pricing-model": (
                    {"pricing": {**PRICING, "model": "per_hour"}},
                    "body.pricing.model",
                ),
            },
            "update-vendor": {
                "day-name": (
                    {"working_hours": [{**WINDOW, "days": ["Mon"]}]},
                    "body.working_hours.0.days.0",
                ),
            },
            "create-api-key": {"role": ({"role": "superuser"}, "body.role")},
        }
    ),
)
def test_values_outside_an_enum_are_refused_and_change_nothing(
    client, engine, world, route, changes, field
):
    assert_refused(client, engine, world, route, changes, field)


def test_an_unknown_task_type_names_body_task_type_and_lists_the_known_ones(client, world):
    response = _send(client, world, "create-task", {"task_type": "plumbing"})

    problem = assert_problem(response, 422, "validation-error")
    assert [e["field"] for e in problem["errors"]] == ["body.task_type"]
    assert "bookkeeping" in problem["errors"][0]["message"]


@pytest.mark.parametrize(
    ("route", "changes"),
    [
        pytest.param("create-business", {"name": "x" * 200}, id="name-200-chars"),
        pytest.param("create-task", {"volume": MAX_VOLUME}, id="volume-max"),
        pytest.param("create-task", {"budget": {**BUDGET, "min": 0, "max": 0}}, id="budget-0-0"),
        pytest.param(
            "create-task", {"budget": {**BUDGET, "max": MAX_AMOUNT}}, id="budget-max-amount"
        ),
        pytest.param("update-task", {"hours_spent_per_month": 744}, id="hours-744"),
        pytest.param("update-task", {"weights": {"budget": 1000}}, id="weight-1000"),
        pytest.param("update-task", {"weights": {"budget": 0}}, id="weights-some-zero"),
        pytest.param("update-task", {"skills": ["s"] * 50}, id="50-skills"),
        pytest.param(
            "update-task", {"coverage": {**COVERAGE, "min_overlap": 1}}, id="min-overlap-1"
        ),
        pytest.param(
            "update-task",
            {"coverage": {**COVERAGE, "start": "00:00", "end": "23:59"}},
            id="times-00:00-23:59",
        ),
        pytest.param("update-vendor", {"working_hours": [WINDOW] * 14}, id="14-windows"),
        pytest.param("update-service", {"capacity": 0, "experience_years": 80}, id="capacity-0"),
    ],
)
def test_values_at_the_edge_of_their_range_are_accepted(client, world, route, changes):
    response = _send(client, world, route, changes)

    assert response.status_code in (200, 201), response.text


def test_budget_min_above_max_is_refused_and_changes_nothing(client, engine, world):
    changes = {"budget": {"currency": "USD", "min": 50000, "max": 30000}}

    assert_refused(client, engine, world, "create-task", changes, "body.budget.max")


@pytest.mark.parametrize(
    CASES,
    _cases(
        {
            "create-task": {
                "volume-zero": ({"volume": 0}, "body.volume"),
                "volume-negative": ({"volume": -5}, "body.volume"),
                "volume-above-max": ({"volume": MAX_VOLUME + 1}, "body.volume"),
                "budget-min-negative": ({"budget": {**BUDGET, "min": -1}}, "body.budget.min"),
                "budget-max-above-max": (
                    {"budget": {**BUDGET, "max": MAX_AMOUNT + 1}},
                    "body.budget.max",
                ),
            },
            "update-task": {
                "volume-zero": ({"volume": 0}, "body.volume"),
                "budget-min-above-max": (
                    {"budget": {**BUDGET, "min": 2, "max": 1}},
                    "body.budget.max",
                ),
                "hours-negative": ({"hours_spent_per_month": -1}, "body.hours_spent_per_month"),
                "hours-above-a-month": (
                    {"hours_spent_per_month": 745},
                    "body.hours_spent_per_month",
                ),
                "weight-negative": ({"weights": {"budget": -1}}, "body.weights.budget"),
                "weight-above-max": ({"weights": {"budget": 1001}}, "body.weights.budget"),
                "weights-all-zero": ({"weights": dict.fromkeys(FACTORS, 0)}, "body.weights"),
                "weight-nan": (b'{"weights": {"budget": NaN}}', "body.weights.budget"),
                "weight-infinite": (b'{"weights": {"skills": Infinity}}', "body.weights.skills"),
                "hours-nan": (b'{"hours_spent_per_month": NaN}', "body.hours_spent_per_month"),
                "volume-1e400": (b'{"volume": 1e400}', "body.volume"),
                "min-overlap-above-one": (
                    {"coverage": {**COVERAGE, "min_overlap": 1.5}},
                    "body.coverage.min_overlap",
                ),
            },
            "create-service": {
                "capacity-negative": ({"capacity": -1}, "body.capacity"),
                "capacity-above-max": ({"capacity": MAX_VOLUME + 1}, "body.capacity"),
                "min-volume-negative": ({"min_volume": -1}, "body.min_volume"),
                "experience-negative": ({"experience_years": -1}, "body.experience_years"),
                "experience-above-80": ({"experience_years": 81}, "body.experience_years"),
                "amount-negative": ({"pricing": {**PRICING, "amount": -1}}, "body.pricing.amount"),
                "amount-above-max": (
                    {"pricing": {**PRICING, "amount": MAX_AMOUNT + 1}},
                    "body.pricing.amount",
                ),
                "minimum-monthly-negative": (
                    {"pricing": {**PRICING, "minimum_monthly": -1}},
                    "body.pricing.minimum_monthly",
                ),
                "units-per-hour-zero": (
                    {"pricing": {**HOURLY, "units_per_hour": 0}},
                    "body.pricing.units_per_hour",
                ),
            },
            "update-service": {
                "capacity-negative": ({"capacity": -1}, "body.capacity"),
                "units-per-hour-nan": (
                    b'{"pricing": {"model": "hourly", "currency": "USD", "amount": 1, '
                    b'"units_per_hour": NaN}}',
                    "body.pricing.units_per_hour",
                ),
            },
        }
    ),
)
def test_values_out_of_range_are_refused_and_change_nothing(
    client, engine, world, route, changes, field
):
    assert_refused(client, engine, world, route, changes, field)


@pytest.mark.parametrize(
    CASES,
    _cases(
        {
            "create-business": {
                "country-unknown": ({"country": "XX"}, "body.country"),
                "country-alpha-3": ({"country": "USA"}, "body.country"),
                "country-empty": ({"country": ""}, "body.country"),
                "language-unknown": ({"languages": ["xx"]}, "body.languages.0"),
                "language-alpha-3": ({"languages": ["eng"]}, "body.languages.0"),
                "currency-unknown": ({"currency": "ABC"}, "body.currency"),
            },
            "update-business": {
                "currency-symbol": ({"currency": "US$"}, "body.currency"),
                "country-name": ({"country": "France"}, "body.country"),
            },
            "update-task": {
                "budget-currency": (
                    {"budget": {**BUDGET, "currency": "usdollar"}},
                    "body.budget.currency",
                ),
                "language-unknown": ({"languages": ["zz"]}, "body.languages.0"),
            },
            "update-vendor": {
                "country-unknown": ({"country": "ZZ"}, "body.country"),
                "language-name": ({"languages": ["klingon"]}, "body.languages.0"),
            },
            "create-service": {
                "pricing-currency": (
                    {"pricing": {**PRICING, "currency": "ABC"}},
                    "body.pricing.currency",
                ),
                "targeting-country": (
                    {"targeting": {"countries": ["US", "ZZ"]}},
                    "body.targeting.countries.1",
                ),
                "targeting-currency": (
                    {"targeting": {"min_budget": {"amount": 100, "currency": "ABC"}}},
                    "body.targeting.min_budget.currency",
                ),
            },
        }
    ),
)
def test_unknown_iso_codes_are_refused_and_change_nothing(
    client, engine, world, route, changes, field
):
    assert_refused(client, engine, world, route, changes, field)


@pytest.mark.parametrize(
    ("route", "changes", "normalised"),
    [
        pytest.param(
            "create-business",
            {"country": "us", "currency": "usd", "languages": ["EN", "Es"]},
            {"country": "US", "currency": "USD", "languages": ["en", "es"]},
            id="create-business",
        ),
        pytest.param(
            "update-vendor",
            {"country": "ph", "languages": ["TL"]},
            {"country": "PH", "languages": ["tl"]},
            id="update-vendor",
        ),
        pytest.param(
            "update-task",
            {"budget": {**BUDGET, "currency": "eur"}, "languages": ["DE"]},
            {"budget": {**BUDGET, "currency": "EUR"}, "languages": ["de"]},
            id="update-task",
        ),
        pytest.param(
            "create-service",
            {"pricing": {**PRICING, "currency": "gbp"}},
            {
                "pricing": {
                    **PRICING,
                    "currency": "GBP",
                    "units_per_hour": None,
                    "minimum_monthly": 0,
                }
            },
            id="create-service",
        ),
    ],
)
def test_lower_case_iso_codes_are_normalised_not_refused(client, world, route, changes, normalised):
    response = _send(client, world, route, changes)

    assert response.status_code in (200, 201), response.text
    assert {k: response.json()[k] for k in normalised} == normalised


@pytest.mark.parametrize(
    CASES,
    _cases(
        {
            "create-business": {
                "made-up": ({"timezone": "Mars/Olympus_Mons"}, "body.timezone"),
                "empty": ({"timezone": ""}, "body.timezone"),
                "host-zone": ({"timezone": "localtime"}, "body.timezone"),
                "placeholder": ({"timezone": "Factory"}, "body.timezone"),
            },
            "update-business": {"offset": ({"timezone": "+05:00"}, "body.timezone")},
            "update-vendor": {"wrong-case": ({"timezone": "america/new_york"}, "body.timezone")},
            "update-task": {
                "coverage": (
                    {"coverage": {**COVERAGE, "timezone": "Moon/Base"}},
                    "body.coverage.timezone",
                )
            },
        }
    ),
)
def test_time_zones_that_are_not_iana_names_are_refused_and_change_nothing(
    client, engine, world, route, changes, field
):
    assert_refused(client, engine, world, route, changes, field)


BAD_TIMES = ["24:00", "9:00", "12:60", "noon", "09:00:00"]


@pytest.mark.parametrize(
    CASES,
    [
        pytest.param(
            "update-task",
            {"coverage": {**COVERAGE, "start": bad}},
            "body.coverage.start",
            id=f"coverage-start-{bad}",
        )
        for bad in BAD_TIMES
    ]
    + [
        pytest.param(
            "update-vendor",
            {"working_hours": [{**WINDOW, "end": bad}]},
            "body.working_hours.0.end",
            id=f"working-hours-end-{bad}",
        )
        for bad in BAD_TIMES
    ],
)
def test_times_that_are_not_24_hour_hh_mm_are_refused_and_change_nothing(
    client, engine, world, route, changes, field
):
    assert_refused(client, engine, world, route, changes, field)


@pytest.mark.parametrize(
    CASES,
    _cases(
        {
            "create-service": {
                "hourly-without-units-per-hour": (
                    {"pricing": {k: v for k, v in HOURLY.items() if k != "units_per_hour"}},
                    "body.pricing.units_per_hour",
                ),
                "per-unit-with-units-per-hour": (
                    {"pricing": {**PRICING, "units_per_hour": 20}},
                    "body.pricing.units_per_hour",
                ),
            },
            "update-service": {
                "monthly-with-units-per-hour": (
                    {"pricing": {**PRICING, "model": "monthly", "units_per_hour": 20}},
                    "body.pricing.units_per_hour",
                ),
                "hourly-with-null-units-per-hour": (
                    {"pricing": {**HOURLY, "units_per_hour": None}},
                    "body.pricing.units_per_hour",
                ),
            },
        }
    ),
)
def test_units_per_hour_must_come_with_hourly_pricing_and_only_with_it(
    client, engine, world, route, changes, field
):
    assert_refused(client, engine, world, route, changes, field)


@pytest.mark.parametrize(
    CASES,
    _cases(
        {
            "create-business": {
                "name-201-chars": ({"name": "x" * 201}, "body.name"),
                "name-empty": ({"name": ""}, "body.name"),
                "name-only-spaces": ({"name": "   "}, "body.name"),
                "21-languages": ({"languages": CODES}, "body.languages"),
            },
            "create-task": {
                "21-required-certifications": (
                    {"required_certifications": [f"cert{i}" for i in range(21)]},
                    "body.required_certifications",
                ),
            },
            "update-task": {
                "title-201-chars": ({"title": "x" * 201}, "body.title"),
                "description-5001-chars": ({"description": "x" * 5001}, "body.description"),
                "51-skills": ({"skills": [f"skill{i}" for i in range(51)]}, "body.skills"),
                "skill-81-chars": ({"skills": ["x" * 81]}, "body.skills.0"),
                "21-languages": ({"languages": CODES}, "body.languages"),
                "task-type-65-chars": ({"task_type": "x" * 65}, "body.task_type"),
                "coverage-no-days": ({"coverage": {**COVERAGE, "days": []}}, "body.coverage.days"),
                "coverage-repeated-day": (
                    {"coverage": {**COVERAGE, "days": ["mon", "mon"]}},
                    "body.coverage",
                ),
            },
            "create-vendor": {
                "no-languages": ({"languages": []}, "body.languages"),
                "31-certifications": (
                    {"certifications": [f"cert{i}" for i in range(31)]},
                    "body.certifications",
                ),
            },
            "update-vendor": {
                "name-201-chars": ({"name": "x" * 201}, "body.name"),
                "no-languages": ({"languages": []}, "body.languages"),
                "15-working-windows": ({"working_hours": [WINDOW] * 15}, "body.working_hours"),
            },
            "update-service": {
                "51-skills": ({"skills": [f"skill{i}" for i in range(51)]}, "body.skills"),
            },
            "create-api-key": {"name-201-chars": ({"name": "x" * 201}, "body.name")},
        }
    ),
)
def test_strings_and_lists_beyond_their_length_limits_are_refused_and_change_nothing(
    client, engine, world, route, changes, field
):
    assert_refused(client, engine, world, route, changes, field)


@pytest.mark.parametrize(
    CASES,
    [
        pytest.param(route, {name: None}, f"body.{name}", id=f"{route}-{name}")
        for route, names in {
            "update-business": ["name", "country", "timezone", "languages", "currency"],
            "update-task": ["task_type", "title", "volume", "budget", "skills", "status"],
            "update-vendor": ["name", "description", "languages", "working_hours"],
            "update-service": ["capacity", "pricing", "active", "skills"],
        }.items()
        for name in names
    ]
    + [pytest.param("create-task", {"volume": None}, "body.volume", id="create-task-volume")],
)
def test_explicit_null_for_a_required_field_is_refused_and_changes_nothing(
    client, engine, world, route, changes, field
):
    assert_refused(client, engine, world, route, changes, field)


@pytest.mark.parametrize("route", ["create-business", "update-task", "create-service"])
@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"{", id="unclosed"),
        pytest.param(b'{"name": }', id="missing-value"),
        pytest.param(b"{'name': 'x'}", id="single-quotes"),
        pytest.param(b'{"name": "x",}', id="trailing-comma"),
        pytest.param(b'{"name": "x"} {}', id="two-documents"),
    ],
)
def test_malformed_json_is_a_400_and_changes_nothing(client, engine, world, route, body):
    before = snapshot(engine)

    problem = assert_problem(_send(client, world, route, body), 400, "malformed-json")

    assert "errors" not in problem
    assert snapshot(engine) == before


@pytest.mark.parametrize(
    "content_type",
    [
        pytest.param("text/plain", id="text"),
        pytest.param("application/x-www-form-urlencoded", id="form"),
        pytest.param("multipart/form-data; boundary=x", id="multipart"),
        pytest.param("application/xml", id="xml"),
        pytest.param(None, id="no-content-type"),
    ],
)
def test_a_body_that_is_not_json_is_a_415_and_changes_nothing(client, engine, world, content_type):
    before = snapshot(engine)
    headers = {**ADMIN, **({"Content-Type": content_type} if content_type else {})}
    body = b'{"name": "Rosa", "country": "US", "timezone": "UTC", "currency": "USD"}'

    for method, path in [("POST", "/v1/businesses"), ("PATCH", "/v1/businesses/{business}")]:
        response = client.request(method, path.format(**world), content=body, headers=headers)
        assert_problem(response, 415)
    assert snapshot(engine) == before


@pytest.mark.parametrize(
    "content_type", ["application/json; charset=utf-8", "application/merge-patch+json"]
)
def test_json_with_a_charset_or_as_merge_patch_is_accepted(client, world, content_type):
    response = client.patch(
        f"/v1/businesses/{world['business']}",
        content=b'{"name": "Renamed"}',
        headers={**ADMIN, "Content-Type": content_type},
    )

    assert response.status_code == 200, response.text
    assert response.json()["name"] == "Renamed"


def test_a_body_larger_than_the_limit_is_a_413_and_changes_nothing(client, engine, world, settings):
    before = snapshot(engine)
    too_big = b'{"name": "' + b"x" * settings.max_body_bytes + b'"}'

    declared = client.post(
        "/v1/businesses", content=too_big, headers={**ADMIN, "Content-Type": "application/json"}
    )
    streamed = client.post(
        "/v1/businesses",
        content=iter([too_big[: len(too_big) // 2], too_big[len(too_big) // 2 :]]),
        headers={**ADMIN, "Content-Type": "application/json"},
    )

    assert_problem(declared, 413)
    assert_problem(streamed, 413)
    assert snapshot(engine) == before


def test_a_body_of_exactly_the_limit_is_read_and_validated(client, settings):
    head, tail = b'{"name": "', b'"}'
    body = head + b"x" * (settings.max_body_bytes - len(head) - len(tail)) + tail

    response = client.post(
        "/v1/businesses", content=body, headers={**ADMIN, "Content-Type": "application/json"}
    )

    assert len(body) == settings.max_body_bytes
    assert_problem(response, 422, "validation-error")


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        pytest.param("PUT", "/v1/businesses", "GET, POST", id="put-businesses"),
        pytest.param("DELETE", "/v1/businesses", "GET, POST", id="delete-businesses"),
        pytest.param("PUT", "/v1/tasks/{task}", "DELETE, GET, PATCH", id="put-task"),
        pytest.param("POST", "/v1/tasks/{task}", "DELETE, GET, PATCH", id="post-task"),
        pytest.param("PATCH", "/v1/vendors", "GET, POST", id="patch-vendors"),
        pytest.param(
            "PUT", "/v1/vendors/{vendor}/services/{service}", "DELETE, GET, PATCH", id="put-service"
        ),
        pytest.param("PATCH", "/v1/api-keys", "GET, POST", id="patch-api-keys"),
    ],
)
def test_an_unsupported_method_is_a_405_naming_the_allowed_ones(
    client, engine, world, method, path, allowed
):
    before = snapshot(engine)

    response = client.request(method, path.format(**world), json={}, headers=ADMIN)

    assert_problem(response, 405)
    assert sorted(response.headers["allow"].split(", ")) == allowed.split(", ")
    assert snapshot(engine) == before


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/nope"),
        ("GET", "/v2/businesses"),
        ("POST", "/v1/businesses/{business}/nope"),
        ("GET", "/v1/tasks"),
        ("DELETE", "/v1/vendors/{vendor}/services/{service}/nope"),
    ],
)
def test_an_unknown_route_is_a_404_problem(client, engine, world, method, path):
    before = snapshot(engine)

    response = client.request(method, path.format(**world), json={}, headers=ADMIN)

    problem = assert_problem(response, 404)
    assert problem["instance"] == path.format(**world)
    assert snapshot(engine) == before


def _cursor(raw):
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        pytest.param({"limit": 0}, "query.limit", id="limit-0"),
        pytest.param({"limit": -1}, "query.limit", id="limit-negative"),
        pytest.param({"limit": 101}, "query.limit", id="limit-101"),
        pytest.param({"limit": "ten"}, "query.limit", id="limit-word"),
        pytest.param({"cursor": "not a cursor!"}, "query.cursor", id="cursor-garbage"),
        pytest.param({"cursor": _cursor(b"\xff\xfe")}, "query.cursor", id="cursor-not-utf8"),
        pytest.param({"cursor": _cursor(b"\x00")}, "query.cursor", id="cursor-nul"),
        # Well-formed, but not signed by this API: cursors are authenticated.
        pytest.param({"cursor": _cursor(b"zzz_unsigned")}, "query.cursor", id="cursor-forged"),
        pytest.param({"cursor": "x" * 201}, "query.cursor", id="cursor-too-long"),
    ],
)
def test_a_bad_page_request_is_a_422_naming_the_parameter_on_every_list(
    client, world, query, field
):
    for path in LIST_ROUTES:
        response = client.get(path.format(**world), params=query, headers=ADMIN)
        problem = assert_problem(response, 422, "validation-error")
        assert [e["field"] for e in problem["errors"]] == [field], path


@pytest.mark.parametrize(
    ("query", "field"),
    [
        pytest.param({"country": "ZZ"}, "query.country", id="country"),
        pytest.param({"language": "xx"}, "query.language", id="language"),
        pytest.param({"task_type": "x" * 65}, "query.task_type", id="task_type-too-long"),
    ],
)
def test_a_bad_vendor_filter_is_a_422_naming_it(client, query, field):
    response = client.get("/v1/vendors", params=query, headers=ADMIN)

    problem = assert_problem(response, 422, "validation-error")
    assert [e["field"] for e in problem["errors"]] == [field]


def test_a_second_service_for_the_same_task_type_is_a_409_and_changes_nothing(
    client, engine, world
):
    before = snapshot(engine)

    response = client.post(
        f"/v1/vendors/{world['vendor']}/services",
        json=service_body(capacity=5, pricing={**PRICING, "amount": 1}),
        headers=ADMIN,
    )

    assert_problem(response, 409)
    assert snapshot(engine) == before


def test_capacity_below_the_reserved_volume_is_a_409_and_changes_nothing(client, engine, world):
    set_reserved(engine, world["service"], 600)
    before = snapshot(engine)

    response = client.patch(
        f"/v1/vendors/{world['vendor']}/services/{world['service']}",
        json={"capacity": 599, "skills": ["xero"]},
        headers=ADMIN,
    )

    problem = assert_problem(response, 409)
    assert "600" in problem["detail"]
    assert snapshot(engine) == before


# Bodies that are not objects, or not JSON a parser should ever be asked to take.
RAW_BODIES = {
    "empty": b"",
    "null": b"null",
    "array": b"[]",
    "array-of-objects": b"[{}]",
    "number": b"42",
    "string": b'"hello"',
    "true": b"true",
    "1e400": b"1e400",
    "nested-arrays-100k-deep": b"[" * 100_000 + b"]" * 100_000,
    "nested-objects-50k-deep": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "5000-digit-integer": b'{"volume": ' + b"9" * 5000 + b"}",
    "byte-order-mark": b"\xef\xbb\xbf{}",
    "invalid-utf8": b'{"name": "\xff\xfe"}',
    "lone-surrogate": b'{"name": "\\ud800", "title": "\\udfff"}',
    "nan-everywhere": b'{"volume": NaN, "capacity": NaN, "hours_spent_per_month": NaN}',
    "infinities": b'{"weights": {"budget": Infinity}, "experience_years": -Infinity}',
    "duplicate-keys": b'{"name": "a", "name": null}',
}


def _nested(depth):
    value = []
    for _ in range(depth):
        value = [value]
    return value


# Values put, one at a time, in every field of each route's valid body.
WEIRD_VALUES = {
    "null": None,
    "empty-string": "",
    "nul-character": "a\u0000b",
    "emoji": "\U0001f370" * 200,
    "right-to-left-override": "\u202eoffload",
    "combining-marks": "e\u0301" * 100,
    "10k-chars": "x" * 10_000,
    "1e30": 10**30,
    "minus-1e30": -(10**30),
    "1e308": 1e308,
    "denormal": 5e-324,
    "true": True,
    "empty-array": [],
    "empty-object": {},
    "array-of-nul": ["\u0000"],
    "nested-arrays-500-deep": _nested(500),
    "1000-item-array": ["en"] * 1000,
    "object-of-objects": {"a": {"b": {"c": {"d": {}}}}},
}
FIELDS = {
    "create-business": list(business_body()),
    "create-task": [*task_body(), "description", "skills", "coverage", "weights"],
    "create-vendor": [*vendor_body(), "working_hours", "certifications"],
    "create-service": [*service_body(), "skills", "min_volume", "active"],
    "create-api-key": ["role", "name", "partner_id", "business_id", "vendor_id", "expires_at"],
    "create-webhook-endpoint": ["url", "event_types", "description", "enabled"],
}
FIELDS |= {
    "update-business": FIELDS["create-business"],
    "update-task": FIELDS["create-task"],
    "update-vendor": FIELDS["create-vendor"],
    "update-service": [f for f in FIELDS["create-service"] if f != "task_type"],
    "update-webhook-endpoint": FIELDS["create-webhook-endpoint"],
}


def _no_500(response, where):
    assert response.status_code < 500, (where, response.text)
    if response.status_code >= 400:
        assert response.headers["content-type"] == PROBLEM, where


@pytest.mark.parametrize("body", list(RAW_BODIES.values()), ids=list(RAW_BODIES))
def test_no_raw_body_gets_a_500_on_any_route(client, world, body):
    for route in ROUTES:
        response = _send(client, world, route, body)
        _no_500(response, route)


@pytest.mark.parametrize("value", list(WEIRD_VALUES.values()), ids=list(WEIRD_VALUES))
def test_no_weird_value_in_any_field_gets_a_500(client, world, value):
    for route, fields in FIELDS.items():
        for field in fields:
            _no_500(_send(client, world, route, {field: value}), f"{route} {field}")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/businesses/%00"),
        ("GET", "/v1/businesses/biz_%00/tasks"),
        ("DELETE", "/v1/tasks/tsk_%00"),
        ("GET", "/v1/vendors/%00"),
        ("DELETE", "/v1/vendors/{vendor}/services/svc_%00"),
        ("DELETE", "/v1/api-keys/key_%00"),
        ("GET", "/v1/vendors?task_type=%00"),
        ("GET", "/v1/vendors?task_type=bookkeeping%00"),
        ("GET", "/v1/webhook-endpoints/whe_%00"),
        ("POST", "/v1/webhook-endpoints/whe_%00/test"),
        ("GET", "/v1/events?after=evt_%00"),
        ("GET", "/v1/events?types=task.created%00"),
    ],
)
def test_a_nul_character_in_a_path_or_query_never_gets_a_500(client, engine, world, method, path):
    before = snapshot(engine)

    response = client.request(method, path.format(**world), headers=ADMIN)

    _no_500(response, path)
    assert snapshot(engine) == before
