"""The one place that turns database rows and request bodies into matching's dataclasses."""

import sys
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Row, Select, func, select
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
        business = session.get(Business, terms.business_id)
        country = business.country if business else None
    else:
        currency, low, high = terms.budget.currency, terms.budget.min, terms.budget.max
        raw_coverage = terms.coverage.model_dump(mode="json") if terms.coverage else None
    task_type = session.get(TaskType, terms.task_type)
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
        unit=task_type.unit if task_type else "units",
        country=country,
    )


def offers_query(*, active_only: bool = True) -> Select[Any]:
    """Active services (or all, for a vendor asking about its own) with what matching
    needs of their vendors, as plain columns."""
    types_offered = (
        select(Service.vendor_id, func.count().label("n"))
        .where(col(Service.active))
        .group_by(col(Service.vendor_id))
        .subquery()
    )
    query = (
        select(
            Service.id,
            Service.vendor_id,
            Vendor.name,
            Service.capacity,
            Service.reserved,
            Service.min_volume,
            Service.skills,
            Service.experience_years,
            Service.completed_count,
            Service.pricing_model,
            Service.pricing_currency,
            Service.pricing_amount,
            Service.pricing_units_per_hour,
            Service.pricing_minimum_monthly,
            Vendor.languages,
            Vendor.certifications,
            Vendor.timezone,
            Vendor.working_hours,
            Vendor.rating_sum,
            Vendor.rating_count,
            func.coalesce(types_offered.c.n, 0),
            Service.task_type,
            Service.targeting_countries,
            Service.targeting_min_budget_amount,
            Service.targeting_min_budget_currency,
        )
        .join(Vendor, col(Vendor.id) == col(Service.vendor_id))
        .outerjoin(types_offered, types_offered.c.vendor_id == col(Service.vendor_id))
    )
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
    """Rows of :func:`offers_query` as offers. Strings that repeat across offers (skills,
    languages, zones) are interned and identical working hours shared, which keeps a large
    index small."""
    shared = _Shared()
    return [
        Offer(
            service_id=row[0],
            vendor_id=row[1],
            vendor_name=row[2],
            task_type=shared.text(row[21]),
            capacity=row[3],
            reserved=row[4],
            min_volume=row[5],
            skills=shared.texts(row[6]),
            experience_years=row[7],
            completed_count=row[8],
            pricing=Pricing(
                model=PricingModel(row[9]),
                currency=shared.text(row[10]),
                amount=row[11],
                units_per_hour=row[12],
                minimum_monthly=row[13],
            ),
            languages=shared.texts(row[14]),
            certifications=shared.texts(row[15]),
            timezone=shared.text(row[16]),
            working_hours=shared.windows(row[17]),
            rating_sum=row[18],
            rating_count=row[19],
            types_offered=row[20],
            target_countries=shared.texts(row[22]),
            min_budget=row[23],
            min_budget_currency=row[24],
        )
        for row in rows
    ]


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
