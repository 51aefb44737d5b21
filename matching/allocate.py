"""Allocation: place many tasks at once, each on at most one offer, never over capacity.

The model (docs/allocation.md argues for it): eligible (task, offer) pairs ``p`` with score
``s_p`` in [0, 1]; task ``i`` needs volume ``v_i``; offer ``j`` has ``c_j`` available.

    maximise   sum_p s_p x_p
    subject to sum_{p of task i}  x_p       <= 1     for every task
               sum_{p on offer j} v_i x_p   <= c_j   for every offer
               x_p in {0, 1}

This is a generalised assignment problem (NP-hard in general). The answer is an assignment
and an upper bound on the best possible objective, so the caller knows how far from the
optimum it can be at most:

1. **Candidates.** Each task keeps its ``CANDIDATES`` best pairs. An assignment never needs
   the rest when the bound says so, and a task rarely does anyway.
2. **Bound by column generation.** The LP relaxation over the candidates is solved with
   HiGHS; its offer prices ``p_j`` (duals) give, for *all* pairs, the Lagrangian bound
   ``L(p) = sum_i max(0, max_j (s_ij - v_i p_j)) + sum_j c_j p_j``, which is at least the
   LP optimum over all pairs by weak duality. Pairs that price out positively join the
   candidates and the LP is solved again; when none does, ``L(p)`` is the LP bound itself.
3. **Assignment.** A greedy on price-adjusted scores, improved by local moves, always gives a
   feasible answer in a few milliseconds; then HiGHS's branch and bound (``milp``) on the
   candidates, within a time limit, replaces it when it finds better.

Every array is indexed by pair unless named otherwise; shapes are in the docstrings.
"""

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

import numpy as np
from numpy.typing import NDArray

from matching.offers import OfferSet
from matching.rank import score_all
from matching.types import MatchConfig, TaskSpec

if TYPE_CHECKING:
    import scipy.sparse as sp

CANDIDATES = 24  # pairs per task the solver looks at before pricing brings in more
PRICING_ROUNDS = 6  # column-generation rounds; each adds the pairs that price out
ADDED_PER_ROUND = 8  # per task and round, the best-priced pairs to add
BUDGET = 0.7  # seconds: branch and bound gets what the bound and the greedy leave of it
MILP_GAP = 1e-4  # relative gap at which branch and bound may stop
TOLERANCE = 1e-9
# Pricing stops once the Lagrangian bound is within this share of the candidates' LP
# optimum: the bound is then at most 0.1% above the full LP bound, at a fraction of the time.
BOUND_SLACK = 1e-3

Solver = Literal["heuristic", "branch_and_bound"]


@dataclass(frozen=True)
class Pairs:
    """Eligible (task, offer) pairs: arrays of shape ``(m,)`` and the sizes they index.

    ``task`` and ``offer`` are positions in ``volume`` (shape ``(n_tasks,)``) and
    ``capacity`` (shape ``(n_offers,)``, what each offer has available). ``quote`` breaks
    ties between equal scores (lower first), as ranking does.
    """

    task: NDArray[np.int64]
    offer: NDArray[np.int64]
    score: NDArray[np.float64]
    quote: NDArray[np.int64]
    volume: NDArray[np.int64]
    capacity: NDArray[np.int64]

    def __post_init__(self) -> None:
        m = len(self.task)
        if not (len(self.offer) == len(self.score) == len(self.quote) == m):
            raise ValueError("task, offer, score and quote must have one entry per pair")
        if m and (self.task.min() < 0 or self.task.max() >= len(self.volume)):
            raise ValueError("a pair names a task outside volume")
        if m and (self.offer.min() < 0 or self.offer.max() >= len(self.capacity)):
            raise ValueError("a pair names an offer outside capacity")
        if (self.volume <= 0).any():
            raise ValueError("every task's volume must be positive")
        if m and (not np.isfinite(self.score).all() or self.score.min() < 0):
            raise ValueError("scores must be finite and non-negative")

    @property
    def n_tasks(self) -> int:
        return len(self.volume)

    @property
    def n_offers(self) -> int:
        return len(self.capacity)

    def subset(self, keep: NDArray[np.int64]) -> "Pairs":
        """Only the pairs at positions ``keep``; tasks and offers keep their positions."""
        return Pairs(
            task=self.task[keep],
            offer=self.offer[keep],
            score=self.score[keep],
            quote=self.quote[keep],
            volume=self.volume,
            capacity=self.capacity,
        )


