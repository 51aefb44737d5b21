from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.engagement_create import EngagementCreate
from ...models.engagement_public import EngagementPublic
from ...models.problem import Problem
from ...models.proposal_refused import ProposalRefused
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    task_id: str,
    *,
    body: EngagementCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/tasks/{task_id}/engagements".format(
            task_id=quote(str(task_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EngagementPublic | Problem | ProposalRefused | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = EngagementPublic.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ProposalRefused.from_dict(response.json())

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
) -> Response[EngagementPublic | Problem | ProposalRefused | ValidationProblem]:
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
    body: EngagementCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[EngagementPublic | Problem | ProposalRefused | ValidationProblem]:
    """Propose an engagement

     Propose that a matched service take the task on. The task's volume is reserved on the
    service at once, so the next match already sees less capacity; 409 if it no longer fits,
    if the task is not open, or if the task already has a live engagement. The vendor has
    `OFFLOAD_ENGAGEMENT_TTL_SECONDS` to answer before the proposal expires.

    What would not match cannot be proposed: the service must pass every hard constraint
    matching applies (budget with its tolerance, minimum volume, language, certifications,
    currency, coverage overlap, capacity), or the 409 lists each it fails in `blockers`. A
    pair the vendor declined or let expire cannot be proposed again for
    `OFFLOAD_PROPOSAL_COOLDOWN_SECONDS` (the 409 says until when in `available_at`), and a
    business holds at most `OFFLOAD_MAX_OPEN_PROPOSALS` unanswered proposals.

    Roles: admin, the owning partner, the business itself.

    Args:
        task_id (str): The task profile's id.
        idempotency_key (str | Unset):
        body (EngagementCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EngagementPublic | Problem | ProposalRefused | ValidationProblem]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: str,
    *,
    client: AuthenticatedClient,
    body: EngagementCreate,
    idempotency_key: str | Unset = UNSET,
) -> EngagementPublic | Problem | ProposalRefused | ValidationProblem | None:
    """Propose an engagement

     Propose that a matched service take the task on. The task's volume is reserved on the
    service at once, so the next match already sees less capacity; 409 if it no longer fits,
    if the task is not open, or if the task already has a live engagement. The vendor has
    `OFFLOAD_ENGAGEMENT_TTL_SECONDS` to answer before the proposal expires.

    What would not match cannot be proposed: the service must pass every hard constraint
    matching applies (budget with its tolerance, minimum volume, language, certifications,
    currency, coverage overlap, capacity), or the 409 lists each it fails in `blockers`. A
    pair the vendor declined or let expire cannot be proposed again for
    `OFFLOAD_PROPOSAL_COOLDOWN_SECONDS` (the 409 says until when in `available_at`), and a
    business holds at most `OFFLOAD_MAX_OPEN_PROPOSALS` unanswered proposals.

    Roles: admin, the owning partner, the business itself.

    Args:
        task_id (str): The task profile's id.
        idempotency_key (str | Unset):
        body (EngagementCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EngagementPublic | Problem | ProposalRefused | ValidationProblem
    """

    return sync_detailed(
        task_id=task_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient,
    body: EngagementCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[EngagementPublic | Problem | ProposalRefused | ValidationProblem]:
    """Propose an engagement

     Propose that a matched service take the task on. The task's volume is reserved on the
    service at once, so the next match already sees less capacity; 409 if it no longer fits,
    if the task is not open, or if the task already has a live engagement. The vendor has
    `OFFLOAD_ENGAGEMENT_TTL_SECONDS` to answer before the proposal expires.

    What would not match cannot be proposed: the service must pass every hard constraint
    matching applies (budget with its tolerance, minimum volume, language, certifications,
    currency, coverage overlap, capacity), or the 409 lists each it fails in `blockers`. A
    pair the vendor declined or let expire cannot be proposed again for
    `OFFLOAD_PROPOSAL_COOLDOWN_SECONDS` (the 409 says until when in `available_at`), and a
    business holds at most `OFFLOAD_MAX_OPEN_PROPOSALS` unanswered proposals.

    Roles: admin, the owning partner, the business itself.

    Args:
        task_id (str): The task profile's id.
        idempotency_key (str | Unset):
        body (EngagementCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EngagementPublic | Problem | ProposalRefused | ValidationProblem]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: str,
    *,
    client: AuthenticatedClient,
    body: EngagementCreate,
    idempotency_key: str | Unset = UNSET,
) -> EngagementPublic | Problem | ProposalRefused | ValidationProblem | None:
    """Propose an engagement

     Propose that a matched service take the task on. The task's volume is reserved on the
    service at once, so the next match already sees less capacity; 409 if it no longer fits,
    if the task is not open, or if the task already has a live engagement. The vendor has
    `OFFLOAD_ENGAGEMENT_TTL_SECONDS` to answer before the proposal expires.

    What would not match cannot be proposed: the service must pass every hard constraint
    matching applies (budget with its tolerance, minimum volume, language, certifications,
    currency, coverage overlap, capacity), or the 409 lists each it fails in `blockers`. A
    pair the vendor declined or let expire cannot be proposed again for
    `OFFLOAD_PROPOSAL_COOLDOWN_SECONDS` (the 409 says until when in `available_at`), and a
    business holds at most `OFFLOAD_MAX_OPEN_PROPOSALS` unanswered proposals.

    Roles: admin, the owning partner, the business itself.

    Args:
        task_id (str): The task profile's id.
        idempotency_key (str | Unset):
        body (EngagementCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EngagementPublic | Problem | ProposalRefused | ValidationProblem
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
