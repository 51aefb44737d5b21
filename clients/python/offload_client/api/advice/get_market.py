from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.market_public import MarketPublic
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    task_type: str,
    *,
    volume: int,
    currency: str,
    languages: list[str] | Unset = UNSET,
    required_certifications: list[str] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["volume"] = volume

    params["currency"] = currency

    json_languages: list[str] | Unset = UNSET
    if not isinstance(languages, Unset):
        json_languages = languages

    params["languages"] = json_languages

    json_required_certifications: list[str] | Unset = UNSET
    if not isinstance(required_certifications, Unset):
        json_required_certifications = required_certifications

    params["required_certifications"] = json_required_certifications

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/market/{task_type}".format(
            task_type=quote(str(task_type), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MarketPublic | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = MarketPublic.from_dict(response.json())

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
) -> Response[MarketPublic | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    task_type: str,
    *,
    client: AuthenticatedClient,
    volume: int,
    currency: str,
    languages: list[str] | Unset = UNSET,
    required_certifications: list[str] | Unset = UNSET,
) -> Response[MarketPublic | Problem | ValidationProblem]:
    """Get the market price of a task

     What vendors charge a month for this much of this work: quote percentiles (p10 to
    p90) over every active offer that could take it on (capacity, minimum volume,
    languages, certifications and currency; budget aside), converted to `currency`, and
    the median per unit. An unknown task type is a 404.

    Roles: any valid key.

    Args:
        task_type (str): A key from `GET /v1/task-types`.
        volume (int): Units of work per month, in the type's unit.
        currency (str): ISO 4217; quotes are converted to it.
        languages (list[str] | Unset): ISO 639-1; vendors must speak one of them. Repeat the
            parameter or separate codes with commas.
        required_certifications (list[str] | Unset): Vendors must hold every one. Repeat the
            parameter or separate with commas.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MarketPublic | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        task_type=task_type,
        volume=volume,
        currency=currency,
        languages=languages,
        required_certifications=required_certifications,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_type: str,
    *,
    client: AuthenticatedClient,
    volume: int,
    currency: str,
    languages: list[str] | Unset = UNSET,
    required_certifications: list[str] | Unset = UNSET,
) -> MarketPublic | Problem | ValidationProblem | None:
    """Get the market price of a task

     What vendors charge a month for this much of this work: quote percentiles (p10 to
    p90) over every active offer that could take it on (capacity, minimum volume,
    languages, certifications and currency; budget aside), converted to `currency`, and
    the median per unit. An unknown task type is a 404.

    Roles: any valid key.

    Args:
        task_type (str): A key from `GET /v1/task-types`.
        volume (int): Units of work per month, in the type's unit.
        currency (str): ISO 4217; quotes are converted to it.
        languages (list[str] | Unset): ISO 639-1; vendors must speak one of them. Repeat the
            parameter or separate codes with commas.
        required_certifications (list[str] | Unset): Vendors must hold every one. Repeat the
            parameter or separate with commas.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MarketPublic | Problem | ValidationProblem
    """

    return sync_detailed(
        task_type=task_type,
        client=client,
        volume=volume,
        currency=currency,
        languages=languages,
        required_certifications=required_certifications,
    ).parsed


async def asyncio_detailed(
    task_type: str,
    *,
    client: AuthenticatedClient,
    volume: int,
    currency: str,
    languages: list[str] | Unset = UNSET,
    required_certifications: list[str] | Unset = UNSET,
) -> Response[MarketPublic | Problem | ValidationProblem]:
    """Get the market price of a task

     What vendors charge a month for this much of this work: quote percentiles (p10 to
    p90) over every active offer that could take it on (capacity, minimum volume,
    languages, certifications and currency; budget aside), converted to `currency`, and
    the median per unit. An unknown task type is a 404.

    Roles: any valid key.

    Args:
        task_type (str): A key from `GET /v1/task-types`.
        volume (int): Units of work per month, in the type's unit.
        currency (str): ISO 4217; quotes are converted to it.
        languages (list[str] | Unset): ISO 639-1; vendors must speak one of them. Repeat the
            parameter or separate codes with commas.
        required_certifications (list[str] | Unset): Vendors must hold every one. Repeat the
            parameter or separate with commas.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MarketPublic | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        task_type=task_type,
        volume=volume,
        currency=currency,
        languages=languages,
        required_certifications=required_certifications,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_type: str,
    *,
    client: AuthenticatedClient,
    volume: int,
    currency: str,
    languages: list[str] | Unset = UNSET,
    required_certifications: list[str] | Unset = UNSET,
) -> MarketPublic | Problem | ValidationProblem | None:
    """Get the market price of a task

     What vendors charge a month for this much of this work: quote percentiles (p10 to
    p90) over every active offer that could take it on (capacity, minimum volume,
    languages, certifications and currency; budget aside), converted to `currency`, and
    the median per unit. An unknown task type is a 404.

    Roles: any valid key.

    Args:
        task_type (str): A key from `GET /v1/task-types`.
        volume (int): Units of work per month, in the type's unit.
        currency (str): ISO 4217; quotes are converted to it.
        languages (list[str] | Unset): ISO 639-1; vendors must speak one of them. Repeat the
            parameter or separate codes with commas.
        required_certifications (list[str] | Unset): Vendors must hold every one. Repeat the
            parameter or separate with commas.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MarketPublic | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            task_type=task_type,
            client=client,
            volume=volume,
            currency=currency,
            languages=languages,
            required_certifications=required_certifications,
        )
    ).parsed