@dataclass(frozen=True)
class Allocation:
    """An assignment and how good it is.

    ``pair`` has shape ``(n_tasks,)``: the position in the pairs of each task's assignment,
    -1 for a task left out. ``upper_bound`` is at least the best objective any assignment
    could reach, so ``gap`` bounds how far this one is from the optimum.
    """

    pair: NDArray[np.int64]
    objective: float
    upper_bound: float
    solver: Solver
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def gap(self) -> float:
        """(upper_bound - objective) / upper_bound; 0 when there was nothing to gain."""
        if self.upper_bound <= TOLERANCE:
            return 0.0
        return max(0.0, (self.upper_bound - self.objective) / self.upper_bound)


def candidates(
    task: TaskSpec,
    offers: OfferSet,
    *,
    config: MatchConfig | None = None,
    weights: dict[str, float] | None = None,
    at: datetime | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.int64]]:
    """The offers ``task`` may go to: positions, scores and quotes, each of shape ``(k,)``.

    Eligibility and scores are exactly the ranker's (``score_all`` with ``eligible_only``):
    an offer allocation may choose is one ranking would list, with the same score and quote.
    """
    scored = score_all(task, offers, weights=weights, config=config, at=at, eligible_only=True)
    rows = scored.rows if scored.rows is not None else np.arange(offers.n)
    return rows.astype(np.int64), scored.score[rows], scored.quote[rows]


# --- the kernel ------------------------------------------------------------------------


def _order(pairs: Pairs, key: NDArray[np.float64]) -> NDArray[np.int64]:
    """Pairs by task, then ``key`` descending, then quote ascending, then offer."""
    order: NDArray[np.int64] = np.lexsort((pairs.offer, pairs.quote, -key, pairs.task))
    return order


def _top_per_task(pairs: Pairs, key: NDArray[np.float64], k: int) -> NDArray[np.int64]:
    """The positions of each task's ``k`` best pairs by ``key``: shape ``(<= n_tasks k,)``.

    One stable sort on a single composite key (task, then ``key`` descending) rather than
    ``_order``'s four: which of equal pairs becomes a candidate does not matter to the
    bound, and a stable sort keeps it deterministic. Keys closer than about 1e-12 times the
    number of tasks count as equal, far below the 6 decimals scores carry."""
    if len(key) == 0:
        return np.zeros(0, dtype=np.int64)
    high, span = float(key.max()), float(key.max() - key.min()) + 1.0
    order = np.argsort(pairs.task * span + (high - key), kind="stable")
    tasks = pairs.task[order]
    starts = np.searchsorted(tasks, tasks, side="left")
    rank_in_task = np.arange(len(order)) - starts
    kept: NDArray[np.int64] = order[rank_in_task < k]
    return kept


def _fits(pairs: Pairs) -> NDArray[np.int64]:
    """Pairs whose task could fit on its offer at all."""
    fits: NDArray[np.int64] = np.flatnonzero(
        pairs.volume[pairs.task] <= pairs.capacity[pairs.offer]
    )
    return fits


def _matrix(pairs: Pairs) -> tuple["sp.csr_matrix", NDArray[np.float64]]:
    """The constraint rows (tasks, then offers) over the pairs as columns, and their limits."""
    # SciPy is imported where it is used: it is half a second of every process's start-up
    # (the service, each CLI command), and only an allocation needs it.
    import scipy.sparse as sp

    m = len(pairs.task)
    columns = np.arange(m)
    tasks = sp.csr_matrix((np.ones(m), (pairs.task, columns)), shape=(pairs.n_tasks, m))
    volume = pairs.volume[pairs.task].astype(np.float64)
    offers = sp.csr_matrix((volume, (pairs.offer, columns)), shape=(pairs.n_offers, m))
    limits = np.concatenate([np.ones(pairs.n_tasks), pairs.capacity.astype(np.float64)])
    return sp.vstack([tasks, offers]).tocsr(), limits


def lagrangian_bound(pairs: Pairs, prices: NDArray[np.float64]) -> float:
    """``L(p)``: an upper bound on the LP relaxation (so on every assignment) for any offer
    prices ``p >= 0`` of shape ``(n_offers,)``, by weak duality. O(m)."""
    reduced = pairs.score - pairs.volume[pairs.task] * prices[pairs.offer]
    best = np.zeros(pairs.n_tasks)
    np.maximum.at(best, pairs.task, reduced)
    return float(best.sum() + (pairs.capacity * prices).sum())


def _lp_prices(pairs: Pairs) -> tuple[float, NDArray[np.float64]]:
    """The LP relaxation's optimum over ``pairs`` and its offer prices (duals, >= 0)."""
    if len(pairs.task) == 0:
        return 0.0, np.zeros(pairs.n_offers)
    from scipy.optimize import linprog

    matrix, limits = _matrix(pairs)
    solved = linprog(-pairs.score, A_ub=matrix, b_ub=limits, bounds=(0, 1), method="highs")
    if solved.status != 0:  # pragma: no cover - a bounded, feasible LP always solves
        raise RuntimeError(f"the LP relaxation did not solve: {solved.message}")
    prices = np.maximum(-np.asarray(solved.ineqlin.marginals)[pairs.n_tasks :], 0.0)
    return float(-solved.fun), prices


