"""One offer's place on many tasks at once: its rank among a pool's eligible offers for
each task, without ranking each task on its own.

A full ranking of a task checks every offer and scores the eligible ones. Here the work
tasks share is done once for all of them, at the widest level it holds:

- per ``(volume, currency)``: every offer's quote and the capacity, minimum-volume and
  currency masks (:func:`matching.pricing.quotes_in`, exactly as :func:`check` quotes);
  per language set, certification set, country and skill: one mask each, kept for all;
- per family (tasks alike in volume, currency, coverage and weights): the offers passing
  those constraints, cheapest first, and the weighted sum of the factors that depend on
  neither budget nor skills (task type, volume, time zone, reputation);
- per budget of a family: that sum plus each offer's weighted budget factor (in single
  precision, which halves what each task reads), -inf where the offer's minimum budget
  keeps it out. Cheapest first, the offers the budget's ceiling lets in are a prefix,
  and those up to its min score the full factor: arithmetic only for those between;
- per group of a family (alike in languages, certifications and country too): a mask of
  the offers its constraints let in; tasks alike in group, budget and skills as well have
  the same answer and are counted once.

What is left per task is a handful of single-precision passes over that prefix: add the
weighted skills it wants, and count the offers more than a margin above the offer's own
score (ahead) and those within it (too close to call). The margin is
``SLACK`` (rounding to 6 decimals moves a score by at most half of it) plus a bound on
single-precision rounding, in the units of the weighted sum. The close calls of a family,
a few offers per task, are then scored exactly in one pass (:func:`exact_scores`: the
factor functions of :func:`matching.rank.score_all` on those offers alone, combined
alike) and ordered by quote and id as a ranking orders ties. So every rank is the offer's
position in the full ranking, which the tests hold it to. Memory: a few arrays the size
of the pool whatever the number of tasks, and a byte per offer for each language set,
certification set, country and skill the tasks name.

The cost is still a few passes per distinct task over most of its family's offers, and
Python bookkeeping per task and group. Counting without touching each offer (offers
binned by quote and by the budget-free part of their score, with the skills a family's
tasks want as a small signature, and only the offers of straddling cells scored) would
make it sublinear; not done here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from numpy.typing import NDArray

from matching import factors
from matching.constraints import Checked, TaskSet, budget_ceiling, check_tasks, min_budget_in
from matching.offers import OfferSet, normalise_term
from matching.pricing import quotes_in
from matching.rank import (
    SCORE_DECIMALS,
    applied_weights,
    reputation_column,
    skills_wanted,
    task_type_column,
)
from matching.schedule import coverage_intervals, zone
from matching.types import MatchConfig, Offer, TaskSpec

SLACK = 1e-6  # twice the most that rounding a score to 6 decimals moves it
FIXED = ("task_type", "volume", "timezone", "reputation")  # no budget, no skills
# Working rows over a family's offers, reused by its tasks: two of scratch, a budget's
# part and one task's values in single precision (half the bytes each task reads), and
# three masks.
_Buffers = tuple[
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.float32],
    NDArray[np.float32],
    NDArray[np.bool_],
    NDArray[np.bool_],
    NDArray[np.bool_],
]
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


class _Shared:
    """Columns of the pool computed once and kept per key until :meth:`forget`: quotes
    per (volume, currency), masks per language set, certification set, coverage, country,
    currency of minimum budgets and skill."""

    def __init__(
        self, pool: OfferSet, config: MatchConfig, at: datetime, leave_out: NDArray[np.int64]
    ) -> None:
        self.pool, self.config, self.at, self.leave_out = pool, config, at, leave_out
        self._cache: dict[tuple[object, ...], object] = {}

    def forget(self) -> None:
        """Drop what depends on a volume or currency (quotes, volume factors, coverage,
        minimum budgets), between tasks of different volumes or currencies: so memory
        stays a few arrays the size of the pool however many distinct tasks there are.
        The masks per language set, certification set, country and skill are kept: they
        hold for every volume and currency, one byte per offer each."""
        dropped = ("quote", "volume", "coverage", "floor")
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
            quote, unknown = quotes_in(pool, volume, currency, self.config.exchange_rates)
            return quote, unknown | (pool.available < volume) | (volume < pool.min_volume)

        return self._kept(("quote", volume, currency), compute)  # type: ignore[no-any-return]

    def volume_factor(self, volume: int) -> NDArray[np.float64]:
        pool = self.pool
        return self._kept(  # type: ignore[no-any-return]
            ("volume", volume), lambda: factors.volume(pool.capacity - pool.reserved, volume)
        )

    def speaks(self, languages: tuple[str, ...]) -> NDArray[np.bool_] | None:
        if not languages:
            return None
        wanted = frozenset(languages)
        return self._kept(  # type: ignore[no-any-return]
            ("languages", wanted), lambda: self.pool.languages.count(wanted, self.pool.n) > 0
        )

    def holds(self, certifications: tuple[str, ...]) -> NDArray[np.bool_] | None:
        required = frozenset(normalise_term(c) for c in certifications)
        if not required:
            return None
        return self._kept(  # type: ignore[no-any-return]
            ("certifications", required),
            lambda: self.pool.certifications.count(required, self.pool.n) == len(required),
        )

    def serves(self, country: str | None) -> NDArray[np.bool_] | None:
        """Offers whose country targeting lets the task in (None: all do)."""
        if country is None:
            return None
        pool = self.pool
        return self._kept(  # type: ignore[no-any-return]
            ("country", country),
            lambda: ~pool.targets_countries | (pool.countries.count({country}, pool.n) > 0),
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


Applied = dict[tuple[object, ...], tuple[dict[str, float], float]]


def applied_for(
    task: TaskSpec, config: MatchConfig, kept: Applied
) -> tuple[dict[str, float], float]:
    """:func:`matching.rank.applied_weights` for ``task`` and their sum, kept in ``kept``
    per what they depend on (the task's weights, whether it has coverage, the skills it
    wants): many tasks share them, and working them out is much of a task's fixed cost."""
    wanted = skills_wanted(task)
    key = (
        None if task.weights is None else tuple(sorted(task.weights.items())),
        task.coverage is None,
        wanted,
        config.default_weights,
    )
    found = kept.get(key)
    if found is None:
        applied = applied_weights(task, config.default_weights.merged(task.weights), wanted)
        found = kept[key] = (applied, sum(applied.values()))
    return found


