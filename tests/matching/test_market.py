"""The market price of a task: which offers count, and percentiles as NumPy computes them.

Expected percentiles come from ``numpy.percentile`` over quotes worked out by hand, rounded
half to even with ``numpy.round``; the kernel computes them its own way (exact fractions
over a partial selection).
"""

import numpy as np
import pytest

from matching import Coverage, MatchConfig, Money, OfferSet, Window, check, rank
from matching.advice import assess
from matching.market import Market, market
from tests.matching.builders import (
    MONDAY,
    WEEKDAYS,
    hourly,
    hours,
    monthly,
    offer,
    per_unit,
    rates,
    task,
)

POINTS = (10, 25, 50, 75, 90)


def expected(quotes: list[int]) -> dict[str, int]:
    values = np.round(np.percentile(np.array(quotes, dtype=np.int64), POINTS))
    return {f"p{p}": int(v) for p, v in zip(POINTS, values, strict=True)}


def amounts(priced: Market) -> dict[str, int]:
    assert priced.quote is not None
    assert {m.currency for m in priced.quote.values()} == {priced.currency}
    return {name: money.amount for name, money in priced.quote.items()}


def market_of(*offers, the_task=None, config=None) -> Market:
    return market(the_task or task(), OfferSet(offers), config=config, at=MONDAY)


def monthly_offers(*fees: int):
    return [offer(f"s{i}", pricing=monthly(fee)) for i, fee in enumerate(fees)]


def test_one_offer_is_every_percentile():
    priced = market_of(offer(pricing=per_unit(123)))  # 1.23 USD x 100 units
    assert priced.vendors == 1
    assert amounts(priced) == dict.fromkeys(expected([12_300]), 12_300)


def test_two_offers_interpolate_linearly_as_numpy_does():
    fees = [10_000, 15_001]
    priced = market_of(*monthly_offers(*fees))
    assert amounts(priced) == expected(fees)
    assert amounts(priced)["p50"] == 12_500  # 12,500.5 rounds half to even


def test_three_offers_match_numpy():
    fees = [30_000, 10_000, 20_003]
    assert amounts(market_of(*monthly_offers(*fees))) == expected(fees)


def test_twenty_offers_with_ties_match_numpy():
    fees = [
        *[25_000] * 5,
        18_000,
        18_000,
        42_017,
        31_999,
        31_999,
        12_345,
        50_000,
        27_500,
        27_501,
        9_999,
        60_010,
        25_000,
        33_333,
        41_000,
        20_000,
    ]
    assert len(fees) == 20
    priced = market_of(*monthly_offers(*fees))
    assert priced.vendors == 20
    assert amounts(priced) == expected(fees)


def test_halfway_percentile_rounds_to_the_even_minor_unit():
    # p50 of two quotes is their mean: 101.5 -> 102 and 102.5 -> 102, not 103.
    assert amounts(market_of(*monthly_offers(101, 102)))["p50"] == 102
    assert amounts(market_of(*monthly_offers(102, 103)))["p50"] == 102


def test_every_pricing_model_is_quoted_for_the_task_volume_before_percentiles():
    the_task = task(volume=300)
    offers = [
        offer("unit", pricing=per_unit(95)),  # 95 x 300 = 28,500
        offer("hour", pricing=hourly(2_500, 40)),  # 2,500 x 300 / 40 = 18,750
        offer("fee", pricing=monthly(33_000)),  # 33,000
        offer("floor", pricing=per_unit(10, minimum=25_000)),  # 3,000, raised to 25,000
        offer("odd", pricing=hourly(1_001, 7)),  # 1,001 x 300 / 7 = 42,900
    ]
    priced = market_of(*offers, the_task=the_task)
    assert amounts(priced) == expected([28_500, 18_750, 33_000, 25_000, 42_900])


def test_foreign_offers_count_at_their_converted_quote():
    # 1 EUR = 1.25 USD: 80.00 EUR a month is 100.00 USD; 1 JPY = 0.0078125 USD (2^-7):
    # 16,000 JPY is 125.00 USD.
    config = rates(USD=1.0, EUR=1.25, JPY=2.0**-7)
    offers = [
        offer("eur", pricing=monthly(8_000, "EUR")),
        offer("jpy", pricing=monthly(16_000, "JPY")),
        offer("usd", pricing=monthly(11_000)),
    ]
    priced = market_of(*offers, config=config)
    assert priced.currency == "USD"
    assert amounts(priced) == expected([10_000, 12_500, 11_000])


def test_market_is_in_the_tasks_currency():
    config = rates(USD=1.0, EUR=1.25)
    offers = monthly_offers(10_000, 20_000, 30_000)  # USD: 80.00, 160.00, 240.00 EUR
    priced = market_of(*offers, the_task=task(currency="EUR"), config=config)
    assert priced.currency == "EUR"
    assert amounts(priced) == expected([8_000, 16_000, 24_000])


