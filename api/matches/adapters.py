"""The one place that turns database rows and request bodies into matching's dataclasses."""

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from itertools import chain
from typing import Any, NamedTuple

from sqlalchemy import Label, Row, Select, SQLColumnExpression, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from api.businesses.models import Business
from api.fields import Day
from api.services.models import Service
from api.tasks.models import Task, TaskTerms
from api.taxonomy.models import TaskType
from api.vendors.models import Vendor
from matching import Coverage, Offer, Pricing, PricingModel, TaskSpec, Window

_DAYS = {day.value: index for index, day in enumerate(Day)}


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def window(days: Iterable[str], start: str, end: str) -> Window:
    return Window(
        days=tuple(sorted(_DAYS[d] for d in days)), start=_minutes(start), end=_minutes(end)
    )


def coverage(raw: dict[str, Any] | None) -> Coverage | None:
    if raw is None:
        return None
    return Coverage(
        timezone=raw["timezone"],
        window=window(raw["days"], raw["start"], raw["end"]),
        min_overlap=raw.get("min_overlap"),
    )


def task_spec(
    *, session: Session, terms: TaskTerms | Task, weights: dict[str, float] | None
) -> TaskSpec:
    """A stored task or an inline one, as matching sees it."""
    country = None
    if isinstance(terms, Task):
        currency, low, high = terms.budget_currency, terms.budget_min, terms.budget_max
        raw_coverage = terms.coverage
        country = _looked_up(session, Business, terms.business_id, lambda b: b.country)
    else:
        currency, low, high = terms.budget.currency, terms.budget.min, terms.budget.max
        raw_coverage = terms.coverage.model_dump(mode="json") if terms.coverage else None
    return TaskSpec(
        task_type=terms.task_type,
        volume=terms.volume,
        currency=currency,
        budget_min=low,
        budget_max=high,
        skills=tuple(terms.skills),
        required_certifications=tuple(terms.required_certifications),
        languages=tuple(terms.languages),
        coverage=coverage(raw_coverage),
        weights=weights,
        unit=_looked_up(session, TaskType, terms.task_type, lambda t: t.unit) or "units",
        country=country,
    )


def _looked_up(session: Session, model: Any, key: str, read: Callable[[Any], Any]) -> Any:
    """``read`` of the row of ``model`` with primary key ``key`` (None if there is none),
    kept for the session: its identity map holds objects weakly, so a row looked up per
    task was loaded again for every task of a batch."""
    kept: dict[tuple[Any, str], Any] = session.info.setdefault("adapters", {})
    if (model, key) not in kept:
        row = session.get(model, key)
        kept[(model, key)] = None if row is None else read(row)
    return kept[(model, key)]


def stored_task_spec(row: Any) -> TaskSpec:
    """A stored task as matching sees it, from a row holding the task's columns by name
    (with its own weights), its business's ``country`` and its type's ``unit``: for a
    caller that reads them in one query, without loading objects."""
    return TaskSpec(
        task_type=row.task_type,
        volume=row.volume,
        currency=row.budget_currency,
        budget_min=row.budget_min,
        budget_max=row.budget_max,
        skills=tuple(row.skills),
        required_certifications=tuple(row.required_certifications),
        languages=tuple(row.languages),
        coverage=coverage(row.coverage),
        weights=row.weights,
        unit=row.unit or "units",
        country=row.country,
    )


class OfferRow(NamedTuple):
    """One row of :func:`offers_query`, by name: what :func:`to_offers` reads."""

    service_id: str
    vendor_id: str
    vendor_name: str
    task_type: str
    capacity: int
    reserved: int
    min_volume: int
    skills: list[str]
    experience_years: int
    completed_count: int
    pricing_model: str
    pricing_currency: str
    pricing_amount: int
    pricing_units_per_hour: float | None
    pricing_minimum_monthly: int
    languages: list[str]
    certifications: list[str]
    timezone: str
    working_hours: list[dict[str, Any]]
    rating_sum: int
    rating_count: int
    types_offered: int
    target_countries: list[str]
    min_budget: int | None
    min_budget_currency: str | None


