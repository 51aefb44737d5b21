from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProblemTypePublic")


@_attrs_define
class ProblemTypePublic:
    """
    Attributes:
        action (str): What the caller can do about it.
        meaning (str): What went wrong.
        name (str):
        status (int | None): The HTTP status it comes with; null: any.
        title (str):
        type_ (str): The `type` member of problems of this kind.
    """

    action: str
    meaning: str
    name: str
    status: int | None
    title: str
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        meaning = self.meaning

        name = self.name

        status: int | None
        status = self.status

        title = self.title

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "meaning": meaning,
                "name": name,
                "status": status,
                "title": title,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        meaning = d.pop("meaning")

        name = d.pop("name")

        def _parse_status(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        status = _parse_status(d.pop("status"))

        title = d.pop("title")

        type_ = d.pop("type")

        problem_type_public = cls(
            action=action,
            meaning=meaning,
            name=name,
            status=status,
            title=title,
            type_=type_,
        )

        problem_type_public.additional_properties = d
        return problem_type_public

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
