from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.opportunity_list import OpportunityList
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    vendor_id: str,
    service_id: str,
    *,
    limit: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/vendors/{vendor_id}/services/{service_id}/opportunities".format(
            vendor_id=quote(str(vendor_id), safe=""),
            service_id=quote(str(service_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OpportunityList | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = OpportunityList.from_dict(response.json())

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
) -> Response[OpportunityList | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    vendor_id: str,
    service_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
) -> Response[OpportunityList | Problem | ValidationProblem]:
    """Listed tasks a service could win

     The listed open tasks of the service's type it is eligible for, best rank first,
    each with the task's terms (the business's country and time zone, never who it is),
    the service's rank, score and quote; how many listed tasks excluded it, per reason;
    and how many more it would be eligible for at 5%, 10% and 20% lower prices. A paused
    service is answered as if it were active.

    Roles: admin, the owning partner, the vendor itself.

    Args:
        vendor_id (str): The vendor's id.
        service_id (str): The service's id.
        limit (int | Unset): How many opportunities, 1-100. Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OpportunityList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        vendor_id=vendor_id,
        service_id=service_id,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    vendor_id: str,
    service_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
) -> OpportunityList | Problem | ValidationProblem | None:
    """Listed tasks a service could win

     The listed open tasks of the service's type it is eligible for, best rank first,
    each with the task's terms (the business's country and time zone, never who it is),
    the service's rank, score and quote; how many listed tasks excluded it, per reason;
    and how many more it would be eligible for at 5%, 10% and 20% lower prices. A paused
    service is answered as if it were active.

    Roles: admin, the owning partner, the vendor itself.

    Args:
        vendor_id (str): The vendor's id.
        service_id (str): The service's id.
        limit (int | Unset): How many opportunities, 1-100. Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OpportunityList | Problem | ValidationProblem
    """

    return sync_detailed(
        vendor_id=vendor_id,
        service_id=service_id,
        client=client,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    vendor_id: str,
    service_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
) -> Response[OpportunityList | Problem | ValidationProblem]:
    """Listed tasks a service could win

     The listed open tasks of the service's type it is eligible for, best rank first,
    each with the task's terms (the business's country and time zone, never who it is),
    the service's rank, score and quote; how many listed tasks excluded it, per reason;
    and how many more it would be eligible for at 5%, 10% and 20% lower prices. A paused
    service is answered as if it were active.

    Roles: admin, the owning partner, the vendor itself.

    Args:
        vendor_id (str): The vendor's id.
        service_id (str): The service's id.
        limit (int | Unset): How many opportunities, 1-100. Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OpportunityList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        vendor_id=vendor_id,
        service_id=service_id,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    vendor_id: str,
    service_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
) -> OpportunityList | Problem | ValidationProblem | None:
    """Listed tasks a service could win

     The listed open tasks of the service's type it is eligible for, best rank first,
    each with the task's terms (the business's country and time zone, never who it is),
    the service's rank, score and quote; how many listed tasks excluded it, per reason;
    and how many more it would be eligible for at 5%, 10% and 20% lower prices. A paused
    service is answered as if it were active.

    Roles: admin, the owning partner, the vendor itself.

    Args:
        vendor_id (str): The vendor's id.
        service_id (str): The service's id.
        limit (int | Unset): How many opportunities, 1-100. Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OpportunityList | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            vendor_id=vendor_id,
            service_id=service_id,
            client=client,
            limit=limit,
        )
    ).parsed
