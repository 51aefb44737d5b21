from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.match_request_weights_type_0 import MatchRequestWeightsType0
    from ..models.task_terms import TaskTerms


T = TypeVar("T", bound="MatchRequest")


@_attrs_define
class MatchRequest:
    """
    Attributes:
        task (TaskTerms): What matching needs to know about a piece of work.
        limit (int | Unset): How many matches, 1-100. Default: 20.
        min_score (float | Unset): Leave out weaker matches. Default: 0.0.
        weights (MatchRequestWeightsType0 | None | Unset):
    """

    task: TaskTerms
    limit: int | Unset = 20
    min_score: float | Unset = 0.0
    weights: MatchRequestWeightsType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.match_request_weights_type_0 import MatchRequestWeightsType0  # noqa: PLC0415

        task = self.task.to_dict()

        limit = self.limit

        min_score = self.min_score

        weights: dict[str, Any] | None | Unset
        if isinstance(self.weights, Unset):
            weights = UNSET
        elif isinstance(self.weights, MatchRequestWeightsType0):
            weights = self.weights.to_dict()
        else:
            weights = self.weights

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "task": task,
            }
        )
        if limit is not UNSET:
            field_dict["limit"] = limit
        if min_score is not UNSET:
            field_dict["min_score"] = min_score
        if weights is not UNSET:
            field_dict["weights"] = weights

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.match_request_weights_type_0 import MatchRequestWeightsType0  # noqa: PLC0415
        from ..models.task_terms import TaskTerms  # noqa: PLC0415

        d = dict(src_dict)
        task = TaskTerms.from_dict(d.pop("task"))

        limit = d.pop("limit", UNSET)

        min_score = d.pop("min_score", UNSET)

        def _parse_weights(data: object) -> MatchRequestWeightsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                weights_type_0 = MatchRequestWeightsType0.from_dict(data)

                return weights_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MatchRequestWeightsType0 | None | Unset, data)

        weights = _parse_weights(d.pop("weights", UNSET))

        match_request = cls(
            task=task,
            limit=limit,
            min_score=min_score,
            weights=weights,
        )

        return match_request
