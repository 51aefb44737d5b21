from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.engagement_public import EngagementPublic
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    engagement_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/engagements/{engagement_id}".format(
            engagement_id=quote(str(engagement_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EngagementPublic | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = EngagementPublic.from_dict(response.json())

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
) -> Response[EngagementPublic | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    engagement_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[EngagementPublic | Problem | ValidationProblem]:
    """Get an engagement

     One engagement, with its ETag.

    Roles: admin; the business side (the business, its partner); the vendor side (the
    vendor, its partner).

    Args:
        engagement_id (str): The engagement's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EngagementPublic | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        engagement_id=engagement_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    engagement_id: str,
    *,
    client: AuthenticatedClient,
) -> EngagementPublic | Problem | ValidationProblem | None:
    """Get an engagement

     One engagement, with its ETag.

    Roles: admin; the business side (the business, its partner); the vendor side (the
    vendor, its partner).

    Args:
        engagement_id (str): The engagement's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EngagementPublic | Problem | ValidationProblem
    """

    return sync_detailed(
        engagement_id=engagement_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    engagement_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[EngagementPublic | Problem | ValidationProblem]:
    """Get an engagement

     One engagement, with its ETag.

    Roles: admin; the business side (the business, its partner); the vendor side (the
    vendor, its partner).

    Args:
        engagement_id (str): The engagement's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EngagementPublic | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        engagement_id=engagement_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    engagement_id: str,
    *,
    client: AuthenticatedClient,
) -> EngagementPublic | Problem | ValidationProblem | None:
    """Get an engagement

     One engagement, with its ETag.

    Roles: admin; the business side (the business, its partner); the vendor side (the
    vendor, its partner).

    Args:
        engagement_id (str): The engagement's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EngagementPublic | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            engagement_id=engagement_id,
            client=client,
        )
    ).parsed
