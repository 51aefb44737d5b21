"""Demo data (api/demo/): deterministic, valid through the API, plausibly priced; and the CLI."""

import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from api import migrate
from api.businesses.models import BusinessCreate
from api.db import make_engine
from api.demo import seed_marketplace
from api.models import metadata
from api.services.models import ServiceCreate
from api.settings import ILLUSTRATIVE_RATES, Settings
from api.tasks.models import TaskCreate
from api.vendors.models import VendorCreate
from matching.currency import exponent
from matching.pricing import quote_one
from matching.types import Pricing, PricingModel
from tests.helpers import ADMIN, TASK_TYPES

SEEDED = ("vendors", "services", "businesses", "tasks")
SIZE = {"vendors": 300, "businesses": 60}

# USD per unit of each currency, written out here rather than imported from the seed, so a
# conversion slip in the seed shows up as implausible prices.
USD = {
    "USD": 1.0,
    "EUR": 1.08,
    "GBP": 1.27,
    "CAD": 0.73,
    "AUD": 0.66,
    "INR": 0.012,
    "PHP": 0.018,
    "PKR": 0.0036,
    "MXN": 0.055,
    "ZAR": 0.055,
    "PLN": 0.25,
}
ONSHORE = {"US", "GB", "IE", "CA", "AU"}
OFFSHORE = {"IN", "PH", "PK", "KE", "NG", "EG", "VN", "BD", "LK"}
# A typical small business's monthly volume, and what that volume may plausibly cost a month
# in USD: from a cheap offshore per-unit price to a premium onshore flat package.
TYPICAL = {
    "invoicing": (80, 15, 1_300),
    "bookkeeping": (300, 40, 2_600),
    "payroll": (10, 15, 800),
    "appointment_scheduling": (250, 60, 5_000),
    "email_management": (800, 40, 3_800),
    "social_media": (16, 40, 3_400),
    "customer_service": (250, 80, 5_600),
}
# Where the median vendor's price per unit (USD, at the typical volume) should sit onshore and
# offshore: US/UK bookkeepers charge $1.50-3.50 a transaction, Philippine and Indian firms
# $0.30-1; payroll runs $12-30 an employee onshore; and so on (docs/demo-data.md).
MEDIAN_UNIT_PRICE = {
    "invoicing": ((2.5, 6.0), (0.5, 1.5)),
    "bookkeeping": ((1.5, 3.5), (0.3, 1.0)),
    "payroll": ((12, 30), (3, 10)),
    "appointment_scheduling": ((3, 8), (0.7, 2)),
    "email_management": ((0.7, 1.8), (0.15, 0.5)),
    "social_media": ((30, 80), (6, 18)),
    "customer_service": ((3.5, 9), (0.9, 2.5)),
}
ZONE_PREFIX = {
    "US": "America/",
    "CA": "America/",
    "MX": "America/",
    "GB": "Europe/London",
    "IN": "Asia/Kolkata",
    "PH": "Asia/Manila",
    "AU": "Australia/",
    "KE": "Africa/Nairobi",
}


def _engine(url: str) -> Engine:
    return make_engine(Settings(database_url=url))


def _seed_fresh(new_database: Callable[[], str], **kwargs: int) -> tuple[str, dict[str, int]]:
    url = new_database()
    migrate.upgrade(url)
    engine = _engine(url)
    try:
        with Session(engine) as session:
            counts = seed_marketplace(session=session, **kwargs)
            session.commit()
    finally:
        engine.dispose()
    return url, counts


