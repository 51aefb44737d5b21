"""Scoring factors. Each maps arrays of shape ``(n,)`` to scores in [0, 1], shape ``(n,)``.

Formulas and the reasons for their constants are in docs/matching.md; keep the two in step.
"""

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def _unit(values: FloatArray) -> FloatArray:
    """``values`` clipped to [0, 1], in place: ``np.clip``'s numbers (NaN stays NaN)
    without its dispatch, which costs more than the arithmetic on a match's few offers."""
    np.maximum(values, 0.0, out=values)
    np.minimum(values, 1.0, out=values)
    return values


EXPERIENCE_SCALE_YEARS = 4.0  # 4 years of experience earns 63% of the experience credit
TRACK_RECORD_SCALE = 10.0  # 10 completed engagements earn 63% of the track-record credit
BUDGET_IN_RANGE_FLOOR = 0.8  # a quote at the budget's max still scores 0.8
VOLUME_FULL_MARKS_SHARE = 0.5  # full marks while the task takes at most half the room left


def task_type(
    experience_years: FloatArray, completed: FloatArray, types_offered: FloatArray
) -> FloatArray:
    """Specialisation and track record: 0.5 x experience + 0.3 x completed engagements in
    this type + 0.2 x focus (1 / number of task types the vendor offers)."""
    experience = 1.0 - np.exp(-experience_years / EXPERIENCE_SCALE_YEARS)
    track = 1.0 - np.exp(-completed / TRACK_RECORD_SCALE)
    focus = 1.0 / np.maximum(types_offered, 1.0)
    result: FloatArray = 0.5 * experience + 0.3 * track + 0.2 * focus
    return result


def volume(available: NDArray[np.int64], volume: int) -> FloatArray:
    """Headroom: 1 while the task needs at most half the available capacity, falling
    linearly to 0.5 when it needs all of it (and 0 when it does not fit)."""
    # The divisor is at least 1, so nothing here divides by zero.
    share = np.where(available > 0, volume / np.maximum(available, 1), np.inf)
    result: FloatArray = np.where(share <= 1.0, _unit(1.0 + VOLUME_FULL_MARKS_SHARE - share), 0.0)
    return result


def budget(quote: NDArray[np.int64], low: int, high: int, tolerance: float) -> FloatArray:
    """1 at or below the budget's min, falling linearly to 0.8 at its max, then from 0.8
    to 0 at max x (1 + tolerance); 0 beyond (such offers are excluded anyway)."""
    q = quote.astype(np.float64)
    span = float(high - low)
    if span > 0:
        inside = 1.0 - (1.0 - BUDGET_IN_RANGE_FLOOR) * (q - low) / span
    else:
        inside = np.ones_like(q)
    allowance = high * tolerance
    if allowance > 0:
        over = BUDGET_IN_RANGE_FLOOR * (1.0 - (q - high) / allowance)
    else:
        over = np.zeros_like(q)
    return _unit(np.where(q <= low, 1.0, np.where(q <= high, inside, over)))


def skills(hits: NDArray[np.int64], wanted: int) -> FloatArray:
    """Share of the wanted skills the offer lists."""
    result: FloatArray = hits / float(wanted)
    return result


def timezone(overlap_minutes: FloatArray, coverage_minutes: int) -> FloatArray:
    """Share of the coverage window that the vendor's working hours overlap."""
    return _unit(overlap_minutes / float(coverage_minutes))


def smoothed_rating(
    rating_sum: FloatArray, rating_count: FloatArray, prior_mean: float, prior_weight: float
) -> FloatArray:
    """Bayesian average on the 1-5 scale: the prior counts as ``prior_weight`` ratings of
    ``prior_mean``, so a few reviews move it little and many move it a lot."""
    result: FloatArray = (prior_weight * prior_mean + rating_sum) / (prior_weight + rating_count)
    return result


def reputation(
    rating_sum: FloatArray, rating_count: FloatArray, prior_mean: float, prior_weight: float
) -> FloatArray:
    """The smoothed rating mapped from 1-5 onto 0-1."""
    smoothed = smoothed_rating(rating_sum, rating_count, prior_mean, prior_weight)
    return _unit((smoothed - 1.0) / 4.0)
