"""The six factors, the weights and the explanations, against hand-computed values."""

import math

import pytest

from matching import MatchConfig, Weights
from tests.matching.builders import factor, monthly, offer, ranked, scored, task

BUDGET_300_500 = {"volume": 1, "budget_min": 30_000, "budget_max": 50_000}


def column(name, the_task, *offers, **options):
    return [float(x) for x in scored(the_task, *offers, **options).columns[name]]


@pytest.mark.parametrize(
    ("years", "completed", "types", "expected"),
    [
        (0, 0, 1, 0.2),  # 0 + 0 + 0.2 / 1
        (4, 10, 1, 0.705696),  # 0.5 (1 - e^-1) + 0.3 (1 - e^-1) + 0.2 = 0.8 x 0.632121 + 0.2
        (8, 0, 2, 0.532332),  # 0.5 (1 - e^-2) + 0 + 0.2 / 2 = 0.432332 + 0.1
        (0, 0, 0, 0.2),  # no types on record counts as one
        (80, 1000, 4, 0.85),  # 0.5 + 0.3 + 0.05, saturated
    ],
)
def test_task_type_factor_rewards_experience_track_record_and_focus(
    years, completed, types, expected
):
    o = offer(experience_years=years, completed_count=completed, types_offered=types)
    assert column("task_type", task(), o) == [pytest.approx(expected, abs=1e-6)]


@pytest.mark.parametrize(
    ("volume", "available", "expected"),
    [
        (100, 1000, 1.0),  # 1.5 - 0.1 capped at 1
        (500, 1000, 1.0),  # 1.5 - 0.5: exactly half still full marks
        (750, 1000, 0.75),  # 1.5 - 0.75
        (1000, 1000, 0.5),  # 1.5 - 1
    ],
)
def test_volume_factor_is_full_up_to_half_the_room_left_then_falls_to_one_half(
    volume, available, expected
):
    o = offer(capacity=available + 300, reserved=300, pricing=monthly(10_000))
    assert column("volume", task(volume=volume), o) == [expected]


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (20_000, 1.0),  # below the min
        (30_000, 1.0),  # at the min
        (42_000, 0.88),  # 1 - 0.2 x 12,000 / 20,000
        (50_000, 0.8),  # at the max
        (52_500, 0.4),  # 0.8 x (1 - 2,500 / 5,000)
        (55_000, 0.0),  # at the tolerance edge
    ],
)
def test_budget_factor_is_high_inside_the_range_and_decays_to_zero_at_the_tolerance(
    quote, expected
):
    got = column("budget", task(**BUDGET_300_500), offer(pricing=monthly(quote)))
    assert got == [pytest.approx(expected, abs=1e-12)]


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (39_000, 1.0),
        (40_000, 1.0),  # with min = max any quote up to it scores 1
        (42_000, 0.4),  # 0.8 x (1 - 2,000 / 4,000)
        (44_000, 0.0),  # edge: 40,000 x 1.1
    ],
)
def test_budget_factor_with_min_equal_to_max(quote, expected):
    the_task = task(volume=1, budget_min=40_000, budget_max=40_000)
    assert column("budget", the_task, offer(pricing=monthly(quote))) == [pytest.approx(expected)]


def test_skills_factor_is_the_share_of_distinct_wanted_skills_ignoring_case_and_space():
    # wanted: quickbooks, xero, gusto (the second "quickbooks " is the same skill) -> 3
    the_task = task(skills=("QuickBooks", "Xero", "quickbooks ", "Gusto"))
    two = offer("two", skills=("QUICK BOOKS", "xero", "Excel"))  # 2 / 3
    repeated = offer("rep", skills=("Xero", " xero"))  # listed twice, counted once: 1 / 3
    none = offer("none")  # 0 / 3
    assert column("skills", the_task, two, repeated, none) == [2 / 3, 1 / 3, 0.0]


def test_skills_factor_does_not_count_when_the_task_lists_no_skills():
    ranking = ranked(task(), offer(skills=("Xero",)))
    assert factor(ranking, "skills") == (
        1.0,
        0.0,
        "you listed no skills, so skills do not count",
    )
    assert ranking.weights.skills == 1.5  # the weights used still show the default


def test_timezone_factor_does_not_count_when_the_task_sets_no_coverage():
    ranking = ranked(task(), offer())
    assert factor(ranking, "timezone")[1:] == (
        0.0,
        "you set no coverage hours, so time zones do not count",
    )


@pytest.mark.parametrize(
    ("rating_sum", "rating_count", "expected"),
    [
        (0, 0, 0.625),  # unrated: prior mean 3.5 -> (3.5 - 1) / 4
        (5, 1, 0.6875),  # s = (17.5 + 5) / 6 = 3.75 -> 2.75 / 4
        (240, 50, 0.920455),  # s = (17.5 + 240) / 55 = 4.681818 -> 3.681818 / 4
        (5, 5, 0.3125),  # five 1-stars: s = (17.5 + 5) / 10 = 2.25 -> 1.25 / 4
    ],
)
def test_reputation_is_a_bayesian_average_mapped_onto_zero_to_one(
    rating_sum, rating_count, expected
):
    o = offer(rating_sum=rating_sum, rating_count=rating_count)
    assert column("reputation", task(), o) == [pytest.approx(expected, abs=1e-6)]


