"""The market price of a task's terms over HTTP, checked against NumPy on hand-built markets.

Each test builds a bookkeeping market through the API and computes, independently, what it
should answer: each offer's monthly quote (per_unit: amount x volume; hourly: amount x volume
/ units_per_hour, rounded half up; monthly: the flat fee; never below minimum_monthly), a
foreign quote converted with the illustrative rates and rounded half up, then
``numpy.percentile`` (linear, NumPy's default) rounded half to even, and per_unit as the
rounded median / volume to four decimals (minor units).
"""

import math
from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
import pytest

from api.settings import ILLUSTRATIVE_RATES
from tests.helpers import ADMIN

POINTS = (10, 25, 50, 75, 90)
VOLUME = 400


def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


def _quote(pricing: dict, volume: int, currency: str = "USD") -> int:
    if pricing["model"] == "per_unit":
        quote = pricing["amount"] * volume
    elif pricing["model"] == "hourly":
        quote = _half_up(pricing["amount"] * volume / pricing["units_per_hour"])
    else:
        quote = pricing["amount"]
    quote = max(quote, pricing.get("minimum_monthly", 0))
    if pricing["currency"] != currency:
        rate = ILLUSTRATIVE_RATES[pricing["currency"]] / ILLUSTRATIVE_RATES[currency]
        quote = _half_up(quote * rate)
    return quote


def _expected(quotes: list[int], volume: int, currency: str = "USD") -> dict:
    values = np.percentile(np.array(quotes), POINTS)
    rounded = [int(np.round(v)) for v in values]  # np.round is half to even
    per_unit = (Decimal(rounded[2]) / Decimal(volume)).quantize(
        Decimal("0.0001"), rounding=ROUND_HALF_EVEN
    )
    return {
        "vendors": len(quotes),
        "quote": {
            f"p{p}": {"amount": amount, "currency": currency}
            for p, amount in zip(POINTS, rounded, strict=True)
        },
        "per_unit": str(per_unit),
    }


def _offer(market, pricing: dict, **service) -> dict:
    vendor = market.vendor(
        name=service.pop("name", "vendor"), languages=service.pop("languages", ["en"])
    )
    if "certifications" in service:
        market.client.patch(
            f"/v1/vendors/{vendor['id']}",
            json={"certifications": service.pop("certifications")},
            headers=ADMIN,
        )
    return market.service(vendor["id"], pricing=pricing, **service)


def _per_unit(amount: int, currency: str = "USD", **extra) -> dict:
    return {"model": "per_unit", "currency": currency, "amount": amount, **extra}