def _dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the seeded tables, in id order."""
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return {
                name: [
                    tuple(row)
                    for row in conn.execute(
                        select(metadata.tables[name]).order_by(metadata.tables[name].c.id)
                    )
                ]
                for name in SEEDED
            }
    finally:
        engine.dispose()


def _rows(dump: dict[str, list[tuple[Any, ...]]], name: str) -> list[dict[str, Any]]:
    columns = [c.name for c in metadata.tables[name].columns]
    return [dict(zip(columns, row, strict=True)) for row in dump[name]]


@pytest.fixture(scope="module")
def seeded(new_database: Callable[[], str]) -> tuple[dict[str, int], dict[str, Any]]:
    """One seeded database, read back as rows per table."""
    url, counts = _seed_fresh(new_database, seed=11, **SIZE)
    dump = _dump(url)
    return counts, {name: _rows(dump, name) for name in SEEDED} | {"_dump": dump}


def _quote(service: dict[str, Any], volume: int) -> int:
    pricing = Pricing(
        model=PricingModel(service["pricing_model"]),
        currency=service["pricing_currency"],
        amount=service["pricing_amount"],
        units_per_hour=service["pricing_units_per_hour"],
        minimum_monthly=service["pricing_minimum_monthly"],
    )
    return quote_one(pricing, volume)


def _usd(amount: int, currency: str) -> float:
    assert exponent(currency) == 2
    return amount / 100 * USD[currency]


# --- Determinism ----------------------------------------------------------------------------


def test_the_same_seed_gives_identical_rows_ids_and_timestamps_included(new_database, seeded):
    counts, rows = seeded
    url, again = _seed_fresh(new_database, seed=11, **SIZE)
    assert again == counts
    assert _dump(url) == rows["_dump"]


def test_a_different_seed_gives_different_data(new_database, seeded):
    _, rows = seeded
    url, _ = _seed_fresh(new_database, seed=12, **SIZE)
    other = {name: _rows(_dump(url), name) for name in SEEDED}
    for name in SEEDED:
        assert {r["id"] for r in rows[name]}.isdisjoint({r["id"] for r in other[name]})
    assert [v["name"] for v in rows["vendors"]] != [v["name"] for v in other["vendors"]]
    assert [t["budget_max"] for t in rows["tasks"]] != [t["budget_max"] for t in other["tasks"]]


def test_counts_match_the_rows_and_ids_follow_creation_order(seeded):
    counts, rows = seeded
    assert counts == {name: len(rows[name]) for name in SEEDED}
    assert counts["vendors"] == SIZE["vendors"]
    assert counts["businesses"] == SIZE["businesses"]
    assert SIZE["vendors"] <= counts["services"] <= 3 * SIZE["vendors"]
    assert SIZE["businesses"] <= counts["tasks"] <= 4 * SIZE["businesses"]
    prefixes = {"vendors": "ven", "services": "svc", "businesses": "biz", "tasks": "tsk"}
    for name, prefix in prefixes.items():
        ids = [r["id"] for r in rows[name]]  # already in id order
        assert all(re.fullmatch(rf"{prefix}_[0-9a-hjkmnp-tv-z]{{26}}", i) for i in ids)
        created = [r["created_at"] for r in rows[name]]
        assert created == sorted(created) and len(set(created)) == len(created)
        assert all(r["updated_at"] == r["created_at"] for r in rows[name])
    vendor_ids = {v["id"] for v in rows["vendors"]}
    assert all(s["vendor_id"] in vendor_ids for s in rows["services"])


def test_reseeding_the_same_seed_is_refused_clearly_and_another_seed_adds_more(new_database):
    url, _ = _seed_fresh(new_database, vendors=5, businesses=2, seed=1)
    engine = _engine(url)
    try:
        with (
            Session(engine) as session,
            pytest.raises(ValueError, match=r"seed 1 .* already in this database"),
        ):
            seed_marketplace(session=session, vendors=5, businesses=2, seed=1)
        with Session(engine) as session:
            counts = seed_marketplace(session=session, vendors=5, businesses=2, seed=2)
            assert (counts["vendors"], counts["businesses"]) == (5, 2)
            session.commit()
        with Session(engine) as session:
            assert seed_marketplace(session=session, vendors=0, businesses=0, seed=3) == {
                "vendors": 0,
                "services": 0,
                "businesses": 0,
                "tasks": 0,
            }
            with pytest.raises(ValueError, match="negative"):
                seed_marketplace(session=session, vendors=-1, businesses=0, seed=3)
        with engine.connect() as conn:
            table = metadata.tables["vendors"]
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == 10
    finally:
        engine.dispose()


# --- Coverage of the taxonomy and realism ---------------------------------------------------


def test_every_task_type_is_well_represented_in_services_and_tasks(seeded):
    _, rows = seeded
    services = Counter(s["task_type"] for s in rows["services"])
    tasks = Counter(t["task_type"] for t in rows["tasks"])
    assert set(services) == set(TASK_TYPES)
    assert set(tasks) == set(TASK_TYPES)
    assert min(services.values()) >= 0.07 * len(rows["services"])
    assert min(tasks.values()) >= 0.05 * len(rows["tasks"])
    for task_type in TASK_TYPES:  # every pricing model appears for every type
        models = {s["pricing_model"] for s in rows["services"] if s["task_type"] == task_type}
        assert models == {"per_unit", "hourly", "monthly"}, task_type


def test_vendors_look_like_a_real_marketplace(seeded):
    _, rows = seeded
    vendors = rows["vendors"]
    assert len({v["country"] for v in vendors}) >= 12
    for vendor in vendors:
        prefix = ZONE_PREFIX.get(vendor["country"])
        assert prefix is None or vendor["timezone"].startswith(prefix), vendor
        assert vendor["languages"] and vendor["working_hours"]
    per_vendor = defaultdict(list)
    for service in rows["services"]:
        per_vendor[service["vendor_id"]].append(service)
    assert all(1 <= len(s) <= 3 for s in per_vendor.values())
    assert all(len({s["task_type"] for s in v}) == len(v) for v in per_vendor.values())
    # Every completed engagement is rated, so the track records add up to the rating count.
    for vendor in vendors:
        assert sum(s["completed_count"] for s in per_vendor[vendor["id"]]) == vendor["rating_count"]

    windows = [w for v in vendors for w in v["working_hours"]]
    assert any(w["end"] < w["start"] for w in windows), "no night shift crosses midnight"
    assert any(w["start"] == w["end"] for w in windows), "no round-the-clock cover"
    assert any({"sat", "sun"} & set(w["days"]) for w in windows), "no weekend cover"
    certified = [v for v in vendors if v["certifications"]]
    assert 0.3 * len(vendors) <= len(certified) <= 0.9 * len(vendors)

    counts = [v["rating_count"] for v in vendors]
    assert 0.3 <= counts.count(0) / len(vendors) <= 0.6
    assert any(1 <= c < 10 for c in counts) and any(c >= 20 for c in counts)
    means = [v["rating_sum"] / v["rating_count"] for v in vendors if v["rating_count"]]
    assert all(1 <= m <= 5 for m in means)
    assert sum(3.8 <= m <= 5 for m in means) >= 0.85 * len(means)
    assert 4.2 <= statistics.mean(means) <= 4.8


def test_businesses_and_tasks_look_like_small_businesses(seeded):
    _, rows = seeded
    currencies = Counter(b["currency"] for b in rows["businesses"])
    assert currencies.most_common(1)[0][0] == "USD"
    assert set(currencies) <= {"USD", "GBP", "EUR", "CAD", "AUD"}
    tasks_per_business = Counter(t["business_id"] for t in rows["tasks"])
    assert set(tasks_per_business.values()) <= {1, 2, 3, 4}
    assert max(tasks_per_business.values()) >= 3
    by_business: dict[str, list[str]] = defaultdict(list)
    for task in rows["tasks"]:
        by_business[task["business_id"]].append(task["task_type"])
    assert all(len(set(types)) == len(types) for types in by_business.values())
    currency = {b["id"]: b["currency"] for b in rows["businesses"]}
    for task in rows["tasks"]:
        assert task["budget_currency"] == currency[task["business_id"]]
        if task["task_type"] == "payroll":
            assert 1 <= task["volume"] <= 60
    tasks = rows["tasks"]
    assert any(t["coverage"] for t in tasks) and any(t["required_certifications"] for t in tasks)
    assert any(t["languages"] for t in tasks)
    assert sum(t["status"] == "open" for t in tasks) >= 0.75 * len(tasks)


def test_every_business_values_its_time_and_every_task_says_what_it_costs_the_owner(seeded):
    _, rows = seeded
    for business in rows["businesses"]:
        assert business["hourly_value_currency"] == business["currency"]
        usd = _usd(business["hourly_value_amount"], business["currency"])
        assert 10 <= usd <= 320, business
        assert business["hourly_value_amount"] % 500 == 0  # a round 5 in its currency
    tasks = rows["tasks"]
    assert all(0.5 <= t["hours_spent_per_month"] <= 744 for t in tasks)
    core = [t for t in tasks if t["core"]]
    assert core and len(core) <= 0.25 * len(tasks)


# --- Prices and budgets ---------------------------------------------------------------------


def test_every_quote_for_a_typical_volume_is_a_plausible_market_price(seeded):
    _, rows = seeded
    country = {v["id"]: v["country"] for v in rows["vendors"]}
    unit_prices: dict[tuple[str, str], list[float]] = defaultdict(list)
    for service in rows["services"]:
        task_type, currency = service["task_type"], service["pricing_currency"]
        assert currency in ILLUSTRATIVE_RATES, "matching could not convert this currency"
        typical, low, high = TYPICAL[task_type]
        volume = min(max(typical, service["min_volume"]), service["capacity"])
        assert volume == typical or service["min_volume"] > typical
        quote = _usd(_quote(service, volume), currency)
        assert low <= quote <= high, (task_type, quote, service)
        tier = country[service["vendor_id"]]
        tier = "onshore" if tier in ONSHORE else "offshore" if tier in OFFSHORE else "nearshore"
        unit_prices[task_type, tier].append(quote / volume)
        if service["pricing_minimum_monthly"]:
            assert _usd(service["pricing_minimum_monthly"], currency) <= 0.6 * high
    for task_type, (onshore, offshore) in MEDIAN_UNIT_PRICE.items():
        on = statistics.median(unit_prices[task_type, "onshore"])
        near = statistics.median(unit_prices[task_type, "nearshore"])
        off = statistics.median(unit_prices[task_type, "offshore"])
        assert onshore[0] <= on <= onshore[1], (task_type, on)
        assert offshore[0] <= off <= offshore[1], (task_type, off)
        assert off < near < on, task_type


def test_budgets_are_consistent_with_market_prices_some_tight_some_generous(seeded):
    _, rows = seeded
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for service in rows["services"]:
        if service["active"]:
            by_type[service["task_type"]].append(service)
    affordable, below_median, above_median = 0, 0, 0
    for task in rows["tasks"]:
        quotes = [
            _usd(_quote(s, task["volume"]), s["pricing_currency"])
            for s in by_type[task["task_type"]]
            if s["min_volume"] <= task["volume"] <= s["capacity"]
        ]
        budget_max = _usd(task["budget_max"], task["budget_currency"])
        assert 0 <= task["budget_min"] <= task["budget_max"]
        affordable += any(q <= budget_max * 1.1 for q in quotes)
        below_median += budget_max < statistics.median(quotes)
        above_median += budget_max > 1.5 * statistics.median(quotes)
    tasks = len(rows["tasks"])
    assert affordable >= 0.95 * tasks
    assert below_median >= 0.1 * tasks, "no tight budgets"
    assert above_median >= 0.1 * tasks, "no generous budgets"


# --- Through the API ------------------------------------------------------------------------


def _pages(client, path: str) -> list[dict[str, Any]]:
    items, cursor = [], None
    while True:
        params = {"limit": 100} | ({"cursor": cursor} if cursor else {})
        response = client.get(path, params=params, headers=ADMIN)
        assert response.status_code == 200, response.text
        items += response.json()["data"]
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return items


def _request_fields(model: type, body: dict[str, Any]) -> dict[str, Any]:
    return {name: body[name] for name in model.model_fields if name in body}


def test_every_seeded_row_reads_back_through_the_api_and_validates_as_a_request(client, engine):
    with Session(engine) as session:
        counts = seed_marketplace(session=session, vendors=120, businesses=30, seed=5)
        session.commit()

    vendors = _pages(client, "/v1/vendors")
    assert len(vendors) == counts["vendors"]
    services, businesses, tasks = [], _pages(client, "/v1/businesses"), []
    for vendor in vendors:
        VendorCreate.model_validate(_request_fields(VendorCreate, vendor))
        services += _pages(client, f"/v1/vendors/{vendor['id']}/services")
    for business in businesses:
        BusinessCreate.model_validate(_request_fields(BusinessCreate, business))
        tasks += _pages(client, f"/v1/businesses/{business['id']}/tasks")
    assert (len(services), len(businesses), len(tasks)) == (
        counts["services"],
        counts["businesses"],
        counts["tasks"],
    )
    for service in services:
        ServiceCreate.model_validate(_request_fields(ServiceCreate, service))
        assert service["available"] == service["capacity"] and service["reserved"] == 0
    for task in tasks:
        TaskCreate.model_validate(_request_fields(TaskCreate, task))

    for vendor in vendors[::10]:
        assert client.get(f"/v1/vendors/{vendor['id']}", headers=ADMIN).json() == vendor
    for service in services[::10]:
        path = f"/v1/vendors/{service['vendor_id']}/services/{service['id']}"
        assert client.get(path, headers=ADMIN).json() == service
    for task in tasks[::5]:
        assert client.get(f"/v1/tasks/{task['id']}", headers=ADMIN).json() == task


def test_seeded_tasks_find_matches(client, engine):
    with Session(engine) as session:
        counts = seed_marketplace(session=session, vendors=200, businesses=25, seed=8)
        session.commit()
    tasks = [
        task
        for business in _pages(client, "/v1/businesses")
        for task in _pages(client, f"/v1/businesses/{business['id']}/tasks")
    ]
    assert len(tasks) == counts["tasks"]
    matched = 0
    for task in tasks:
        response = client.get(f"/v1/tasks/{task['id']}/matches", headers=ADMIN)
        assert response.status_code == 200, response.text
        matched += bool(response.json()["data"])
    assert matched >= 0.8 * len(tasks)


def test_the_demo_advice_shows_several_recommendations_at_once(client, engine):
    with Session(engine) as session:
        seed_marketplace(session=session, vendors=300, businesses=25, seed=7)
        session.commit()
    seen: Counter[str] = Counter()
    for business in _pages(client, "/v1/businesses"):
        response = client.get(f"/v1/businesses/{business['id']}/advice", headers=ADMIN)
        assert response.status_code == 200, response.text
        seen.update(item["recommendation"] for item in response.json()["data"])
    assert {"outsource", "costs_more", "keep_core"} <= set(seen), seen
    assert seen["outsource"] > seen["costs_more"], seen


# --- The command line -----------------------------------------------------------------------


def test_offload_seed_command_fills_a_fresh_database_and_prints_the_counts(new_database, tmp_path):
    url = new_database()
    offload = Path(sys.executable).parent / "offload"
    # PYTHONPATH: this checkout's code, even where `offload` is installed from another.
    env = {**os.environ, "OFFLOAD_DATABASE_URL": url, "PYTHONPATH": str(migrate.ROOT)}
    result = subprocess.run(
        [str(offload), "seed", "--vendors", "50", "--businesses", "5", "--seed", "3"],
        env=env,
        cwd=tmp_path,  # no stray .env
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    counts = {
        what: int(n)
        for n, what in re.findall(r"(\d+) (vendors|services|businesses|tasks)", result.stdout)
    }
    assert counts["vendors"] == 50 and counts["businesses"] == 5
    dump = _dump(url)
    assert {name: len(rows) for name, rows in dump.items()} == counts
    # Another process (with its own hash seed) produced exactly what this one does.
    in_process, _ = _seed_fresh(new_database, vendors=50, businesses=5, seed=3)
    assert _dump(in_process) == dump


@pytest.mark.benchmark
def test_ten_thousand_vendors_seed_well_within_a_minute(new_database):
    url = new_database()
    migrate.upgrade(url)
    engine = _engine(url)
    try:
        started = time.perf_counter()
        with Session(engine) as session:
            counts = seed_marketplace(session=session, vendors=10_000, businesses=500, seed=7)
            session.commit()
        elapsed = time.perf_counter() - started
    finally:
        engine.dispose()
    assert counts["vendors"] == 10_000
    assert elapsed < 60, f"{elapsed:.1f}s"
