from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.advice_public import AdvicePublic
    from ..models.advice_totals import AdviceTotals


T = TypeVar("T", bound="AdviceList")


@_attrs_define
class AdviceList:
    """Advice for each task: the `outsource` items first, biggest gain first, then the rest.

    Attributes:
        data (list[AdvicePublic]):
        totals (AdviceTotals):
    """

    data: list[AdvicePublic]
    totals: AdviceTotals
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        totals = self.totals.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "totals": totals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.advice_public import AdvicePublic  # noqa: PLC0415
        from ..models.advice_totals import AdviceTotals  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = AdvicePublic.from_dict(data_item_data)

            data.append(data_item)

        totals = AdviceTotals.from_dict(d.pop("totals"))

        advice_list = cls(
            data=data,
            totals=totals,
        )

        advice_list.additional_properties = d
        return advice_list

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
