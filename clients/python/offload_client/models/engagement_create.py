from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EngagementCreate")


@_attrs_define
class EngagementCreate:
    """
    Attributes:
        service_id (str): The matched service to engage.
    """

    service_id: str

    def to_dict(self) -> dict[str, Any]:
        service_id = self.service_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "service_id": service_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        service_id = d.pop("service_id")

        engagement_create = cls(
            service_id=service_id,
        )

        return engagement_create
