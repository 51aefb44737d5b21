"""Properties over random small marketplaces, and agreement with the reference scorer."""

from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import (
    Coverage,
    MatchConfig,
    Offer,
    OfferSet,
    Pricing,
    PricingModel,
    TaskSpec,
    Weights,
    Window,
    rank,
    score_all,
)
from matching.constraints import REASONS, check
from matching.rank import KEEP, MAX_LIMIT
from tests.matching.reference import reference_rank

# Exchange rates are powers of two so float conversion is exact enough to agree with the
# reference's exact arithmetic even on halves; CHF has no rate. Windows are on the hour and
# zone offsets multiples of half an hour, as the reference's clock sampling assumes.
RATES = {"USD": 1.0, "EUR": 2.0, "JPY": 2.0**-7, "KWD": 4.0}
ZONES = [
    "UTC",
    "America/New_York",
    "America/Chicago",
    "Europe/London",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
]
MOMENTS = [  # plain weeks and weeks with a clock change in some zone
    datetime(2026, 1, 5, 12, tzinfo=UTC),
    datetime(2026, 3, 5, 3, tzinfo=UTC),
    datetime(2026, 3, 27, 23, tzinfo=UTC),
    datetime(2026, 4, 2, 0, tzinfo=UTC),
    datetime(2026, 10, 29, 18, tzinfo=UTC),
]
SKILLS = ["QuickBooks", "quick books", "Xero", "XERO", "Gusto", "Excel", "Sage"]
VENDORS = ["v1", "v2", "v3", "v4", "v5", "v6"]
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

on_the_hour = st.integers(0, 23).map(lambda h: h * 60)
day_sets = st.sampled_from([(0, 1, 2, 3, 4), (0, 1, 2, 3, 4, 5, 6), (0,), (5, 6), (1, 3, 5), (6,)])
windows = st.builds(Window, day_sets, on_the_hour, on_the_hour)
pricings = st.one_of(
    st.builds(
        Pricing,
        st.just(PricingModel.per_unit),
        currency=st.sampled_from(["USD", "USD", "EUR", "JPY", "KWD", "CHF"]),
        amount=st.integers(1, 2_000),
        minimum_monthly=st.sampled_from([0, 0, 0, 25_000]),
    ),
    st.builds(
        Pricing,
        st.just(PricingModel.hourly),
        currency=st.sampled_from(["USD", "EUR", "JPY"]),
        amount=st.integers(100, 6_000),
        units_per_hour=st.sampled_from([0.5, 1.0, 2.5, 3.0, 6.0, 7.0, 10.0, 12.5, 20.0, 40.0]),
        minimum_monthly=st.sampled_from([0, 0, 5_000, 40_000]),
    ),
    st.builds(
        Pricing,
        st.just(PricingModel.monthly),
        currency=st.sampled_from(["USD", "EUR"]),
        amount=st.integers(1_000, 400_000),
        minimum_monthly=st.sampled_from([0, 0, 0, 200_000]),
    ),
)
weight_overrides = st.none() | st.dictionaries(
    st.sampled_from(Weights.names()), st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]), max_size=3
)


