"""Allocation: many tasks at once, never over capacity, near the optimum, with a true bound."""

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import OfferSet
from matching.allocate import (
    Pairs,
    allocate,
    candidates,
    improve,
    lagrangian_bound,
    per_task_greedy,
)
from tests.matching.builders import MONDAY, offer, task


def pairs_of(tasks, offers):
    """Pairs built the way the API builds them: the ranker's eligible offers and scores."""
    offer_set = OfferSet(offers)
    columns = [[], [], [], []]
    for i, spec in enumerate(tasks):
        rows, score, quote = candidates(spec, offer_set, at=MONDAY)
        columns[0].append(np.full(len(rows), i))
        columns[1].append(rows)
        columns[2].append(score)
        columns[3].append(quote)
    task_col, offer_col, score_col, quote_col = (np.concatenate(c) for c in columns)
    return Pairs(
        task=task_col.astype(np.int64),
        offer=offer_col.astype(np.int64),
        score=score_col,
        quote=quote_col.astype(np.int64),
        volume=np.array([t.volume for t in tasks], dtype=np.int64),
        capacity=offer_set.available.astype(np.int64),
    )


def load(pairs, pair):
    """Volume each offer carries under an assignment."""
    used = np.zeros(pairs.n_offers, dtype=np.int64)
    for i, p in enumerate(pair):
        if p >= 0:
            assert pairs.task[p] == i
            used[pairs.offer[p]] += pairs.volume[i]
    return used


def objective(pairs, pair):
    return float(pairs.score[pair[pair >= 0]].sum())


def brute_force(pairs):
    """The optimum by trying every assignment: each task on one of its pairs or none."""
    options = [[-1, *np.flatnonzero(pairs.task == i).tolist()] for i in range(pairs.n_tasks)]
    best = 0.0
    for choice in itertools.product(*options):
        pair = np.array(choice, dtype=np.int64)
        if (load(pairs, pair) <= pairs.capacity).all():
            best = max(best, objective(pairs, pair))
    return best


@st.composite
def instances(draw, max_tasks=12, max_offers=8, max_per_task=6):
    n_tasks = draw(st.integers(1, max_tasks))
    n_offers = draw(st.integers(1, max_offers))
    volume = draw(st.lists(st.integers(1, 50), min_size=n_tasks, max_size=n_tasks))
    capacity = draw(st.lists(st.integers(0, 120), min_size=n_offers, max_size=n_offers))
    task_col, offer_col = [], []
    for i in range(n_tasks):
        chosen = draw(
            st.lists(
                st.integers(0, n_offers - 1),
                unique=True,
                max_size=min(max_per_task, n_offers),
            )
        )
        task_col += [i] * len(chosen)
        offer_col += chosen
    m = len(task_col)
    score = draw(st.lists(st.floats(0, 1), min_size=m, max_size=m))
    quote = draw(st.lists(st.integers(0, 10_000), min_size=m, max_size=m))
    return Pairs(
        task=np.array(task_col, dtype=np.int64),
        offer=np.array(offer_col, dtype=np.int64),
        score=np.round(np.array(score, dtype=np.float64), 6),
        quote=np.array(quote, dtype=np.int64),
        volume=np.array(volume, dtype=np.int64),
        capacity=np.array(capacity, dtype=np.int64),
    )


def test_allocation_places_both_tasks_where_per_task_ranking_double_books_the_top_vendor():
    # Both tasks rank Top first; Top has room for one. The audit needs a certification only
    # Top holds, so only allocation sees that the payroll task should go to Second.
    top = offer(
        "top",
        capacity=150,
        rating_sum=250,
        rating_count=50,
        experience_years=10,
        completed_count=40,
        certifications=("CPA",),
    )
    second = offer("second", capacity=1000)
    payroll, audit = task(volume=100), task(volume=100, required_certifications=("CPA",))
    pairs = pairs_of([payroll, audit], [top, second])

    alone = per_task_greedy(pairs)
    together = allocate(pairs)

    assert [pairs.offer[p] if p >= 0 else None for p in alone] == [0, None]
    assert [pairs.offer[p] for p in together.pair] == [1, 0]
    assert together.objective > objective(pairs, alone)


