"""One offer's place on many tasks at once: its rank among a pool's eligible offers for
each task, without ranking each task on its own.

A full ranking of a task checks every offer and scores the eligible ones. Here the work
tasks share is done once for all of them, at the widest level it holds:

- per task asked about, in one pass over them (:func:`index_tasks`): its budget, its
  :class:`Terms` (the skills it wants, distinct and sorted, the weights that apply and
  their sum; worked out once per distinct skills and weights as given) and its group.
  The offer's own score on every task (:func:`own_scores`) is then array arithmetic: the
  budget factor per distinct budget, the skills' share and the weights per distinct
  terms. A copy of the offer in the pool equal to it changes no count and is skipped;
- per volume: every offer's quote in its own currency; per ``(volume, currency)``: those
  converted and the capacity, minimum-volume and currency masks
  (:func:`matching.pricing.quotes_in`, exactly as :func:`check` quotes);
  per language set, certification set, country and skill: one mask each, kept for all;
  per volume, coverage and weights: the weighted sum of the factors that depend on
  neither budget nor skills (task type, volume, time zone, reputation);
- per family (tasks alike in volume, currency, coverage and weights): the offers passing
  those constraints, cheapest first. Families come volume by volume and currency by
  currency, and each one's quotes are in nearly the order of the last one's (conversion
  keeps the order up to rounding; another volume moves minimums and monthly fees), so a
  stable sort starting from the last order does it, at a fraction of a fresh sort's
  cost; it sorts whatever order it starts from;
- per budget of a family: the fixed sum plus each offer's weighted budget factor (in
  single precision, which halves what each task reads), -inf where the offer's minimum
  budget keeps it out. Cheapest first, the offers the budget's ceiling lets in are a
  prefix, and the factor's pieces (full up to the min, falling to 0.8 at the max, on to
  0 at the ceiling) are slices of it: one line each, no masks;
- per budget and terms of a family: each offer's value (the budget's row plus the
  weighted skills the terms want) and two masks: the offers more than a margin above the
  offer's own score there (surely ahead) and those no more than the margin below it
  (ahead or too close to call). The own score depends on nothing else in a family;
- per group of a family (alike in languages, certifications and country too): a mask of
  the offers its constraints let in; each group with tasks of a budget and terms counts
  the two masks within its own (tasks alike in all of that are counted once).

The margin is ``SLACK`` (the most rounding to 6 decimals moves a score) plus bounds on
single-precision rounding and on the budget lines' double-precision error, in the units
of the weighted sum: an offer beyond it rounds to a score above or below the offer's own
for sure. The close calls of a family, a few offers per task (those within the margin:
ties and scores a millionth off), are then scored exactly in one pass
(:func:`exact_scores`: the factor functions of :func:`matching.rank.score_all` on those
offers alone, combined alike) and ordered by quote and id as a ranking orders ties. So
every rank is the offer's position in the full ranking, which the tests hold it to.
Memory: a few arrays the size of the pool whatever the number of tasks, and a byte per
offer for each language set, certification set, country and skill the tasks name.

The cost is still a few passes per distinct budget and terms over most of its family's
offers, plus per family a sort from the last order and a gather of each column it
reads. Counting without touching each offer (offers binned by quote and by the
budget-free part of their score, with the skills a family's tasks want as a small
signature, and only the offers of straddling cells scored) would make it sublinear; not
done here: a family's budgets have only a few terms each, too few to pay for a sorted
or binned structure per budget.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from numpy.typing import NDArray

from matching import factors
from matching.constraints import Checked, TaskSet, budget_ceiling, check_tasks, min_budget_in
from matching.offers import OfferSet, normalise_term
from matching.pricing import native_quotes, quotes_in
from matching.rank import (
    SCORE_DECIMALS,
    applied_weights,
    reputation_column,
    skills_wanted,
    task_type_column,
)
from matching.schedule import coverage_intervals, zone
from matching.types import MatchConfig, Offer, TaskSpec

# The most that rounding a score to 6 decimals moves it (half a unit of the last), plus
# far more than double precision's error in a score: an offer whose score before rounding
# is more than this above (below) the offer's own rounded score rounds above (below) it;
# within it, the two may tie.
SLACK = 0.5e-6 + 1e-12
FIXED = ("task_type", "volume", "timezone", "reputation")  # no budget, no skills
# Rounding a single-precision value moves it by at most this share of its magnitude, and
# a task's values never exceed its total weight (every factor is at most 1).
ROUNDING = 2.0**-24


@dataclass(frozen=True, slots=True)
class Places:
    """Per task asked about (arrays of shape ``(k,)``, in the order asked): the offer's
    ``score`` and ``quote`` there, its ``rank`` (one plus the pool's eligible offers that
    ranking puts ahead of it) and ``eligible_offers`` (the pool's eligible offers, with
    this one counted once whether or not the pool holds it)."""

    score: NDArray[np.float64]
    quote: NDArray[np.int64]
    rank: NDArray[np.int64]
    eligible_offers: NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Terms:
    """What a task's score weighs, apart from its budget: the skills it wants (distinct,
    normalised, sorted: a share of them counts, not their order), the weights that apply
    (:func:`matching.rank.applied_weights`) and their sum."""

    wanted: tuple[str, ...]
    applied: dict[str, float]
    total: float


@dataclass(frozen=True, slots=True)
class TaskIndex:
    """The tasks asked about, sorted once in one pass over them: for task ``i``,
    ``terms[term_of[i]]``; per budget (min, max) and per :func:`group_key`, the tasks
    that have it."""

    terms: list[Terms]
    term_of: NDArray[np.int64]
    term_list: list[int]  # term_of as plain ints
    budgets: dict[tuple[int, int], list[int]]
    groups: dict[tuple[object, ...], list[int]]


def index_tasks(specs: list[TaskSpec], config: MatchConfig) -> TaskIndex:
    """:class:`TaskIndex` of ``specs``: the normalising (skills, weights, group keys) is done
    once per distinct value as given, not once per task."""
    by_given: dict[tuple[object, ...], int] = {}  # skills, coverage, weights as given
    by_terms: dict[tuple[object, ...], int] = {}  # the same, normalised
    terms: list[Terms] = []
    term_of: list[int] = []
    budgets: dict[tuple[int, int], list[int]] = {}
    groups: dict[tuple[object, ...], list[int]] = {}
    known: dict[tuple[object, ...], tuple[object, ...]] = {}  # the fields it reads -> group
    for i, spec in enumerate(specs):
        weights = None if spec.weights is None else tuple(sorted(spec.weights.items()))
        given = (spec.skills, spec.coverage is None, weights)
        term = by_given.get(given)
        if term is None:
            wanted = tuple(sorted(skills_wanted(spec)))
            normalised = (wanted, spec.coverage is None, weights)
            term = by_terms.get(normalised)
            if term is None:
                used = config.default_weights.merged(spec.weights)
                applied = applied_weights(spec, used, wanted)
                term = by_terms[normalised] = len(terms)
                terms.append(Terms(wanted, applied, sum(applied.values())))
            by_given[given] = term
        term_of.append(term)
        budgets.setdefault((spec.budget_min, spec.budget_max), []).append(i)
        fields = (
            spec.volume,
            spec.currency,
            spec.languages,
            spec.required_certifications,
            spec.coverage,
            spec.country,
            weights,
        )
        group = known.get(fields)
        if group is None:  # group_key normalises: worked out once per distinct fields
            group = known[fields] = group_key(spec, config)
        groups.setdefault(group, []).append(i)
    return TaskIndex(terms, np.array(term_of, dtype=np.int64), term_of, budgets, groups)


class _Shared:
    """Columns of the pool computed once and kept per key until :meth:`forget`: quotes
    per (volume, currency), masks per language set, certification set, coverage, country,
    currency of minimum budgets and skill; and the last family's offers, cheapest first."""

    def __init__(
        self, pool: OfferSet, config: MatchConfig, at: datetime, leave_out: NDArray[np.int64]
    ) -> None:
        self.pool, self.config, self.at, self.leave_out = pool, config, at, leave_out
        self._cache: dict[tuple[object, ...], object] = {}
        # the last family's passing offers and their positions, cheapest first
        self._rows: tuple[NDArray[np.bool_], NDArray[np.int64]] | None = None

    def forget(self, volume_too: bool) -> None:
        """Drop what depends on a currency (quotes, coverage, minimum budgets) and, with
        ``volume_too``, on a volume (native quotes, volume factors, the fixed part), between
        tasks of different currencies or volumes: so memory stays a few arrays the size of
        the pool however many distinct tasks there are. The masks per language set, certification
        set, country and skill are kept: they hold for every volume and currency, one
        byte per offer each."""
        by_volume = {"native", "volume", "capacity", "fixed"}
        dropped = {"quote", "coverage", "floor"} | (by_volume if volume_too else set())
        for key in [k for k in self._cache if k[0] in dropped]:
            del self._cache[key]

    def _kept(self, key: tuple[object, ...], compute):  # type: ignore[no-untyped-def]
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def quoted(self, volume: int, currency: str) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
        """Quotes and the offers failing currency, capacity or minimum volume."""

        def compute() -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
            pool = self.pool
            native = self._kept(("native", volume), lambda: native_quotes(pool, volume))
            quote, unknown = quotes_in(pool, volume, currency, self.config.exchange_rates, native)
            return quote, unknown | self.too_small(volume)

        return self._kept(("quote", volume, currency), compute)  # type: ignore[no-any-return]

    def too_small(self, volume: int) -> NDArray[np.bool_]:
        """The offers whose capacity or minimum volume ``volume`` fails, in any currency."""
        pool = self.pool
        return self._kept(  # type: ignore[no-any-return]
            ("capacity", volume),
            lambda: (pool.available < volume) | (volume < pool.min_volume),
        )

    def cheapest_first(
        self, quote: NDArray[np.int64], passing: NDArray[np.bool_]
    ) -> NDArray[np.int64]:
        """The positions where ``passing`` holds, ordered by ``quote``, so the offers a
        budget's ceiling lets in are a prefix. Families come one volume and currency after
        another, and one family's quotes are in nearly the order of the last one's (a
        conversion keeps the order of quotes up to rounding; another volume moves only
        minimums, hourly roundings and monthly fees): a stable sort starting from the last
        family's order (the offers that passed there and still pass, then those that pass
        only now), which finds the runs already sorted, costs a fraction of a fresh sort.
        Whatever order it starts from, the result is sorted by quote."""
        last = self._rows
        if last is None:
            rows = _cheapest_first(np.flatnonzero(passing), quote)
        else:
            before, seed = last
            if not np.array_equal(passing, before):
                still = seed[np.take(passing, seed)]
                fresh = np.flatnonzero(passing & ~before)
                seed = np.concatenate([still, fresh]) if len(fresh) else still
            rows = np.take(seed, np.argsort(np.take(quote, seed), kind="stable"))
        self._rows = (passing, rows)
        return rows

    def volume_factor(self, volume: int) -> NDArray[np.float64]:
        pool = self.pool
        return self._kept(  # type: ignore[no-any-return]
            ("volume", volume), lambda: factors.volume(pool.capacity - pool.reserved, volume)
        )

    def fixed(self, task: TaskSpec) -> NDArray[np.float64]:
        """Each offer's weighted task type, volume, time zone and reputation factors on
        ``task`` (what depends on neither budget nor skills): the same for every currency
        of a volume, coverage and weights."""
        config = self.config
        used = config.default_weights.merged(task.weights)

        def compute() -> NDArray[np.float64]:
            pool = self.pool
            applied = applied_weights(task, used, ("any",))
            share = self.share(task)
            fixed = np.zeros(pool.n)
            for name in FIXED:
                weight = applied[name]
                if not weight:
                    continue
                if name == "task_type":
                    column = task_type_column(pool)
                elif name == "volume":
                    column = self.volume_factor(task.volume)
                elif name == "timezone":
                    column = share[0] if share is not None else np.ones(pool.n)
                else:
                    column = reputation_column(pool, config)
                fixed += weight * column
            return fixed

        key = ("fixed", task.volume, task.coverage, used)
        return self._kept(key, compute)  # type: ignore[no-any-return]

    def speaks(self, languages: tuple[str, ...]) -> NDArray[np.bool_] | None:
        if not languages:
            return None
        wanted = frozenset(languages)
        return self._kept(  # type: ignore[no-any-return]
            ("languages", wanted),
            lambda: _unless_all(self.pool.languages.count(wanted, self.pool.n) > 0),
        )

    def holds(self, certifications: tuple[str, ...]) -> NDArray[np.bool_] | None:
        required = frozenset(normalise_term(c) for c in certifications)
        if not required:
            return None
        return self._kept(  # type: ignore[no-any-return]
            ("certifications", required),
            lambda: _unless_all(
                self.pool.certifications.count(required, self.pool.n) == len(required)
            ),
        )

    def serves(self, country: str | None) -> NDArray[np.bool_] | None:
        """Offers whose country targeting lets the task in (None: all do)."""
        if country is None:
            return None
        pool = self.pool
        return self._kept(  # type: ignore[no-any-return]
            ("country", country),
            lambda: _unless_all(
                ~pool.targets_countries | (pool.countries.count({country}, pool.n) > 0)
            ),
        )

    def share(self, task: TaskSpec) -> tuple[NDArray[np.float64], NDArray[np.bool_]] | None:
        """Each offer's share of the task's coverage, and the offers below its minimum
        overlap, as :func:`matching.constraints.check` computes them (None: no coverage)."""
        coverage = task.coverage
        if coverage is None:
            return None

        def compute() -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
            pool, moment = self.pool, self.at
            first_day = moment.astimezone(zone(coverage.timezone)).date()
            wanted = coverage_intervals(coverage.window, coverage.timezone, first_day)
            minutes = sum(end - start for start, end in wanted)
            table = pool.schedules(moment.astimezone(UTC).date())
            overlap = table.overlap_minutes(wanted)[pool.schedule_index]
            share = factors.timezone(overlap, max(minutes, 1))
            below = (
                share < coverage.min_overlap
                if coverage.min_overlap is not None
                else np.zeros(pool.n, dtype=np.bool_)
            )
            return share, below

        return self._kept(("coverage", coverage), compute)  # type: ignore[no-any-return]

    def floor(self, currency: str) -> NDArray[np.int64] | None:
        """Each offer's minimum budget in ``currency`` (the lowest int64 without one, the
        highest when it has no rate): a task passes it when its budget max is at least
        that. None when no offer sets one."""

        def compute() -> NDArray[np.int64] | None:
            pool = self.pool
            having, converted, unknown = min_budget_in(pool, currency, self.config.exchange_rates)
            if len(having) == 0:
                return None
            floor = np.full(pool.n, np.iinfo(np.int64).min, dtype=np.int64)
            floor[having] = np.where(unknown, np.iinfo(np.int64).max, converted)
            return floor

        return self._kept(("floor", currency), compute)  # type: ignore[no-any-return]

    def has_skill(self, skill: str) -> NDArray[np.bool_]:
        def compute() -> NDArray[np.bool_]:
            has = np.zeros(self.pool.n, dtype=np.bool_)
            postings = self.pool.skills.postings.get(skill)
            if postings is not None:
                has[postings] = True
            return has

        return self._kept(("skill", skill), compute)  # type: ignore[no-any-return]


