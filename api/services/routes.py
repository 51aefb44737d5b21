"""Service routes, nested under their vendor."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response, status

from api.deps import CurrentPrincipal, ExactCapacity, SessionDep
from api.errors import problems
from api.etags import IfMatch, require_match, tagged
from api.pagination import Page, PageDep
from api.services import service
from api.services.models import Service, ServiceCreate, ServicePublic, ServiceUpdate
from api.vendors import service as vendors
from api.vendors.models import Vendor

router = APIRouter(
    prefix="/v1/vendors/{vendor_id}/services", tags=["Services"], dependencies=[ExactCapacity]
)


class ServiceList(Page[ServicePublic]):
    """A page of services."""


VendorId = Annotated[str, Path(max_length=40, description="The vendor's id.")]
ServiceId = Annotated[str, Path(max_length=40, description="The service's id.")]


def _vendor(vendor_id: VendorId, session: SessionDep, principal: CurrentPrincipal) -> Vendor:
    return vendors.get(session=session, vendor_id=vendor_id)


def _editable_vendor(
    vendor_id: VendorId, session: SessionDep, principal: CurrentPrincipal
) -> Vendor:
    return vendors.get_editable(
        session=session, principal=principal, vendor_id=vendor_id, action="change services"
    )


def _service(
    service_id: ServiceId, vendor: Annotated[Vendor, Depends(_vendor)], session: SessionDep
) -> Service:
    return service.get(session=session, vendor=vendor, service_id=service_id)


def _editable_service(
    service_id: ServiceId, vendor: Annotated[Vendor, Depends(_editable_vendor)], session: SessionDep
) -> Service:
    return service.get(session=session, vendor=vendor, service_id=service_id)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Add a service",
    responses=problems(400, 401, 403, 404, 409, 413, 415, 422),
)
def create_service(
    vendor: Annotated[Vendor, Depends(_editable_vendor)],
    body: ServiceCreate,
    session: SessionDep,
    response: Response,
) -> ServicePublic:
    """Offer one task type: capacity per month, smallest volume taken, skills and price.
    A vendor has at most one service per task type (409 otherwise).

    Roles: admin, the owning partner, the vendor itself.
    """
    created = service.create(session=session, vendor=vendor, data=body)
    response.headers["Location"] = f"/v1/vendors/{vendor.id}/services/{created.id}"
    return ServicePublic.of(created)


@router.get("", summary="List a vendor's services", responses=problems(401, 404, 422))
def list_services(
    vendor: Annotated[Vendor, Depends(_vendor)], session: SessionDep, page: PageDep
) -> ServiceList:
    """List what the vendor offers, oldest first.

    Roles: any valid key.
    """
    rows, cursor = service.list_for_vendor(session=session, vendor=vendor, page=page)
    return ServiceList(data=[ServicePublic.of(s) for s in rows], next_cursor=cursor)


@router.get("/{service_id}", summary="Get a service", responses=problems(401, 404, 422))
def get_service(found: Annotated[Service, Depends(_service)], response: Response) -> ServicePublic:
    """Get one service, with its reserved and available capacity and its ETag.

    Roles: any valid key.
    """
    return tagged(response, ServicePublic.of(found))


@router.patch(
    "/{service_id}",
    summary="Update a service",
    responses=problems(400, 401, 403, 404, 409, 412, 413, 415, 422),
)
def update_service(
    found: Annotated[Service, Depends(_editable_service)],
    body: ServiceUpdate,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> ServicePublic:
    """Change some fields of a service; `pricing` is replaced whole. Lowering `capacity`
    below the reserved volume is refused with 409.

    Roles: admin, the owning partner, the vendor itself.
    """
    require_match(if_match, session, found, ServicePublic.of)
    return tagged(
        response, ServicePublic.of(service.update(session=session, service=found, data=body))
    )


@router.delete(
    "/{service_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a service",
    responses=problems(401, 403, 404, 409, 412),
)
def delete_service(
    found: Annotated[Service, Depends(_editable_service)],
    session: SessionDep,
    if_match: IfMatch = None,
) -> None:
    """Stop offering a task type.

    Roles: admin, the owning partner, the vendor itself.
    """
    require_match(if_match, session, found, ServicePublic.of)
    service.delete(session=session, service=found)
