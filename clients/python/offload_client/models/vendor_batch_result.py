from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.vendor_batch_entry import VendorBatchEntry


T = TypeVar("T", bound="VendorBatchResult")


@_attrs_define
class VendorBatchResult:
    """
    Attributes:
        data (list[VendorBatchEntry]): The created and updated vendors, in the order of `items`; on a dry run, only
            those found by `external_ref`.
        dry_run (bool): True when nothing was written.
        services (int): Services created (on a dry run: that would be).
        unchanged (int): Existing vendors (found by `external_ref`) that already matched their item: nothing was written
            for them.
        updated (int): Existing vendors (found by `external_ref`) changed, with their services (on a dry run: that would
            be).
        vendors (int): Vendors created (on a dry run: that would be).
    """

    data: list[VendorBatchEntry]
    dry_run: bool
    services: int
    unchanged: int
    updated: int
    vendors: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        dry_run = self.dry_run

        services = self.services

        unchanged = self.unchanged

        updated = self.updated

        vendors = self.vendors

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "dry_run": dry_run,
                "services": services,
                "unchanged": unchanged,
                "updated": updated,
                "vendors": vendors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.vendor_batch_entry import VendorBatchEntry  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = VendorBatchEntry.from_dict(data_item_data)

            data.append(data_item)

        dry_run = d.pop("dry_run")

        services = d.pop("services")

        unchanged = d.pop("unchanged")

        updated = d.pop("updated")

        vendors = d.pop("vendors")

        vendor_batch_result = cls(
            data=data,
            dry_run=dry_run,
            services=services,
            unchanged=unchanged,
            updated=updated,
            vendors=vendors,
        )

        vendor_batch_result.additional_properties = d
        return vendor_batch_result

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
