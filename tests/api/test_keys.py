"""API keys: issued once, stored hashed, bound to what they act for, revocable at once."""

import hashlib
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.engine import Engine

from api.keys.models import ApiKey
from api.main import create_app
from api.models import metadata
from api.settings import Settings
from tests.helpers import ADMIN, ADMIN_KEY, bearer, snapshot

PROBLEM = "application/problem+json"
OFFLOAD_CLI = Path(sys.executable).parent / "offload"


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


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _listed(client, headers) -> dict[str, dict]:
    response = client.get("/v1/api-keys", headers=headers, params={"limit": 100})
    assert response.status_code == 200, response.text
    assert response.json()["next_cursor"] is None
    return {key["id"]: key for key in response.json()["data"]}


def _assert_unauthorized(response) -> None:
    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["www-authenticate"].startswith("Bearer")


def _assert_invalid(response, field: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert [error["field"] for error in response.json()["errors"]] == [field]


# --- the secret --------------------------------------------------------------------------


def test_the_secret_is_in_the_creation_response_only(client, market):
    response = client.post(
        "/v1/api-keys", json={"role": "partner", "name": "Ledger"}, headers=ADMIN
    )

    assert response.status_code == 201
    assert response.headers["cache-control"] == "no-store"
    created = response.json()
    secret = created["secret"]
    assert secret.startswith("ofk_")
    assert len(secret) >= 40
    assert created["prefix"] == secret[: len(created["prefix"])]
    for headers in (ADMIN, bearer(secret)):
        listing = client.get("/v1/api-keys", headers=headers)
        assert listing.status_code == 200
        assert secret not in listing.text
        listed = {key["id"]: key for key in listing.json()["data"]}
        assert "secret" not in listed[created["id"]]
        assert "secret_hash" not in listed[created["id"]]
        shown = {k: v for k, v in listed[created["id"]].items() if k != "last_used_at"}
        assert shown == {k: v for k, v in created.items() if k not in ("secret", "last_used_at")}


def test_each_key_gets_its_own_secret(market):
    secrets = {market.key("partner")["secret"] for _ in range(5)}
    assert len(secrets) == 5


def test_only_the_sha256_of_the_secret_is_stored(market, engine):
    created = market.key("admin")
    secret = created["secret"]

    with engine.connect() as conn:
        row = conn.execute(select(ApiKey.__table__).where(ApiKey.id == created["id"])).one()
    assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert all(secret not in str(value) for value in row)
    everything = repr(snapshot(engine))
    assert secret not in everything
    assert secret[len(created["prefix"]) :] not in everything


# --- who may create which key ------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "partner", "business", "vendor"])
def test_an_admin_may_create_a_key_of_every_role_and_it_works(client, market, role):
    business, vendor = market.business(), market.vendor()
    binding = {"business": {"business_id": business["id"]}, "vendor": {"vendor_id": vendor["id"]}}

    created = market.key(role, **binding.get(role, {}))

    assert created["role"] == role
    assert created["business_id"] == binding.get(role, {}).get("business_id")
    assert created["vendor_id"] == binding.get(role, {}).get("vendor_id")
    assert client.get(f"/v1/vendors/{vendor['id']}", headers=created["headers"]).status_code == 200


def test_an_admin_partner_key_without_partner_id_starts_a_new_partner(market):
    first, second = market.key("partner"), market.key("partner")
    assert first["partner_id"] is not None
    assert second["partner_id"] is not None
    assert first["partner_id"] != second["partner_id"]


def test_an_admin_may_add_a_key_to_an_existing_partner(client, market):
    original = market.key("partner")
    business = market.business(original["headers"])

    added = market.key("partner", partner_id=original["partner_id"])

    assert added["partner_id"] == original["partner_id"]
    response = client.get(f"/v1/businesses/{business['id']}", headers=added["headers"])
    assert response.status_code == 200


def test_an_admin_naming_an_unknown_partner_is_refused_naming_the_field(client, engine):
    before = unchanged_state(engine)
    response = client.post(
        "/v1/api-keys",
        json={"role": "partner", "name": "x", "partner_id": "ptn_doesnotexist"},
        headers=ADMIN,
    )
    _assert_invalid(response, "body.partner_id")
    assert unchanged_state(engine) == before


def test_a_partner_may_create_more_partner_keys_for_itself(client, market):
    partner = market.key("partner")
    business = market.business(partner["headers"])

    own = market.key("partner", partner["headers"])
    explicit = market.key("partner", partner["headers"], partner_id=partner["partner_id"])

    assert own["partner_id"] == explicit["partner_id"] == partner["partner_id"]
    for key in (own, explicit):
        response = client.get(f"/v1/businesses/{business['id']}", headers=key["headers"])
        assert response.status_code == 200


def test_a_partner_may_create_business_and_vendor_keys_for_what_it_owns(client, market):
    partner = market.partner()
    business, vendor = market.business(partner), market.vendor(partner)

    business_key = market.key("business", partner, business_id=business["id"])
    vendor_key = market.key("vendor", partner, vendor_id=vendor["id"])

    response = client.get(f"/v1/businesses/{business['id']}", headers=business_key["headers"])
    assert response.status_code == 200
    response = client.patch(
        f"/v1/vendors/{vendor['id']}", json={"name": "Renamed"}, headers=vendor_key["headers"]
    )
    assert response.status_code == 200


@pytest.mark.parametrize("owner", ["another partner", "the admin", "nobody"])
@pytest.mark.parametrize(("role", "field"), [("business", "business_id"), ("vendor", "vendor_id")])
def test_a_partner_may_not_create_keys_for_what_it_does_not_own(
    client, market, engine, owner, role, field
):
    partner, other = market.partner(), market.partner()
    make = market.business if role == "business" else market.vendor
    object_id = {
        "another partner": lambda: make(other)["id"],
        "the admin": lambda: make(ADMIN)["id"],
        "nobody": lambda: f"{role[:3]}_doesnotexist",
    }[owner]()
    before = unchanged_state(engine)

    response = client.post(
        "/v1/api-keys", json={"role": role, "name": "x", field: object_id}, headers=partner
    )

    _assert_invalid(response, f"body.{field}")
    assert unchanged_state(engine) == before


def test_a_partner_may_not_add_keys_to_another_partner(client, market, engine):
    partner, other = market.partner(), market.key("partner")
    before = unchanged_state(engine)

    response = client.post(
        "/v1/api-keys",
        json={"role": "partner", "name": "x", "partner_id": other["partner_id"]},
        headers=partner,
    )

    _assert_invalid(response, "body.partner_id")
    assert unchanged_state(engine) == before


def test_a_partner_may_not_create_an_admin_key(client, market, engine):
    partner = market.partner()
    before = unchanged_state(engine)

    response = client.post("/v1/api-keys", json={"role": "admin", "name": "x"}, headers=partner)

    assert response.status_code == 403
    assert response.headers["content-type"] == PROBLEM
    assert unchanged_state(engine) == before


@pytest.mark.parametrize("caller", ["business", "vendor"])
@pytest.mark.parametrize("role", ["admin", "partner", "business", "vendor"])
def test_business_and_vendor_keys_may_not_create_keys(client, market, engine, caller, role):
    business, vendor = market.business(), market.vendor()
    headers = (
        market.business_key(business["id"])
        if caller == "business"
        else market.vendor_key(vendor["id"])
    )
    binding = {"business": {"business_id": business["id"]}, "vendor": {"vendor_id": vendor["id"]}}
    before = unchanged_state(engine)

    response = client.post(
        "/v1/api-keys",
        json={"role": role, "name": "x", **binding.get(role, {})},
        headers=headers,
    )

    assert response.status_code == 403, response.text
    assert response.headers["content-type"] == PROBLEM
    assert unchanged_state(engine) == before


# --- binding rules -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({"role": "business"}, "body.business_id", id="business key without business"),
        pytest.param({"role": "vendor"}, "body.vendor_id", id="vendor key without vendor"),
        pytest.param(
            {"role": "business", "business_id": "BIZ", "vendor_id": "VEN"},
            "body.vendor_id",
            id="business key with a vendor too",
        ),
        pytest.param(
            {"role": "vendor", "vendor_id": "VEN", "business_id": "BIZ"},
            "body.business_id",
            id="vendor key with a business too",
        ),
        pytest.param(
            {"role": "partner", "business_id": "BIZ"}, "body.business_id", id="partner + business"
        ),
        pytest.param(
            {"role": "partner", "vendor_id": "VEN"}, "body.vendor_id", id="partner + vendor"
        ),
        pytest.param(
            {"role": "admin", "business_id": "BIZ"}, "body.business_id", id="admin + business"
        ),
        pytest.param(
            {"role": "admin", "partner_id": "PTN"}, "body.partner_id", id="admin + partner"
        ),
        pytest.param(
            {"role": "business", "business_id": "BIZ", "partner_id": "PTN"},
            "body.partner_id",
            id="business key with a partner",
        ),
        pytest.param({"role": "owner"}, "body.role", id="unknown role"),
        pytest.param(
            {"role": "admin", "expires_at": "2030-01-01T00:00:00"},
            "body.expires_at",
            id="expires_at without a UTC offset",
        ),
    ],
)
def test_a_key_must_be_bound_exactly_as_its_role_requires(client, market, engine, body, field):
    ids = {"BIZ": market.business()["id"], "VEN": market.vendor()["id"]}
    ids["PTN"] = market.key("partner")["partner_id"]
    body = {"name": "x", **{k: ids.get(v, v) for k, v in body.items()}}
    before = unchanged_state(engine)

    response = client.post("/v1/api-keys", json=body, headers=ADMIN)

    _assert_invalid(response, field)
    assert unchanged_state(engine) == before


