from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.allocation_public import AllocationPublic
from ...models.allocation_refused import AllocationRefused
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    allocation_id: str,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/allocations/{allocation_id}/commit".format(
            allocation_id=quote(str(allocation_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AllocationPublic | AllocationRefused | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = AllocationPublic.from_dict(response.json())

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
        response_409 = AllocationRefused.from_dict(response.json())

        return response_409

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
    allocation_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[AllocationPublic | AllocationRefused | Problem | ValidationProblem]:
    """Commit an allocation

     Propose exactly the dry run's assignments as engagements, in one transaction, each
    under the rules and capacity checks of a single proposal. If any no longer fits, the
    409 names each and nothing is proposed.

    Roles: admin, and the partner or business that every task of the allocation belongs to.

    Args:
        allocation_id (str): The allocation's id.
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AllocationPublic | AllocationRefused | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        allocation_id=allocation_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    allocation_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> AllocationPublic | AllocationRefused | Problem | ValidationProblem | None:
    """Commit an allocation

     Propose exactly the dry run's assignments as engagements, in one transaction, each
    under the rules and capacity checks of a single proposal. If any no longer fits, the
    409 names each and nothing is proposed.

    Roles: admin, and the partner or business that every task of the allocation belongs to.

    Args:
        allocation_id (str): The allocation's id.
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AllocationPublic | AllocationRefused | Problem | ValidationProblem
    """

    return sync_detailed(
        allocation_id=allocation_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    allocation_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[AllocationPublic | AllocationRefused | Problem | ValidationProblem]:
    """Commit an allocation

     Propose exactly the dry run's assignments as engagements, in one transaction, each
    under the rules and capacity checks of a single proposal. If any no longer fits, the
    409 names each and nothing is proposed.

    Roles: admin, and the partner or business that every task of the allocation belongs to.

    Args:
        allocation_id (str): The allocation's id.
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AllocationPublic | AllocationRefused | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        allocation_id=allocation_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    allocation_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> AllocationPublic | AllocationRefused | Problem | ValidationProblem | None:
    """Commit an allocation

     Propose exactly the dry run's assignments as engagements, in one transaction, each
    under the rules and capacity checks of a single proposal. If any no longer fits, the
    409 names each and nothing is proposed.

    Roles: admin, and the partner or business that every task of the allocation belongs to.

    Args:
        allocation_id (str): The allocation's id.
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AllocationPublic | AllocationRefused | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            allocation_id=allocation_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
