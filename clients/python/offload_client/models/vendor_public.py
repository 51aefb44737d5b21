from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.working_window import WorkingWindow


T = TypeVar("T", bound="VendorPublic")


@_attrs_define
class VendorPublic:
    """
    Attributes:
        certifications (list[str]):
        country (str):
        created_at (datetime.datetime):
        description (str):
        external_ref (None | str): The owner's own reference for this vendor, if it gave one.
        id (str):
        languages (list[str]):
        name (str):
        partner_id (None | str):
        rating (float | None): Mean of the ratings that count, 1-5: from businesses that do not share its owner, each
            business's latest.
        rating_count (int): How many ratings count: one per business that does not share its owner.
        timezone (str):
        updated_at (datetime.datetime):
        working_hours (list[WorkingWindow]):
    """

    certifications: list[str]
    country: str
    created_at: datetime.datetime
    description: str
    external_ref: None | str
    id: str
    languages: list[str]
    name: str
    partner_id: None | str
    rating: float | None
    rating_count: int
    timezone: str
    updated_at: datetime.datetime
    working_hours: list[WorkingWindow]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        certifications = self.certifications

        country = self.country

        created_at = self.created_at.isoformat()

        description = self.description

        external_ref: None | str
        external_ref = self.external_ref

        id = self.id

        languages = self.languages

        name = self.name

        partner_id: None | str
        partner_id = self.partner_id

        rating: float | None
        rating = self.rating

        rating_count = self.rating_count

        timezone = self.timezone

        updated_at = self.updated_at.isoformat()

        working_hours = []
        for working_hours_item_data in self.working_hours:
            working_hours_item = working_hours_item_data.to_dict()
            working_hours.append(working_hours_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "certifications": certifications,
                "country": country,
                "created_at": created_at,
                "description": description,
                "external_ref": external_ref,
                "id": id,
                "languages": languages,
                "name": name,
                "partner_id": partner_id,
                "rating": rating,
                "rating_count": rating_count,
                "timezone": timezone,
                "updated_at": updated_at,
                "working_hours": working_hours,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.working_window import WorkingWindow  # noqa: PLC0415

        d = dict(src_dict)
        certifications = cast(list[str], d.pop("certifications"))

        country = d.pop("country")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description")

        def _parse_external_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_ref = _parse_external_ref(d.pop("external_ref"))

        id = d.pop("id")

        languages = cast(list[str], d.pop("languages"))

        name = d.pop("name")

        def _parse_partner_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        partner_id = _parse_partner_id(d.pop("partner_id"))

        def _parse_rating(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        rating = _parse_rating(d.pop("rating"))

        rating_count = d.pop("rating_count")

        timezone = d.pop("timezone")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        working_hours = []
        _working_hours = d.pop("working_hours")
        for working_hours_item_data in _working_hours:
            working_hours_item = WorkingWindow.from_dict(working_hours_item_data)

            working_hours.append(working_hours_item)

        vendor_public = cls(
            certifications=certifications,
            country=country,
            created_at=created_at,
            description=description,
            external_ref=external_ref,
            id=id,
            languages=languages,
            name=name,
            partner_id=partner_id,
            rating=rating,
            rating_count=rating_count,
            timezone=timezone,
            updated_at=updated_at,
            working_hours=working_hours,
        )

        vendor_public.additional_properties = d
        return vendor_public

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