# --- revocation --------------------------------------------------------------------------


def test_a_revoked_key_is_refused_on_the_very_next_request(client, market):
    key = market.key("partner")
    assert client.get("/v1/api-keys", headers=key["headers"]).status_code == 200

    response = client.delete(f"/v1/api-keys/{key['id']}", headers=ADMIN)

    assert response.status_code == 204
    assert response.content == b""
    _assert_unauthorized(client.get("/v1/api-keys", headers=key["headers"]))
    _assert_unauthorized(client.get("/v1/vendors", headers=key["headers"]))


def test_a_key_may_revoke_itself_and_then_no_longer_works(client, market):
    key = market.key("partner")

    response = client.delete(f"/v1/api-keys/{key['id']}", headers=key["headers"])

    assert response.status_code == 204
    _assert_unauthorized(client.get("/v1/api-keys", headers=key["headers"]))


def test_revoking_twice_is_harmless_and_keeps_the_first_revocation_time(client, market):
    key = market.key("partner")
    keeper = market.key("partner")  # the other partner's keys keep working

    first = client.delete(f"/v1/api-keys/{key['id']}", headers=ADMIN)
    revoked_at = _listed(client, ADMIN)[key["id"]]["revoked_at"]
    second = client.delete(f"/v1/api-keys/{key['id']}", headers=ADMIN)

    assert first.status_code == second.status_code == 204
    assert revoked_at is not None
    assert _listed(client, ADMIN)[key["id"]]["revoked_at"] == revoked_at
    assert client.get("/v1/api-keys", headers=keeper["headers"]).status_code == 200


