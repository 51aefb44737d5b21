"""Contract fuzzing: every operation of the committed openapi/openapi.json against the app.

Schemathesis generates requests from the committed document (not from the live app, so a
drifted spec is caught here too) and sends them in-process to the app on the test database,
with every default check: no server error, status codes, content types, headers and bodies
as documented, schema-valid data accepted, schema-violating data rejected, auth enforced.

- ``test_contract_as_admin``: every operation, 100 generated examples each (plus the spec's
  examples and the coverage phase's boundary and negative cases), as the admin.
- ``test_contract_as_business``: every operation behind a key, 100 schema-valid examples
  each, as a business key: what a tenant may see and do. Validation does not depend on the
  role, so the negative and coverage cases run once, as the admin.
- ``test_stateful``: scenarios that chain operations through the links Schemathesis infers
  (createBusiness -> getBusiness / updateBusiness / createTask -> getTask ...), per role.

Path ids point at real objects (a business, task, vendor, service, engagement and key);
operations that use their object up (deletes, engagement transitions, key revocation) get a
fresh one once an example has used the last one up (answered 2xx; a refused request changes
nothing). Runs are deterministic (derandomized Hypothesis).

A deeper run, 1,000 examples per operation and 1,000 stateful scenarios per role:

    OFFLOAD_FUZZ_EXAMPLES=1000 python -m pytest -q tests/test_contract.py

(``OFFLOAD_FUZZ_SCENARIOS`` sets the stateful count on its own; it defaults to the same.)
"""

import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, settings
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy.engine import Engine

from api.fields import text_fault
from api.migrate import ROOT
from api.models import metadata
from tests.conftest import KEEP_TABLES
from tests.helpers import ADMIN, Market

SPEC_PATH = ROOT / "openapi" / "openapi.json"
EXAMPLES = int(os.environ.get("OFFLOAD_FUZZ_EXAMPLES", "100"))
SCENARIOS = int(os.environ.get("OFFLOAD_FUZZ_SCENARIOS", str(EXAMPLES)))
HYPOTHESIS = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    # Each test's data is set up once for all its examples, on purpose. Large bodies are slow
    # to generate on a loaded machine, and a timing check must not make CI flaky.
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


def _values(*values: str) -> dict[str, list[str]]:
    return {"values": list(values)}


def _bind(dictionary: str, *paths: str) -> dict[str, Any]:
    # Mostly real values, so requests get past validation; still some random ones.
    return {path: {"dictionary": dictionary, "probability": 0.8} for path in paths}


def _config(**overrides: Any) -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "checks": {
                "negative_data_rejection": {
                    # The default list, plus 413: a body over OFFLOAD_MAX_BODY_BYTES (say,
                    # a batch over its maxItems) is refused before it is even parsed.
                    "expected-statuses": [
                        *("400", "401", "403", "404", "405", "406", "409", "413", "415"),
                        *("422", "428", "429", "5xx"),
                    ]
                },
                "positive_data_acceptance": {
                    # The default list, plus 412: a random If-Match is well formed but names
                    # no current version.
                    "expected-statuses": [
                        *("2xx", "3xx", "401", "403", "404", "409", "412", "429", "5xx")
                    ]
                },
            },
            # Values the schema cannot list (code lists, the taxonomy) for fields that take them.
            "dictionaries": {
                "countries": _values("US", "PH", "DE", "gb"),
                "currencies": _values("USD", "EUR", "PHP", "usd"),
                "languages": _values("en", "es", "tl", "DE"),
                "timezones": _values("America/New_York", "Asia/Manila", "Europe/Berlin", "UTC"),
                "task_types": _values(
                    *("invoicing", "bookkeeping", "payroll", "appointment_scheduling"),
                    *("email_management", "social_media", "customer_service"),
                ),
            },
            "parameters": {
                **_bind(
                    "countries", "body.country", "query.country", "body.targeting.countries[*]"
                ),
                **_bind(
                    "currencies",
                    *("body.currency", "body.budget.currency", "body.pricing.currency"),
                    *("body.task.budget.currency", "body.hourly_value.currency"),
                    *("body.targeting.min_budget.currency", "query.currency"),
                ),
                **_bind(
                    "languages", "body.languages[*]", "body.task.languages[*]", "query.language"
                ),
                **_bind(
                    "timezones",
                    *("body.timezone", "body.coverage.timezone", "body.task.coverage.timezone"),
                ),
                **_bind("task_types", "body.task_type", "body.task.task_type", "path.task_type"),
            },
            **overrides,
        }
    )


