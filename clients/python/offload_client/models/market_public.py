from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.market_quote import MarketQuote


T = TypeVar("T", bound="MarketPublic")


@_attrs_define
class MarketPublic:
    """What the market charges a month for these terms: every active offer that passes the
    hard constraints except `budget` (capacity, min_volume, language, certification, currency,
    time zone), its quote converted to `currency`.

        Attributes:
            currency (str): The currency every quote is converted to.
            per_unit (None | str): The median quote per unit of volume, in minor units to four decimals, as a decimal
                string: "75.0000" is 0.75 USD a unit. Null when no offer is in the market.
            quote (MarketQuote | None): Null when no offer is in the market.
            task_type (str):
            vendors (int): How many offers are in the market.
            volume (int): Units per month the quotes are for.
    """

    currency: str
    per_unit: None | str
    quote: MarketQuote | None
    task_type: str
    vendors: int
    volume: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.market_quote import MarketQuote  # noqa: PLC0415

        currency = self.currency

        per_unit: None | str
        per_unit = self.per_unit

        quote: dict[str, Any] | None
        if isinstance(self.quote, MarketQuote):
            quote = self.quote.to_dict()
        else:
            quote = self.quote

        task_type = self.task_type

        vendors = self.vendors

        volume = self.volume

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "per_unit": per_unit,
                "quote": quote,
                "task_type": task_type,
                "vendors": vendors,
                "volume": volume,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.market_quote import MarketQuote  # noqa: PLC0415

        d = dict(src_dict)
        currency = d.pop("currency")

        def _parse_per_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        per_unit = _parse_per_unit(d.pop("per_unit"))

        def _parse_quote(data: object) -> MarketQuote | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quote_type_0 = MarketQuote.from_dict(data)

                return quote_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MarketQuote | None, data)

        quote = _parse_quote(d.pop("quote"))

        task_type = d.pop("task_type")

        vendors = d.pop("vendors")

        volume = d.pop("volume")

        market_public = cls(
            currency=currency,
            per_unit=per_unit,
            quote=quote,
            task_type=task_type,
            vendors=vendors,
            volume=volume,
        )

        market_public.additional_properties = d
        return market_public

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
