from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Budget")


@_attrs_define
class Budget:
    """
    Attributes:
        currency (str):
        max_ (int): Highest monthly spend it accepts, in minor units.
        min_ (int): Lowest monthly spend it expects, in minor units.
    """

    currency: str
    max_: int
    min_: int

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        max_ = self.max_

        min_ = self.min_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "currency": currency,
                "max": max_,
                "min": min_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        currency = d.pop("currency")

        max_ = d.pop("max")

        min_ = d.pop("min")

        budget = cls(
            currency=currency,
            max_=max_,
            min_=min_,
        )

        return budget
