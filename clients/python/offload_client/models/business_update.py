from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.hourly_value import HourlyValue


T = TypeVar("T", bound="BusinessUpdate")


@_attrs_define
class BusinessUpdate:
    """
    Attributes:
        country (str | Unset):
        currency (str | Unset):
        hourly_value (HourlyValue | None | Unset): `null` clears it.
        languages (list[str] | Unset):
        name (str | Unset):
        timezone (str | Unset):
    """

    country: str | Unset = UNSET
    currency: str | Unset = UNSET
    hourly_value: HourlyValue | None | Unset = UNSET
    languages: list[str] | Unset = UNSET
    name: str | Unset = UNSET
    timezone: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.hourly_value import HourlyValue  # noqa: PLC0415

        country = self.country

        currency = self.currency

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

        name = self.name

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if country is not UNSET:
            field_dict["country"] = country
        if currency is not UNSET:
            field_dict["currency"] = currency
        if hourly_value is not UNSET:
            field_dict["hourly_value"] = hourly_value
        if languages is not UNSET:
            field_dict["languages"] = languages
        if name is not UNSET:
            field_dict["name"] = name
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hourly_value import HourlyValue  # noqa: PLC0415

        d = dict(src_dict)
        country = d.pop("country", UNSET)

        currency = d.pop("currency", UNSET)

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

        name = d.pop("name", UNSET)

        timezone = d.pop("timezone", UNSET)

        business_update = cls(
            country=country,
            currency=currency,
            hourly_value=hourly_value,
            languages=languages,
            name=name,
            timezone=timezone,
        )

        return business_update