def own_scores(
    tasks: TaskSet, which: NDArray[np.int64], offer: Offer, checked: Checked, config: MatchConfig
) -> NDArray[np.float64]:
    """The offer's score on each task ``which[i]``, equal to what
    :func:`matching.rank.score_all` gives it there, for all the tasks at once: each
    factor column over the tasks with the functions of :mod:`matching.factors`, combined
    in the same order with the same weights (a factor that takes no part adds 0.0,
    which changes no sum). ``checked`` is :func:`check_tasks` of the offer."""
    alone = OfferSet([offer])
    specs = [tasks.tasks[t] for t in which]
    k = len(specs)
    quote = checked.quote[which]
    budget = np.zeros(k)
    by_bounds: dict[tuple[int, int], list[int]] = {}
    for i, spec in enumerate(specs):
        by_bounds.setdefault((spec.budget_min, spec.budget_max), []).append(i)
    for (low, high), at in by_bounds.items():
        budget[at] = factors.budget(quote[at], low, high, config.budget_tolerance)
    held = {normalise_term(s) for s in offer.skills}
    wanted = [skills_wanted(spec) for spec in specs]
    hits = np.fromiter((sum(s in held for s in w) for w in wanted), np.int64, k)
    sizes = np.fromiter((max(len(w), 1) for w in wanted), np.float64, k)
    share = checked.overlap_share
    columns = {
        "task_type": np.full(k, task_type_column(alone)[0]),
        # factors.volume is elementwise in the volume too: one per task here.
        "volume": factors.volume(alone.available.repeat(k), tasks.volume[which]),  # type: ignore[arg-type]
        "budget": budget,
        "skills": hits / sizes,
        "timezone": np.ones(k) if share is None else share[which],
        "reputation": np.full(k, reputation_column(alone, config)[0]),
    }
    kept: Applied = {}
    found = [applied_for(spec, config, kept) for spec in specs]
    weights = [a for a, _ in found]
    total = np.fromiter((t for _, t in found), np.float64, k)
    combined = np.zeros(k)
    for name, column in columns.items():
        combined += np.fromiter((a[name] for a in weights), np.float64, k) * column
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
    score = own_scores(tasks, which, offer, checked, config)
    quote = checked.quote[which]
    key = OfferSet([offer]).id_keys[0]
    # The pool's copies of the offer (one at most) are left out of the groups: a copy is
    # ahead only on its own numbers (it may be older than ``offer``), never by id, and
    # where it passes it stands for the offer among the eligible.
    copies = np.flatnonzero(pool.id_keys == key)
    shared = _Shared(pool, config, at, leave_out=copies)
    rank = np.ones(len(which), dtype=np.int64)
    eligible = np.ones(len(which), dtype=np.int64)  # the offer itself
    for position in copies:
        copy = pool.offers[position]
        seen = check_tasks(tasks, copy, config=config, at=at)
        passes = seen.passing()[which]
        copy_score = own_scores(tasks, which, copy, seen, config)
        copy_quote = seen.quote[which]
        ahead = (copy_score > score) | ((copy_score == score) & (copy_quote < quote))
        rank += passes & ahead
        eligible += passes
    eligible -= np.minimum(eligible - 1, 1)  # a copy that passes stands for the offer
    groups: dict[tuple[object, ...], list[int]] = {}
    known: dict[tuple[object, ...], tuple[object, ...]] = {}  # the fields it reads -> group
    for i, t in enumerate(which):
        spec = tasks.tasks[t]
        fields = (
            spec.volume,
            spec.currency,
            spec.languages,
            spec.required_certifications,
            spec.coverage,
            spec.country,
            None if spec.weights is None else tuple(sorted(spec.weights.items())),
        )
        group = known.get(fields)
        if group is None:  # group_key normalises: worked out once per distinct fields
            group = known[fields] = group_key(spec, config)
        groups.setdefault(group, []).append(i)
    families: dict[tuple[object, ...], list[list[int]]] = {}
    for group, members in groups.items():
        families.setdefault(family_key(group), []).append(members)
    last = None
    for family_id, family in sorted(families.items(), key=lambda f: (f[0][0], f[0][1])):
        if family_id[:2] != last:
            shared.forget()
            last = family_id[:2]
        _family(shared, tasks, which, family, (score, quote, key), rank, eligible)
    return Places(score=score, quote=quote, rank=rank, eligible_offers=eligible)


