"""No race can overbook: concurrent clients against a real uvicorn server.

Each test fires requests at once from many connections and then checks the invariants
against the database itself: capacity reserved equals the volume of live engagements and
never exceeds capacity, every refusal is a clear 409 problem, nothing is a 5xx.
"""

import asyncio
import time

import httpx
import pytest
from sqlalchemy import text
from sqlmodel import Session

from api.businesses.models import Business
from api.ids import new_id
from api.services.models import Service
from api.tasks.models import Task
from api.vendors.models import Vendor
from tests.helpers import ADMIN

ROUNDS = 5
PROPOSERS = 200
ROOM_FOR = 50
VOLUME = 10


def _insert_world(engine, businesses: int, capacity: int, tasks_each: int = 1):
    """Businesses with ``tasks_each`` open tasks each and one vendor service, straight into
    the database (the API path for creating them is tested elsewhere)."""
    with Session(engine) as session:
        vendor = Vendor(
            id=new_id("ven"),
            name="Busy Books",
            country="PH",
            timezone="Asia/Manila",
            languages=["en"],
        )
        service = Service(
            id=new_id("svc"),
            vendor_id=vendor.id,
            task_type="bookkeeping",
            capacity=capacity,
            pricing_model="per_unit",
            pricing_currency="USD",
            pricing_amount=100,
        )
        session.add(vendor)
        session.flush()  # no ORM relationships, so parents are flushed before children
        session.add(service)
        tasks = []
        for i in range(businesses):
            business = Business(
                id=new_id("biz"),
                name=f"Shop {i}",
                country="US",
                timezone="America/New_York",
                languages=["en"],
                currency="USD",
            )
            session.add(business)
            session.flush()
            for _ in range(tasks_each):
                task = Task(
                    id=new_id("tsk"),
                    business_id=business.id,
                    task_type="bookkeeping",
                    title="Books",
                    volume=VOLUME,
                    budget_currency="USD",
                    budget_min=0,
                    budget_max=10_000_000,
                )
                session.add(task)
                tasks.append(task.id)
        session.commit()
        return vendor.id, service.id, tasks


def _reset(engine, service_id):
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM engagements"))
        conn.execute(text("UPDATE tasks SET status = 'open'"))
        conn.execute(text("UPDATE services SET reserved = 0 WHERE id = :id"), {"id": service_id})


def _ledger(engine, service_id):
    """(capacity, reserved, volume held by live engagements) as the database has them."""
    with engine.connect() as conn:
        capacity, reserved = conn.execute(
            text("SELECT capacity, reserved FROM services WHERE id = :id"), {"id": service_id}
        ).one()
        live = conn.execute(
            text(
                "SELECT COALESCE(SUM(volume), 0) FROM engagements "
                "WHERE service_id = :id AND status IN ('proposed', 'active')"
            ),
            {"id": service_id},
        ).scalar_one()
    return capacity, reserved, live


async def _burst(base_url, requests):
    """Send every (method, path, json) at once, each on its own connection."""
    limits = httpx.Limits(max_connections=len(requests), max_keepalive_connections=0)
    async with httpx.AsyncClient(
        base_url=base_url, headers=ADMIN, timeout=60, limits=limits
    ) as client:
        return await asyncio.gather(
            *(client.request(method, path, json=body) for method, path, body in requests)
        )


@pytest.fixture(scope="module")
def server(start_server):
    return start_server()


def test_200_racing_proposals_for_room_for_50_book_exactly_50(server, engine):
    _, service_id, tasks = _insert_world(engine, PROPOSERS, capacity=ROOM_FOR * VOLUME)
    for round_number in range(ROUNDS):
        _reset(engine, service_id)
        responses = asyncio.run(
            _burst(
                server.url,
                [("POST", f"/v1/tasks/{t}/engagements", {"service_id": service_id}) for t in tasks],
            )
        )
        statuses = sorted(r.status_code for r in responses)
        assert statuses.count(201) == ROOM_FOR, (round_number, statuses)
        assert statuses.count(409) == PROPOSERS - ROOM_FOR, (round_number, statuses)
        refusal = next(r for r in responses if r.status_code == 409)
        assert refusal.headers["content-type"] == "application/problem+json"
        assert [b["reason"] for b in refusal.json()["blockers"]] == ["capacity"]
        assert "transactions a month" in refusal.json()["detail"]
        capacity, reserved, live = _ledger(engine, service_id)
        assert reserved == live == ROOM_FOR * VOLUME == capacity