def _unless_all(mask: NDArray[np.bool_]) -> NDArray[np.bool_] | None:
    """``mask``, or None when it lets every offer in (so nothing is masked with it)."""
    return None if bool(mask.all()) else mask


def own_scores(
    tasks: TaskSet,
    which: NDArray[np.int64],
    offer: Offer,
    checked: Checked,
    config: MatchConfig,
    index: TaskIndex,
) -> NDArray[np.float64]:
    """The offer's score on each task ``which[i]``, equal to what
    :func:`matching.rank.score_all` gives it there, for all the tasks at once: each
    factor column over the tasks with the functions of :mod:`matching.factors`, combined
    in the same order with the same weights (a factor that takes no part adds 0.0,
    which changes no sum). ``checked`` is :func:`check_tasks` of the offer, ``index``
    :func:`index_tasks` of the tasks ``which``: the budget factor is worked out per
    distinct budget, the skills' share and the weights per distinct :class:`Terms`."""
    alone = OfferSet([offer])
    k = len(which)
    quote = checked.quote[which]
    budget = np.empty(k)
    for (low, high), at in index.budgets.items():
        budget[at] = factors.budget(quote[at], low, high, config.budget_tolerance)
    held = {normalise_term(s) for s in offer.skills}
    term_of, terms = index.term_of, index.terms
    # hits / max(wanted, 1), as a float64 division per distinct terms: the same number
    # factors.skills gives (0.0 where none is wanted, where its weight is 0 anyway).
    skills = np.array(
        [sum(s in held for s in t.wanted) / float(max(len(t.wanted), 1)) for t in terms]
    )[term_of]
    share = checked.overlap_share
    columns = {
        "task_type": np.full(k, task_type_column(alone)[0]),
        # factors.volume is elementwise in the volume too: one per task here.
        "volume": factors.volume(alone.available.repeat(k), tasks.volume[which]),  # type: ignore[arg-type]
        "budget": budget,
        "skills": skills,
        "timezone": np.ones(k) if share is None else share[which],
        "reputation": np.full(k, reputation_column(alone, config)[0]),
    }
    total = np.array([t.total for t in terms])[term_of]
    combined = np.zeros(k)
    for name, column in columns.items():
        combined += np.array([t.applied[name] for t in terms])[term_of] * column
    positive = total > 0
    combined[positive] /= total[positive]
    combined[~positive] = 0.0
    result: NDArray[np.float64] = np.round(combined, SCORE_DECIMALS)
    return result


