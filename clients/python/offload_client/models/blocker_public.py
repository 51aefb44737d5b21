from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.change_public import ChangePublic


T = TypeVar("T", bound="BlockerPublic")


@_attrs_define
class BlockerPublic:
    """
    Attributes:
        changes (list[ChangePublic]): The same change as edits; making them all clears this blocker, and one minor unit
            (or unit, or minute) less does not.
        detail (str): Why, with the numbers.
        fix (str): The smallest change that clears it, in a sentence.
        reason (str): A reason of `excluded` (currency, capacity, min_volume, budget, language, certification, timezone,
            targeting), or `task_type` (the service offers another type) or `inactive`.
    """

    changes: list[ChangePublic]
    detail: str
    fix: str
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)

        detail = self.detail

        fix = self.fix

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changes": changes,
                "detail": detail,
                "fix": fix,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.change_public import ChangePublic  # noqa: PLC0415

        d = dict(src_dict)
        changes = []
        _changes = d.pop("changes")
        for changes_item_data in _changes:
            changes_item = ChangePublic.from_dict(changes_item_data)

            changes.append(changes_item)

        detail = d.pop("detail")

        fix = d.pop("fix")

        reason = d.pop("reason")

        blocker_public = cls(
            changes=changes,
            detail=detail,
            fix=fix,
            reason=reason,
        )

        blocker_public.additional_properties = d
        return blocker_public

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
