"""A marketplace must resist its own members, acting within their own rights.

Squatting: a business books a vendor's capacity with proposals it never means to keep, so
the vendor vanishes from everyone else's matches. Answered by proposals passing every hard
constraint matching applies, a cool-down on a pair the vendor declined or let expire, and a
cap on a business's unanswered proposals (its race test is in
tests/api/test_engagement_races.py). Self-dealing: a partner owning a business and a vendor
rates its own vendor, and that rating ranks the vendor for every business. Answered by
counting only ratings at arm's length, one per business (its latest).

The world: a 400-transaction bookkeeping task for 300.00-500.00 USD, and a service at 1.00
USD a transaction (quote 400.00 USD) with room for 1000; business and vendor are owned by
different partners. The clock is frozen and moves only when a test moves it.
"""

from datetime import timedelta
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text
from sqlmodel import Session

from api import migrate
from api.businesses.models import Business
from api.engagements.models import Engagement
from api.ids import new_id
from api.keys.models import Partner
from api.services.models import Service
from api.vendors.models import Vendor
from tests.helpers import ADMIN, snapshot, timestamp

COVERAGE = {
    "timezone": "America/New_York",
    "start": "09:00",
    "end": "17:00",
    "days": ["mon", "tue", "wed", "thu", "fri"],
}


@pytest.fixture(autouse=True)
def _frozen(clock):
    return clock


@pytest.fixture
def w(market):
    business_partner, vendor_partner = market.partner(), market.partner()
    business = market.business(business_partner)
    vendor = market.vendor(vendor_partner)
    return {
        "business": business,
        "task": market.task(business["id"]),
        "vendor": vendor,
        "service": market.service(vendor["id"]),
    }


def _propose(client, task_id, service_id, headers=ADMIN):
    return client.post(
        f"/v1/tasks/{task_id}/engagements", json={"service_id": service_id}, headers=headers
    )


def _act(client, engagement_id, action, body=None, headers=ADMIN):
    return client.post(f"/v1/engagements/{engagement_id}/{action}", json=body, headers=headers)