def test_accept_racing_cancel_ends_cancelled_with_capacity_released(server, engine):
    _, service_id, tasks = _insert_world(engine, 1, capacity=1000)
    for _ in range(ROUNDS * 4):
        _reset(engine, service_id)
        proposed = httpx.post(
            f"{server.url}/v1/tasks/{tasks[0]}/engagements",
            json={"service_id": service_id},
            headers=ADMIN,
        )
        assert proposed.status_code == 201, proposed.text
        eid = proposed.json()["id"]
        accept, cancel = asyncio.run(
            _burst(
                server.url,
                [
                    ("POST", f"/v1/engagements/{eid}/accept", None),
                    ("POST", f"/v1/engagements/{eid}/cancel", None),
                ],
            )
        )
        # Cancel is allowed from proposed and from active, so it always wins in the end;
        # accept succeeds only if it got there first.
        assert cancel.status_code == 200, cancel.text
        assert accept.status_code in (200, 409), accept.text
        final = httpx.get(f"{server.url}/v1/engagements/{eid}", headers=ADMIN).json()
        assert final["status"] == "cancelled"
        assert _ledger(engine, service_id)[1:] == (0, 0)


def test_capacity_cut_racing_proposals_never_overbooks(server, engine):
    _, service_id, tasks = _insert_world(engine, 60, capacity=600)
    vendor_id = _vendor_of(engine, service_id)
    for _ in range(ROUNDS):
        _reset(engine, service_id)
        with engine.begin() as conn:
            conn.execute(
                text("UPDATE services SET capacity = 600 WHERE id = :id"), {"id": service_id}
            )
        cut = ("PATCH", f"/v1/vendors/{vendor_id}/services/{service_id}", {"capacity": 250})
        proposals = [
            ("POST", f"/v1/tasks/{t}/engagements", {"service_id": service_id}) for t in tasks
        ]
        responses = asyncio.run(_burst(server.url, [*proposals[:30], cut, *proposals[30:]]))
        assert all(r.status_code < 500 for r in responses), [
            r.text for r in responses if r.status_code >= 500
        ]
        patch = responses[30]
        booked = sum(r.status_code == 201 for r in responses) - (patch.status_code == 201)
        capacity, reserved, live = _ledger(engine, service_id)
        assert reserved == live == booked * VOLUME
        assert reserved <= capacity
        assert capacity == (250 if patch.status_code == 200 else 600)
        if patch.status_code == 409:
            assert patch.json()["status"] == 409


def _vendor_of(engine, service_id):
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT vendor_id FROM services WHERE id = :id"), {"id": service_id}
        ).scalar_one()


@pytest.fixture(scope="module")
def short_lived_server(start_server):
    return start_server(engagement_ttl_seconds="1")


def test_accept_racing_expiry_leaves_a_consistent_ledger(short_lived_server, engine):
    server = short_lived_server
    _, service_id, tasks = _insert_world(engine, 1, capacity=1000)
    outcomes = set()
    for attempt in range(8):
        _reset(engine, service_id)
        proposed = httpx.post(
            f"{server.url}/v1/tasks/{tasks[0]}/engagements",
            json={"service_id": service_id},
            headers=ADMIN,
        )
        assert proposed.status_code == 201, proposed.text
        eid = proposed.json()["id"]
        time.sleep(0.85 + attempt * 0.04)  # straddle the one-second expiry
        accept, _ = asyncio.run(
            _burst(
                server.url,
                [
                    ("POST", f"/v1/engagements/{eid}/accept", None),
                    (
                        "GET",
                        f"/v1/vendors/{_vendor_of(engine, service_id)}/services/{service_id}",
                        None,
                    ),
                ],
            )
        )
        final = httpx.get(f"{server.url}/v1/engagements/{eid}", headers=ADMIN).json()["status"]
        _, reserved, live = _ledger(engine, service_id)
        if accept.status_code == 200:
            assert (final, reserved, live) == ("active", VOLUME, VOLUME)
        else:
            assert accept.status_code == 409
            assert (final, reserved, live) == ("expired", 0, 0)
        outcomes.add(final)
    assert outcomes  # both outcomes are legal; the ledger must agree with whichever happened


CAP = 5
SQUATTER_PROPOSALS = 40


@pytest.fixture(scope="module")
def capped_server(start_server):
    return start_server(max_open_proposals=str(CAP))