def group_key(task: TaskSpec, config: MatchConfig) -> tuple[object, ...]:
    """What the tasks of one group share: all but the budget and the skills."""
    used = config.default_weights.merged(task.weights)
    return (
        task.volume,
        task.currency,
        frozenset(task.languages),
        frozenset(normalise_term(c) for c in task.required_certifications),
        task.coverage,
        task.country,
        used,
    )


def places(
    tasks: TaskSet,
    which: NDArray[np.int64],
    pool: OfferSet,
    offer: Offer,
    checked: Checked,
    *,
    config: MatchConfig | None = None,
    at: datetime | None = None,
) -> Places:
    """Where ``offer`` stands on each task ``which[i]`` of ``tasks`` (tasks it passes
    every constraint of, by ``checked``, its :func:`check_tasks`) among the offers of
    ``pool``, which may or may not hold it: each rank equals its position in a full
    ranking of that task."""
    config = config or MatchConfig()
    at = at or datetime.now(UTC)
    which = np.asarray(which, dtype=np.int64)
    specs = [tasks.tasks[t] for t in which]
    index = index_tasks(specs, config)
    score = own_scores(tasks, which, offer, checked, config, index)
    quote = checked.quote[which]
    key = OfferSet([offer]).id_keys[0]
    # The pool's copies of the offer (one at most) are left out of the groups: a copy is
    # ahead only on its own numbers (it may be older than ``offer``), never by id, and
    # where it passes it stands for the offer among the eligible. A copy equal to the
    # offer (the usual case) passes where it does with the same score and quote: never
    # ahead, and it stands for the offer everywhere, so it changes no count.
    copies = np.flatnonzero(pool.id_keys == key)
    shared = _Shared(pool, config, at, leave_out=copies)
    rank = np.ones(len(which), dtype=np.int64)
    eligible = np.ones(len(which), dtype=np.int64)  # the offer itself
    for position in copies:
        copy = pool.offers[position]
        if copy == offer:
            continue
        seen = check_tasks(tasks, copy, config=config, at=at)
        passes = seen.passing()[which]
        copy_score = own_scores(tasks, which, copy, seen, config, index)
        copy_quote = seen.quote[which]
        ahead = (copy_score > score) | ((copy_score == score) & (copy_quote < quote))
        rank += passes & ahead
        eligible += passes
    eligible -= np.minimum(eligible - 1, 1)  # a copy that passes stands for the offer
    families: dict[tuple[object, ...], list[list[int]]] = {}
    for group, members in index.groups.items():
        families.setdefault(family_key(group), []).append(members)
    last = None
    own = (score.tolist(), quote.tolist(), key)
    for family_id, family in sorted(families.items(), key=lambda f: (f[0][0], f[0][1])):
        if family_id[:2] != last:
            shared.forget(volume_too=last is None or family_id[0] != last[0])
            last = family_id[:2]
        _family(shared, specs, index, family, own, rank, eligible)
    return Places(score=score, quote=quote, rank=rank, eligible_offers=eligible)