admin_schema = schemathesis.openapi.from_path(SPEC_PATH, config=_config())
business_schema = schemathesis.openapi.from_path(
    SPEC_PATH,
    config=_config(phases={"coverage": {"enabled": False}}, generation={"mode": "positive"}),
).exclude(func=lambda ctx: not ctx.operation.definition.raw.get("security"))

# The key the auth provider sends, set by the `caller` fixture. The coverage phase builds its
# cases at collection, before any key exists: they carry a stand-in, swapped before sending.
_CALLER: dict[str, str] = {}
_STAND_IN = "Bearer role-key"


class RoleKey:
    """The role's key on every request; Schemathesis leaves it off where it tests auth."""

    def get(self, case: Any, context: Any) -> str:
        return _CALLER.get("authorization", _STAND_IN)

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": data}


for _schema in (admin_schema, business_schema):
    _schema.auth(refresh_interval=None)(RoleKey)


def _sign_in(market: Market, role: str) -> dict[str, Any]:
    """A business and its key; the role's key goes to the auth provider."""
    business = market.business()
    business_key = market.key("business", business_id=business["id"])
    headers = ADMIN if role == "admin" else business_key["headers"]
    _CALLER["authorization"] = headers["Authorization"]
    return {"business": business, "business_key": business_key}


def _swap_stand_in(case: Any) -> None:
    if case.headers and case.headers.get("Authorization") == _STAND_IN:
        case.headers["Authorization"] = _CALLER["authorization"]


@pytest.fixture(autouse=True)
def _no_open_proposal_cap(app: FastAPI, swap_state: Callable[..., None]) -> None:
    """Every example proposes afresh for the caller's one business, and failed examples leave
    their proposals open; the open-proposal cap is not what this module tests (see
    tests/security/test_marketplace_abuse.py), so it is lifted here."""
    uncapped = app.state.settings.model_copy(update={"max_open_proposals": 1_000_000})
    swap_state(settings=uncapped)


@pytest.fixture
def caller(market: Market, role: str) -> Iterator[dict[str, Any]]:
    yield _sign_in(market, role)
    _CALLER.clear()


@dataclass
class World:
    """Ids of real objects for path parameters, makers of fresh ones, and the fresh ones
    made and not used up yet (per operation)."""

    ids: dict[str, str]
    fresh: dict[str, Callable[[], dict[str, str]]]
    unused: dict[str, dict[str, str]] = field(default_factory=dict)