def test_one_business_racing_proposals_never_holds_more_than_its_cap(capped_server, engine):
    _, service_id, tasks = _insert_world(
        engine, 1, capacity=SQUATTER_PROPOSALS * VOLUME, tasks_each=SQUATTER_PROPOSALS
    )
    for round_number in range(ROUNDS):
        _reset(engine, service_id)
        responses = asyncio.run(
            _burst(
                capped_server.url,
                [("POST", f"/v1/tasks/{t}/engagements", {"service_id": service_id}) for t in tasks],
            )
        )
        statuses = sorted(r.status_code for r in responses)
        assert statuses.count(201) == CAP, (round_number, statuses)
        assert statuses.count(409) == SQUATTER_PROPOSALS - CAP, (round_number, statuses)
        refusal = next(r for r in responses if r.status_code == 409)
        assert f"the most it may hold ({CAP})" in refusal.json()["detail"]
        with engine.connect() as conn:
            held = conn.execute(
                text("SELECT COUNT(*) FROM engagements WHERE status = 'proposed'")
            ).scalar_one()
        assert held == CAP
        _, reserved, live = _ledger(engine, service_id)
        assert reserved == live == CAP * VOLUME


RATERS = 10


def test_one_business_completing_at_once_counts_once_with_its_latest_rating(server, engine):
    vendor_id, service_id, tasks = _insert_world(engine, 1, capacity=1000, tasks_each=RATERS)
    for round_number in range(ROUNDS):
        _reset(engine, service_id)
        with engine.begin() as conn:
            conn.execute(
                text("UPDATE vendors SET rating_sum = 0, rating_count = 0 WHERE id = :id"),
                {"id": vendor_id},
            )
            conn.execute(
                text("UPDATE services SET completed_count = 0 WHERE id = :id"), {"id": service_id}
            )
        active = []
        for task_id in tasks:
            proposed = httpx.post(
                f"{server.url}/v1/tasks/{task_id}/engagements",
                json={"service_id": service_id},
                headers=ADMIN,
            )
            assert proposed.status_code == 201, proposed.text
            eid = proposed.json()["id"]
            accepted = httpx.post(f"{server.url}/v1/engagements/{eid}/accept", headers=ADMIN)
            assert accepted.status_code == 200, accepted.text
            active.append(eid)
        responses = asyncio.run(
            _burst(
                server.url,
                [
                    ("POST", f"/v1/engagements/{eid}/complete", {"rating": 1 + i % 5})
                    for i, eid in enumerate(active)
                ],
            )
        )
        assert [r.status_code for r in responses] == [200] * RATERS, round_number
        with engine.connect() as conn:
            latest = conn.execute(
                text(
                    "SELECT rating FROM engagements WHERE status = 'completed' "
                    "ORDER BY ended_at DESC, id DESC LIMIT 1"
                )
            ).scalar_one()
            stored = conn.execute(
                text(
                    "SELECT v.rating_sum, v.rating_count, s.completed_count FROM vendors v "
                    "JOIN services s ON s.vendor_id = v.id WHERE s.id = :id"
                ),
                {"id": service_id},
            ).one()
        # One business: its latest rating alone counts, however the completions interleaved;
        # every completion still counts toward the track record.
        assert tuple(stored) == (latest, 1, RATERS), round_number


def test_allocation_commits_racing_single_proposals_never_overbook_and_stay_all_or_nothing(
    server, engine
):
    _, service_id, tasks = _insert_world(engine, 30, capacity=10 * VOLUME)  # room for ten
    batches, singles = [tasks[:10], tasks[10:20]], tasks[20:]
    for round_number in range(ROUNDS):
        _reset(engine, service_id)
        dry_runs = []
        for batch in batches:
            dry = httpx.post(
                f"{server.url}/v1/allocations", json={"task_ids": batch}, headers=ADMIN
            )
            assert dry.status_code == 201, dry.text
            assert len(dry.json()["assignments"]) == 10  # each alone fits exactly
            dry_runs.append(dry.json()["id"])
        commits = [("POST", f"/v1/allocations/{d}/commit", None) for d in dry_runs]
        proposals = [
            ("POST", f"/v1/tasks/{t}/engagements", {"service_id": service_id}) for t in singles
        ]
        responses = asyncio.run(_burst(server.url, [commits[0], *proposals, commits[1]]))

        assert all(r.status_code in (200, 201, 409) for r in responses), [r.text for r in responses]
        committed = [r for r in (responses[0], responses[-1]) if r.status_code == 200]
        refused = [r for r in (responses[0], responses[-1]) if r.status_code == 409]
        assert all(r.json()["assignments"] for r in refused), round_number
        proposed = sum(r.status_code == 201 for r in responses[1:-1])
        capacity, reserved, live = _ledger(engine, service_id)
        assert reserved == live == (10 * len(committed) + proposed) * VOLUME <= capacity
        with engine.connect() as conn:
            engaged = set(conn.execute(text("SELECT task_id FROM engagements")).scalars())
        per_batch = [len(engaged & set(batch)) for batch in batches]
        assert sorted(per_batch) == sorted([10] * len(committed) + [0] * len(refused))