def family_key(group: tuple[object, ...]) -> tuple[object, ...]:
    """What the groups of one family share, of a :func:`group_key`: volume, currency,
    coverage and weights, so the same quotes and the same factors that depend on neither
    budget nor skills; they differ only in the languages, certifications and country that
    let offers in."""
    volume, currency, _, _, coverage, _, used = group
    return (volume, currency, coverage, used)


@dataclass(frozen=True, slots=True)
class _Buffers:
    """Working rows over a family's offers, reused by its tasks: two of scratch, a
    budget's part and one task's values in single precision (half the bytes each task
    reads), and masks: the offers a budget's minimum keeps out, those surely ahead, those
    ahead or too close to call, and one of scratch."""

    value: NDArray[np.float64]
    scratch: NDArray[np.float64]
    part: NDArray[np.float32]
    task: NDArray[np.float32]
    out: NDArray[np.bool_]
    surely: NDArray[np.bool_]
    maybe: NDArray[np.bool_]
    mask: NDArray[np.bool_]

    @staticmethod
    def of(m: int) -> "_Buffers":
        flags = np.empty((4, m), dtype=np.bool_)
        floats = np.empty((2, m))
        singles = np.empty((2, m), dtype=np.float32)
        return _Buffers(*floats, *singles, *flags)


