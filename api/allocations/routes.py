"""Allocation routes: place many tasks at once, and commit a dry run."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, status

from api.allocations import service
from api.allocations.models import (
    Allocation,
    AllocationCreate,
    AllocationPublic,
    AllocationRefused,
)
from api.deps import CurrentPrincipal, Now, OfferIndexDep, SessionDep, SettingsDep
from api.errors import problems

router = APIRouter(tags=["Allocations"])

AllocationId = Annotated[str, Path(max_length=40, description="The allocation's id.")]

_REFUSED = (
    AllocationRefused,
    "Some assignments no longer fit (capacity moved, a task changed, a service left, the "
    "business holds its most unanswered proposals): `assignments` names each, and nothing "
    "was proposed. Or the dry run is already committed or has expired.",
)


def _allocation(
    allocation_id: AllocationId, principal: CurrentPrincipal, session: SessionDep
) -> Allocation:
    return service.get_visible(session=session, principal=principal, allocation_id=allocation_id)


@router.post(
    "/v1/allocations",
    status_code=status.HTTP_201_CREATED,
    summary="Allocate many tasks at once",
    responses=problems(400, 401, 403, 409, 413, 415, 422, models={409: _REFUSED}),
)
def create_allocation(
    body: AllocationCreate,
    principal: CurrentPrincipal,
    session: SessionDep,
    settings: SettingsDep,
    index: OfferIndexDep,
    now: Now,
) -> AllocationPublic:
    """Place up to 5,000 tasks at once, each on at most one service, so that no
    service takes more volume than it has available and the sum of match scores is as high
    as the solver finds, with `upper_bound` (from the LP relaxation) saying how high it
    could be at most. Services and scores are exactly those ranking lists for each task.
    Tasks that get no service are listed in `unassigned` with the reason.

    By default nothing is proposed: the dry run is kept for
    `OFFLOAD_ALLOCATION_TTL_SECONDS` (15 minutes) to commit. With `"commit": true` the
    assignments are proposed at once, all or nothing. See docs/allocation.md.

    Roles: admin (any tasks), partner (its businesses' tasks), business (its own tasks).
    """
    created = service.create(
        session=session,
        settings=settings,
        index=index,
        principal=principal,
        task_ids=body.task_ids,
        commit=body.commit,
        now=now,
    )
    return AllocationPublic.of(created)


@router.post(
    "/v1/allocations/{allocation_id}/commit",
    summary="Commit an allocation",
    responses=problems(401, 403, 404, 409, 422, models={409: _REFUSED}),
)
def commit_allocation(
    allocation: Annotated[Allocation, Depends(_allocation)],
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
) -> AllocationPublic:
    """Propose exactly the dry run's assignments as engagements, in one transaction, each
    under the rules and capacity checks of a single proposal. If any no longer fits, the
    409 names each and nothing is proposed.

    Roles: admin, and the partner or business that every task of the allocation belongs to.
    """
    return AllocationPublic.of(
        service.commit_allocation(
            session=session, settings=settings, allocation=allocation, now=now
        )
    )
