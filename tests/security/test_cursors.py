"""Cursors are signed: only a cursor this API returned, for the same list, is accepted."""

import base64
import re

import httpx
import pytest

from tests.helpers import ADMIN, snapshot

PROBLEM = "application/problem+json"


@pytest.fixture
def vendors(market):
    return [market.vendor(name=f"v{i}")["id"] for i in range(5)]


def _page(client, path, **params):
    return client.get(path, params=params, headers=ADMIN)


def _assert_unknown_cursor(response):
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [
        ("query.cursor", "cursor")
    ]


def _unsigned(last_id):
    """What a cursor was before it was signed: the last id, base64url-encoded."""
    return base64.urlsafe_b64encode(last_id.encode()).decode().rstrip("=")


def test_a_cursor_forged_from_an_id_is_a_422(client, engine, vendors):
    before = snapshot(engine)

    _assert_unknown_cursor(_page(client, "/v1/vendors", limit=2, cursor=_unsigned(vendors[2])))
    assert snapshot(engine) == before


def test_a_returned_cursor_with_one_character_changed_is_a_422(client, vendors):
    cursor = _page(client, "/v1/vendors", limit=2).json()["next_cursor"]
    position = len(cursor) // 3  # inside the id part
    tampered = (
        cursor[:position] + ("A" if cursor[position] != "A" else "B") + cursor[position + 1 :]
    )

    _assert_unknown_cursor(_page(client, "/v1/vendors", limit=2, cursor=tampered))


def test_a_cursor_from_one_list_is_refused_by_another(client, market, vendors):
    for i in range(3):
        market.business(name=f"b{i}")
    cursor = _page(client, "/v1/vendors", limit=2).json()["next_cursor"]

    _assert_unknown_cursor(_page(client, "/v1/businesses", limit=2, cursor=cursor))


def test_cursors_are_url_safe_and_name_no_id_in_the_clear(client, vendors):
    cursor = _page(client, "/v1/vendors", limit=2).json()["next_cursor"]

    assert re.fullmatch(r"[A-Za-z0-9_-]+", cursor)
    assert not any(vendor in cursor for vendor in vendors)


def test_a_cursor_from_one_process_works_in_another(client, vendors, start_server):
    """The signing key lives in the database: every worker, and a restarted server, accepts
    the cursors any other issued."""
    first = _page(client, "/v1/vendors", limit=2).json()
    server = start_server(workers=2)

    rest = []
    cursor = first["next_cursor"]
    while cursor is not None:
        page = httpx.get(
            server.url + "/v1/vendors", params={"limit": 2, "cursor": cursor}, headers=ADMIN
        )
        assert page.status_code == 200, page.text
        rest += [v["id"] for v in page.json()["data"]]
        cursor = page.json()["next_cursor"]

    assert [v["id"] for v in first["data"]] + rest == sorted(vendors)
