from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.opportunity_list_missed import OpportunityListMissed
    from ..models.opportunity_public import OpportunityPublic
    from ..models.price_step import PriceStep


T = TypeVar("T", bound="OpportunityList")


@_attrs_define
class OpportunityList:
    """The listed open tasks a service is eligible for, best rank first, and what it misses.

    Attributes:
        data (list[OpportunityPublic]):
        eligible (int): How many of them the service is eligible for.
        listed_tasks (int): Listed open tasks of the service's type.
        missed (OpportunityListMissed): Listed open tasks that excluded the service, each counted under its first
            reason, as `excluded` counts offers.
        price_sensitivity (list[PriceStep]):
        ranked (int): How many of those were ranked, and so may appear in `data`: all of them, unless ranking them all
            against every offer of the type would exceed `OFFLOAD_OPPORTUNITIES_RANKED_PAIRS` (task, offer) pairs; then the
            newest.
        scoring_version (str):
        service_id (str):
        task_type (str):
        next_cursor (None | Unset): Always null: raise `limit` for more.
    """

    data: list[OpportunityPublic]
    eligible: int
    listed_tasks: int
    missed: OpportunityListMissed
    price_sensitivity: list[PriceStep]
    ranked: int
    scoring_version: str
    service_id: str
    task_type: str
    next_cursor: None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        eligible = self.eligible

        listed_tasks = self.listed_tasks

        missed = self.missed.to_dict()

        price_sensitivity = []
        for price_sensitivity_item_data in self.price_sensitivity:
            price_sensitivity_item = price_sensitivity_item_data.to_dict()
            price_sensitivity.append(price_sensitivity_item)

        ranked = self.ranked

        scoring_version = self.scoring_version

        service_id = self.service_id

        task_type = self.task_type

        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "eligible": eligible,
                "listed_tasks": listed_tasks,
                "missed": missed,
                "price_sensitivity": price_sensitivity,
                "ranked": ranked,
                "scoring_version": scoring_version,
                "service_id": service_id,
                "task_type": task_type,
            }
        )
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.opportunity_list_missed import OpportunityListMissed  # noqa: PLC0415
        from ..models.opportunity_public import OpportunityPublic  # noqa: PLC0415
        from ..models.price_step import PriceStep  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = OpportunityPublic.from_dict(data_item_data)

            data.append(data_item)

        eligible = d.pop("eligible")

        listed_tasks = d.pop("listed_tasks")

        missed = OpportunityListMissed.from_dict(d.pop("missed"))

        price_sensitivity = []
        _price_sensitivity = d.pop("price_sensitivity")
        for price_sensitivity_item_data in _price_sensitivity:
            price_sensitivity_item = PriceStep.from_dict(price_sensitivity_item_data)

            price_sensitivity.append(price_sensitivity_item)

        ranked = d.pop("ranked")

        scoring_version = d.pop("scoring_version")

        service_id = d.pop("service_id")

        task_type = d.pop("task_type")

        next_cursor = d.pop("next_cursor", UNSET)

        opportunity_list = cls(
            data=data,
            eligible=eligible,
            listed_tasks=listed_tasks,
            missed=missed,
            price_sensitivity=price_sensitivity,
            ranked=ranked,
            scoring_version=scoring_version,
            service_id=service_id,
            task_type=task_type,
            next_cursor=next_cursor,
        )

        opportunity_list.additional_properties = d
        return opportunity_list

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
