from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.engagement_status import EngagementStatus

if TYPE_CHECKING:
    from ..models.engagement_quote import EngagementQuote


T = TypeVar("T", bound="EngagementPublic")


@_attrs_define
class EngagementPublic:
    """
    Attributes:
        accepted_at (datetime.datetime | None):
        business_id (None | str):
        created_at (datetime.datetime):
        ended_at (datetime.datetime | None):
        expires_at (datetime.datetime): When an unanswered proposal expires.
        id (str):
        quote (EngagementQuote):
        rating (int | None):
        review (None | str):
        service_id (None | str):
        status (EngagementStatus):
        task_id (None | str): Null once the task profile has been deleted.
        task_type (str):
        updated_at (datetime.datetime):
        vendor_id (None | str):
        volume (int): Units per month reserved on the service while live.
    """

    accepted_at: datetime.datetime | None
    business_id: None | str
    created_at: datetime.datetime
    ended_at: datetime.datetime | None
    expires_at: datetime.datetime
    id: str
    quote: EngagementQuote
    rating: int | None
    review: None | str
    service_id: None | str
    status: EngagementStatus
    task_id: None | str
    task_type: str
    updated_at: datetime.datetime
    vendor_id: None | str
    volume: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted_at: None | str
        if isinstance(self.accepted_at, datetime.datetime):
            accepted_at = self.accepted_at.isoformat()
        else:
            accepted_at = self.accepted_at

        business_id: None | str
        business_id = self.business_id

        created_at = self.created_at.isoformat()

        ended_at: None | str
        if isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        expires_at = self.expires_at.isoformat()

        id = self.id

        quote = self.quote.to_dict()

        rating: int | None
        rating = self.rating

        review: None | str
        review = self.review

        service_id: None | str
        service_id = self.service_id

        status = self.status.value

        task_id: None | str
        task_id = self.task_id

        task_type = self.task_type

        updated_at = self.updated_at.isoformat()

        vendor_id: None | str
        vendor_id = self.vendor_id

        volume = self.volume

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted_at": accepted_at,
                "business_id": business_id,
                "created_at": created_at,
                "ended_at": ended_at,
                "expires_at": expires_at,
                "id": id,
                "quote": quote,
                "rating": rating,
                "review": review,
                "service_id": service_id,
                "status": status,
                "task_id": task_id,
                "task_type": task_type,
                "updated_at": updated_at,
                "vendor_id": vendor_id,
                "volume": volume,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.engagement_quote import EngagementQuote  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_accepted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accepted_at_type_0 = datetime.datetime.fromisoformat(data)

                return accepted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        accepted_at = _parse_accepted_at(d.pop("accepted_at"))

        def _parse_business_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        business_id = _parse_business_id(d.pop("business_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_ended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)

                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ended_at = _parse_ended_at(d.pop("ended_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        id = d.pop("id")

        quote = EngagementQuote.from_dict(d.pop("quote"))

        def _parse_rating(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rating = _parse_rating(d.pop("rating"))

        def _parse_review(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        review = _parse_review(d.pop("review"))

        def _parse_service_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        service_id = _parse_service_id(d.pop("service_id"))

        status = EngagementStatus(d.pop("status"))

        def _parse_task_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        task_id = _parse_task_id(d.pop("task_id"))

        task_type = d.pop("task_type")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_vendor_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        vendor_id = _parse_vendor_id(d.pop("vendor_id"))

        volume = d.pop("volume")

        engagement_public = cls(
            accepted_at=accepted_at,
            business_id=business_id,
            created_at=created_at,
            ended_at=ended_at,
            expires_at=expires_at,
            id=id,
            quote=quote,
            rating=rating,
            review=review,
            service_id=service_id,
            status=status,
            task_id=task_id,
            task_type=task_type,
            updated_at=updated_at,
            vendor_id=vendor_id,
            volume=volume,
        )

        engagement_public.additional_properties = d
        return engagement_public

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
