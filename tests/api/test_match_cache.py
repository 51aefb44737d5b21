"""A task's matches are answered from the worker's cache only while nothing they depend on
has changed: every kind of write that can change a match is followed by the answer a
worker without a cache gives."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from api.matches.cache import MatchCache
from tests.helpers import ADMIN, timestamp, vendor_body

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


def _service_path(w):
    return f"/v1/vendors/{w.service['vendor_id']}/services/{w.service['id']}"


@pytest.fixture
def w(market, clock):
    business = market.business(country="US")
    vendor, rival = market.vendor(name="Ledger & Co"), market.vendor(name="Rival")
    market.service(rival["id"], pricing={"model": "per_unit", "currency": "USD", "amount": 110})
    wide_budget = {"currency": "USD", "min": 0, "max": 90000}
    # A task, a second task of its business to propose for, and the service they meet.
    return SimpleNamespace(
        business=business,
        task=market.task(business["id"], skills=["QuickBooks"]),
        other_task=market.task(business["id"], volume=500, budget=wide_budget),
        service=market.service(vendor["id"], skills=["xero"]),
        proposed=None,
    )


def _ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def _matches(client, w):
    return _ok(client.get(f"/v1/tasks/{w.task['id']}/matches", headers=ADMIN))


def _propose(client, w):
    return _ok(
        client.post(
            f"/v1/tasks/{w.other_task['id']}/engagements",
            json={"service_id": w.service["id"]},
            headers=ADMIN,
        ),
        201,
    )


def _act(client, engagement, action, body=None):
    _ok(client.post(f"/v1/engagements/{engagement['id']}/{action}", json=body, headers=ADMIN))


def _patch(client, path, body):
    _ok(client.patch(path, json=body, headers=ADMIN))


def _delete(client, path):
    assert client.delete(path, headers=ADMIN).status_code == 204


def _expire(client, w, clock):
    clock.now = timestamp(w.proposed["expires_at"])


# Every write that changes what a match is computed from: the task, its business, the
# services and vendors of its type (capacity held by engagements and ratings included).
# Each entry: (what is set up before the answer is cached, the write).
WRITES = {
    "task budget": (
        None,
        lambda c, w, k: _patch(
            c,
            f"/v1/tasks/{w.task['id']}",
            {"budget": {"currency": "USD", "min": 30000, "max": 41000}},
        ),
    ),
    "task volume": (None, lambda c, w, k: _patch(c, f"/v1/tasks/{w.task['id']}", {"volume": 350})),
    "task skills": (
        None,
        lambda c, w, k: _patch(c, f"/v1/tasks/{w.task['id']}", {"skills": ["xero"]}),
    ),
    "task weights": (
        None,
        lambda c, w, k: _patch(c, f"/v1/tasks/{w.task['id']}", {"weights": {"budget": 0}}),
    ),
    "task coverage": (
        None,
        lambda c, w, k: _patch(
            c,
            f"/v1/tasks/{w.task['id']}",
            {
                "coverage": {
                    "timezone": "Asia/Tokyo",
                    "start": "09:00",
                    "end": "17:00",
                    "days": WEEKDAYS,
                }
            },
        ),
    ),
    "business country": (
        lambda c, w, k: _patch(c, _service_path(w), {"targeting": {"countries": ["US"]}}),
        lambda c, w, k: _patch(c, f"/v1/businesses/{w.business['id']}", {"country": "DE"}),
    ),
    "service price": (
        None,
        lambda c, w, k: _patch(
            c,
            _service_path(w),
            {"pricing": {"model": "per_unit", "currency": "USD", "amount": 120}},
        ),
    ),
    "service capacity": (None, lambda c, w, k: _patch(c, _service_path(w), {"capacity": 500})),
    "service skills": (
        None,
        lambda c, w, k: _patch(c, _service_path(w), {"skills": ["QuickBooks"]}),
    ),
    "service targeting": (
        None,
        lambda c, w, k: _patch(c, _service_path(w), {"targeting": {"countries": ["CA"]}}),
    ),
    "service paused": (None, lambda c, w, k: _patch(c, _service_path(w), {"active": False})),
    "service deleted": (None, lambda c, w, k: _delete(c, _service_path(w))),
    "service created": (
        None,
        lambda c, w, k: _ok(
            c.post(
                f"/v1/vendors/{_ok(c.post('/v1/vendors', json=vendor_body(), headers=ADMIN), 201)['id']}/services",
                json={
                    "task_type": "bookkeeping",
                    "capacity": 900,
                    "pricing": {"model": "per_unit", "currency": "USD", "amount": 90},
                },
                headers=ADMIN,
            ),
            201,
        ),
    ),
    "vendors imported": (
        None,
        lambda c, w, k: _ok(
            c.post(
                "/v1/vendors/batch",
                json={
                    "items": [
                        {
                            "vendor": {
                                "name": "Imported",
                                "country": "PH",
                                "timezone": "Asia/Manila",
                                "languages": ["en"],
                                "working_hours": [],
                            },
                            "services": [
                                {
                                    "task_type": "bookkeeping",
                                    "capacity": 1000,
                                    "pricing": {
                                        "model": "per_unit",
                                        "currency": "USD",
                                        "amount": 80,
                                    },
                                }
                            ],
                        }
                    ]
                },
                headers=ADMIN,
            ),
            201,
        ),
    ),
    "vendor name": (
        None,
        lambda c, w, k: _patch(c, f"/v1/vendors/{w.service['vendor_id']}", {"name": "Ledger Ltd"}),
    ),
    "vendor country": (
        None,
        lambda c, w, k: _patch(c, f"/v1/vendors/{w.service['vendor_id']}", {"country": "MX"}),
    ),
    "vendor deleted": (None, lambda c, w, k: _delete(c, f"/v1/vendors/{w.service['vendor_id']}")),
    "proposal reserves capacity": (None, lambda c, w, k: _propose(c, w)),
    "proposal declined": (
        lambda c, w, k: setattr(w, "proposed", _propose(c, w)),
        lambda c, w, k: _act(c, w.proposed, "decline"),
    ),
    "proposal cancelled": (
        lambda c, w, k: setattr(w, "proposed", _propose(c, w)),
        lambda c, w, k: _act(c, w.proposed, "cancel"),
    ),
    "proposal expired": (
        lambda c, w, k: setattr(w, "proposed", _propose(c, w)),
        lambda c, w, k: _expire(c, w, k),
    ),
    "rating": (
        lambda c, w, k: (setattr(w, "proposed", _propose(c, w)), _act(c, w.proposed, "accept")),
        lambda c, w, k: _act(c, w.proposed, "complete", {"rating": 2}),
    ),
}


@pytest.mark.parametrize("write", WRITES)
def test_a_write_that_changes_a_match_is_never_answered_from_the_cache(
    client, app, w, clock, swap_state, write
):
    setup, change = WRITES[write]
    swap_state(match_cache=MatchCache(max_bytes=2**20))
    if setup is not None:
        setup(client, w, clock)
    before = _matches(client, w)
    assert _matches(client, w) == before
    assert app.state.match_cache.hits == 1  # the repeat came from the cache

    change(client, w, clock)
    after = _matches(client, w)

    assert after != before  # the write changed the match, so a stale answer would show
    swap_state(match_cache=MatchCache(max_bytes=0))
    assert after == _matches(client, w)  # what a worker without a cache answers


def test_a_new_day_computes_a_covered_tasks_match_again(client, app, w, clock, swap_state):
    swap_state(match_cache=MatchCache(max_bytes=2**20))
    coverage = {"timezone": "America/New_York", "start": "09:00", "end": "17:00", "days": WEEKDAYS}
    _patch(client, f"/v1/tasks/{w.task['id']}", {"coverage": coverage})
    _matches(client, w)
    _matches(client, w)
    assert app.state.match_cache.hits == 1
    clock.now += timedelta(days=1)
    _matches(client, w)
    assert app.state.match_cache.hits == 1


def test_the_answer_does_not_depend_on_who_may_see_it(client, app, market, w, swap_state):
    swap_state(match_cache=MatchCache(max_bytes=2**20))
    business_key = market.business_key(w.business["id"])
    as_admin = _matches(client, w)
    as_business = _ok(client.get(f"/v1/tasks/{w.task['id']}/matches", headers=business_key))
    assert as_business == as_admin
    assert app.state.match_cache.hits == 1


def test_other_limits_and_floors_are_answers_of_their_own(client, app, w, swap_state):
    swap_state(match_cache=MatchCache(max_bytes=2**20))
    path = f"/v1/tasks/{w.task['id']}/matches"
    one = _ok(client.get(path, params={"limit": 1}, headers=ADMIN))
    both = _ok(client.get(path, params={"limit": 2}, headers=ADMIN))
    floor = _ok(client.get(path, params={"min_score": 0.999}, headers=ADMIN))
    assert (len(one["data"]), len(both["data"]), len(floor["data"])) == (1, 2, 0)
    assert app.state.match_cache.hits == 0


def test_the_cache_forgets_the_least_recently_used_answers_beyond_its_bound():
    cache = MatchCache(max_bytes=10)
    cache.put("a", b"12345")
    cache.put("b", b"12345")
    assert cache.get("a") == b"12345"  # now "b" is the least recently used
    cache.put("c", b"123")
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c"), cache.bytes) == (b"12345", b"123", 8)
    cache.put("huge", b"x" * 11)
    assert cache.get("huge") is None
