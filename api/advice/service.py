"""The outsourcing advisor: what the market charges, and which tasks to hand off first.

Composes matching's kernels (``market``, ``assess``, ``advise``, ``plan``) over the offer
index: one snapshot per task type per request, whatever the number of tasks of that type.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

import matching
from api.advice.models import (
    AdviceList,
    AdvicePublic,
    AdviceRequest,
    AdviceTask,
    AdviceTotals,
    MarketPublic,
    MarketQuote,
    Money,
)
from api.businesses.models import Business
from api.errors import Conflict, FieldError, Invalid, NotFound
from api.fields import MAX_AMOUNT
from api.matches import adapters
from api.matches.index import OfferIndex
from api.matches.models import MatchPublic
from api.matches.service import VendorFacts, match_public, vendor_facts
from api.money import convertible
from api.settings import Settings
from api.tasks.models import Budget, Task, TaskStatus
from api.taxonomy.models import TaskType
from matching import RankedMatch, TaskSpec
from matching.advice import Advice, advise, assess, plan
from matching.market import Market, market

# The tasks a business could still hand off: engaged ones already are, closed ones are done.
ADVISED_STATUSES = (TaskStatus.open.value, TaskStatus.paused.value)
# An inline task without a budget: every price passes, and price does not count in the score.
_ANY_PRICE = {"budget": 0.0}
_UNPRICED = "no budget given, so price does not count toward the score"


def _money(value: matching.Money | None) -> Money | None:
    return None if value is None else Money(amount=value.amount, currency=value.currency)


def market_public(found: Market) -> MarketPublic:
    quote = None
    if found.quote is not None:
        quote = MarketQuote(
            **{name: Money(amount=m.amount, currency=m.currency) for name, m in found.quote.items()}
        )
    return MarketPublic(
        task_type=found.task_type,
        volume=found.volume,
        currency=found.currency,
        vendors=found.vendors,
        quote=quote,
        per_unit=found.per_unit,
    )


def market_for(
    *,
    session: Session,
    settings: Settings,
    index: OfferIndex,
    task_type: str,
    volume: int,
    currency: str,
    languages: Sequence[str],
    required_certifications: Sequence[str],
) -> MarketPublic:
    """What the market charges for these terms (budget aside)."""
    known = session.get(TaskType, task_type)
    if known is None:
        raise NotFound(f"No task type '{task_type}'; GET /v1/task-types lists them.")
    spec = TaskSpec(
        task_type=task_type,
        volume=volume,
        currency=currency,
        budget_min=0,
        budget_max=0,  # the market ignores the budget
        required_certifications=tuple(required_certifications),
        languages=tuple(languages),
        unit=known.unit,
    )
    with index.offers(session=session, task_type=task_type) as offers:
        found = market(spec, offers, config=settings.match_config())
    return market_public(found)


@dataclass(frozen=True)
class _Item:
    """One task to advise on, as the kernels see it, with what the answer repeats."""

    task_id: str | None
    title: str
    spec: TaskSpec
    hours: float | None
    core: bool
    onboarding_hours: float
    priced: bool  # False: no budget was given, so price did not count toward best_match


@dataclass(frozen=True)
class _Assessed:
    market: Market
    best: RankedMatch | None
    advice: Advice


def _best_match(
    best: RankedMatch | None, *, priced: bool, facts: dict[str, VendorFacts]
) -> MatchPublic | None:
    if best is None:
        return None
    shown = match_public(best, facts.get(best.vendor_id))
    if not priced:
        for factor in shown.factors:
            if factor.name == "budget":
                factor.detail = _UNPRICED
    return shown


def _advise(
    *,
    session: Session,
    settings: Settings,
    index: OfferIndex,
    items: Sequence[_Item],
    hourly_value: matching.Money | None,
    currency: str,
) -> AdviceList:
    """Advice for each item, in plan order, with totals in ``currency``. Raises ValueError
    when a currency cannot be converted (callers say which field or object is to blame)."""
    config = settings.match_config()
    by_type: dict[str, list[int]] = defaultdict(list)
    for position, item in enumerate(items):
        by_type[item.spec.task_type].append(position)
    assessed: dict[int, tuple[Market, RankedMatch | None]] = {}
    for task_type, positions in by_type.items():
        with index.offers(session=session, task_type=task_type) as offers:
            for position in positions:
                assessed[position] = assess(items[position].spec, offers, config=config)
    results = []
    for position, item in enumerate(items):
        found, best = assessed[position]
        advice = advise(
            market=found,
            hours_spent_per_month=item.hours,
            hourly_value=hourly_value,
            core=item.core,
            onboarding_hours=item.onboarding_hours,
            oversight_share=settings.advice_oversight_share,
            config=config,
        )
        results.append(_Assessed(found, best, advice))
    planned = plan([r.advice for r in results], currency=currency, config=config)
    facts = vendor_facts(
        session=session, vendor_ids=[r.best.vendor_id for r in results if r.best is not None]
    )
    data = []
    for position in planned.order:
        item, result = items[position], results[position]
        advice = result.advice
        data.append(
            AdvicePublic(
                task_id=item.task_id,
                task_type=item.spec.task_type,
                title=item.title,
                recommendation=advice.recommendation,
                priority=planned.priority[position],
                hours_freed=advice.hours_freed,
                time_value=_money(advice.time_value),
                market=market_public(result.market),
                net_monthly_gain=_money(advice.net_monthly_gain),
                onboarding_cost=_money(advice.onboarding_cost),
                payback_months=advice.payback_months,
                best_match=_best_match(result.best, priced=item.priced, facts=facts),
                reasons=list(advice.reasons),
            )
        )
    totals = AdviceTotals(
        hours_freed=planned.hours_freed,
        net_monthly_gain=Money(
            amount=planned.net_monthly_gain.amount, currency=planned.net_monthly_gain.currency
        ),
    )
    return AdviceList(data=data, totals=totals)


def _require_convertible(tasks: Sequence[Task], currency: str, rates: dict[str, float]) -> None:
    """Each task's time value is priced in its budget's currency: a 409 when no rate links
    the hourly value's currency to one (the operator may have dropped a rate since)."""
    for task in tasks:
        if not convertible(currency, task.budget_currency, rates):
            raise Conflict(
                f"Task '{task.id}' is budgeted in {task.budget_currency} and the business's "
                f"hourly value is in {currency}, and no exchange rate links them: set the "
                "hourly value in the task's currency, or the budget in the hourly value's."
            )