def test_revoking_one_key_leaves_the_partners_other_keys_working(client, market):
    first = market.key("partner")
    second = market.key("partner", first["headers"])

    assert client.delete(f"/v1/api-keys/{first['id']}", headers=ADMIN).status_code == 204

    _assert_unauthorized(client.get("/v1/api-keys", headers=first["headers"]))
    assert client.get("/v1/api-keys", headers=second["headers"]).status_code == 200


def test_revoking_an_unknown_key_is_not_found(client, engine):
    before = unchanged_state(engine)
    response = client.delete("/v1/api-keys/key_doesnotexist", headers=ADMIN)
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert unchanged_state(engine) == before


# --- expiry ------------------------------------------------------------------------------


def test_a_key_past_its_expiry_is_refused(client, market):
    key = market.key("admin", expires_at=_iso(datetime.now(UTC) - timedelta(seconds=1)))

    response = client.get("/v1/api-keys", headers=key["headers"])

    _assert_unauthorized(response)
    assert "expired" in response.json()["detail"]


def test_a_key_before_its_expiry_works(client, market):
    expires = datetime.now(UTC) + timedelta(hours=1)
    key = market.key("admin", expires_at=_iso(expires))

    assert datetime.fromisoformat(key["expires_at"]) == expires
    assert client.get("/v1/api-keys", headers=key["headers"]).status_code == 200


