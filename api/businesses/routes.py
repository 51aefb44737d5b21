"""Business profile routes."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from api.businesses import service
from api.businesses.deps import LoadedBusiness, business_loader
from api.businesses.models import Business, BusinessCreate, BusinessPublic, BusinessUpdate
from api.deps import CurrentPrincipal, ExactCapacity, SessionDep, SettingsDep
from api.errors import problems
from api.etags import IfMatch, require_match, tagged
from api.pagination import Page, PageDep

router = APIRouter(prefix="/v1/businesses", tags=["Businesses"], dependencies=[ExactCapacity])


class BusinessList(Page[BusinessPublic]):
    """A page of businesses."""


_LoadedForDelete = Annotated[
    Business, Depends(business_loader(action="delete businesses", roles=service.OWNERS))
]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a business",
    responses=problems(400, 401, 403, 413, 415, 422),
)
def create_business(
    body: BusinessCreate,
    principal: CurrentPrincipal,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> BusinessPublic:
    """Create a business profile. A partner key owns the businesses it creates.

    Roles: admin, partner.
    """
    business = service.create(
        session=session, principal=principal, data=body, rates=settings.exchange_rates
    )
    response.headers["Location"] = f"/v1/businesses/{business.id}"
    return BusinessPublic.of(business)


@router.get("", summary="List businesses", responses=problems(401, 403, 422))
def list_businesses(
    principal: CurrentPrincipal, session: SessionDep, page: PageDep
) -> BusinessList:
    """List the businesses this key may see, oldest first.

    Roles: admin (all), partner (its own), business (itself).
    """
    rows, cursor = service.list_visible(session=session, principal=principal, page=page)
    return BusinessList(data=[BusinessPublic.of(r) for r in rows], next_cursor=cursor)


@router.get("/{business_id}", summary="Get a business", responses=problems(401, 403, 404, 422))
def get_business(business: LoadedBusiness, response: Response) -> BusinessPublic:
    """Get one business profile, with its ETag.

    Roles: admin, the owning partner, the business itself.
    """
    return tagged(response, BusinessPublic.of(business))


@router.patch(
    "/{business_id}",
    summary="Update a business",
    responses=problems(400, 401, 403, 404, 412, 413, 415, 422),
)
def update_business(
    business: LoadedBusiness,
    body: BusinessUpdate,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
    if_match: IfMatch = None,
) -> BusinessPublic:
    """Change some fields of a business; fields left out stay as they are.

    Roles: admin, the owning partner, the business itself.
    """
    require_match(if_match, session, business, BusinessPublic.of)
    updated = service.update(
        session=session, business=business, data=body, rates=settings.exchange_rates
    )
    return tagged(response, BusinessPublic.of(updated))


@router.delete(
    "/{business_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a business",
    responses=problems(401, 403, 404, 409, 412),
)
def delete_business(
    business: _LoadedForDelete,
    session: SessionDep,
    if_match: IfMatch = None,
) -> None:
    """Delete a business with its task profiles and keys.

    Roles: admin, the owning partner.
    """
    require_match(if_match, session, business, BusinessPublic.of)
    service.delete(session=session, business=business)
