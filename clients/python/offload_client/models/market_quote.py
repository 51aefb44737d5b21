from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="MarketQuote")


@_attrs_define
class MarketQuote:
    """Percentiles of the market's monthly quotes: NumPy's default linear interpolation over
    the integer quotes, rounded half to even to a minor unit.

        Attributes:
            p10 (Money):
            p25 (Money):
            p50 (Money):
            p75 (Money):
            p90 (Money):
    """

    p10: Money
    p25: Money
    p50: Money
    p75: Money
    p90: Money
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        p10 = self.p10.to_dict()

        p25 = self.p25.to_dict()

        p50 = self.p50.to_dict()

        p75 = self.p75.to_dict()

        p90 = self.p90.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "p10": p10,
                "p25": p25,
                "p50": p50,
                "p75": p75,
                "p90": p90,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        p10 = Money.from_dict(d.pop("p10"))

        p25 = Money.from_dict(d.pop("p25"))

        p50 = Money.from_dict(d.pop("p50"))

        p75 = Money.from_dict(d.pop("p75"))

        p90 = Money.from_dict(d.pop("p90"))

        market_quote = cls(
            p10=p10,
            p25=p25,
            p50=p50,
            p75=p75,
            p90=p90,
        )

        market_quote.additional_properties = d
        return market_quote

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
