"""How many SQL statements one request runs, at a small size and at a larger one.

Every endpoint that reads or writes many rows should read them in a fixed number of
queries: a query per row (an ORM lookup per listed object, say) is the N+1 shape that
opportunities had (tests/api/test_vendors_see.py guards it). Each test counts the statements
one request sends to the database (``before_cursor_execute`` on the app's engine) for 2
items and for 12, after one warm-up request (the first builds the offer index and caches
the key), and asserts the counts are equal. Committing an allocation is the exception: it
writes per assignment, so its cost per assignment is what must stay fixed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from api.ids import new_id
from api.models import metadata
from tests.helpers import ADMIN, TASK_TYPES, service_body, statements_run, task_body, vendor_body

SMALL, LARGE = 2, 12


def _ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code in (200, 201, 202), response.text
    body: dict[str, Any] = response.json()
    return body


Grow = Callable[[int], Callable[[], httpx.Response]]


@dataclass
class Measured:
    """What one request ran at each size, and what it answered."""

    statements: dict[int, list[str]]
    bodies: dict[int, dict[str, Any]]

    def assert_constant(self) -> None:
        (small, few), (large, many) = self.statements.items()
        assert len(few) == len(many), (
            f"{len(few)} statements for {small} items, {len(many)} for {large}:\n"
            + "\n".join(" ".join(s.split())[:160] for s in many)
        )


def _measure(engine, grow: Grow, large: int = LARGE, warm_at: int = SMALL) -> Measured:
    """``grow(n)`` makes the world hold n items and gives the request to count.

    The request is sent once first at ``warm_at`` items, and not again before a count: a
    cache warmed at the larger size would hide a per-item query that the first request
    after a change runs.
    """
    measured = Measured({}, {})
    _ok(grow(warm_at)())
    for n in (SMALL, large):
        send = grow(n)
        with statements_run(engine) as ran:
            measured.bodies[n] = _ok(send())
        measured.statements[n] = ran
    return measured


# --- listings ---------------------------------------------------------------------------


def _listing(client, path: str, adds: Callable[[int], None]) -> Grow:
    """A ``grow`` for a listing: ``adds(i)`` adds the i-th item; the page holds them all."""
    made = [0]

    def grow(n: int) -> Callable[[], httpx.Response]:
        while made[0] < n:
            adds(made[0])
            made[0] += 1
        return lambda: client.get(path, params={"limit": 100}, headers=ADMIN)

    return grow


def _businesses(market, engine):
    return _listing(market.client, "/v1/businesses", lambda i: market.business())


def _tasks(market, engine):
    business = market.business()["id"]
    path = f"/v1/businesses/{business}/tasks"
    return _listing(market.client, path, lambda i: market.task(business))


def _vendors(market, engine):
    def add(i: int) -> None:
        market.service(market.vendor()["id"])

    return _listing(market.client, "/v1/vendors?task_type=bookkeeping", add)


def _services(market, engine):
    vendor = market.vendor()["id"]
    path = f"/v1/vendors/{vendor}/services"
    # One service per task type and vendor: as many as there are types.
    return _listing(market.client, path, lambda i: market.service(vendor, task_type=TASK_TYPES[i]))


def _events(market, engine):
    business = market.business()["id"]
    return _listing(market.client, "/v1/events", lambda i: market.task(business))


def _propose(client, task_id: str, service_id: str) -> str:
    path = f"/v1/tasks/{task_id}/engagements"
    return str(_ok(client.post(path, json={"service_id": service_id}, headers=ADMIN))["id"])


def _task_engagements(market, engine):
    client = market.client
    task = market.task(market.business()["id"])["id"]

    def add(i: int) -> None:
        # One live engagement per task: each is declined before the next service is asked.
        service = market.service(market.vendor()["id"])["id"]
        engagement = _propose(client, task, service)
        _ok(client.post(f"/v1/engagements/{engagement}/decline", headers=ADMIN))

    return _listing(client, f"/v1/tasks/{task}/engagements", add)


def _vendor_engagements(market, engine):
    vendor = market.vendor()["id"]
    service = market.service(vendor, capacity=100_000)["id"]
    business = market.business()["id"]

    def add(i: int) -> None:
        _propose(market.client, market.task(business)["id"], service)

    return _listing(market.client, f"/v1/vendors/{vendor}/engagements", add)


def _api_keys(market, engine):
    return _listing(market.client, "/v1/api-keys", lambda i: market.key("partner"))


def _webhook_endpoints(market, engine):
    def add(i: int) -> None:
        body = {"url": f"https://hooks.example.com/{i}"}
        _ok(market.client.post("/v1/webhook-endpoints", json=body, headers=ADMIN))

    return _listing(market.client, "/v1/webhook-endpoints", add)


def _webhook_deliveries(market, engine):
    client = market.client
    body = {"url": "https://hooks.example.com/offload"}
    endpoint = _ok(client.post("/v1/webhook-endpoints", json=body, headers=ADMIN))["id"]
    path = f"/v1/webhook-endpoints/{endpoint}"
    attempts = metadata.tables["webhook_attempts"]

    def add(i: int) -> None:
        delivery = _ok(client.post(f"{path}/test", headers=ADMIN))["id"]
        # Two attempts each, written as the worker would, so each delivery lists some.
        with engine.begin() as conn:
            for number in (1, 2):
                conn.execute(
                    attempts.insert().values(
                        id=new_id("wha"),
                        delivery_id=delivery,
                        number=number,
                        started_at=datetime.now(UTC),
                        duration_ms=5,
                        status_code=500,
                        succeeded=False,
                    )
                )

    return _listing(client, f"{path}/deliveries", add)


LISTINGS = {
    "businesses": _businesses,
    "tasks": _tasks,
    "vendors": _vendors,
    "services": _services,
    "events": _events,
    "task engagements": _task_engagements,
    "vendor engagements": _vendor_engagements,
    "api keys": _api_keys,
    "webhook endpoints": _webhook_endpoints,
    "webhook deliveries": _webhook_deliveries,
}


@pytest.fixture
def many_endpoints(swap_state, settings):
    """Room for more webhook endpoints than one owner may hold by default."""
    swap_state(settings=settings.model_copy(update={"webhook_max_endpoints": LARGE}))


@pytest.mark.parametrize("listing", list(LISTINGS))
def test_listing_runs_the_same_statements_for_2_or_12_items(
    market, engine, many_endpoints, listing
):
    large = len(TASK_TYPES) if listing == "services" else LARGE
    measured = _measure(engine, LISTINGS[listing](market, engine), large)
    bodies = measured.bodies
    assert len(bodies[large]["data"]) - len(bodies[SMALL]["data"]) == large - SMALL
    measured.assert_constant()


# --- matches and the market: N offers ---------------------------------------------------

INLINE = {k: v for k, v in task_body().items() if k != "title"}


def _offers(market, engine) -> Callable[[int], None]:
    made = [0]

    def grow(n: int) -> None:
        while made[0] < n:
            market.service(market.vendor(name=f"Vendor {made[0]}")["id"])
            made[0] += 1

    return grow


def _task_matches(market, engine) -> Grow:
    task = market.task(market.business()["id"])["id"]
    add = _offers(market, engine)

    def grow(n: int) -> Callable[[], httpx.Response]:
        add(n)
        return lambda: market.client.get(f"/v1/tasks/{task}/matches?limit=100", headers=ADMIN)

    return grow


def _inline_matches(market, engine) -> Grow:
    add = _offers(market, engine)

    def grow(n: int) -> Callable[[], httpx.Response]:
        add(n)
        body = {"task": INLINE}
        return lambda: market.client.post("/v1/matches?limit=100", json=body, headers=ADMIN)

    return grow


def _market(market, engine) -> Grow:
    add = _offers(market, engine)

    def grow(n: int) -> Callable[[], httpx.Response]:
        add(n)
        params = {"volume": 400, "currency": "USD"}
        return lambda: market.client.get("/v1/market/bookkeeping", params=params, headers=ADMIN)

    return grow


OFFERED = {"task matches": _task_matches, "inline matches": _inline_matches, "market": _market}


@pytest.mark.parametrize("view", list(OFFERED))
def test_matching_runs_the_same_statements_for_2_or_12_offers(market, engine, view):
    """Warmed up at one offer, so both counts include the offer index catching up on the
    vendors changed since (1 or 10): one query for them, however many."""
    measured = _measure(engine, OFFERED[view](market, engine), warm_at=1)
    bodies = measured.bodies
    if view == "market":
        assert (bodies[SMALL]["vendors"], bodies[LARGE]["vendors"]) == (SMALL, LARGE)
    else:
        assert (bodies[SMALL]["eligible"], bodies[LARGE]["eligible"]) == (SMALL, LARGE)
    measured.assert_constant()


# --- advice: N tasks --------------------------------------------------------------------

HOURLY = {"amount": 6000, "currency": "USD"}
ADVISED = {"hours_spent_per_month": 12, "languages": ["en"]}


def _some_offers(market) -> None:
    for amount in (60, 90, 120):
        vendor = market.vendor(name=f"Books {amount}")["id"]
        market.service(vendor, pricing={"model": "per_unit", "currency": "USD", "amount": amount})


def _stored_advice(market, engine) -> Grow:
    _some_offers(market)
    business = market.business(hourly_value=HOURLY)["id"]
    made = [0]

    def grow(n: int) -> Callable[[], httpx.Response]:
        while made[0] < n:
            market.task(business, title=f"Books {made[0]}", **ADVISED)
            made[0] += 1
        return lambda: market.client.get(f"/v1/businesses/{business}/advice", headers=ADMIN)

    return grow


def _inline_advice(market, engine) -> Grow:
    _some_offers(market)

    def grow(n: int) -> Callable[[], httpx.Response]:
        tasks = [{**INLINE, **ADVISED, "title": f"Books {i}"} for i in range(n)]
        body = {"hourly_value": HOURLY, "tasks": tasks}
        return lambda: market.client.post("/v1/advice", json=body, headers=ADMIN)

    return grow


ADVICE = {"stored": _stored_advice, "inline": _inline_advice}


@pytest.mark.parametrize("advice", list(ADVICE))
def test_advice_runs_the_same_statements_for_2_or_12_tasks(market, engine, advice):
    measured = _measure(engine, ADVICE[advice](market, engine))
    bodies = measured.bodies
    assert (len(bodies[SMALL]["data"]), len(bodies[LARGE]["data"])) == (SMALL, LARGE)
    assert all(item["best_match"] for item in bodies[LARGE]["data"])
    measured.assert_constant()


# --- allocations: N tasks ---------------------------------------------------------------


def _allocated(market, engine) -> Callable[[int], list[str]]:
    """N new open tasks of a partner, each of a business of its own (a partner allocates
    across its businesses), and two services with room for them all."""
    partner = market.partner()
    for name in ("First", "Second"):
        market.service(market.vendor(name=name)["id"], capacity=100_000)

    def tasks(n: int) -> list[str]:
        return [
            market.task(market.business(partner, name=f"Business {i}")["id"], partner)["id"]
            for i in range(n)
        ]

    return tasks


def test_a_dry_run_allocation_runs_the_same_statements_for_2_or_12_tasks(market, engine):
    tasks = _allocated(market, engine)

    def grow(n: int) -> Callable[[], httpx.Response]:
        body = {"task_ids": tasks(n)}
        return lambda: market.client.post("/v1/allocations", json=body, headers=ADMIN)

    measured = _measure(engine, grow)
    assert [len(b["assignments"]) for b in measured.bodies.values()] == [SMALL, LARGE]
    measured.assert_constant()


def _committed(market, engine, *, via: str) -> Callable[[int], list[str]]:
    """The statements committing an allocation of n new tasks runs: with ``via`` "commit",
    the dry run's commit; with "create", ``commit: true`` on the request that solves it."""
    tasks = _allocated(market, engine)
    client = market.client

    def commit(n: int) -> list[str]:
        body: dict[str, Any] = {"task_ids": tasks(n)}
        if via == "commit":
            dry = _ok(client.post("/v1/allocations", json=body, headers=ADMIN))
            path = f"/v1/allocations/{dry['id']}/commit"
            body = {}
        else:
            path, body = "/v1/allocations", {**body, "commit": True}
        with statements_run(engine) as ran:
            committed = _ok(client.post(path, json=body or None, headers=ADMIN))
        assert committed["status"] == "committed"
        assert len(committed["assignments"]) == n
        return ran

    return commit


