"""Engagements: who may move them, where they may go, and what they hold while live.

The world: a business (owned by one partner) with a 400-unit bookkeeping task, and a vendor
(owned by another partner) whose bookkeeping service has room for 1000 units at 1.00 USD a
unit, so the quote is 400.00 USD, inside the task's 300.00-500.00 USD budget. Strangers: a
second business, a second vendor and a third partner, each with its own key. The clock is
frozen, and moves only when a test moves it.
"""

import math
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest

from tests.helpers import ADMIN, snapshot, timestamp

# The actions that bring a fresh proposal to each status ("expired": the clock runs out).
ROUTE = {
    "proposed": (),
    "active": ("accept",),
    "declined": ("decline",),
    "cancelled": ("cancel",),
    "completed": ("accept", "complete"),
    "expired": (),
}


@pytest.fixture(autouse=True)
def _frozen(clock):
    """Every test here runs on the frozen clock."""
    return clock


@dataclass
class World:
    business: dict[str, Any]
    task: dict[str, Any]
    vendor: dict[str, Any]
    service: dict[str, Any]
    keys: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def service_path(self) -> str:
        return f"/v1/vendors/{self.vendor['id']}/services/{self.service['id']}"


@pytest.fixture
def w(market):
    business_partner, vendor_partner = market.partner(), market.partner()
    business = market.business(business_partner)
    vendor = market.vendor(vendor_partner)
    other_business, other_vendor = market.business(name="Other"), market.vendor(name="Other")
    return World(
        business=business,
        task=market.task(business["id"]),
        vendor=vendor,
        service=market.service(vendor["id"]),
        keys={
            "admin": ADMIN,
            "business": market.business_key(business["id"]),
            "business_partner": business_partner,
            "vendor": market.vendor_key(vendor["id"]),
            "vendor_partner": vendor_partner,
            "other_business": market.business_key(other_business["id"]),
            "other_vendor": market.vendor_key(other_vendor["id"]),
            "other_partner": market.partner(),
        },
    )


def _propose(client, task_id, service_id, headers=ADMIN):
    return client.post(
        f"/v1/tasks/{task_id}/engagements", json={"service_id": service_id}, headers=headers
    )


def _act(client, engagement_id, action, headers=ADMIN, body=None):
    if action == "complete" and body is None:
        body = {"rating": 5}
    return client.post(f"/v1/engagements/{engagement_id}/{action}", json=body, headers=headers)


def _ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def _problem(response, status, *fragments):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    for fragment in fragments:
        assert fragment in body["detail"]
    return body


def _get(client, path, headers=ADMIN):
    return _ok(client.get(path, headers=headers))


def _engagement(client, engagement_id, headers=ADMIN):
    return _get(client, f"/v1/engagements/{engagement_id}", headers)


def _matches(client, task_id):
    return _get(client, f"/v1/tasks/{task_id}/matches")


def _match_for(body, service_id):
    found = [m for m in body["data"] if m["service_id"] == service_id]
    return {f["name"]: f for f in found[0]["factors"]} if found else None


def _held(client, w):
    service = _get(client, w.service_path)
    return service["reserved"], service["available"]


def _proposed(client, w, task=None):
    return _ok(_propose(client, (task or w.task)["id"], w.service["id"]), 201)


def _task(client, business_id, **overrides):
    body = {
        "task_type": "bookkeeping",
        "title": "More books",
        "volume": 400,
        "budget": {"currency": "USD", "min": 0, "max": 100000},
        **overrides,
    }
    return _ok(client.post(f"/v1/businesses/{business_id}/tasks", json=body, headers=ADMIN), 201)


def _bring(client, clock, engagement, status):
    """Move a fresh proposal to ``status`` the way a client (or time) would."""
    for action in ROUTE[status]:
        _ok(_act(client, engagement["id"], action))
    if status == "expired":
        clock.now = timestamp(engagement["expires_at"])
    return _engagement(client, engagement["id"])


# Proposing


