"""Text, time zones and times a hostile partner sends are refused with a problem naming the
field, and change nothing; a key cannot mint a key that outlives it."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.helpers import ADMIN, business_body, snapshot, task_body, vendor_body

PROBLEM = "application/problem+json"


@pytest.fixture
def world(market):
    return market.one_of_each()


ROUTES = {
    "create-business": ("POST", "/v1/businesses", business_body()),
    "update-business": ("PATCH", "/v1/businesses/{business}", {}),
    "create-task": ("POST", "/v1/businesses/{business}/tasks", task_body()),
    "update-task": ("PATCH", "/v1/tasks/{task}", {}),
    "create-vendor": ("POST", "/v1/vendors", vendor_body()),
    "update-vendor": ("PATCH", "/v1/vendors/{vendor}", {}),
    "update-service": ("PATCH", "/v1/vendors/{vendor}/services/{service}", {}),
    "create-api-key": ("POST", "/v1/api-keys", {"role": "partner", "name": "Partner key"}),
}


def _send(client, world, route, changes):
    method, path, base = ROUTES[route]
    return client.request(method, path.format(**world), json={**base, **changes}, headers=ADMIN)


def _refused(client, engine, world, route, changes):
    """The 422's errors, after checking it is a problem and nothing changed."""
    before = snapshot(engine)
    response = _send(client, world, route, changes)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert snapshot(engine) == before
    return response.json()["errors"]


TEXT_CASES = {
    # name, only zero-width and other invisible characters
    "vendor-name-zero-width": ("create-vendor", {"name": "\u200b\u200b"}, "invisible_text"),
    "vendor-name-word-joiner": ("update-vendor", {"name": "\u2060"}, "invisible_text"),
    "vendor-name-byte-order-mark": ("create-vendor", {"name": "\ufeff"}, "invisible_text"),
    "vendor-name-marks-and-spaces": (
        "create-vendor",
        {"name": " \u200e \u200f "},
        "invisible_text",
    ),
    "business-name-hangul-filler": ("create-business", {"name": "\u3164"}, "invisible_text"),
    "key-name-zero-width": ("create-api-key", {"name": "\u200c\u200d"}, "invisible_text"),
    "task-description-invisible": (
        "update-task",
        {"description": "\u200b\n\u200b"},
        "invisible_text",
    ),
    # terminal escapes and other control characters
    "vendor-name-escape": (
        "create-vendor",
        {"name": "\x1b[2J\x1b[31mLedgerly"},
        "control_character",
    ),
    "vendor-name-tab": ("create-vendor", {"name": "Ledger\tly"}, "control_character"),
    "task-title-newline": ("create-task", {"title": "Books\nclosed"}, "control_character"),
    "business-name-delete": ("update-business", {"name": "Rosa\x7f"}, "control_character"),
    "business-name-c1": ("create-business", {"name": "Rosa\x9b31m"}, "control_character"),
    "business-name-line-separator": (
        "create-business",
        {"name": "Ro\u2028sa"},
        "control_character",
    ),
    "vendor-description-escape": (
        "update-vendor",
        {"description": "Fine\n\x1b]8;;http://evil/\x1b\\link"},
        "control_character",
    ),
    "task-description-lone-cr": (
        "update-task",
        {"description": "paid\r-- not"},
        "control_character",
    ),
    "service-skill-escape": (
        "update-service",
        {"skills": ["xero", "\x1b[8m"]},
        "control_character",
    ),
    # bidi overrides and isolates ("Trojan Source")
    "business-name-rlo": ("create-business", {"name": "Rosa\u202eyrekab"}, "bidi_control"),
    "task-title-isolate": ("create-task", {"title": "\u2066Monthly\u2069 books"}, "bidi_control"),
    "vendor-description-lro": ("create-vendor", {"description": "ok\n\u202dtext"}, "bidi_control"),
    "key-name-pdi": ("create-api-key", {"name": "key\u2069"}, "bidi_control"),
}


@pytest.mark.parametrize(
    ("route", "changes", "code"),
    [pytest.param(*case, id=name) for name, case in TEXT_CASES.items()],
)
def test_text_that_hides_or_controls_what_a_reader_sees_is_refused_naming_the_field(
    client, engine, world, route, changes, code
):
    errors = _refused(client, engine, world, route, changes)

    (field,) = changes
    assert [(e["field"], e["code"]) for e in errors] == [(f"body.{field}", code)]
    assert "U+" in errors[0]["message"] or code == "invisible_text"