def family_key(group: tuple[object, ...]) -> tuple[object, ...]:
    """What the groups of one family share, of a :func:`group_key`: volume, currency,
    coverage and weights, so the same quotes and the same factors that depend on neither
    budget nor skills; they differ only in the languages, certifications and country that
    let offers in."""
    volume, currency, _, _, coverage, _, used = group
    return (volume, currency, coverage, used)


def _family(
    shared: _Shared,
    tasks: TaskSet,
    which: NDArray[np.int64],
    groups: list[list[int]],
    own: tuple[NDArray[np.float64], NDArray[np.int64], bytes],
    rank: NDArray[np.int64],
    eligible: NDArray[np.int64],
) -> None:
    """Add to ``rank`` and ``eligible`` at the members of ``groups``: tasks alike in all
    but budget, skills, languages, certifications and country. The offers passing the
    constraints they share, and the factors that depend on none of those, are computed
    once for all; each budget's weighted factor once for the tasks that have it; each
    group's own constraints once, as a mask; and tasks alike in skills as well are
    counted once."""
    pool, config = shared.pool, shared.config
    first = tasks.tasks[which[groups[0][0]]]
    quote, failed = shared.quoted(first.volume, first.currency)
    passing = ~failed
    share = shared.share(first)
    if share is not None:
        passing &= ~share[1]
    passing[shared.leave_out] = False
    rows = _cheapest_first(np.flatnonzero(passing), quote)
    if len(rows) == 0:
        return
    applied = applied_weights(first, config.default_weights.merged(first.weights), ("any",))
    fixed = np.zeros(len(rows))
    for name in FIXED:
        weight = applied[name]
        if not weight:
            continue
        if name == "task_type":
            column = task_type_column(pool)[rows]
        elif name == "volume":
            column = shared.volume_factor(first.volume)[rows]
        elif name == "timezone":
            column = share[0][rows] if share is not None else np.ones(len(rows))
        else:
            column = reputation_column(pool, config)[rows]
        fixed += weight * column
    floor = shared.floor(first.currency)
    offers = _Rows(
        rows=rows,
        quote=quote[rows],
        quote_f=quote[rows].astype(np.float64),
        fixed=fixed,
        floor=None if floor is None else floor[rows],
        has_skill=shared.has_skill,
    )
    # budget -> group -> skills -> the tasks with all three alike: their own score and
    # quote are the same, so is every count.
    alike: dict[tuple[int, int], dict[int, dict[tuple[str, ...], list[int]]]] = {}
    normalised: dict[tuple[str, ...], tuple[str, ...]] = {}  # skills as given -> wanted
    for g, members in enumerate(groups):
        for i in members:
            spec = tasks.tasks[which[i]]
            wanted = normalised.get(spec.skills)
            if wanted is None:
                wanted = normalised[spec.skills] = skills_wanted(spec)
            by_group = alike.setdefault((spec.budget_min, spec.budget_max), {})
            by_group.setdefault(g, {}).setdefault(wanted, []).append(i)
    lets_in: dict[int, NDArray[np.bool_] | None] = {}  # per group: the offers it lets in

    def kept(g: int) -> NDArray[np.bool_] | None:
        if g not in lets_in:
            spec = tasks.tasks[which[groups[g][0]]]
            keep = None
            for mask in (
                shared.speaks(spec.languages),
                shared.holds(spec.required_certifications),
                shared.serves(spec.country),
            ):
                if mask is not None:
                    keep = mask[rows] if keep is None else keep & mask[rows]
            lets_in[g] = keep
        return lets_in[g]

    m = len(rows)
    flags = np.empty((3, m), dtype=np.bool_)
    buffers: _Buffers = (
        np.empty(m),
        np.empty(m),
        np.empty(m, dtype=np.float32),
        np.empty(m, dtype=np.float32),
        flags[0],
        flags[1],
        flags[2],
    )
    calls: list[_Close] = []
    counted: list[tuple[int, int, int]] = []  # task, offers surely ahead, offers eligible
    applied_kept: Applied = {}
    # per skills wanted: what each adds to an offer's value, and the total weight
    adding: dict[tuple[str, ...], tuple[list[NDArray[np.float32]], float]] = {}
    for by_group in alike.values():
        spec = tasks.tasks[which[next(iter(next(iter(by_group.values())).values()))[0]]]
        passing_offers, end = _budget_part(config, spec, applied["budget"], offers, buffers)
        if passing_offers == 0:
            continue
        for g, by_skills in by_group.items():
            keep = kept(g)
            in_budget = passing_offers
            if keep is not None:
                within = np.greater(keep[:end], buffers[4][:end], out=buffers[5][:end])
                in_budget = int(np.count_nonzero(within))
            if in_budget == 0:
                continue
            for wanted, same in by_skills.items():
                i = same[0]
                spec = tasks.tasks[which[i]]
                if wanted not in adding:
                    applied, total = applied_for(spec, config, applied_kept)
                    per_skill = applied["skills"] / max(len(wanted), 1)
                    adding[wanted] = ([offers.skill(w, per_skill) for w in wanted], total)
                score, own_quote = float(own[0][i]), int(own[1][i])
                ahead, close = _ahead(offers, adding[wanted], keep, score, buffers, end)
                for j in same:  # plain ints: cheaper than indexing with a list
                    counted.append((j, ahead, in_budget))
                if close is not None:
                    calls.append(_Close(same, spec, close, score, own_quote))
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

    def skill(self, name: str, weight: float) -> NDArray[np.float32]:
        """``weight`` where the offer lists skill ``name``, else 0.0, in single precision
        (kept per weight: a family's tasks mostly share theirs)."""
        found = self.skills.get((name, weight))
        if found is None:
            has = self.has_skill(name)[self.rows]
            found = np.multiply(has, np.float32(weight), dtype=np.float32)  # where() is slow
            self.skills[(name, weight)] = found
        return found


