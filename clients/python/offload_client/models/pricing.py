from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.pricing_model import PricingModel
from ..types import UNSET, Unset

T = TypeVar("T", bound="Pricing")


@_attrs_define
class Pricing:
    """per_unit charges amount x volume; hourly charges amount x volume / units_per_hour;
    monthly is a flat fee. The quote is never below minimum_monthly.

        Attributes:
            amount (int): Minor units per unit, per hour or per month.
            currency (str):
            model (PricingModel):
            minimum_monthly (int | Unset): Floor of the monthly quote. Default: 0.
            units_per_hour (float | None | Unset): Units handled per hour; required for hourly pricing, refused otherwise.
    """

    amount: int
    currency: str
    model: PricingModel
    minimum_monthly: int | Unset = 0
    units_per_hour: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        currency = self.currency

        model = self.model.value

        minimum_monthly = self.minimum_monthly

        units_per_hour: float | None | Unset
        if isinstance(self.units_per_hour, Unset):
            units_per_hour = UNSET
        else:
            units_per_hour = self.units_per_hour

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "currency": currency,
                "model": model,
            }
        )
        if minimum_monthly is not UNSET:
            field_dict["minimum_monthly"] = minimum_monthly
        if units_per_hour is not UNSET:
            field_dict["units_per_hour"] = units_per_hour

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        currency = d.pop("currency")

        model = PricingModel(d.pop("model"))

        minimum_monthly = d.pop("minimum_monthly", UNSET)

        def _parse_units_per_hour(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        units_per_hour = _parse_units_per_hour(d.pop("units_per_hour", UNSET))

        pricing = cls(
            amount=amount,
            currency=currency,
            model=model,
            minimum_monthly=minimum_monthly,
            units_per_hour=units_per_hour,
        )

        return pricing
