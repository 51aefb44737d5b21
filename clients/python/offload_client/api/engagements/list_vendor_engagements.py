from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.engagement_list import EngagementList
from ...models.engagement_status import EngagementStatus
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    vendor_id: str,
    *,
    status: EngagementStatus | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, EngagementStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

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
        "url": "/v1/vendors/{vendor_id}/engagements".format(
            vendor_id=quote(str(vendor_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EngagementList | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = EngagementList.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[EngagementList | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    vendor_id: str,
    *,
    client: AuthenticatedClient,
    status: EngagementStatus | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[EngagementList | Problem | ValidationProblem]:
    """List a vendor's engagements

     The vendor's engagements, oldest first; `?status=proposed` is its inbox.

    Roles: admin, the owning partner, the vendor itself.

    Args:
        vendor_id (str): The vendor's id.
        status (EngagementStatus | None | Unset): Only engagements in this status.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` from the previous page of the same list; any
            other value is a 422.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EngagementList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        vendor_id=vendor_id,
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    vendor_id: str,
    *,
    client: AuthenticatedClient,
    status: EngagementStatus | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> EngagementList | Problem | ValidationProblem | None:
    """List a vendor's engagements

     The vendor's engagements, oldest first; `?status=proposed` is its inbox.

    Roles: admin, the owning partner, the vendor itself.

    Args:
        vendor_id (str): The vendor's id.
        status (EngagementStatus | None | Unset): Only engagements in this status.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` from the previous page of the same list; any
            other value is a 422.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EngagementList | Problem | ValidationProblem
    """

    return sync_detailed(
        vendor_id=vendor_id,
        client=client,
        status=status,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    vendor_id: str,
    *,
    client: AuthenticatedClient,
    status: EngagementStatus | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[EngagementList | Problem | ValidationProblem]:
    """List a vendor's engagements

     The vendor's engagements, oldest first; `?status=proposed` is its inbox.

    Roles: admin, the owning partner, the vendor itself.

    Args:
        vendor_id (str): The vendor's id.
        status (EngagementStatus | None | Unset): Only engagements in this status.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` from the previous page of the same list; any
            other value is a 422.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EngagementList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        vendor_id=vendor_id,
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    vendor_id: str,
    *,
    client: AuthenticatedClient,
    status: EngagementStatus | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> EngagementList | Problem | ValidationProblem | None:
    """List a vendor's engagements

     The vendor's engagements, oldest first; `?status=proposed` is its inbox.

    Roles: admin, the owning partner, the vendor itself.

    Args:
        vendor_id (str): The vendor's id.
        status (EngagementStatus | None | Unset): Only engagements in this status.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` from the previous page of the same list; any
            other value is a 422.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EngagementList | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            vendor_id=vendor_id,
            client=client,
            status=status,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