def _cheapest_first(rows: NDArray[np.int64], quote: NDArray[np.int64]) -> NDArray[np.int64]:
    """``rows`` ordered by their quote, so the offers a budget's ceiling lets in are a
    prefix: one sort of (quote, position) packed in an integer when they fit, which is
    several times faster than an argsort."""
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
) -> tuple[int, int]:
    """Fill ``buffers[2]`` with each offer's fixed part plus its weighted budget factor on
    ``spec``'s budget, in single precision (-inf where the budget keeps it out), and
    return how many it lets in and ``end``: the offers are cheapest first, so those past
    the budget's ceiling are the ones from ``end`` on. ``buffers[4]`` is left holding, up
    to ``end``, the offers it keeps out (by their minimum budget)."""
    value, scratch, part, _, out, _, _ = buffers
    end = int(
        np.searchsorted(
            offers.quote, budget_ceiling(spec.budget_max, config.budget_tolerance), side="right"
        )
    )
    if end == 0:
        return 0, 0
    out = out[:end]
    if offers.floor is not None:
        np.greater(offers.floor[:end], spec.budget_max, out=out)
    else:
        out[:] = False
    passing = end - int(np.count_nonzero(out))
    if passing == 0:
        return 0, 0
    # The weighted budget factor as factors.budget computes it, up to float rounding: full
    # up to the budget's min, falling to 0.8 of it at its max and on to 0 at max x (1 +
    # tolerance). Each piece is a line in the quote (slope x quote + intercept, in double
    # precision, so far closer than the margin); where the second falls faster than the
    # first (almost always) the factor is the least of the three, else (and when min and
    # max are one, where the factor drops from 1 to 0.8 past it) each applies on its side
    # of the max. Up to the min it is full: no arithmetic there. Offers past the ceiling
    # are not eligible: -inf, never ahead.
    low, high = float(spec.budget_min), float(spec.budget_max)
    start = int(np.searchsorted(offers.quote[:end], spec.budget_min, side="right"))
    np.add(offers.fixed[:start], weight, out=part[:start])
    floor = factors.BUDGET_IN_RANGE_FLOOR
    inside = weight * (1.0 - floor) / (high - low) if high > low else 0.0
    allowance = high * config.budget_tolerance
    over = weight * floor / allowance if allowance > 0 else np.inf
    q = offers.quote_f[start:end]
    value, scratch = value[start:end], scratch[start:end]
    np.multiply(q, -inside, out=value)
    value += weight + inside * low
    np.minimum(value, weight, out=value)
    if over < np.inf:
        np.multiply(q, -over, out=scratch)
        scratch += weight * floor + over * high
        if high > low and inside <= over:
            np.minimum(value, scratch, out=value)
        else:
            np.copyto(value, scratch, where=q > high)
    else:
        np.copyto(value, 0.0, where=q > high)
    np.add(value, offers.fixed[start:end], out=part[start:end])
    if offers.floor is not None:
        np.copyto(part[:end], -np.inf, where=out)
    return passing, end


