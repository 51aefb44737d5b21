"""Vendor profile routes."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from pydantic import AfterValidator

from api.callers import charge_objects
from api.deps import CurrentPrincipal, ExactCapacity, SessionDep
from api.errors import problems
from api.etags import IfMatch, require_match, tagged
from api.fields import CountryCode, LanguageCode, plain_text
from api.imports import create_batch
from api.pagination import Page, PageDep
from api.vendors import service
from api.vendors.models import (
    Vendor,
    VendorBatch,
    VendorBatchResult,
    VendorCreate,
    VendorPublic,
    VendorUpdate,
)

router = APIRouter(prefix="/v1/vendors", tags=["Vendors"], dependencies=[ExactCapacity])


class VendorList(Page[VendorPublic]):
    """A page of vendors."""


VendorId = Annotated[str, Path(max_length=40, description="The vendor's id.")]


def _editable(vendor_id: VendorId, principal: CurrentPrincipal, session: SessionDep) -> Vendor:
    return service.get_editable(
        session=session, principal=principal, vendor_id=vendor_id, action="edit vendors"
    )


def _deletable(vendor_id: VendorId, principal: CurrentPrincipal, session: SessionDep) -> Vendor:
    return service.get_editable(
        session=session,
        principal=principal,
        vendor_id=vendor_id,
        action="delete vendors",
        roles=service.CREATORS,
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a vendor",
    responses=problems(400, 401, 403, 413, 415, 422),
)
def create_vendor(
    body: VendorCreate, principal: CurrentPrincipal, session: SessionDep, response: Response
) -> VendorPublic:
    """Register a vendor profile. A partner key owns the vendors it creates.

    Roles: admin, partner.
    """
    vendor = service.create(session=session, principal=principal, data=body)
    response.headers["Location"] = f"/v1/vendors/{vendor.id}"
    return VendorPublic.of(vendor)


@router.post(
    "/batch",
    status_code=status.HTTP_201_CREATED,
    summary="Create many vendors with their services",
    response_description="Every item was created: the new ids, in the order sent.",
    responses={
        200: {"model": VendorBatchResult, "description": "A dry run: every item is valid."},
        **problems(400, 401, 403, 413, 415, 422),
    },
)
def create_vendors_batch(
    body: VendorBatch,
    principal: CurrentPrincipal,
    session: SessionDep,
    request: Request,
    response: Response,
) -> VendorBatchResult:
    """Register up to 1,000 vendors, each with its services, in one request.

    All or nothing: if any item is invalid the answer is a 422 whose `errors` name each bad
    field by its item, e.g. `body.items.3.services.0.pricing.amount`, and nothing is
    written. Every item is validated as `POST /v1/vendors` and
    `POST /v1/vendors/{vendor_id}/services` would validate it; a vendor offers each task
    type once. With `dry_run` the items are validated and nothing is written (200). A
    partner key owns the vendors it creates.

    Rate limits count objects, not requests: a batch of N items costs N tokens of the key's
    bucket (a dry run too). A batch costing more than the bucket now holds is a 429 with
    `Retry-After`; one larger than the bucket can ever hold (`OFFLOAD_RATE_LIMIT_BURST`) is
    a 422 on `body.items`. Either way nothing is written.

    Roles: admin, partner.
    """
    response.headers.update(charge_objects(request, principal, objects=len(body.items)).headers())
    result = create_batch(session=session, principal=principal, batch=body)
    if result.dry_run:
        response.status_code = status.HTTP_200_OK
    return result


@router.get("", summary="List vendors", responses=problems(401, 422))
def list_vendors(
    principal: CurrentPrincipal,
    session: SessionDep,
    page: PageDep,
    task_type: Annotated[
        str | None,
        Query(max_length=64, description="Only vendors with an active service of this type."),
        AfterValidator(plain_text),
    ] = None,
    country: Annotated[CountryCode | None, Query(description="ISO 3166-1 alpha-2.")] = None,
    language: Annotated[
        LanguageCode | None, Query(description="ISO 639-1; vendors that speak it.")
    ] = None,
) -> VendorList:
    """List vendor profiles, oldest first, optionally filtered.

    Roles: any valid key.
    """
    rows, cursor = service.list_filtered(
        session=session, page=page, task_type=task_type, country=country, language=language
    )
    return VendorList(data=[VendorPublic.of(v) for v in rows], next_cursor=cursor)


@router.get("/{vendor_id}", summary="Get a vendor", responses=problems(401, 404, 422))
def get_vendor(
    vendor_id: VendorId, principal: CurrentPrincipal, session: SessionDep, response: Response
) -> VendorPublic:
    """Get one vendor profile, with its ETag.

    Roles: any valid key.
    """
    return tagged(response, VendorPublic.of(service.get(session=session, vendor_id=vendor_id)))


@router.patch(
    "/{vendor_id}",
    summary="Update a vendor",
    responses=problems(400, 401, 403, 404, 412, 413, 415, 422),
)
def update_vendor(
    vendor: Annotated[Vendor, Depends(_editable)],
    body: VendorUpdate,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> VendorPublic:
    """Change some fields of a vendor profile; fields left out stay as they are.

    Roles: admin, the owning partner, the vendor itself.
    """
    require_match(if_match, session, vendor, VendorPublic.of)
    return tagged(
        response, VendorPublic.of(service.update(session=session, vendor=vendor, data=body))
    )


@router.delete(
    "/{vendor_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a vendor",
    responses=problems(401, 403, 404, 409, 412),
)
def delete_vendor(
    vendor: Annotated[Vendor, Depends(_deletable)], session: SessionDep, if_match: IfMatch = None
) -> None:
    """Delete a vendor with its services and keys.

    Roles: admin, the owning partner.
    """
    require_match(if_match, session, vendor, VendorPublic.of)
    service.delete(session=session, vendor=vendor)
