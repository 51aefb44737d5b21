"""An empty ranking says, in words, what the business could change to get matches."""

from tests.matching.builders import monthly, offer, ranked, task

# The default task: 100 units for 100.00-200.00 USD a month.


def test_a_ranking_with_matches_carries_no_hints():
    assert ranked(task(), offer()).hints == ()


def test_the_cheapest_quote_excluded_only_for_budget_is_named_against_the_budget():
    ranking = ranked(
        task(),
        offer("s1", pricing=monthly(30_000)),
        offer("s2", pricing=monthly(26_000)),
    )
    assert ranking.matches == ()
    assert ranking.hints == (
        "2 vendors would fit everything else, the cheapest at 260.00 USD a month; your "
        "budget's maximum of 200.00 USD allows quotes up to 220.00 USD (with the 10% "
        "tolerance). Raise the maximum to 260.00 USD to see it.",
    )


def test_the_largest_free_capacity_is_named_against_the_volume():
    ranking = ranked(
        task(volume=500),
        offer("s1", capacity=300, reserved=100, pricing=monthly(15_000)),
        offer("s2", capacity=120, pricing=monthly(15_000)),
    )
    assert ranking.hints == (
        "2 vendors would fit everything else, but the most free capacity any of them has is "
        "200 units a month and you need 500. Lower the volume to 200, or split the work into "
        "smaller tasks.",
    )


def test_the_constraint_that_alone_keeps_out_the_most_offers_comes_first():
    ranking = ranked(
        task(languages=("de",)),
        offer("s1", languages=("en",)),
        offer("s2", languages=("fr",)),
        offer("s3", languages=("de",), pricing=monthly(90_000)),
    )
    assert ranking.hints[0].startswith("2 vendors would fit everything else but speak none of de")
    assert ranking.hints[1].startswith("1 vendor would fit everything else, the cheapest at")


def test_offers_failing_several_constraints_are_summed_up_by_count():
    ranking = ranked(
        task(languages=("de",)),
        offer("s1", languages=("en",), pricing=monthly(90_000)),
    )
    assert ranking.hints == (
        "The only vendor offering bookkeeping misses more than one of your requirements "
        "(1 on budget, 1 on language). Loosen the one that excludes the most first.",
    )


def test_no_offer_of_the_type_at_all_says_so():
    assert ranked(task()).hints == ("No vendor offers bookkeeping yet; ask again later.",)


def test_matches_held_back_only_by_min_score_say_to_lower_it():
    ranking = ranked(task(), offer(), min_score=0.99)
    assert ranking.hints == (
        "1 vendor passed every requirement but scored below your minimum score of 0.99. "
        "Lower min_score to see them.",
    )