def test_a_proposal_reserves_the_task_volume_on_the_service_at_once(client, w, app):
    response = _propose(client, w.task["id"], w.service["id"])

    created = _ok(response, 201)
    assert response.headers["location"] == f"/v1/engagements/{created['id']}"
    assert created["id"].startswith("eng_")
    assert (
        created
        | {
            "task_id": w.task["id"],
            "business_id": w.business["id"],
            "service_id": w.service["id"],
            "vendor_id": w.vendor["id"],
            "task_type": "bookkeeping",
            "volume": 400,
            "quote": {"amount": 40000, "currency": "USD"},
            "status": "proposed",
        }
        == created
    )
    ttl = timedelta(seconds=app.state.settings.engagement_ttl_seconds)
    assert timestamp(created["expires_at"]) - timestamp(created["created_at"]) == ttl
    assert [created[k] for k in ("accepted_at", "ended_at", "rating", "review")] == [None] * 4
    assert _held(client, w) == (400, 600)
    assert _get(client, f"/v1/tasks/{w.task['id']}")["status"] == "engaged"
    assert _engagement(client, created["id"]) == created


@pytest.mark.parametrize(
    ("caller", "expected"),
    [
        ("admin", 201),
        ("business_partner", 201),
        ("business", 201),
        ("vendor", 403),
        ("vendor_partner", 404),
        ("other_business", 404),
        ("other_partner", 404),
    ],
)
def test_only_the_business_side_may_propose(client, w, engine, caller, expected):
    before = snapshot(engine)

    response = _propose(client, w.task["id"], w.service["id"], headers=w.keys[caller])

    if expected == 201:
        assert _ok(response, 201)["status"] == "proposed"
    else:
        _problem(response, expected)
        assert snapshot(engine) == before


def test_the_proposal_ttl_is_the_configured_one(client, w, app, swap_state):
    swap_state(settings=app.state.settings.model_copy(update={"engagement_ttl_seconds": 60}))

    created = _proposed(client, w)

    assert timestamp(created["expires_at"]) - timestamp(created["created_at"]) == timedelta(
        seconds=60
    )


# Answering and ending: who may


@pytest.mark.parametrize("action", ["accept", "decline"])
@pytest.mark.parametrize(
    ("caller", "expected"),
    [
        ("admin", 200),
        ("vendor", 200),
        ("vendor_partner", 200),
        ("business", 403),
        ("business_partner", 404),
        ("other_vendor", 404),
        ("other_partner", 404),
    ],
)
def test_only_the_vendor_side_may_answer_a_proposal(client, w, engine, action, caller, expected):
    engagement = _proposed(client, w)
    before = snapshot(engine)

    response = _act(client, engagement["id"], action, headers=w.keys[caller])

    if expected == 200:
        assert _ok(response)["status"] == {"accept": "active", "decline": "declined"}[action]
    else:
        _problem(response, expected)
        assert snapshot(engine) == before


@pytest.mark.parametrize("action", ["cancel", "complete"])
@pytest.mark.parametrize(
    ("caller", "expected"),
    [
        ("admin", 200),
        ("business", 200),
        ("business_partner", 200),
        ("vendor", 403),
        ("vendor_partner", 404),
        ("other_business", 404),
        ("other_partner", 404),
    ],
)
def test_only_the_business_side_may_cancel_or_complete(
    client, w, engine, clock, action, caller, expected
):
    engagement = _bring(client, clock, _proposed(client, w), "active")
    before = snapshot(engine)

    response = _act(client, engagement["id"], action, headers=w.keys[caller])

    if expected == 200:
        assert _ok(response)["status"] == {"cancel": "cancelled", "complete": "completed"}[action]
    else:
        _problem(response, expected)
        assert snapshot(engine) == before


@pytest.mark.parametrize(
    ("caller", "expected"),
    [
        ("admin", 200),
        ("business", 200),
        ("business_partner", 200),
        ("vendor", 200),
        ("vendor_partner", 200),
        ("other_business", 404),
        ("other_vendor", 404),
        ("other_partner", 404),
    ],
)
def test_both_sides_and_no_one_else_may_read_an_engagement(client, w, caller, expected):
    engagement = _proposed(client, w)

    response = client.get(f"/v1/engagements/{engagement['id']}", headers=w.keys[caller])

    assert response.status_code == expected


def test_an_unknown_engagement_is_404(client, w):
    _problem(client.get("/v1/engagements/eng_nope", headers=ADMIN), 404)
    _problem(_act(client, "eng_nope", "accept"), 404)


# Transitions


def test_accepting_makes_it_active_and_keeps_the_capacity_reserved(client, w, clock):
    engagement = _proposed(client, w)
    clock.now += timedelta(hours=1)

    accepted = _ok(_act(client, engagement["id"], "accept"))

    assert accepted["status"] == "active"
    assert timestamp(accepted["accepted_at"]) == clock.now
    assert accepted["ended_at"] is None
    assert _held(client, w) == (400, 600)
    assert _get(client, f"/v1/tasks/{w.task['id']}")["status"] == "engaged"


