"""One offer's place on many tasks at once: its rank among a pool's eligible offers for
each task, without ranking each task on its own.

A full ranking of a task checks every offer and scores the eligible ones. Here the work a
task shares with others is done once for all of them:

- per ``(volume, currency)``: every offer's quote, and the capacity, minimum-volume and
  currency masks (:func:`matching.pricing.quotes_in`, exactly as :func:`check` quotes);
- per language set, certification set, coverage and country: one mask each;
- per group of tasks sharing all of those and their weights: the offers passing every
  constraint but the budget ones, and the weighted sum of the factors that do not depend
  on the budget or the skills (task type, volume, time zone, reputation).

What differs by task (the budget's bounds and the skills wanted) is then a few dozen
passes of array arithmetic over the group's offers, one task at a time in buffers the
group's tasks reuse: each offer's budget ceiling and minimum-budget test, and its combined
score up to float rounding. An offer whose approximate score is more than ``SLACK`` above
the offer's own is ahead of it, more than ``SLACK`` below is behind (rounding to 6
decimals moves a score by at most half of that); only the few in between are scored
exactly, by :func:`matching.rank.score_all` on those offers alone, and ordered by quote
and id as a ranking orders ties. So every rank is the offer's position in the full
ranking, which the tests hold it to. Memory: a few dozen arrays the size of the pool at
most, whatever the number of tasks.
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
# One task's working rows over a group's offers: value, scratch, three masks.
_Buffers = tuple[
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.bool_],
    NDArray[np.bool_],
    NDArray[np.bool_],
]


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
        self._cache: dict[object, object] = {}

    def forget(self) -> None:
        """Drop what is kept, between tasks of different volumes or currencies: so memory
        stays a few arrays the size of the pool however many distinct tasks there are."""
        self._cache.clear()

    def _kept(self, key: object, compute):  # type: ignore[no-untyped-def]
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
    weights = [
        applied_weights(spec, config.default_weights.merged(spec.weights), w)
        for spec, w in zip(specs, wanted, strict=True)
    ]
    total = np.fromiter((sum(a.values()) for a in weights), np.float64, k)
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
    for i, t in enumerate(which):
        groups.setdefault(group_key(tasks.tasks[t], config), []).append(i)
    last = None
    for group, members in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1])):
        if group[:2] != last:
            shared.forget()
            last = group[:2]
        _group(shared, tasks, which, members, (score, quote, key), rank, eligible)
    return Places(score=score, quote=quote, rank=rank, eligible_offers=eligible)


def _group(
    shared: _Shared,
    tasks: TaskSet,
    which: NDArray[np.int64],
    members: list[int],
    own: tuple[NDArray[np.float64], NDArray[np.int64], bytes],
    rank: NDArray[np.int64],
    eligible: NDArray[np.int64],
) -> None:
    """Add to ``rank`` and ``eligible`` at ``members``: tasks alike in all but budget and
    skills, so one set of offers passes their other constraints and shares the factors
    that do not depend on those two. Tasks alike in budget too share its weighted factor,
    and tasks alike in skills as well are counted once."""
    pool, config = shared.pool, shared.config
    first = tasks.tasks[which[members[0]]]
    quote, failed = shared.quoted(first.volume, first.currency)
    passing = ~failed
    share = shared.share(first)
    masks = [
        shared.speaks(first.languages),
        shared.holds(first.required_certifications),
        shared.serves(first.country),
        None if share is None else ~share[1],
    ]
    for mask in masks:
        if mask is not None:
            passing &= mask
    passing[shared.leave_out] = False
    rows = np.flatnonzero(passing)
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
    # Tasks alike in budget share its weighted factor; alike in skills too, the answer
    # (their own score and quote are the same, so is every count).
    alike: dict[tuple[int, int], dict[tuple[str, ...], list[int]]] = {}
    for i in members:
        spec = tasks.tasks[which[i]]
        by_skills = alike.setdefault((spec.budget_min, spec.budget_max), {})
        by_skills.setdefault(skills_wanted(spec), []).append(i)
    m = len(rows)
    flags = np.empty((3, m), dtype=np.bool_)
    buffers: _Buffers = (np.empty(m), np.empty(m), flags[0], flags[1], flags[2])
    for by_skills in alike.values():
        spec = tasks.tasks[which[next(iter(by_skills.values()))[0]]]
        passing_offers = _budget_part(config, spec, applied["budget"], offers, buffers)
        if passing_offers == 0:
            continue
        for same in by_skills.values():
            i = same[0]
            spec = tasks.tasks[which[i]]
            ahead = _ahead(
                shared, spec, offers, (float(own[0][i]), int(own[1][i]), own[2]), buffers
            )
            rank[same] += ahead
            eligible[same] += passing_offers


@dataclass(frozen=True, slots=True)
class _Rows:
    """The offers of a group passing all but the budget constraints (positions in the
    pool, ascending) and what the group's tasks share about them."""

    rows: NDArray[np.int64]
    quote: NDArray[np.int64]
    quote_f: NDArray[np.float64]
    fixed: NDArray[np.float64]  # weighted task type, volume, time zone and reputation
    floor: NDArray[np.int64] | None
    has_skill: Callable[[str], NDArray[np.bool_]]
    skills: dict[tuple[str, float], NDArray[np.float64]] = field(default_factory=dict)

    def skill(self, name: str, weight: float) -> NDArray[np.float64]:
        """``weight`` where the offer lists skill ``name``, else 0.0 (kept per weight: a
        group's tasks mostly share theirs)."""
        found = self.skills.get((name, weight))
        if found is None:
            has = self.has_skill(name)[self.rows]
            found = self.skills[(name, weight)] = np.where(has, weight, 0.0)
        return found


