from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.service_create import ServiceCreate
    from ..models.vendor_create import VendorCreate


T = TypeVar("T", bound="VendorBatchItem")


@_attrs_define
class VendorBatchItem:
    """One vendor and the services it offers, each validated as `POST /v1/vendors` and
    `POST /v1/vendors/{vendor_id}/services` would.

        Attributes:
            vendor (VendorCreate):
            services (list[ServiceCreate] | Unset): What it offers, one service per task type.
    """

    vendor: VendorCreate
    services: list[ServiceCreate] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        vendor = self.vendor.to_dict()

        services: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.services, Unset):
            services = []
            for services_item_data in self.services:
                services_item = services_item_data.to_dict()
                services.append(services_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "vendor": vendor,
            }
        )
        if services is not UNSET:
            field_dict["services"] = services

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.service_create import ServiceCreate  # noqa: PLC0415
        from ..models.vendor_create import VendorCreate  # noqa: PLC0415

        d = dict(src_dict)
        vendor = VendorCreate.from_dict(d.pop("vendor"))

        _services = d.pop("services", UNSET)
        services: list[ServiceCreate] | Unset = UNSET
        if _services is not UNSET:
            services = []
            for services_item_data in _services:
                services_item = ServiceCreate.from_dict(services_item_data)

                services.append(services_item)

        vendor_batch_item = cls(
            vendor=vendor,
            services=services,
        )

        return vendor_batch_item
