"""Matching for stored and inline tasks: load offers, rank, shape the response; and how
one service fares on one task."""

import time
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from api.auth import Principal, owns
from api.businesses.models import Business
from api.errors import FieldError, Invalid, NotFound
from api.matches import adapters
from api.matches.cache import MatchCache
from api.matches.changes import Position
from api.matches.index import OfferIndex
from api.matches.models import (
    BlockerPublic,
    ChangePublic,
    FactorPublic,
    MatchList,
    MatchPublic,
    MatchQuote,
    StandingPublic,
)
from api.services.models import Service
from api.settings import Settings
from api.tasks.models import Task, TaskStatus, TaskTerms, Visibility
from api.taxonomy.service import ensure_known
from api.vendors.models import Vendor
from matching import (
    MATCHING_VERSION,
    Blocker,
    Change,
    FactorScore,
    OfferSet,
    RankedMatch,
    TaskSpec,
    rank,
)
from matching.standing import standing


@dataclass(frozen=True)
class VendorFacts:
    """What a front end shows beside a match without asking for the vendor."""

    country: str | None = None
    rating: float | None = None
    rating_count: int = 0


# Built once, as plain columns: twenty vendor objects cost more to load than to rank.
_FACTS = select(
    col(Vendor.id), col(Vendor.country), col(Vendor.rating_sum), col(Vendor.rating_count)
).where(col(Vendor.id).in_(bindparam("ids", expanding=True)))


def vendor_facts(*, session: Session, vendor_ids: Collection[str]) -> dict[str, VendorFacts]:
    """Country and rating of each vendor, read now (the offer index may be a moment old)."""
    if not vendor_ids:
        return {}
    rows = session.connection().execute(_FACTS, {"ids": sorted(set(vendor_ids))})
    return {
        vendor_id: VendorFacts(
            country=country,
            rating=round(rating_sum / rating_count, 2) if rating_count else None,
            rating_count=rating_count,
        )
        for vendor_id, country, rating_sum, rating_count in rows
    }


def factor_public(factor: FactorScore) -> FactorPublic:
    counted = factor.weight > 0
    detail = factor.detail if counted else f"not counted (weight 0): {factor.detail}"
    return FactorPublic(
        name=factor.name, score=factor.score, weight=factor.weight, detail=detail, counted=counted
    )


def match_public(match: RankedMatch, facts: VendorFacts | None = None) -> MatchPublic:
    """One ranked match as the API answers it."""
    facts = facts or VendorFacts()
    return MatchPublic(
        rank=match.rank,
        vendor_id=match.vendor_id,
        vendor_name=match.vendor_name,
        vendor_country=facts.country,
        vendor_rating=facts.rating,
        vendor_rating_count=facts.rating_count,
        service_id=match.service_id,
        score=match.score,
        quote=MatchQuote(amount=match.quote.amount, currency=match.quote.currency),
        factors=[factor_public(f) for f in match.factors],
    )


def _ranked(
    *,
    session: Session,
    settings: Settings,
    index: OfferIndex,
    spec: TaskSpec,
    weights: dict[str, float] | None,
    limit: int,
    min_score: float,
) -> MatchList:
    with index.offers(session=session, task_type=spec.task_type) as offers:
        return _ranked_on(
            offers,
            session=session,
            settings=settings,
            spec=spec,
            weights=weights,
            limit=limit,
            min_score=min_score,
        )


def _ranked_on(
    offers: OfferSet,
    *,
    session: Session,
    settings: Settings,
    spec: TaskSpec,
    weights: dict[str, float] | None,
    limit: int,
    min_score: float,
    at: datetime | None = None,
) -> MatchList:
    try:
        ranking = rank(
            spec,
            offers,
            weights=weights,
            limit=limit,
            min_score=min_score,
            config=settings.match_config(),
            at=at,
        )
    except ValueError as exc:  # weights that, merged, leave nothing to score by
        raise Invalid(
            str(exc), errors=[FieldError(field="body.weights", message=str(exc), code="weights")]
        ) from exc
    facts = vendor_facts(session=session, vendor_ids=[m.vendor_id for m in ranking.matches])
    return MatchList(
        data=[match_public(m, facts.get(m.vendor_id)) for m in ranking.matches],
        excluded=ranking.excluded,
        weights=ranking.weights.as_dict(),
        candidates=ranking.candidates,
        eligible=ranking.eligible,
        scoring_version=ranking.version,
        hints=list(ranking.hints),
    )