@st.composite
def offers_(draw) -> Offer:
    capacity = draw(st.sampled_from([1_000, 5_000, 300, 2_000, 0]) | st.integers(50, 5_000))
    count = draw(st.sampled_from([0, 1, 5, 50]))
    return Offer(
        service_id="",  # numbered and given a vendor by marketplaces()
        vendor_id="",
        vendor_name="Vendor",
        task_type="bookkeeping",
        capacity=capacity,
        reserved=draw(st.sampled_from([0, 0, 0, 0, capacity // 3, capacity])),
        min_volume=draw(st.sampled_from([0, 0, 0, 0, 10, 50, 200])),
        pricing=draw(pricings),
        skills=tuple(draw(st.lists(st.sampled_from(SKILLS), max_size=3))),
        experience_years=draw(st.integers(0, 30)),
        completed_count=draw(st.integers(0, 80)),
        types_offered=draw(st.integers(0, 4)),
        languages=draw(st.sampled_from([("en",), ("en", "es"), ("fr",), ("es", "fr")])),
        certifications=draw(st.sampled_from([(), ("CPA",), ("cpa ", "E A"), ("EA",)])),
        timezone=draw(st.sampled_from(ZONES)),
        working_hours=tuple(draw(st.lists(windows, max_size=2))),
        rating_sum=draw(st.integers(count, 5 * count)),
        rating_count=count,
        target_countries=draw(st.sampled_from([(), (), (), ("US",), ("FR", "DE")])),
        **draw(
            st.sampled_from([{}, {}])
            | st.builds(
                dict,
                min_budget=st.sampled_from([1, 50_000, 300_000]),
                min_budget_currency=st.sampled_from(["USD", "EUR", "GBP"]),
            )
        ),
    )


@st.composite
def marketplaces(draw) -> list[Offer]:
    """0-40 offers cloned from up to eight kinds under several vendors, so ties in score and
    quote are common and the vendor id / service id tie-breaks are exercised."""
    kinds = draw(st.lists(offers_(), min_size=1, max_size=8))
    size = draw(st.integers(0, 40))
    pick = st.integers(0, len(kinds) * len(VENDORS) - 1)
    picks = draw(st.lists(pick, min_size=size, max_size=size))
    return [
        replace(kinds[p % len(kinds)], service_id=f"s{i:02d}", vendor_id=VENDORS[p // len(kinds)])
        for i, p in enumerate(picks)
    ]


@st.composite
def tasks(draw) -> TaskSpec:
    budget_min = draw(st.sampled_from([0, 10_000, 100_000, 300_000]) | st.integers(0, 300_000))
    budget_span = draw(st.sampled_from([0, 100_000, 500_000]) | st.integers(0, 300_000))
    coverage = draw(
        st.none()
        | st.builds(
            Coverage,
            timezone=st.sampled_from(ZONES),
            window=windows,
            min_overlap=st.none() | st.sampled_from([0.0, 0.25, 0.5, 1.0]),
        )
    )
    return TaskSpec(
        task_type="bookkeeping",
        volume=draw(st.sampled_from([1, 20, 100, 300]) | st.integers(1, 300)),
        currency=draw(st.sampled_from(["USD", "EUR", "JPY"])),
        budget_min=budget_min,
        budget_max=budget_min + budget_span,
        skills=tuple(draw(st.lists(st.sampled_from(SKILLS), max_size=3))),
        required_certifications=draw(st.sampled_from([(), (), (), ("CPA",), ("ea", "c pa")])),
        languages=draw(st.sampled_from([(), (), ("en",), ("en", "fr"), ("es",)])),
        coverage=coverage,
        weights=draw(weight_overrides),
        country=draw(st.sampled_from([None, "US", "FR", "PH"])),
    )


configs = st.builds(
    MatchConfig,
    budget_tolerance=st.sampled_from([0.0, 0.05, 0.1, 0.25]),
    exchange_rates=st.just(RATES),
    reputation_prior_mean=st.sampled_from([3.5, 4.0]),
    reputation_prior_weight=st.sampled_from([5.0, 2.0]),
)
moments = st.sampled_from(MOMENTS)


def scores(task, offers, config, at):
    """service id -> score of every offer that is kept."""
    ranking = rank(task, OfferSet(offers), limit=MAX_LIMIT, config=config, at=at)
    return {m.service_id: m.score for m in ranking.matches}


@PROPERTY
@given(tasks(), marketplaces(), configs, moments, weight_overrides)
def test_every_factor_and_every_score_stays_between_zero_and_one(task, offers, config, at, weights):
    result = score_all(task, OfferSet(offers), weights=weights, config=config, at=at)
    for name, column in result.columns.items():
        assert np.all((column >= 0) & (column <= 1)), name
    assert np.all((result.score >= 0) & (result.score <= 1))


@PROPERTY
@given(tasks(), marketplaces(), configs, moments, st.integers(1, 300_000))
def test_raising_the_budget_max_never_lowers_a_vendors_score(task, offers, config, at, raise_by):
    before = scores(task, offers, config, at)
    after = scores(replace(task, budget_max=task.budget_max + raise_by), offers, config, at)
    for service_id, score in before.items():
        assert after[service_id] >= score


@PROPERTY
@given(tasks(), marketplaces().filter(bool), configs, moments, st.data())
def test_adding_capacity_never_lowers_that_offers_score(task, offers, config, at, data):
    j = data.draw(st.integers(0, len(offers) - 1))
    more = data.draw(st.integers(1, 1_000))
    grown = [*offers[:j], replace(offers[j], capacity=offers[j].capacity + more), *offers[j + 1 :]]
    before, after = scores(task, offers, config, at), scores(task, grown, config, at)
    if offers[j].service_id in before:
        assert after[offers[j].service_id] >= before[offers[j].service_id]


@PROPERTY
@given(
    tasks(), marketplaces().filter(lambda o: any(x.skills for x in o)), configs, moments, st.data()
)
def test_adding_a_wanted_skill_the_vendor_has_never_lowers_its_score(
    task, offers, config, at, data
):
    vendor = data.draw(st.sampled_from([o for o in offers if o.skills]))
    skill = data.draw(st.sampled_from(vendor.skills))
    before = scores(task, offers, config, at)
    after = scores(replace(task, skills=(*task.skills, skill)), offers, config, at)
    if vendor.service_id in before:
        assert after[vendor.service_id] >= before[vendor.service_id]


@PROPERTY
@given(tasks(), marketplaces(), configs, moments, st.randoms(use_true_random=False))
def test_result_does_not_depend_on_the_order_offers_are_given_in(task, offers, config, at, rnd):
    shuffled = list(offers)
    rnd.shuffle(shuffled)
    first = rank(task, OfferSet(offers), limit=MAX_LIMIT, config=config, at=at)
    assert rank(task, OfferSet(shuffled), limit=MAX_LIMIT, config=config, at=at) == first
    assert rank(task, OfferSet(offers), limit=MAX_LIMIT, config=config, at=at) == first


@PROPERTY
@given(tasks(), marketplaces(), configs, moments, st.integers(1, 45))
def test_top_k_is_the_first_k_of_the_full_ranking(task, offers, config, at, k):
    full = rank(task, OfferSet(offers), limit=MAX_LIMIT, config=config, at=at)
    top = rank(task, OfferSet(offers), limit=k, config=config, at=at)
    assert top.matches == full.matches[:k]
    assert top.excluded == full.excluded


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tasks(),
    marketplaces(),
    configs,
    moments,
    weight_overrides,
    st.integers(1, 8),
    st.sampled_from([0, 0.5, 0.7]),
    st.integers(1, 12),
)
def test_the_ranking_does_not_depend_on_how_many_offers_are_scored_first(
    task, offers, config, at, weights, k, min_score, head
):
    """Only the offers whose bound can reach the top k are scored: with a head of a few
    offers most are skipped, and the ranking is still the one that scores them all."""
    offer_set = OfferSet(offers)
    every = rank(
        task,
        offer_set,
        weights=weights,
        limit=k,
        min_score=min_score,
        config=config,
        at=at,
        head=MAX_LIMIT,
    )
    few = rank(
        task,
        offer_set,
        weights=weights,
        limit=k,
        min_score=min_score,
        config=config,
        at=at,
        head=head,
    )
    assert few == every


@PROPERTY
@given(tasks(), marketplaces(), configs, moments)
def test_the_tally_counts_each_dropped_offer_under_its_first_reason(task, offers, config, at):
    checked = check(task, OfferSet(offers), config=config, at=at)
    passing, counts = checked.tally()
    assert passing.tolist() == checked.passing().tolist()
    first = checked.first_reason()
    assert counts == [int((first == j).sum()) for j in range(len(REASONS))]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tasks(), marketplaces(), configs, moments, weight_overrides, st.sampled_from([0, 0.5, 0.7]))
def test_ranker_agrees_with_the_reference_scorer(task, offers, config, at, weights, min_score):
    got = rank(
        task,
        OfferSet(offers),
        weights=weights,
        limit=MAX_LIMIT,
        min_score=min_score,
        config=config,
        at=at,
    )
    want = reference_rank(task, offers, weights=weights, config=config, at=at, min_score=min_score)
    assert got.excluded == want.excluded
    assert [m.service_id for m in got.matches] == [x.offer.service_id for x in want.ranked]
    assert [m.score for m in got.matches] == [x.score for x in want.ranked]
    assert [m.quote.amount for m in got.matches] == [x.quote for x in want.ranked]
    for match in got.matches:
        assert {f.name: f.weight for f in match.factors} == want.weights

    # every kept offer's factors before rounding, and every offer's quote, kept or not
    detail = score_all(task, OfferSet(offers), weights=weights, config=config, at=at)
    for i, offer in enumerate(offers):
        outcome = want.outcomes[offer.service_id]
        if outcome.quote is not None:
            assert int(detail.quote[i]) == outcome.quote
        if detail.reason[i] == KEEP:
            for name, value in outcome.factors.items():
                assert float(detail.columns[name][i]) == pytest.approx(value, abs=1e-9), name


@PROPERTY
@given(tasks(), marketplaces(), marketplaces(), configs, moments, st.data())
def test_an_offer_set_grown_and_changed_in_place_ranks_like_one_built_afresh(
    task, offers, changes, config, at, data
):
    def ranking(offer_set):
        return rank(task, offer_set, limit=MAX_LIMIT, config=config, at=at)

    live = OfferSet(offers[: data.draw(st.integers(0, len(offers)))])
    ranking(live)  # lays out schedules, which the changes below must not leave stale
    live.extend(offers[live.n :])
    final = list(offers)
    for change in changes[: len(final)]:
        position = data.draw(st.integers(0, len(final) - 1))
        final[position] = replace(change, service_id=final[position].service_id)
        live.replace(position, final[position])
        ranking(live)
    assert ranking(live) == ranking(OfferSet(final))
