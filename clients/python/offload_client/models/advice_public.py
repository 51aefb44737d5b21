from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.recommendation import Recommendation

if TYPE_CHECKING:
    from ..models.market_public import MarketPublic
    from ..models.match_public import MatchPublic
    from ..models.money import Money


T = TypeVar("T", bound="AdvicePublic")


@_attrs_define
class AdvicePublic:
    """
    Attributes:
        best_match (MatchPublic | None): The top ranked match, as `GET /v1/tasks/{task_id}/matches` gives it; null when
            no vendor passes every hard constraint.
        hours_freed (float | None): Hours a month the owner gets back: hours spent x (1 - oversight share), two
            decimals; null without hours.
        market (MarketPublic): What the market charges a month for these terms: every active offer that passes the
            hard constraints except `budget` (capacity, min_volume, language, certification, currency,
            time zone), its quote converted to `currency`.
        net_monthly_gain (Money | None): time_value - the market's median quote; null if either is missing.
        onboarding_cost (Money | None): The task type's onboarding_hours x hourly value, once, in the task's currency;
            null without an hourly value.
        payback_months (None | str): onboarding_cost / net_monthly_gain, two decimals, rounded half up, as a decimal
            string; null unless the recommendation is `outsource`.
        priority (int | None): 1 for the `outsource` item with the biggest gain, 2 for the next...; null for every other
            recommendation.
        reasons (list[str]): Why, in sentences an owner understands.
        recommendation (Recommendation):
        task_id (None | str): The task profile; null for an inline task.
        task_type (str):
        time_value (Money | None): hours_freed x hourly value a month, in the task's currency.
        title (str):
    """

    best_match: MatchPublic | None
    hours_freed: float | None
    market: MarketPublic
    net_monthly_gain: Money | None
    onboarding_cost: Money | None
    payback_months: None | str
    priority: int | None
    reasons: list[str]
    recommendation: Recommendation
    task_id: None | str
    task_type: str
    time_value: Money | None
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.match_public import MatchPublic  # noqa: PLC0415
        from ..models.money import Money  # noqa: PLC0415

        best_match: dict[str, Any] | None
        if isinstance(self.best_match, MatchPublic):
            best_match = self.best_match.to_dict()
        else:
            best_match = self.best_match

        hours_freed: float | None
        hours_freed = self.hours_freed

        market = self.market.to_dict()

        net_monthly_gain: dict[str, Any] | None
        if isinstance(self.net_monthly_gain, Money):
            net_monthly_gain = self.net_monthly_gain.to_dict()
        else:
            net_monthly_gain = self.net_monthly_gain

        onboarding_cost: dict[str, Any] | None
        if isinstance(self.onboarding_cost, Money):
            onboarding_cost = self.onboarding_cost.to_dict()
        else:
            onboarding_cost = self.onboarding_cost

        payback_months: None | str
        payback_months = self.payback_months

        priority: int | None
        priority = self.priority

        reasons = self.reasons

        recommendation = self.recommendation.value

        task_id: None | str
        task_id = self.task_id

        task_type = self.task_type

        time_value: dict[str, Any] | None
        if isinstance(self.time_value, Money):
            time_value = self.time_value.to_dict()
        else:
            time_value = self.time_value

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "best_match": best_match,
                "hours_freed": hours_freed,
                "market": market,
                "net_monthly_gain": net_monthly_gain,
                "onboarding_cost": onboarding_cost,
                "payback_months": payback_months,
                "priority": priority,
                "reasons": reasons,
                "recommendation": recommendation,
                "task_id": task_id,
                "task_type": task_type,
                "time_value": time_value,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.market_public import MarketPublic  # noqa: PLC0415
        from ..models.match_public import MatchPublic  # noqa: PLC0415
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_best_match(data: object) -> MatchPublic | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                best_match_type_0 = MatchPublic.from_dict(data)

                return best_match_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MatchPublic | None, data)

        best_match = _parse_best_match(d.pop("best_match"))

        def _parse_hours_freed(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        hours_freed = _parse_hours_freed(d.pop("hours_freed"))

        market = MarketPublic.from_dict(d.pop("market"))

        def _parse_net_monthly_gain(data: object) -> Money | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                net_monthly_gain_type_0 = Money.from_dict(data)

                return net_monthly_gain_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None, data)

        net_monthly_gain = _parse_net_monthly_gain(d.pop("net_monthly_gain"))

        def _parse_onboarding_cost(data: object) -> Money | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                onboarding_cost_type_0 = Money.from_dict(data)

                return onboarding_cost_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None, data)

        onboarding_cost = _parse_onboarding_cost(d.pop("onboarding_cost"))

        def _parse_payback_months(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        payback_months = _parse_payback_months(d.pop("payback_months"))

        def _parse_priority(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        priority = _parse_priority(d.pop("priority"))

        reasons = cast(list[str], d.pop("reasons"))

        recommendation = Recommendation(d.pop("recommendation"))

        def _parse_task_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        task_id = _parse_task_id(d.pop("task_id"))

        task_type = d.pop("task_type")

        def _parse_time_value(data: object) -> Money | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                time_value_type_0 = Money.from_dict(data)

                return time_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None, data)

        time_value = _parse_time_value(d.pop("time_value"))

        title = d.pop("title")

        advice_public = cls(
            best_match=best_match,
            hours_freed=hours_freed,
            market=market,
            net_monthly_gain=net_monthly_gain,
            onboarding_cost=onboarding_cost,
            payback_months=payback_months,
            priority=priority,
            reasons=reasons,
            recommendation=recommendation,
            task_id=task_id,
            task_type=task_type,
            time_value=time_value,
            title=title,
        )

        advice_public.additional_properties = d
        return advice_public

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
