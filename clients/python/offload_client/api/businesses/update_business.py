from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.business_public import BusinessPublic
from ...models.business_update import BusinessUpdate
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    business_id: str,
    *,
    body: BusinessUpdate,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/businesses/{business_id}".format(
            business_id=quote(str(business_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BusinessPublic | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = BusinessPublic.from_dict(response.json())

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
) -> Response[BusinessPublic | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    business_id: str,
    *,
    client: AuthenticatedClient,
    body: BusinessUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[BusinessPublic | Problem | ValidationProblem]:
    """Update a business

     Change some fields of a business; fields left out stay as they are.

    Roles: admin, the owning partner, the business itself.

    Args:
        business_id (str): The business's id.
        if_match (None | str | Unset): The ETag you last read; 412 if the object has changed
            since. Optional.
        body (BusinessUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessPublic | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        business_id=business_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    business_id: str,
    *,
    client: AuthenticatedClient,
    body: BusinessUpdate,
    if_match: None | str | Unset = UNSET,
) -> BusinessPublic | Problem | ValidationProblem | None:
    """Update a business

     Change some fields of a business; fields left out stay as they are.

    Roles: admin, the owning partner, the business itself.

    Args:
        business_id (str): The business's id.
        if_match (None | str | Unset): The ETag you last read; 412 if the object has changed
            since. Optional.
        body (BusinessUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessPublic | Problem | ValidationProblem
    """

    return sync_detailed(
        business_id=business_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    business_id: str,
    *,
    client: AuthenticatedClient,
    body: BusinessUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[BusinessPublic | Problem | ValidationProblem]:
    """Update a business

     Change some fields of a business; fields left out stay as they are.

    Roles: admin, the owning partner, the business itself.

    Args:
        business_id (str): The business's id.
        if_match (None | str | Unset): The ETag you last read; 412 if the object has changed
            since. Optional.
        body (BusinessUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessPublic | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        business_id=business_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    business_id: str,
    *,
    client: AuthenticatedClient,
    body: BusinessUpdate,
    if_match: None | str | Unset = UNSET,
) -> BusinessPublic | Problem | ValidationProblem | None:
    """Update a business

     Change some fields of a business; fields left out stay as they are.

    Roles: admin, the owning partner, the business itself.

    Args:
        business_id (str): The business's id.
        if_match (None | str | Unset): The ETag you last read; 412 if the object has changed
            since. Optional.
        body (BusinessUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessPublic | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            business_id=business_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
