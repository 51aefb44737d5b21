"""API key routes."""

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from api.deps import CurrentPrincipal, SessionDep
from api.errors import problems
from api.keys import service
from api.keys.models import ApiKeyCreate, ApiKeyCreated, ApiKeyPublic
from api.pagination import Page, PageDep

router = APIRouter(prefix="/v1/api-keys", tags=["API keys"])


class ApiKeyList(Page[ApiKeyPublic]):
    """A page of API keys."""


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create an API key",
    responses=problems(400, 401, 403, 413, 415, 422),
)
def create_api_key(
    body: ApiKeyCreate, principal: CurrentPrincipal, session: SessionDep, response: Response
) -> ApiKeyCreated:
    """Issue a key. The secret is in this response only; Offload stores just its hash.

    Roles: admin (any role); partner (partner keys for itself, business and vendor keys for
    the businesses and vendors it owns).
    """
    key, secret = service.create(session=session, principal=principal, data=body)
    response.headers["Cache-Control"] = "no-store"
    return ApiKeyCreated(**ApiKeyPublic.model_validate(key).model_dump(), secret=secret)


@router.get("", summary="List API keys", responses=problems(401, 422))
def list_api_keys(principal: CurrentPrincipal, session: SessionDep, page: PageDep) -> ApiKeyList:
    """List the keys this key may manage, revoked ones included; never their secrets.

    Roles: admin (all); partner (its own and its businesses' and vendors'); business and
    vendor (their own).
    """
    rows, cursor = service.list_visible(session=session, principal=principal, page=page)
    return ApiKeyList(data=[ApiKeyPublic.model_validate(k) for k in rows], next_cursor=cursor)


@router.delete(
    "/{key_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Revoke an API key",
    responses=problems(401, 404),
)
def revoke_api_key(
    key_id: Annotated[str, Path(max_length=40, description="The key's id.")],
    principal: CurrentPrincipal,
    session: SessionDep,
) -> Response:
    """Revoke a key; it stops working on the next request. Revoking twice is harmless.

    Roles: whoever may list the key.
    """
    service.revoke(session=session, principal=principal, key_id=key_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
