"""blockers.describe(): a sentence with the numbers for every constraint one offer fails."""

from matching import Coverage, MatchConfig, OfferSet, Reason, Window, check, check_one
from matching.blockers import describe
from tests.matching.builders import MONDAY, WEEKDAYS, hours, offer, per_unit, rates, task


def _described(the_task, the_offer, config=None):
    offers = OfferSet([the_offer])
    checked = check(the_task, offers, config=config, at=MONDAY)
    return dict(describe(the_task, offers, checked, 0, config=config))


def test_an_offer_passing_everything_has_nothing_to_describe():
    assert _described(task(), offer()) == {}


def test_each_failed_constraint_gets_its_sentence_in_reason_order():
    the_task = task(
        volume=100,
        languages=("de",),
        required_certifications=("CPA", "acca"),
        coverage=Coverage("UTC", Window(WEEKDAYS, hours(9), hours(17)), min_overlap=0.5),
        unit="invoices",
    )
    bad = offer(
        capacity=50,
        min_volume=500,
        pricing=per_unit(1_000),
        languages=("en", "tl"),
        certifications=("ACCA",),
    )

    described = _described(the_task, bad)

    assert list(described) == [
        Reason.capacity,
        Reason.min_volume,
        Reason.budget,
        Reason.language,
        Reason.certification,
        Reason.timezone,
    ]
    assert described[Reason.capacity] == (
        "the service has 50 invoices a month free, less than the 100 this task needs"
    )
    assert described[Reason.min_volume] == (
        "the service takes at least 500 invoices a month, and this task has 100"
    )
    assert described[Reason.budget] == (
        "the quote 1,000.00 USD is over the 200.00 USD budget maximum even with the 10% "
        "tolerance (at most 220.00 USD)"
    )
    assert described[Reason.language] == "the vendor speaks en, tl, none of de"
    assert described[Reason.certification] == "the vendor does not hold CPA"
    assert described[Reason.timezone] == (
        "the vendor works 0.0 of the 40.0 hours a week the task needs covered (0%), "
        "under the 50% minimum"
    )


def test_the_budget_sentence_uses_the_configured_tolerance():
    config = MatchConfig(budget_tolerance=0.25)
    described = _described(task(), offer(pricing=per_unit(300)), config)
    assert described[Reason.budget].endswith("the 25% tolerance (at most 250.00 USD)")


def test_a_currency_without_a_rate_names_both_currencies():
    described = _described(task(), offer(pricing=per_unit(100, "EUR")), rates(USD=1.0))
    assert described == {
        Reason.currency: "the service is priced in EUR, which has no exchange rate to USD"
    }


def test_check_one_gives_one_offers_quote_and_every_blocker_by_name():
    the_task = task(volume=100, budget_max=20_000, languages=("de",))
    pricey = offer(capacity=50, pricing=per_unit(1_000, minimum=150_000), languages=("en",))

    verdict = check_one(the_task, pricey, at=MONDAY)

    assert verdict.quote == 150_000  # 1,000 x 100 = 100,000, under the monthly minimum
    assert [reason for reason, _ in verdict.blockers] == [
        Reason.capacity,
        Reason.budget,
        Reason.language,
    ]
    assert dict(verdict.blockers) == _described(the_task, pricey)


def test_check_one_of_an_offer_that_fits_has_its_quote_and_no_blockers():
    verdict = check_one(task(volume=100), offer(pricing=per_unit(150)), at=MONDAY)
    assert (verdict.quote, verdict.blockers) == (15_000, ())
