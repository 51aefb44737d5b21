"""The vendor's side of matching: check_tasks agrees with check, a standing's rank is the
offer's place in the full ranking, and opportunities agree with ranking each task."""

from dataclasses import replace

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from matching import MatchConfig, OfferSet, Reason, TaskSet, check, check_tasks, rank
from matching.opportunities import discounted, opportunities
from matching.standing import standing
from tests.matching.test_properties import PROPERTY, configs, marketplaces, moments, offers_, tasks


@PROPERTY
@given(st.lists(tasks(), min_size=1, max_size=12), offers_(), configs, moments)
def test_check_tasks_answers_for_every_task_what_check_answers_for_the_offer(
    specs, offer, config, at
):
    offer = replace(offer, service_id="s1", vendor_id="v1")
    many = check_tasks(TaskSet(specs), offer, config=config, at=at)
    for t, spec in enumerate(specs):
        one = check(spec, OfferSet([offer]), config=config, at=at)
        for reason in Reason:
            expected = bool(one.failed[reason][0]) if reason in one.failed else False
            assert bool(many.failed[reason][t]) == expected, (reason, t)
        if not one.failed[Reason.currency][0]:
            assert int(many.quote[t]) == int(one.quote[0])


@PROPERTY
@given(tasks(), marketplaces().filter(bool), configs, moments, st.data())
def test_a_standings_rank_is_the_offers_position_in_the_full_ranking(
    spec, offers, config, at, data
):
    pool = OfferSet(offers)
    mine = data.draw(st.sampled_from(offers))
    found = standing(spec, pool, mine, config=config, at=at)
    ranking = rank(spec, pool, config=config, at=at, limit=len(offers))
    positions = {m.service_id: m.rank for m in ranking.matches}
    assert found.eligible == (mine.service_id in positions)
    assert found.rank == positions.get(mine.service_id)
    assert found.eligible_offers == ranking.eligible
    if found.eligible:
        match = ranking.matches[positions[mine.service_id] - 1]
        assert (found.score, found.quote) == (match.score, match.quote)
    assert [b.reason for b in found.blockers] == [
        r.value for r in check(spec, OfferSet([mine]), config=config, at=at).blockers(0)
    ]


@PROPERTY
@given(st.lists(tasks(), min_size=1, max_size=8), marketplaces().filter(bool), configs, moments)
def test_opportunities_agree_task_by_task_with_ranking_each_task(specs, offers, config, at):
    pool = OfferSet(offers)
    mine = offers[0]
    found = opportunities(TaskSet(specs), pool, mine, config=config, at=at)
    by_task = {o.task: o for o in found.found}
    missed = dict.fromkeys((r.value for r in Reason), 0)
    for t, spec in enumerate(specs):
        ranking = rank(spec, pool, config=config, at=at, limit=len(offers))
        positions = {m.service_id: m for m in ranking.matches}
        if mine.service_id in positions:
            match = positions[mine.service_id]
            assert (
                by_task[t].rank,
                by_task[t].score,
                by_task[t].quote,
                by_task[t].eligible_offers,
            ) == (match.rank, match.score, match.quote.amount, ranking.eligible)
        else:
            assert t not in by_task
            blockers = check(spec, OfferSet([mine]), config=config, at=at).blockers(0)
            missed[blockers[0].value] += 1
    assert found.missed == missed
    assert [o.rank for o in found.found] == sorted(o.rank for o in found.found)


@PROPERTY
@given(
    st.lists(tasks(), min_size=1, max_size=8),
    marketplaces().filter(bool),
    configs,
    moments,
    st.data(),
)
def test_an_offer_the_pool_does_not_hold_ranks_where_adding_it_would_put_it(
    specs, offers, config, at, data
):
    # A clone of one of the pool's offers under new ids: it ties with that one on score.
    mine = replace(data.draw(st.sampled_from(offers)), service_id="s-mine", vendor_id="v-mine")
    found = opportunities(TaskSet(specs), OfferSet(offers), mine, config=config, at=at)
    by_task = {o.task: o for o in found.found}
    for t, spec in enumerate(specs):
        ranking = rank(spec, OfferSet([*offers, mine]), config=config, at=at, limit=len(offers) + 1)
        positions = {m.service_id: m for m in ranking.matches}
        if "s-mine" in positions:
            assert (by_task[t].rank, by_task[t].eligible_offers) == (
                positions["s-mine"].rank,
                ranking.eligible,
            )
        else:
            assert t not in by_task


@PROPERTY
@given(st.lists(tasks(), min_size=1, max_size=12), offers_(), configs, moments)
def test_price_sensitivity_counts_what_really_lowering_the_price_opens(specs, offer, config, at):
    offer = replace(offer, service_id="s1", vendor_id="v1")
    found = opportunities(TaskSet(specs), OfferSet([offer]), offer, config=config, at=at)

    def eligible(o):
        return sum(
            1 for s in specs if not check(s, OfferSet([o]), config=config, at=at).blockers(0)
        )

    now = eligible(offer)
    for percent, more in found.more_at_discount.items():
        assert more == eligible(discounted(offer, percent)) - now
        assert more >= 0


def test_a_discount_lowers_amount_and_minimum_rounding_half_up():
    from tests.matching.builders import offer, per_unit

    cheaper = discounted(offer(pricing=per_unit(1_010, minimum=30)), 5)
    assert (cheaper.pricing.amount, cheaper.pricing.minimum_monthly) == (960, 29)  # 959.5, 28.5


def test_check_tasks_of_no_tasks_is_empty():
    from tests.matching.builders import offer

    checked = check_tasks(TaskSet([]), offer(), config=MatchConfig())
    assert checked.n == 0
    assert np.all(checked.passing() == np.zeros(0, dtype=bool))


def test_a_snapshot_keeps_its_offers_while_the_set_changes():
    from tests.matching.builders import offer, per_unit, task

    offers = OfferSet([offer("a", capacity=500), offer("b", skills=("xero",))])
    snapshot = offers.snapshot()
    before = rank(task(), snapshot)
    offers.replace(0, offer("a", capacity=0, pricing=per_unit(1), skills=("sage",)))
    offers.extend([offer("c")])
    assert (snapshot.n, int(snapshot.capacity[0])) == (2, 500)
    assert snapshot.skills.postings.keys() == {"xero"}
    assert rank(task(), snapshot) == before
    assert rank(task(), offers) != before
