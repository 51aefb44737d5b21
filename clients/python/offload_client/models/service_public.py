from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pricing import Pricing
    from ..models.targeting import Targeting


T = TypeVar("T", bound="ServicePublic")


@_attrs_define
class ServicePublic:
    """
    Attributes:
        active (bool):
        available (int): capacity - reserved.
        capacity (int):
        created_at (datetime.datetime):
        experience_years (int):
        id (str):
        min_volume (int):
        pricing (Pricing): per_unit charges amount x volume; hourly charges amount x volume / units_per_hour;
            monthly is a flat fee. The quote is never below minimum_monthly.
        reserved (int): Volume held by live engagements.
        skills (list[str]):
        targeting (Targeting): What work the vendor wants: tasks outside it are never matched to the service
            (excluded under `targeting`).
        task_type (str):
        updated_at (datetime.datetime):
        vendor_id (str):
    """

    active: bool
    available: int
    capacity: int
    created_at: datetime.datetime
    experience_years: int
    id: str
    min_volume: int
    pricing: Pricing
    reserved: int
    skills: list[str]
    targeting: Targeting
    task_type: str
    updated_at: datetime.datetime
    vendor_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        available = self.available

        capacity = self.capacity

        created_at = self.created_at.isoformat()

        experience_years = self.experience_years

        id = self.id

        min_volume = self.min_volume

        pricing = self.pricing.to_dict()

        reserved = self.reserved

        skills = self.skills

        targeting = self.targeting.to_dict()

        task_type = self.task_type

        updated_at = self.updated_at.isoformat()

        vendor_id = self.vendor_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "available": available,
                "capacity": capacity,
                "created_at": created_at,
                "experience_years": experience_years,
                "id": id,
                "min_volume": min_volume,
                "pricing": pricing,
                "reserved": reserved,
                "skills": skills,
                "targeting": targeting,
                "task_type": task_type,
                "updated_at": updated_at,
                "vendor_id": vendor_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pricing import Pricing  # noqa: PLC0415
        from ..models.targeting import Targeting  # noqa: PLC0415

        d = dict(src_dict)
        active = d.pop("active")

        available = d.pop("available")

        capacity = d.pop("capacity")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        experience_years = d.pop("experience_years")

        id = d.pop("id")

        min_volume = d.pop("min_volume")

        pricing = Pricing.from_dict(d.pop("pricing"))

        reserved = d.pop("reserved")

        skills = cast(list[str], d.pop("skills"))

        targeting = Targeting.from_dict(d.pop("targeting"))

        task_type = d.pop("task_type")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        vendor_id = d.pop("vendor_id")

        service_public = cls(
            active=active,
            available=available,
            capacity=capacity,
            created_at=created_at,
            experience_years=experience_years,
            id=id,
            min_volume=min_volume,
            pricing=pricing,
            reserved=reserved,
            skills=skills,
            targeting=targeting,
            task_type=task_type,
            updated_at=updated_at,
            vendor_id=vendor_id,
        )

        service_public.additional_properties = d
        return service_public

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