def test_committing_an_allocation_costs_the_same_statements_for_each_assignment(market, engine):
    """Each assignment is proposed as a single proposal is, with its own conditional
    writes in a savepoint (api/allocations/service.py), so the count grows with the
    assignments; what must not grow is the cost of one: 10 more assignments cost 10 times
    what one more does. Committing a dry run costs as much per assignment as ``commit:
    true`` on the request that solved it, which has the tasks and their businesses in
    hand already: the commit reads them once for all the assignments."""
    each = {}
    for via in ("create", "commit"):
        commit = _committed(market, engine, via=via)
        commit(SMALL)  # warm-up
        counts = {n: len(commit(n)) for n in (SMALL, SMALL + 1, LARGE)}
        each[via] = counts[SMALL + 1] - counts[SMALL]
        assert counts[LARGE] - counts[SMALL] == (LARGE - SMALL) * each[via], (via, counts)
    assert each["commit"] == each["create"]


# --- a batch of vendors: N items --------------------------------------------------------


def _batch(n: int, *, name: str = "Vendor", refs: bool = False) -> dict[str, Any]:
    return {
        "items": [
            {
                "vendor": vendor_body(
                    name=f"{name} {i}", **({"external_ref": f"ref-{i}"} if refs else {})
                ),
                "services": [service_body(), service_body(task_type="payroll")],
            }
            for i in range(n)
        ]
    }


