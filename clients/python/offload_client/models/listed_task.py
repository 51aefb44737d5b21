from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.budget_public import BudgetPublic
    from ..models.coverage import Coverage


T = TypeVar("T", bound="ListedTask")


@_attrs_define
class ListedTask:
    """A listed task as vendors see it: its terms, the business's country and time zone,
    never who the business is (no name, contact, title or description).

        Attributes:
            budget (BudgetPublic):
            country (str): The business's country (ISO 3166-1 alpha-2).
            coverage (Coverage | None):
            languages (list[str]):
            required_certifications (list[str]):
            skills (list[str]):
            task_type (str):
            timezone (str): The business's time zone (IANA).
            volume (int):
    """

    budget: BudgetPublic
    country: str
    coverage: Coverage | None
    languages: list[str]
    required_certifications: list[str]
    skills: list[str]
    task_type: str
    timezone: str
    volume: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.coverage import Coverage  # noqa: PLC0415

        budget = self.budget.to_dict()

        country = self.country

        coverage: dict[str, Any] | None
        if isinstance(self.coverage, Coverage):
            coverage = self.coverage.to_dict()
        else:
            coverage = self.coverage

        languages = self.languages

        required_certifications = self.required_certifications

        skills = self.skills

        task_type = self.task_type

        timezone = self.timezone

        volume = self.volume

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "budget": budget,
                "country": country,
                "coverage": coverage,
                "languages": languages,
                "required_certifications": required_certifications,
                "skills": skills,
                "task_type": task_type,
                "timezone": timezone,
                "volume": volume,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.budget_public import BudgetPublic  # noqa: PLC0415
        from ..models.coverage import Coverage  # noqa: PLC0415

        d = dict(src_dict)
        budget = BudgetPublic.from_dict(d.pop("budget"))

        country = d.pop("country")

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

        languages = cast(list[str], d.pop("languages"))

        required_certifications = cast(list[str], d.pop("required_certifications"))

        skills = cast(list[str], d.pop("skills"))

        task_type = d.pop("task_type")

        timezone = d.pop("timezone")

        volume = d.pop("volume")

        listed_task = cls(
            budget=budget,
            country=country,
            coverage=coverage,
            languages=languages,
            required_certifications=required_certifications,
            skills=skills,
            task_type=task_type,
            timezone=timezone,
            volume=volume,
        )

        listed_task.additional_properties = d
        return listed_task

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