@cache  # statements never change once built, and building this one took a millisecond
def offers_query(*, active_only: bool = True) -> Select[Any]:
    """Active services (or all, for a vendor asking about its own) with what matching
    needs of their vendors, as plain columns named and ordered as :class:`OfferRow`."""
    # Counted per row through the vendor_id index rather than joined to a grouped count:
    # with statistics not yet gathered after a bulk insert, PostgreSQL estimated one row
    # and rescanned the grouped count per service (3 s at 10,000 offers, minutes at
    # 100,000); a correlated count costs one index probe per row whatever the estimates.
    sibling = aliased(Service)
    types_offered = (
        select(func.count())
        .where(col(sibling.vendor_id) == col(Service.vendor_id), col(sibling.active))
        .correlate(Service)
        .scalar_subquery()
    )
    columns: dict[str, SQLColumnExpression[Any]] = {
        "service_id": col(Service.id),
        "vendor_id": col(Service.vendor_id),
        "vendor_name": col(Vendor.name),
        "task_type": col(Service.task_type),
        "capacity": col(Service.capacity),
        "reserved": col(Service.reserved),
        "min_volume": col(Service.min_volume),
        "skills": col(Service.skills),
        "experience_years": col(Service.experience_years),
        "completed_count": col(Service.completed_count),
        "pricing_model": col(Service.pricing_model),
        "pricing_currency": col(Service.pricing_currency),
        "pricing_amount": col(Service.pricing_amount),
        "pricing_units_per_hour": col(Service.pricing_units_per_hour),
        "pricing_minimum_monthly": col(Service.pricing_minimum_monthly),
        "languages": col(Vendor.languages),
        "certifications": col(Vendor.certifications),
        "timezone": col(Vendor.timezone),
        "working_hours": col(Vendor.working_hours),
        "rating_sum": col(Vendor.rating_sum),
        "rating_count": col(Vendor.rating_count),
        "types_offered": types_offered,
        "target_countries": col(Service.targeting_countries),
        "min_budget": col(Service.targeting_min_budget_amount),
        "min_budget_currency": col(Service.targeting_min_budget_currency),
    }
    labelled: list[Label[Any]] = [columns[name].label(name) for name in OfferRow._fields]
    query = select(*labelled).join(Vendor, col(Vendor.id) == col(Service.vendor_id))
    return query.where(col(Service.active)) if active_only else query


def load_offers(
    *,
    session: Session,
    task_type: str | None = None,
    service_id: str | None = None,
    vendor_ids: Sequence[str] | None = None,
    active_only: bool = True,
) -> Sequence[Offer]:
    """Active services (of ``task_type``, or just ``service_id``, or of ``vendor_ids``)
    as offers, in one Core query: plain rows, no ORM objects. ``active_only=False`` also
    reads inactive ones (a vendor asking how its paused service would fare)."""
    query = offers_query(active_only=active_only)
    if task_type is not None:
        query = query.where(col(Service.task_type) == task_type)
    if vendor_ids is not None:
        query = query.where(col(Service.vendor_id).in_(vendor_ids))
    if service_id is not None:
        query = query.where(col(Service.id) == service_id)
    return to_offers(session.execute(query))


def to_offers(rows: Iterable[Row[Any]]) -> list[Offer]:
    """Rows of :func:`offers_query` as offers, read by column name. Strings that repeat
    across offers (skills, languages, zones) are interned and identical working hours
    shared, which keeps a large index small."""
    shared = _Shared()
    return [
        Offer(
            service_id=row.service_id,
            vendor_id=row.vendor_id,
            vendor_name=row.vendor_name,
            task_type=shared.text(row.task_type),
            capacity=row.capacity,
            reserved=row.reserved,
            min_volume=row.min_volume,
            skills=shared.texts(row.skills),
            experience_years=row.experience_years,
            completed_count=row.completed_count,
            pricing=Pricing(
                model=PricingModel(row.pricing_model),
                currency=shared.text(row.pricing_currency),
                amount=row.pricing_amount,
                units_per_hour=row.pricing_units_per_hour,
                minimum_monthly=row.pricing_minimum_monthly,
            ),
            languages=shared.texts(row.languages),
            certifications=shared.texts(row.certifications),
            timezone=shared.text(row.timezone),
            working_hours=shared.windows(row.working_hours),
            rating_sum=row.rating_sum,
            rating_count=row.rating_count,
            types_offered=row.types_offered,
            target_countries=shared.texts(row.target_countries),
            min_budget=row.min_budget,
            min_budget_currency=row.min_budget_currency,
        )
        for row in _named(rows)
    ]


def _named(rows: Iterable[Row[Any]]) -> Iterator[OfferRow]:
    """Each row as an :class:`OfferRow`, its names checked once, on the first row. A typed
    tuple rather than the row's own attributes, which SQLAlchemy looks up through the
    result's key map on every access, for every field of every active service."""
    remaining = iter(rows)
    first = next(remaining, None)
    if first is None:
        return iter(())
    if tuple(first._fields) != OfferRow._fields:
        raise ValueError(f"not a row of offers_query(): {first._fields}")
    return map(OfferRow._make, chain((first,), remaining))


class _Shared:
    """One copy of each repeated value: thousands of offers list the same skills."""

    def __init__(self) -> None:
        self._tuples: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._windows: dict[str, tuple[Window, ...]] = {}

    @staticmethod
    def text(value: str) -> str:
        return sys.intern(value)

    def texts(self, values: list[str]) -> tuple[str, ...]:
        key = tuple(sys.intern(v) for v in values)
        return self._tuples.setdefault(key, key)

    def windows(self, raw: list[dict[str, Any]]) -> tuple[Window, ...]:
        key = repr(raw)
        found = self._windows.get(key)
        if found is None:
            found = self._windows[key] = tuple(window(w["days"], w["start"], w["end"]) for w in raw)
        return found
