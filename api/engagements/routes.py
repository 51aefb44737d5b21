"""Engagement routes: propose on a match, answer, end, and read the history."""

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response, status

from api.deps import CurrentPrincipal, ExactCapacity, Now, SessionDep, SettingsDep
from api.engagements import service
from api.engagements.models import (
    Engagement,
    EngagementCompletion,
    EngagementCreate,
    EngagementPublic,
    EngagementStatus,
    ProposalRefused,
)
from api.errors import problems
from api.etags import tagged
from api.pagination import Page, PageDep
from api.tasks.deps import LoadedTask
from api.vendors import service as vendors
from api.vendors.models import Vendor

router = APIRouter(tags=["Engagements"], dependencies=[ExactCapacity])


class EngagementList(Page[EngagementPublic]):
    """A page of engagements."""


EngagementId = Annotated[str, Path(max_length=40, description="The engagement's id.")]
VendorId = Annotated[str, Path(max_length=40, description="The vendor's id.")]
StatusFilter = Annotated[
    EngagementStatus | None, Query(description="Only engagements in this status.")
]


def _vendor(vendor_id: VendorId, principal: CurrentPrincipal, session: SessionDep) -> Vendor:
    return vendors.get_editable(
        session=session, principal=principal, vendor_id=vendor_id, action="read engagements"
    )


def _loader(side: str) -> Callable[..., Engagement]:
    def load(
        engagement_id: EngagementId, principal: CurrentPrincipal, session: SessionDep
    ) -> Engagement:
        return service.get_visible(
            session=session, principal=principal, engagement_id=engagement_id, side=side
        )

    return load


AnySide = Annotated[Engagement, Depends(_loader("either"))]
BusinessSide = Annotated[Engagement, Depends(_loader("business"))]
VendorSide = Annotated[Engagement, Depends(_loader("vendor"))]


@router.post(
    "/v1/tasks/{task_id}/engagements",
    status_code=status.HTTP_201_CREATED,
    summary="Propose an engagement",
    responses=problems(
        400,
        401,
        403,
        404,
        409,
        413,
        415,
        422,
        models={
            409: (
                ProposalRefused,
                "The proposal breaks a rule: the service fails a hard constraint (`blockers` "
                "names each), the pair is cooling down (`available_at`), the business holds "
                "its most unanswered proposals, the task is not open, or the service has no "
                "room.",
            )
        },
    ),
)
def create_engagement(
    task: LoadedTask,
    body: EngagementCreate,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
    response: Response,
) -> EngagementPublic:
    """Propose that a matched service take the task on. The task's volume is reserved on the
    service at once, so the next match already sees less capacity; 409 if it no longer fits,
    if the task is not open, or if the task already has a live engagement. The vendor has
    `OFFLOAD_ENGAGEMENT_TTL_SECONDS` to answer before the proposal expires.

    What would not match cannot be proposed: the service must pass every hard constraint
    matching applies (budget with its tolerance, minimum volume, language, certifications,
    currency, coverage overlap, capacity), or the 409 lists each it fails in `blockers`. A
    pair the vendor declined or let expire cannot be proposed again for
    `OFFLOAD_PROPOSAL_COOLDOWN_SECONDS` (the 409 says until when in `available_at`), and a
    business holds at most `OFFLOAD_MAX_OPEN_PROPOSALS` unanswered proposals.

    Roles: admin, the owning partner, the business itself.
    """
    created = service.propose(
        session=session, settings=settings, task=task, service_id=body.service_id, now=now
    )
    response.headers["Location"] = f"/v1/engagements/{created.id}"
    return EngagementPublic.of(created)


@router.get(
    "/v1/tasks/{task_id}/engagements",
    summary="List a task's engagements",
    responses=problems(401, 403, 404, 422),
)
def list_task_engagements(
    task: LoadedTask,
    session: SessionDep,
    page: PageDep,
    status: StatusFilter = None,
) -> EngagementList:
    """The task's engagements, live and ended, oldest first.

    Roles: admin, the owning partner, the business itself.
    """
    rows, cursor = service.list_for(session=session, task=task, page=page, status=status)
    return EngagementList(data=[EngagementPublic.of(e) for e in rows], next_cursor=cursor)


@router.get(
    "/v1/vendors/{vendor_id}/engagements",
    summary="List a vendor's engagements",
    responses=problems(401, 403, 404, 422),
)
def list_vendor_engagements(
    vendor: Annotated[Vendor, Depends(_vendor)],
    session: SessionDep,
    page: PageDep,
    status: StatusFilter = None,
) -> EngagementList:
    """The vendor's engagements, oldest first; `?status=proposed` is its inbox.

    Roles: admin, the owning partner, the vendor itself.
    """
    rows, cursor = service.list_for(session=session, vendor=vendor, page=page, status=status)
    return EngagementList(data=[EngagementPublic.of(e) for e in rows], next_cursor=cursor)


@router.get(
    "/v1/engagements/{engagement_id}",
    summary="Get an engagement",
    responses=problems(401, 404, 422),
)
def get_engagement(engagement: AnySide, response: Response) -> EngagementPublic:
    """One engagement, with its ETag.

    Roles: admin; the business side (the business, its partner); the vendor side (the
    vendor, its partner).
    """
    return tagged(response, EngagementPublic.of(engagement))


_TRANSITION_ERRORS = problems(401, 403, 404, 409, 422)


@router.post(
    "/v1/engagements/{engagement_id}/accept",
    summary="Accept an engagement",
    responses=_TRANSITION_ERRORS,
)
def accept_engagement(engagement: VendorSide, session: SessionDep, now: Now) -> EngagementPublic:
    """The vendor takes the work on: `proposed` -> `active`. 409 from any other status,
    including a proposal that has expired.

    Roles: admin, the vendor, its partner.
    """
    return EngagementPublic.of(service.accept(session=session, engagement=engagement, now=now))


@router.post(
    "/v1/engagements/{engagement_id}/decline",
    summary="Decline an engagement",
    responses=_TRANSITION_ERRORS,
)
def decline_engagement(engagement: VendorSide, session: SessionDep, now: Now) -> EngagementPublic:
    """The vendor turns the work down: `proposed` -> `declined`; the capacity is released.

    Roles: admin, the vendor, its partner.
    """
    return EngagementPublic.of(service.decline(session=session, engagement=engagement, now=now))


@router.post(
    "/v1/engagements/{engagement_id}/cancel",
    summary="Cancel an engagement",
    responses=_TRANSITION_ERRORS,
)
def cancel_engagement(engagement: BusinessSide, session: SessionDep, now: Now) -> EngagementPublic:
    """The business calls it off: `proposed` or `active` -> `cancelled`; the capacity is
    released.

    Roles: admin, the business, its partner.
    """
    return EngagementPublic.of(service.cancel(session=session, engagement=engagement, now=now))


@router.post(
    "/v1/engagements/{engagement_id}/complete",
    summary="Complete an engagement",
    responses=problems(400, 401, 403, 404, 409, 413, 415, 422),
)
def complete_engagement(
    engagement: BusinessSide, body: EngagementCompletion, session: SessionDep, now: Now
) -> EngagementPublic:
    """The business closes the work and rates it 1-5: `active` -> `completed`. The capacity is
    released and the rating joins the vendor's reputation in the same transaction. An
    engagement is rated once.

    Roles: admin, the business, its partner.
    """
    return EngagementPublic.of(
        service.complete(session=session, engagement=engagement, data=body, now=now)
    )
