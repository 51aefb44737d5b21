from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="HourlyValue")


@_attrs_define
class HourlyValue:
    """What an hour of the owner's time is worth: what the advisor weighs hand-offs against.

    Attributes:
        amount (int): Minor units per hour, e.g. 6000 is 60.00 an hour.
        currency (str):
    """

    amount: int
    currency: str

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        currency = self.currency

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "currency": currency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        currency = d.pop("currency")

        hourly_value = cls(
            amount=amount,
            currency=currency,
        )

        return hourly_value