def test_expires_at_with_another_offset_is_returned_in_utc(client, market):
    key = market.key("admin", expires_at="2030-01-01T02:00:00+02:00")

    assert key["expires_at"] == "2030-01-01T00:00:00Z"
    assert _listed(client, ADMIN)[key["id"]]["expires_at"] == "2030-01-01T00:00:00Z"


# --- the bootstrap admin key -------------------------------------------------------------


def test_the_configured_admin_key_bootstraps_a_fresh_deployment(client):
    assert client.get("/v1/api-keys", headers=ADMIN).json()["data"] == []

    response = client.post("/v1/api-keys", json={"role": "admin", "name": "ops"}, headers=ADMIN)

    assert response.status_code == 201
    created = response.json()
    assert client.get("/v1/api-keys", headers=bearer(created["secret"])).status_code == 200


@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param(f"Bearer {ADMIN_KEY}x", id="admin key with an extra character"),
        pytest.param(f"Bearer {ADMIN_KEY[:-1]}", id="admin key missing a character"),
        pytest.param(f"Bearer {ADMIN_KEY.upper()}", id="admin key in the wrong case"),
        pytest.param(f"Basic {ADMIN_KEY}", id="admin key under the wrong scheme"),
        pytest.param("Bearer ofk_" + "A" * 43, id="well-formed unknown key"),
        pytest.param("Bearer " + "ofk_" + "A" * 300, id="overlong key"),
        pytest.param("Bearer", id="scheme without a key"),
        pytest.param("", id="empty header"),
    ],
)
def test_a_wrong_key_is_401_with_a_bearer_challenge(client, engine, authorization):
    before = unchanged_state(engine)
    response = client.post(
        "/v1/api-keys",
        json={"role": "admin", "name": "x"},
        headers={"Authorization": authorization},
    )
    _assert_unauthorized(response)
    assert unchanged_state(engine) == before


def test_no_key_at_all_is_401_with_a_bearer_challenge(client):
    _assert_unauthorized(client.get("/v1/api-keys"))


def _client_with_admin_key(database_url: str, admin_key: str | None) -> TestClient:
    """A second app on the same database, configured with another OFFLOAD_ADMIN_KEY."""
    settings = Settings(database_url=database_url, admin_key=admin_key)
    return TestClient(create_app(settings), raise_server_exceptions=False)


def test_without_the_setting_the_bootstrap_key_is_just_a_wrong_key(database_url, engine):
    with _client_with_admin_key(database_url, None) as client:
        _assert_unauthorized(client.get("/v1/api-keys", headers=ADMIN))


def test_an_empty_admin_key_setting_admits_nobody(database_url, engine):
    with _client_with_admin_key(database_url, "") as client:
        _assert_unauthorized(client.get("/v1/api-keys", headers={"Authorization": "Bearer "}))
        _assert_unauthorized(client.get("/v1/api-keys", headers=ADMIN))


# --- who sees which keys -----------------------------------------------------------------


