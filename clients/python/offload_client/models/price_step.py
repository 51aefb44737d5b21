from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PriceStep")


@_attrs_define
class PriceStep:
    """
    Attributes:
        discount_percent (int):
        more_tasks (int): How many more listed open tasks the service would be eligible for with its amount and
            minimum_monthly this much lower (rounded half up to a minor unit).
    """

    discount_percent: int
    more_tasks: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        discount_percent = self.discount_percent

        more_tasks = self.more_tasks

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "discount_percent": discount_percent,
                "more_tasks": more_tasks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        discount_percent = d.pop("discount_percent")

        more_tasks = d.pop("more_tasks")

        price_step = cls(
            discount_percent=discount_percent,
            more_tasks=more_tasks,
        )

        price_step.additional_properties = d
        return price_step

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
