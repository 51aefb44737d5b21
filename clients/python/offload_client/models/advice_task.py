from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.budget import Budget
    from ..models.coverage import Coverage


T = TypeVar("T", bound="AdviceTask")


@_attrs_define
class AdviceTask:
    """A task described inline: terms as `POST /v1/matches` takes them, budget optional.

    Attributes:
        task_type (str): A key from `GET /v1/task-types`.
        volume (int): Units of work per month.
        budget (Budget | None | Unset): Optional: without one, price does not count toward `best_match`. The task's
            currency is the budget's, or else the hourly value's.
        core (bool | Unset): This is what the business sells: the advisor says keep it in-house. Default: False.
        coverage (Coverage | None | Unset):
        hours_spent_per_month (float | None | Unset): Hours the owner spends on this today, per month.
        languages (list[str] | Unset): The vendor must speak one of them, when given.
        required_certifications (list[str] | Unset): Every one is a must.
        skills (list[str] | Unset): Nice to have.
        title (None | str | Unset): Default: the task type's name.
    """

    task_type: str
    volume: int
    budget: Budget | None | Unset = UNSET
    core: bool | Unset = False
    coverage: Coverage | None | Unset = UNSET
    hours_spent_per_month: float | None | Unset = UNSET
    languages: list[str] | Unset = UNSET
    required_certifications: list[str] | Unset = UNSET
    skills: list[str] | Unset = UNSET
    title: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.budget import Budget  # noqa: PLC0415
        from ..models.coverage import Coverage  # noqa: PLC0415

        task_type = self.task_type

        volume = self.volume

        budget: dict[str, Any] | None | Unset
        if isinstance(self.budget, Unset):
            budget = UNSET
        elif isinstance(self.budget, Budget):
            budget = self.budget.to_dict()
        else:
            budget = self.budget

        core = self.core

        coverage: dict[str, Any] | None | Unset
        if isinstance(self.coverage, Unset):
            coverage = UNSET
        elif isinstance(self.coverage, Coverage):
            coverage = self.coverage.to_dict()
        else:
            coverage = self.coverage

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

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "task_type": task_type,
                "volume": volume,
            }
        )
        if budget is not UNSET:
            field_dict["budget"] = budget
        if core is not UNSET:
            field_dict["core"] = core
        if coverage is not UNSET:
            field_dict["coverage"] = coverage
        if hours_spent_per_month is not UNSET:
            field_dict["hours_spent_per_month"] = hours_spent_per_month
        if languages is not UNSET:
            field_dict["languages"] = languages
        if required_certifications is not UNSET:
            field_dict["required_certifications"] = required_certifications
        if skills is not UNSET:
            field_dict["skills"] = skills
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.budget import Budget  # noqa: PLC0415
        from ..models.coverage import Coverage  # noqa: PLC0415

        d = dict(src_dict)
        task_type = d.pop("task_type")

        volume = d.pop("volume")

        def _parse_budget(data: object) -> Budget | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                budget_type_0 = Budget.from_dict(data)

                return budget_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Budget | None | Unset, data)

        budget = _parse_budget(d.pop("budget", UNSET))

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

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        advice_task = cls(
            task_type=task_type,
            volume=volume,
            budget=budget,
            core=core,
            coverage=coverage,
            hours_spent_per_month=hours_spent_per_month,
            languages=languages,
            required_certifications=required_certifications,
            skills=skills,
            title=title,
        )

        return advice_task
