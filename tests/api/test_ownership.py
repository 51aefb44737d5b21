"""Every route that takes an id refuses every caller but the rightful ones, as product.md says.

The routes under test are read from the app itself, and each must have a row in POLICY: a new
id-bearing route without a decided policy fails here until someone writes down who may call it.

The world: partners A and B and the admin ("O") each own a business (with tasks, one of them
engaged) and a vendor (with services), plus a spare business and vendor with nothing live on
them (so they can be deleted). Each business and vendor has a key bound to it. A's business
also has engagements with B's vendor, where A is only the business side and B only the
vendor side. Targets are A's objects, O's objects, and for engagements that A-B pair; B is
A's mirror image.

Expected statuses (Conventions): 401 without a valid key (none, garbage, revoked, expired);
403 when the caller's role may never call the route; 404 when the object exists but belongs
to someone else; success for the admin, the owning partner and the key bound to the object.
Vendors and services are readable by any valid key. A refused request changes nothing.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from api.main import create_app
from api.models import metadata
from api.settings import Settings
from tests.helpers import (
    ADMIN,
    Market,
    bearer,
    built_once,
    service_body,
    snapshot,
    task_body,
)

PROBLEM = "application/problem+json"
PATH_PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")


def unchanged_state(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """snapshot() without api_keys.last_used_at: a valid key records its last use (at most
    once a minute) even on a request that is refused, and that is all it may change."""
    tables = snapshot(engine)
    columns = [column.name for column in metadata.tables["api_keys"].columns]
    if "last_used_at" in columns:
        at = columns.index("last_used_at")
        tables["api_keys"] = sorted(
            (row[:at] + row[at + 1 :] for row in tables["api_keys"]), key=repr
        )
    return tables


# --- the routes, read from the app -------------------------------------------------------


def _route_contexts(app: FastAPI) -> list[Any]:
    """Every route of the app, with routers included through `include_router` flattened.

    FastAPI wraps included routers (`_IncludedRouter`); `iter_route_contexts` is what its own
    OpenAPI generator walks. Older versions kept `app.routes` flat.
    """
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # pragma: no cover - FastAPI before included routers were wrapped
        return list(app.routes)
    return list(iter_route_contexts(app.routes))


def api_routes(app: FastAPI) -> set[tuple[str, str, bool]]:
    """(method, path, include_in_schema) for every FastAPI route of the app."""
    found = set()
    for context in _route_contexts(app):
        if isinstance(getattr(context, "original_route", context), APIRoute):
            for method in context.methods:
                found.add((method, context.path, bool(context.include_in_schema)))
    return found


def id_bearing(routes: set[tuple[str, str, bool]]) -> set[tuple[str, str]]:
    """The /v1 routes naming an object. Outside /v1 nothing is anyone's: the problem
    catalogue (`/problems/{name}`) takes no key (tests/api/test_problems.py)."""
    return {
        (method, path)
        for method, path, _ in routes
        if path.startswith("/v1/") and PATH_PARAM.search(path)
    }


def _routes_at_collection() -> set[tuple[str, str, bool]]:
    app = create_app(Settings(_env_file=None, database_url="sqlite://"))  # type: ignore[call-arg]
    app.state.engine.dispose()
    return api_routes(app)


APP_ID_ROUTES = sorted(id_bearing(_routes_at_collection()))


# --- the policy --------------------------------------------------------------------------

ADMIN_OR_PARTNER = frozenset({"admin", "partner"})
BUSINESS_SIDE = frozenset({"admin", "partner", "business"})
VENDOR_SIDE = frozenset({"admin", "partner", "vendor"})
EVERY_ROLE = frozenset({"admin", "partner", "business", "vendor"})
BUSINESS = frozenset({"business"})
VENDOR = frozenset({"vendor"})
EITHER = frozenset({"business", "vendor"})

Ids = dict[str, str]


@dataclass(frozen=True)
class Rule:
    """Who may call one route, and what a successful call looks like.

    `may`: the roles that may ever call it; any other role gets 403. `sides`: whose bound key
    acts for the object: the business side (a business, its tasks, keys bound to it), the
    vendor side (a vendor, its services), or either (an engagement). The admin always acts;
    a partner acts for the sides it owns. `public`: any valid key succeeds, whoever owns the
    object. `objects`: which object of the world a path parameter names, where not the
    obvious one. `body`: the request body, possibly built from the target's ids. `query`:
    the query parameters the route needs.
    """

    may: frozenset[str]
    sides: frozenset[str]
    ok: int = 200
    body: dict[str, Any] | Callable[[Ids], dict[str, Any]] | None = None
    public: bool = False
    objects: dict[str, str] = field(default_factory=dict)
    query: dict[str, Any] | None = None

    def request_body(self, ids: Ids) -> dict[str, Any] | None:
        return self.body(ids) if callable(self.body) else self.body


POLICY: dict[tuple[str, str], Rule] = {
    ("GET", "/v1/businesses/{business_id}"): Rule(BUSINESS_SIDE, BUSINESS),
    ("PATCH", "/v1/businesses/{business_id}"): Rule(
        BUSINESS_SIDE, BUSINESS, body={"name": "Renamed"}
    ),
    ("DELETE", "/v1/businesses/{business_id}"): Rule(
        ADMIN_OR_PARTNER, BUSINESS, ok=204, objects={"business_id": "spare business"}
    ),
    ("POST", "/v1/businesses/{business_id}/tasks"): Rule(
        BUSINESS_SIDE, BUSINESS, ok=201, body=task_body(title="Payroll run")
    ),
    ("GET", "/v1/businesses/{business_id}/tasks"): Rule(BUSINESS_SIDE, BUSINESS),
    ("GET", "/v1/tasks/{task_id}"): Rule(BUSINESS_SIDE, BUSINESS),
    ("PATCH", "/v1/tasks/{task_id}"): Rule(BUSINESS_SIDE, BUSINESS, body={"title": "Renamed"}),
    ("DELETE", "/v1/tasks/{task_id}"): Rule(BUSINESS_SIDE, BUSINESS, ok=204),
    ("GET", "/v1/tasks/{task_id}/matches"): Rule(BUSINESS_SIDE, BUSINESS),
    # The world's task is listed, so the service's vendor side may ask too; private tasks
    # and other owners' services: tests/api/test_vendors_see.py.
    ("GET", "/v1/tasks/{task_id}/matches/{service_id}"): Rule(EVERY_ROLE, EITHER),
    ("GET", "/v1/businesses/{business_id}/advice"): Rule(BUSINESS_SIDE, BUSINESS),
    # The market is no one's object: any valid key may price any task type.
    ("GET", "/v1/market/{task_type}"): Rule(
        EVERY_ROLE,
        BUSINESS,
        public=True,
        objects={"task_type": "task type"},
        query={"volume": 10, "currency": "USD"},
    ),
    ("POST", "/v1/tasks/{task_id}/engagements"): Rule(
        BUSINESS_SIDE, BUSINESS, ok=201, body=lambda objects: {"service_id": objects["service"]}
    ),
    ("GET", "/v1/tasks/{task_id}/engagements"): Rule(
        BUSINESS_SIDE, BUSINESS, objects={"task_id": "engaged task"}
    ),
    ("GET", "/v1/vendors/{vendor_id}"): Rule(EVERY_ROLE, VENDOR, public=True),
    ("PATCH", "/v1/vendors/{vendor_id}"): Rule(VENDOR_SIDE, VENDOR, body={"name": "Renamed"}),
    ("DELETE", "/v1/vendors/{vendor_id}"): Rule(
        ADMIN_OR_PARTNER, VENDOR, ok=204, objects={"vendor_id": "spare vendor"}
    ),
    ("POST", "/v1/vendors/{vendor_id}/services"): Rule(
        VENDOR_SIDE, VENDOR, ok=201, body=service_body(task_type="appointment_scheduling")
    ),
    ("GET", "/v1/vendors/{vendor_id}/services"): Rule(EVERY_ROLE, VENDOR, public=True),
    ("GET", "/v1/vendors/{vendor_id}/services/{service_id}"): Rule(EVERY_ROLE, VENDOR, public=True),
    ("PATCH", "/v1/vendors/{vendor_id}/services/{service_id}"): Rule(
        VENDOR_SIDE, VENDOR, body={"capacity": 1234}
    ),
    ("DELETE", "/v1/vendors/{vendor_id}/services/{service_id}"): Rule(VENDOR_SIDE, VENDOR, ok=204),
    ("GET", "/v1/vendors/{vendor_id}/services/{service_id}/opportunities"): Rule(
        VENDOR_SIDE, VENDOR
    ),
    # A dry run of the owner's open task: whoever may act for every task in it may commit.
    ("POST", "/v1/allocations/{allocation_id}/commit"): Rule(BUSINESS_SIDE, BUSINESS),
    ("GET", "/v1/vendors/{vendor_id}/engagements"): Rule(VENDOR_SIDE, VENDOR),
    ("GET", "/v1/engagements/{engagement_id}"): Rule(EVERY_ROLE, EITHER),
    ("POST", "/v1/engagements/{engagement_id}/accept"): Rule(VENDOR_SIDE, VENDOR),
    ("POST", "/v1/engagements/{engagement_id}/decline"): Rule(VENDOR_SIDE, VENDOR),
    ("POST", "/v1/engagements/{engagement_id}/cancel"): Rule(BUSINESS_SIDE, BUSINESS),
    ("POST", "/v1/engagements/{engagement_id}/complete"): Rule(
        BUSINESS_SIDE,
        BUSINESS,
        body={"rating": 5},
        objects={"engagement_id": "active engagement"},
    ),
    # Webhook endpoints: the target was registered with a key bound to the owner's business,
    # so it is the business side's (its partner manages it too); any role may register.
    ("GET", "/v1/webhook-endpoints/{endpoint_id}"): Rule(EVERY_ROLE, BUSINESS),
    ("PATCH", "/v1/webhook-endpoints/{endpoint_id}"): Rule(
        EVERY_ROLE, BUSINESS, body={"description": "Renamed"}
    ),
    ("DELETE", "/v1/webhook-endpoints/{endpoint_id}"): Rule(EVERY_ROLE, BUSINESS, ok=204),
    ("POST", "/v1/webhook-endpoints/{endpoint_id}/rotate-secret"): Rule(EVERY_ROLE, BUSINESS),
    ("POST", "/v1/webhook-endpoints/{endpoint_id}/test"): Rule(EVERY_ROLE, BUSINESS, ok=202),
    ("GET", "/v1/webhook-endpoints/{endpoint_id}/deliveries"): Rule(EVERY_ROLE, BUSINESS),
    # The target is a spare key bound to the owner's business: whoever may list it may
    # revoke it, and every role may list keys.
    ("DELETE", "/v1/api-keys/{key_id}"): Rule(EVERY_ROLE, BUSINESS, ok=204),
}

# caller -> (role, the owner it acts for); role None means no valid key at all.
CALLERS: dict[str, tuple[str | None, str | None]] = {
    "no key": (None, None),
    "garbage key": (None, None),
    "revoked admin key": (None, None),
    "expired admin key": (None, None),
    "bootstrap admin": ("admin", None),
    "admin key": ("admin", None),
    "partner A": ("partner", "A"),
    "partner B": ("partner", "B"),
    "business A": ("business", "A"),
    "business B": ("business", "B"),
    "business O": ("business", "O"),
    "vendor A": ("vendor", "A"),
    "vendor B": ("vendor", "B"),
    "vendor O": ("vendor", "O"),
}

# target -> (owner of its business side, owner of its vendor side), and which objects it has
# (None: all of them).
TARGETS: dict[str, tuple[tuple[str, str], frozenset[str] | None]] = {
    "A": (("A", "A"), None),
    "O": (("O", "O"), None),
    "A-B": (("A", "B"), frozenset({"engagement", "active engagement"})),
}


def objects_of(rule: Rule | None, path: str) -> dict[str, str]:
    """Path parameter -> the object of the world it names for this route."""
    named = rule.objects if rule else {}
    return {p: named.get(p, p.removesuffix("_id")) for p in PATH_PARAM.findall(path)}


def expected_status(rule: Rule, caller: str, target: str) -> int:
    role, acts_for = CALLERS[caller]
    if role is None:
        return 401
    if role not in rule.may:
        return 403
    if rule.public or role == "admin":
        return rule.ok
    business_owner, vendor_owner = TARGETS[target][0]
    owner = {"business": business_owner, "vendor": vendor_owner}
    sides = rule.sides if role == "partner" else rule.sides & {role}
    return rule.ok if any(owner[side] == acts_for for side in sides) else 404


# --- the world ---------------------------------------------------------------------------


@dataclass
class World:
    callers: dict[str, dict[str, str]]
    objects: dict[str, Ids]  # target -> object -> id


def _ok(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


Side = tuple[dict[str, str], str]  # the headers that act for it, and its id


def _engage(market: Market, business: Side, vendor: Side, task_type: str, *, accept: bool) -> str:
    """An engagement of a new task of `business` on a new service of `vendor`."""
    business_headers, business_id = business
    vendor_headers, vendor_id = vendor
    task = market.task(business_id, business_headers, task_type=task_type)
    service = market.service(vendor_id, vendor_headers, task_type=task_type)
    engagement = _ok(
        market.client.post(
            f"/v1/tasks/{task['id']}/engagements",
            json={"service_id": service["id"]},
            headers=business_headers,
        ),
        201,
    )
    if accept:
        path = f"/v1/engagements/{engagement['id']}/accept"
        _ok(market.client.post(path, headers=vendor_headers), 200)
    return engagement["id"]


def build_world(market: Market) -> World:
    partners = {"A": market.partner(), "B": market.partner()}
    callers: dict[str, dict[str, str]] = {
        "no key": {},
        "garbage key": bearer("ofk_" + "x" * 43),
        "bootstrap admin": ADMIN,
        "admin key": market.key("admin")["headers"],
        "partner A": partners["A"],
        "partner B": partners["B"],
    }
    objects: dict[str, Ids] = {}
    vendors: dict[str, Side] = {}
    for owner, headers in (*partners.items(), ("O", ADMIN)):
        business = market.business(headers, name=f"Business {owner}")["id"]
        vendor = market.vendor(headers, name=f"Vendor {owner}")["id"]
        side: tuple[Side, Side] = ((headers, business), (headers, vendor))
        objects[owner] = {
            "business": business,
            "spare business": market.business(headers, name=f"Spare {owner}")["id"],
            # Listed, so vendors' routes have a task to see.
            "task": market.task(business, headers, visibility="listed")["id"],
            "vendor": vendor,
            "spare vendor": market.vendor(headers, name=f"Spare {owner}")["id"],
            "service": market.service(vendor, headers)["id"],
            "key": market.key("business", headers, business_id=business)["id"],
            "engagement": _engage(market, *side, "payroll", accept=False),
            "active engagement": _engage(market, *side, "invoicing", accept=True),
            "task type": "bookkeeping",
        }
        endpoint = _ok(
            market.client.post(
                "/v1/webhook-endpoints",
                json={"url": f"https://hooks.example.com/{owner}"},
                headers=market.business_key(business, headers),
            ),
            201,
        )["id"]
        # A test ping, so its deliveries log has something to list.
        _ok(market.client.post(f"/v1/webhook-endpoints/{endpoint}/test", headers=ADMIN), 202)
        objects[owner]["endpoint"] = endpoint
        objects[owner]["allocation"] = _ok(
            market.client.post(
                "/v1/allocations", json={"task_ids": [objects[owner]["task"]]}, headers=headers
            ),
            201,
        )["id"]
        objects[owner]["engaged task"] = _ok(
            market.client.get(f"/v1/engagements/{objects[owner]['engagement']}", headers=ADMIN),
            200,
        )["task_id"]
        vendors[owner] = (headers, vendor)
        callers[f"business {owner}"] = market.business_key(business, headers)
        callers[f"vendor {owner}"] = market.vendor_key(vendor, headers)
    business_a = (partners["A"], objects["A"]["business"])
    objects["A-B"] = {
        "engagement": _engage(market, business_a, vendors["B"], "email_management", accept=False),
        "active engagement": _engage(
            market, business_a, vendors["B"], "customer_service", accept=True
        ),
    }
    revoked = market.key("admin")
    response = market.client.delete(f"/v1/api-keys/{revoked['id']}", headers=ADMIN)
    assert response.status_code == 204, response.text
    callers["revoked admin key"] = revoked["headers"]
    past = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    callers["expired admin key"] = market.key("admin", expires_at=past)["headers"]
    assert set(callers) == set(CALLERS)
    for target, (_, has) in TARGETS.items():
        assert has is None or set(objects[target]) == has
    return World(callers=callers, objects=objects)


world_template, world = built_once("world", build_world)


def path_ids(world: World, rule: Rule | None, path: str, target: str) -> Ids:
    return {p: world.objects[target][o] for p, o in objects_of(rule, path).items()}


def fill(path: str, ids: Ids) -> str:
    return PATH_PARAM.sub(lambda m: ids[m.group(1)], path)


def call(
    client: TestClient,
    method: str,
    url: str,
    headers: dict[str, str],
    body: Any,
    query: dict[str, Any] | None = None,
) -> Any:
    return client.request(method, url, headers=headers, json=body, params=query)


# --- the route list itself ---------------------------------------------------------------


def test_every_id_bearing_route_in_the_app_has_exactly_one_policy_row(app):
    in_app = id_bearing(api_routes(app))
    assert in_app, "walking the app found no id-bearing routes: the flattening is broken"
    missing = sorted(in_app - POLICY.keys())
    stale = sorted(POLICY.keys() - in_app)
    assert not missing, f"id-bearing routes with no ownership policy: {missing}"
    assert not stale, f"policy rows for routes the app no longer has: {stale}"
    assert set(APP_ID_ROUTES) == in_app


def test_walking_the_app_finds_every_operation_of_the_openapi_document(app):
    walked = api_routes(app)
    documented = {
        (method.upper(), path)
        for path, item in app.openapi()["paths"].items()
        for method in item
        if method in {"get", "put", "post", "patch", "delete", "head", "options", "trace"}
    }
    in_schema = {(method, path) for method, path, shown in walked if shown}
    assert in_schema == documented
    # ...so the id-bearing routes under test are at least every documented one.
    assert id_bearing({(m, p, True) for m, p in documented}) <= POLICY.keys()


# --- the matrix --------------------------------------------------------------------------


def _applies(target: str, rule: Rule | None, path: str) -> bool:
    has = TARGETS[target][1]
    return has is None or set(objects_of(rule, path).values()) <= has


def _matrix() -> Iterator[Any]:
    for method, path in APP_ID_ROUTES:
        rule = POLICY.get((method, path))
        for caller, (role, _) in CALLERS.items():
            targets = [t for t in TARGETS if _applies(t, rule, path)]
            for target in targets if role is not None else targets[:1]:
                yield pytest.param(
                    method, path, caller, target, id=f"{method} {path} by {caller} on {target}"
                )


@pytest.mark.parametrize(("method", "path", "caller", "target"), list(_matrix()))
def test_each_caller_gets_exactly_the_status_the_policy_promises(
    client, world, engine, method, path, caller, target
):
    rule = POLICY.get((method, path))
    if rule is None:
        pytest.fail(f"{method} {path} is in the app but has no row in POLICY")
    want = expected_status(rule, caller, target)
    ids = path_ids(world, rule, path, target)
    body = rule.request_body(world.objects[target])
    before = unchanged_state(engine)

    response = call(client, method, fill(path, ids), world.callers[caller], body, rule.query)

    assert response.status_code == want, response.text
    if want >= 400:
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["status"] == want
        if want == 401:
            assert response.headers["www-authenticate"].startswith("Bearer")
        assert unchanged_state(engine) == before, "a refused request changed the database"
    elif method == "GET":
        found = response.json()
        params = PATH_PARAM.findall(path)
        if "data" in found:  # a list under its parent: not empty, and only the parent's own
            parent = params[0]
            assert found["data"], "the owner's list came back empty"
            assert all(item.get(parent, ids[parent]) == ids[parent] for item in found["data"])
        else:  # the object itself, named by its id (or, for the market, its task type)
            assert found.get("id", found.get(params[-1])) == ids[params[-1]]
    else:
        assert unchanged_state(engine) != before, "an accepted write changed nothing"


# --- ids from different owners in one path ----------------------------------------------


# Routes whose ids are not parent and child: any service may be asked about on a task.
NOT_NESTED = {("GET", "/v1/tasks/{task_id}/matches/{service_id}")}


def _mixed_paths() -> Iterator[Any]:
    for method, path in APP_ID_ROUTES:
        if len(PATH_PARAM.findall(path)) < 2 or (method, path) in NOT_NESTED:
            continue
        for caller in ("bootstrap admin", "partner A", "vendor A"):
            for child_owner in ("B", "O"):
                yield pytest.param(
                    method,
                    path,
                    caller,
                    child_owner,
                    id=f"{method} {path} by {caller}, A's parent with {child_owner}'s child",
                )


@pytest.mark.parametrize(("method", "path", "caller", "child_owner"), list(_mixed_paths()))
def test_a_child_is_not_found_under_a_parent_it_does_not_belong_to(
    client, world, engine, method, path, caller, child_owner
):
    """E.g. partner A's vendor with partner B's service: 404, even for the admin."""
    rule = POLICY.get((method, path))
    *_, last = PATH_PARAM.findall(path)
    ids = path_ids(world, rule, path, "A")
    ids[last] = path_ids(world, rule, path, child_owner)[last]
    body = rule.request_body(world.objects["A"]) if rule else None
    before = unchanged_state(engine)

    response = call(
        client, method, fill(path, ids), world.callers[caller], body, rule.query if rule else None
    )

    assert response.status_code == 404, response.text
    assert response.headers["content-type"] == PROBLEM
    assert unchanged_state(engine) == before


# --- someone else's object looks like no object -----------------------------------------


def _private_routes() -> Iterator[Any]:
    """Routes where partner B gets 404 on A's object, and where that object is not public
    anyway (vendors and services are readable by any key: their existence is no secret)."""
    for method, path in APP_ID_ROUTES:
        rule = POLICY.get((method, path))
        first = PATH_PARAM.search(path)
        assert first is not None
        reading = POLICY.get(("GET", path[: first.end()]))
        if rule is None or (reading is not None and reading.public):
            continue
        if expected_status(rule, "partner B", "A") == 404:
            yield pytest.param(method, path, id=f"{method} {path}")


@pytest.mark.parametrize(("method", "path"), list(_private_routes()))
def test_someone_elses_object_is_indistinguishable_from_a_missing_one(
    client, world, engine, method, path
):
    rule = POLICY[(method, path)]
    headers = world.callers["partner B"]
    foreign_ids = path_ids(world, rule, path, "A")
    missing_ids = {name: f"{value[:4]}doesnotexist" for name, value in foreign_ids.items()}
    body = rule.request_body(world.objects["A"])

    foreign = call(client, method, fill(path, foreign_ids), headers, body, rule.query)
    missing = call(client, method, fill(path, missing_ids), headers, body, rule.query)

    assert foreign.status_code == missing.status_code == 404
    # Every response has its own request id; all else must be the same, byte for byte.
    masked = foreign.text.replace(foreign.headers["x-request-id"], "(request id)")
    for name, value in foreign_ids.items():
        masked = masked.replace(value, missing_ids[name])
    assert masked == missing.text.replace(missing.headers["x-request-id"], "(request id)")