def test_offers_failing_a_hard_constraint_other_than_budget_are_not_counted():
    the_task = task(volume=100, languages=("en",), required_certifications=("cpa",))
    fit = {"languages": ("en",), "certifications": ("CPA",)}
    offers = [
        offer("ok", pricing=monthly(15_000), **fit),
        offer("ok2", pricing=monthly(16_000), **fit),
        offer("full", capacity=50, pricing=monthly(1_000), **fit),
        offer("big", min_volume=500, pricing=monthly(1_100), **fit),
        offer("spanish", pricing=monthly(1_200), languages=("es",), certifications=("CPA",)),
        offer("uncertified", pricing=monthly(1_300), languages=("en",)),
        offer("francs", pricing=monthly(1_400, "CHF"), **fit),  # no CHF rate
    ]
    priced = market_of(*offers, the_task=the_task, config=rates(USD=1.0))
    assert priced.vendors == 2
    assert amounts(priced) == expected([15_000, 16_000])


def test_offers_over_budget_are_counted():
    # The task's budget tops out at 200.00 USD (220.00 with tolerance): what vendors
    # charge is the market whatever the business hoped to pay.
    offers = monthly_offers(15_000, 90_000, 120_000)
    priced = market_of(*offers)
    assert priced.vendors == 3
    assert amounts(priced) == expected([15_000, 90_000, 120_000])


def test_offers_outside_the_required_time_zone_overlap_are_not_counted():
    nine_to_five = Window(WEEKDAYS, hours(9), hours(17))
    the_task = task(coverage=Coverage("UTC", nine_to_five, min_overlap=0.5))
    offers = [
        offer("day", pricing=monthly(15_000), timezone="UTC", working_hours=(nine_to_five,)),
        offer("night", pricing=monthly(9_000), timezone="Asia/Tokyo", working_hours=()),
    ]
    priced = market_of(*offers, the_task=the_task)
    assert priced.vendors == 1
    assert amounts(priced)["p50"] == 15_000


def test_market_eligibility_is_checks_passing_all_but_budget():
    the_task = task(volume=100, languages=("en",))
    offers = OfferSet(
        [
            offer("a", pricing=monthly(50_000), languages=("en",)),
            offer("b", capacity=10, languages=("en",)),
            offer("c", languages=("de",)),
            offer("d", languages=("en",)),
        ]
    )
    checked = check(the_task, offers, at=MONDAY)
    by_hand = [True, False, False, True]
    assert market(the_task, offers, at=MONDAY).vendors == sum(by_hand)
    assert checked.passing().tolist() == [False, False, False, True]


def test_empty_market_has_no_quote_and_no_unit_price():
    priced = market_of(offer(capacity=1))
    assert priced == Market("bookkeeping", 100, "USD", 0, None, None)
    assert market(task(), OfferSet([]), at=MONDAY).vendors == 0


def test_market_names_the_task_it_prices():
    priced = market_of(offer(), the_task=task(task_type="payroll", volume=7))
    assert (priced.task_type, priced.volume, priced.currency) == ("payroll", 7, "USD")


@pytest.mark.parametrize(
    ("median", "volume", "per_unit"),
    [
        (30_000, 400, "75.0000"),
        (10_000, 3, "3333.3333"),
        (20_000, 3, "6666.6667"),
        (1, 20_000, "0.0000"),  # 0.00005: half to even, down
        (3, 20_000, "0.0002"),  # 0.00015: half to even, up
        (12_345, 1, "12345.0000"),
    ],
)
def test_unit_price_is_the_median_over_the_volume_to_four_places(median, volume, per_unit):
    the_task = task(volume=volume, budget_min=0, budget_max=10**9)
    priced = market_of(offer(capacity=10**6, pricing=monthly(median)), the_task=the_task)
    assert priced.per_unit == per_unit


def test_assess_gives_the_market_and_the_rankers_first_match():
    the_task = task(skills=("xero",))
    offers = OfferSet(
        [
            offer("cheap", pricing=per_unit(90)),
            offer("skilled", pricing=per_unit(150), skills=("Xero",)),
            offer("dear", pricing=per_unit(900)),  # over budget: priced, never matched
            offer("full", capacity=5),
        ]
    )
    config = MatchConfig()
    priced, best = assess(the_task, offers, config=config, at=MONDAY)
    assert priced == market(the_task, offers, config=config, at=MONDAY)
    assert priced.vendors == 3
    assert best == rank(the_task, offers, limit=1, config=config, at=MONDAY).matches[0]
    assert best is not None and best.service_id == "skilled"
    assert best.quote == Money(15_000, "USD")


def test_assess_has_no_best_match_when_every_offer_is_over_budget():
    offers = OfferSet(monthly_offers(90_000, 95_000, 99_000))
    priced, best = assess(task(), offers, config=MatchConfig(), at=MONDAY)
    assert priced.vendors == 3
    assert best is None