@dataclass(frozen=True)
class _Bound:
    value: float
    chosen: NDArray[np.int64]  # the candidate pairs
    prices: NDArray[np.float64]  # shape (n_offers,)
    lp_seconds: float  # what the last LP took: branch and bound's root LP costs as much


def _bound(pairs: Pairs, chosen: NDArray[np.int64]) -> _Bound:
    """Column generation from ``chosen``: the tightest bound found, the final candidate
    pairs and their prices."""
    best = float("inf")
    prices = np.zeros(pairs.n_offers)
    lp_seconds = 0.0
    for _ in range(PRICING_ROUNDS):
        started = time.perf_counter()
        value, prices = _lp_prices(pairs.subset(chosen))
        lp_seconds = time.perf_counter() - started
        best = min(best, lagrangian_bound(pairs, prices))
        reduced = pairs.score - pairs.volume[pairs.task] * prices[pairs.offer]
        if best - value <= TOLERANCE * max(1.0, value):
            # Nothing outside prices out: the LP bound itself.
            return _Bound(value, chosen, prices, lp_seconds)
        if best - value <= BOUND_SLACK * value:
            return _Bound(best, chosen, prices, lp_seconds)
        outside = np.ones(len(pairs.task), dtype=np.bool_)
        outside[chosen] = False
        promising = np.flatnonzero(outside & (reduced > TOLERANCE))
        if len(promising) == 0:
            return _Bound(min(best, value), chosen, prices, lp_seconds)
        added = promising[
            _top_per_task(pairs.subset(promising), reduced[promising], ADDED_PER_ROUND)
        ]
        chosen = np.union1d(chosen, added)
    return _Bound(best, chosen, prices, lp_seconds)


def _objective(pairs: Pairs, pair: NDArray[np.int64]) -> float:
    taken = pair[pair >= 0]
    return float(pairs.score[taken].sum())


def greedy(pairs: Pairs, key: NDArray[np.float64] | None = None) -> NDArray[np.int64]:
    """Pairs in order of ``key`` (default: score) descending, each taken when its task is
    still free and its offer has room. Shape ``(n_tasks,)``, -1 for a task left out."""
    key = pairs.score if key is None else key
    order = np.lexsort((pairs.offer, pairs.quote, -key))
    left = pairs.capacity.astype(np.int64).copy()
    pair = np.full(pairs.n_tasks, -1, dtype=np.int64)
    tasks, offers, volume = pairs.task.tolist(), pairs.offer.tolist(), pairs.volume.tolist()
    for p in order.tolist():
        i, j = tasks[p], offers[p]
        if pair[i] < 0 and left[j] >= volume[i]:
            pair[i] = p
            left[j] -= volume[i]
    return pair


def per_task_greedy(pairs: Pairs) -> NDArray[np.int64]:
    """What ranking each task alone does: tasks in turn, each taking its best-scoring offer
    that still has room. The baseline allocation is measured against."""
    order = _order(pairs, pairs.score).tolist()
    starts = np.searchsorted(pairs.task[order], np.arange(pairs.n_tasks + 1)).tolist()
    left = pairs.capacity.astype(np.int64).tolist()
    pair = np.full(pairs.n_tasks, -1, dtype=np.int64)
    offers, volume = pairs.offer.tolist(), pairs.volume.tolist()
    for i in range(pairs.n_tasks):
        for p in order[starts[i] : starts[i + 1]]:
            if left[offers[p]] >= volume[i]:
                pair[i] = p
                left[offers[p]] -= volume[i]
                break
    return pair


