"""Ranking: the worked example, ordering and ties, limit and min_score, determinism."""

import math

import pytest

from matching import Coverage, OfferSet, Reason, Weights, Window, rank
from tests.matching.builders import (
    MONDAY,
    WEEKDAYS,
    factor,
    hourly,
    hours,
    monthly,
    offer,
    per_unit,
    ranked,
    task,
)


def order(ranking):
    return [m.service_id for m in ranking.matches]


def test_worked_example_from_the_docs():
    # docs/matching.md, "A worked example": a New York bakery, 400 transactions a month
    bakery = task(
        volume=400,
        budget_min=30_000,
        budget_max=50_000,
        skills=("QuickBooks", "Xero"),
        languages=("en",),
        coverage=Coverage("America/New_York", Window(WEEKDAYS, hours(9), hours(17))),
    )
    alpha = offer(
        "alpha",
        pricing=per_unit(105),
        capacity=1000,
        reserved=200,
        skills=("QuickBooks", "Xero"),
        experience_years=4,
        completed_count=10,
        languages=("en",),
        timezone="America/Chicago",
        working_hours=(Window(WEEKDAYS, hours(8), hours(16)),),
        rating_sum=240,
        rating_count=50,
    )
    bravo = offer(
        "bravo",
        pricing=hourly(2500, 25),
        capacity=500,
        skills=("QuickBooks",),
        experience_years=8,
        types_offered=2,
        languages=("en",),
        timezone="Asia/Manila",
        working_hours=(Window(WEEKDAYS, hours(21), hours(5)),),
        rating_sum=5,
        rating_count=1,
    )
    charlie = offer("charlie", pricing=monthly(60_000), languages=("en",))  # > 550.00
    delta = offer("delta", capacity=300, languages=("en",))  # 300 < 400
    echo = offer("echo", languages=("es",))
    ranking = ranked(bakery, echo, delta, charlie, bravo, alpha, at=MONDAY)

    assert [(m.rank, m.service_id, m.score) for m in ranking.matches] == [
        (1, "alpha", 0.918297),  # 7.346378 / 8
        (2, "bravo", 0.711073),  # 5.688582 / 8
    ]
    assert [m.quote.amount for m in ranking.matches] == [
        42_000,
        40_000,
    ]  # 105 x 400; 2500 x 400 / 25
    assert {k: v for k, v in ranking.excluded.items() if v} == {
        "budget": 1,
        "capacity": 1,
        "language": 1,
    }
    assert factor(ranking, "budget") == (
        0.88,
        2.0,
        "quote 420.00 USD is inside your 300.00-500.00 USD budget",
    )
    assert [f.score for f in ranking.matches[1].factors] == [0.5323, 0.7, 0.9, 0.5, 0.875, 0.6875]


def test_higher_score_ranks_first_even_when_dearer():
    # both inside 100.00-200.00: cheap 110.00 scores budget 0.98, dear 150.00 scores 0.9, but
    # dear has fifty 4.8s against cheap's prior 0.625
    cheap = offer("cheap", pricing=monthly(11_000))
    dear = offer("dear", pricing=monthly(15_000), rating_sum=240, rating_count=50)
    assert order(ranked(task(), cheap, dear)) == ["dear", "cheap"]


def test_cheaper_vendor_ranks_first_when_all_else_equal():
    # both quotes are at or below the 100.00 budget min, so both score budget 1 and tie
    dear, cheap = offer("a", pricing=monthly(10_000)), offer("b", pricing=monthly(9_000))
    ranking = ranked(task(), dear, cheap)
    assert ranking.matches[0].score == ranking.matches[1].score
    assert order(ranking) == ["b", "a"]


def test_ties_in_score_and_quote_go_to_the_lower_vendor_id_then_service_id():
    offers = [
        offer("s3", vendor_id="v2"),
        offer("s2", vendor_id="v1"),
        offer("s1", vendor_id="v2"),
    ]
    assert order(ranked(task(), *offers)) == ["s2", "s1", "s3"]
    assert order(ranked(task(), *reversed(offers))) == ["s2", "s1", "s3"]


def test_equal_inputs_always_give_equal_output():
    offers = [
        offer(f"s{i}", vendor_id=f"v{i % 3}", pricing=monthly(9_000 + i % 2)) for i in range(30)
    ]
    first = ranked(task(), *offers, limit=7)
    again = rank(task(), OfferSet(list(offers)), limit=7, at=MONDAY)
    assert first == again
    # all score alike; the 90.00 quotes (even i) first, then vendor id, then service id as text
    assert order(first) == ["s0", "s12", "s18", "s24", "s6", "s10", "s16"]


