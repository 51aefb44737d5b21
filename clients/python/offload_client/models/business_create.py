from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.hourly_value import HourlyValue


T = TypeVar("T", bound="BusinessCreate")


@_attrs_define
class BusinessCreate:
    """
    Attributes:
        country (str):
        currency (str): The currency it pays in.
        name (str):
        timezone (str):
        hourly_value (HourlyValue | None | Unset): What an hour of the owner's time is worth; the advisor needs it (`GET
            /v1/businesses/{business_id}/advice`).
        languages (list[str] | Unset): ISO 639-1 codes it works in.
    """

    country: str
    currency: str
    name: str
    timezone: str
    hourly_value: HourlyValue | None | Unset = UNSET
    languages: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.hourly_value import HourlyValue  # noqa: PLC0415

        country = self.country

        currency = self.currency

        name = self.name

        timezone = self.timezone

        hourly_value: dict[str, Any] | None | Unset
        if isinstance(self.hourly_value, Unset):
            hourly_value = UNSET
        elif isinstance(self.hourly_value, HourlyValue):
            hourly_value = self.hourly_value.to_dict()
        else:
            hourly_value = self.hourly_value

        languages: list[str] | Unset = UNSET
        if not isinstance(self.languages, Unset):
            languages = self.languages

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "country": country,
                "currency": currency,
                "name": name,
                "timezone": timezone,
            }
        )
        if hourly_value is not UNSET:
            field_dict["hourly_value"] = hourly_value
        if languages is not UNSET:
            field_dict["languages"] = languages

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hourly_value import HourlyValue  # noqa: PLC0415

        d = dict(src_dict)
        country = d.pop("country")

        currency = d.pop("currency")

        name = d.pop("name")

        timezone = d.pop("timezone")

        def _parse_hourly_value(data: object) -> HourlyValue | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                hourly_value_type_0 = HourlyValue.from_dict(data)

                return hourly_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HourlyValue | None | Unset, data)

        hourly_value = _parse_hourly_value(d.pop("hourly_value", UNSET))

        languages = cast(list[str], d.pop("languages", UNSET))

        business_create = cls(
            country=country,
            currency=currency,
            name=name,
            timezone=timezone,
            hourly_value=hourly_value,
            languages=languages,
        )

        return business_create
