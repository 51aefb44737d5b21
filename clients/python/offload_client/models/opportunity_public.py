from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.listed_task import ListedTask
    from ..models.match_quote import MatchQuote


T = TypeVar("T", bound="OpportunityPublic")


@_attrs_define
class OpportunityPublic:
    """
    Attributes:
        eligible_offers (int): How many offers are eligible for the task.
        quote (MatchQuote):
        rank (int): The service's place in the task's full ranking.
        score (float):
        task (ListedTask): A listed task as vendors see it: its terms, the business's country and time zone,
            never who the business is (no name, contact, title or description).
        task_id (str):
    """

    eligible_offers: int
    quote: MatchQuote
    rank: int
    score: float
    task: ListedTask
    task_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        eligible_offers = self.eligible_offers

        quote = self.quote.to_dict()

        rank = self.rank

        score = self.score

        task = self.task.to_dict()

        task_id = self.task_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "eligible_offers": eligible_offers,
                "quote": quote,
                "rank": rank,
                "score": score,
                "task": task,
                "task_id": task_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.listed_task import ListedTask  # noqa: PLC0415
        from ..models.match_quote import MatchQuote  # noqa: PLC0415

        d = dict(src_dict)
        eligible_offers = d.pop("eligible_offers")

        quote = MatchQuote.from_dict(d.pop("quote"))

        rank = d.pop("rank")

        score = d.pop("score")

        task = ListedTask.from_dict(d.pop("task"))

        task_id = d.pop("task_id")

        opportunity_public = cls(
            eligible_offers=eligible_offers,
            quote=quote,
            rank=rank,
            score=score,
            task=task,
            task_id=task_id,
        )

        opportunity_public.additional_properties = d
        return opportunity_public

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
