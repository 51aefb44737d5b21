"""check(): every constraint an offer fails, not only the first, and the same verdicts the
ranker drops offers by."""

from matching import OfferSet, Reason, check
from tests.matching.builders import MONDAY, offer, per_unit, ranked, rates, task


def test_offer_failing_several_constraints_names_each_in_reason_order():
    the_task = task(volume=100, languages=("de",), required_certifications=("cpa",))
    bad = offer(capacity=50, min_volume=500, pricing=per_unit(1_000), languages=("en",))
    checked = check(the_task, OfferSet([bad]), at=MONDAY)
    assert checked.blockers(0) == (
        Reason.capacity,
        Reason.min_volume,
        Reason.budget,
        Reason.language,
        Reason.certification,
    )


def test_offer_passing_every_constraint_has_no_blockers():
    checked = check(task(), OfferSet([offer()]), at=MONDAY)
    assert checked.blockers(0) == ()
    assert checked.passing().tolist() == [True]


def test_passing_can_ignore_the_budget_alone():
    too_dear = offer("dear", pricing=per_unit(1_000))
    too_small = offer("small", capacity=10)
    checked = check(task(), OfferSet([too_dear, too_small]), at=MONDAY)
    assert checked.passing().tolist() == [False, False]
    assert checked.passing(ignore={Reason.budget}).tolist() == [True, False]


def test_unknown_currency_is_a_blocker_and_carries_no_quote():
    euro = offer(pricing=per_unit(100, "EUR"))
    checked = check(task(), OfferSet([euro]), config=rates(USD=1.0), at=MONDAY)
    assert checked.blockers(0) == (Reason.currency,)
    assert int(checked.quote[0]) == 0


def test_first_blocker_is_the_reason_the_ranker_counts():
    offers = [
        offer("a", capacity=10, pricing=per_unit(1_000)),
        offer("b", pricing=per_unit(1_000)),
        offer("c"),
    ]
    checked = check(task(), OfferSet(offers), at=MONDAY)
    firsts = [checked.blockers(i)[0].value for i in range(2)]
    ranking = ranked(task(), *offers)
    assert {r: n for r, n in ranking.excluded.items() if n} == {r: firsts.count(r) for r in firsts}
    assert [m.service_id for m in ranking.matches] == ["c"]
