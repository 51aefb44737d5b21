from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TaskTypePublic")


@_attrs_define
class TaskTypePublic:
    """
    Attributes:
        family (str): Group of related task types: finance, admin, marketing, support.
        key (str): Stable identifier used as `task_type` everywhere.
        name (str): Display name.
        onboarding_hours (float): Hours of the owner's time handing this work over takes (briefing, access, checking the
            first months); the advisor prices it at the owner's hourly value.
        unit (str): What `volume` counts, per month.
    """

    family: str
    key: str
    name: str
    onboarding_hours: float
    unit: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        family = self.family

        key = self.key

        name = self.name

        onboarding_hours = self.onboarding_hours

        unit = self.unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "family": family,
                "key": key,
                "name": name,
                "onboarding_hours": onboarding_hours,
                "unit": unit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        family = d.pop("family")

        key = d.pop("key")

        name = d.pop("name")

        onboarding_hours = d.pop("onboarding_hours")

        unit = d.pop("unit")

        task_type_public = cls(
            family=family,
            key=key,
            name=name,
            onboarding_hours=onboarding_hours,
            unit=unit,
        )

        task_type_public.additional_properties = d
        return task_type_public

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