def improve(pairs: Pairs, pair: NDArray[np.int64], rounds: int = 3) -> NDArray[np.int64]:
    """Local moves that raise the objective and keep every offer within capacity: move a
    task to a better offer with room; place a left-out task, if need be by moving one task
    off a full offer to another with room (an ejection of depth one)."""
    pair = pair.copy()
    volume = pairs.volume.tolist()
    offers, scores = pairs.offer.tolist(), pairs.score.tolist()
    order = _order(pairs, pairs.score)
    starts = np.searchsorted(pairs.task[order], np.arange(pairs.n_tasks + 1)).tolist()
    by_task = order.tolist()
    left = pairs.capacity.astype(np.int64).copy()
    on_offer: list[set[int]] = [set() for _ in range(pairs.n_offers)]
    for i, p in enumerate(pair.tolist()):
        if p >= 0:
            left[offers[p]] -= volume[i]
            on_offer[offers[p]].add(i)
    left_list = left.tolist()

    def move(i: int, p: int) -> None:
        old = int(pair[i])
        if old >= 0:
            left_list[offers[old]] += volume[i]
            on_offer[offers[old]].discard(i)
        pair[i] = p
        left_list[offers[p]] -= volume[i]
        on_offer[offers[p]].add(i)

    for _ in range(rounds):
        changed = False
        for i in range(pairs.n_tasks):
            current = int(pair[i])
            now = scores[current] if current >= 0 else 0.0
            for p in by_task[starts[i] : starts[i + 1]]:
                if scores[p] <= now + TOLERANCE:
                    break  # the rest score no better
                j = offers[p]
                if p == current:
                    continue
                if left_list[j] >= volume[i]:
                    move(i, p)
                    changed = True
                    break
                if current >= 0:
                    continue  # ejections only to place a left-out task
                placed = False
                for k in sorted(on_offer[j], key=lambda t: scores[int(pair[t])]):
                    if left_list[j] + volume[k] < volume[i]:
                        continue
                    held = scores[int(pair[k])]
                    for q in by_task[starts[k] : starts[k + 1]]:
                        jq = offers[q]
                        if jq == j or left_list[jq] < volume[k]:
                            continue
                        if scores[p] + scores[q] - held > TOLERANCE:
                            move(k, q)
                            move(i, p)
                            placed = changed = True
                        break
                    if placed:
                        break
                if placed:
                    break
        if not changed:
            break
    return pair


def _branch_and_bound(pairs: Pairs, time_limit: float) -> NDArray[np.int64] | None:
    """HiGHS's branch and bound over ``pairs``: the best assignment it finds in time, as
    positions in ``pairs``, or None if it found none."""
    if len(pairs.task) == 0 or time_limit <= 0:
        return None
    from scipy.optimize import Bounds, LinearConstraint, milp

    matrix, limits = _matrix(pairs)
    solved = milp(
        -pairs.score,
        constraints=LinearConstraint(matrix, -np.inf, limits),
        integrality=np.ones(len(pairs.task)),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit, "mip_rel_gap": MILP_GAP},
    )
    if solved.x is None:
        return None
    taken = np.flatnonzero(solved.x > 0.5)
    pair = np.full(pairs.n_tasks, -1, dtype=np.int64)
    pair[pairs.task[taken]] = taken
    return pair


def allocate(pairs: Pairs, *, budget: float = BUDGET, exact: bool = True) -> Allocation:
    """The best assignment found for ``pairs``, with an upper bound from the LP relaxation.

    Branch and bound runs for what is left of ``budget`` (seconds) once the bound and the
    greedy are done, and only while the greedy is short of the bound and the budget leaves
    room for its root LP; ``exact=False`` skips it and answers the greedy with local
    improvement alone. The assignment never puts more volume on an offer than its capacity,
    and gives each task at most one pair.
    """
    seconds: dict[str, float] = {}
    began = started = time.perf_counter()
    fits = _fits(pairs)
    usable = pairs.subset(fits)
    chosen = _top_per_task(usable, usable.score, CANDIDATES)
    found_bound = _bound(usable, chosen)
    bound, chosen, prices = found_bound.value, found_bound.chosen, found_bound.prices
    seconds["bound"] = time.perf_counter() - started

    started = time.perf_counter()
    candidate = usable.subset(chosen)
    adjusted = candidate.score - candidate.volume[candidate.task] * prices[candidate.offer]
    found = improve(candidate, greedy(candidate, adjusted))
    solver: Solver = "heuristic"
    seconds["heuristic"] = time.perf_counter() - started
    best = _objective(candidate, found)
    left = budget - (time.perf_counter() - began)
    # Branch and bound solves the root LP before it looks at its time limit: start it only
    # when the budget leaves room for that LP and some search after it.
    if exact and bound - best > MILP_GAP * max(bound, 1.0) and left > 2 * found_bound.lp_seconds:
        started = time.perf_counter()
        solved = _branch_and_bound(candidate, left)
        seconds["branch_and_bound"] = time.perf_counter() - started
        if solved is not None and _objective(candidate, solved) > best + TOLERANCE:
            found, best, solver = solved, _objective(candidate, solved), "branch_and_bound"
    # Positions in the candidates -> positions in the caller's pairs.
    original = fits[chosen]
    pair = np.full(pairs.n_tasks, -1, dtype=np.int64)
    pair[found >= 0] = original[found[found >= 0]]
    return Allocation(
        pair=pair,
        objective=round(best, 9),
        upper_bound=max(round(bound, 9), round(best, 9)),
        solver=solver,
        seconds=seconds,
    )
