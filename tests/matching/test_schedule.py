"""Time-zone overlap: windows past midnight, whole days, DST weeks, the min_overlap filter.

Every expectation is worked out in UTC by hand; ``at`` fixes the week evaluated.
"""

from datetime import UTC, datetime

import pytest

from matching import Coverage, Window
from tests.matching.builders import (
    EVERY_DAY,
    MONDAY,
    WEEKDAYS,
    factor,
    hours,
    offer,
    ranked,
    scored,
    task,
)


def at(year, month, day, hour=12):
    return datetime(year, month, day, hour, tzinfo=UTC)


def covering(zone, days, start, end, min_overlap=None):
    return task(coverage=Coverage(zone, Window(days, hours(start), hours(end)), min_overlap))


def working(service_id, zone, days, start, end):
    return offer(service_id, timezone=zone, working_hours=(Window(days, hours(start), hours(end)),))


def minutes(the_task, *offers, when=MONDAY):
    """(minutes of coverage wanted, [minutes each offer works of it])."""
    result = scored(the_task, *offers, at=when)
    return result.coverage_minutes, [int(m) for m in result.overlap_minutes]


def test_windows_past_midnight_overlap_across_the_date_line():
    # task: Monday 23:00 - Tuesday 01:00 UTC = 120 minutes
    the_task = covering("UTC", (0,), 23, 1)
    assert minutes(
        the_task,
        working("nightly", "UTC", EVERY_DAY, 22, 6),  # Mon 22:00 - Tue 06:00: all 120
        working("monday", "UTC", (0,), 22, 6),  # started Monday: all 120
        working("tuesday", "UTC", (1,), 22, 6),  # Tue 22:00 - Wed 06:00: none
        working("early", "UTC", (1,), 0, 0.5),  # Tue 00:00 - 00:30: 30
    ) == (120, [120, 120, 0, 30])


def test_whole_day_windows_run_from_start_to_the_same_time_next_day():
    # task: Monday 00:00 - Tuesday 00:00 UTC = 1,440 minutes
    the_task = covering("UTC", (0,), 0, 0)
    assert minutes(
        the_task,
        working("mon", "UTC", (0,), 10, 10),  # Mon 10:00 - Tue 10:00: 14 h of Monday
        working("sun", "UTC", (6,), 10, 10),  # Sun 10:00 - Mon 10:00: 10 h of Monday
        working("all", "UTC", EVERY_DAY, 0, 0),
    ) == (1440, [840, 600, 1440])


def test_timezone_factor_is_the_share_of_coverage_worked():
    # New York 09:00-17:00 EST = 14:00-22:00 UTC; Chicago 08:00-16:00 CST is the same hours;
    # Manila 21:00-05:00 = 13:00-21:00 UTC, 7 of 8 hours a day
    the_task = covering("America/New_York", WEEKDAYS, 9, 17)
    chicago = working("chi", "America/Chicago", WEEKDAYS, 8, 16)
    manila = working("mnl", "Asia/Manila", WEEKDAYS, 21, 5)
    assert minutes(the_task, chicago, manila) == (2400, [2400, 2100])
    ranking = ranked(the_task, manila)
    assert factor(ranking, "timezone") == (
        0.875,  # 2,100 / 2,400
        1.0,
        "works 35.0 of the 40.0 hours a week you need covered (88%), on its Asia/Manila hours",
    )


def test_week_with_new_york_spring_forward_loses_an_hour_a_day_after_the_change():
    # Thu 5 - Wed 11 March 2026; New York springs forward on Sunday 8 March.
    # Vendor works 09:00-17:00 New York: 14:00-22:00 UTC on 5, 6, 7 March (8 h of the wanted
    # 14:00-22:00 UTC each), 13:00-21:00 UTC from 8 March (7 h each): 3 x 8 + 4 x 7 = 52 h
    the_task = covering("UTC", EVERY_DAY, 14, 22)
    vendor = working("ny", "America/New_York", EVERY_DAY, 9, 17)
    assert minutes(the_task, vendor, when=at(2026, 3, 5)) == (56 * 60, [52 * 60])
    assert minutes(the_task, vendor, when=at(2026, 2, 26)) == (56 * 60, [56 * 60])
    assert minutes(the_task, vendor, when=at(2026, 3, 12)) == (56 * 60, [49 * 60])
    share = factor(ranked(the_task, vendor, at=at(2026, 3, 5)), "timezone")[0]
    assert share == 0.9286  # 52 / 56 = 0.928571, shown to 4 decimals