def for_task(
    *,
    session: Session,
    settings: Settings,
    index: OfferIndex,
    cache: MatchCache,
    spec: TaskSpec,
    position: Position | None,
    limit: int,
    min_score: float,
    now: datetime,
) -> bytes:
    """A stored task's matches (``spec``, with its own weights) as response JSON: from
    ``cache`` when nothing the answer depends on has changed since it was computed
    (api/matches/cache.py says what that is)."""
    started = time.perf_counter()
    taken = index.snapshot(session=session, task_type=spec.task_type, position=position)
    config = settings.match_config()
    key = (
        repr(spec),
        repr(config),
        taken.database_id,
        taken.version,
        limit,
        min_score,
        _days(spec, now),
    )
    # The vendors' facts are read in the request's snapshot of the database: only an answer
    # whose snapshot is the offers' own is kept (another thread may have moved the index on).
    cacheable = position is None or position.version == taken.version
    body = cache.get(key) if cacheable else None
    if body is None:
        ranking_from = time.perf_counter()
        found = _ranked_on(
            taken.offers,
            session=session,
            settings=settings,
            spec=spec,
            weights=None,
            limit=limit,
            min_score=min_score,
            at=now,
        )
        body = found.model_dump_json().encode()
        if cacheable:
            cache.put(key, body)
        done = time.perf_counter()
        index.observe(
            spec.task_type, taken, refresh=ranking_from - started, ranking=done - ranking_from
        )
    return body


def _days(spec: TaskSpec, now: datetime) -> tuple[date, ...]:
    """The days time-zone overlap is computed from at ``now`` (matching.constraints.check):
    the UTC one, and the one where the task wants its hours covered."""
    if spec.coverage is None:
        return ()
    return now.astimezone(UTC).date(), now.astimezone(ZoneInfo(spec.coverage.timezone)).date()


def for_inline(
    *,
    session: Session,
    settings: Settings,
    index: OfferIndex,
    terms: TaskTerms,
    weights: dict[str, float] | None,
    limit: int,
    min_score: float,
) -> MatchList:
    ensure_known(session=session, key=terms.task_type, field="body.task.task_type")
    spec = adapters.task_spec(session=session, terms=terms, weights=None)
    return _ranked(
        session=session,
        settings=settings,
        index=index,
        spec=spec,
        weights=weights,
        limit=limit,
        min_score=min_score,
    )


def visible_to_vendors(task: Task) -> bool:
    """The privacy rule: vendors see a task only while it is listed and open."""
    return task.visibility == Visibility.listed and task.status == TaskStatus.open


def _pair(
    *, session: Session, principal: Principal, task_id: str, service_id: str
) -> tuple[Task, Service]:
    """The task and the service, if the caller may ask how one fares on the other: the
    business side of the task for any service, the vendor side of the service on a task
    vendors may see. Anything else is a 404 that says nothing of which one exists."""
    task_row = session.exec(
        select(Task, Business.partner_id).join(Business).where(Task.id == task_id)
    ).first()
    service_row = session.exec(
        select(Service, Vendor.partner_id).join(Vendor).where(Service.id == service_id)
    ).first()
    if task_row is not None and service_row is not None:
        task, business_partner = task_row
        service, vendor_partner = service_row
        if owns(principal, partner_id=business_partner, business_id=task.business_id):
            return task, service
        if visible_to_vendors(task) and owns(
            principal, partner_id=vendor_partner, vendor_id=service.vendor_id
        ):
            return task, service
    raise NotFound(f"No task '{task_id}' with a service '{service_id}' is visible to this key.")


def blocker_public(blocker: Blocker) -> BlockerPublic:
    return BlockerPublic(
        reason=blocker.reason,
        detail=blocker.detail,
        fix=blocker.fix,
        changes=[
            ChangePublic(target=c.target, field=c.field, op=c.op, value=c.value)
            for c in blocker.changes
        ],
    )


def _outside_matching(task: Task, service: Service) -> list[Blocker]:
    """What keeps a service out before any constraint: another type, or paused."""
    found = []
    if service.task_type != task.task_type:
        found.append(
            Blocker(
                reason="task_type",
                detail=f"the service offers {service.task_type}, and this task is {task.task_type}",
                fix=f"offer {task.task_type} in a service of its own",
                changes=(),
            )
        )
    if not service.active:
        found.append(
            Blocker(
                reason="inactive",
                detail="the service is not active, so it is never matched",
                fix="set active to true",
                changes=(Change("service", "active", "set", True),),
            )
        )
    return found


def standing_for(
    *,
    session: Session,
    settings: Settings,
    index: OfferIndex,
    principal: Principal,
    task_id: str,
    service_id: str,
) -> StandingPublic:
    task, service = _pair(
        session=session, principal=principal, task_id=task_id, service_id=service_id
    )
    spec = adapters.task_spec(session=session, terms=task, weights=task.weights)
    (offer,) = adapters.load_offers(session=session, service_id=service.id, active_only=False)
    with index.offers(session=session, task_type=task.task_type) as pool:
        found = standing(spec, pool, offer, config=settings.match_config())
    outside = _outside_matching(task, service)
    blockers = [*outside, *found.blockers]
    eligible_offers = found.eligible_offers
    if outside and found.eligible:  # counted as eligible, though the pool does not hold it
        eligible_offers -= 1
    return StandingPublic(
        task_id=task.id,
        service_id=service.id,
        vendor_id=service.vendor_id,
        eligible=not blockers,
        rank=None if blockers else found.rank,
        eligible_offers=eligible_offers,
        score=found.score,
        quote=MatchQuote(amount=found.quote.amount, currency=found.quote.currency),
        factors=[factor_public(f) for f in found.factors],
        blockers=[blocker_public(b) for b in blockers],
        scoring_version=MATCHING_VERSION,
    )
