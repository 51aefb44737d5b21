from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.blocker_public import BlockerPublic
    from ..models.factor_public import FactorPublic
    from ..models.match_quote import MatchQuote


T = TypeVar("T", bound="StandingPublic")


@_attrs_define
class StandingPublic:
    """How one service fares on one task, whether or not it made the list.

    Attributes:
        blockers (list[BlockerPublic]): Every hard constraint it fails, not only the first; empty if eligible.
        eligible (bool): Whether it passes every hard constraint.
        eligible_offers (int): How many offers are eligible for the task.
        factors (list[FactorPublic]):
        quote (MatchQuote):
        rank (int | None): Its place among all eligible offers, as the full ranking orders them; null unless eligible.
        score (float): What it scores as it stands, eligible or not.
        scoring_version (str):
        service_id (str):
        task_id (str):
        vendor_id (str):
    """

    blockers: list[BlockerPublic]
    eligible: bool
    eligible_offers: int
    factors: list[FactorPublic]
    quote: MatchQuote
    rank: int | None
    score: float
    scoring_version: str
    service_id: str
    task_id: str
    vendor_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        blockers = []
        for blockers_item_data in self.blockers:
            blockers_item = blockers_item_data.to_dict()
            blockers.append(blockers_item)

        eligible = self.eligible

        eligible_offers = self.eligible_offers

        factors = []
        for factors_item_data in self.factors:
            factors_item = factors_item_data.to_dict()
            factors.append(factors_item)

        quote = self.quote.to_dict()

        rank: int | None
        rank = self.rank

        score = self.score

        scoring_version = self.scoring_version

        service_id = self.service_id

        task_id = self.task_id

        vendor_id = self.vendor_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "blockers": blockers,
                "eligible": eligible,
                "eligible_offers": eligible_offers,
                "factors": factors,
                "quote": quote,
                "rank": rank,
                "score": score,
                "scoring_version": scoring_version,
                "service_id": service_id,
                "task_id": task_id,
                "vendor_id": vendor_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.blocker_public import BlockerPublic  # noqa: PLC0415
        from ..models.factor_public import FactorPublic  # noqa: PLC0415
        from ..models.match_quote import MatchQuote  # noqa: PLC0415

        d = dict(src_dict)
        blockers = []
        _blockers = d.pop("blockers")
        for blockers_item_data in _blockers:
            blockers_item = BlockerPublic.from_dict(blockers_item_data)

            blockers.append(blockers_item)

        eligible = d.pop("eligible")

        eligible_offers = d.pop("eligible_offers")

        factors = []
        _factors = d.pop("factors")
        for factors_item_data in _factors:
            factors_item = FactorPublic.from_dict(factors_item_data)

            factors.append(factors_item)

        quote = MatchQuote.from_dict(d.pop("quote"))

        def _parse_rank(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rank = _parse_rank(d.pop("rank"))

        score = d.pop("score")

        scoring_version = d.pop("scoring_version")

        service_id = d.pop("service_id")

        task_id = d.pop("task_id")

        vendor_id = d.pop("vendor_id")

        standing_public = cls(
            blockers=blockers,
            eligible=eligible,
            eligible_offers=eligible_offers,
            factors=factors,
            quote=quote,
            rank=rank,
            score=score,
            scoring_version=scoring_version,
            service_id=service_id,
            task_id=task_id,
            vendor_id=vendor_id,
        )

        standing_public.additional_properties = d
        return standing_public

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
