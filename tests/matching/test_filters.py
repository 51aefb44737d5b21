"""Hard constraints: who is dropped, under which reason, and who just stays."""

from matching import MatchConfig
from tests.matching.builders import (
    factor,
    hourly,
    monthly,
    offer,
    per_unit,
    ranked,
    rates,
    task,
)

FLAT = monthly(15_000)  # inside the default 100.00-200.00 USD budget whatever the volume


def kept(ranking):
    return [m.service_id for m in ranking.matches]


def dropped(ranking):
    """Only the reasons that dropped something."""
    return {reason: n for reason, n in ranking.excluded.items() if n}


def test_vendor_with_no_capacity_is_dropped_under_capacity():
    ranking = ranked(task(volume=1), offer(capacity=0))
    assert kept(ranking) == []
    assert dropped(ranking) == {"capacity": 1}


def test_volume_equal_to_available_capacity_is_kept_with_volume_factor_one_half():
    ranking = ranked(task(volume=400), offer(capacity=400, pricing=FLAT))
    assert kept(ranking) == ["s1"]
    assert factor(ranking, "volume")[0] == 0.5  # 1.5 - 400 / 400


def test_reserved_capacity_is_not_available():
    # available = 500 - 200 = 300 < 400
    ranking = ranked(task(volume=400), offer(capacity=500, reserved=200, pricing=FLAT))
    assert dropped(ranking) == {"capacity": 1}
    # available = 500 - 100 = 400 = volume: kept
    ranking = ranked(task(volume=400), offer(capacity=500, reserved=100, pricing=FLAT))
    assert kept(ranking) == ["s1"]


def test_min_volume_equal_to_the_volume_is_kept_and_one_above_is_dropped():
    the_task = task(volume=100)
    ranking = ranked(the_task, offer("at", min_volume=100), offer("above", min_volume=101))
    assert kept(ranking) == ["at"]
    assert dropped(ranking) == {"min_volume": 1}


def test_quote_exactly_at_the_tolerance_edge_is_kept_and_one_minor_unit_above_is_dropped():
    the_task = task(volume=1, budget_min=30_000, budget_max=50_000)
    # edge: 50,000 x (10,000 + 1,000) / 10,000 = 55,000
    ranking = ranked(the_task, offer("edge", pricing=monthly(55_000)))
    assert kept(ranking) == ["edge"]
    assert factor(ranking, "budget")[0] == 0.0  # 0.8 x (1 - 5,000 / 5,000)
    ranking = ranked(the_task, offer("over", pricing=monthly(55_001)))
    assert dropped(ranking) == {"budget": 1}


def test_budget_tolerance_comes_from_the_config():
    the_task = task(volume=1, budget_min=0, budget_max=50_000)
    strict = MatchConfig(budget_tolerance=0.0)
    assert kept(ranked(the_task, offer(pricing=monthly(50_000)), config=strict)) == ["s1"]
    assert kept(ranked(the_task, offer(pricing=monthly(50_001)), config=strict)) == []
    # 25%: edge 50,000 x 12,500 / 10,000 = 62,500
    loose = MatchConfig(budget_tolerance=0.25)
    assert kept(ranked(the_task, offer(pricing=monthly(62_500)), config=loose)) == ["s1"]
    assert kept(ranked(the_task, offer(pricing=monthly(62_501)), config=loose)) == []


def test_budget_edge_is_checked_in_exact_integers_when_it_is_fractional():
    # 33,333 x 11,000 / 10,000 = 36,666.3: 36,666 stays, 36,667 goes
    the_task = task(volume=1, budget_min=0, budget_max=33_333)
    ranking = ranked(
        the_task, offer("a", pricing=monthly(36_666)), offer("b", pricing=monthly(36_667))
    )
    assert kept(ranking) == ["a"]


def test_unknown_currency_is_dropped_under_currency():
    config = rates(USD=1.0, EUR=1.1)
    ranking = ranked(task(), offer("chf", pricing=per_unit(100, "CHF")), config=config)
    assert dropped(ranking) == {"currency": 1}
    # no rates at all: any foreign currency is unknown
    assert dropped(ranked(task(), offer(pricing=per_unit(100, "EUR")))) == {"currency": 1}


def test_task_languages_empty_means_no_language_filter():
    assert kept(ranked(task(), offer(languages=()), offer("s2", languages=("es",)))) == ["s1", "s2"]


def test_vendor_speaking_one_of_several_task_languages_is_kept():
    the_task = task(languages=("en", "fr"))
    ranking = ranked(the_task, offer("fr", languages=("fr", "de")), offer("es", languages=("es",)))
    assert kept(ranking) == ["fr"]
    assert dropped(ranking) == {"language": 1}


def test_certifications_are_all_required_ignoring_case_and_white_space():
    the_task = task(required_certifications=("QuickBooks ProAdvisor", "CPA"))
    ranking = ranked(
        the_task,
        offer("both", certifications=("quickbooksproadvisor", " c p a ")),
        offer("one", certifications=("QUICKBOOKS PROADVISOR",)),
        offer("none"),
    )
    assert kept(ranking) == ["both"]
    assert dropped(ranking) == {"certification": 2}


def test_each_dropped_offer_is_counted_once_under_its_first_failing_reason():
    the_task = task(
        volume=100, budget_max=20_000, languages=("en",), required_certifications=("CPA",)
    )
    config = rates(USD=1.0)
    ranking = ranked(
        the_task,
        # currency and capacity and language: currency
        offer("a", pricing=per_unit(100, "XYZ"), capacity=0),
        # capacity and min_volume and budget: capacity
        offer("b", capacity=50, min_volume=500, pricing=per_unit(1_000)),
        # min_volume and budget: min_volume
        offer("c", min_volume=500, pricing=per_unit(1_000)),
        # budget and language: budget (1,000 x 100 = 100,000 > 22,000)
        offer("d", pricing=per_unit(1_000)),
        # language and certification: language
        offer("e", languages=("es",)),
        # certification only
        offer("f", languages=("en",)),
        # passes everything
        offer("g", languages=("en",), certifications=("cpa",)),
        config=config,
    )
    assert ranking.excluded == {
        "currency": 1,
        "capacity": 1,
        "min_volume": 1,
        "budget": 1,
        "language": 1,
        "certification": 1,
        "timezone": 0,
        "targeting": 0,
    }
    assert kept(ranking) == ["g"]
    assert (ranking.candidates, ranking.eligible) == (7, 1)


def test_hourly_offer_over_budget_is_dropped_under_budget():
    # 2,500 x 1,000 / 10 = 250,000 > 20,000 x 1.1 = 22,000
    assert dropped(ranked(task(volume=1_000), offer(pricing=hourly(2_500, 10)))) == {"budget": 1}
