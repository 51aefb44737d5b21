"""Time-zone overlap, DST-aware: windows become real UTC intervals for one real week.

Working hours and coverage are written in local time, but what overlaps is absolute time.
So both are laid out over the seven local days that start on the evaluation date, each day
converted with the offsets in force that day (which is what makes a DST change count), as
intervals of UTC minutes since the epoch. Overlap is then plain interval arithmetic.
"""

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import cast
from zoneinfo import ZoneInfo

import numpy as np
from numpy.typing import NDArray

from matching.types import Window

DAY_MINUTES = 24 * 60


@lru_cache(maxsize=1024)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _epoch_minutes(moment: datetime) -> int:
    return int(moment.timestamp()) // 60


def _local(day: date, minute: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone)


def window_intervals(
    windows: Iterable[Window], timezone: str, first_day: date, days: int
) -> list[tuple[int, int]]:
    """UTC intervals ``[start, end)`` in epoch minutes for each local day in the range
    whose weekday a window names; overlapping intervals are merged."""
    tz = zone(timezone)
    raw: list[tuple[int, int]] = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        weekday = day.weekday()
        for window in windows:
            if weekday not in window.days:
                continue
            end_day = day if window.end > window.start else day + timedelta(days=1)
            start = _epoch_minutes(_local(day, window.start, tz).astimezone(UTC))
            end = _epoch_minutes(_local(end_day, window.end, tz).astimezone(UTC))
            if end > start:
                raw.append((start, end))
    return _merge(raw)


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def coverage_intervals(window: Window, timezone: str, first_day: date) -> list[tuple[int, int]]:
    """The coverage a task asks for over the seven local days from ``first_day``."""
    return window_intervals([window], timezone, first_day, 7)


class ScheduleTable:
    """Working hours of many vendors as flat interval arrays, one schedule per distinct
    (time zone, windows) pair, so vendors sharing hours share the work.

    ``starts``, ``ends``: shape ``(n_intervals,)`` epoch minutes; ``owner``: the schedule
    each interval belongs to, shape ``(n_intervals,)``; ``n``: number of schedules.
    """

    def __init__(self, schedules: Sequence[tuple[str, tuple[Window, ...]]], around: date) -> None:
        starts: list[int] = []
        ends: list[int] = []
        owner: list[int] = []
        # A task's coverage (seven local days from the request's local date, the last window
        # running past midnight) lies between around-1 00:00 and around+9 00:00 UTC, offsets
        # being -12 h to +14 h; vendor local days around-3 .. around+9 reach all of it.
        first = around - timedelta(days=3)
        for index, (timezone, windows) in enumerate(schedules):
            for start, end in window_intervals(windows, timezone, first, 13):
                starts.append(start)
                ends.append(end)
                owner.append(index)
        self.n = len(schedules)
        self.starts = np.asarray(starts, dtype=np.int64)
        self.ends = np.asarray(ends, dtype=np.int64)
        self.owner = np.asarray(owner, dtype=np.int64)

    def overlap_minutes(self, coverage: Sequence[tuple[int, int]]) -> NDArray[np.float64]:
        """Minutes of ``coverage`` each schedule works, shape ``(n,)``."""
        total = np.zeros(len(self.starts), dtype=np.int64)
        for start, end in coverage:
            total += np.clip(np.minimum(self.ends, end) - np.maximum(self.starts, start), 0, None)
        # With weights bincount returns float64; NumPy's stub types every result as intp.
        return cast(
            NDArray[np.float64],
            np.bincount(self.owner, weights=total.astype(np.float64), minlength=self.n),
        )
