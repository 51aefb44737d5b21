"""The one entry point: rank the offers for a task, with reasons for every number.

Pipeline: quotes -> hard filters (each drop counted under one reason) -> factor scores ->
weighted mean -> top-k by (score desc, quote asc, vendor id asc, service id asc). Everything
up to the top-k is array arithmetic; ``rank`` computes the full scores only for the eligible
offers whose upper bound (from the factors that are cheap to read) can reach the top k
(:func:`_contenders_scored`), and explanations for the top-k only.
"""

# Annotations stay unevaluated: rank defines functions inside functions, and evaluating
# NDArray[...] each time they are defined costs more than a small match's arithmetic.
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

from matching import explain, factors
from matching.constraints import KEEP as KEEP  # re-exported: callers compare reason codes
from matching.constraints import REASONS, Checked, check
from matching.hints import nearest_misses
from matching.offers import OfferSet, normalise_term
from matching.scored import Scored
from matching.types import MatchConfig, Money, RankedMatch, Ranking, TaskSpec, Weights

SCORE_DECIMALS = 6
MAX_LIMIT = 1000
# Skills are counted for a few scored offers by binary search in the postings, and for
# more than 1 in AMONG_SHARE of all offers by one counting pass over all the postings.
AMONG_SHARE = 8
HEAD = 256  # eligible offers scored first, to learn which others can still make the top k
BOUND_SLACK = 1e-6  # a score is rounded to 6 decimals: skip only offers surely below the best


def task_type_column(offers: OfferSet) -> NDArray[np.float64]:
    """The ``task_type`` factor depends on the offers alone: computed once per change."""
    return offers.derived(
        "task_type",
        lambda: factors.task_type(offers.experience_years, offers.completed, offers.types_offered),
    )


def reputation_column(offers: OfferSet, config: MatchConfig) -> NDArray[np.float64]:
    return offers.derived(
        ("reputation", config.reputation_prior_mean, config.reputation_prior_weight),
        lambda: factors.reputation(
            offers.rating_sum,
            offers.rating_count,
            config.reputation_prior_mean,
            config.reputation_prior_weight,
        ),
    )


def applied_weights(
    task: TaskSpec, used: Weights, wanted_skills: tuple[str, ...]
) -> dict[str, float]:
    """The weights that count: a factor the task gives nothing to judge by (no skills, no
    coverage) takes no part."""
    applied = used.as_dict()
    if not wanted_skills:
        applied["skills"] = 0.0
    if task.coverage is None:
        applied["timezone"] = 0.0
    return applied


def skills_wanted(task: TaskSpec) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalise_term(s) for s in task.skills))


def _skill_hits_among(
    offers: OfferSet, wanted: tuple[str, ...], among: NDArray[np.int64]
) -> NDArray[np.int64]:
    """``offers.skills.count`` for the offers ``among`` only (0 elsewhere), by binary search
    in each skill's sorted postings: cheap when few offers are scored."""
    hits = np.zeros(offers.n, dtype=np.int64)
    for term in wanted:
        postings = offers.skills.postings.get(term)
        if postings is None or len(postings) == 0:
            continue
        at = np.minimum(np.searchsorted(postings, among), len(postings) - 1)
        hits[among] += postings[at] == among
    return hits


def score_all(
    task: TaskSpec,
    offers: OfferSet,
    *,
    weights: dict[str, float] | None = None,
    config: MatchConfig | None = None,
    at: datetime | None = None,
    eligible_only: bool = False,
    checked: Checked | None = None,
    among: NDArray[np.int64] | None = None,
    skill_hits: NDArray[np.int64] | None = None,
) -> Scored:
    """Quotes, exclusions, factor scores and combined scores for every offer.

    With ``eligible_only``, factors and scores are computed only for the offers that pass
    every hard constraint (the rest score 0): what ranking needs, and much less work when
    the constraints drop most offers. ``checked`` is ``check(task, offers, config=config,
    at=at)`` when the caller has it already (the advisor shares one pass with the market).
    ``among`` (ascending positions of eligible offers, with ``eligible_only``) scores only
    those; an offer's numbers are the same whichever others are scored. ``skill_hits`` is
    ``offers.skills.count(skills_wanted(task), offers.n)`` when the caller has it already.
    """
    config = config or MatchConfig()
    used = config.default_weights.merged(task.weights).merged(weights)
    if checked is None:
        checked = check(task, offers, config=config, at=at)
    quote, overlap_share = checked.quote, checked.overlap_share

    wanted_skills = skills_wanted(task)
    rows = None
    if eligible_only:
        rows = np.flatnonzero(checked.passing()) if among is None else among
    if skill_hits is None and (among is None or len(among) * AMONG_SHARE > offers.n):
        skill_hits = offers.skills.count(wanted_skills, offers.n)
    elif skill_hits is None:
        assert among is not None
        skill_hits = _skill_hits_among(offers, wanted_skills, among)
    sel = slice(None) if rows is None else rows
    count = offers.n if rows is None else len(rows)
    columns = {
        "task_type": task_type_column(offers)[sel],
        "volume": factors.volume(offers.capacity[sel] - offers.reserved[sel], task.volume),
        "budget": factors.budget(
            quote[sel], task.budget_min, task.budget_max, config.budget_tolerance
        ),
        "skills": factors.skills(skill_hits[sel], len(wanted_skills))
        if wanted_skills
        else np.ones(count),
        "timezone": overlap_share[sel] if overlap_share is not None else np.ones(count),
        "reputation": reputation_column(offers, config)[sel],
    }
    applied = applied_weights(task, used, wanted_skills)
    total = sum(applied.values())
    combined = np.zeros(count)
    if total > 0:
        for name, weight in applied.items():
            if weight:
                combined += weight * columns[name]
        combined /= total
    score = np.zeros(offers.n)
    score[sel] = np.round(combined, SCORE_DECIMALS)
    return Scored(
        offers=offers,
        task=task,
        weights=used,
        applied=applied,
        quote=quote,
        checked=checked,
        columns=columns,
        score=score,
        coverage_minutes=checked.coverage_minutes,
        overlap_minutes=checked.overlap_minutes,
        skill_hits=skill_hits,
        wanted_skills=wanted_skills,
        config=config,
        rows=rows,
    )