def _market(client, headers=ADMIN, task_type="bookkeeping", **params):
    params = {"volume": VOLUME, "currency": "USD", **params}
    response = client.get(f"/v1/market/{task_type}", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("count", [1, 2, 3, 20])
def test_percentiles_are_numpys_linear_interpolation_rounded_half_to_even(client, market, count):
    rng = np.random.default_rng(count)
    pricings = []
    for i in range(count):
        if i % 3 == 0:
            pricing = _per_unit(int(rng.integers(30, 300)))
        elif i % 3 == 1:
            pricing = {
                "model": "hourly",
                "currency": "USD",
                "amount": int(rng.integers(800, 6000)),
                "units_per_hour": float(rng.choice([7.0, 12.5, 30.0, 45.0])),
            }
        else:
            pricing = {
                "model": "monthly",
                "currency": "USD",
                "amount": int(rng.integers(9000, 90000)),
            }
        pricings.append(pricing)
        _offer(market, pricing)

    body = _market(client)

    expected = _expected([_quote(p, VOLUME) for p in pricings], VOLUME)
    assert body == {"task_type": "bookkeeping", "volume": VOLUME, "currency": "USD", **expected}


def test_a_percentile_exactly_halfway_rounds_to_the_even_minor_unit(client, market):
    _offer(market, {"model": "monthly", "currency": "USD", "amount": 10001})
    _offer(market, {"model": "monthly", "currency": "USD", "amount": 10004})

    quote = _market(client)["quote"]

    # p50 = 10002.5 -> 10002 (even), p25 = 10001.75 -> 10002, p10 = 10001.3 -> 10001.
    assert quote["p50"]["amount"] == 10002
    assert quote["p25"]["amount"] == 10002
    assert quote["p10"]["amount"] == 10001
    assert _market(client)["per_unit"] == "25.0050"


def test_tied_quotes_give_equal_percentiles(client, market):
    for _ in range(4):
        _offer(market, _per_unit(75))
    body = _market(client)
    assert {q["amount"] for q in body["quote"].values()} == {30000}
    assert body["per_unit"] == "75.0000"
    assert body["vendors"] == 4


def test_mixed_pricing_models_and_minimums_are_quoted_as_matching_quotes_them(client, market):
    pricings = [
        _per_unit(50, minimum_monthly=25000),  # 20000, lifted to the 25000 minimum
        {"model": "hourly", "currency": "USD", "amount": 2500, "units_per_hour": 30},  # 33333.3
        {"model": "monthly", "currency": "USD", "amount": 41000},
        _per_unit(120),  # 48000
    ]
    for pricing in pricings:
        _offer(market, pricing)
    body = _market(client)
    assert sorted([25000, 33333, 41000, 48000]) == sorted(_quote(p, VOLUME) for p in pricings)
    assert body["quote"] == _expected([25000, 33333, 41000, 48000], VOLUME)["quote"]


def test_a_foreign_vendor_is_converted_and_one_without_a_rate_is_left_out(client, market):
    pricings = [_per_unit(100), _per_unit(100, "EUR"), _per_unit(9000, "PHP")]
    for pricing in pricings:
        _offer(market, pricing)
    _offer(market, _per_unit(1, "XXX"))  # no exchange rate: not in a USD market

    body = _market(client)

    quotes = [_quote(p, VOLUME) for p in pricings]
    assert quotes[1] == 43200  # 400.00 EUR at 1.08
    assert body == {"task_type": "bookkeeping", "volume": VOLUME, "currency": "USD"} | _expected(
        quotes, VOLUME
    )


def test_the_market_is_priced_in_the_currency_asked_for(client, market):
    pricings = [_per_unit(100), _per_unit(90, "EUR"), _per_unit(130)]
    for pricing in pricings:
        _offer(market, pricing)
    body = _market(client, currency="EUR")
    assert body == {"task_type": "bookkeeping", "volume": VOLUME, "currency": "EUR"} | _expected(
        [_quote(p, VOLUME, "EUR") for p in pricings], VOLUME, "EUR"
    )


def test_only_offers_passing_every_hard_constraint_but_budget_are_in_the_market(client, market):
    kept = [_per_unit(100), _per_unit(2000)]  # the second is far over any budget: still in
    for pricing in kept:
        _offer(market, pricing)
    _offer(market, _per_unit(10), capacity=300)  # capacity
    _offer(market, _per_unit(10), min_volume=500)  # min_volume
    _offer(market, _per_unit(10), languages=["de"])  # language
    _offer(market, _per_unit(10), active=False)  # not a candidate
    _offer(market, _per_unit(10), task_type="payroll")  # another type

    body = _market(client, languages="en")
    assert body["vendors"] == 2
    assert body["quote"] == _expected([40000, 800000], VOLUME)["quote"]

    inline = {
        "task_type": "bookkeeping",
        "volume": VOLUME,
        "budget": {"currency": "USD", "min": 0, "max": 50000},
        "languages": ["en"],
    }
    matches = client.post("/v1/matches", json={"task": inline}, headers=ADMIN).json()
    assert matches["eligible"] == 1 and matches["excluded"]["budget"] == 1


def test_required_certifications_narrow_the_market(client, market):
    _offer(market, _per_unit(100), certifications=["quickbooks_proadvisor"])
    _offer(market, _per_unit(200))
    assert _market(client)["vendors"] == 2
    body = _market(client, required_certifications="quickbooks_proadvisor")
    assert body["vendors"] == 1
    assert body["quote"]["p50"]["amount"] == 40000


def test_languages_may_be_repeated_or_comma_separated(client, market):
    _offer(market, _per_unit(100), languages=["es"])
    _offer(market, _per_unit(200), languages=["fr"])
    _offer(market, _per_unit(300), languages=["de"])
    repeated = client.get(
        "/v1/market/bookkeeping?volume=400&currency=USD&languages=es&languages=fr", headers=ADMIN
    ).json()
    commas = client.get(
        "/v1/market/bookkeeping?volume=400&currency=USD&languages=es,fr", headers=ADMIN
    ).json()
    assert repeated == commas
    assert repeated["vendors"] == 2
    assert _market(client)["vendors"] == 3


def test_an_empty_market_has_no_quote(client, market):
    _offer(market, _per_unit(100), capacity=10)
    body = _market(client)
    assert body == {
        "task_type": "bookkeeping",
        "volume": VOLUME,
        "currency": "USD",
        "vendors": 0,
        "quote": None,
        "per_unit": None,
    }


def test_the_market_follows_a_price_change_at_once(client, market):
    service = _offer(market, _per_unit(100))
    assert _market(client)["quote"]["p50"]["amount"] == 40000
    response = client.patch(
        f"/v1/vendors/{service['vendor_id']}/services/{service['id']}",
        json={"pricing": _per_unit(150)},
        headers=ADMIN,
    )
    assert response.status_code == 200, response.text
    assert _market(client)["quote"]["p50"]["amount"] == 60000


def test_any_valid_key_may_ask_and_no_key_may_not(client, market):
    _offer(market, _per_unit(100))
    vendor = market.vendor(name="asker")
    business = market.business()
    for headers in (
        market.partner(),
        market.business_key(business["id"]),
        market.vendor_key(vendor["id"]),
    ):
        assert _market(client, headers=headers)["vendors"] == 1
    response = client.get("/v1/market/bookkeeping", params={"volume": 1, "currency": "USD"})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


def test_an_unknown_task_type_in_the_path_is_not_found(client):
    response = client.get(
        "/v1/market/astrology", params={"volume": 10, "currency": "USD"}, headers=ADMIN
    )
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "astrology" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"currency": "USD"}, "query.volume"),
        ({"volume": 0, "currency": "USD"}, "query.volume"),
        ({"volume": -5, "currency": "USD"}, "query.volume"),
        ({"volume": "many", "currency": "USD"}, "query.volume"),
        ({"volume": 2.5, "currency": "USD"}, "query.volume"),
        ({"volume": 10_000_001, "currency": "USD"}, "query.volume"),
        ({"volume": 10}, "query.currency"),
        ({"volume": 10, "currency": "ZZZ"}, "query.currency"),
        ({"volume": 10, "currency": "US"}, "query.currency"),
        ({"volume": 10, "currency": "USD", "languages": "en,xx"}, "query.languages.1"),
        ({"volume": 10, "currency": "USD", "languages": ",".join(["en"] * 21)}, "query.languages"),
        ({"volume": 10, "currency": "USD", "required_certifications": "a" * 81}, None),
    ],
    ids=[
        "volume-missing",
        "volume-zero",
        "volume-negative",
        "volume-text",
        "volume-fraction",
        "volume-huge",
        "currency-missing",
        "currency-unknown",
        "currency-short",
        "language-unknown",
        "too-many-languages",
        "certification-too-long",
    ],
)
def test_bad_terms_are_refused_with_a_problem_naming_the_field(client, params, field):
    response = client.get("/v1/market/bookkeeping", params=params, headers=ADMIN)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    fields = [e["field"] for e in response.json()["errors"]]
    if field is None:
        assert all(f.startswith("query.required_certifications") for f in fields), fields
    else:
        assert field in fields, fields
