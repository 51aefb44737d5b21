"""Opportunities route, under the service it is about."""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import CurrentPrincipal, OfferIndexDep, SessionDep, SettingsDep
from api.errors import problems
from api.opportunities import service
from api.opportunities.models import OpportunityList
from api.pagination import MAX_LIMIT
from api.vendors import service as vendors

router = APIRouter(tags=["Services"])


@router.get(
    "/v1/vendors/{vendor_id}/services/{service_id}/opportunities",
    summary="Listed tasks a service could win",
    responses=problems(401, 403, 404, 422),
)
def list_service_opportunities(
    vendor_id: Annotated[str, Path(max_length=40, description="The vendor's id.")],
    service_id: Annotated[str, Path(max_length=40, description="The service's id.")],
    principal: CurrentPrincipal,
    session: SessionDep,
    settings: SettingsDep,
    index: OfferIndexDep,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="How many opportunities, 1-100.")
    ] = 20,
) -> OpportunityList:
    """The listed open tasks of the service's type it is eligible for, best rank first,
    each with the task's terms (the business's country and time zone, never who it is),
    the service's rank, score and quote; how many listed tasks excluded it, per reason;
    and how many more it would be eligible for at 5%, 10% and 20% lower prices. A paused
    service is answered as if it were active.

    Roles: admin, the owning partner, the vendor itself.
    """
    vendor = vendors.get_editable(
        session=session,
        principal=principal,
        vendor_id=vendor_id,
        action="see a service's opportunities",
    )
    return service.for_service(
        session=session,
        settings=settings,
        index=index,
        vendor=vendor,
        service_id=service_id,
        limit=limit,
    )