def _ok(response, status=200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    return response.json()


def _conflict(response) -> dict[str, Any]:
    assert response.status_code == 409, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == 409
    return body


def _monthly(amount: int, currency: str = "USD") -> dict[str, Any]:
    return {"model": "monthly", "currency": currency, "amount": amount}


def _reserved(client, service):
    path = f"/v1/vendors/{service['vendor_id']}/services/{service['id']}"
    return _ok(client.get(path, headers=ADMIN))["reserved"]


# Squatting: what would not match cannot be proposed


def test_a_quote_over_the_budget_and_its_tolerance_cannot_be_proposed(client, market, w, engine):
    # 500.00 USD with the 10% tolerance: 550.00 still matches, 550.01 does not.
    inside = market.service(market.vendor(name="Inside")["id"], pricing=_monthly(55000))
    outside = market.service(market.vendor(name="Outside")["id"], pricing=_monthly(55001))
    before = snapshot(engine)

    problem = _conflict(_propose(client, w["task"]["id"], outside["id"]))

    sentence = (
        "the quote 550.01 USD is over the 500.00 USD budget maximum even with the 10% "
        "tolerance (at most 550.00 USD)"
    )
    assert problem["blockers"] == [{"reason": "budget", "detail": sentence}]
    assert problem["detail"] == f"The service cannot take this task: {sentence}."
    assert snapshot(engine) == before
    proposed = _ok(_propose(client, w["task"]["id"], inside["id"]), 201)
    assert proposed["quote"] == {"amount": 55000, "currency": "USD"}


def test_a_quote_81000_times_the_budget_reserves_nothing(client, market, w):
    tiny = market.task(w["business"]["id"], budget={"currency": "USD", "min": 0, "max": 100})
    dear = market.service(market.vendor(name="Dear")["id"], pricing=_monthly(81_000_00))

    problem = _conflict(_propose(client, tiny["id"], dear["id"]))

    assert [b["reason"] for b in problem["blockers"]] == ["budget"]
    assert _reserved(client, dear) == 0
    assert _ok(client.get(f"/v1/tasks/{tiny['id']}", headers=ADMIN))["status"] == "open"


def test_every_hard_constraint_the_service_fails_is_named_in_order(client, market, w, engine):
    vendor = market.vendor(name="Far", languages=["es"])
    service = market.service(vendor["id"], min_volume=500, capacity=300, pricing=_monthly(90000))
    task = market.task(
        w["business"]["id"],
        languages=["de", "fr"],
        required_certifications=["CPA", "ACCA"],
        coverage={**COVERAGE, "min_overlap": 0.5},
    )
    before = snapshot(engine)

    problem = _conflict(_propose(client, task["id"], service["id"]))

    assert [(b["reason"], b["detail"]) for b in problem["blockers"]] == [
        (
            "capacity",
            "the service has 300 transactions a month free, less than the 400 this task needs",
        ),
        (
            "min_volume",
            "the service takes at least 500 transactions a month, and this task has 400",
        ),
        (
            "budget",
            "the quote 900.00 USD is over the 500.00 USD budget maximum even with the 10% "
            "tolerance (at most 550.00 USD)",
        ),
        ("language", "the vendor speaks es, none of de, fr"),
        ("certification", "the vendor does not hold CPA, ACCA"),
        (
            "timezone",
            "the vendor works 0.0 of the 40.0 hours a week the task needs covered (0%), "
            "under the 50% minimum",
        ),
    ]
    for blocker in problem["blockers"]:
        assert blocker["detail"] in problem["detail"]
    assert snapshot(engine) == before


def test_a_service_priced_in_a_currency_without_a_rate_is_a_currency_blocker(
    client, market, w, engine
):
    odd = market.service(market.vendor(name="Odd")["id"], pricing=_monthly(1, "XXX"))
    before = snapshot(engine)

    problem = _conflict(_propose(client, w["task"]["id"], odd["id"]))

    assert problem["blockers"] == [
        {
            "reason": "currency",
            "detail": "the service is priced in XXX, which has no exchange rate to USD",
        }
    ]
    assert snapshot(engine) == before


def test_too_little_coverage_overlap_is_a_timezone_blocker(client, market, w):
    # Chicago 08:00-15:00 covers 7 of New York's 09:00-17:00 (88%), every week of the year.
    chicago = market.vendor(
        name="Chicago",
        timezone="America/Chicago",
        working_hours=[{"days": COVERAGE["days"], "start": "08:00", "end": "15:00"}],
    )
    service = market.service(chicago["id"])
    strict, loose = (
        market.task(w["business"]["id"], coverage={**COVERAGE, "min_overlap": share})
        for share in (0.9, 0.85)
    )

    problem = _conflict(_propose(client, strict["id"], service["id"]))

    assert [b["reason"] for b in problem["blockers"]] == ["timezone"]
    assert "35.0 of the 40.0 hours" in problem["blockers"][0]["detail"]
    assert _ok(_propose(client, loose["id"], service["id"]), 201)["status"] == "proposed"


# Squatting: a declined or expired pair cools down


def _ended(client, w, clock, status="declined"):
    """Propose the world's pair and have the vendor decline it, or let it expire."""
    engagement = _ok(_propose(client, w["task"]["id"], w["service"]["id"]), 201)
    if status == "expired":
        clock.now = timestamp(engagement["expires_at"])
        ended = _ok(client.get(f"/v1/engagements/{engagement['id']}", headers=ADMIN))
    else:
        ended = _ok(_act(client, engagement["id"], "decline"))
    assert ended["status"] == status
    return ended


@pytest.mark.parametrize("status", ["declined", "expired"])
def test_a_declined_or_expired_pair_cannot_be_proposed_again_for_30_days(
    client, market, w, clock, engine, status
):
    _ended(client, w, clock, status)
    ended = clock.now
    until = ended + timedelta(days=30)
    stamp = until.strftime("%Y-%m-%dT%H:%M:%SZ")

    clock.now = until - timedelta(seconds=1)
    before = snapshot(engine)
    problem = _conflict(_propose(client, w["task"]["id"], w["service"]["id"]))

    assert problem["available_at"] == stamp
    assert f"it can be proposed again from {stamp}" in problem["detail"]
    assert snapshot(engine) == before
    # Only that pair: the task may go to another service, and the service take another task.
    rival = market.service(market.vendor(name="Rival")["id"])
    other_task = market.task(w["business"]["id"])
    first = _ok(_propose(client, w["task"]["id"], rival["id"]), 201)
    _ok(_propose(client, other_task["id"], w["service"]["id"]), 201)
    _ok(_act(client, first["id"], "cancel"))
    clock.now = until
    assert _ok(_propose(client, w["task"]["id"], w["service"]["id"]), 201)["status"] == "proposed"


def test_the_cool_down_is_the_configured_one(client, w, clock, app, swap_state):
    swap_state(settings=app.state.settings.model_copy(update={"proposal_cooldown_seconds": 3600}))
    _ended(client, w, clock)

    clock.now += timedelta(minutes=59)
    assert _conflict(_propose(client, w["task"]["id"], w["service"]["id"]))["available_at"]
    clock.now += timedelta(minutes=1)
    _ok(_propose(client, w["task"]["id"], w["service"]["id"]), 201)


def test_a_withdrawn_proposal_blocks_the_pair_for_as_long_as_it_held_it(client, w, clock):
    engagement = _ok(_propose(client, w["task"]["id"], w["service"]["id"]), 201)
    clock.now += timedelta(hours=71)
    _ok(_act(client, engagement["id"], "cancel"))
    withdrawn = clock.now

    clock.now = withdrawn + timedelta(hours=71) - timedelta(seconds=1)
    problem = _conflict(_propose(client, w["task"]["id"], w["service"]["id"]))
    assert "withdrawn" in problem["detail"]
    assert timestamp(problem["available_at"]) == withdrawn + timedelta(hours=71)
    clock.now = withdrawn + timedelta(hours=71)
    again = _ok(_propose(client, w["task"]["id"], w["service"]["id"]), 201)

    # Cancelling work the vendor accepted blocks nothing: it was never squatting.
    _ok(_act(client, again["id"], "accept"))
    clock.now += timedelta(days=10)
    _ok(_act(client, again["id"], "cancel"))
    _ok(_propose(client, w["task"]["id"], w["service"]["id"]), 201)


# Squatting: a business holds at most so many unanswered proposals


def test_a_business_holds_at_most_20_unanswered_proposals(client, market, w, engine):
    service = market.service(market.vendor(name="Roomy")["id"], capacity=100_000)
    tasks = [market.task(w["business"]["id"], volume=10) for _ in range(21)]
    proposals = [_ok(_propose(client, t["id"], service["id"]), 201) for t in tasks[:20]]
    before = snapshot(engine)

    problem = _conflict(_propose(client, tasks[20]["id"], service["id"]))

    assert "20 unanswered proposals" in problem["detail"]
    assert snapshot(engine) == before
    # Another business is not held back, and an answer frees a slot.
    stranger = market.task(market.business(name="Stranger")["id"], volume=10)
    _ok(_propose(client, stranger["id"], service["id"]), 201)
    _ok(_act(client, proposals[0]["id"], "accept"))
    _ok(_propose(client, tasks[20]["id"], service["id"]), 201)


def test_the_open_proposal_cap_is_the_configured_one(client, market, w, app, swap_state):
    swap_state(settings=app.state.settings.model_copy(update={"max_open_proposals": 1}))
    second = market.task(w["business"]["id"], volume=10)

    _ok(_propose(client, w["task"]["id"], w["service"]["id"]), 201)

    assert "(1)" in _conflict(_propose(client, second["id"], w["service"]["id"]))["detail"]


# Self-dealing


def _complete(client, task, service, rating):
    engagement = _ok(_propose(client, task["id"], service["id"]), 201)
    _ok(_act(client, engagement["id"], "accept"))
    return _ok(_act(client, engagement["id"], "complete", {"rating": rating}))


def _standing(client, engine, vendor, service):
    """(rating, rating_count) as the vendor's profile shows them, and the service's
    completed_count (its track record, which matching reads) as stored."""
    profile = _ok(client.get(f"/v1/vendors/{vendor['id']}", headers=ADMIN))
    with engine.connect() as conn:
        completed = conn.execute(
            text("SELECT completed_count FROM services WHERE id = :id"), {"id": service["id"]}
        ).scalar_one()
    return profile["rating"], profile["rating_count"], completed


def test_only_ratings_at_arms_length_count(client, market, engine):
    """Rows: who created the business, who created the vendor, whether the rating counts."""
    mine, yours = market.partner(), market.partner()
    cases = [(mine, mine, False), (mine, yours, True), (ADMIN, ADMIN, True), (mine, ADMIN, True)]
    outcomes = []
    for business_owner, vendor_owner, _ in cases:
        business = market.business(business_owner, name="Shop")
        vendor = market.vendor(vendor_owner, name="Books")
        service = market.service(vendor["id"])
        completed = _complete(client, market.task(business["id"]), service, 5)
        assert completed["rating"] == 5  # the engagement keeps it either way
        outcomes.append(_standing(client, engine, vendor, service) == (5.0, 1, 1))
    assert outcomes == [counts for *_, counts in cases]


def test_a_partner_rating_its_own_vendor_moves_neither_reputation_nor_track_record(
    client, market, engine
):
    partner = market.partner()
    business = market.business(partner, name="Front")
    vendor = market.vendor(partner, name="Own Books")
    service = market.service(vendor["id"])

    for _ in range(3):
        _complete(client, market.task(business["id"]), service, 5)

    assert _standing(client, engine, vendor, service) == (None, 0, 0)
    stranger = market.business(name="Stranger")
    _complete(client, market.task(stranger["id"]), service, 4)
    assert _standing(client, engine, vendor, service) == (4.0, 1, 1)


def test_one_business_counts_once_with_its_latest_rating(client, market, engine, w):
    for rating in (1, 5, 2):
        _complete(client, market.task(w["business"]["id"]), w["service"], rating)
    # Its track record still counts each piece of work done for an unrelated business.
    assert _standing(client, engine, w["vendor"], w["service"]) == (2.0, 1, 3)

    _complete(client, market.task(market.business(name="Second")["id"]), w["service"], 5)

    assert _standing(client, engine, w["vendor"], w["service"]) == (3.5, 2, 4)


def _match(client, task_id, service_id):
    body = _ok(client.get(f"/v1/tasks/{task_id}/matches", headers=ADMIN))
    found = [m for m in body["data"] if m["service_id"] == service_id]
    assert found, body
    factors = {f["name"]: f for f in found[0]["factors"]}
    return found[0]["rank"], found[0]["score"], factors


def test_a_self_dealt_rating_does_not_move_the_vendor_in_anyone_elses_matches(client, market):
    partner = market.partner()
    own = market.vendor(partner, name="Own Books")
    own_service = market.service(own["id"], pricing=_monthly(40000))
    rival = market.service(market.vendor(name="Rival")["id"], pricing=_monthly(40000))
    shopper = market.task(market.business(name="Shopper")["id"])
    before = _match(client, shopper["id"], own_service["id"])
    front = market.business(partner, name="Front")

    for _ in range(3):
        _complete(client, market.task(front["id"]), own_service, 5)

    assert _match(client, shopper["id"], own_service["id"]) == before
    # The same rating from a business at arm's length moves it, ahead of its equal rival.
    _complete(client, market.task(market.business(name="Honest")["id"]), own_service, 5)
    rank, score, factors = _match(client, shopper["id"], own_service["id"])
    assert score > before[1]
    assert rank == 1 and _match(client, shopper["id"], rival["id"])[0] == 2
    assert "from 1 rating" in factors["reputation"]["detail"]
    assert "1 completed engagement " in factors["task_type"]["detail"]


# Existing aggregates: migration 0009 recounts them


def _parent_of_0009(url):
    return (
        ScriptDirectory.from_config(migrate.alembic_config(url)).get_revision("0009").down_revision
    )


def test_migration_0009_recounts_stored_reputation_under_the_new_rule(new_database):
    url = new_database()
    migrate.upgrade(url)
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            own, seeded = _reputation_world(session)
            session.commit()
        migrate.downgrade(url, _parent_of_0009(url))
        # The old rule: every completion counted.
        assert _stored(engine, own) == (5 + 5 + 1 + 3, 4, 4)
        assert _stored(engine, seeded) == (240, 50, 50)
        migrate.upgrade(url, "0009")
        # Self-dealt ratings gone, the stranger counted once with its latest (3), and the
        # seeded numbers, which no engagement stands behind, kept.
        assert _stored(engine, own) == (3, 1, 2)
        assert _stored(engine, seeded) == (240, 50, 50)
    finally:
        engine.dispose()


def _stored(engine, vendor_id):
    with engine.connect() as conn:
        return tuple(
            conn.execute(
                text(
                    "SELECT v.rating_sum, v.rating_count, s.completed_count FROM vendors v "
                    "JOIN services s ON s.vendor_id = v.id WHERE v.id = :id"
                ),
                {"id": vendor_id},
            ).one()
        )


def _reputation_world(session):
    """A vendor owned by partner P: two 5-star completions from P's own business, then a 1
    and a 3 from a stranger's; stored as the new rule has it. A seeded vendor with ratings
    and no engagements."""
    from datetime import UTC, datetime

    now = datetime(2026, 11, 30, tzinfo=UTC)
    own = Vendor(id=new_id("ven"), partner_id="ptn_p", name="Own", country="PH", timezone="UTC")
    seeded = Vendor(
        id=new_id("ven"),
        name="Seeded",
        country="PH",
        timezone="UTC",
        rating_sum=240,
        rating_count=50,
    )
    front = Business(
        id=new_id("biz"),
        partner_id="ptn_p",
        name="Front",
        country="US",
        timezone="UTC",
        currency="USD",
    )
    stranger = Business(
        id=new_id("biz"),
        partner_id="ptn_q",
        name="Stranger",
        country="US",
        timezone="UTC",
        currency="USD",
    )
    session.add_all([Partner(id="ptn_p", name="P"), Partner(id="ptn_q", name="Q")])
    session.flush()
    session.add_all([own, seeded, front, stranger])
    session.flush()
    service = Service(
        id=new_id("svc"),
        vendor_id=own.id,
        task_type="bookkeeping",
        capacity=10,
        pricing_model="monthly",
        pricing_currency="USD",
        pricing_amount=1,
        completed_count=2,
    )
    seeded_service = Service(
        id=new_id("svc"),
        vendor_id=seeded.id,
        task_type="bookkeeping",
        capacity=10,
        pricing_model="monthly",
        pricing_currency="USD",
        pricing_amount=1,
        completed_count=50,
    )
    session.add_all([service, seeded_service])
    session.flush()
    own.rating_sum, own.rating_count = 3, 1
    for minutes, (business, rating) in enumerate(
        [(front, 5), (front, 5), (stranger, 1), (stranger, 3)]
    ):
        ended = now + timedelta(minutes=minutes)
        session.add(
            Engagement(
                id=new_id("eng"),
                business_id=business.id,
                service_id=service.id,
                vendor_id=own.id,
                task_type="bookkeeping",
                volume=1,
                quote_amount=1,
                quote_currency="USD",
                status="completed",
                rating=rating,
                expires_at=ended,
                accepted_at=ended,
                ended_at=ended,
                created_at=ended,
                updated_at=ended,
            )
        )
    return own.id, seeded.id