def test_an_accepted_engagement_never_expires(client, w, clock):
    engagement = _bring(client, clock, _proposed(client, w), "active")
    clock.now = timestamp(engagement["expires_at"]) + timedelta(days=30)

    assert _engagement(client, engagement["id"])["status"] == "active"
    assert _held(client, w) == (400, 600)


@pytest.mark.parametrize(
    ("status", "task_status"),
    [
        ("declined", "open"),
        ("cancelled", "open"),
        ("expired", "open"),
        ("completed", "completed"),
    ],
)
def test_ending_an_engagement_releases_its_capacity_and_the_task_follows(
    client, w, clock, status, task_status
):
    engagement = _proposed(client, w)
    clock.now += timedelta(minutes=5)

    ended = _bring(client, clock, engagement, status)

    assert ended["status"] == status
    assert timestamp(ended["ended_at"]) == clock.now
    assert _held(client, w) == (0, 1000)
    assert _get(client, f"/v1/tasks/{w.task['id']}")["status"] == task_status


def test_the_business_may_cancel_an_active_engagement_too(client, w, clock):
    engagement = _bring(client, clock, _proposed(client, w), "active")

    assert _ok(_act(client, engagement["id"], "cancel"))["status"] == "cancelled"
    assert _held(client, w) == (0, 1000)
    assert _get(client, f"/v1/tasks/{w.task['id']}")["status"] == "open"


@pytest.mark.parametrize(
    "body",
    [{"rating": 5, "review": "Books closed on time."}, {"rating": 1}],
    ids=["with-review", "without-review"],
)
def test_completing_records_the_rating_and_the_optional_review(client, w, clock, body):
    engagement = _bring(client, clock, _proposed(client, w), "active")

    completed = _ok(_act(client, engagement["id"], "complete", body=body))

    assert completed["status"] == "completed"
    assert (completed["rating"], completed["review"]) == (body["rating"], body.get("review"))
    assert _engagement(client, engagement["id"]) == completed


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"rating": 0}, "rating"),
        ({"rating": 6}, "rating"),
        ({"rating": "5"}, "rating"),
        ({"rating": 4.5}, "rating"),
        ({"rating": True}, "rating"),
        ({"rating": None}, "rating"),
        ({"review": "Great."}, "rating"),
        ({"rating": 5, "review": "x" * 5001}, "review"),
        ({"rating": 5, "stars": 5}, "stars"),
    ],
    ids=["0", "6", "string", "float", "bool", "null", "missing", "long-review", "extra-field"],
)
def test_a_completion_without_a_1_to_5_rating_is_422_and_changes_nothing(
    client, w, engine, clock, body, field
):
    engagement = _bring(client, clock, _proposed(client, w), "active")
    before = snapshot(engine)

    problem = _problem(_act(client, engagement["id"], "complete", body=body), 422)

    assert [e["field"] for e in problem["errors"]] == [f"body.{field}"]
    assert snapshot(engine) == before


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("active", "accept"),
        ("active", "decline"),
        ("proposed", "complete"),
        ("declined", "accept"),
        ("declined", "decline"),
        ("declined", "cancel"),
        ("declined", "complete"),
        ("cancelled", "accept"),
        ("cancelled", "cancel"),
        ("cancelled", "complete"),
        ("completed", "accept"),
        ("completed", "decline"),
        ("completed", "cancel"),
        ("completed", "complete"),
        ("expired", "accept"),
        ("expired", "decline"),
        ("expired", "cancel"),
        ("expired", "complete"),
    ],
)
def test_a_refused_transition_is_a_409_naming_the_current_status_and_changes_nothing(
    client, w, engine, clock, status, action
):
    engagement = _bring(client, clock, _proposed(client, w), status)
    before = snapshot(engine)

    _problem(_act(client, engagement["id"], action), 409, f"is {status}")

    assert snapshot(engine) == before


# Capacity


def test_the_next_match_sees_the_reservation_and_excludes_a_service_without_room(client, w):
    fits, too_big = (_task(client, w.business["id"], volume=v) for v in (500, 700))
    volume = _match_for(_matches(client, fits["id"]), w.service["id"])["volume"]
    assert "of the 1,000 it has free" in volume["detail"]
    assert _matches(client, too_big["id"])["excluded"]["capacity"] == 0

    engagement = _proposed(client, w)

    volume_now = _match_for(_matches(client, fits["id"]), w.service["id"])["volume"]
    assert "of the 600 it has free" in volume_now["detail"]
    assert volume_now["score"] < volume["score"]
    crowded = _matches(client, too_big["id"])
    assert _match_for(crowded, w.service["id"]) is None
    assert crowded["excluded"]["capacity"] == 1

    _ok(_act(client, engagement["id"], "decline"))

    assert _match_for(_matches(client, too_big["id"]), w.service["id"]) is not None