def _batches(market, engine, *, kind: str) -> Grow:
    client = market.client
    sent = [0]

    def post(body: dict[str, Any]) -> httpx.Response:
        return client.post("/v1/vendors/batch", json=body, headers=ADMIN)

    def grow(n: int) -> Callable[[], httpx.Response]:
        if kind == "new vendors":
            return lambda: post(_batch(n))
        if kind == "a dry run":
            return lambda: post({**_batch(n), "dry_run": True})
        _ok(post(_batch(n, refs=True)))  # the vendors the batch is sent again for
        if kind == "sent again":
            return lambda: post(_batch(n, refs=True))

        def changed() -> httpx.Response:  # every vendor renamed at each send
            sent[0] += 1
            return post(_batch(n, name=f"Renamed {sent[0]}", refs=True))

        return changed

    return grow


BATCHES = {
    "new vendors": ("vendors", "services"),
    "a dry run": ("vendors", "services"),
    "sent again": ("unchanged",),
    "sent again changed": ("updated",),
}


@pytest.mark.parametrize("kind", list(BATCHES))
def test_a_batch_of_vendors_runs_the_same_statements_for_2_or_12_vendors(market, engine, kind):
    """New vendors and their services go in one executemany per table, however many; a
    batch sent again reads the existing vendors' services in one query and writes what
    changed in one flush."""
    measured = _measure(engine, _batches(market, engine, kind=kind))
    for n, body in measured.bodies.items():
        assert [body[count] for count in BATCHES[kind]] == [
            n * (2 if count == "services" else 1) for count in BATCHES[kind]
        ]
    measured.assert_constant()
