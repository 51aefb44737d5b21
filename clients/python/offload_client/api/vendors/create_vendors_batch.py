from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...models.vendor_batch import VendorBatch
from ...models.vendor_batch_result import VendorBatchResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: VendorBatch,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/vendors/batch",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ValidationProblem | VendorBatchResult | None:
    if response.status_code == 200:
        response_200 = VendorBatchResult.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = VendorBatchResult.from_dict(response.json())

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
        response_409 = Problem.from_dict(response.json())

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
) -> Response[Problem | ValidationProblem | VendorBatchResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: VendorBatch,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | ValidationProblem | VendorBatchResult]:
    """Create many vendors with their services

     Register up to 1,000 vendors, each with its services, in one request.

    All or nothing: if any item is invalid the answer is a 422 whose `errors` name each bad
    field by its item, e.g. `body.items.3.services.0.pricing.amount`, and nothing is
    written. Every item is validated as `POST /v1/vendors` and
    `POST /v1/vendors/{vendor_id}/services` would validate it; a vendor offers each task
    type once. With `dry_run` the items are validated and nothing is written (200). A
    partner key owns the vendors it creates.

    Rate limits count objects, not requests: a batch of N items costs N tokens of the key's
    bucket (a dry run too). A batch costing more than the bucket now holds is a 429 with
    `Retry-After`; one larger than the bucket can ever hold (`OFFLOAD_RATE_LIMIT_BURST`) is
    a 422 on `body.items`. Either way nothing is written.

    Roles: admin, partner.

    Args:
        idempotency_key (str | Unset):
        body (VendorBatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | VendorBatchResult]
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
    body: VendorBatch,
    idempotency_key: str | Unset = UNSET,
) -> Problem | ValidationProblem | VendorBatchResult | None:
    """Create many vendors with their services

     Register up to 1,000 vendors, each with its services, in one request.

    All or nothing: if any item is invalid the answer is a 422 whose `errors` name each bad
    field by its item, e.g. `body.items.3.services.0.pricing.amount`, and nothing is
    written. Every item is validated as `POST /v1/vendors` and
    `POST /v1/vendors/{vendor_id}/services` would validate it; a vendor offers each task
    type once. With `dry_run` the items are validated and nothing is written (200). A
    partner key owns the vendors it creates.

    Rate limits count objects, not requests: a batch of N items costs N tokens of the key's
    bucket (a dry run too). A batch costing more than the bucket now holds is a 429 with
    `Retry-After`; one larger than the bucket can ever hold (`OFFLOAD_RATE_LIMIT_BURST`) is
    a 422 on `body.items`. Either way nothing is written.

    Roles: admin, partner.

    Args:
        idempotency_key (str | Unset):
        body (VendorBatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | VendorBatchResult
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: VendorBatch,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | ValidationProblem | VendorBatchResult]:
    """Create many vendors with their services

     Register up to 1,000 vendors, each with its services, in one request.

    All or nothing: if any item is invalid the answer is a 422 whose `errors` name each bad
    field by its item, e.g. `body.items.3.services.0.pricing.amount`, and nothing is
    written. Every item is validated as `POST /v1/vendors` and
    `POST /v1/vendors/{vendor_id}/services` would validate it; a vendor offers each task
    type once. With `dry_run` the items are validated and nothing is written (200). A
    partner key owns the vendors it creates.

    Rate limits count objects, not requests: a batch of N items costs N tokens of the key's
    bucket (a dry run too). A batch costing more than the bucket now holds is a 429 with
    `Retry-After`; one larger than the bucket can ever hold (`OFFLOAD_RATE_LIMIT_BURST`) is
    a 422 on `body.items`. Either way nothing is written.

    Roles: admin, partner.

    Args:
        idempotency_key (str | Unset):
        body (VendorBatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | VendorBatchResult]
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
    body: VendorBatch,
    idempotency_key: str | Unset = UNSET,
) -> Problem | ValidationProblem | VendorBatchResult | None:
    """Create many vendors with their services

     Register up to 1,000 vendors, each with its services, in one request.

    All or nothing: if any item is invalid the answer is a 422 whose `errors` name each bad
    field by its item, e.g. `body.items.3.services.0.pricing.amount`, and nothing is
    written. Every item is validated as `POST /v1/vendors` and
    `POST /v1/vendors/{vendor_id}/services` would validate it; a vendor offers each task
    type once. With `dry_run` the items are validated and nothing is written (200). A
    partner key owns the vendors it creates.

    Rate limits count objects, not requests: a batch of N items costs N tokens of the key's
    bucket (a dry run too). A batch costing more than the bucket now holds is a 429 with
    `Retry-After`; one larger than the bucket can ever hold (`OFFLOAD_RATE_LIMIT_BURST`) is
    a 422 on `body.items`. Either way nothing is written.

    Roles: admin, partner.

    Args:
        idempotency_key (str | Unset):
        body (VendorBatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | VendorBatchResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
