from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.advice_list import AdviceList
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    business_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/businesses/{business_id}/advice".format(
            business_id=quote(str(business_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdviceList | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = AdviceList.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

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
) -> Response[AdviceList | Problem | ValidationProblem]:
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
) -> Response[AdviceList | Problem | ValidationProblem]:
    """Advise a business on what to hand off

     For each open or paused task of the business: hand it off or not, and why, priced by
    the live market against the owner's time (`hourly_value`, the tasks'
    `hours_spent_per_month` and `core`). Tasks worth handing off come first, biggest monthly
    gain first, numbered by `priority`; `totals` add them up in the business's currency.
    A 409 when a task's budget currency has no exchange rate with the hourly value's.

    Roles: admin, the owning partner, the business itself.

    Args:
        business_id (str): The business's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdviceList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        business_id=business_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    business_id: str,
    *,
    client: AuthenticatedClient,
) -> AdviceList | Problem | ValidationProblem | None:
    """Advise a business on what to hand off

     For each open or paused task of the business: hand it off or not, and why, priced by
    the live market against the owner's time (`hourly_value`, the tasks'
    `hours_spent_per_month` and `core`). Tasks worth handing off come first, biggest monthly
    gain first, numbered by `priority`; `totals` add them up in the business's currency.
    A 409 when a task's budget currency has no exchange rate with the hourly value's.

    Roles: admin, the owning partner, the business itself.

    Args:
        business_id (str): The business's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdviceList | Problem | ValidationProblem
    """

    return sync_detailed(
        business_id=business_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    business_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[AdviceList | Problem | ValidationProblem]:
    """Advise a business on what to hand off

     For each open or paused task of the business: hand it off or not, and why, priced by
    the live market against the owner's time (`hourly_value`, the tasks'
    `hours_spent_per_month` and `core`). Tasks worth handing off come first, biggest monthly
    gain first, numbered by `priority`; `totals` add them up in the business's currency.
    A 409 when a task's budget currency has no exchange rate with the hourly value's.

    Roles: admin, the owning partner, the business itself.

    Args:
        business_id (str): The business's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdviceList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        business_id=business_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    business_id: str,
    *,
    client: AuthenticatedClient,
) -> AdviceList | Problem | ValidationProblem | None:
    """Advise a business on what to hand off

     For each open or paused task of the business: hand it off or not, and why, priced by
    the live market against the owner's time (`hourly_value`, the tasks'
    `hours_spent_per_month` and `core`). Tasks worth handing off come first, biggest monthly
    gain first, numbered by `priority`; `totals` add them up in the business's currency.
    A 409 when a task's budget currency has no exchange rate with the hourly value's.

    Roles: admin, the owning partner, the business itself.

    Args:
        business_id (str): The business's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdviceList | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            business_id=business_id,
            client=client,
        )
    ).parsed
