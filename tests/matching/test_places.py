"""matching.places against full rankings, on the shapes its counting shares work across:
tasks of one family (same volume and currency) split into groups by languages and
country, budgets alike across tasks, skills mixed, quotes exactly at a budget's min, max
and ceiling, offers with a minimum budget, many offers tied with the one asked about or
a millionth or two from it, offers the pool does not hold, and families of many volumes
and currencies whose offers each come in another order."""

from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from matching import MatchConfig, Offer, OfferSet, TaskSet, TaskSpec, check_tasks, rank
from matching.places import _Shared, places
from tests.matching.builders import monthly, offer, per_unit, task
from tests.matching.test_properties import (
    PROPERTY,
    RATES,
    SKILLS,
    marketplaces,
    moments,
    offers_,
    tasks,
)

VOLUMES = (10, 40)
TOLERANCE = 0.25  # a budget max of 4/5 of a quote puts the ceiling exactly on it


@st.composite
def priced_pool(draw) -> list[Offer]:
    """Up to 40 offers of up to six kinds, each kind priced per unit in USD at a multiple
    of 5 cents, so every quote on a family's volume is a multiple of 5 and a budget can
    be set exactly on one; kinds repeat under several vendors, so ties are common."""
    kinds = [
        replace(k, pricing=per_unit(draw(st.integers(1, 40)) * 5))
        for k in draw(st.lists(offers_(), min_size=1, max_size=6))
    ]
    size = draw(st.integers(1, 40))
    picks = draw(st.lists(st.integers(0, 3 * len(kinds) - 1), min_size=size, max_size=size))
    return [
        replace(kinds[p % len(kinds)], service_id=f"s{i:02d}", vendor_id=f"v{p // len(kinds)}")
        for i, p in enumerate(picks)
    ]