def for_business(
    *, session: Session, settings: Settings, index: OfferIndex, business: Business
) -> AdviceList:
    """Advice on the business's open and paused tasks, oldest first before planning."""
    tasks = session.exec(
        select(Task)
        .where(Task.business_id == business.id, col(Task.status).in_(ADVISED_STATUSES))
        .order_by(col(Task.id))
    ).all()
    onboarding = {t.key: t.onboarding_hours for t in session.exec(select(TaskType)).all()}
    hourly_value = None
    if business.hourly_value_amount is not None and business.hourly_value_currency is not None:
        hourly_value = matching.Money(business.hourly_value_amount, business.hourly_value_currency)
    if hourly_value is not None:
        _require_convertible(tasks, hourly_value.currency, settings.exchange_rates)
    items = [
        _Item(
            task_id=task.id,
            title=task.title,
            spec=adapters.task_spec(session=session, terms=task, weights=task.weights),
            hours=task.hours_spent_per_month,
            core=task.core,
            onboarding_hours=onboarding[task.task_type],
            priced=True,
        )
        for task in tasks
    ]
    try:
        return _advise(
            session=session,
            settings=settings,
            index=index,
            items=items,
            hourly_value=hourly_value,
            currency=business.currency,
        )
    except ValueError as exc:  # a gain that cannot be totalled in the business's currency
        raise Conflict(
            f"Cannot total the advice in the business's currency {business.currency}: {exc}. "
            "Budget the tasks in a currency with an exchange rate."
        ) from exc


def _inline_item(
    *,
    session: Session,
    task: AdviceTask,
    position: int,
    currency: str,
    task_types: Mapping[str, TaskType],
) -> _Item | FieldError:
    task_type = task_types.get(task.task_type)
    if task_type is None:
        known = ", ".join(task_types)
        return FieldError(
            field=f"body.tasks.{position}.task_type",
            message=f"'{task.task_type}' is not a task type; must be one of: {known}",
            code="enum",
        )
    terms, priced = task, task.budget is not None
    if task.budget is None:
        terms = task.model_copy(update={"budget": Budget(currency=currency, min=0, max=MAX_AMOUNT)})
    return _Item(
        task_id=None,
        title=task.title or task_type.name,
        spec=adapters.task_spec(
            session=session, terms=terms, weights=None if priced else _ANY_PRICE
        ),
        hours=task.hours_spent_per_month,
        core=task.core,
        onboarding_hours=task_type.onboarding_hours,
        priced=priced,
    )


def for_inline(
    *, session: Session, settings: Settings, index: OfferIndex, request: AdviceRequest
) -> AdviceList:
    """Advice on tasks described inline; nothing is stored."""
    hourly = request.hourly_value
    # The whole taxonomy in one query, in key order: a lookup per task was one more query
    # per task (the session's identity map holds the rows only while something else does).
    task_types = {
        t.key: t for t in session.exec(select(TaskType).order_by(col(TaskType.key))).all()
    }
    errors: list[FieldError] = []
    items: list[_Item] = []
    for position, task in enumerate(request.tasks):
        task_currency = task.budget.currency if task.budget else hourly.currency
        if not convertible(hourly.currency, task_currency, settings.exchange_rates):
            errors.append(
                FieldError(
                    field="body.hourly_value.currency",
                    message=f"no exchange rate links {hourly.currency} with task {position}'s "
                    f"budget currency {task_currency}",
                    code="currency",
                )
            )
        made = _inline_item(
            session=session,
            task=task,
            position=position,
            currency=hourly.currency,
            task_types=task_types,
        )
        if isinstance(made, FieldError):
            errors.append(made)
        else:
            items.append(made)
    if errors:
        count = len(errors)
        raise Invalid(f"{count} field{'s are' if count != 1 else ' is'} invalid.", errors=errors)
    return _advise(
        session=session,
        settings=settings,
        index=index,
        items=items,
        hourly_value=matching.Money(hourly.amount, hourly.currency),
        currency=hourly.currency,
    )
