from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.match_list_excluded import MatchListExcluded
    from ..models.match_list_weights import MatchListWeights
    from ..models.match_public import MatchPublic


T = TypeVar("T", bound="MatchList")


@_attrs_define
class MatchList:
    """Ranked matches, with what was left out and why.

    Attributes:
        candidates (int): Active services of the task's type considered.
        data (list[MatchPublic]):
        eligible (int): Candidates that passed every hard constraint.
        excluded (MatchListExcluded): Offers dropped, counted under one reason each.
        scoring_version (str): Changes whenever a formula changes.
        weights (MatchListWeights): The weights used, after every override.
        hints (list[str] | Unset): When `data` is empty: what would bring matches, in sentences an owner can act on,
            nearest miss first (e.g. the cheapest quote excluded for budget against the budget's maximum). Empty when there
            are matches.
        next_cursor (None | Unset): Always null: raise `limit` for more.
    """

    candidates: int
    data: list[MatchPublic]
    eligible: int
    excluded: MatchListExcluded
    scoring_version: str
    weights: MatchListWeights
    hints: list[str] | Unset = UNSET
    next_cursor: None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        candidates = self.candidates

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        eligible = self.eligible

        excluded = self.excluded.to_dict()

        scoring_version = self.scoring_version

        weights = self.weights.to_dict()

        hints: list[str] | Unset = UNSET
        if not isinstance(self.hints, Unset):
            hints = self.hints

        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "candidates": candidates,
                "data": data,
                "eligible": eligible,
                "excluded": excluded,
                "scoring_version": scoring_version,
                "weights": weights,
            }
        )
        if hints is not UNSET:
            field_dict["hints"] = hints
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.match_list_excluded import MatchListExcluded  # noqa: PLC0415
        from ..models.match_list_weights import MatchListWeights  # noqa: PLC0415
        from ..models.match_public import MatchPublic  # noqa: PLC0415

        d = dict(src_dict)
        candidates = d.pop("candidates")

        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = MatchPublic.from_dict(data_item_data)

            data.append(data_item)

        eligible = d.pop("eligible")

        excluded = MatchListExcluded.from_dict(d.pop("excluded"))

        scoring_version = d.pop("scoring_version")

        weights = MatchListWeights.from_dict(d.pop("weights"))

        hints = cast(list[str], d.pop("hints", UNSET))

        next_cursor = d.pop("next_cursor", UNSET)

        match_list = cls(
            candidates=candidates,
            data=data,
            eligible=eligible,
            excluded=excluded,
            scoring_version=scoring_version,
            weights=weights,
            hints=hints,
            next_cursor=next_cursor,
        )

        match_list.additional_properties = d
        return match_list

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
