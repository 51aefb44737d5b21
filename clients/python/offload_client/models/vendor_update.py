from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.working_window import WorkingWindow


T = TypeVar("T", bound="VendorUpdate")


@_attrs_define
class VendorUpdate:
    """
    Attributes:
        certifications (list[str] | Unset):
        country (str | Unset):
        description (str | Unset):
        languages (list[str] | Unset):
        name (str | Unset):
        timezone (str | Unset):
        working_hours (list[WorkingWindow] | Unset):
    """

    certifications: list[str] | Unset = UNSET
    country: str | Unset = UNSET
    description: str | Unset = UNSET
    languages: list[str] | Unset = UNSET
    name: str | Unset = UNSET
    timezone: str | Unset = UNSET
    working_hours: list[WorkingWindow] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        certifications: list[str] | Unset = UNSET
        if not isinstance(self.certifications, Unset):
            certifications = self.certifications

        country = self.country

        description = self.description

        languages: list[str] | Unset = UNSET
        if not isinstance(self.languages, Unset):
            languages = self.languages

        name = self.name

        timezone = self.timezone

        working_hours: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.working_hours, Unset):
            working_hours = []
            for working_hours_item_data in self.working_hours:
                working_hours_item = working_hours_item_data.to_dict()
                working_hours.append(working_hours_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if certifications is not UNSET:
            field_dict["certifications"] = certifications
        if country is not UNSET:
            field_dict["country"] = country
        if description is not UNSET:
            field_dict["description"] = description
        if languages is not UNSET:
            field_dict["languages"] = languages
        if name is not UNSET:
            field_dict["name"] = name
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if working_hours is not UNSET:
            field_dict["working_hours"] = working_hours

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.working_window import WorkingWindow  # noqa: PLC0415

        d = dict(src_dict)
        certifications = cast(list[str], d.pop("certifications", UNSET))

        country = d.pop("country", UNSET)

        description = d.pop("description", UNSET)

        languages = cast(list[str], d.pop("languages", UNSET))

        name = d.pop("name", UNSET)

        timezone = d.pop("timezone", UNSET)

        _working_hours = d.pop("working_hours", UNSET)
        working_hours: list[WorkingWindow] | Unset = UNSET
        if _working_hours is not UNSET:
            working_hours = []
            for working_hours_item_data in _working_hours:
                working_hours_item = WorkingWindow.from_dict(working_hours_item_data)

                working_hours.append(working_hours_item)

        vendor_update = cls(
            certifications=certifications,
            country=country,
            description=description,
            languages=languages,
            name=name,
            timezone=timezone,
            working_hours=working_hours,
        )

        return vendor_update
