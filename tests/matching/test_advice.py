"""The advisor: which recommendation wins, the money behind it, and the words that say so.

Every expected number is worked out by hand in the comment beside it.
"""

import pytest

from matching import MatchConfig, Money, OfferSet
from matching.advice import MIN_VENDORS, Advice, Recommendation, advise, plan
from matching.market import Market, market
from tests.matching.builders import MONDAY, hourly, monthly, offer, per_unit, rates, task

USD = MatchConfig()


def usd(amount: int) -> Money:
    return Money(amount, "USD")


def priced(median: int, vendors: int = 5, currency: str = "USD") -> Market:
    """A market whose median quote is ``median``; the other percentiles do not matter here."""
    quote = {f"p{p}": Money(median, currency) for p in (10, 25, 50, 75, 90)}
    return Market("bookkeeping", 100, currency, vendors, quote, "0.0000")


def no_market() -> Market:
    return Market("bookkeeping", 100, "USD", 0, None, None)


def advice(**overrides) -> Advice:
    """12 h a month at 60.00 USD an hour, 10% oversight, 6 h to hand over, market 300.00."""
    options = {
        "market": priced(30_000, vendors=14),
        "hours_spent_per_month": 12,
        "hourly_value": usd(6_000),
        "core": False,
        "onboarding_hours": 6,
        "oversight_share": 0.1,
        "config": USD,
    }
    return advise(**{**options, **overrides})


# The worked example of docs/advisor.md, end to end from the offers.


def worked_example_market() -> Market:
    the_task = task(volume=400, budget_min=25_000, budget_max=35_000)
    offers = [
        offer("a", pricing=per_unit(55)),  # 55 x 400 = 220.00
        offer("b", pricing=per_unit(60)),  # 240.00
        offer("c", pricing=monthly(25_000)),  # 250.00
        offer("d", pricing=per_unit(65)),  # 260.00
        offer("e", pricing=hourly(2_750, 40)),  # 27.50 x 400 / 40 = 275.00
        offer("f", pricing=monthly(29_000)),  # 290.00
        offer("g", pricing=hourly(2_950, 40)),  # 295.00
        offer("h", pricing=monthly(30_500)),  # 305.00
        offer("i", pricing=monthly(31_000)),  # 310.00
        offer("j", pricing=per_unit(80)),  # 320.00
        offer("k", pricing=per_unit(85)),  # 340.00
        offer("l", pricing=per_unit(90)),  # 360.00
        offer("m", pricing=per_unit(95)),  # 380.00
        offer("n", pricing=monthly(37_500, "EUR")),  # 375.00 EUR x 1.2 = 450.00, over budget
        offer("o", capacity=300, pricing=per_unit(40)),  # no room for 400: not in the market
    ]
    return market(the_task, OfferSet(offers), config=rates(USD=1.0, EUR=1.2), at=MONDAY)


def test_worked_example_market():
    priced_market = worked_example_market()
    assert priced_market.vendors == 14
    assert priced_market.quote == {
        "p10": usd(24_300),  # h = 13 x 0.10 = 1.3: 240 + 0.3 x (250 - 240) = 243.00
        "p25": usd(26_375),  # h = 3.25: 260 + 0.25 x (275 - 260) = 263.75
        "p50": usd(30_000),  # h = 6.5: (295 + 305) / 2 = 300.00
        "p75": usd(33_500),  # h = 9.75: 320 + 0.75 x (340 - 320) = 335.00
        "p90": usd(37_400),  # h = 11.7: 360 + 0.7 x (380 - 360) = 374.00
    }
    assert priced_market.per_unit == "75.0000"  # 30,000 / 400


def test_worked_example_advice():
    result = advice(market=worked_example_market(), config=rates(USD=1.0, EUR=1.2))
    assert result.recommendation is Recommendation.outsource
    assert result.hours_freed == 10.8  # 12 x (1 - 0.1)
    assert result.time_value == usd(64_800)  # 10.8 x 60.00
    assert result.net_monthly_gain == usd(34_800)  # 648.00 - 300.00
    assert result.onboarding_cost == usd(36_000)  # 6 x 60.00
    assert result.payback_months == "1.03"  # 360 / 348 = 1.0345
    assert result.reasons == (
        "You spend 12 h a month on this; at 60.00 USD an hour that is 648.00 USD of your time "
        "after 10% oversight; vendors charge 300.00 USD (median of 14), so you gain "
        "348.00 USD a month.",
        "The 6 hours it takes to hand over pay for themselves in 1.03 months.",
    )