def test_whole_day_coverage_on_a_dst_day_is_23_or_25_hours():
    # Sunday 8 March 2026, New York: 00:00 EST = 05:00 UTC to 00:00 EDT = 04:00 UTC next day
    spring = covering("America/New_York", (6,), 0, 0)
    london = working("ldn", "Europe/London", (6,), 0, 0)  # Sun 00:00-24:00 GMT = UTC
    always = working("utc", "UTC", EVERY_DAY, 0, 0)
    # London overlaps 05:00-24:00 UTC on the 8th = 19 h
    assert minutes(spring, london, always, when=at(2026, 3, 5)) == (1380, [1140, 1380])
    # Sunday 1 November 2026: 00:00 EDT = 04:00 UTC to 00:00 EST = 05:00 UTC next day
    autumn = covering("America/New_York", (6,), 0, 0)
    assert minutes(autumn, always, when=at(2026, 10, 29)) == (1500, [1500])


def test_overnight_coverage_spanning_the_london_clock_change():
    # Sat 28 March 22:00 GMT (22:00 UTC) to Sun 29 March 06:00 BST (05:00 UTC) = 7 h;
    # the vendor works 00:00-04:00 UTC, 4 h of it
    the_task = covering("Europe/London", (5,), 22, 6)
    vendor = working("utc", "UTC", EVERY_DAY, 0, 4)
    assert minutes(the_task, vendor, when=at(2026, 3, 26)) == (420, [240])
    assert factor(ranked(the_task, vendor, at=at(2026, 3, 26)), "timezone")[0] == 0.5714  # 4 / 7


@pytest.mark.parametrize(
    ("week", "london_share", "utc_share"),
    [
        # New York 09-17 EST = 14-22 UTC; London 13-21 GMT = 13-21 UTC -> 7/8; UTC 14-22 -> 8/8
        (at(2026, 2, 9), 0.875, 1.0),
        # New York on EDT (13-21 UTC) while London is still on GMT (13-21 UTC) -> 8/8; UTC 7/8
        (at(2026, 3, 16), 1.0, 0.875),
        # both on summer time: London 13-21 BST = 12-20 UTC -> 7/8; UTC 7/8
        (at(2026, 4, 6), 0.875, 0.875),
    ],
)
def test_vendors_in_zones_changing_clocks_on_different_dates(week, london_share, utc_share):
    the_task = covering("America/New_York", WEEKDAYS, 9, 17)
    london = working("ldn", "Europe/London", WEEKDAYS, 13, 21)
    utc = working("utc", "UTC", WEEKDAYS, 14, 22)
    ranking = ranked(the_task, london, utc, at=week)
    shares = {
        m.service_id: factor(ranking, "timezone", i)[0] for i, m in enumerate(ranking.matches)
    }
    assert shares == {"ldn": london_share, "utc": utc_share}


@pytest.mark.parametrize("hour", [0, 23])
@pytest.mark.parametrize(("task_start", "vendor_start"), [(0, 0), (0, 23), (23.5, 0)])
@pytest.mark.parametrize(
    ("task_zone", "vendor_zone"),
    [
        ("Atlantic/Azores", "Pacific/Pago_Pago"),
        ("Etc/GMT+12", "Pacific/Kiritimati"),
        ("Pacific/Kiritimati", "Etc/GMT+12"),
    ],
)
def test_a_vendor_working_around_the_clock_covers_every_minute_whatever_the_zones(
    hour, task_start, vendor_start, task_zone, vendor_zone
):
    # whole-day windows starting late in the day reach into the next local day, so the
    # vendor's hours must be laid out far enough either side of the task's week
    the_task = covering(task_zone, EVERY_DAY, task_start, task_start)
    vendor = working("24x7", vendor_zone, EVERY_DAY, vendor_start, vendor_start)
    assert minutes(the_task, vendor, when=at(2026, 1, 5, hour)) == (10080, [10080])


def test_min_overlap_drops_vendors_covering_too_little_under_timezone():
    # February week: London 13-21 covers 7 of New York's 8 hours = 0.875, exactly the minimum
    the_task = covering("America/New_York", WEEKDAYS, 9, 17, min_overlap=0.875)
    london = working("ldn", "Europe/London", WEEKDAYS, 13, 21)
    tokyo = working("tyo", "Asia/Tokyo", WEEKDAYS, 9, 17)  # 00:00-08:00 UTC: no overlap
    silent = offer("none")  # no published hours
    ranking = ranked(the_task, london, tokyo, silent, at=at(2026, 2, 9))
    assert [m.service_id for m in ranking.matches] == ["ldn"]
    assert ranking.excluded["timezone"] == 2


def test_without_min_overlap_no_overlap_only_lowers_the_score():
    the_task = covering("America/New_York", WEEKDAYS, 9, 17)
    ranking = ranked(the_task, offer("none"), at=at(2026, 2, 9))
    assert factor(ranking, "timezone") == (
        0.0,
        1.0,
        "has published no working hours, so none of your 40.0 hours a week is covered",
    )
