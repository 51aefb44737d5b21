"""Properties of the market and the advice over random inputs."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import MatchConfig, Money, OfferSet, rank
from matching.advice import Advice, Recommendation, advise, plan
from matching.market import Market, market, percentiles
from matching.rank import best_match
from tests.matching.builders import MONDAY, hourly, monthly, offer, per_unit, task
from tests.matching.test_properties import configs, marketplaces, moments
from tests.matching.test_properties import tasks as tasks_for_ranking

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Powers of two keep float conversion exact; CHF has no rate.
CONFIG = MatchConfig(exchange_rates={"USD": 1.0, "EUR": 2.0, "GBP": 0.5})
POINTS = (10, 25, 50, 75, 90)

quotes = st.lists(st.integers(0, 10**9), min_size=1, max_size=60)
pricings = st.one_of(
    st.builds(per_unit, st.integers(1, 3_000), st.sampled_from(["USD", "EUR", "GBP", "CHF"])),
    st.builds(hourly, st.integers(100, 9_000), st.sampled_from([7.0, 12.5, 40.0])),
    st.builds(monthly, st.integers(0, 500_000), st.sampled_from(["USD", "EUR"])),
)
offers_ = st.lists(
    st.builds(
        lambda pricing, capacity, min_volume, languages: (
            pricing,
            capacity,
            min_volume,
            languages,
        ),
        pricings,
        st.integers(0, 500),
        st.sampled_from([0, 0, 50, 300]),
        st.sampled_from([(), ("en",), ("de",), ("en", "de")]),
    ),
    max_size=25,
)
tasks = st.builds(
    lambda volume, languages, budget_max: task(
        volume=volume, languages=languages, budget_min=0, budget_max=budget_max
    ),
    st.integers(1, 400),
    st.sampled_from([(), ("en",)]),
    st.integers(0, 100_000),
)
shares = st.sampled_from([0.0, 0.05, 0.1, 0.15, 0.25, 0.5, 0.9])
hours_ = st.integers(0, 20_000).map(lambda h: h / 100)
rates_ = st.integers(0, 50_000)


def offer_set(drawn) -> OfferSet:
    return OfferSet(
        [
            offer(f"s{i}", pricing=p, capacity=c, min_volume=m, languages=langs)
            for i, (p, c, m, langs) in enumerate(drawn)
        ]
    )


def median_market(median: int, vendors: int) -> Market:
    quote = {f"p{p}": Money(median, "USD") for p in POINTS}
    return Market("bookkeeping", 100, "USD", vendors, quote, "0")


def gain(market_: Market, hours: float, rate: Money, share: float) -> int:
    advice = advise(
        market=market_,
        hours_spent_per_month=hours,
        hourly_value=rate,
        core=False,
        onboarding_hours=4,
        oversight_share=share,
        config=CONFIG,
    )
    assert advice.net_monthly_gain is not None
    return advice.net_monthly_gain.amount


@PROPERTY
@given(quotes)
def test_percentiles_are_numpys_to_the_minor_unit(values):
    exact = percentiles(np.array(values, dtype=np.int64))
    numpy = np.percentile(np.array(values, dtype=np.int64), POINTS)
    for p, approx in zip(POINTS, numpy, strict=True):
        assert abs(float(exact[p]) - approx) <= 1e-6 * max(1.0, abs(approx))
        # Rounded alike, except where float error in NumPy straddles an exact half.
        if abs(approx - np.floor(approx) - 0.5) > 1e-6:
            assert round(exact[p]) == int(np.round(approx))


@PROPERTY
@given(st.integers(0, 10**7), st.integers(3, 40), hours_, hours_, rates_, shares, st.booleans())
def test_more_hours_never_lower_the_gain(median, vendors, a, b, rate, share, euro):
    money = Money(rate, "EUR" if euro else "USD")
    market_ = median_market(median, vendors)
    low, high = sorted((a, b))
    assert gain(market_, low, money, share) <= gain(market_, high, money, share)


@PROPERTY
@given(st.integers(0, 10**7), st.integers(3, 40), hours_, rates_, rates_, shares, st.booleans())
def test_a_dearer_hour_never_lowers_the_gain(median, vendors, hours, a, b, share, euro):
    currency = "EUR" if euro else "USD"
    market_ = median_market(median, vendors)
    low, high = sorted((a, b))
    assert gain(market_, hours, Money(low, currency), share) <= gain(
        market_, hours, Money(high, currency), share
    )


@PROPERTY
@given(st.integers(0, 10**7), hours_, rates_, shares, shares)
def test_more_oversight_never_raises_the_gain(median, hours, rate, a, b):
    market_ = median_market(median, 10)
    low, high = sorted((a, b))
    assert gain(market_, hours, Money(rate, "USD"), high) <= gain(
        market_, hours, Money(rate, "USD"), low
    )


@PROPERTY
@given(tasks, offers_, st.data())
def test_an_offer_cheaper_than_the_median_never_raises_it(the_task, drawn, data):
    offers = offer_set(drawn)
    before = market(the_task, offers, config=CONFIG, at=MONDAY)
    if before.quote is None or before.quote["p50"].amount == 0:
        return
    cheaper = data.draw(st.integers(0, before.quote["p50"].amount - 1), label="cheaper")
    newcomer = offer("new", pricing=monthly(cheaper), capacity=10**6, languages=("en",))
    offers.extend([newcomer])
    after = market(the_task, offers, config=CONFIG, at=MONDAY)
    assert after.vendors == before.vendors + 1
    assert after.quote is not None
    assert after.quote["p50"].amount <= before.quote["p50"].amount


@PROPERTY
@given(tasks, offers_)
def test_percentiles_are_ordered_and_within_the_quotes(the_task, drawn):
    offers = offer_set(drawn)
    priced = market(the_task, offers, config=CONFIG, at=MONDAY)
    if priced.quote is None:
        assert priced.vendors == 0
        return
    values = [priced.quote[f"p{p}"].amount for p in POINTS]
    assert values == sorted(values)
    rows = [
        i
        for i, (pricing, capacity, min_volume, languages) in enumerate(drawn)
        if pricing.currency != "CHF"
        and capacity >= the_task.volume
        and the_task.volume >= min_volume
        and (not the_task.languages or set(the_task.languages) & set(languages))
    ]
    assert priced.vendors == len(rows)


@PROPERTY
@given(
    st.lists(
        st.one_of(
            st.builds(
                lambda gain_, hours: (Recommendation.outsource, gain_, hours),
                st.integers(1, 10**6),
                st.integers(0, 10_000).map(lambda h: h / 100),
            ),
            st.builds(
                lambda r: (r, None, 1.0),
                st.sampled_from([r for r in Recommendation if r is not Recommendation.outsource]),
            ),
        ),
        max_size=12,
    )
)
def test_plan_numbers_the_outsource_items_by_gain_and_orders_everything_once(items):
    advice = [
        Advice(r, hours, None, Money(g, "USD") if g else None, None, None, ())
        for r, g, hours in items
    ]
    result = plan(advice, currency="USD", config=CONFIG)
    assert sorted(result.order) == list(range(len(items)))
    outsourced = [i for i, (r, _, _) in enumerate(items) if r is Recommendation.outsource]
    ranked = result.order[: len(outsourced)]
    assert sorted(ranked) == outsourced
    assert [items[i][1] for i in ranked] == sorted((items[i][1] for i in ranked), reverse=True)
    assert [result.priority[i] for i in ranked] == list(range(1, len(outsourced) + 1))
    assert result.net_monthly_gain == Money(sum(items[i][1] for i in outsourced), "USD")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tasks_for_ranking(), marketplaces(), configs, moments, st.integers(1, 3))
def test_best_match_is_the_rankers_first_whatever_it_skips(the_task, offers, config, at, head):
    offer_set = OfferSet(offers)
    expected = rank(the_task, offer_set, limit=1, config=config, at=at).matches
    found = best_match(the_task, offer_set, config=config, at=at, head=head)
    assert found == (expected[0] if expected else None)
