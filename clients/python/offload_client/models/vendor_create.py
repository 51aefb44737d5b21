from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.working_window import WorkingWindow


T = TypeVar("T", bound="VendorCreate")


@_attrs_define
class VendorCreate:
    """
    Attributes:
        country (str):
        languages (list[str]): ISO 639-1 codes it works in.
        name (str):
        timezone (str):
        certifications (list[str] | Unset):
        description (str | Unset):  Default: ''.
        external_ref (None | str | Unset):
        working_hours (list[WorkingWindow] | Unset): When it works, in its own time zone.
    """

    country: str
    languages: list[str]
    name: str
    timezone: str
    certifications: list[str] | Unset = UNSET
    description: str | Unset = ""
    external_ref: None | str | Unset = UNSET
    working_hours: list[WorkingWindow] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        country = self.country

        languages = self.languages

        name = self.name

        timezone = self.timezone

        certifications: list[str] | Unset = UNSET
        if not isinstance(self.certifications, Unset):
            certifications = self.certifications

        description = self.description

        external_ref: None | str | Unset
        if isinstance(self.external_ref, Unset):
            external_ref = UNSET
        else:
            external_ref = self.external_ref

        working_hours: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.working_hours, Unset):
            working_hours = []
            for working_hours_item_data in self.working_hours:
                working_hours_item = working_hours_item_data.to_dict()
                working_hours.append(working_hours_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "country": country,
                "languages": languages,
                "name": name,
                "timezone": timezone,
            }
        )
        if certifications is not UNSET:
            field_dict["certifications"] = certifications
        if description is not UNSET:
            field_dict["description"] = description
        if external_ref is not UNSET:
            field_dict["external_ref"] = external_ref
        if working_hours is not UNSET:
            field_dict["working_hours"] = working_hours

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.working_window import WorkingWindow  # noqa: PLC0415

        d = dict(src_dict)
        country = d.pop("country")

        languages = cast(list[str], d.pop("languages"))

        name = d.pop("name")

        timezone = d.pop("timezone")

        certifications = cast(list[str], d.pop("certifications", UNSET))

        description = d.pop("description", UNSET)

        def _parse_external_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_ref = _parse_external_ref(d.pop("external_ref", UNSET))

        _working_hours = d.pop("working_hours", UNSET)
        working_hours: list[WorkingWindow] | Unset = UNSET
        if _working_hours is not UNSET:
            working_hours = []
            for working_hours_item_data in _working_hours:
                working_hours_item = WorkingWindow.from_dict(working_hours_item_data)

                working_hours.append(working_hours_item)

        vendor_create = cls(
            country=country,
            languages=languages,
            name=name,
            timezone=timezone,
            certifications=certifications,
            description=description,
            external_ref=external_ref,
            working_hours=working_hours,
        )

        return vendor_create