@pytest.fixture
def world(market: Market, role: str, caller: dict[str, Any]) -> World:
    client = market.client
    business = caller["business"]

    def task() -> str:
        return str(market.task(business["id"], volume=1)["id"])

    vendor = market.vendor()
    service = market.service(vendor["id"], capacity=10_000_000)

    def engagement(*steps: str) -> str:
        created = client.post(
            f"/v1/tasks/{task()}/engagements", json={"service_id": service["id"]}, headers=ADMIN
        )
        assert created.status_code == 201, created.text
        engagement_id: str = created.json()["id"]
        for step in steps:
            moved = client.post(f"/v1/engagements/{engagement_id}/{step}", headers=ADMIN)
            assert moved.status_code == 200, moved.text
        return engagement_id

    def vendor_with_service() -> dict[str, str]:
        vendor_id = market.vendor()["id"]
        return {"vendor_id": vendor_id, "service_id": market.service(vendor_id)["id"]}

    def allocation() -> dict[str, str]:
        created = client.post("/v1/allocations", json={"task_ids": [task()]}, headers=ADMIN)
        assert created.status_code == 201, created.text
        return {"allocation_id": created.json()["id"]}

    declined = engagement("decline")  # the task is open again, with some history
    fresh: dict[str, Callable[[], dict[str, str]]] = {
        "deleteTask": lambda: {"task_id": task()},
        "createEngagement": lambda: {"task_id": task()},
        "acceptEngagement": lambda: {"engagement_id": engagement()},
        "declineEngagement": lambda: {"engagement_id": engagement()},
        "cancelEngagement": lambda: {"engagement_id": engagement()},
        "completeEngagement": lambda: {"engagement_id": engagement("accept")},
        "commitAllocation": allocation,
        "revokeApiKey": lambda: {
            "key_id": market.key("business", business_id=business["id"])["id"]
        },
    }
    if role == "admin":  # a business key may not delete these, so it keeps the shared ones
        fresh |= {
            "deleteBusiness": lambda: {"business_id": market.business()["id"]},
            "deleteVendor": lambda: {"vendor_id": market.vendor()["id"]},
            "deleteService": vendor_with_service,
        }
    ids = {
        "business_id": business["id"],
        "task_id": client.get(f"/v1/engagements/{declined}", headers=ADMIN).json()["task_id"],
        "vendor_id": vendor["id"],
        "service_id": service["id"],
        "engagement_id": declined,
        "key_id": caller["business_key"]["id"],
        "task_type": "bookkeeping",
    }
    return World(ids=ids, fresh=fresh)


def _is_negative(case: Any, location: ParameterLocation) -> bool:
    return case.meta is not None and case.meta.is_negative_at(location)


# Body fields that name other objects: mostly real ids, some random ones.
_BODY_REFERENCES = {"service_id", "business_id", "vendor_id"}


def _aim(case: Any, world: World) -> None:
    """Point a schema-valid case's ids at real objects; invalid ones stay as generated."""
    if case.path_parameters and not _is_negative(case, ParameterLocation.PATH):
        ids = dict(world.ids)
        operation = case.operation.definition.raw["operationId"]
        make = world.fresh.get(operation)
        if make is not None:
            if operation not in world.unused:
                world.unused[operation] = make()
            ids |= world.unused[operation]
        case.path_parameters = {name: ids.get(name, v) for name, v in case.path_parameters.items()}
    if isinstance(case.body, dict) and not _is_negative(case, ParameterLocation.BODY):
        body = dict(case.body)
        for name in _BODY_REFERENCES & body.keys():
            if isinstance(body[name], str) and zlib.crc32(body[name].encode()) % 4:
                body[name] = world.ids[name]
        ids = body.get("task_ids")
        if isinstance(ids, list) and ids and zlib.crc32(repr(ids).encode()) % 4:
            body["task_ids"] = [world.ids["task_id"]]
        case.body = body


# positive_data_acceptance expects schema-valid data never to get a 422. Here a 422 on
# schema-valid data is right when every error is one of the rules no JSON Schema can state,
# recognised by the last name in the error's field path and a code the schema never causes:
_BEYOND_SCHEMA_FIELDS = {
    # membership of a code list (ISO 3166-1, ISO 4217, ISO 639-1, IANA time zones)
    *("country", "countries", "currency", "languages", "language", "timezone"),
    # the task-type taxonomy, which is data and grows
    "task_type",
    # references to other objects, and which of them a key's role takes
    *("service_id", "business_id", "vendor_id", "partner_id", "task_ids"),
    # rules across fields: budget min <= max; hourly pricing needs units_per_hour and the
    # others refuse it; weights not all zero
    *("max", "units_per_hour", "weights"),
    # opaque: only cursors this API handed out, and ids of events it wrote
    *("cursor", "after"),
    # where webhooks may go: https on a public address (docs/webhooks.md); "*" alone
    *("url", "event_types"),
    # a time from 1970 to 9999-12-30 in UTC, never past the creating key's own expiry
    "expires_at",
}
_BEYOND_SCHEMA_CODES = {
    # a validator's own refusal; the API's codes for unknown objects, an unknown task type,
    # no exchange rate, a task type the service does not offer, a foreign cursor, all-zero weights
    *("value_error", "enum", "not_found", "currency", "task_type", "cursor", "weights"),
    *("datetime_out_of_range", "outlives_creator", "url"),
}