def test_each_bad_text_field_is_named_in_one_problem(client, engine, world):
    errors = _refused(
        client,
        engine,
        world,
        "create-vendor",
        {"name": "\u200b", "description": "\u202e", "certifications": ["\x07"]},
    )

    assert sorted((e["field"], e["code"]) for e in errors) == [
        ("body.certifications", "control_character"),
        ("body.description", "bidi_control"),
        ("body.name", "invisible_text"),
    ]


def test_multi_line_text_keeps_its_line_breaks_tabs_and_joined_emoji(client, market):
    description = (
        "Line one\n\tLine two\r\nBooks \U0001f469\u200d\U0001f4bc by \u05e9\u05dc\u05d5\u05dd"
    )
    vendor = market.vendor(description=description, name="Caf\u00e9 \u200dZ")

    assert client.get(f"/v1/vendors/{vendor['id']}", headers=ADMIN).json()["description"] == (
        description
    )


def test_an_engagement_review_is_multi_line_text_too():
    from api.engagements.models import EngagementCompletion

    assert EngagementCompletion.multiline == {"review"}
    with pytest.raises(ValueError, match="bidirectional"):
        EngagementCompletion(rating=5, review="good\n\u202egood")


NOT_IANA_ZONES = [
    "localtime",  # the host's own zone, whatever it is
    "Factory",  # IANA's "zone not set" placeholder
    "posixrules",
    "right/UTC",  # leap-second variants some systems install
    "posix/Europe/Berlin",
    "Europe/../Europe/Berlin",
    "../../../etc/passwd",
    "/usr/share/zoneinfo/UTC",
]


@pytest.mark.parametrize("zone", NOT_IANA_ZONES)
def test_only_zones_of_the_iana_database_are_time_zones(client, engine, world, zone):
    errors = _refused(client, engine, world, "create-business", {"timezone": zone})

    assert [e["field"] for e in errors] == ["body.timezone"]


@pytest.mark.parametrize(
    "zone", ["UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "US/Eastern"]
)
def test_iana_zones_and_their_backward_names_are_accepted(client, world, zone):
    assert _send(client, world, "create-business", {"timezone": zone}).status_code == 201


@pytest.mark.parametrize(
    "expires_at",
    [
        "0001-01-01T00:00:00+01:00",  # before year 1 in UTC
        "9999-12-31T23:59:59-01:00",  # after 9999 in UTC
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "1969-12-31T23:59:59Z",
    ],
)
def test_a_time_outside_1970_to_9999_is_a_422_naming_it_not_a_500(
    client, engine, world, expires_at
):
    errors = _refused(client, engine, world, "create-api-key", {"expires_at": expires_at})

    assert [(e["field"], e["code"]) for e in errors] == [
        ("body.expires_at", "datetime_out_of_range")
    ]


def _iso(moment):
    return moment.isoformat().replace("+00:00", "Z")


def test_a_key_cannot_create_a_key_that_outlives_it(client, engine, market):
    expiry = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    partner = market.key("partner", expires_at=_iso(expiry))["headers"]
    before = snapshot(engine)

    response = client.post(
        "/v1/api-keys",
        json={"role": "partner", "name": "longer", "expires_at": _iso(expiry + timedelta(days=1))},
        headers=partner,
    )

    assert response.status_code == 422, response.text
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [
        ("body.expires_at", "outlives_creator")
    ]
    assert snapshot(engine) == before


def test_a_key_made_without_expiry_by_an_expiring_key_inherits_its_expiry(client, market):
    expiry = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    partner = market.key("partner", expires_at=_iso(expiry))
    business = market.business(partner["headers"])

    child = market.key("business", partner["headers"], business_id=business["id"])
    grandchild = market.key("partner", partner["headers"])

    assert child["expires_at"] == _iso(expiry)
    assert grandchild["expires_at"] == _iso(expiry)
    earlier = _iso(expiry - timedelta(hours=1))
    assert market.key("partner", partner["headers"], expires_at=earlier)["expires_at"] == earlier


def test_keys_made_by_the_settings_admin_key_or_a_key_without_expiry_need_none(market):
    admin_made = market.key("partner")
    partner_made = market.key("partner", admin_made["headers"])

    assert admin_made["expires_at"] is None
    assert partner_made["expires_at"] is None