def test_fifty_ratings_of_4_8_beat_a_single_5_star():
    ranking = ranked(
        task(),
        offer("single", vendor_id="a", rating_sum=5, rating_count=1),
        offer("fifty", vendor_id="b", rating_sum=240, rating_count=50),
    )
    assert [m.service_id for m in ranking.matches] == ["fifty", "single"]


def test_reputation_prior_comes_from_the_config():
    config = MatchConfig(reputation_prior_mean=3.0, reputation_prior_weight=2.0)
    # s = (2 x 3 + 10) / (2 + 2) = 4 -> 0.75; unrated: (3 - 1) / 4 = 0.5
    got = column(
        "reputation", task(), offer(rating_sum=10, rating_count=2), offer("b"), config=config
    )
    assert got == [0.75, 0.5]


def test_score_is_the_weighted_mean_of_the_applied_factors_rounded_to_six_decimals():
    # task_type 0.2, volume 1 (100 of 1,000), budget 1 (quote = min), reputation 0.625;
    # skills and timezone do not apply: (0.2 + 1 + 2 x 1 + 1.5 x 0.625) / 5.5 = 4.1375 / 5.5
    assert ranked(task(), offer()).matches[0].score == 0.752273


def test_weights_merge_defaults_then_task_then_request():
    config = MatchConfig(default_weights=Weights(budget=3.0, reputation=0.5))
    the_task = task(weights={"budget": 1.0, "volume": 2.0})
    ranking = ranked(the_task, offer(), config=config, weights={"volume": 0.5})
    assert ranking.weights == Weights(budget=1.0, volume=0.5, reputation=0.5)
    # (1 x 0.2 + 0.5 x 1 + 1 x 1 + 0.5 x 0.625) / 3 = 2.0125 / 3 = 0.670833
    assert ranking.matches[0].score == 0.670833


def test_a_weight_of_zero_leaves_the_factor_out():
    only_budget = dict.fromkeys(Weights.names(), 0.0) | {"budget": 1.0}
    ranking = ranked(task(**BUDGET_300_500), offer(pricing=monthly(42_000)), weights=only_budget)
    assert ranking.matches[0].score == 0.88


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"price": 1.0}, "unknown factor"),
        ({"budget": -1.0}, "non-negative"),
        ({"budget": math.nan}, "non-negative"),
        (dict.fromkeys(Weights.names(), 0.0), "all be zero"),
    ],
)
def test_bad_weights_are_refused_from_the_request_or_the_task(weights, message):
    with pytest.raises(ValueError, match=message):
        ranked(task(), offer(), weights=weights)
    with pytest.raises(ValueError, match=message):
        ranked(task(weights=weights), offer())


def test_explanations_carry_the_numbers_behind_each_factor():
    the_task = task(volume=400, budget_min=30_000, budget_max=50_000, skills=("QuickBooks", "Xero"))
    o = offer(
        capacity=1000,
        reserved=200,
        pricing=monthly(42_000),
        skills=("QuickBooks",),
        experience_years=4,
        completed_count=1,
        rating_sum=240,
        rating_count=50,
    )
    details = {f.name: f.detail for f in ranked(the_task, o).matches[0].factors}
    assert details == {
        "task_type": "4 years of bookkeeping experience, 1 completed engagement on Offload, "
        "specialises in bookkeeping alone",
        "volume": "your 400 units a month would take 50% of the 800 it has free: "
        "plenty of headroom",
        "budget": "quote 420.00 USD is inside your 300.00-500.00 USD budget",
        "skills": "has 1 of the 2 skills you want (QuickBooks); missing Xero",
        "timezone": "you set no coverage hours, so time zones do not count",
        "reputation": "rated 4.80 of 5 from 50 ratings; we count it as 4.68, because a few "
        "ratings say less than many, so every vendor starts from 3.50 and its own ratings pull "
        "it from there",
    }


def test_a_vendor_of_several_task_types_is_told_why_it_counts_as_less_specialised():
    detail = factor(ranked(task(), offer(types_offered=3)), "task_type")[2]
    assert detail.endswith(
        "offers 3 task types, so it counts as less specialised in bookkeeping than a vendor "
        "that does bookkeeping alone"
    )


@pytest.mark.parametrize(
    ("quote", "sentence"),
    [
        (20_000, "quote 200.00 USD is below your 300.00-500.00 USD budget"),
        # (52,500 - 50,000) / 50,000 = 5.0%
        (52_500, "quote 525.00 USD is 5.0% over your 500.00 USD maximum, within the 10% tolerance"),
    ],
)
def test_budget_explanation_outside_the_range(quote, sentence):
    ranking = ranked(task(**BUDGET_300_500), offer(pricing=monthly(quote)))
    assert factor(ranking, "budget")[2] == sentence


def test_unrated_vendor_is_explained_as_the_starting_point():
    detail = factor(ranked(task(), offer()), "reputation")[2]
    assert detail == "no ratings yet, so it counts as 3.50 of 5, the marketplace's starting point"
