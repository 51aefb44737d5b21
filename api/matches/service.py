"""Matching for stored and inline tasks: load offers, rank, shape the response."""

from sqlmodel import Session

from api.errors import FieldError, Invalid
from api.matches import adapters
from api.matches.index import OfferIndex
from api.matches.models import FactorPublic, MatchList, MatchPublic, Quote
from api.settings import Settings
from api.tasks.models import Task, TaskTerms
from api.taxonomy.service import ensure_known
from matching import RankedMatch, TaskSpec, rank


def match_public(match: RankedMatch) -> MatchPublic:
    """One ranked match as the API answers it."""
    return MatchPublic(
        rank=match.rank,
        vendor_id=match.vendor_id,
        vendor_name=match.vendor_name,
        service_id=match.service_id,
        score=match.score,
        quote=Quote(amount=match.quote.amount, currency=match.quote.currency),
        factors=[
            FactorPublic(name=f.name, score=f.score, weight=f.weight, detail=f.detail)
            for f in match.factors
        ],
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
    return MatchList(
        data=[match_public(m) for m in ranking.matches],
        excluded=ranking.excluded,
        weights=ranking.weights.as_dict(),
        candidates=ranking.candidates,
        eligible=ranking.eligible,
        scoring_version=ranking.version,
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
