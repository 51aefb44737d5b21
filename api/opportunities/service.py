"""Opportunities: the listed open tasks one service could win, and what it misses."""

import json
from typing import Any, NamedTuple

from sqlalchemy import Text, bindparam, cast, select
from sqlmodel import Session, col

from api.businesses.models import Business
from api.matches import adapters
from api.matches.index import OfferIndex
from api.matches.models import MatchQuote
from api.opportunities.models import ListedTask, OpportunityList, OpportunityPublic, PriceStep
from api.services import service as services
from api.settings import Settings
from api.tasks.models import BudgetPublic, Coverage, Task, TaskStatus, Visibility
from api.taxonomy.models import TaskType
from api.vendors.models import Vendor
from matching import MATCHING_VERSION, TaskSet
from matching.opportunities import opportunities


class Listed(NamedTuple):
    """A listed open task as vendors may see it and matching reads it: its terms, its
    business's country and time zone, its type's unit."""

    id: str
    task_type: str
    volume: int
    budget_currency: str
    budget_min: int
    budget_max: int
    skills: list[str]
    required_certifications: list[str]
    languages: list[str]
    coverage: dict[str, Any] | None
    weights: dict[str, float] | None
    country: str
    timezone: str
    unit: str | None


# Read as text and decoded here, once per distinct value: a listing's thousands of tasks
# repeat a few skill lists and mostly have no coverage or weights, and decoding every
# value took a third of the request.
_JSON = ("skills", "required_certifications", "languages", "coverage", "weights")
_COLUMNS: dict[str, Any] = {
    **{name: getattr(Task, name) for name in Listed._fields[:6]},
    **{name: cast(getattr(Task, name), Text) for name in _JSON},
    "country": Business.country,
    "timezone": Business.timezone,
    "unit": TaskType.unit,
}
# Built once: a statement's cache key is quicker to take than the statement is to build.
_LISTED = (
    select(*(column.label(name) for name, column in _COLUMNS.items()))
    .select_from(Task)
    .join(Business, col(Business.id) == col(Task.business_id))
    .outerjoin(TaskType, col(TaskType.key) == col(Task.task_type))
    .where(
        col(Task.task_type) == bindparam("task_type"),
        col(Task.visibility) == Visibility.listed.value,
        col(Task.status) == TaskStatus.open.value,
    )
    .order_by(col(Task.id))
)
assert tuple(_COLUMNS) == Listed._fields
_JSON_AT = [Listed._fields.index(name) for name in _JSON]


def listed_open(*, session: Session, task_type: str) -> list[Listed]:
    """The tasks vendors may see, of one type, by id: one query of plain columns. A
    listing holds thousands of tasks, and loading each as an object (with a lookup or two
    per task) cost several times the ranking. Equal JSON values decode to one shared object,
    which nothing here changes."""
    decoded: dict[str | None, Any] = {None: None}

    def decode(text: str | None) -> Any:
        try:
            return decoded[text]
        except KeyError:
            value = decoded[text] = json.loads(text)  # type: ignore[arg-type]
            return value

    listed = []
    for row in session.connection().execute(_LISTED, {"task_type": task_type}):
        values = list(row)
        for i in _JSON_AT:
            values[i] = decode(values[i])
        listed.append(Listed(*values))
    return listed


def listed_task(row: Listed) -> ListedTask:
    """The privacy rule in one place: terms, country and time zone; nothing that names
    the business."""
    return ListedTask(
        task_type=row.task_type,
        volume=row.volume,
        budget=BudgetPublic(currency=row.budget_currency, min=row.budget_min, max=row.budget_max),
        skills=row.skills,
        required_certifications=row.required_certifications,
        languages=row.languages,
        coverage=Coverage.model_validate(row.coverage) if row.coverage else None,
        country=row.country,
        timezone=row.timezone,
    )


def for_service(
    *,
    session: Session,
    settings: Settings,
    index: OfferIndex,
    vendor: Vendor,
    service_id: str,
    limit: int,
) -> OpportunityList:
    service = services.get(session=session, vendor=vendor, service_id=service_id)
    listed = listed_open(session=session, task_type=service.task_type)
    tasks = TaskSet([adapters.stored_task_spec(row) for row in listed])
    (offer,) = adapters.load_offers(session=session, service_id=service.id, active_only=False)
    # The index hands out offers that later changes never touch (it patches a copy), so
    # nothing is held or copied while every eligible task is ranked; and this is not a
    # match, so it is not timed as one.
    pool = index.snapshot(session=session, task_type=service.task_type).offers
    # Ranking costs about one pass over the offers per eligible task: bounded so that one
    # request holds a worker for a bounded time however large the pool and the listing.
    found = opportunities(
        tasks,
        pool,
        offer,
        config=settings.match_config(),
        rank_at_most=max(1, settings.opportunities_ranked_pairs // max(pool.n, 1)),
    )
    return OpportunityList(
        data=[
            OpportunityPublic(
                task_id=listed[o.task].id,
                rank=o.rank,
                eligible_offers=o.eligible_offers,
                score=o.score,
                quote=MatchQuote(amount=o.quote, currency=listed[o.task].budget_currency),
                task=listed_task(listed[o.task]),
            )
            for o in found.found[:limit]
        ],
        service_id=service.id,
        task_type=service.task_type,
        listed_tasks=found.tasks,
        eligible=found.eligible,
        ranked=len(found.found),
        missed=found.missed,
        price_sensitivity=[
            PriceStep(discount_percent=percent, more_tasks=more)
            for percent, more in found.more_at_discount.items()
        ],
        scoring_version=MATCHING_VERSION,
    )
