from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.standing_public import StandingPublic
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    task_id: str,
    service_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tasks/{task_id}/matches/{service_id}".format(
            task_id=quote(str(task_id), safe=""),
            service_id=quote(str(service_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StandingPublic | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = StandingPublic.from_dict(response.json())

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
) -> Response[Problem | StandingPublic | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    task_id: str,
    service_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | StandingPublic | ValidationProblem]:
    """How one service fares on a task

     Whether the service is eligible for the task, its rank among all eligible offers
    (its place in the full ranking) or null, its score, quote and factors, and every hard
    constraint it fails, each with the smallest change that clears it. Answers for
    services that did not make the list, and for paused ones.

    Roles: the task's business side (admin, the owning partner, the business itself) for
    any service; the service's vendor side (its partner, the vendor itself) while the task
    is listed and open. Anyone else gets 404.

    Args:
        task_id (str): The task profile's id.
        service_id (str): The service's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StandingPublic | ValidationProblem]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        service_id=service_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: str,
    service_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | StandingPublic | ValidationProblem | None:
    """How one service fares on a task

     Whether the service is eligible for the task, its rank among all eligible offers
    (its place in the full ranking) or null, its score, quote and factors, and every hard
    constraint it fails, each with the smallest change that clears it. Answers for
    services that did not make the list, and for paused ones.

    Roles: the task's business side (admin, the owning partner, the business itself) for
    any service; the service's vendor side (its partner, the vendor itself) while the task
    is listed and open. Anyone else gets 404.

    Args:
        task_id (str): The task profile's id.
        service_id (str): The service's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StandingPublic | ValidationProblem
    """

    return sync_detailed(
        task_id=task_id,
        service_id=service_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    task_id: str,
    service_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | StandingPublic | ValidationProblem]:
    """How one service fares on a task

     Whether the service is eligible for the task, its rank among all eligible offers
    (its place in the full ranking) or null, its score, quote and factors, and every hard
    constraint it fails, each with the smallest change that clears it. Answers for
    services that did not make the list, and for paused ones.

    Roles: the task's business side (admin, the owning partner, the business itself) for
    any service; the service's vendor side (its partner, the vendor itself) while the task
    is listed and open. Anyone else gets 404.

    Args:
        task_id (str): The task profile's id.
        service_id (str): The service's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StandingPublic | ValidationProblem]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        service_id=service_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: str,
    service_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | StandingPublic | ValidationProblem | None:
    """How one service fares on a task

     Whether the service is eligible for the task, its rank among all eligible offers
    (its place in the full ranking) or null, its score, quote and factors, and every hard
    constraint it fails, each with the smallest change that clears it. Answers for
    services that did not make the list, and for paused ones.

    Roles: the task's business side (admin, the owning partner, the business itself) for
    any service; the service's vendor side (its partner, the vendor itself) while the task
    is listed and open. Anyone else gets 404.

    Args:
        task_id (str): The task profile's id.
        service_id (str): The service's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StandingPublic | ValidationProblem
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            service_id=service_id,
            client=client,
        )
    ).parsed