def test_worked_example_at_lower_hourly_values():
    config = rates(USD=1.0, EUR=1.2)
    slower = advice(market=worked_example_market(), hourly_value=usd(3_000), config=config)
    assert slower.recommendation is Recommendation.outsource
    assert slower.time_value == usd(32_400)  # 10.8 x 30.00
    assert slower.net_monthly_gain == usd(2_400)  # 324.00 - 300.00
    assert slower.onboarding_cost == usd(18_000)  # 6 x 30.00
    assert slower.payback_months == "7.50"  # 180 / 24
    dearer = advice(market=worked_example_market(), hourly_value=usd(2_500), config=config)
    assert dearer.recommendation is Recommendation.costs_more
    assert dearer.net_monthly_gain == usd(-3_000)  # 10.8 x 25.00 = 270.00 - 300.00
    assert dearer.reasons[0].endswith(
        ": 30.00 USD a month more than your time is worth, so doing it yourself costs less."
    )


# Which recommendation: the first that applies, in the documented order.


def test_positive_gain_recommends_outsourcing():
    assert advice(market=priced(64_799)).recommendation is Recommendation.outsource


def test_gain_of_exactly_zero_costs_more():
    result = advice(market=priced(64_800))
    assert result.net_monthly_gain == usd(0)
    assert result.recommendation is Recommendation.costs_more
    assert result.payback_months is None


def test_market_dearer_than_the_owners_time_costs_more():
    result = advice(market=priced(70_000))
    assert result.recommendation is Recommendation.costs_more
    assert result.net_monthly_gain == usd(-5_200)
    assert result.reasons == (
        "You spend 12 h a month on this; at 60.00 USD an hour that is 648.00 USD of your time "
        "after 10% oversight; vendors charge 700.00 USD (median of 5): 52.00 USD a month more "
        "than your time is worth, so doing it yourself costs less.",
    )


def test_core_task_is_kept_whatever_it_would_gain():
    result = advice(core=True)
    assert result.recommendation is Recommendation.keep_core
    assert result.net_monthly_gain == usd(34_800)  # the numbers are still shown
    assert result.payback_months is None
    assert "core to your business" in result.reasons[0]


def test_keep_core_comes_before_missing_input_and_a_thin_market():
    result = advice(core=True, hours_spent_per_month=None, hourly_value=None, market=no_market())
    assert result.recommendation is Recommendation.keep_core


@pytest.mark.parametrize("missing", ["hours_spent_per_month", "hourly_value"])
def test_missing_input_comes_before_a_thin_market(missing):
    result = advice(**{missing: None}, market=priced(100, vendors=1))
    assert result.recommendation is Recommendation.needs_input
    assert result.net_monthly_gain is None
    assert result.payback_months is None


def test_thin_market_comes_before_the_gain():
    result = advice(market=priced(100, vendors=MIN_VENDORS - 1))
    assert result.recommendation is Recommendation.too_few_vendors
    assert result.net_monthly_gain == usd(64_700)  # known, but two quotes are no market
    assert result.payback_months is None


def test_three_vendors_are_enough_to_judge():
    assert MIN_VENDORS == 3
    assert advice(market=priced(100, vendors=3)).recommendation is Recommendation.outsource


def test_no_market_leaves_the_gain_unknown():
    result = advice(market=no_market())
    assert result.recommendation is Recommendation.too_few_vendors
    assert result.time_value == usd(64_800)
    assert result.net_monthly_gain is None


def test_without_hours_nothing_time_based_is_computed():
    result = advice(hours_spent_per_month=None)
    assert (result.hours_freed, result.time_value, result.net_monthly_gain) == (None, None, None)
    assert result.onboarding_cost == usd(36_000)  # needs only the hourly value


def test_without_an_hourly_value_no_money_is_computed():
    result = advice(hourly_value=None)
    assert result.hours_freed == 10.8
    assert (result.time_value, result.net_monthly_gain, result.onboarding_cost) == (None,) * 3


# The numbers.


