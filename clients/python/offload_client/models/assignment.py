from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.match_quote import MatchQuote


T = TypeVar("T", bound="Assignment")


@_attrs_define
class Assignment:
    """
    Attributes:
        quote (MatchQuote):
        score (float): The match score, as ranking gives it.
        service_id (str):
        task_id (str):
        vendor_id (str):
        engagement_id (None | str | Unset): The proposed engagement, once the allocation is committed.
    """

    quote: MatchQuote
    score: float
    service_id: str
    task_id: str
    vendor_id: str
    engagement_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        quote = self.quote.to_dict()

        score = self.score

        service_id = self.service_id

        task_id = self.task_id

        vendor_id = self.vendor_id

        engagement_id: None | str | Unset
        if isinstance(self.engagement_id, Unset):
            engagement_id = UNSET
        else:
            engagement_id = self.engagement_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "quote": quote,
                "score": score,
                "service_id": service_id,
                "task_id": task_id,
                "vendor_id": vendor_id,
            }
        )
        if engagement_id is not UNSET:
            field_dict["engagement_id"] = engagement_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.match_quote import MatchQuote  # noqa: PLC0415

        d = dict(src_dict)
        quote = MatchQuote.from_dict(d.pop("quote"))

        score = d.pop("score")

        service_id = d.pop("service_id")

        task_id = d.pop("task_id")

        vendor_id = d.pop("vendor_id")

        def _parse_engagement_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        engagement_id = _parse_engagement_id(d.pop("engagement_id", UNSET))

        assignment = cls(
            quote=quote,
            score=score,
            service_id=service_id,
            task_id=task_id,
            vendor_id=vendor_id,
            engagement_id=engagement_id,
        )

        assignment.additional_properties = d
        return assignment

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
