from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ChangePublic")


@_attrs_define
class ChangePublic:
    """
    Attributes:
        field (str): The field, dotted into objects: `capacity`, `min_volume`, `pricing.amount`,
            `pricing.minimum_monthly`, `pricing.currency`, `languages`, `certifications`, `working_hours`,
            `targeting.countries`, `targeting.min_budget`, `targeting.min_budget.amount`, `active`.
        op (str): `set`: make the field `value`; `add`: add `value` to the list; `extend`: work `value` more minutes a
            week inside the task's coverage window.
        target (str): `service` or `vendor`: whose profile the change is on.
        value (bool | int | None | str):
    """

    field: str
    op: str
    target: str
    value: bool | int | None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        op = self.op

        target = self.target

        value: bool | int | None | str
        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field": field,
                "op": op,
                "target": target,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        op = d.pop("op")

        target = d.pop("target")

        def _parse_value(data: object) -> bool | int | None | str:
            if data is None:
                return data
            return cast(bool | int | None | str, data)

        value = _parse_value(d.pop("value"))

        change_public = cls(
            field=field,
            op=op,
            target=target,
            value=value,
        )

        change_public.additional_properties = d
        return change_public

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