def test_with_every_applicable_weight_zero_all_scores_are_zero_and_price_decides():
    # only skills weighs, but the task lists no skills: nothing left to judge by
    weights = dict.fromkeys(Weights.names(), 0.0) | {"skills": 1.0}
    ranking = ranked(task(), offer("a", pricing=monthly(12_000)), offer("b"), weights=weights)
    assert [(m.service_id, m.score) for m in ranking.matches] == [("b", 0.0), ("a", 0.0)]


def test_limit_keeps_the_best_and_numbers_them_from_one():
    offers = [offer(f"s{i}", pricing=monthly(10_000 + 100 * i)) for i in range(5)]
    ranking = ranked(task(), *reversed(offers), limit=2)
    assert [(m.rank, m.service_id) for m in ranking.matches] == [(1, "s0"), (2, "s1")]
    assert (ranking.candidates, ranking.eligible) == (5, 5)


@pytest.mark.parametrize("limit", [0, -1, 1001])
def test_limit_outside_one_to_a_thousand_is_refused(limit):
    with pytest.raises(ValueError, match="limit"):
        ranked(task(), offer(), limit=limit)


@pytest.mark.parametrize("min_score", [-0.01, 1.01, math.nan])
def test_min_score_outside_zero_to_one_is_refused(min_score):
    with pytest.raises(ValueError, match="min_score"):
        ranked(task(), offer(), min_score=min_score)


def test_min_score_leaves_out_weaker_matches_but_keeps_equal_ones():
    # the default offer scores 0.752273 (see test_factors); at the 200.00 max, budget 0.8:
    # (0.2 + 1 + 2 x 0.8 + 1.5 x 0.625) / 5.5 = 0.679545
    strong, weak = offer("strong"), offer("weak", pricing=monthly(20_000))
    assert order(ranked(task(), strong, weak, min_score=0.752273)) == ["strong"]
    assert order(ranked(task(), strong, weak, min_score=0.752274)) == []
    assert order(ranked(task(), strong, weak, min_score=0.0)) == ["strong", "weak"]


def test_no_offers_gives_an_empty_ranking_with_every_reason_counted_zero():
    ranking = ranked(task())
    assert ranking.matches == ()
    assert ranking.excluded == dict.fromkeys([r.value for r in Reason], 0)
    assert (ranking.candidates, ranking.eligible) == (0, 0)


def _factor(ranking, name):
    (match,) = ranking.matches
    return next(f for f in match.factors if f.name == name)


def test_an_offers_own_explained_factors_are_reused_until_the_offers_change():
    pool = OfferSet([offer("a", rating_sum=9.0, rating_count=2, experience_years=3.0)])
    first = rank(task(), pool, at=MONDAY)
    again = rank(task(volume=50, budget_max=30_000), pool, at=MONDAY)
    # Reputation and task type read nothing of the task but its type: explained once.
    assert _factor(again, "reputation") is _factor(first, "reputation")
    assert _factor(again, "task_type") is _factor(first, "task_type")
    assert _factor(again, "volume") != _factor(first, "volume")
    # Another weight is another explained factor, not the kept one.
    weighted = rank(task(weights={"reputation": 3.0}), pool, at=MONDAY)
    assert _factor(weighted, "reputation").weight == 3.0
    pool.replace(0, offer("a", rating_sum=2.0, rating_count=1, experience_years=3.0))
    changed = _factor(rank(task(), pool, at=MONDAY), "reputation")
    assert changed.score < _factor(first, "reputation").score
    assert changed.detail.startswith("rated 2.00 of 5 from 1 rating")


def test_an_offers_kept_explanations_equal_fresh_ones():
    offers = [
        offer(f"s{i}", rating_sum=4.0 * i, rating_count=i, completed_count=i) for i in range(5)
    ]
    pool = OfferSet(offers)
    rank(task(), pool, at=MONDAY)  # keeps what it explains
    kept = rank(task(), pool, at=MONDAY)
    fresh = rank(task(), OfferSet(offers), at=MONDAY)
    assert [m.factors for m in kept.matches] == [m.factors for m in fresh.matches]


def test_explained_factors_kept_per_offer_are_bounded(monkeypatch):
    monkeypatch.setattr("matching.explain.SAID_KEPT", 4)
    pool = OfferSet([offer("a")])
    for weight in (1.0, 2.0, 3.0, 4.0):
        rank(task(weights={"reputation": weight, "task_type": weight}), pool, at=MONDAY)
    assert len(pool.said) == 4
    beyond = rank(task(weights={"reputation": 5.0}), pool, at=MONDAY)
    assert len(pool.said) == 4
    assert _factor(beyond, "reputation").weight == 5.0
