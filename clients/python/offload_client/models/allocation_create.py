from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AllocationCreate")


@_attrs_define
class AllocationCreate:
    """
    Attributes:
        task_ids (list[str]): The tasks to place, 1-5,000, each once.
        commit (bool | Unset): Propose the assignments as engagements at once, rather than keep a dry run to commit
            later. Default: False.
    """

    task_ids: list[str]
    commit: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        task_ids = self.task_ids

        commit = self.commit

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "task_ids": task_ids,
            }
        )
        if commit is not UNSET:
            field_dict["commit"] = commit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        task_ids = cast(list[str], d.pop("task_ids"))

        commit = d.pop("commit", UNSET)

        allocation_create = cls(
            task_ids=task_ids,
            commit=commit,
        )

        return allocation_create
