from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.min_budget import MinBudget


T = TypeVar("T", bound="Targeting")


@_attrs_define
class Targeting:
    """What work the vendor wants: tasks outside it are never matched to the service
    (excluded under `targeting`).

        Attributes:
            countries (list[str] | Unset): The businesses' countries it serves (ISO 3166-1 alpha-2); empty: all.
            min_budget (MinBudget | None | Unset): Tasks whose budget max is below this (converted to the task's currency as
                quotes are) are left out; null: any budget.
    """

    countries: list[str] | Unset = UNSET
    min_budget: MinBudget | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.min_budget import MinBudget  # noqa: PLC0415

        countries: list[str] | Unset = UNSET
        if not isinstance(self.countries, Unset):
            countries = self.countries

        min_budget: dict[str, Any] | None | Unset
        if isinstance(self.min_budget, Unset):
            min_budget = UNSET
        elif isinstance(self.min_budget, MinBudget):
            min_budget = self.min_budget.to_dict()
        else:
            min_budget = self.min_budget

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if countries is not UNSET:
            field_dict["countries"] = countries
        if min_budget is not UNSET:
            field_dict["min_budget"] = min_budget

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.min_budget import MinBudget  # noqa: PLC0415

        d = dict(src_dict)
        countries = cast(list[str], d.pop("countries", UNSET))

        def _parse_min_budget(data: object) -> MinBudget | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                min_budget_type_0 = MinBudget.from_dict(data)

                return min_budget_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MinBudget | None | Unset, data)

        min_budget = _parse_min_budget(d.pop("min_budget", UNSET))

        targeting = cls(
            countries=countries,
            min_budget=min_budget,
        )

        return targeting
