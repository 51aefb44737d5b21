from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.blocker import Blocker


T = TypeVar("T", bound="ProposalRefused")


@_attrs_define
class ProposalRefused:
    """A proposal refused for the marketplace's rules. `blockers` names every hard constraint
    the service fails for this task (what would not match cannot be proposed);
    `available_at` says when a (task, service) pair that is cooling down may be proposed
    again. Either member appears only for that kind of refusal.

        Attributes:
            detail (str): What went wrong this time, for a human.
            status (int): The HTTP status code.
            title (str): A short summary of the kind of problem.
            type_ (str): A URI reference naming the kind of problem, `/problems/{name}`, relative to the service; GET it for
                what it means and what to do (docs/errors.md). New types may be added within `/v1`: treat an unknown one by its
                `status`.
            available_at (datetime.datetime | None | Unset): When this task may be proposed to this service again.
            blockers (list[Blocker] | None | Unset): Every hard constraint the service fails for this task.
            instance (None | str | Unset): The request path.
            request_id (None | str | Unset): The request's id, as in the `X-Request-ID` response header: quote it when
                asking about this request.
    """

    detail: str
    status: int
    title: str
    type_: str
    available_at: datetime.datetime | None | Unset = UNSET
    blockers: list[Blocker] | None | Unset = UNSET
    instance: None | str | Unset = UNSET
    request_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        status = self.status

        title = self.title

        type_ = self.type_

        available_at: None | str | Unset
        if isinstance(self.available_at, Unset):
            available_at = UNSET
        elif isinstance(self.available_at, datetime.datetime):
            available_at = self.available_at.isoformat()
        else:
            available_at = self.available_at

        blockers: list[dict[str, Any]] | None | Unset
        if isinstance(self.blockers, Unset):
            blockers = UNSET
        elif isinstance(self.blockers, list):
            blockers = []
            for blockers_type_0_item_data in self.blockers:
                blockers_type_0_item = blockers_type_0_item_data.to_dict()
                blockers.append(blockers_type_0_item)

        else:
            blockers = self.blockers

        instance: None | str | Unset
        if isinstance(self.instance, Unset):
            instance = UNSET
        else:
            instance = self.instance

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
                "status": status,
                "title": title,
                "type": type_,
            }
        )
        if available_at is not UNSET:
            field_dict["available_at"] = available_at
        if blockers is not UNSET:
            field_dict["blockers"] = blockers
        if instance is not UNSET:
            field_dict["instance"] = instance
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.blocker import Blocker  # noqa: PLC0415

        d = dict(src_dict)
        detail = d.pop("detail")

        status = d.pop("status")

        title = d.pop("title")

        type_ = d.pop("type")

        def _parse_available_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                available_at_type_0 = datetime.datetime.fromisoformat(data)

                return available_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        available_at = _parse_available_at(d.pop("available_at", UNSET))

        def _parse_blockers(data: object) -> list[Blocker] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                blockers_type_0 = []
                _blockers_type_0 = data
                for blockers_type_0_item_data in _blockers_type_0:
                    blockers_type_0_item = Blocker.from_dict(blockers_type_0_item_data)

                    blockers_type_0.append(blockers_type_0_item)

                return blockers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Blocker] | None | Unset, data)

        blockers = _parse_blockers(d.pop("blockers", UNSET))

        def _parse_instance(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instance = _parse_instance(d.pop("instance", UNSET))

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        proposal_refused = cls(
            detail=detail,
            status=status,
            title=title,
            type_=type_,
            available_at=available_at,
            blockers=blockers,
            instance=instance,
            request_id=request_id,
        )

        proposal_refused.additional_properties = d
        return proposal_refused

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
