from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.service_public import ServicePublic
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    vendor_id: str,
    service_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/vendors/{vendor_id}/services/{service_id}".format(
            vendor_id=quote(str(vendor_id), safe=""),
            service_id=quote(str(service_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ServicePublic | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ServicePublic.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[Problem | ServicePublic | ValidationProblem]:
    """Get a service

     Get one service, with its reserved and available capacity and its ETag.

    Roles: any valid key.

    Args:
        vendor_id (str): The vendor's id.
        service_id (str): The service's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServicePublic | ValidationProblem]
    """

    kwargs = _get_kwargs(
        vendor_id=vendor_id,
        service_id=service_id,
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
) -> Problem | ServicePublic | ValidationProblem | None:
    """Get a service

     Get one service, with its reserved and available capacity and its ETag.

    Roles: any valid key.

    Args:
        vendor_id (str): The vendor's id.
        service_id (str): The service's id.

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
    ).parsed


async def asyncio_detailed(
    vendor_id: str,
    service_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | ServicePublic | ValidationProblem]:
    """Get a service

     Get one service, with its reserved and available capacity and its ETag.

    Roles: any valid key.

    Args:
        vendor_id (str): The vendor's id.
        service_id (str): The service's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServicePublic | ValidationProblem]
    """

    kwargs = _get_kwargs(
        vendor_id=vendor_id,
        service_id=service_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    vendor_id: str,
    service_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | ServicePublic | ValidationProblem | None:
    """Get a service

     Get one service, with its reserved and available capacity and its ETag.

    Roles: any valid key.

    Args:
        vendor_id (str): The vendor's id.
        service_id (str): The service's id.

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
        )
    ).parsed
