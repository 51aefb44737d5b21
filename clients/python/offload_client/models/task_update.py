from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.settable_task_status import SettableTaskStatus
from ..models.visibility import Visibility
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.budget import Budget
    from ..models.coverage import Coverage
    from ..models.task_update_weights_type_0 import TaskUpdateWeightsType0


T = TypeVar("T", bound="TaskUpdate")


@_attrs_define
class TaskUpdate:
    """
    Attributes:
        budget (Budget | Unset):
        core (bool | Unset): This is what the business sells: the advisor says keep it in-house.
        coverage (Coverage | None | Unset):
        description (str | Unset):
        hours_spent_per_month (float | None | Unset):
        languages (list[str] | Unset):
        required_certifications (list[str] | Unset):
        skills (list[str] | Unset):
        status (SettableTaskStatus | Unset):
        task_type (str | Unset):
        title (str | Unset):
        visibility (Visibility | Unset): `private`: only the business side sees the task. `listed`: while open, vendors
            may
            find it among their opportunities and ask why they do not match it; they see its
            terms, the business's country and time zone, never who the business is.
        volume (int | Unset): Units of work per month.
        weights (None | TaskUpdateWeightsType0 | Unset):
    """

    budget: Budget | Unset = UNSET
    core: bool | Unset = UNSET
    coverage: Coverage | None | Unset = UNSET
    description: str | Unset = UNSET
    hours_spent_per_month: float | None | Unset = UNSET
    languages: list[str] | Unset = UNSET
    required_certifications: list[str] | Unset = UNSET
    skills: list[str] | Unset = UNSET
    status: SettableTaskStatus | Unset = UNSET
    task_type: str | Unset = UNSET
    title: str | Unset = UNSET
    visibility: Visibility | Unset = UNSET
    volume: int | Unset = UNSET
    weights: None | TaskUpdateWeightsType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.coverage import Coverage  # noqa: PLC0415
        from ..models.task_update_weights_type_0 import TaskUpdateWeightsType0  # noqa: PLC0415

        budget: dict[str, Any] | Unset = UNSET
        if not isinstance(self.budget, Unset):
            budget = self.budget.to_dict()

        core = self.core

        coverage: dict[str, Any] | None | Unset
        if isinstance(self.coverage, Unset):
            coverage = UNSET
        elif isinstance(self.coverage, Coverage):
            coverage = self.coverage.to_dict()
        else:
            coverage = self.coverage

        description = self.description

        hours_spent_per_month: float | None | Unset
        if isinstance(self.hours_spent_per_month, Unset):
            hours_spent_per_month = UNSET
        else:
            hours_spent_per_month = self.hours_spent_per_month

        languages: list[str] | Unset = UNSET
        if not isinstance(self.languages, Unset):
            languages = self.languages

        required_certifications: list[str] | Unset = UNSET
        if not isinstance(self.required_certifications, Unset):
            required_certifications = self.required_certifications

        skills: list[str] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        task_type = self.task_type

        title = self.title

        visibility: str | Unset = UNSET
        if not isinstance(self.visibility, Unset):
            visibility = self.visibility.value

        volume = self.volume

        weights: dict[str, Any] | None | Unset
        if isinstance(self.weights, Unset):
            weights = UNSET
        elif isinstance(self.weights, TaskUpdateWeightsType0):
            weights = self.weights.to_dict()
        else:
            weights = self.weights

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if budget is not UNSET:
            field_dict["budget"] = budget
        if core is not UNSET:
            field_dict["core"] = core
        if coverage is not UNSET:
            field_dict["coverage"] = coverage
        if description is not UNSET:
            field_dict["description"] = description
        if hours_spent_per_month is not UNSET:
            field_dict["hours_spent_per_month"] = hours_spent_per_month
        if languages is not UNSET:
            field_dict["languages"] = languages
        if required_certifications is not UNSET:
            field_dict["required_certifications"] = required_certifications
        if skills is not UNSET:
            field_dict["skills"] = skills
        if status is not UNSET:
            field_dict["status"] = status
        if task_type is not UNSET:
            field_dict["task_type"] = task_type
        if title is not UNSET:
            field_dict["title"] = title
        if visibility is not UNSET:
            field_dict["visibility"] = visibility
        if volume is not UNSET:
            field_dict["volume"] = volume
        if weights is not UNSET:
            field_dict["weights"] = weights

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.budget import Budget  # noqa: PLC0415
        from ..models.coverage import Coverage  # noqa: PLC0415
        from ..models.task_update_weights_type_0 import TaskUpdateWeightsType0  # noqa: PLC0415

        d = dict(src_dict)
        _budget = d.pop("budget", UNSET)
        budget: Budget | Unset
        if isinstance(_budget, Unset):
            budget = UNSET
        else:
            budget = Budget.from_dict(_budget)

        core = d.pop("core", UNSET)

        def _parse_coverage(data: object) -> Coverage | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                coverage_type_0 = Coverage.from_dict(data)

                return coverage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Coverage | None | Unset, data)

        coverage = _parse_coverage(d.pop("coverage", UNSET))

        description = d.pop("description", UNSET)

        def _parse_hours_spent_per_month(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        hours_spent_per_month = _parse_hours_spent_per_month(d.pop("hours_spent_per_month", UNSET))

        languages = cast(list[str], d.pop("languages", UNSET))

        required_certifications = cast(list[str], d.pop("required_certifications", UNSET))

        skills = cast(list[str], d.pop("skills", UNSET))

        _status = d.pop("status", UNSET)
        status: SettableTaskStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = SettableTaskStatus(_status)

        task_type = d.pop("task_type", UNSET)

        title = d.pop("title", UNSET)

        _visibility = d.pop("visibility", UNSET)
        visibility: Visibility | Unset
        if isinstance(_visibility, Unset):
            visibility = UNSET
        else:
            visibility = Visibility(_visibility)

        volume = d.pop("volume", UNSET)

        def _parse_weights(data: object) -> None | TaskUpdateWeightsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                weights_type_0 = TaskUpdateWeightsType0.from_dict(data)

                return weights_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskUpdateWeightsType0 | Unset, data)

        weights = _parse_weights(d.pop("weights", UNSET))

        task_update = cls(
            budget=budget,
            core=core,
            coverage=coverage,
            description=description,
            hours_spent_per_month=hours_spent_per_month,
            languages=languages,
            required_certifications=required_certifications,
            skills=skills,
            status=status,
            task_type=task_type,
            title=title,
            visibility=visibility,
            volume=volume,
            weights=weights,
        )

        return task_update
