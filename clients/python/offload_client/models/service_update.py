from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pricing import Pricing
    from ..models.targeting import Targeting


T = TypeVar("T", bound="ServiceUpdate")


@_attrs_define
class ServiceUpdate:
    """
    Attributes:
        active (bool | Unset):
        capacity (int | Unset): Units per month it can take.
        experience_years (int | Unset): Years doing this kind of work.
        min_volume (int | Unset): Smallest monthly volume it takes.
        pricing (Pricing | Unset): per_unit charges amount x volume; hourly charges amount x volume / units_per_hour;
            monthly is a flat fee. The quote is never below minimum_monthly.
        skills (list[str] | Unset):
        targeting (Targeting | Unset): What work the vendor wants: tasks outside it are never matched to the service
            (excluded under `targeting`).
    """

    active: bool | Unset = UNSET
    capacity: int | Unset = UNSET
    experience_years: int | Unset = UNSET
    min_volume: int | Unset = UNSET
    pricing: Pricing | Unset = UNSET
    skills: list[str] | Unset = UNSET
    targeting: Targeting | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        capacity = self.capacity

        experience_years = self.experience_years

        min_volume = self.min_volume

        pricing: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pricing, Unset):
            pricing = self.pricing.to_dict()

        skills: list[str] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills

        targeting: dict[str, Any] | Unset = UNSET
        if not isinstance(self.targeting, Unset):
            targeting = self.targeting.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if active is not UNSET:
            field_dict["active"] = active
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if experience_years is not UNSET:
            field_dict["experience_years"] = experience_years
        if min_volume is not UNSET:
            field_dict["min_volume"] = min_volume
        if pricing is not UNSET:
            field_dict["pricing"] = pricing
        if skills is not UNSET:
            field_dict["skills"] = skills
        if targeting is not UNSET:
            field_dict["targeting"] = targeting

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pricing import Pricing  # noqa: PLC0415
        from ..models.targeting import Targeting  # noqa: PLC0415

        d = dict(src_dict)
        active = d.pop("active", UNSET)

        capacity = d.pop("capacity", UNSET)

        experience_years = d.pop("experience_years", UNSET)

        min_volume = d.pop("min_volume", UNSET)

        _pricing = d.pop("pricing", UNSET)
        pricing: Pricing | Unset
        if isinstance(_pricing, Unset):
            pricing = UNSET
        else:
            pricing = Pricing.from_dict(_pricing)

        skills = cast(list[str], d.pop("skills", UNSET))

        _targeting = d.pop("targeting", UNSET)
        targeting: Targeting | Unset
        if isinstance(_targeting, Unset):
            targeting = UNSET
        else:
            targeting = Targeting.from_dict(_targeting)

        service_update = cls(
            active=active,
            capacity=capacity,
            experience_years=experience_years,
            min_volume=min_volume,
            pricing=pricing,
            skills=skills,
            targeting=targeting,
        )

        return service_update