def order(scored: Scored, candidates: NDArray[np.int64], k: int) -> NDArray[np.int64]:
    """The best ``k`` of ``candidates`` in ranking order, by partial selection.

    Selects on score first; only offers tied with the k-th score are compared further, on
    quote, and only those still tied on their ids, so the cost stays near O(n).
    """
    score, quote = scored.score, scored.quote

    def neg_score(idx: NDArray[np.int64]) -> NDArray[np.float64]:
        # Negated for the candidates only: the advisor's best match has a few of 100,000.
        result: NDArray[np.float64] = -score[idx]
        return result

    def quote_of(idx: NDArray[np.int64]) -> NDArray[np.int64]:
        return quote[idx]

    def best(
        idx: NDArray[np.int64],
        need: int,
        keys: list[Callable[[NDArray[np.int64]], NDArray[np.generic]]],
    ) -> NDArray[np.int64]:
        """Every offer of ``idx`` that can be among the ``need`` best, ties included."""
        if len(idx) <= need or not keys:
            return idx
        key = keys[0](idx)
        kth = key.min() if need == 1 else np.partition(key, need - 1)[need - 1]
        ahead = idx[key < kth]
        tied = idx[key == kth]
        return np.concatenate([ahead, best(tied, need - len(ahead), keys[1:])])

    if k <= 0 or len(candidates) == 0:
        return candidates[:0]
    chosen = best(candidates, k, [neg_score, quote_of])
    ids = scored.offers.id_keys[chosen]
    ranked: NDArray[np.int64] = chosen[np.lexsort((ids, quote[chosen], neg_score(chosen)))]
    return ranked[:k]


