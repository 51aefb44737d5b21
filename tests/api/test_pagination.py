"""Cursor pagination on every list route: `?limit=&cursor=` in, `data` and `next_cursor` out."""

import pytest

from tests.helpers import ADMIN, TASK_TYPES


def _businesses(market, n):
    return "/v1/businesses", [market.business(name=f"Shop {i}")["id"] for i in range(n)]


def _tasks(market, n):
    business = market.business()["id"]
    ids = [market.task(business, title=f"Task {i}")["id"] for i in range(n)]
    return f"/v1/businesses/{business}/tasks", ids


def _vendors(market, n):
    return "/v1/vendors", [market.vendor(name=f"Vendor {i}")["id"] for i in range(n)]


def _services(market, n):
    vendor = market.vendor()["id"]
    ids = [market.service(vendor, task_type=t)["id"] for t in TASK_TYPES[:n]]
    return f"/v1/vendors/{vendor}/services", ids


def _api_keys(market, n):
    return "/v1/api-keys", [market.key("partner")["id"] for _ in range(n)]


# A vendor has one service per task type, so a services list holds at most seven.
EVERY_LIST = [
    pytest.param(_businesses, id="businesses"),
    pytest.param(_tasks, id="tasks"),
    pytest.param(_vendors, id="vendors"),
    pytest.param(_services, id="services"),
    pytest.param(_api_keys, id="api-keys"),
]
LONG_LISTS = [p for p in EVERY_LIST if p.id != "services"]


def _get(client, path, **params):
    response = client.get(path, params=params, headers=ADMIN)
    assert response.status_code == 200, response.text
    return response.json()


def _walk(client, path, **params):
    """Every page of a list, following next_cursor until it is null."""
    pages = [_get(client, path, **params)]
    while pages[-1]["next_cursor"] is not None:
        assert len(pages) <= 10, "next_cursor never became null"
        pages.append(_get(client, path, **{**params, "cursor": pages[-1]["next_cursor"]}))
    return pages


def _ids(pages):
    return [item["id"] for page in pages for item in page["data"]]


@pytest.mark.parametrize("make", EVERY_LIST)
def test_walking_pages_of_two_visits_every_item_once_in_id_order(client, market, make):
    path, created = make(market, 7)

    pages = _walk(client, path, limit=2)

    assert [len(p["data"]) for p in pages] == [2, 2, 2, 1]
    assert [p["next_cursor"] is None for p in pages] == [False, False, False, True]
    assert _ids(pages) == sorted(created)
    assert _ids(pages) == _ids([_get(client, path, limit=100)])


@pytest.mark.parametrize("make", EVERY_LIST)
def test_a_full_last_page_has_no_next_cursor(client, market, make):
    path, created = make(market, 4)

    pages = _walk(client, path, limit=2)

    assert [len(p["data"]) for p in pages] == [2, 2]
    assert pages[-1]["next_cursor"] is None
    assert _ids(pages) == sorted(created)


@pytest.mark.parametrize("make", EVERY_LIST)
def test_walking_twice_gives_the_same_pages(client, market, make):
    path, _ = make(market, 5)

    assert _walk(client, path, limit=2) == _walk(client, path, limit=2)


@pytest.mark.parametrize("make", EVERY_LIST)
def test_an_empty_list_is_one_page_with_no_cursor(client, market, make):
    path, _ = make(market, 0)

    assert _get(client, path) == {"data": [], "next_cursor": None}


@pytest.mark.parametrize("make", LONG_LISTS)
def test_the_default_page_holds_twenty_items(client, market, make):
    path, created = make(market, 21)

    first = _get(client, path)
    second = _get(client, path, cursor=first["next_cursor"])

    assert len(first["data"]) == 20
    assert first["next_cursor"] is not None
    assert len(second["data"]) == 1
    assert second["next_cursor"] is None
    assert _ids([first, second]) == sorted(created)


def test_a_vendor_with_every_task_type_fits_one_default_page(client, market):
    path, created = _services(market, len(TASK_TYPES))

    assert _ids([_get(client, path)]) == sorted(created)
    assert _get(client, path)["next_cursor"] is None


@pytest.mark.parametrize("make", [_businesses, _vendors, _api_keys])
def test_an_item_added_during_a_walk_appears_later_and_nothing_repeats(client, market, make):
    path, created = make(market, 4)
    first = _get(client, path, limit=2)

    _, added = make(market, 1)
    rest = _walk(client, path, limit=2, cursor=first["next_cursor"])

    assert _ids([first, *rest]) == sorted(created) + added


def test_a_filtered_vendor_list_pages_over_the_matches_only(client, market):
    matching = [market.vendor(name=f"PH {i}", country="PH")["id"] for i in range(3)]
    market.vendor(name="Elsewhere", country="PT")

    pages = _walk(client, "/v1/vendors", limit=2, country="PH")

    assert _ids(pages) == sorted(matching)
