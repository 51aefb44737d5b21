from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.allocation_status import AllocationStatus

if TYPE_CHECKING:
    from ..models.assignment import Assignment
    from ..models.unassigned import Unassigned


T = TypeVar("T", bound="AllocationPublic")


@_attrs_define
class AllocationPublic:
    """
    Attributes:
        assignments (list[Assignment]):
        committed_at (datetime.datetime | None):
        created_at (datetime.datetime):
        expires_at (datetime.datetime): Until when a dry run can be committed.
        gap (float): (upper_bound - objective) / upper_bound: at most this share of the best possible sum is missed; 0
            when nothing could be placed.
        id (str):
        objective (float): The sum of the assignments' scores.
        solver (str): `branch_and_bound` or `heuristic`: which found the assignment.
        status (AllocationStatus):
        unassigned (list[Unassigned]):
        upper_bound (float): No assignment of these tasks can score more in sum (LP relaxation).
    """

    assignments: list[Assignment]
    committed_at: datetime.datetime | None
    created_at: datetime.datetime
    expires_at: datetime.datetime
    gap: float
    id: str
    objective: float
    solver: str
    status: AllocationStatus
    unassigned: list[Unassigned]
    upper_bound: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assignments = []
        for assignments_item_data in self.assignments:
            assignments_item = assignments_item_data.to_dict()
            assignments.append(assignments_item)

        committed_at: None | str
        if isinstance(self.committed_at, datetime.datetime):
            committed_at = self.committed_at.isoformat()
        else:
            committed_at = self.committed_at

        created_at = self.created_at.isoformat()

        expires_at = self.expires_at.isoformat()

        gap = self.gap

        id = self.id

        objective = self.objective

        solver = self.solver

        status = self.status.value

        unassigned = []
        for unassigned_item_data in self.unassigned:
            unassigned_item = unassigned_item_data.to_dict()
            unassigned.append(unassigned_item)

        upper_bound = self.upper_bound

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assignments": assignments,
                "committed_at": committed_at,
                "created_at": created_at,
                "expires_at": expires_at,
                "gap": gap,
                "id": id,
                "objective": objective,
                "solver": solver,
                "status": status,
                "unassigned": unassigned,
                "upper_bound": upper_bound,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.assignment import Assignment  # noqa: PLC0415
        from ..models.unassigned import Unassigned  # noqa: PLC0415

        d = dict(src_dict)
        assignments = []
        _assignments = d.pop("assignments")
        for assignments_item_data in _assignments:
            assignments_item = Assignment.from_dict(assignments_item_data)

            assignments.append(assignments_item)

        def _parse_committed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                committed_at_type_0 = datetime.datetime.fromisoformat(data)

                return committed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        committed_at = _parse_committed_at(d.pop("committed_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        gap = d.pop("gap")

        id = d.pop("id")

        objective = d.pop("objective")

        solver = d.pop("solver")

        status = AllocationStatus(d.pop("status"))

        unassigned = []
        _unassigned = d.pop("unassigned")
        for unassigned_item_data in _unassigned:
            unassigned_item = Unassigned.from_dict(unassigned_item_data)

            unassigned.append(unassigned_item)

        upper_bound = d.pop("upper_bound")

        allocation_public = cls(
            assignments=assignments,
            committed_at=committed_at,
            created_at=created_at,
            expires_at=expires_at,
            gap=gap,
            id=id,
            objective=objective,
            solver=solver,
            status=status,
            unassigned=unassigned,
            upper_bound=upper_bound,
        )

        allocation_public.additional_properties = d
        return allocation_public

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