def _family(
    shared: _Shared,
    specs: list[TaskSpec],
    index: TaskIndex,
    groups: list[list[int]],
    own: tuple[list[float], list[int], bytes],
    rank: NDArray[np.int64],
    eligible: NDArray[np.int64],
) -> None:
    """Add to ``rank`` and ``eligible`` at the members of ``groups``: tasks alike in all
    but budget, skills, languages, certifications and country. The offers passing the
    constraints they share, and the factors that depend on none of those, are computed
    once for all; each budget's weighted factor once for the tasks that have it; the
    values of tasks alike in budget and skills once, and counted once per group among
    them (the group's own constraints a mask); tasks alike in all of that are counted
    once."""
    config = shared.config
    first = specs[groups[0][0]]
    quote, failed = shared.quoted(first.volume, first.currency)
    passing = ~failed
    share = shared.share(first)
    if share is not None:
        passing &= ~share[1]
    passing[shared.leave_out] = False
    rows = shared.cheapest_first(quote, passing)
    if len(rows) == 0:
        return
    floor = shared.floor(first.currency)
    quotes = np.take(quote, rows)  # take: cheaper than indexing for a gather this size
    offers = _Rows(
        rows=rows,
        quote=quotes,
        quote_f=quotes.astype(np.float64),
        fixed=np.take(shared.fixed(first), rows),
        floor=None if floor is None else np.take(floor, rows),
        has_skill=shared.has_skill,
    )
    # budget -> terms -> group -> the tasks with all three alike: their own score and
    # quote are the same, so is every count. The own score depends on the budget and
    # terms alone within a family, so tasks alike in those share their values.
    alike: dict[tuple[int, int], dict[int, dict[int, list[int]]]] = {}
    term_of = index.term_list
    for g, members in enumerate(groups):
        for i in members:
            spec = specs[i]
            by_term = alike.setdefault((spec.budget_min, spec.budget_max), {})
            by_term.setdefault(term_of[i], {}).setdefault(g, []).append(i)
    masks: dict[tuple[str, object], NDArray[np.bool_] | None] = {}  # over the rows

    def over_rows(
        kind: str, value: object, mask: NDArray[np.bool_] | None
    ) -> NDArray[np.bool_] | None:
        if (kind, value) not in masks:
            masks[(kind, value)] = None if mask is None else np.take(mask, rows)
        return masks[(kind, value)]

    lets_in: dict[int, NDArray[np.bool_] | None] = {}  # per group: the offers it lets in

    def kept(g: int) -> NDArray[np.bool_] | None:
        if g not in lets_in:
            spec = specs[groups[g][0]]
            keep = None
            for mask in (
                over_rows("languages", spec.languages, shared.speaks(spec.languages)),
                over_rows(
                    "certifications",
                    spec.required_certifications,
                    shared.holds(spec.required_certifications),
                ),
                over_rows("country", spec.country, shared.serves(spec.country)),
            ):
                if mask is not None:
                    keep = mask if keep is None else keep & mask
            lets_in[g] = keep
        return lets_in[g]

    buffers = _Buffers.of(len(rows))
    calls: list[_Close] = []
    counted: list[tuple[int, int, int]] = []  # task, offers surely ahead, offers eligible
    # per terms: what each wanted skill adds to an offer's value, one row each
    adding: dict[int, list[NDArray[np.float32]]] = {}
    own_score, own_quote = own[0], own[1]
    budget_weight = index.terms[term_of[groups[0][0]]].applied["budget"]
    for by_term in alike.values():
        spec = specs[next(iter(next(iter(by_term.values())).values()))[0]]
        passing_offers, end, error = _budget_part(config, spec, budget_weight, offers, buffers)
        if passing_offers == 0:
            continue
        in_budget: dict[int, int] = {}  # per group: the offers budget and group let in
        for term, by_group in by_term.items():
            terms = index.terms[term]
            if term not in adding:
                per_skill = terms.applied["skills"] / max(len(terms.wanted), 1)
                adding[term] = [offers.skill(w, per_skill) for w in terms.wanted]
            i = next(iter(by_group.values()))[0]
            score = own_score[i]
            counts = _ahead(adding[term], terms.total, score, error, buffers, end)
            for g, same in by_group.items():
                keep = kept(g)
                if g not in in_budget:
                    in_budget[g] = passing_offers
                    if keep is not None:
                        within = np.greater(keep[:end], buffers.out[:end], out=buffers.mask[:end])
                        in_budget[g] = int(np.count_nonzero(within))
                if in_budget[g] == 0:
                    continue
                ahead, close = _in_group(offers, keep, buffers, end, counts)
                for j in same:  # plain ints: cheaper than indexing with a list
                    counted.append((j, ahead, in_budget[g]))
                if close is not None:
                    calls.append(_Close(same, specs[same[0]], terms, close, score, own_quote[i]))
    if counted:
        at, ahead_of, passing_of = (np.array(c, dtype=np.int64) for c in zip(*counted, strict=True))
        rank[at] += ahead_of  # each task once: no repeated positions
        eligible[at] += passing_of
    _settle(shared, calls, own[2], rank)