def _budget_part(
    config: MatchConfig, spec: TaskSpec, weight: float, offers: _Rows, buffers: _Buffers
) -> int:
    """Fill ``buffers[0]`` with each offer's fixed part plus its weighted budget factor on
    ``spec``'s budget (-inf where the budget excludes it), and return how many it lets in.
    ``buffers[2]`` is left holding the offers it excludes."""
    value, scratch, out, _, _ = buffers
    np.greater(offers.quote, budget_ceiling(spec.budget_max, config.budget_tolerance), out=out)
    if offers.floor is not None:
        out |= offers.floor > spec.budget_max
    passing = len(offers.rows) - int(np.count_nonzero(out))
    if passing == 0:
        return 0
    # The weighted budget factor as factors.budget computes it, up to float rounding: full
    # up to the budget's min, falling to 0.8 of it at its max and on to 0 at max x (1 +
    # tolerance). Each piece is a line in the quote; where the second falls faster than the
    # first (almost always) the factor is the least of the three, else each applies on its
    # side of the max. Offers past the ceiling are not eligible: -inf, never ahead.
    low, high = float(spec.budget_min), float(spec.budget_max)
    floor = factors.BUDGET_IN_RANGE_FLOOR
    inside = (1.0 - floor) / (high - low) if high > low else 0.0
    allowance = high * config.budget_tolerance
    over = floor / allowance if allowance > 0 else np.inf
    q = offers.quote_f
    np.subtract(q, low, out=value)
    value *= -weight * inside
    value += weight
    np.minimum(value, weight, out=value)
    if over < np.inf:
        np.subtract(q, high, out=scratch)
        scratch *= -weight * over
        scratch += weight * floor
        if inside <= over:
            np.minimum(value, scratch, out=value)
        else:
            np.copyto(value, scratch, where=q > high)
    else:
        np.copyto(value, 0.0, where=q > high)
    value += offers.fixed
    np.copyto(value, -np.inf, where=out)
    return passing


