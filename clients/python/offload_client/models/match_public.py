from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.factor_public import FactorPublic
    from ..models.match_quote import MatchQuote


T = TypeVar("T", bound="MatchPublic")


@_attrs_define
class MatchPublic:
    """
    Attributes:
        factors (list[FactorPublic]):
        quote (MatchQuote):
        rank (int):
        score (float): sum(weight x factor score) / sum(weight), 0 to 1.
        service_id (str):
        vendor_country (None | str): The vendor's country, ISO 3166-1 alpha-2 (null if it was just deleted).
        vendor_id (str):
        vendor_name (str):
        vendor_rating (float | None): Mean of the vendor's ratings that count, 1-5; null before the first.
        vendor_rating_count (int): How many ratings count toward it.
    """

    factors: list[FactorPublic]
    quote: MatchQuote
    rank: int
    score: float
    service_id: str
    vendor_country: None | str
    vendor_id: str
    vendor_name: str
    vendor_rating: float | None
    vendor_rating_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        factors = []
        for factors_item_data in self.factors:
            factors_item = factors_item_data.to_dict()
            factors.append(factors_item)

        quote = self.quote.to_dict()

        rank = self.rank

        score = self.score

        service_id = self.service_id

        vendor_country: None | str
        vendor_country = self.vendor_country

        vendor_id = self.vendor_id

        vendor_name = self.vendor_name

        vendor_rating: float | None
        vendor_rating = self.vendor_rating

        vendor_rating_count = self.vendor_rating_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "factors": factors,
                "quote": quote,
                "rank": rank,
                "score": score,
                "service_id": service_id,
                "vendor_country": vendor_country,
                "vendor_id": vendor_id,
                "vendor_name": vendor_name,
                "vendor_rating": vendor_rating,
                "vendor_rating_count": vendor_rating_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.factor_public import FactorPublic  # noqa: PLC0415
        from ..models.match_quote import MatchQuote  # noqa: PLC0415

        d = dict(src_dict)
        factors = []
        _factors = d.pop("factors")
        for factors_item_data in _factors:
            factors_item = FactorPublic.from_dict(factors_item_data)

            factors.append(factors_item)

        quote = MatchQuote.from_dict(d.pop("quote"))

        rank = d.pop("rank")

        score = d.pop("score")

        service_id = d.pop("service_id")

        def _parse_vendor_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        vendor_country = _parse_vendor_country(d.pop("vendor_country"))

        vendor_id = d.pop("vendor_id")

        vendor_name = d.pop("vendor_name")

        def _parse_vendor_rating(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        vendor_rating = _parse_vendor_rating(d.pop("vendor_rating"))

        vendor_rating_count = d.pop("vendor_rating_count")

        match_public = cls(
            factors=factors,
            quote=quote,
            rank=rank,
            score=score,
            service_id=service_id,
            vendor_country=vendor_country,
            vendor_id=vendor_id,
            vendor_name=vendor_name,
            vendor_rating=vendor_rating,
            vendor_rating_count=vendor_rating_count,
        )

        match_public.additional_properties = d
        return match_public

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