def test_each_role_lists_exactly_the_keys_it_may_manage(client, market):
    partner_a, partner_b = market.key("partner"), market.key("partner")
    business_a = market.business(partner_a["headers"])
    vendor_a = market.vendor(partner_a["headers"])
    business_b = market.business(partner_b["headers"])
    admins_business = market.business()
    keys = {
        "partner A": partner_a,
        "partner A, second": market.key("partner", partner_a["headers"]),
        "partner B": partner_b,
        "business A": market.key("business", partner_a["headers"], business_id=business_a["id"]),
        "business A, revoked": market.key("business", business_id=business_a["id"]),
        "vendor A": market.key("vendor", partner_a["headers"], vendor_id=vendor_a["id"]),
        "business B": market.key("business", partner_b["headers"], business_id=business_b["id"]),
        "admin's business": market.key("business", business_id=admins_business["id"]),
        "admin": market.key("admin"),
    }
    revoked = keys["business A, revoked"]["id"]
    assert client.delete(f"/v1/api-keys/{revoked}", headers=ADMIN).status_code == 204
    expected = {
        "admin": set(keys),
        "partner A": {
            "partner A",
            "partner A, second",
            "business A",
            "business A, revoked",
            "vendor A",
        },
        "partner B": {"partner B", "business B"},
        "business A": {"business A", "business A, revoked"},
        "vendor A": {"vendor A"},
        "admin's business": {"admin's business"},
    }
    names = {key["id"]: name for name, key in keys.items()}

    for caller, visible in expected.items():
        listed = _listed(client, keys[caller]["headers"])
        assert {names[key_id] for key_id in listed} == visible, caller
        if revoked in listed:
            assert listed[revoked]["revoked_at"] is not None


def test_a_key_cannot_revoke_a_key_it_cannot_list(client, market, engine):
    partner_a, partner_b = market.partner(), market.key("partner")
    business_b = market.business(partner_b["headers"])
    targets = [
        partner_b,
        market.key("business", partner_b["headers"], business_id=business_b["id"]),
    ]
    callers = [
        partner_a,
        market.business_key(market.business(partner_a)["id"], partner_a),
        market.vendor_key(market.vendor(partner_a)["id"], partner_a),
    ]
    before = unchanged_state(engine)

    for target in targets:
        for headers in callers:
            response = client.delete(f"/v1/api-keys/{target['id']}", headers=headers)
            assert response.status_code == 404
            assert response.headers["content-type"] == PROBLEM

    assert unchanged_state(engine) == before
    for target in targets:
        assert client.get("/v1/api-keys", headers=target["headers"]).status_code == 200


# --- the command line --------------------------------------------------------------------


def _cli(*args: str, database_url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OFFLOAD_")}
    env["OFFLOAD_DATABASE_URL"] = database_url
    # This checkout's code and migrations, even where `offload` is installed from another.
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    return subprocess.run(
        [str(OFFLOAD_CLI), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_the_cli_prints_a_working_admin_secret_alone_on_its_last_line(
    client, engine, database_url, tmp_path
):
    result = _cli("keys", "create", "--role", "admin", database_url=database_url, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    secret = lines[-1]
    assert secret.startswith("ofk_")
    assert secret == secret.strip()
    assert " " not in secret
    assert result.stdout.count(secret) == 1
    listed = _listed(client, bearer(secret))
    (key,) = [key for key in listed.values() if secret.startswith(key["prefix"])]
    assert key["role"] == "admin"
    assert key["id"] in lines[-2]
    response = client.post(
        "/v1/api-keys", json={"role": "partner", "name": "p"}, headers=bearer(secret)
    )
    assert response.status_code == 201
    with engine.connect() as conn:
        stored = conn.execute(select(ApiKey.__table__.c.secret_hash)).scalars().all()
    assert hashlib.sha256(secret.encode()).hexdigest() in stored


def test_the_cli_refuses_a_business_key_without_a_business(engine, database_url, tmp_path):
    before = unchanged_state(engine)

    result = _cli("keys", "create", "--role", "business", database_url=database_url, cwd=tmp_path)

    assert result.returncode == 2
    assert "business_id" in result.stderr
    assert "ofk_" not in result.stdout
    assert unchanged_state(engine) == before
