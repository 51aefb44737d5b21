from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EngagementCompletion")


@_attrs_define
class EngagementCompletion:
    """
    Attributes:
        rating (int): 1 (poor) to 5 (excellent).
        review (None | str | Unset):
    """

    rating: int
    review: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        rating = self.rating

        review: None | str | Unset
        if isinstance(self.review, Unset):
            review = UNSET
        else:
            review = self.review

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rating": rating,
            }
        )
        if review is not UNSET:
            field_dict["review"] = review

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rating = d.pop("rating")

        def _parse_review(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        review = _parse_review(d.pop("review", UNSET))

        engagement_completion = cls(
            rating=rating,
            review=review,
        )

        return engagement_completion
