from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_status import TaskStatus
from ..models.visibility import Visibility

if TYPE_CHECKING:
    from ..models.budget_public import BudgetPublic
    from ..models.coverage import Coverage
    from ..models.task_public_weights_type_0 import TaskPublicWeightsType0


T = TypeVar("T", bound="TaskPublic")


@_attrs_define
class TaskPublic:
    """
    Attributes:
        budget (BudgetPublic):
        business_id (str):
        core (bool): What the business sells; the advisor keeps it in-house.
        coverage (Coverage | None):
        created_at (datetime.datetime):
        description (str):
        hours_spent_per_month (float | None):
        id (str):
        languages (list[str]):
        required_certifications (list[str]):
        skills (list[str]):
        status (TaskStatus): `open`, `paused` and `closed` are the business's to set; `engaged` (a live
            engagement) and `completed` (its last engagement was completed) follow engagements.
        task_type (str):
        title (str):
        updated_at (datetime.datetime):
        visibility (Visibility): `private`: only the business side sees the task. `listed`: while open, vendors may
            find it among their opportunities and ask why they do not match it; they see its
            terms, the business's country and time zone, never who the business is.
        volume (int):
        weights (None | TaskPublicWeightsType0):
    """

    budget: BudgetPublic
    business_id: str
    core: bool
    coverage: Coverage | None
    created_at: datetime.datetime
    description: str
    hours_spent_per_month: float | None
    id: str
    languages: list[str]
    required_certifications: list[str]
    skills: list[str]
    status: TaskStatus
    task_type: str
    title: str
    updated_at: datetime.datetime
    visibility: Visibility
    volume: int
    weights: None | TaskPublicWeightsType0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.coverage import Coverage  # noqa: PLC0415
        from ..models.task_public_weights_type_0 import TaskPublicWeightsType0  # noqa: PLC0415

        budget = self.budget.to_dict()

        business_id = self.business_id

        core = self.core

        coverage: dict[str, Any] | None
        if isinstance(self.coverage, Coverage):
            coverage = self.coverage.to_dict()
        else:
            coverage = self.coverage

        created_at = self.created_at.isoformat()

        description = self.description

        hours_spent_per_month: float | None
        hours_spent_per_month = self.hours_spent_per_month

        id = self.id

        languages = self.languages

        required_certifications = self.required_certifications

        skills = self.skills

        status = self.status.value

        task_type = self.task_type

        title = self.title

        updated_at = self.updated_at.isoformat()

        visibility = self.visibility.value

        volume = self.volume

        weights: dict[str, Any] | None
        if isinstance(self.weights, TaskPublicWeightsType0):
            weights = self.weights.to_dict()
        else:
            weights = self.weights

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "budget": budget,
                "business_id": business_id,
                "core": core,
                "coverage": coverage,
                "created_at": created_at,
                "description": description,
                "hours_spent_per_month": hours_spent_per_month,
                "id": id,
                "languages": languages,
                "required_certifications": required_certifications,
                "skills": skills,
                "status": status,
                "task_type": task_type,
                "title": title,
                "updated_at": updated_at,
                "visibility": visibility,
                "volume": volume,
                "weights": weights,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.budget_public import BudgetPublic  # noqa: PLC0415
        from ..models.coverage import Coverage  # noqa: PLC0415
        from ..models.task_public_weights_type_0 import TaskPublicWeightsType0  # noqa: PLC0415

        d = dict(src_dict)
        budget = BudgetPublic.from_dict(d.pop("budget"))

        business_id = d.pop("business_id")

        core = d.pop("core")

        def _parse_coverage(data: object) -> Coverage | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                coverage_type_0 = Coverage.from_dict(data)

                return coverage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Coverage | None, data)

        coverage = _parse_coverage(d.pop("coverage"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description")

        def _parse_hours_spent_per_month(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        hours_spent_per_month = _parse_hours_spent_per_month(d.pop("hours_spent_per_month"))

        id = d.pop("id")

        languages = cast(list[str], d.pop("languages"))

        required_certifications = cast(list[str], d.pop("required_certifications"))

        skills = cast(list[str], d.pop("skills"))

        status = TaskStatus(d.pop("status"))

        task_type = d.pop("task_type")

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        visibility = Visibility(d.pop("visibility"))

        volume = d.pop("volume")

        def _parse_weights(data: object) -> None | TaskPublicWeightsType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                weights_type_0 = TaskPublicWeightsType0.from_dict(data)

                return weights_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskPublicWeightsType0, data)

        weights = _parse_weights(d.pop("weights"))

        task_public = cls(
            budget=budget,
            business_id=business_id,
            core=core,
            coverage=coverage,
            created_at=created_at,
            description=description,
            hours_spent_per_month=hours_spent_per_month,
            id=id,
            languages=languages,
            required_certifications=required_certifications,
            skills=skills,
            status=status,
            task_type=task_type,
            title=title,
            updated_at=updated_at,
            visibility=visibility,
            volume=volume,
            weights=weights,
        )

        task_public.additional_properties = d
        return task_public

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
