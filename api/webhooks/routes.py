"""Webhook endpoint routes: register, read, change, rotate, ping, and the deliveries log."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response, status

from api.deps import CurrentPrincipal, Now, SessionDep, SettingsDep
from api.errors import Problem, problems
from api.pagination import Page, PageDep
from api.webhooks import service
from api.webhooks.models import (
    DeliveryPublic,
    WebhookEndpoint,
    WebhookEndpointCreate,
    WebhookEndpointPublic,
    WebhookEndpointUpdate,
    WebhookEndpointWithSecret,
)

router = APIRouter(prefix="/v1/webhook-endpoints", tags=["Webhooks"])

NOT_CONFIGURED = {
    503: (Problem, "The server has no `OFFLOAD_SECRET_KEY`, so it cannot keep secrets.")
}


class WebhookEndpointList(Page[WebhookEndpointPublic]):
    """A page of webhook endpoints."""


class DeliveryList(Page[DeliveryPublic]):
    """A page of an endpoint's deliveries, oldest first, each with its attempts."""


EndpointId = Annotated[str, Path(max_length=40, description="The webhook endpoint's id.")]


def _endpoint(
    endpoint_id: EndpointId, principal: CurrentPrincipal, session: SessionDep
) -> WebhookEndpoint:
    return service.get_visible(session=session, principal=principal, endpoint_id=endpoint_id)


LoadedEndpoint = Annotated[WebhookEndpoint, Depends(_endpoint)]


def _secret_response(response: Response) -> None:
    response.headers["Cache-Control"] = "no-store"


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Register a webhook endpoint",
    responses=problems(400, 401, 409, 413, 415, 422, 503, models=NOT_CONFIGURED),
)
def create_webhook_endpoint(
    body: WebhookEndpointCreate,
    principal: CurrentPrincipal,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> WebhookEndpointWithSecret:
    """Have events POSTed to a URL as they happen, signed per Standard Webhooks with the
    `secret` in this response (shown this once). The endpoint hears what its key may read
    in the feed: a business key its business's events, a vendor key its vendor's, a
    partner key everything the partner owns, an admin key all. The URL must be https on a
    public address; 409 past `OFFLOAD_WEBHOOK_MAX_ENDPOINTS` per owner.

    Roles: every role.
    """
    endpoint, secret = service.create(
        session=session, settings=settings, principal=principal, data=body
    )
    response.headers["Location"] = f"/v1/webhook-endpoints/{endpoint.id}"
    _secret_response(response)
    return WebhookEndpointWithSecret.with_secret(endpoint, secret)


@router.get("", summary="List webhook endpoints", responses=problems(401, 422))
def list_webhook_endpoints(
    principal: CurrentPrincipal, session: SessionDep, page: PageDep
) -> WebhookEndpointList:
    """The endpoints this key's owner registered (a partner: its own and its businesses'
    and vendors'), oldest first; never their secrets.

    Roles: every role; each sees its own.
    """
    rows, cursor = service.list_for(session=session, principal=principal, page=page)
    return WebhookEndpointList(
        data=[WebhookEndpointPublic.of(row) for row in rows], next_cursor=cursor
    )


@router.get(
    "/{endpoint_id}",
    summary="Get a webhook endpoint",
    responses=problems(401, 404, 422),
)
def get_webhook_endpoint(endpoint: LoadedEndpoint) -> WebhookEndpointPublic:
    """One endpoint, with `disabled_reason` if the server disabled it.

    Roles: its owner (and the owner's partner), admin.
    """
    return WebhookEndpointPublic.of(endpoint)


@router.patch(
    "/{endpoint_id}",
    summary="Update a webhook endpoint",
    responses=problems(400, 401, 404, 413, 415, 422),
)
def update_webhook_endpoint(
    endpoint: LoadedEndpoint,
    body: WebhookEndpointUpdate,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
) -> WebhookEndpointPublic:
    """Change the URL, the event types, the description, or `enabled` (true re-enables an
    endpoint the server disabled, and clears its reason).

    Roles: its owner (and the owner's partner), admin.
    """
    return WebhookEndpointPublic.of(
        service.update(session=session, settings=settings, endpoint=endpoint, data=body, now=now)
    )


@router.delete(
    "/{endpoint_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a webhook endpoint",
    responses=problems(401, 404),
)
def delete_webhook_endpoint(endpoint: LoadedEndpoint, session: SessionDep) -> Response:
    """Stop sending to it; its pending deliveries and their log go with it.

    Roles: its owner (and the owner's partner), admin.
    """
    service.delete(session=session, endpoint=endpoint)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{endpoint_id}/rotate-secret",
    summary="Rotate an endpoint's signing secret",
    responses=problems(401, 404, 503, models=NOT_CONFIGURED),
)
def rotate_webhook_secret(
    endpoint: LoadedEndpoint,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
    response: Response,
) -> WebhookEndpointWithSecret:
    """A new secret, shown this once. For 24 hours each delivery carries two signatures,
    the new secret's and the old one's, so the receiver can switch without missing one.

    Roles: its owner (and the owner's partner), admin.
    """
    secret = service.rotate_secret(session=session, settings=settings, endpoint=endpoint, now=now)
    _secret_response(response)
    return WebhookEndpointWithSecret.with_secret(endpoint, secret)


@router.post(
    "/{endpoint_id}/test",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Send a test event",
    responses=problems(401, 404),
)
def test_webhook_endpoint(
    endpoint: LoadedEndpoint, session: SessionDep, now: Now
) -> DeliveryPublic:
    """Queue a `webhook.test` event for this endpoint alone; the worker sends it at once,
    signed like any other. Its attempts show in the deliveries log.

    Roles: its owner (and the owner's partner), admin.
    """
    return DeliveryPublic.of(service.send_test(session=session, endpoint=endpoint, now=now), [])


@router.get(
    "/{endpoint_id}/deliveries",
    summary="List an endpoint's deliveries",
    responses=problems(401, 404, 422),
)
def list_webhook_deliveries(
    endpoint: LoadedEndpoint, session: SessionDep, page: PageDep
) -> DeliveryList:
    """Each event sent (or being sent) to this endpoint, oldest first, with every attempt:
    when, how long, the receiver's status and the error.

    Roles: its owner (and the owner's partner), admin.
    """
    rows, cursor = service.deliveries(session=session, endpoint=endpoint, page=page)
    return DeliveryList(
        data=[DeliveryPublic.of(row, attempts) for row, attempts in rows], next_cursor=cursor
    )
