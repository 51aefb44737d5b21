"""The in-memory offer index is exactly fresh, patches instead of rebuilding, and ranks
exactly as a scorer over freshly loaded rows does."""

import random
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import text
from sqlmodel import Session

from api.matches import adapters, service
from api.matches.index import OfferIndex
from matching import OfferSet, TaskSpec, rank
from tests.helpers import ADMIN

SPEC = TaskSpec(
    task_type="bookkeeping", volume=100, currency="USD", budget_min=0, budget_max=10_000_000
)


def _ranking(index, engine):
    with (
        Session(engine) as session,
        index.offers(session=session, task_type="bookkeeping") as offers,
    ):
        ranked = rank(SPEC, offers, limit=50)
    return [(m.service_id, m.score, m.quote.amount) for m in ranked.matches]


def _exact(engine):
    with Session(engine) as session:
        offers = OfferSet(adapters.load_offers(session=session, task_type="bookkeeping"))
    return [(m.service_id, m.score, m.quote.amount) for m in rank(SPEC, offers, limit=50).matches]


@pytest.fixture
def vendors(market):
    made = []
    for i in range(6):
        vendor = market.vendor(name=f"v{i}")
        service = market.service(
            vendor["id"],
            capacity=200 + 100 * i,
            pricing={"model": "per_unit", "currency": "USD", "amount": 100 + 7 * i},
        )
        made.append((vendor["id"], service["id"]))
    return made


def test_a_capacity_change_is_patched_in_not_rebuilt(client, engine, vendors):
    index = OfferIndex()
    _ranking(index, engine)
    assert index.full_builds == 1
    vendor_id, service_id = vendors[0]
    client.patch(
        f"/v1/vendors/{vendor_id}/services/{service_id}", json={"capacity": 50}, headers=ADMIN
    )
    ranked = _ranking(index, engine)
    assert service_id not in [sid for sid, *_ in ranked]  # 50 < volume 100
    assert index.full_builds == 1
    assert index.patches == 1
    assert ranked == _exact(engine)


def test_a_new_service_is_appended(client, market, engine, vendors):
    index = OfferIndex()
    _ranking(index, engine)
    vendor = market.vendor(name="newcomer")
    added = market.service(
        vendor["id"], pricing={"model": "per_unit", "currency": "USD", "amount": 1}
    )
    ranked = _ranking(index, engine)
    assert ranked[0][0] == added["id"]
    assert index.full_builds == 1
    assert ranked == _exact(engine)


def test_a_removed_service_rebuilds_its_type(client, engine, vendors):
    index = OfferIndex()
    _ranking(index, engine)
    vendor_id, service_id = vendors[1]
    client.delete(f"/v1/vendors/{vendor_id}/services/{service_id}", headers=ADMIN)
    ranked = _ranking(index, engine)
    assert service_id not in [sid for sid, *_ in ranked]
    assert index.full_builds == 2
    assert ranked == _exact(engine)


def test_writes_made_outside_the_api_are_seen_too(engine, vendors):
    index = OfferIndex()
    _ranking(index, engine)
    with engine.begin() as conn:  # the triggers record any write, whoever makes it
        conn.execute(
            text("UPDATE vendors SET rating_sum = 50, rating_count = 10 WHERE id = :id"),
            {"id": vendors[5][0]},
        )
    assert _ranking(index, engine) == _exact(engine)
    assert index.patches == 1