def rank(
    task: TaskSpec,
    offers: OfferSet,
    *,
    weights: dict[str, float] | None = None,
    limit: int = 20,
    min_score: float = 0.0,
    config: MatchConfig | None = None,
    at: datetime | None = None,
    checked: Checked | None = None,
    head: int = HEAD,
) -> Ranking:
    """Rank ``offers`` for ``task``.

    ``weights`` override the task's, which override ``config.default_weights``; unknown
    names, negative values or all zeros raise ValueError. Offers scoring below
    ``min_score`` are left out. ``at`` fixes the week used for time-zone overlap (default:
    now), so DST is applied as it will be that week. ``checked`` reuses a ``check`` of the
    same task, offers, config and moment. ``head`` is how many eligible offers are scored
    before the others that can still make the top ``limit`` are known: a matter of speed
    only, the ranking is the same whatever it is (:func:`_contenders_scored`).
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}")
    if not 0.0 <= min_score <= 1.0:
        raise ValueError("min_score must be between 0 and 1")
    config = config or MatchConfig()
    if checked is None:
        checked = check(task, offers, config=config, at=at)
    passing, counts = checked.tally()
    eligible = np.flatnonzero(passing)
    scored = _contenders_scored(
        task,
        offers,
        checked,
        eligible,
        weights=weights,
        config=config,
        at=at,
        k=limit,
        floor=min_score,
        head=head,
    )
    matches = top(scored, limit, min_score)
    return Ranking(
        matches=matches,
        excluded={reason.value: counts[j] for j, reason in enumerate(REASONS)},
        weights=scored.weights,
        candidates=offers.n,
        eligible=len(eligible),
        hints=()
        if matches
        else nearest_misses(
            task,
            offers,
            checked,
            config=config,
            eligible=len(eligible),
            min_score=min_score,
        ),
    )


def top(scored: Scored, limit: int, min_score: float = 0.0) -> tuple[RankedMatch, ...]:
    """The best ``limit`` eligible offers scoring at least ``min_score``, explained: the
    matches of a ranking (and the advisor's best match) from a ``score_all`` with
    ``eligible_only``."""
    offers = scored.offers
    eligible = scored.rows if scored.rows is not None else np.arange(offers.n)
    # Scores are never negative: with no floor, every eligible offer is a candidate.
    above = eligible[scored.score[eligible] >= min_score] if min_score > 0 else eligible
    chosen = order(scored, above, limit)
    quotes = scored.quote[chosen].tolist()
    explained = explain.factors_of(scored, chosen)
    currency = scored.task.currency
    matches = []
    for position, (i, amount, factors_) in enumerate(
        zip(chosen.tolist(), quotes, explained, strict=True)
    ):
        offer = offers.offers[i]
        matches.append(
            RankedMatch(
                rank=position + 1,
                service_id=offer.service_id,
                vendor_id=offer.vendor_id,
                vendor_name=offer.vendor_name,
                score=float(scored.score[i]),
                quote=Money(amount=amount, currency=currency),
                factors=factors_,
            )
        )
    return tuple(matches)


def _contenders_scored(
    task: TaskSpec,
    offers: OfferSet,
    checked: Checked,
    eligible: NDArray[np.int64],
    *,
    weights: dict[str, float] | None,
    config: MatchConfig,
    at: datetime | None,
    k: int,
    floor: float = 0.0,
    head: int = HEAD,
) -> Scored:
    """:func:`score_all` with ``eligible_only`` over a set of the ``eligible`` offers
    that holds every one that can be among the best ``k`` scoring at least ``floor``.

    Volume and budget cost the most to score and, like every factor, never exceed 1, so
    an offer's score is at most its bound: the weighted factors that are cheap to read for
    every eligible offer (task type and reputation, kept per change of the offers; time
    zone, from the constraint check; skills, one counting pass) plus the weights of volume
    and budget, over the sum of the weights. The ``head`` (at least ``k``) eligible
    offers with the highest bounds are scored first; only the offers whose bound reaches
    their k-th best score (or ``floor``, if higher; less ``BOUND_SLACK``, which rounding to
    6 decimals cannot cross) can make the top k (k offers are already ahead of the rest,
    or the rest are below ``floor``), and only they are scored then. Each offer's score is
    computed exactly as :func:`score_all` computes it, so the top k and its tie-breaks are
    those of scoring every eligible offer.
    """
    head = max(head, k)
    used = config.default_weights.merged(task.weights).merged(weights)
    applied = applied_weights(task, used, skills_wanted(task))

    def scored_among(among: NDArray[np.int64], hits: NDArray[np.int64] | None) -> Scored:
        return score_all(
            task,
            offers,
            weights=weights,
            config=config,
            at=at,
            eligible_only=True,
            checked=checked,
            among=among,
            skill_hits=hits,
        )

    total = sum(applied.values())
    wanted = skills_wanted(task)
    hits = offers.skills.count(wanted, offers.n) if wanted else None
    if len(eligible) <= head or total <= 0:
        return scored_among(eligible, hits)
    # The bound, in weight units (score x total).
    bound = applied["task_type"] * task_type_column(offers)[eligible]
    bound += applied["volume"] + applied["budget"]
    if hits is not None and applied["skills"]:
        bound += applied["skills"] * factors.skills(hits[eligible], len(wanted))
    if checked.overlap_share is not None:
        bound += applied["timezone"] * checked.overlap_share[eligible]
    else:
        bound += applied["timezone"]
    bound += applied["reputation"] * reputation_column(offers, config)[eligible]

    picked = np.argpartition(bound, len(bound) - head)[-head:]
    first = eligible[np.sort(picked)]
    scored = scored_among(first, hits)
    scores = scored.score[first]
    kth = float(np.partition(scores, head - k)[head - k])
    least = (max(kth, floor) - BOUND_SLACK) * total
    if least > bound[picked].min():
        # Every offer that can still make it has a bound above the head's lowest, and
        # the head holds every such offer: it is scored already.
        return scored
    return scored_among(eligible[bound >= least], hits)


def best_match(
    task: TaskSpec,
    offers: OfferSet,
    *,
    config: MatchConfig | None = None,
    at: datetime | None = None,
    checked: Checked | None = None,
    passing: NDArray[np.bool_] | None = None,
    head: int = HEAD,
) -> RankedMatch | None:
    """``rank(task, offers, limit=1, ...)``'s match (or None), scoring only the offers that
    can still win (see :func:`_contenders_scored`). ``passing`` is ``checked.passing()``
    when the caller has it already.
    """
    config = config or MatchConfig()
    if checked is None:
        checked = check(task, offers, config=config, at=at)
    ok = checked.passing() if passing is None else passing
    eligible = np.flatnonzero(ok)
    if len(eligible) == 0:
        return None

    scored = _contenders_scored(
        task, offers, checked, eligible, weights=None, config=config, at=at, k=1, head=head
    )
    found = top(scored, 1)
    return found[0] if found else None
