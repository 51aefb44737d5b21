from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.allocation_create import AllocationCreate
from ...models.allocation_public import AllocationPublic
from ...models.allocation_refused import AllocationRefused
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: AllocationCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/allocations",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AllocationPublic | AllocationRefused | Problem | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = AllocationPublic.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = AllocationRefused.from_dict(response.json())

        return response_409

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
) -> Response[AllocationPublic | AllocationRefused | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AllocationCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[AllocationPublic | AllocationRefused | Problem | ValidationProblem]:
    """Allocate many tasks at once

     Place up to 5,000 tasks at once, each on at most one service, so that no
    service takes more volume than it has available and the sum of match scores is as high
    as the solver finds, with `upper_bound` (from the LP relaxation) saying how high it
    could be at most. Services and scores are exactly those ranking lists for each task.
    Tasks that get no service are listed in `unassigned` with the reason.

    By default nothing is proposed: the dry run is kept for
    `OFFLOAD_ALLOCATION_TTL_SECONDS` (15 minutes) to commit. With `"commit": true` the
    assignments are proposed at once, all or nothing. See docs/allocation.md.

    Roles: admin (any tasks), partner (its businesses' tasks), business (its own tasks).

    Args:
        idempotency_key (str | Unset):
        body (AllocationCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AllocationPublic | AllocationRefused | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: AllocationCreate,
    idempotency_key: str | Unset = UNSET,
) -> AllocationPublic | AllocationRefused | Problem | ValidationProblem | None:
    """Allocate many tasks at once

     Place up to 5,000 tasks at once, each on at most one service, so that no
    service takes more volume than it has available and the sum of match scores is as high
    as the solver finds, with `upper_bound` (from the LP relaxation) saying how high it
    could be at most. Services and scores are exactly those ranking lists for each task.
    Tasks that get no service are listed in `unassigned` with the reason.

    By default nothing is proposed: the dry run is kept for
    `OFFLOAD_ALLOCATION_TTL_SECONDS` (15 minutes) to commit. With `"commit": true` the
    assignments are proposed at once, all or nothing. See docs/allocation.md.

    Roles: admin (any tasks), partner (its businesses' tasks), business (its own tasks).

    Args:
        idempotency_key (str | Unset):
        body (AllocationCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AllocationPublic | AllocationRefused | Problem | ValidationProblem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AllocationCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[AllocationPublic | AllocationRefused | Problem | ValidationProblem]:
    """Allocate many tasks at once

     Place up to 5,000 tasks at once, each on at most one service, so that no
    service takes more volume than it has available and the sum of match scores is as high
    as the solver finds, with `upper_bound` (from the LP relaxation) saying how high it
    could be at most. Services and scores are exactly those ranking lists for each task.
    Tasks that get no service are listed in `unassigned` with the reason.

    By default nothing is proposed: the dry run is kept for
    `OFFLOAD_ALLOCATION_TTL_SECONDS` (15 minutes) to commit. With `"commit": true` the
    assignments are proposed at once, all or nothing. See docs/allocation.md.

    Roles: admin (any tasks), partner (its businesses' tasks), business (its own tasks).

    Args:
        idempotency_key (str | Unset):
        body (AllocationCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AllocationPublic | AllocationRefused | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AllocationCreate,
    idempotency_key: str | Unset = UNSET,
) -> AllocationPublic | AllocationRefused | Problem | ValidationProblem | None:
    """Allocate many tasks at once

     Place up to 5,000 tasks at once, each on at most one service, so that no
    service takes more volume than it has available and the sum of match scores is as high
    as the solver finds, with `upper_bound` (from the LP relaxation) saying how high it
    could be at most. Services and scores are exactly those ranking lists for each task.
    Tasks that get no service are listed in `unassigned` with the reason.

    By default nothing is proposed: the dry run is kept for
    `OFFLOAD_ALLOCATION_TTL_SECONDS` (15 minutes) to commit. With `"commit": true` the
    assignments are proposed at once, all or nothing. See docs/allocation.md.

    Roles: admin (any tasks), partner (its businesses' tasks), business (its own tasks).

    Args:
        idempotency_key (str | Unset):
        body (AllocationCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AllocationPublic | AllocationRefused | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