def test_proposing_more_than_the_service_has_free_is_a_409_that_changes_nothing(client, w, engine):
    _proposed(client, w)
    too_big = _task(client, w.business["id"], volume=601)
    before = snapshot(engine)

    _problem(_propose(client, too_big["id"], w.service["id"]), 409, "601")

    assert snapshot(engine) == before
    assert _get(client, f"/v1/tasks/{too_big['id']}")["status"] == "open"
    last_fit = _task(client, w.business["id"], volume=600)
    _ok(_propose(client, last_fit["id"], w.service["id"]), 201)
    assert _held(client, w) == (1000, 0)


def test_capacity_cannot_be_lowered_below_what_is_reserved(client, w, engine):
    _proposed(client, w)
    before = snapshot(engine)

    _problem(client.patch(w.service_path, json={"capacity": 399}, headers=ADMIN), 409, "400")

    assert snapshot(engine) == before
    lowered = _ok(client.patch(w.service_path, json={"capacity": 400}, headers=ADMIN))
    assert (lowered["capacity"], lowered["reserved"], lowered["available"]) == (400, 400, 0)


def test_a_task_holds_one_live_engagement_at_a_time(client, w, market, engine, clock):
    rival = market.service(market.vendor(name="Rival")["id"])
    first = _proposed(client, w)

    for status in ("proposed", "active"):
        _bring(client, clock, first, status)
        before = snapshot(engine)
        _problem(_propose(client, w.task["id"], rival["id"]), 409, "engaged")
        assert snapshot(engine) == before

    _ok(_act(client, first["id"], "cancel"))
    assert _ok(_propose(client, w.task["id"], rival["id"]), 201)["service_id"] == rival["id"]


@pytest.mark.parametrize("code", ["task_type", "not_found"])
def test_proposing_a_service_that_cannot_do_the_task_is_422_naming_service_id(
    client, w, market, engine, code
):
    payroll = market.service(w.vendor["id"], task_type="payroll")
    service_id = payroll["id"] if code == "task_type" else "svc_nope"
    before = snapshot(engine)

    problem = _problem(_propose(client, w.task["id"], service_id), 422)

    assert [(e["field"], e["code"]) for e in problem["errors"]] == [("body.service_id", code)]
    assert snapshot(engine) == before


def test_an_inactive_service_cannot_be_engaged(client, w, engine):
    _ok(client.patch(w.service_path, json={"active": False}, headers=ADMIN))
    before = snapshot(engine)

    _problem(_propose(client, w.task["id"], w.service["id"]), 409, "not active")

    assert snapshot(engine) == before


@pytest.mark.parametrize("status", ["paused", "closed"])
def test_a_paused_or_closed_task_cannot_be_engaged(client, w, engine, status):
    _ok(client.patch(f"/v1/tasks/{w.task['id']}", json={"status": status}, headers=ADMIN))
    before = snapshot(engine)

    _problem(_propose(client, w.task["id"], w.service["id"]), 409, status)

    assert snapshot(engine) == before


# Expiry


@pytest.mark.parametrize("first_reader", ["service", "engagement", "matches"])
def test_an_unanswered_proposal_expires_on_time_without_a_background_job(
    client, w, clock, first_reader
):
    engagement = _proposed(client, w)
    other = _task(client, w.business["id"], volume=700)
    expires_at = timestamp(engagement["expires_at"])

    clock.now = expires_at - timedelta(seconds=1)
    assert _engagement(client, engagement["id"])["status"] == "proposed"
    assert _held(client, w) == (400, 600)

    clock.now = expires_at
    # Whichever plain read comes first already sees the proposal expired.
    if first_reader == "service":
        assert _held(client, w) == (0, 1000)
    elif first_reader == "matches":
        assert _match_for(_matches(client, other["id"]), w.service["id"]) is not None
    expired = _engagement(client, engagement["id"])
    assert expired["status"] == "expired"
    assert timestamp(expired["ended_at"]) == expires_at
    assert _held(client, w) == (0, 1000)
    assert _get(client, f"/v1/tasks/{w.task['id']}")["status"] == "open"
    # The released room takes another task at once; the expired pair itself cools down.
    again = _proposed(client, w, other)
    assert again["status"] == "proposed"
    assert timestamp(again["expires_at"]) > expires_at