@dataclass(frozen=True, slots=True)
class _Rows:
    """The offers of a family passing all but the budget constraints and its groups' own
    (positions in the pool, cheapest first) and what the family's tasks share about
    them."""

    rows: NDArray[np.int64]
    quote: NDArray[np.int64]
    quote_f: NDArray[np.float64]
    fixed: NDArray[np.float64]  # weighted task type, volume, time zone and reputation
    floor: NDArray[np.int64] | None
    has_skill: Callable[[str], NDArray[np.bool_]]
    skills: dict[tuple[str, float], NDArray[np.float32]] = field(default_factory=dict)
    has: dict[str, NDArray[np.float32]] = field(default_factory=dict)

    def skill(self, name: str, weight: float) -> NDArray[np.float32]:
        """``weight`` where the offer lists skill ``name``, else 0.0, in single precision
        (kept per weight: a family's tasks mostly share theirs)."""
        found = self.skills.get((name, weight))
        if found is None:
            has = self.has.get(name)  # 1.0 where the offer lists it: a product per weight
            if has is None:
                has = np.take(self.has_skill(name), self.rows).astype(np.float32)
                self.has[name] = has
            found = np.multiply(has, np.float32(weight))  # where() is slow
            self.skills[(name, weight)] = found
        return found


def _cheapest_first(rows: NDArray[np.int64], quote: NDArray[np.int64]) -> NDArray[np.int64]:
    """``rows`` ordered by their quote: one sort of (quote, position) packed in an integer
    when they fit, which is several times faster than an argsort of random quotes."""
    m = len(rows)
    if m == 0:
        return rows
    quotes = quote[rows]
    bits = max(m - 1, 1).bit_length()
    if int(quotes.min()) < 0 or int(quotes.max()) >= 1 << (62 - bits):
        return rows[np.argsort(quotes, kind="stable")]
    packed = np.sort((quotes << bits) | np.arange(m, dtype=np.int64))
    ordered: NDArray[np.int64] = rows[packed & ((1 << bits) - 1)]
    return ordered


