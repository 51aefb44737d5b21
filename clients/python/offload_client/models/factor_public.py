from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FactorPublic")


@_attrs_define
class FactorPublic:
    """
    Attributes:
        counted (bool): Whether this factor counts toward `score`: false when its weight is 0, so its score is shown for
            information only.
        detail (str): Why, in a sentence with the numbers that matter.
        name (str): task_type, volume, budget, skills, timezone or reputation.
        score (float): This factor's score, 0 to 1.
        weight (float): Its weight in this match (0 when it does not apply).
    """

    counted: bool
    detail: str
    name: str
    score: float
    weight: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        counted = self.counted

        detail = self.detail

        name = self.name

        score = self.score

        weight = self.weight

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "counted": counted,
                "detail": detail,
                "name": name,
                "score": score,
                "weight": weight,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        counted = d.pop("counted")

        detail = d.pop("detail")

        name = d.pop("name")

        score = d.pop("score")

        weight = d.pop("weight")

        factor_public = cls(
            counted=counted,
            detail=detail,
            name=name,
            score=score,
            weight=weight,
        )

        factor_public.additional_properties = d
        return factor_public

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