@pytest.mark.parametrize("action", ["accept", "decline", "cancel"])
def test_an_answer_that_comes_first_after_the_deadline_finds_it_expired(client, w, clock, action):
    engagement = _proposed(client, w)
    clock.now = timestamp(engagement["expires_at"])

    _problem(_act(client, engagement["id"], action), 409, "is expired")

    assert _engagement(client, engagement["id"])["status"] == "expired"
    assert _held(client, w) == (0, 1000)


def test_the_vendor_may_accept_up_to_the_last_second(client, w, clock):
    engagement = _proposed(client, w)
    clock.now = timestamp(engagement["expires_at"]) - timedelta(seconds=1)

    assert _ok(_act(client, engagement["id"], "accept", w.keys["vendor"]))["status"] == "active"


# Reputation


def test_ratings_build_the_vendor_reputation_and_completions_its_track_record(
    client, w, market, clock
):
    probe = _task(client, w.business["id"], volume=100)
    before = _match_for(_matches(client, probe["id"]), w.service["id"])
    # Two businesses, neither sharing an owner with the vendor: each one's rating counts.
    second = _task(client, market.business(name="Second")["id"])

    for task, rating in ((w.task, 4), (second, 2)):
        engagement = _bring(client, clock, _proposed(client, w, task), "active")
        _ok(_act(client, engagement["id"], "complete", body={"rating": rating}))

    vendor = _get(client, f"/v1/vendors/{w.vendor['id']}")
    assert (vendor["rating"], vendor["rating_count"]) == (3.0, 2)
    after = _match_for(_matches(client, probe["id"]), w.service["id"])
    assert "2 completed engagements" in after["task_type"]["detail"]
    assert "0 completed engagements" in before["task_type"]["detail"]
    # The track record is worth 0.3 x (1 - e^(-completed / 10)) of the task_type factor.
    gain = after["task_type"]["score"] - before["task_type"]["score"]
    assert gain == pytest.approx(0.3 * (1 - math.exp(-0.2)), abs=1e-3)
    assert after["reputation"]["score"] != before["reputation"]["score"]


def test_cancelled_and_declined_engagements_leave_no_rating(client, w, clock):
    for status in ("declined", "cancelled"):
        task = _task(client, w.business["id"])
        _bring(client, clock, _proposed(client, w, task), status)

    vendor = _get(client, f"/v1/vendors/{w.vendor['id']}")
    assert (vendor["rating"], vendor["rating_count"]) == (None, 0)


# The task while engaged


@pytest.mark.parametrize(
    "change",
    [{"status": "paused"}, {"status": "closed"}, {"volume": 500}, {"task_type": "invoicing"}],
    ids=["pause", "close", "volume", "task_type"],
)
@pytest.mark.parametrize("live", ["proposed", "active"])
def test_an_engaged_task_keeps_its_status_volume_and_type(client, w, engine, clock, change, live):
    _bring(client, clock, _proposed(client, w), live)
    before = snapshot(engine)

    _problem(client.patch(f"/v1/tasks/{w.task['id']}", json=change, headers=ADMIN), 409)

    assert snapshot(engine) == before


def test_an_engaged_task_may_still_be_renamed(client, w):
    _proposed(client, w)

    renamed = _ok(client.patch(f"/v1/tasks/{w.task['id']}", json={"title": "Books"}, headers=ADMIN))

    assert (renamed["title"], renamed["status"]) == ("Books", "engaged")


# Deleting what an engagement refers to


def _paths(w):
    return {
        "task": f"/v1/tasks/{w.task['id']}",
        "business": f"/v1/businesses/{w.business['id']}",
        "vendor": f"/v1/vendors/{w.vendor['id']}",
        "service": w.service_path,
    }


@pytest.mark.parametrize("target", ["task", "business", "vendor", "service"])
@pytest.mark.parametrize("live", ["proposed", "active"])
def test_nothing_with_a_live_engagement_can_be_deleted(client, w, engine, clock, target, live):
    _bring(client, clock, _proposed(client, w), live)
    before = snapshot(engine)

    _problem(client.delete(_paths(w)[target], headers=ADMIN), 409, "live engagement")

    assert snapshot(engine) == before