def test_pairs_carry_the_rankers_eligibility_scores_and_quotes():
    full = offer("full", capacity=50)  # less room than the task's volume: not eligible
    fine = offer("fine")
    pairs = pairs_of([task(volume=100)], [full, fine])

    assert pairs.offer.tolist() == [1]
    assert pairs.quote.tolist() == [10_000]
    assert 0 < pairs.score[0] <= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_no_offer_ever_carries_more_than_its_capacity_and_no_task_two_offers(pairs):
    result = allocate(pairs)

    assert result.pair.shape == (pairs.n_tasks,)
    assert (load(pairs, result.pair) <= pairs.capacity).all()
    assert abs(result.objective - objective(pairs, result.pair)) < 1e-6


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_the_objective_never_exceeds_the_upper_bound(pairs):
    result = allocate(pairs)

    assert result.objective <= result.upper_bound + 1e-9
    assert 0 <= result.gap <= 1


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_tasks=7, max_offers=4, max_per_task=3))
def test_on_instances_small_enough_to_enumerate_the_objective_is_within_3_percent_of_the_optimum(
    pairs,
):
    optimum = brute_force(pairs)

    result = allocate(pairs)

    assert result.objective >= 0.97 * optimum - 1e-9
    assert result.upper_bound >= optimum - 1e-6


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_tasks=7, max_offers=4, max_per_task=3))
def test_the_heuristic_alone_stays_within_capacity_and_under_the_bound(pairs):
    result = allocate(pairs, exact=False)

    assert result.solver == "heuristic"
    assert (load(pairs, result.pair) <= pairs.capacity).all()
    assert result.objective <= brute_force(pairs) + 1e-9 <= result.upper_bound + 1e-6


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.lists(st.floats(0, 0.05), min_size=8, max_size=8))
def test_any_offer_prices_give_a_bound_no_assignment_beats(pairs, prices):
    bound = lagrangian_bound(pairs, np.array(prices[: pairs.n_offers]))

    assert allocate(pairs).objective <= bound + 1e-9


def test_local_improvement_moves_a_task_off_a_full_offer_to_place_a_left_out_one():
    # Task 0 sits on offer 0, which task 1 needs; offer 1 can take task 0 for a little less.
    pairs = Pairs(
        task=np.array([0, 0, 1]),
        offer=np.array([0, 1, 0]),
        score=np.array([0.9, 0.8, 0.7]),
        quote=np.array([1, 1, 1]),
        volume=np.array([10, 10]),
        capacity=np.array([10, 10]),
    )

    better = improve(pairs, np.array([0, -1]))

    assert better.tolist() == [1, 2]


def test_a_task_too_big_for_every_offer_is_left_out_and_the_rest_still_placed():
    pairs = Pairs(
        task=np.array([0, 1]),
        offer=np.array([0, 0]),
        score=np.array([0.9, 0.5]),
        quote=np.array([1, 1]),
        volume=np.array([500, 10]),
        capacity=np.array([100]),
    )

    result = allocate(pairs)

    assert result.pair.tolist() == [-1, 1]
    assert result.objective == pytest.approx(0.5)


def test_no_pairs_gives_nothing_assigned_and_a_zero_bound():
    empty = np.zeros(0, dtype=np.int64)
    pairs = Pairs(
        task=empty,
        offer=empty,
        score=np.zeros(0),
        quote=empty,
        volume=np.array([5, 6]),
        capacity=np.array([10]),
    )

    result = allocate(pairs)

    assert result.pair.tolist() == [-1, -1]
    assert (result.objective, result.upper_bound, result.gap) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"task": np.array([2])}, "outside volume"),
        ({"offer": np.array([3])}, "outside capacity"),
        ({"volume": np.array([0])}, "positive"),
        ({"score": np.array([-0.1])}, "non-negative"),
        ({"quote": np.array([1, 2])}, "one entry per pair"),
    ],
)
def test_malformed_pairs_are_refused(change, message):
    fields = {
        "task": np.array([0]),
        "offer": np.array([0]),
        "score": np.array([0.5]),
        "quote": np.array([1]),
        "volume": np.array([1]),
        "capacity": np.array([1]),
    }

    with pytest.raises(ValueError, match=message):
        Pairs(**{**fields, **change})
