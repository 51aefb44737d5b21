"""Quotes per pricing model, rounding, minimum_monthly and currency conversion."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import OfferSet, Pricing, PricingModel
from matching.currency import format_money
from matching.pricing import native_quotes, quote_one
from tests.matching.builders import factor, hourly, monthly, offer, per_unit, ranked, rates, task
from tests.matching.reference import native_quote


def quote_of(the_offer, **task_fields):
    """The quote of a single kept offer, in minor units of the task's currency."""
    config = task_fields.pop("config", None)
    the_task = task(**{"budget_max": 10**12, **task_fields})
    ranking = ranked(the_task, the_offer, config=config)
    return ranking.matches[0].quote.amount if ranking.matches else None


def test_per_unit_quote_is_amount_times_volume():
    assert quote_of(offer(pricing=per_unit(105)), volume=400) == 42_000  # 105 x 400


def test_hourly_quote_is_amount_times_volume_over_units_per_hour_rounded():
    # 2000 x 5 / 3 = 3333.33 -> 3333
    assert quote_of(offer(pricing=hourly(2000, 3)), volume=5) == 3333
    # 2000 x 4 / 3 = 2666.67 -> 2667
    assert quote_of(offer(pricing=hourly(2000, 3)), volume=4) == 2667


@pytest.mark.parametrize(
    ("amount", "volume", "units_per_hour", "expected"),
    [
        (1001, 1, 2, 501),  # 1001 x 1 / 2 = 500.5 -> 501
        (2500, 1, 0.4, 6250),  # 2500 x 1 / 0.4 = 6250 exactly
        (1285, 7, 10, 900),  # 1285 x 7 / 10 = 899.5 -> 900 (7/10 is not exact in binary)
        (15, 41, 10, 62),  # 15 x 41 / 10 = 61.5 -> 62
    ],
)
def test_hourly_quote_rounds_exact_halves_up(amount, volume, units_per_hour, expected):
    assert quote_of(offer(pricing=hourly(amount, units_per_hour)), volume=volume) == expected


def test_monthly_quote_is_a_flat_fee_whatever_the_volume():
    assert quote_of(offer(pricing=monthly(45_000)), volume=1) == 45_000
    assert quote_of(offer(pricing=monthly(45_000)), volume=900) == 45_000


@pytest.mark.parametrize(
    ("pricing", "expected"),
    [
        (per_unit(100, minimum=25_000), 25_000),  # 100 x 100 = 10,000 < 25,000 floor
        (per_unit(300, minimum=25_000), 30_000),  # 300 x 100 = 30,000 > floor
        (hourly(2000, 10, minimum=50_000), 50_000),  # 2000 x 100 / 10 = 20,000 < floor
        (monthly(9_000, minimum=12_000), 12_000),
    ],
)
def test_quote_is_never_below_minimum_monthly(pricing, expected):
    assert quote_of(offer(pricing=pricing), volume=100) == expected


def test_same_currency_needs_no_exchange_rates():
    assert quote_of(offer(pricing=per_unit(100, "EUR")), currency="EUR") == 10_000


def test_quote_is_converted_into_the_task_currency():
    config = rates(USD=1.0, EUR=1.1)
    # 10,000 EUR cents x 1.1 / 1.0 = 11,000 USD cents
    assert quote_of(offer(pricing=per_unit(100, "EUR")), config=config) == 11_000
    # 10,000 USD cents x 1.0 / 1.1 = 9,090.9 -> 9,091 EUR cents
    assert quote_of(offer(pricing=per_unit(100, "USD")), currency="EUR", config=config) == 9_091


def test_conversion_into_a_zero_decimal_currency_drops_the_cents():
    config = rates(USD=1.0, JPY=0.008)  # 125 JPY to the dollar
    # 250 cents x 40 = 10,000 cents = 100.00 USD -> 100 / 0.008 = 12,500 JPY (no minor unit)
    assert (
        quote_of(offer(pricing=per_unit(250)), volume=40, currency="JPY", config=config) == 12_500
    )


def test_conversion_from_a_zero_decimal_currency_adds_the_cents():
    config = rates(USD=1.0, JPY=0.008)
    # 15,000 JPY x 0.008 = 120.00 USD = 12,000 cents
    assert quote_of(offer(pricing=monthly(15_000, "JPY")), config=config) == 12_000


def test_conversion_from_a_three_decimal_currency():
    config = rates(USD=1.0, KWD=3.25)
    # 1.000 KWD (1,000 fils) per unit x 10 = 10.000 KWD x 3.25 = 32.50 USD = 3,250 cents
    assert quote_of(offer(pricing=per_unit(1_000, "KWD")), volume=10, config=config) == 3_250


def test_explanation_shows_the_quote_before_conversion():
    config = rates(USD=1.0, JPY=0.008)
    the_task = task(volume=40, currency="JPY", budget_min=10_000, budget_max=15_000)
    _, _, detail = factor(ranked(the_task, offer(pricing=per_unit(250)), config=config), "budget")
    assert detail == (
        "quote 12,500 JPY (converted from 100.00 USD) is inside your 10,000-15,000 JPY budget"
    )


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (42_000, "USD", "420.00 USD"),
        (123_456_789, "EUR", "1,234,567.89 EUR"),
        (12_500, "JPY", "12,500 JPY"),
        (1_500, "KWD", "1.500 KWD"),
        (5, "USD", "0.05 USD"),
    ],
)
def test_money_is_written_with_the_currency_minor_unit(amount, currency, text):
    assert format_money(amount, currency) == text


one_pricing = st.builds(
    Pricing,
    st.sampled_from(list(PricingModel)),
    currency=st.just("USD"),
    amount=st.integers(0, 400_000),
    # Divisors the reference's exact fractions agree with float division on (0.4 is not).
    units_per_hour=st.sampled_from([0.5, 1.0, 2.5, 3.0, 6.0, 7.0, 10.0, 12.5, 40.0]),
    minimum_monthly=st.sampled_from([0, 0, 1, 5_000, 40_000]) | st.integers(0, 10**7),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(one_pricing, min_size=1, max_size=12), st.integers(1, 5_000))
def test_quoting_one_offer_agrees_with_quoting_them_all_at_once(pricings, volume):
    """The vectorised quote over an offer set and the quote of one offer are two paths to
    one rule; both must give the exact quote, minimum_monthly included."""
    offers = [offer(f"s{i}", pricing=p) for i, p in enumerate(pricings)]
    together = native_quotes(OfferSet(offers), volume)
    for i, the_offer in enumerate(offers):
        alone = quote_one(the_offer.pricing, volume)
        assert alone == int(together[i]) == native_quote(the_offer, volume), the_offer.pricing
        assert alone >= the_offer.pricing.minimum_monthly