def _ahead(
    offers: _Rows,
    adding: tuple[list[NDArray[np.float32]], float],
    keep: NDArray[np.bool_] | None,
    score: float,
    buffers: _Buffers,
    end: int,
) -> tuple[int, NDArray[np.int64] | None]:
    """How many of the family's offers surely rank ahead on a task, and the offers too
    close to the offer's own ``score`` there to tell (None: none), given each offer's
    fixed part plus weighted budget factor on the task in ``buffers[2]`` up to ``end``
    (the offers past it are over the budget's ceiling; -inf where it keeps one out; left
    as it is for the tasks sharing the budget). ``adding``: the weighted skills the task
    wants, one row each, and its total weight; ``keep``: the offers the task's group lets
    in (None: all)."""
    part, mask, unsure = buffers[2][:end], buffers[5][:end], buffers[6][:end]
    skills, total = adding
    if skills:
        value = buffers[3][:end]
        np.add(part, skills[0][:end], out=value)
        for skill in skills[1:]:
            value += skill[:end]
    else:
        value = part
    # In the units of the weighted sum (score x total): ahead, or too close to tell. The
    # margin covers rounding to single precision: the part, each skill added, the sum and
    # the bounds themselves, each at most ROUNDING x total.
    margin = SLACK * total + (len(skills) + 3) * ROUNDING * total
    np.greater(value, score * total + margin, out=mask)
    if keep is not None:
        mask &= keep[:end]
    ahead = int(np.count_nonzero(mask))
    np.greater_equal(value, score * total - margin, out=unsure)
    if keep is not None:
        unsure &= keep[:end]
    if int(np.count_nonzero(unsure)) == ahead:
        return ahead, None
    unsure ^= mask
    return ahead, offers.rows[:end][unsure]


@dataclass(frozen=True, slots=True)
class _Close:
    """Offers (pool positions) too close to one task's own score to call from
    approximate values: ``members`` are the tasks alike with it, ``score`` and ``quote``
    the offer's own there."""

    members: list[int]
    task: TaskSpec
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
    budget = np.empty(count)
    skill = np.empty(count)
    used = config.default_weights.merged(first.weights)
    names = used.names()
    weight = {name: np.empty(count) for name in names}
    total = np.empty(count)
    by_budget: dict[tuple[int, int], list[int]] = {}
    by_skills: dict[tuple[str, ...], list[int]] = {}
    for c, call in enumerate(calls):
        by_budget.setdefault((call.task.budget_min, call.task.budget_max), []).append(c)
        by_skills.setdefault(skills_wanted(call.task), []).append(c)
    for (low, high), which_calls in by_budget.items():
        at = np.isin(owner, which_calls)
        budget[at] = factors.budget(quote[among[at]], low, high, config.budget_tolerance)
    for wanted, which_calls in by_skills.items():
        at = np.isin(owner, which_calls)
        if wanted:
            hits = np.zeros(int(np.count_nonzero(at)), dtype=np.int64)
            for term in wanted:
                hits += shared.has_skill(term)[among[at]]
            skill[at] = factors.skills(hits, len(wanted))
        else:
            skill[at] = 1.0
        applied = applied_weights(first, used, wanted)
        for name in names:
            weight[name][at] = applied[name]
        total[at] = sum(applied.values())
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
        combined += weight[name] * columns[name]
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
