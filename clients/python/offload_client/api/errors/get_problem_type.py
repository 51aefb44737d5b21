from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.problem_type_public import ProblemTypePublic
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/problems/{name}".format(
            name=quote(str(name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ProblemTypePublic | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ProblemTypePublic.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | ProblemTypePublic | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | ProblemTypePublic | ValidationProblem]:
    """Get a problem type

     What a problem `type` means and what to do about it: where each problem's `type`
    points. JSON, or a short page when the client asks for `text/html`.

    No API key needed; limited per client address.

    Args:
        name (str): The last segment of a problem's `type`, e.g. `not-found`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProblemTypePublic | ValidationProblem]
    """

    kwargs = _get_kwargs(
        name=name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | ProblemTypePublic | ValidationProblem | None:
    """Get a problem type

     What a problem `type` means and what to do about it: where each problem's `type`
    points. JSON, or a short page when the client asks for `text/html`.

    No API key needed; limited per client address.

    Args:
        name (str): The last segment of a problem's `type`, e.g. `not-found`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProblemTypePublic | ValidationProblem
    """

    return sync_detailed(
        name=name,
        client=client,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | ProblemTypePublic | ValidationProblem]:
    """Get a problem type

     What a problem `type` means and what to do about it: where each problem's `type`
    points. JSON, or a short page when the client asks for `text/html`.

    No API key needed; limited per client address.

    Args:
        name (str): The last segment of a problem's `type`, e.g. `not-found`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProblemTypePublic | ValidationProblem]
    """

    kwargs = _get_kwargs(
        name=name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | ProblemTypePublic | ValidationProblem | None:
    """Get a problem type

     What a problem `type` means and what to do about it: where each problem's `type`
    points. JSON, or a short page when the client asks for `text/html`.

    No API key needed; limited per client address.

    Args:
        name (str): The last segment of a problem's `type`, e.g. `not-found`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProblemTypePublic | ValidationProblem
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
        )
    ).parsed