def _budget_part(
    config: MatchConfig, spec: TaskSpec, weight: float, offers: _Rows, buffers: _Buffers
) -> tuple[int, int, float]:
    """Fill ``buffers.part`` with each offer's fixed part plus its weighted budget factor
    on ``spec``'s budget, in single precision (-inf where its minimum keeps it out), and
    return how many it lets in, ``end`` (the offers are cheapest first, so those past the
    budget's ceiling are the ones from ``end`` on) and a bound on what the double
    precision arithmetic here may be off by. ``buffers.out`` is left holding,
    up to ``end``, the offers it keeps out (by their minimum budget)."""
    part = buffers.part
    ceiling = budget_ceiling(spec.budget_max, config.budget_tolerance)
    end = int(np.searchsorted(offers.quote, ceiling, side="right"))
    if end == 0:
        return 0, 0, 0.0
    out = buffers.out[:end]
    if offers.floor is not None:
        np.greater(offers.floor[:end], spec.budget_max, out=out)
    else:
        out[:] = False
    passing = end - int(np.count_nonzero(out))
    if passing == 0:
        return 0, 0, 0.0
    # The weighted budget factor as factors.budget computes it, up to float rounding. The
    # offers are cheapest first, so its pieces are slices: full up to the budget's min (no
    # arithmetic there), falling linearly to 0.8 of it at its max, and on to 0 at max x
    # (1 + tolerance), never below. Each line is slope x quote + intercept in double
    # precision: each step rounds by at most 2**-53 of the largest magnitude in it, far
    # less than the margin unless the budget's span is a sliver of its max, which the
    # error returned covers. Offers past the ceiling are not eligible: left out (from
    # ``end`` on), never ahead.
    low, high = spec.budget_min, spec.budget_max
    quote, fixed, q = offers.quote[:end], offers.fixed, offers.quote_f
    start = int(np.searchsorted(quote, low, side="right"))
    mid = int(np.searchsorted(quote, high, side="right"))
    np.add(fixed[:start], weight, out=part[:start])
    floor = factors.BUDGET_IN_RANGE_FLOOR
    largest = weight
    if mid > start:  # low < quote <= high, so high > low
        inside = weight * (1.0 - floor) / (high - low)
        value = buffers.value[start:mid]
        np.multiply(q[start:mid], -inside, out=value)
        value += weight + inside * low
        largest = max(largest, inside * high + weight + inside * low)
        np.add(value, fixed[start:mid], out=part[start:mid])
    if end > mid:  # high < quote <= the ceiling
        allowance = high * config.budget_tolerance
        value = buffers.value[mid:end]
        if allowance > 0:
            over = weight * floor / allowance
            np.multiply(q[mid:end], -over, out=value)
            value += weight * floor + over * high
            largest = max(largest, over * float(ceiling) + weight * floor + over * high)
            # The ceiling is max x (1 + tolerance) in whole basis points: with a tolerance
            # between two, a quote under it may fall past the factor's 0.
            np.maximum(value, 0.0, out=value)
        else:
            value[:] = 0.0
        np.add(value, fixed[mid:end], out=part[mid:end])
    if offers.floor is not None:
        np.copyto(part[:end], -np.inf, where=out)
    return passing, end, 8 * 2.0**-53 * largest


def _ahead(
    skills: list[NDArray[np.float32]],
    total: float,
    score: float,
    error: float,
    buffers: _Buffers,
    end: int,
) -> tuple[int, int]:
    """Mark in ``buffers.surely`` the family's offers that surely rank ahead on tasks of
    one budget and terms, and in ``buffers.maybe`` those that may (ahead, or too close to
    the offer's own ``score`` there to tell), and count each, given each offer's fixed
    part plus weighted budget factor in ``buffers.part`` up to ``end`` (the offers past it
    are over the budget's ceiling; -inf where it keeps one out; left as it is for the
    other terms of the budget; ``error``: how far the double precision arithmetic of it
    may be off). ``skills``: the weighted skills the terms want, one row each; ``total``:
    their total weight."""
    part = buffers.part[:end]
    if skills:
        value = buffers.task[:end]
        np.add(part, skills[0][:end], out=value)
        for skill in skills[1:]:
            value += skill[:end]
    else:
        value = part
    # In the units of the weighted sum (score x total): ahead, or too close to tell. The
    # margin covers rounding to 6 decimals (SLACK), to single precision (the part, each
    # skill added, the sum and the bounds themselves, each at most ROUNDING x total) and
    # the budget part's error.
    margin = SLACK * total + (len(skills) + 3) * ROUNDING * total + error
    surely = np.greater(value, score * total + margin, out=buffers.surely[:end])
    maybe = np.greater_equal(value, score * total - margin, out=buffers.maybe[:end])
    return int(np.count_nonzero(surely)), int(np.count_nonzero(maybe))


