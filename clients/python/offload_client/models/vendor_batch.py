from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.vendor_batch_item import VendorBatchItem


T = TypeVar("T", bound="VendorBatch")


@_attrs_define
class VendorBatch:
    """
    Attributes:
        items (list[VendorBatchItem]): Up to 1,000 vendors, each with its services.
        dry_run (bool | Unset): Validate every item and write nothing. Default: False.
    """

    items: list[VendorBatchItem]
    dry_run: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        dry_run = self.dry_run

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.vendor_batch_item import VendorBatchItem  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = VendorBatchItem.from_dict(items_item_data)

            items.append(items_item)

        dry_run = d.pop("dry_run", UNSET)

        vendor_batch = cls(
            items=items,
            dry_run=dry_run,
        )

        return vendor_batch
