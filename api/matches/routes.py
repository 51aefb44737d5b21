"""Match routes."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import State

from api.auth import require_role
from api.deps import (
    CurrentPrincipal,
    ExactCapacity,
    OfferIndexDep,
    SessionDep,
    SettingsDep,
)
from api.errors import problems
from api.keys.models import Role
from api.matches import service
from api.matches.deps import AskedTask, TaskAsked, load_matched_task, read_session
from api.matches.models import MAX_MATCHES, MatchList, MatchRequest, StandingPublic

router = APIRouter(tags=["Matches"])


@router.get(
    "/v1/tasks/{task_id}/matches",
    summary="Match a stored task",
    response_model=MatchList,
    responses=problems(401, 403, 404, 422),
)
async def list_task_matches(
    asked: AskedTask,
    request: Request,
    response: Response,
    limit: Annotated[int, Query(ge=1, le=MAX_MATCHES, description="How many, 1-100.")] = 20,
    min_score: Annotated[
        float, Query(ge=0, le=1, allow_inf_nan=False, description="Leave out weaker matches.")
    ] = 0.0,
) -> Response:
    """Rank the vendors for a stored task profile, best first, each with its quote and a
    sentence per factor; also how many were excluded and why. Uses the task's own weights
    over the defaults. Reflects capacity and ratings as they are now.

    Roles: admin, the owning partner, the business itself.
    """
    # Everything that touches the database in one trip to a worker thread: a busy route
    # would otherwise spend more on the trips than on a cached answer.
    body = await run_in_threadpool(_matches, request.app.state, asked, limit, min_score)
    # Already JSON of a MatchList: not validated and encoded a second time.
    answer = Response(body, media_type="application/json")
    answer.headers.raw.extend(response.headers.raw)  # the caller's rate limit
    return answer


def _matches(state: State, asked: TaskAsked, limit: int, min_score: float) -> bytes:
    """A stored task's matches as response JSON, in a read session of their own."""
    with read_session(state.engine) as session:
        matched = load_matched_task(
            session=session,
            engine=state.engine,
            deadlines=state.deadlines,
            principal=asked.principal,
            task_id=asked.task_id,
            now=asked.now,
        )
        body = service.for_task(
            session=session,
            settings=state.settings,
            index=state.offer_index,
            cache=state.match_cache,
            spec=matched.spec,
            position=matched.position,
            limit=limit,
            min_score=min_score,
            now=asked.now,
        )
    return body


@router.get(
    "/v1/tasks/{task_id}/matches/{service_id}",
    summary="How one service fares on a task",
    dependencies=[ExactCapacity],
    responses=problems(401, 404, 422),
)
def get_task_match(
    task_id: Annotated[str, Path(max_length=40, description="The task profile's id.")],
    service_id: Annotated[str, Path(max_length=40, description="The service's id.")],
    principal: CurrentPrincipal,
    session: SessionDep,
    settings: SettingsDep,
    index: OfferIndexDep,
) -> StandingPublic:
    """Whether the service is eligible for the task, its rank among all eligible offers
    (its place in the full ranking) or null, its score, quote and factors, and every hard
    constraint it fails, each with the smallest change that clears it. Answers for
    services that did not make the list, and for paused ones.

    Roles: the task's business side (admin, the owning partner, the business itself) for
    any service; the service's vendor side (its partner, the vendor itself) while the task
    is listed and open. Anyone else gets 404.
    """
    return service.standing_for(
        session=session,
        settings=settings,
        index=index,
        principal=principal,
        task_id=task_id,
        service_id=service_id,
    )


@router.post(
    "/v1/matches",
    summary="Match an inline task",
    response_model=MatchList,
    responses=problems(400, 401, 403, 413, 415, 422),
    dependencies=[ExactCapacity],
)
def match_inline(
    body: MatchRequest,
    principal: CurrentPrincipal,
    session: SessionDep,
    settings: SettingsDep,
    index: OfferIndexDep,
) -> Response:
    """Rank the vendors for a task described in the request. Nothing is stored, so this
    suits what-if questions ("what if my budget were 600.00?").

    Roles: admin, partner, business.
    """
    require_role(principal, Role.admin, Role.partner, Role.business, action="ask for matches")
    found = service.for_inline(
        session=session,
        settings=settings,
        index=index,
        terms=body.task,
        weights={str(k): v for k, v in body.weights.items()} if body.weights else None,
        limit=body.limit,
        min_score=body.min_score,
    )
    return Response(found.model_dump_json(), media_type="application/json")
