from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="AdviceTotals")


@_attrs_define
class AdviceTotals:
    """
    Attributes:
        hours_freed (float): Over the `outsource` items only.
        net_monthly_gain (Money):
    """

    hours_freed: float
    net_monthly_gain: Money
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hours_freed = self.hours_freed

        net_monthly_gain = self.net_monthly_gain.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hours_freed": hours_freed,
                "net_monthly_gain": net_monthly_gain,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        hours_freed = d.pop("hours_freed")

        net_monthly_gain = Money.from_dict(d.pop("net_monthly_gain"))

        advice_totals = cls(
            hours_freed=hours_freed,
            net_monthly_gain=net_monthly_gain,
        )

        advice_totals.additional_properties = d
        return advice_totals

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
