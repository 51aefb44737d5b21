from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pricing import Pricing
    from ..models.targeting import Targeting


T = TypeVar("T", bound="ServiceCreate")


@_attrs_define
class ServiceCreate:
    """
    Attributes:
        capacity (int): Units per month it can take.
        pricing (Pricing): per_unit charges amount x volume; hourly charges amount x volume / units_per_hour;
            monthly is a flat fee. The quote is never below minimum_monthly.
        task_type (str): A key from `GET /v1/task-types`.
        active (bool | Unset):  Default: True.
        experience_years (int | Unset): Years doing this kind of work. Default: 0.
        min_volume (int | Unset): Smallest monthly volume it takes. Default: 0.
        skills (list[str] | Unset):
        targeting (Targeting | Unset): What work the vendor wants: tasks outside it are never matched to the service
            (excluded under `targeting`).
    """

    capacity: int
    pricing: Pricing
    task_type: str
    active: bool | Unset = True
    experience_years: int | Unset = 0
    min_volume: int | Unset = 0
    skills: list[str] | Unset = UNSET
    targeting: Targeting | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        capacity = self.capacity

        pricing = self.pricing.to_dict()

        task_type = self.task_type

        active = self.active

        experience_years = self.experience_years

        min_volume = self.min_volume

        skills: list[str] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills

        targeting: dict[str, Any] | Unset = UNSET
        if not isinstance(self.targeting, Unset):
            targeting = self.targeting.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "capacity": capacity,
                "pricing": pricing,
                "task_type": task_type,
            }
        )
        if active is not UNSET:
            field_dict["active"] = active
        if experience_years is not UNSET:
            field_dict["experience_years"] = experience_years
        if min_volume is not UNSET:
            field_dict["min_volume"] = min_volume
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
        capacity = d.pop("capacity")

        pricing = Pricing.from_dict(d.pop("pricing"))

        task_type = d.pop("task_type")

        active = d.pop("active", UNSET)

        experience_years = d.pop("experience_years", UNSET)

        min_volume = d.pop("min_volume", UNSET)

        skills = cast(list[str], d.pop("skills", UNSET))

        _targeting = d.pop("targeting", UNSET)
        targeting: Targeting | Unset
        if isinstance(_targeting, Unset):
            targeting = UNSET
        else:
            targeting = Targeting.from_dict(_targeting)

        service_create = cls(
            capacity=capacity,
            pricing=pricing,
            task_type=task_type,
            active=active,
            experience_years=experience_years,
            min_volume=min_volume,
            skills=skills,
            targeting=targeting,
        )

        return service_create
