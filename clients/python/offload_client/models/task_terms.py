from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.budget import Budget
    from ..models.coverage import Coverage


T = TypeVar("T", bound="TaskTerms")


@_attrs_define
class TaskTerms:
    """What matching needs to know about a piece of work.

    Attributes:
        budget (Budget):
        task_type (str): A key from `GET /v1/task-types`.
        volume (int): Units of work per month.
        coverage (Coverage | None | Unset):
        languages (list[str] | Unset): The vendor must speak one of them, when given.
        required_certifications (list[str] | Unset): Every one is a must.
        skills (list[str] | Unset): Nice to have.
    """

    budget: Budget
    task_type: str
    volume: int
    coverage: Coverage | None | Unset = UNSET
    languages: list[str] | Unset = UNSET
    required_certifications: list[str] | Unset = UNSET
    skills: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.coverage import Coverage  # noqa: PLC0415

        budget = self.budget.to_dict()

        task_type = self.task_type

        volume = self.volume

        coverage: dict[str, Any] | None | Unset
        if isinstance(self.coverage, Unset):
            coverage = UNSET
        elif isinstance(self.coverage, Coverage):
            coverage = self.coverage.to_dict()
        else:
            coverage = self.coverage

        languages: list[str] | Unset = UNSET
        if not isinstance(self.languages, Unset):
            languages = self.languages

        required_certifications: list[str] | Unset = UNSET
        if not isinstance(self.required_certifications, Unset):
            required_certifications = self.required_certifications

        skills: list[str] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "budget": budget,
                "task_type": task_type,
                "volume": volume,
            }
        )
        if coverage is not UNSET:
            field_dict["coverage"] = coverage
        if languages is not UNSET:
            field_dict["languages"] = languages
        if required_certifications is not UNSET:
            field_dict["required_certifications"] = required_certifications
        if skills is not UNSET:
            field_dict["skills"] = skills

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.budget import Budget  # noqa: PLC0415
        from ..models.coverage import Coverage  # noqa: PLC0415

        d = dict(src_dict)
        budget = Budget.from_dict(d.pop("budget"))

        task_type = d.pop("task_type")

        volume = d.pop("volume")

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

        languages = cast(list[str], d.pop("languages", UNSET))

        required_certifications = cast(list[str], d.pop("required_certifications", UNSET))

        skills = cast(list[str], d.pop("skills", UNSET))

        task_terms = cls(
            budget=budget,
            task_type=task_type,
            volume=volume,
            coverage=coverage,
            languages=languages,
            required_certifications=required_certifications,
            skills=skills,
        )

        return task_terms
