from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.advice_task import AdviceTask
    from ..models.hourly_value import HourlyValue


T = TypeVar("T", bound="AdviceRequest")


@_attrs_define
class AdviceRequest:
    """
    Attributes:
        hourly_value (HourlyValue): What an hour of the owner's time is worth: what the advisor weighs hand-offs
            against.
        tasks (list[AdviceTask]): 1 to 50 tasks.
    """

    hourly_value: HourlyValue
    tasks: list[AdviceTask]

    def to_dict(self) -> dict[str, Any]:
        hourly_value = self.hourly_value.to_dict()

        tasks = []
        for tasks_item_data in self.tasks:
            tasks_item = tasks_item_data.to_dict()
            tasks.append(tasks_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "hourly_value": hourly_value,
                "tasks": tasks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.advice_task import AdviceTask  # noqa: PLC0415
        from ..models.hourly_value import HourlyValue  # noqa: PLC0415

        d = dict(src_dict)
        hourly_value = HourlyValue.from_dict(d.pop("hourly_value"))

        tasks = []
        _tasks = d.pop("tasks")
        for tasks_item_data in _tasks:
            tasks_item = AdviceTask.from_dict(tasks_item_data)

            tasks.append(tasks_item)

        advice_request = cls(
            hourly_value=hourly_value,
            tasks=tasks,
        )

        return advice_request
