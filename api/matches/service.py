"""Matching for stored and inline tasks: load offers, rank, shape the response."""

from collections.abc import Collection
from dataclasses import dataclass

from sqlmodel import Session, col, select

from api.errors import FieldError, Invalid
from api.matches import adapters
from api.matches.index import OfferIndex
from api.matches.models import FactorPublic, MatchList, MatchPublic, MatchQuote
from api.settings import Settings
from api.tasks.models import Task, TaskTerms
from api.taxonomy.service import ensure_known
from api.vendors.models import Vendor
from matching import FactorScore, RankedMatch, TaskSpec, rank


@dataclass(frozen=True)
class VendorFacts:
    """What a front end shows beside a match without asking for the vendor."""

    country: str | None = None
    rating: float | None = None
    rating_count: int = 0


def vendor_facts(*, session: Session, vendor_ids: Collection[str]) -> dict[str, VendorFacts]:
    """Country and rating of each vendor, read now (the offer index may be a moment old)."""
    if not vendor_ids:
        return {}
    vendors = session.exec(select(Vendor).where(col(Vendor.id).in_(set(vendor_ids)))).all()
    return {
        vendor.id: VendorFacts(
            country=vendor.country,
            rating=round(vendor.rating_sum / vendor.rating_count, 2)
            if vendor.rating_count
            else None,
            rating_count=vendor.rating_count,
        )
        for vendor in vendors
    }


def _factor(factor: FactorScore) -> FactorPublic:
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
        factors=[_factor(f) for f in match.factors],
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
    try:
        with index.offers(session=session, task_type=spec.task_type) as offers:
            ranking = rank(
                spec,
                offers,
                weights=weights,
                limit=limit,
                min_score=min_score,
                config=settings.match_config(),
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
    task: Task,
    limit: int,
    min_score: float,
) -> MatchList:
    spec = adapters.task_spec(session=session, terms=task, weights=task.weights)
    return _ranked(
        session=session,
        settings=settings,
        index=index,
        spec=spec,
        weights=None,
        limit=limit,
        min_score=min_score,
    )


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