@st.composite
def family_tasks(draw, pool: list[Offer]) -> list[TaskSpec]:
    """Tasks on one volume, in USD, with budgets whose min, max or ceiling falls exactly on
    a quote of the pool (or anywhere), some sharing a budget, with mixed skills,
    languages and countries."""
    volume = draw(st.sampled_from(VOLUMES))
    quotes = sorted({o.pricing.amount * volume for o in pool})
    on_a_quote = st.sampled_from(quotes)
    budgets = draw(
        st.lists(
            st.one_of(
                st.tuples(on_a_quote, on_a_quote).map(sorted),  # min and max on quotes
                on_a_quote.map(lambda q: (0, q * 4 // 5)),  # ceiling on a quote
                st.tuples(st.integers(0, 20_000), st.integers(0, 20_000)).map(sorted),
            ),
            min_size=1,
            max_size=3,
        )
    )
    count = draw(st.integers(1, 10))
    return [
        TaskSpec(
            task_type="bookkeeping",
            volume=volume,
            currency="USD",
            budget_min=low,
            budget_max=high,
            skills=tuple(draw(st.lists(st.sampled_from(SKILLS), max_size=3))),
            languages=draw(st.sampled_from([(), ("en",), ("es",)])),
            country=draw(st.sampled_from([None, "US", "FR"])),
        )
        for low, high in (draw(st.sampled_from(budgets)) for _ in range(count))
    ]


def assert_places_are_full_rankings(specs, pool_offers, mine, config, at):
    """Every rank, score, quote and eligible count places() gives equals what ranking the
    task over the pool (with ``mine`` in it) says."""
    tasks = TaskSet(specs)
    checked = check_tasks(tasks, mine, config=config, at=at)
    which = np.flatnonzero(checked.passing())
    found = places(tasks, which, OfferSet(pool_offers), mine, checked, config=config, at=at)
    with_mine = [o for o in pool_offers if o.service_id != mine.service_id] + [mine]
    for i, t in enumerate(which):
        ranking = rank(specs[t], OfferSet(with_mine), config=config, at=at, limit=len(with_mine))
        match = {m.service_id: m for m in ranking.matches}[mine.service_id]
        assert (
            int(found.rank[i]),
            float(found.score[i]),
            int(found.quote[i]),
            int(found.eligible_offers[i]),
        ) == (match.rank, match.score, match.quote.amount, ranking.eligible), specs[t]


@PROPERTY
@given(st.data(), st.sampled_from([0.0, TOLERANCE]), moments)
def test_places_are_full_rankings_for_an_offer_of_the_pool(data, tolerance, at):
    pool = data.draw(priced_pool())
    specs = data.draw(family_tasks(pool))
    mine = data.draw(st.sampled_from(pool))
    config = MatchConfig(budget_tolerance=tolerance, exchange_rates=RATES)
    assert_places_are_full_rankings(specs, pool, mine, config, at)


@PROPERTY
@given(st.data(), st.sampled_from([0.0, TOLERANCE]), moments)
def test_places_are_full_rankings_for_an_offer_the_pool_does_not_hold(data, tolerance, at):
    # A clone of one of the pool's offers under new ids: tied with it on every number.
    pool = data.draw(priced_pool())
    specs = data.draw(family_tasks(pool))
    mine = replace(data.draw(st.sampled_from(pool)), service_id="s-mine", vendor_id="v-mine")
    config = MatchConfig(budget_tolerance=tolerance, exchange_rates=RATES)
    tasks = TaskSet(specs)
    checked = check_tasks(tasks, mine, config=config, at=at)
    which = np.flatnonzero(checked.passing())
    found = places(tasks, which, OfferSet(pool), mine, checked, config=config, at=at)
    for i, t in enumerate(which):
        ranking = rank(specs[t], OfferSet([*pool, mine]), config=config, at=at, limit=len(pool) + 1)
        match = {m.service_id: m for m in ranking.matches}["s-mine"]
        assert (int(found.rank[i]), int(found.eligible_offers[i])) == (
            match.rank,
            ranking.eligible,
        )


@PROPERTY
@given(st.data(), st.sampled_from([0.0, TOLERANCE]), moments)
def test_an_older_copy_of_the_offer_in_the_pool_is_ahead_only_on_its_own_numbers(
    data, tolerance, at
):
    # The pool still holds the offer at another price: where that copy passes, it is
    # ahead only if its score (then quote) beats the offer's, never by id, and the offer
    # is counted once among the eligible.
    pool = data.draw(priced_pool())
    specs = data.draw(family_tasks(pool))
    older = data.draw(st.sampled_from(pool))
    mine = replace(older, pricing=per_unit(data.draw(st.integers(1, 40)) * 5))
    config = MatchConfig(budget_tolerance=tolerance, exchange_rates=RATES)
    tasks = TaskSet(specs)
    checked = check_tasks(tasks, mine, config=config, at=at)
    which = np.flatnonzero(checked.passing())
    found = places(tasks, which, OfferSet(pool), mine, checked, config=config, at=at)
    others = [o for o in pool if o.service_id != mine.service_id]
    for i, t in enumerate(which):
        ranking = rank(specs[t], OfferSet([*others, mine]), config=config, at=at, limit=len(pool))
        match = {m.service_id: m for m in ranking.matches}[mine.service_id]
        alone = rank(specs[t], OfferSet([older]), config=config, at=at).matches
        ahead = bool(alone) and (alone[0].score, -alone[0].quote.amount) > (
            match.score,
            -match.quote.amount,
        )
        assert (int(found.rank[i]), int(found.eligible_offers[i])) == (
            match.rank + ahead,
            ranking.eligible,
        ), specs[t]


def test_offers_quoting_exactly_the_budgets_min_max_and_ceiling_rank_as_ranking_puts_them():
    # 100 units: quotes 100.00 (the min), 200.00 (the max), 250.00 (the ceiling at 25%)
    # and 250.05 (one cent-step past it: not eligible).
    config = MatchConfig(budget_tolerance=TOLERANCE)
    pool = [
        offer("at-min", pricing=per_unit(100)),
        offer("at-max", pricing=per_unit(200)),
        offer("at-ceiling", pricing=per_unit(250)),
        offer("past", pricing=per_unit(251)),
        offer("also-at-max", pricing=per_unit(200)),
    ]
    spec = task(budget_min=10_000, budget_max=20_000)
    for mine in pool[:3]:
        assert_places_are_full_rankings([spec], pool, mine, config, None)
    found = places(
        TaskSet([spec]),
        np.array([0]),
        OfferSet(pool),
        pool[1],
        check_tasks(TaskSet([spec]), pool[1], config=config),
        config=config,
    )
    # at-min ahead; also-at-max ties on score and quote and wins on its vendor id
    # ("v-also-at-max" < "v-at-max"); at-ceiling behind; past not eligible.
    assert (int(found.rank[0]), int(found.eligible_offers[0])) == (3, 4)


def test_a_quote_under_the_ceiling_but_past_the_budget_factors_zero_scores_zero_on_budget():
    # A tolerance of 1.51 basis points lets in quotes up to max x 1.0002 (the ceiling is
    # in whole basis points) while the budget factor reaches 0 at max x 1.000151: past
    # that it is 0, not below. "seasoned" quotes past it, and ranks ahead of "mine" on its
    # track record, as it would not if its budget factor went on falling.
    config = MatchConfig(budget_tolerance=0.000151)
    mine = offer("mine", pricing=monthly(1_000_100))
    seasoned = offer(
        "seasoned", pricing=monthly(1_000_180), experience_years=40, completed_count=100
    )
    spec = task(budget_min=500_000, budget_max=1_000_000)
    assert_places_are_full_rankings([spec], [mine, seasoned], mine, config, None)
    found = places(
        TaskSet([spec]),
        np.array([0]),
        OfferSet([mine, seasoned]),
        mine,
        check_tasks(TaskSet([spec]), mine, config=config),
        config=config,
    )
    assert int(found.rank[0]) == 2


def test_an_offer_whose_minimum_budget_a_task_does_not_reach_is_not_counted_on_it():
    config = MatchConfig(budget_tolerance=TOLERANCE, exchange_rates=RATES)
    picky = offer("picky", pricing=per_unit(50), min_budget=15_000, min_budget_currency="USD")
    mine = offer("mine", pricing=per_unit(150))
    small, large = task(budget_max=14_999), task(budget_max=15_000)
    tasks = TaskSet([small, large])
    checked = check_tasks(tasks, mine, config=config)
    found = places(tasks, np.array([0, 1]), OfferSet([picky, mine]), mine, checked, config=config)
    assert found.rank.tolist() == [1, 2]
    assert found.eligible_offers.tolist() == [1, 2]
    assert_places_are_full_rankings([small, large], [picky, mine], mine, config, None)


def test_tasks_alike_in_budget_and_skills_but_not_in_language_are_each_counted_for_their_own():
    config = MatchConfig(exchange_rates=RATES)
    english = offer("english", pricing=per_unit(50), languages=("en",), skills=("xero",))
    spanish = offer("spanish", pricing=per_unit(60), languages=("es",), skills=("xero",))
    mine = offer("mine", pricing=per_unit(150), languages=("en", "es"))
    specs = [task(skills=("xero",), languages=lang) for lang in [(), ("en",), ("es",)]]
    tasks = TaskSet(specs)
    checked = check_tasks(tasks, mine, config=config)
    pool = [english, spanish, mine]
    found = places(tasks, np.array([0, 1, 2]), OfferSet(pool), mine, checked, config=config)
    assert found.rank.tolist() == [3, 2, 2]
    assert found.eligible_offers.tolist() == [3, 2, 2]
    assert_places_are_full_rankings(specs, pool, mine, config, None)


def test_a_quote_on_a_budget_whose_min_is_its_max_scores_the_full_budget_factor():
    # min = max = 50.00: a quote of 50.00 scores 1 on budget, one past it 0.8 at most (the
    # factor drops there), so the tie with an identical offer falls to the ids.
    config = MatchConfig(budget_tolerance=TOLERANCE)
    first = offer("s00", vendor_id="v0", pricing=per_unit(50))
    mine = replace(first, service_id="s01")
    dearer = offer("s02", vendor_id="v0", pricing=per_unit(51))
    spec = task(budget_min=5_000, budget_max=5_000)
    found = places(
        TaskSet([spec]),
        np.array([0]),
        OfferSet([first, mine, dearer]),
        mine,
        check_tasks(TaskSet([spec]), mine, config=config),
        config=config,
    )
    assert (int(found.rank[0]), int(found.eligible_offers[0])) == (2, 3)
    assert_places_are_full_rankings([spec], [first, mine, dearer], mine, config, None)


# Rates that are not powers of two: a converted quote is rounded, so two offers in
# different currencies can swap places from one currency of the tasks to another.
UNEVEN = {"USD": 1.0, "EUR": 1.08, "JPY": 0.0067, "KWD": 3.25}


@PROPERTY
@given(
    st.lists(tasks(), min_size=2, max_size=10),
    marketplaces().filter(bool),
    st.sampled_from([0.0, 0.1, TOLERANCE]),
    moments,
    st.data(),
)
def test_places_are_full_rankings_across_families_of_many_volumes_and_currencies(
    specs, pool, tolerance, at, data
):
    # Each family's offers are ordered starting from the last family's order, which a
    # change of volume (minimums, monthly fees) or currency (rounding) leaves unsorted.
    config = MatchConfig(budget_tolerance=tolerance, exchange_rates=UNEVEN)
    mine = data.draw(st.sampled_from(pool))
    assert_places_are_full_rankings(specs, pool, mine, config, at)


def test_a_family_whose_quotes_run_the_other_way_gets_its_offers_cheapest_first():
    # Per unit the first offers are cheaper, but their minimums make them the dearer on
    # 10 units: the order the last family left is exactly wrong for the next. Whatever
    # order it starts from, and whichever offers pass, each comes out cheapest first.
    pool = OfferSet(
        [
            offer("a", pricing=per_unit(10, minimum=50_000)),
            offer("b", pricing=per_unit(20, minimum=40_000)),
            offer("c", pricing=monthly(30_000)),
            offer("d", pricing=per_unit(40)),
        ]
    )
    shared = _Shared(pool, MatchConfig(), datetime(2026, 1, 5, tzinfo=UTC), np.zeros(0, np.int64))
    every = np.ones(pool.n, dtype=np.bool_)
    many, _ = shared.quoted(10_000, "USD")  # 100,000  200,000  30,000  400,000
    assert shared.cheapest_first(many, every).tolist() == [2, 0, 1, 3]
    few, _ = shared.quoted(10, "USD")  # 50,000  40,000  30,000  400
    assert shared.cheapest_first(few, every).tolist() == [3, 2, 1, 0]
    but_d = np.array([True, True, True, False])
    assert shared.cheapest_first(many, but_d).tolist() == [2, 0, 1]
    assert shared.cheapest_first(few, every).tolist() == [3, 2, 1, 0]  # d passes again


def test_offers_a_millionth_or_two_from_the_offers_score_rank_as_ranking_puts_them():
    # Ten million ratings each: two more rating points move the reputation factor by
    # 5e-8 and the score by about 1e-8, so these offers' scores run in small steps from
    # two millionths under the offer's own to two over, across each rounding step (where
    # a margin a little short of half a millionth miscounts them).
    config = MatchConfig()
    mine = offer("mine", rating_sum=40_000_000, rating_count=10_000_000)
    near = [
        offer(f"n{k:+04d}", rating_sum=40_000_000 + k, rating_count=10_000_000)
        for k in range(-400, 401, 2)
    ]
    pool = [mine, *near]
    for spec in (task(), task(skills=("xero",)), task(budget_min=0, budget_max=15_000)):
        assert_places_are_full_rankings([spec], pool, mine, config, None)
