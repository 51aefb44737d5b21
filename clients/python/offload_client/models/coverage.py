from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.day import Day
from ..types import UNSET, Unset

T = TypeVar("T", bound="Coverage")


@_attrs_define
class Coverage:
    """Hours the work must be covered, in `timezone`. `end` before `start` crosses midnight;
    `start` equal to `end` means the whole day.

        Attributes:
            days (list[Day]):
            end (str):
            start (str):
            timezone (str):
            min_overlap (float | None | Unset): If set, vendors whose working hours cover less than this share of the window
                are excluded.
    """

    days: list[Day]
    end: str
    start: str
    timezone: str
    min_overlap: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        days = []
        for days_item_data in self.days:
            days_item = days_item_data.value
            days.append(days_item)

        end = self.end

        start = self.start

        timezone = self.timezone

        min_overlap: float | None | Unset
        if isinstance(self.min_overlap, Unset):
            min_overlap = UNSET
        else:
            min_overlap = self.min_overlap

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "days": days,
                "end": end,
                "start": start,
                "timezone": timezone,
            }
        )
        if min_overlap is not UNSET:
            field_dict["min_overlap"] = min_overlap

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        days = []
        _days = d.pop("days")
        for days_item_data in _days:
            days_item = Day(days_item_data)

            days.append(days_item)

        end = d.pop("end")

        start = d.pop("start")

        timezone = d.pop("timezone")

        def _parse_min_overlap(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        min_overlap = _parse_min_overlap(d.pop("min_overlap", UNSET))

        coverage = cls(
            days=days,
            end=end,
            start=start,
            timezone=timezone,
            min_overlap=min_overlap,
        )

        return coverage
