from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event_list import EventList
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: None | str | Unset = UNSET,
    types: None | str | Unset = UNSET,
    limit: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    json_types: None | str | Unset
    if isinstance(types, Unset):
        json_types = UNSET
    else:
        json_types = types
    params["types"] = json_types

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EventList | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = EventList.from_dict(response.json())

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
) -> Response[EventList | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: None | str | Unset = UNSET,
    limit: int | Unset = 20,
) -> Response[EventList | Problem | ValidationProblem]:
    """Read the event feed

     The events about objects the caller may read, oldest first in commit order: a
    business its own tasks and engagements; a vendor its services and engagements; a
    partner everything it owns; the admin all. Reading on from the last id seen never skips
    or repeats an event, across restarts and concurrent writers.

    Roles: every role; each sees its own.

    Args:
        after (None | str | Unset): The id of the last event seen; omit to start.
        types (None | str | Unset): Comma-separated event types to keep, e.g.
            `engagement.accepted,engagement.declined`; omit for all.
        limit (int | Unset): Page size, 1 to 100. Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        after=after,
        types=types,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: None | str | Unset = UNSET,
    limit: int | Unset = 20,
) -> EventList | Problem | ValidationProblem | None:
    """Read the event feed

     The events about objects the caller may read, oldest first in commit order: a
    business its own tasks and engagements; a vendor its services and engagements; a
    partner everything it owns; the admin all. Reading on from the last id seen never skips
    or repeats an event, across restarts and concurrent writers.

    Roles: every role; each sees its own.

    Args:
        after (None | str | Unset): The id of the last event seen; omit to start.
        types (None | str | Unset): Comma-separated event types to keep, e.g.
            `engagement.accepted,engagement.declined`; omit for all.
        limit (int | Unset): Page size, 1 to 100. Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventList | Problem | ValidationProblem
    """

    return sync_detailed(
        client=client,
        after=after,
        types=types,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: None | str | Unset = UNSET,
    limit: int | Unset = 20,
) -> Response[EventList | Problem | ValidationProblem]:
    """Read the event feed

     The events about objects the caller may read, oldest first in commit order: a
    business its own tasks and engagements; a vendor its services and engagements; a
    partner everything it owns; the admin all. Reading on from the last id seen never skips
    or repeats an event, across restarts and concurrent writers.

    Roles: every role; each sees its own.

    Args:
        after (None | str | Unset): The id of the last event seen; omit to start.
        types (None | str | Unset): Comma-separated event types to keep, e.g.
            `engagement.accepted,engagement.declined`; omit for all.
        limit (int | Unset): Page size, 1 to 100. Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        after=after,
        types=types,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: None | str | Unset = UNSET,
    limit: int | Unset = 20,
) -> EventList | Problem | ValidationProblem | None:
    """Read the event feed

     The events about objects the caller may read, oldest first in commit order: a
    business its own tasks and engagements; a vendor its services and engagements; a
    partner everything it owns; the admin all. Reading on from the last id seen never skips
    or repeats an event, across restarts and concurrent writers.

    Roles: every role; each sees its own.

    Args:
        after (None | str | Unset): The id of the last event seen; omit to start.
        types (None | str | Unset): Comma-separated event types to keep, e.g.
            `engagement.accepted,engagement.declined`; omit for all.
        limit (int | Unset): Page size, 1 to 100. Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventList | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            types=types,
            limit=limit,
        )
    ).parsed