@pytest.mark.parametrize(
    ("share", "hours_freed", "time_value", "words"),
    [
        (0.0, 12.0, 72_000, "after 0% oversight"),  # 12 x 60.00
        (0.1, 10.8, 64_800, "after 10% oversight"),
        (0.25, 9.0, 54_000, "after 25% oversight"),  # 12 x 0.75 x 60.00
        (0.125, 10.5, 63_000, "after 12.5% oversight"),
    ],
)
def test_oversight_share_is_time_the_owner_keeps_spending(share, hours_freed, time_value, words):
    result = advice(oversight_share=share)
    assert result.hours_freed == hours_freed
    assert result.time_value == usd(time_value)
    assert words in result.reasons[0]


def test_hours_freed_are_rounded_to_two_decimals_before_pricing():
    # 3.333 x 0.9 = 2.9997 h, shown as 3.00 h, and priced as shown: 3.00 x 60.00 = 180.00.
    result = advice(hours_spent_per_month=3.333)
    assert result.hours_freed == 3.0
    assert result.time_value == usd(18_000)


def test_time_value_rounds_half_a_minor_unit_up():
    # 7.5 x 0.9 = 6.75 h x 33.33 = 224.9775 -> 224.98; 6.75 x 33.34 = 225.045 -> 225.05.
    assert advice(hours_spent_per_month=7.5, hourly_value=usd(3_333)).time_value == usd(22_498)
    assert advice(hours_spent_per_month=7.5, hourly_value=usd(3_334)).time_value == usd(22_505)
    # 0.5 h x 0.01 = 0.005 exactly -> 0.01, away from zero.
    halfway = advice(hours_spent_per_month=0.5, oversight_share=0.0, hourly_value=usd(1))
    assert halfway.time_value == usd(1)


@pytest.mark.parametrize(
    ("onboarding_hours", "rate", "median", "payback"),
    [
        (3, 6_700, 47_000, "1.01"),  # 201.00 / 200.00 = 1.005: half up
        (1, 6_700, 13_400, "0.13"),  # 10 h x 67.00 = 670.00 - 134.00 = 536.00; 67/536 = 0.125
        (6, 6_000, 35_060, "1.21"),  # 360.00 / (648.00 - 350.60 = 297.40) = 1.2105
        (0, 6_000, 30_000, "0.00"),
    ],
)
def test_payback_is_onboarding_cost_over_monthly_gain_rounded_half_up(
    onboarding_hours, rate, median, payback
):
    hours = 12 if rate == 6_000 else 10
    share = 0.1 if rate == 6_000 else 0.0
    result = advice(
        hours_spent_per_month=hours,
        oversight_share=share,
        hourly_value=usd(rate),
        onboarding_hours=onboarding_hours,
        market=priced(median),
    )
    assert result.recommendation is Recommendation.outsource
    assert result.onboarding_cost == usd(onboarding_hours * rate)
    assert result.payback_months == payback


def test_hourly_value_in_another_currency_is_converted_to_the_tasks():
    # 50.00 EUR an hour, 1 EUR = 1.2 USD: 10.8 h x 50.00 = 540.00 EUR = 648.00 USD.
    result = advice(hourly_value=Money(5_000, "EUR"), config=rates(USD=1.0, EUR=1.2))
    assert result.time_value == usd(64_800)
    assert result.onboarding_cost == usd(36_000)  # 6 x 50.00 EUR = 300.00 EUR
    assert result.net_monthly_gain == usd(34_800)
    assert result.reasons[0].startswith(
        "You spend 12 h a month on this; at 50.00 EUR an hour that is 648.00 USD of your time"
    )


def test_hourly_value_that_cannot_be_converted_is_refused():
    with pytest.raises(ValueError, match="no exchange rate"):
        advice(hourly_value=Money(5_000, "CHF"), config=rates(USD=1.0, EUR=1.2))


def test_unconvertible_hourly_value_is_refused_even_for_a_core_task():
    with pytest.raises(ValueError, match="no exchange rate"):
        advice(core=True, hourly_value=Money(5_000, "EUR"))


# What the owner reads.


def test_payback_sentence_for_a_single_hour():
    result = advice(onboarding_hours=1)  # 60.00 / 348.00 = 0.1724
    assert result.reasons[1] == "The 1 hour it takes to hand over pays for itself in 0.17 months."


def test_payback_sentence_when_handing_over_takes_no_time():
    result = advice(onboarding_hours=0)
    assert result.reasons[1] == (
        "Handing it over takes none of your time, so it pays from the first month."
    )