def _ahead(
    shared: _Shared,
    spec: TaskSpec,
    offers: _Rows,
    own: tuple[float, int, bytes],
    buffers: _Buffers,
) -> int:
    """How many of the group's offers rank ahead on ``spec``, given its budget part in
    ``buffers[0]`` (left as it is: the tasks sharing the budget reuse it)."""
    config = shared.config
    budget_part, value, _, mask, unsure = buffers
    skills = skills_wanted(spec)
    applied = applied_weights(spec, config.default_weights.merged(spec.weights), skills)
    total = sum(applied.values())
    if skills:
        per_skill = applied["skills"] / len(skills)
        np.add(budget_part, offers.skill(skills[0], per_skill), out=value)
        for skill in skills[1:]:
            value += offers.skill(skill, per_skill)
    else:
        value = budget_part
    # In the units of the weighted sum (score x total): ahead, or too close to tell.
    score, quote, key = own
    np.greater(value, (score + SLACK) * total, out=mask)
    ahead = int(np.count_nonzero(mask))
    np.greater_equal(value, (score - SLACK) * total, out=unsure)
    if int(np.count_nonzero(unsure)) > ahead:
        unsure ^= mask
        ahead += _ahead_exactly(shared, spec, offers.rows[unsure], score, quote, key)
    return ahead


def exact_scores(
    task: TaskSpec,
    pool: OfferSet,
    among: NDArray[np.int64],
    quote: NDArray[np.int64],
    share: NDArray[np.float64] | None,
    has_skill: Callable[[str], NDArray[np.bool_]],
    config: MatchConfig,
) -> NDArray[np.float64]:
    """The scores :func:`matching.rank.score_all` gives the offers ``among`` (eligible,
    by pool position) on ``task``: the same factor functions on those offers alone,
    combined in the same order with the same weights and rounded alike, without the
    pool-sized arrays ``score_all`` allocates (this runs once per task with offers too
    close to call). ``quote`` and ``share`` are the pool's quotes and coverage shares on
    the task, ``has_skill`` the pool's mask of a skill."""
    wanted = skills_wanted(task)
    applied = applied_weights(task, config.default_weights.merged(task.weights), wanted)
    total = sum(applied.values())
    count = len(among)
    if total <= 0:
        return np.zeros(count)
    hits = np.zeros(count, dtype=np.int64)
    for skill in wanted:
        hits += has_skill(skill)[among]
    columns = {
        "task_type": task_type_column(pool)[among],
        "volume": factors.volume(pool.capacity[among] - pool.reserved[among], task.volume),
        "budget": factors.budget(
            quote[among], task.budget_min, task.budget_max, config.budget_tolerance
        ),
        "skills": factors.skills(hits, len(wanted)) if wanted else np.ones(count),
        "timezone": share[among] if share is not None else np.ones(count),
        "reputation": reputation_column(pool, config)[among],
    }
    combined = np.zeros(count)
    for name, weight in applied.items():
        if weight:
            combined += weight * columns[name]
    combined /= total
    result: NDArray[np.float64] = np.round(combined, SCORE_DECIMALS)
    return result


def _ahead_exactly(
    shared: _Shared,
    task: TaskSpec,
    among: NDArray[np.int64],
    score: float,
    quote: int,
    key: bytes,
) -> int:
    """How many of the offers ``among`` ranking puts ahead of one scoring ``score`` and
    quoting ``quote`` with id key ``key``: scored exactly as a ranking scores them."""
    pool = shared.pool
    quotes, _ = shared.quoted(task.volume, task.currency)
    share = shared.share(task)
    s = exact_scores(
        task,
        pool,
        among,
        quotes,
        None if share is None else share[0],
        shared.has_skill,
        shared.config,
    )
    q, ids = quotes[among], pool.id_keys[among]
    ahead = (s > score) | ((s == score) & ((q < quote) | ((q == quote) & (ids < key))))
    return int(np.count_nonzero(ahead))
