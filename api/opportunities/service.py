"""Opportunities: the listed open tasks one service could win, and what it misses."""

from sqlmodel import Session, col, select

from api.businesses.models import Business
from api.matches import adapters
from api.matches.index import OfferIndex
from api.matches.models import MatchQuote
from api.opportunities.models import ListedTask, OpportunityList, OpportunityPublic, PriceStep
from api.services import service as services
from api.settings import Settings
from api.tasks.models import BudgetPublic, Coverage, Task, TaskStatus, Visibility
from api.vendors.models import Vendor
from matching import MATCHING_VERSION, TaskSet
from matching.opportunities import opportunities


def listed_open(*, session: Session, task_type: str) -> list[tuple[Task, Business]]:
    """The tasks vendors may see, of one type, by id: one query, businesses alongside."""
    rows = session.exec(
        select(Task, Business)
        .join(Business)
        .where(
            col(Task.task_type) == task_type,
            col(Task.visibility) == Visibility.listed.value,
            col(Task.status) == TaskStatus.open.value,
        )
        .order_by(col(Task.id))
    ).all()
    return [(task, business) for task, business in rows]


def listed_task(task: Task, business: Business) -> ListedTask:
    """The privacy rule in one place: terms, country and time zone; nothing that names
    the business."""
    return ListedTask(
        task_type=task.task_type,
        volume=task.volume,
        budget=BudgetPublic(
            currency=task.budget_currency, min=task.budget_min, max=task.budget_max
        ),
        skills=task.skills,
        required_certifications=task.required_certifications,
        languages=task.languages,
        coverage=Coverage.model_validate(task.coverage) if task.coverage else None,
        country=business.country,
        timezone=business.timezone,
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
    tasks = TaskSet(
        [
            adapters.task_spec(session=session, terms=task, weights=task.weights)
            for task, _ in listed
        ]
    )
    (offer,) = adapters.load_offers(session=session, service_id=service.id, active_only=False)
    # Locks around state, not work: the index is held only while it is copied, so
    # matches in this worker are not kept waiting while every eligible task is ranked.
    with index.offers(session=session, task_type=service.task_type) as pool:
        snapshot = pool.snapshot()
    # Ranking costs about one pass over the offers per eligible task: bounded so that one
    # request holds a worker for a bounded time however large the pool and the listing.
    found = opportunities(
        tasks,
        snapshot,
        offer,
        config=settings.match_config(),
        rank_at_most=max(1, settings.opportunities_ranked_pairs // max(snapshot.n, 1)),
    )
    return OpportunityList(
        data=[
            OpportunityPublic(
                task_id=listed[o.task][0].id,
                rank=o.rank,
                eligible_offers=o.eligible_offers,
                score=o.score,
                quote=MatchQuote(amount=o.quote, currency=listed[o.task][0].budget_currency),
                task=listed_task(*listed[o.task]),
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
