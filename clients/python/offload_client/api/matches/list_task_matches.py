from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.match_list import MatchList
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    task_id: str,
    *,
    limit: int | Unset = 20,
    min_score: float | Unset = 0.0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["min_score"] = min_score

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tasks/{task_id}/matches".format(
            task_id=quote(str(task_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MatchList | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = MatchList.from_dict(response.json())

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
) -> Response[MatchList | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    min_score: float | Unset = 0.0,
) -> Response[MatchList | Problem | ValidationProblem]:
    """Match a stored task

     Rank the vendors for a stored task profile, best first, each with its quote and a
    sentence per factor; also how many were excluded and why. Uses the task's own weights
    over the defaults. Reflects capacity and ratings as they are now.

    Roles: admin, the owning partner, the business itself.

    Args:
        task_id (str): The task profile's id.
        limit (int | Unset): How many, 1-100. Default: 20.
        min_score (float | Unset): Leave out weaker matches. Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MatchList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        limit=limit,
        min_score=min_score,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    min_score: float | Unset = 0.0,
) -> MatchList | Problem | ValidationProblem | None:
    """Match a stored task

     Rank the vendors for a stored task profile, best first, each with its quote and a
    sentence per factor; also how many were excluded and why. Uses the task's own weights
    over the defaults. Reflects capacity and ratings as they are now.

    Roles: admin, the owning partner, the business itself.

    Args:
        task_id (str): The task profile's id.
        limit (int | Unset): How many, 1-100. Default: 20.
        min_score (float | Unset): Leave out weaker matches. Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MatchList | Problem | ValidationProblem
    """

    return sync_detailed(
        task_id=task_id,
        client=client,
        limit=limit,
        min_score=min_score,
    ).parsed


async def asyncio_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    min_score: float | Unset = 0.0,
) -> Response[MatchList | Problem | ValidationProblem]:
    """Match a stored task

     Rank the vendors for a stored task profile, best first, each with its quote and a
    sentence per factor; also how many were excluded and why. Uses the task's own weights
    over the defaults. Reflects capacity and ratings as they are now.

    Roles: admin, the owning partner, the business itself.

    Args:
        task_id (str): The task profile's id.
        limit (int | Unset): How many, 1-100. Default: 20.
        min_score (float | Unset): Leave out weaker matches. Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MatchList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        limit=limit,
        min_score=min_score,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    min_score: float | Unset = 0.0,
) -> MatchList | Problem | ValidationProblem | None:
    """Match a stored task

     Rank the vendors for a stored task profile, best first, each with its quote and a
    sentence per factor; also how many were excluded and why. Uses the task's own weights
    over the defaults. Reflects capacity and ratings as they are now.

    Roles: admin, the owning partner, the business itself.

    Args:
        task_id (str): The task profile's id.
        limit (int | Unset): How many, 1-100. Default: 20.
        min_score (float | Unset): Leave out weaker matches. Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MatchList | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            client=client,
            limit=limit,
            min_score=min_score,
        )
    ).parsed