_TEXT_CODES = {"nul_character", "control_character", "bidi_control", "invisible_text"}


def _value_at(case: Any, field: str) -> Any:
    """What the case sent at an error's field path, e.g. `body.languages.0`; None if absent."""
    location, *path = field.split(".")
    value: Any = case.body if location == "body" else case.query
    try:
        for part in path:
            value = value[int(part)] if isinstance(value, list) else value[part]
    except (KeyError, IndexError, ValueError, TypeError):
        return None
    return value


def _beyond_schema(case: Any, error: dict[str, str]) -> bool:
    if error["code"] == "string_too_short":
        # Surrounding whitespace is trimmed before the length limit applies.
        raw = _value_at(case, error["field"])
        return isinstance(raw, str) and raw != raw.strip()
    if error["code"] in _TEXT_CODES:
        # The text rules (docs/api.md: no control characters, bidi controls or invisible-only
        # text); the schema does not repeat them on every string.
        raw = _value_at(case, error["field"])
        texts = raw if isinstance(raw, list) else [raw]
        return any(
            isinstance(text, str) and text_fault(text, multiline=False) is not None
            for text in texts
        )
    name = next(part for part in reversed(error["field"].split(".")) if not part.isdigit())
    return name in _BEYOND_SCHEMA_FIELDS and error["code"] in _BEYOND_SCHEMA_CODES


def positive_data_acceptance_within_schema(ctx: Any, response: Any, case: Any) -> bool | None:
    if response.status_code == 422:
        problem = response.json()
        if problem["type"].endswith("/idempotency-key-reused"):
            # The fuzzer sent this Idempotency-Key before with another body: a replay rule.
            return None
        errors = problem.get("errors") or []
        if errors and all(_beyond_schema(case, error) for error in errors):
            return None
    return positive_data_acceptance(ctx, response, case)


CHECKS: dict[str, Any] = {
    "excluded_checks": [positive_data_acceptance],
    "additional_checks": [positive_data_acceptance_within_schema],
}


def _send(case: Any, world: World, app: FastAPI) -> None:
    case.operation.app = app  # the spec comes from a file; requests go to the app in-process
    case.operation.schema.app = app
    _swap_stand_in(case)
    _aim(case, world)
    response = case.call()
    if response.status_code < 300:  # it may have used up its fresh object
        world.unused.pop(case.operation.definition.raw["operationId"], None)
    case.validate_response(response, **CHECKS)


@pytest.mark.parametrize("role", ["admin"])
@admin_schema.parametrize()
@settings(max_examples=EXAMPLES, **HYPOTHESIS)
def test_contract_as_admin(case: Any, world: World, app: FastAPI) -> None:
    _send(case, world, app)


@pytest.mark.parametrize("role", ["business"])
@business_schema.parametrize()
@settings(max_examples=EXAMPLES, **HYPOTHESIS)
def test_contract_as_business(case: Any, world: World, app: FastAPI) -> None:
    _send(case, world, app)


@pytest.mark.parametrize("role", ["admin", "business"])
def test_stateful(app: FastAPI, engine: Engine, market: Market, role: str, caller: Any) -> None:
    admin_schema.app = app

    class Workflow(admin_schema.as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            # Every scenario starts from the same data, so a failing one replays as it ran.
            with engine.begin() as conn:
                for table in reversed(metadata.sorted_tables):
                    if table.name not in KEEP_TABLES:
                        conn.execute(table.delete())
            _sign_in(market, role)

        def before_call(self, case: Any) -> None:
            _swap_stand_in(case)

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"app": app}

        def validate_response(
            self, response: Any, case: Any, additional_checks: Any = None, **kwargs: Any
        ) -> None:
            case.validate_response(
                response, **CHECKS, transport_kwargs=kwargs or None, recorder=self.recorder
            )

    Workflow.run(
        settings=settings(
            max_examples=SCENARIOS,
            stateful_step_count=10,
            # No shrinking: a scenario replays against a database, not a pure function.
            phases=[Phase.generate],
            **HYPOTHESIS,
        )
    )
