from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...models.vendor_list import VendorList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    task_type: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_task_type: None | str | Unset
    if isinstance(task_type, Unset):
        json_task_type = UNSET
    else:
        json_task_type = task_type
    params["task_type"] = json_task_type

    json_country: None | str | Unset
    if isinstance(country, Unset):
        json_country = UNSET
    else:
        json_country = country
    params["country"] = json_country

    json_language: None | str | Unset
    if isinstance(language, Unset):
        json_language = UNSET
    else:
        json_language = language
    params["language"] = json_language

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/vendors",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ValidationProblem | VendorList | None:
    if response.status_code == 200:
        response_200 = VendorList.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[Problem | ValidationProblem | VendorList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    task_type: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | ValidationProblem | VendorList]:
    """List vendors

     List vendor profiles, oldest first, optionally filtered.

    Roles: any valid key.

    Args:
        task_type (None | str | Unset): Only vendors with an active service of this type.
        country (None | str | Unset): ISO 3166-1 alpha-2.
        language (None | str | Unset): ISO 639-1; vendors that speak it.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` from the previous page of the same list; any
            other value is a 422.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | VendorList]
    """

    kwargs = _get_kwargs(
        task_type=task_type,
        country=country,
        language=language,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    task_type: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Problem | ValidationProblem | VendorList | None:
    """List vendors

     List vendor profiles, oldest first, optionally filtered.

    Roles: any valid key.

    Args:
        task_type (None | str | Unset): Only vendors with an active service of this type.
        country (None | str | Unset): ISO 3166-1 alpha-2.
        language (None | str | Unset): ISO 639-1; vendors that speak it.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` from the previous page of the same list; any
            other value is a 422.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | VendorList
    """

    return sync_detailed(
        client=client,
        task_type=task_type,
        country=country,
        language=language,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    task_type: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | ValidationProblem | VendorList]:
    """List vendors

     List vendor profiles, oldest first, optionally filtered.

    Roles: any valid key.

    Args:
        task_type (None | str | Unset): Only vendors with an active service of this type.
        country (None | str | Unset): ISO 3166-1 alpha-2.
        language (None | str | Unset): ISO 639-1; vendors that speak it.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` from the previous page of the same list; any
            other value is a 422.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | VendorList]
    """

    kwargs = _get_kwargs(
        task_type=task_type,
        country=country,
        language=language,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    task_type: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Problem | ValidationProblem | VendorList | None:
    """List vendors

     List vendor profiles, oldest first, optionally filtered.

    Roles: any valid key.

    Args:
        task_type (None | str | Unset): Only vendors with an active service of this type.
        country (None | str | Unset): ISO 3166-1 alpha-2.
        language (None | str | Unset): ISO 639-1; vendors that speak it.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` from the previous page of the same list; any
            other value is a 422.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | VendorList
    """

    return (
        await asyncio_detailed(
            client=client,
            task_type=task_type,
            country=country,
            language=language,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