@pytest.mark.parametrize(
    ("target", "nulled", "survivor"),
    [
        ("task", {"task_id"}, "vendor"),
        ("business", {"business_id", "task_id"}, "vendor"),
        ("vendor", {"vendor_id", "service_id"}, "business"),
        ("service", {"service_id"}, "business"),
    ],
)
def test_once_ended_the_delete_succeeds_and_the_history_stays_with_the_id_null(
    client, w, clock, target, nulled, survivor
):
    ended = _bring(client, clock, _proposed(client, w), "completed")

    assert client.delete(_paths(w)[target], headers=ADMIN).status_code == 204

    history = _engagement(client, ended["id"])
    assert history == {**ended, **dict.fromkeys(nulled)}
    assert _engagement(client, ended["id"], w.keys[survivor]) == history


# Lists


def _walk(client, path, headers=ADMIN, **params):
    """Every id, one page at a time."""
    ids, cursor = [], None
    while True:
        page = _get(client, path + "?" + _query(limit=1, cursor=cursor, **params), headers)
        assert len(page["data"]) <= 1
        ids += [e["id"] for e in page["data"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return ids


def _query(**params):
    return "&".join(f"{k}={v}" for k, v in params.items() if v is not None)


def _ids(client, path, headers=ADMIN, **params):
    return [e["id"] for e in _get(client, path + "?" + _query(**params), headers)["data"]]


@pytest.fixture
def history(client, w, clock, app):
    """The task's declined, cancelled and then live proposals, oldest first; the clock moves
    past each ended one's cool-down before the next."""
    ids = []
    for status in ("declined", "cancelled", "proposed"):
        if ids:
            clock.now += timedelta(seconds=app.state.settings.proposal_cooldown_seconds)
        ids.append(_bring(client, clock, _proposed(client, w), status)["id"])
    return ids


def test_a_task_lists_its_engagements_oldest_first_by_status_and_page(client, w, history):
    path = f"/v1/tasks/{w.task['id']}/engagements"

    assert _ids(client, path) == history
    assert _walk(client, path) == history
    assert _ids(client, path, status="cancelled") == [history[1]]
    assert _walk(client, path, status="proposed") == [history[2]]
    assert _ids(client, path, status="completed") == []


def test_a_vendor_lists_its_engagements_across_tasks_by_status_and_page(client, w, market, history):
    other_task = _task(client, w.business["id"], volume=100)
    live = _proposed(client, w, other_task)["id"]
    rival = market.service(market.vendor(name="Rival")["id"])
    _ok(_propose(client, _task(client, w.business["id"])["id"], rival["id"]), 201)
    path = f"/v1/vendors/{w.vendor['id']}/engagements"

    assert _walk(client, path, w.keys["vendor"]) == [*history, live]
    assert _walk(client, path, w.keys["vendor"], status="proposed") == [history[2], live]
    assert _ids(client, path, status="declined") == [history[0]]
    assert _ids(client, f"/v1/tasks/{other_task['id']}/engagements") == [live]


@pytest.mark.parametrize(
    ("caller", "expected"),
    [
        ("admin", 200),
        ("vendor", 200),
        ("vendor_partner", 200),
        ("business", 403),
        ("business_partner", 404),
        ("other_vendor", 404),
        ("other_partner", 404),
    ],
)
def test_only_the_vendor_side_may_list_a_vendors_engagements(client, w, caller, expected):
    _proposed(client, w)

    response = client.get(f"/v1/vendors/{w.vendor['id']}/engagements", headers=w.keys[caller])

    assert response.status_code == expected
    if expected == 200:
        assert len(response.json()["data"]) == 1


@pytest.mark.parametrize(
    ("caller", "expected"),
    [
        ("admin", 200),
        ("business", 200),
        ("business_partner", 200),
        ("vendor", 403),
        ("vendor_partner", 404),
        ("other_business", 404),
        ("other_partner", 404),
    ],
)
def test_only_the_business_side_may_list_a_tasks_engagements(client, w, caller, expected):
    _proposed(client, w)

    response = client.get(f"/v1/tasks/{w.task['id']}/engagements", headers=w.keys[caller])

    assert response.status_code == expected
    if expected == 200:
        assert len(response.json()["data"]) == 1


def test_an_unknown_status_filter_is_422(client, w):
    problem = _problem(
        client.get(f"/v1/tasks/{w.task['id']}/engagements?status=lost", headers=ADMIN), 422
    )

    assert [e["field"] for e in problem["errors"]] == ["query.status"]