def test_zero_gain_reason_says_nothing_is_gained():
    assert (
        advice(market=priced(64_800))
        .reasons[0]
        .endswith(
            "vendors charge 648.00 USD (median of 5): as much as your time is worth, so handing "
            "it off gains you nothing."
        )
    )


@pytest.mark.parametrize(
    ("vendors", "opening"),
    [
        (0, "No vendor on Offload can take this task on your terms yet"),
        (1, "Only 1 vendor on Offload can take this task on your terms"),
        (2, "Only 2 vendors on Offload can take this task on your terms"),
    ],
)
def test_thin_market_reason_counts_the_vendors(vendors, opening):
    market_ = no_market() if vendors == 0 else priced(100, vendors=vendors)
    assert advice(market=market_).reasons == (
        f"{opening}; we need at least 3 to know what the market charges, so we cannot yet "
        "say whether handing it off pays.",
    )


@pytest.mark.parametrize(
    ("missing", "asked"),
    [
        ({"hours_spent_per_month": None}, "how many hours a month you spend on it"),
        ({"hourly_value": None}, "what an hour of your time is worth"),
        (
            {"hours_spent_per_month": None, "hourly_value": None},
            "how many hours a month you spend on it and what an hour of your time is worth",
        ),
    ],
)
def test_missing_input_reason_asks_for_what_is_missing(missing, asked):
    assert advice(**missing).reasons == (
        f"Tell us {asked}, and we can say whether handing it off pays.",
    )


def test_core_reason():
    assert advice(core=True).reasons == (
        "You marked this task as core to your business, what you sell: keep it in-house and "
        "hand off the admin around it instead.",
    )


# A business's plan.


def outsourcing(gain: int, hours: float, currency: str = "USD") -> Advice:
    return Advice(Recommendation.outsource, hours, None, Money(gain, currency), None, "1", ())


def other(recommendation: Recommendation, gain: int | None = None) -> Advice:
    money = usd(gain) if gain is not None else None
    return Advice(recommendation, 5.0, None, money, None, None, ())


def test_plan_puts_outsource_items_first_by_gain_then_the_rest_in_input_order():
    items = [
        other(Recommendation.costs_more, -100),
        outsourcing(10_000, 2.5),
        outsourcing(30_000, 4.25),
        other(Recommendation.keep_core, 99_999),
        outsourcing(10_000, 1.1),  # ties with item 1: input order
        other(Recommendation.needs_input),
    ]
    result = plan(items, currency="USD", config=USD)
    assert result.order == (2, 1, 4, 0, 3, 5)
    assert result.priority == (None, 2, 1, None, 3, None)


def test_plan_totals_count_outsource_items_only():
    items = [
        outsourcing(10_000, 2.5),
        other(Recommendation.keep_core, 99_999),
        outsourcing(30_000, 4.25),
        other(Recommendation.too_few_vendors, 50_000),
        outsourcing(1, 0.01),
    ]
    result = plan(items, currency="USD", config=USD)
    assert result.hours_freed == 6.76  # 2.5 + 4.25 + 0.01, not 6.760000000000001
    assert result.net_monthly_gain == usd(40_001)


def test_plan_compares_and_totals_gains_in_one_currency():
    # 1 EUR = 1.2 USD: 100.00 EUR is 120.00 USD, more than 110.00 USD.
    items = [outsourcing(11_000, 1.0), outsourcing(10_000, 1.0, "EUR")]
    result = plan(items, currency="USD", config=rates(USD=1.0, EUR=1.2))
    assert result.order == (1, 0)
    assert result.net_monthly_gain == usd(23_000)


def test_plan_refuses_a_gain_it_cannot_convert():
    with pytest.raises(ValueError, match="no exchange rate"):
        plan([outsourcing(100, 1.0, "CHF")], currency="USD", config=USD)


def test_plan_of_nothing_to_outsource_is_all_in_input_order_with_zero_totals():
    items = [other(Recommendation.costs_more, -5), other(Recommendation.keep_core)]
    result = plan(items, currency="EUR", config=USD)
    assert result.order == (0, 1)
    assert result.priority == (None, None)
    assert (result.hours_freed, result.net_monthly_gain) == (0.0, Money(0, "EUR"))