def _in_group(
    offers: _Rows,
    keep: NDArray[np.bool_] | None,
    buffers: _Buffers,
    end: int,
    counts: tuple[int, int],
) -> tuple[int, NDArray[np.int64] | None]:
    """Of the offers :func:`_ahead` marked, with ``counts`` its counts: how many a group
    (letting in ``keep``; None: all) counts surely ahead, and its offers too close to
    call (None: none)."""
    surely, maybe, mask = buffers.surely[:end], buffers.maybe[:end], buffers.mask[:end]
    surely_all, maybe_all = counts
    if keep is None:
        if maybe_all == surely_all:
            return surely_all, None
        return surely_all, offers.rows[:end][np.greater(maybe, surely, out=mask)]
    keep = keep[:end]
    ahead = int(np.count_nonzero(np.logical_and(surely, keep, out=mask)))
    if maybe_all == surely_all:
        return ahead, None
    np.logical_and(maybe, keep, out=mask)
    if int(np.count_nonzero(mask)) == ahead:
        return ahead, None
    np.greater(mask, surely, out=mask)  # close: maybe, kept, not surely (surely is in maybe)
    return ahead, offers.rows[:end][mask]


@dataclass(frozen=True, slots=True)
class _Close:
    """Offers (pool positions) too close to one task's own score to call from
    approximate values: ``members`` are the tasks alike with it (``terms`` theirs),
    ``score`` and ``quote`` the offer's own there."""

    members: list[int]
    task: TaskSpec
    terms: Terms
    among: NDArray[np.int64]
    score: float
    quote: int


def exact_scores(
    shared: _Shared, calls: list[_Close]
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """The scores :func:`matching.rank.score_all` gives each call's offers on its task,
    concatenated in the order of ``calls`` (with the call each belongs to), for tasks of
    one family (same volume, currency, coverage and weights). The same factor functions
    on those offers alone, combined in the same order with the same weights, divided by
    the same total and rounded alike, so each equals ``score_all``'s bit for bit; one
    pass for all of a family's close calls rather than a pool-sized ``score_all`` each."""
    pool, config = shared.pool, shared.config
    first = calls[0].task
    among = np.concatenate([c.among for c in calls])
    owner = np.repeat(np.arange(len(calls)), [len(c.among) for c in calls])
    count = len(among)
    quote, _ = shared.quoted(first.volume, first.currency)
    share = shared.share(first)
    quotes = quote[among]
    budgets: dict[tuple[int, int], int] = {}
    wanted: dict[tuple[str, ...], int] = {}
    budget_of = np.array(
        [budgets.setdefault((c.task.budget_min, c.task.budget_max), len(budgets)) for c in calls]
    )[owner]
    wanted_of = np.array([wanted.setdefault(c.terms.wanted, len(wanted)) for c in calls])[owner]
    budget = np.empty(count)
    for (low, high), b in budgets.items():
        at = budget_of == b
        budget[at] = factors.budget(quotes[at], low, high, config.budget_tolerance)
    skill = np.empty(count)
    for terms, w in wanted.items():
        at = wanted_of == w
        if terms:
            hits = np.zeros(int(np.count_nonzero(at)), dtype=np.int64)
            for term in terms:
                hits += shared.has_skill(term)[among[at]]
            skill[at] = factors.skills(hits, len(terms))
        else:
            skill[at] = 1.0
    names = config.default_weights.merged(first.weights).names()
    total = np.array([c.terms.total for c in calls])[owner]
    columns = {
        "task_type": task_type_column(pool)[among],
        "volume": factors.volume(pool.capacity[among] - pool.reserved[among], first.volume),
        "budget": budget,
        "skills": skill,
        "timezone": share[0][among] if share is not None else np.ones(count),
        "reputation": reputation_column(pool, config)[among],
    }
    # A factor a task gives no weight adds 0.0 here where score_all skips it: the same sum.
    combined = np.zeros(count)
    for name in names:
        combined += np.array([c.terms.applied[name] for c in calls])[owner] * columns[name]
    positive = total > 0
    combined[positive] /= total[positive]
    combined[~positive] = 0.0
    result: NDArray[np.float64] = np.round(combined, SCORE_DECIMALS)
    return result, owner


def _settle(shared: _Shared, calls: list[_Close], key: bytes, rank: NDArray[np.int64]) -> None:
    """Add to ``rank`` the offers of each close call that ranking puts ahead: scored
    exactly, then ordered by quote and id as a ranking orders ties."""
    if not calls:
        return
    pool = shared.pool
    first = calls[0].task
    score, owner = exact_scores(shared, calls)
    among = np.concatenate([c.among for c in calls])
    quotes, _ = shared.quoted(first.volume, first.currency)
    own_score = np.array([c.score for c in calls])[owner]
    own_quote = np.array([c.quote for c in calls], dtype=np.int64)[owner]
    q, ids = quotes[among], pool.id_keys[among]
    ahead = (score > own_score) | (
        (score == own_score) & ((q < own_quote) | ((q == own_quote) & (ids < key)))
    )
    counts = np.bincount(owner[ahead], minlength=len(calls))
    for call, n in zip(calls, counts, strict=True):
        rank[call.members] += n
