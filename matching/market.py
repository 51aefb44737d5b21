"""The market price of a task: what every offer that could take it on would charge.

An offer is in the market when it passes every hard constraint except ``budget`` (what the
business hopes to pay does not change what vendors charge), as decided by
:func:`matching.check`, so a constraint added there (targeting) counts here with no change.
Quotes are in the task's currency, converted as the ranker converts them.

Percentiles follow NumPy's default (``method="linear"``): for ``m`` sorted quotes the
``p``-th lies at index ``h = (m - 1) x p / 100``, between the quotes at ``floor(h)`` and
``floor(h) + 1``. They are computed here in exact fractions from the integer quotes (only
the order statistics they need are selected, by ``numpy.partition``) and rounded half
to even to a minor unit, so a value exactly halfway never drifts with floating point.
"""

from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from matching.constraints import Checked, check
from matching.offers import OfferSet
from matching.types import MatchConfig, Money, Reason, TaskSpec

PERCENTILES: tuple[int, ...] = (10, 25, 50, 75, 90)
PER_UNIT_PLACES = 4  # per_unit: minor units per unit to 0.0001


@dataclass(frozen=True, slots=True)
class Market:
    """What the market charges for a task's terms, in the task's currency."""

    task_type: str
    volume: int
    currency: str
    vendors: int  # offers passing every hard constraint but budget
    quote: dict[str, Money] | None  # "p10" ... "p90"; None when vendors == 0
    per_unit: str | None  # p50 / volume in minor units, 4 places; None when vendors == 0


def round_half_even(value: Fraction, places: int = 0) -> Fraction:
    """``value`` rounded to ``places`` decimals, halves to the even neighbour, exactly."""
    scale = 10**places
    return Fraction(round(value * scale), scale)  # round() on a Fraction is half to even


def decimal_string(value: Fraction, places: int) -> str:
    """An exact fraction with at most ``places`` decimals as a plain decimal string."""
    scale = 10**places
    scaled = value * scale
    assert scaled.denominator == 1, "round before formatting"
    sign = "-" if scaled < 0 else ""
    whole, frac = divmod(abs(scaled.numerator), scale)
    return f"{sign}{whole}.{frac:0{places}d}" if places else f"{sign}{whole}"


def percentiles(
    quotes: NDArray[np.int64], points: tuple[int, ...] = PERCENTILES, *, scratch: bool = False
) -> dict[int, Fraction]:
    """NumPy's linear-interpolation percentiles of integer ``quotes``, as exact fractions.

    ``quotes`` is any order, shape ``(m,)`` with ``m >= 1``; it is reordered in place when
    ``scratch`` is true, and left alone otherwise. The order statistics the points need are
    placed by single-``kth`` partitions (NumPy selects one ``kth`` with SIMD, many times
    faster than one call with many), the middle one first and each next within the segment
    between two already placed, so no element is partitioned more than about three times;
    a point's right neighbour is then the least of what lies between it and the next placed
    one. No full sort.
    """
    m = len(quotes)
    if m == 0:
        raise ValueError("no quotes")
    # h = (m - 1) x p / 100 = low + rest / 100, in integers.
    where = {p: divmod((m - 1) * p, 100) for p in points}
    lows = {p: low for p, (low, _) in where.items()}
    fixed = sorted(set(lows.values()))
    placed = quotes if scratch else np.array(quotes, dtype=np.int64)

    def place(ks: list[int], start: int, stop: int) -> None:
        """Place the order statistics ``ks`` (sorted) of ``placed[start:stop]``."""
        if not ks:
            return
        middle = len(ks) // 2
        k = ks[middle]
        placed[start:stop].partition(k - start)
        place(ks[:middle], start, k)
        place(ks[middle + 1 :], k + 1, stop)

    place(fixed, 0, m)
    ends = dict(zip(fixed, [*fixed[1:], m - 1], strict=True))
    result = {}
    for p, (low, rest) in where.items():
        below = int(placed[low])
        above = int(placed[low + 1 : ends[low] + 1].min()) if rest else below
        # below + (rest / 100) x (above - below), one exact fraction
        result[p] = Fraction(100 * below + rest * (above - below), 100)
    return result


def in_market(checked: Checked) -> NDArray[np.bool_]:
    """Which offers are in the market: those failing no constraint but ``budget``."""
    return checked.passing(ignore={Reason.budget})


def from_checked(
    task: TaskSpec, checked: Checked, *, included: NDArray[np.bool_] | None = None
) -> Market:
    """The market for ``task`` from a :func:`matching.check` of it (shared with ranking);
    ``included`` is ``in_market(checked)`` when the caller has it already."""
    if included is None:
        included = in_market(checked)
    eligible = np.flatnonzero(included)
    quotes = checked.quote[eligible]  # positions, not a mask: NumPy gathers these faster
    vendors = len(quotes)
    if vendors == 0:
        return Market(task.task_type, task.volume, task.currency, 0, None, None)
    exact = percentiles(quotes, scratch=True)  # the gathered quotes are a fresh copy
    quote = {
        f"p{p}": Money(int(round_half_even(value)), task.currency) for p, value in exact.items()
    }
    median = quote["p50"].amount
    per_unit = (
        decimal_string(round_half_even(Fraction(median, task.volume), PER_UNIT_PLACES), 4)
        if task.volume > 0
        else None
    )
    return Market(task.task_type, task.volume, task.currency, vendors, quote, per_unit)


def market(
    task: TaskSpec,
    offers: OfferSet,
    *,
    config: MatchConfig | None = None,
    at: datetime | None = None,
) -> Market:
    """What the offers that could take ``task`` on (budget aside) charge for it.

    ``at`` fixes the week used for any time-zone constraint, as in :func:`matching.rank`.
    """
    return from_checked(task, check(task, offers, config=config, at=at))
