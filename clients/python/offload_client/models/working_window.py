from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.day import Day

T = TypeVar("T", bound="WorkingWindow")


@_attrs_define
class WorkingWindow:
    """A stretch of working time in the vendor's own time zone on the given days.
    `end` before `start` runs past midnight into the next day; equal means all day.

        Attributes:
            days (list[Day]):
            end (str):
            start (str):
    """

    days: list[Day]
    end: str
    start: str

    def to_dict(self) -> dict[str, Any]:
        days = []
        for days_item_data in self.days:
            days_item = days_item_data.value
            days.append(days_item)

        end = self.end

        start = self.start

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "days": days,
                "end": end,
                "start": start,
            }
        )

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

        working_window = cls(
            days=days,
            end=end,
            start=start,
        )

        return working_window