def test_a_gap_in_the_change_log_forces_a_rebuild(engine, vendors):
    index = OfferIndex()
    _ranking(index, engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE services SET capacity = capacity + 1"))
        conn.execute(text("DELETE FROM offer_changes"))  # e.g. pruned while this worker slept
    assert _ranking(index, engine) == _exact(engine)
    assert index.full_builds == 2


def test_random_writes_never_make_the_index_disagree_with_a_fresh_load(client, engine, vendors):
    index = OfferIndex()
    rng = random.Random(7)
    for _ in range(25):
        vendor_id, service_id = rng.choice(vendors)
        change = rng.choice(
            [
                {"capacity": rng.randint(0, 900)},
                {"skills": rng.sample(["xero", "quickbooks", "sage", "wave"], 2)},
                {
                    "pricing": {
                        "model": "hourly",
                        "currency": "USD",
                        "amount": rng.randint(1000, 5000),
                        "units_per_hour": rng.choice([10, 20, 40]),
                    }
                },
                {"experience_years": rng.randint(0, 20)},
            ]
        )
        client.patch(f"/v1/vendors/{vendor_id}/services/{service_id}", json=change, headers=ADMIN)
        if rng.random() < 0.3:
            client.patch(
                f"/v1/vendors/{vendor_id}", json={"languages": ["en", "fr"]}, headers=ADMIN
            )
        assert _ranking(index, engine) == _exact(engine)


def test_a_write_through_one_worker_is_seen_by_the_next_match_through_another(
    start_server, market, engine, vendors
):
    first, second = start_server(), start_server()
    business = market.business()
    task = market.task(
        business["id"], volume=100, budget={"currency": "USD", "min": 0, "max": 10_000_000}
    )
    path = f"/v1/tasks/{task['id']}/matches"
    httpx.get(second.url + path, headers=ADMIN)  # warm the second worker's index
    for round_number, (vendor_id, service_id) in enumerate(vendors):
        cut = httpx.patch(
            f"{first.url}/v1/vendors/{vendor_id}/services/{service_id}",
            json={"capacity": 10},
            headers=ADMIN,
        )
        assert cut.status_code == 200
        seen = httpx.get(second.url + path, headers=ADMIN).json()
        assert service_id not in [m["service_id"] for m in seen["data"]], round_number
        assert seen["excluded"]["capacity"] == round_number + 1


def test_a_full_build_moves_the_index_out_of_the_collectors_walk(engine, vendors):
    # A full garbage collection walks every container alive while holding the GIL; the
    # index lives as long as the process, so it is frozen once built (api/heap.py).
    import gc

    index = OfferIndex()
    _ranking(index, engine)
    held = index._entries["bookkeeping"].offers.offers  # a list of the offers
    assert gc.is_tracked(held)
    assert not any(obj is held for obj in gc.get_objects())  # frozen: never walked


def test_two_threads_hold_one_types_offers_at_once(engine, vendors):
    """The lock covers the refresh and the taking of the offers, not their use: a second
    caller gets the offers while the first still holds them."""
    index = OfferIndex()
    both_inside = threading.Barrier(2, timeout=20)

    def hold() -> int:
        with (
            Session(engine) as session,
            index.offers(session=session, task_type="bookkeeping") as offers,
        ):
            both_inside.wait()  # broken (and raising) if the other could not get in
            return offers.n

    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(lambda _: hold(), range(2))) == [6, 6]


def test_two_match_requests_in_one_worker_rank_at_the_same_time(
    client, market, vendors, monkeypatch
):
    """Each request's ranking waits for the other's to have started: they can only both
    finish if the two rankings overlap in time."""
    business = market.business()
    tasks = [market.task(business["id"], volume=100 + i)["id"] for i in range(2)]
    both_ranking = threading.Barrier(2, timeout=20)

    def meeting_rank(*args, **kwargs):
        both_ranking.wait()
        return rank(*args, **kwargs)

    monkeypatch.setattr(service, "rank", meeting_rank)
    with ThreadPoolExecutor(2) as pool:
        answers = list(
            pool.map(
                lambda task_id: client.get(f"/v1/tasks/{task_id}/matches", headers=ADMIN),
                tasks,
            )
        )
    assert [answer.status_code for answer in answers] == [200, 200]
    assert all(answer.json()["candidates"] == 6 for answer in answers)


def test_offers_taken_before_a_patch_stay_as_they_were(client, engine, vendors):
    index = OfferIndex()
    vendor_id, service_id = vendors[0]
    with Session(engine) as session:
        before = index.snapshot(session=session, task_type="bookkeeping")
    capacities = before.offers.capacity.copy()
    client.patch(
        f"/v1/vendors/{vendor_id}/services/{service_id}", json={"capacity": 50}, headers=ADMIN
    )
    with Session(engine) as session:
        after = index.snapshot(session=session, task_type="bookkeeping")
    assert index.patches == 1
    assert after.version > before.version
    assert 50 in after.offers.capacity
    assert (before.offers.capacity == capacities).all()
