from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.service_public import ServicePublic
from ...models.service_update import ServiceUpdate
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    vendor_id: str,
    service_id: str,
    *,
    body: ServiceUpdate,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/vendors/{vendor_id}/services/{service_id}".format(
            vendor_id=quote(str(vendor_id), safe=""),
            service_id=quote(str(service_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ServicePublic | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ServicePublic.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | ServicePublic | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    vendor_id: str,
    service_id: str,
    *,
    client: AuthenticatedClient,
    body: ServiceUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | ServicePublic | ValidationProblem]:
    """Update a service

     Change some fields of a service; `pricing` is replaced whole. Lowering `capacity`
    below the reserved volume is refused with 409.

    Roles: admin, the owning partner, the vendor itself.

    Args:
        vendor_id (str): The vendor's id.
        service_id (str): The service's id.
        if_match (None | str | Unset): The ETag you last read; 412 if the object has changed
            since. Optional.
        body (ServiceUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServicePublic | ValidationProblem]
    """

    kwargs = _get_kwargs(
        vendor_id=vendor_id,
        service_id=service_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    vendor_id: str,
    service_id: str,
    *,
    client: AuthenticatedClient,
    body: ServiceUpdate,
    if_match: None | str | Unset = UNSET,
) -> Problem | ServicePublic | ValidationProblem | None:
    """Update a service

     Change some fields of a service; `pricing` is replaced whole. Lowering `capacity`
    below the reserved volume is refused with 409.

    Roles: admin, the owning partner, the vendor itself.

    Args:
        vendor_id (str): The vendor's id.
        service_id (str): The service's id.
        if_match (None | str | Unset): The ETag you last read; 412 if the object has changed
            since. Optional.
        body (ServiceUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServicePublic | ValidationProblem
    """

    return sync_detailed(
        vendor_id=vendor_id,
        service_id=service_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    vendor_id: str,
    service_id: str,
    *,
    client: AuthenticatedClient,
    body: ServiceUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | ServicePublic | ValidationProblem]:
    """Update a service

     Change some fields of a service; `pricing` is replaced whole. Lowering `capacity`
    below the reserved volume is refused with 409.

    Roles: admin, the owning partner, the vendor itself.

    Args:
        vendor_id (str): The vendor's id.
        service_id (str): The service's id.
        if_match (None | str | Unset): The ETag you last read; 412 if the object has changed
            since. Optional.
        body (ServiceUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServicePublic | ValidationProblem]
    """

    kwargs = _get_kwargs(
        vendor_id=vendor_id,
        service_id=service_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    vendor_id: str,
    service_id: str,
    *,
    client: AuthenticatedClient,
    body: ServiceUpdate,
    if_match: None | str | Unset = UNSET,
) -> Problem | ServicePublic | ValidationProblem | None:
    """Update a service

     Change some fields of a service; `pricing` is replaced whole. Lowering `capacity`
    below the reserved volume is refused with 409.

    Roles: admin, the owning partner, the vendor itself.

    Args:
        vendor_id (str): The vendor's id.
        service_id (str): The service's id.
        if_match (None | str | Unset): The ETag you last read; 412 if the object has changed
            since. Optional.
        body (ServiceUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServicePublic | ValidationProblem
    """

    return (
        await asyncio_detailed(
            vendor_id=vendor_id,
            service_id=service_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
