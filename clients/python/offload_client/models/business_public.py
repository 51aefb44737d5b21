from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.hourly_value_public import HourlyValuePublic


T = TypeVar("T", bound="BusinessPublic")


@_attrs_define
class BusinessPublic:
    """
    Attributes:
        country (str):
        created_at (datetime.datetime):
        currency (str):
        hourly_value (HourlyValuePublic | None): What an hour of the owner's time is worth; null if not given.
        id (str):
        languages (list[str]):
        name (str):
        partner_id (None | str): The partner that owns it; null if none.
        timezone (str):
        updated_at (datetime.datetime):
    """

    country: str
    created_at: datetime.datetime
    currency: str
    hourly_value: HourlyValuePublic | None
    id: str
    languages: list[str]
    name: str
    partner_id: None | str
    timezone: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.hourly_value_public import HourlyValuePublic  # noqa: PLC0415

        country = self.country

        created_at = self.created_at.isoformat()

        currency = self.currency

        hourly_value: dict[str, Any] | None
        if isinstance(self.hourly_value, HourlyValuePublic):
            hourly_value = self.hourly_value.to_dict()
        else:
            hourly_value = self.hourly_value

        id = self.id

        languages = self.languages

        name = self.name

        partner_id: None | str
        partner_id = self.partner_id

        timezone = self.timezone

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "country": country,
                "created_at": created_at,
                "currency": currency,
                "hourly_value": hourly_value,
                "id": id,
                "languages": languages,
                "name": name,
                "partner_id": partner_id,
                "timezone": timezone,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hourly_value_public import HourlyValuePublic  # noqa: PLC0415

        d = dict(src_dict)
        country = d.pop("country")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        currency = d.pop("currency")

        def _parse_hourly_value(data: object) -> HourlyValuePublic | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                hourly_value_type_0 = HourlyValuePublic.from_dict(data)

                return hourly_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HourlyValuePublic | None, data)

        hourly_value = _parse_hourly_value(d.pop("hourly_value"))

        id = d.pop("id")

        languages = cast(list[str], d.pop("languages"))

        name = d.pop("name")

        def _parse_partner_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        partner_id = _parse_partner_id(d.pop("partner_id"))

        timezone = d.pop("timezone")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        business_public = cls(
            country=country,
            created_at=created_at,
            currency=currency,
            hourly_value=hourly_value,
            id=id,
            languages=languages,
            name=name,
            partner_id=partner_id,
            timezone=timezone,
            updated_at=updated_at,
        )

        business_public.additional_properties = d
        return business_public

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
