"""Domain errors, and their rendering as RFC 9457 ``application/problem+json`` responses.

Every error the service returns goes through :func:`problem_response`, so clients see one
shape whatever went wrong: a route that does not exist, a bad field, a missing key or a
conflict found deep in a service.
"""

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.faults import classify, detail
from api.logs import current_request_id
from api.problems.catalogue import CATALOGUE, PROBLEM_BASE, default_name

PROBLEM_MEDIA_TYPE = "application/problem+json"


class FieldError(BaseModel):
    field: str = Field(
        description="Where the bad value is, e.g. `body.budget.max` or `query.limit`."
    )
    message: str = Field(description="What is wrong with it, in a sentence.")
    code: str = Field(description="A stable machine-readable reason, e.g. `greater_than`.")


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": PROBLEM_BASE + "not-found",
                    "title": "Not Found",
                    "status": 404,
                    "detail": "No business with id 'biz_01J...' is visible to this key.",
                }
            ]
        }
    )

    type: str = Field(
        description="A URI reference naming the kind of problem, `/problems/{name}`, relative "
        "to the service; GET it for what it means and what to do (docs/errors.md). New types "
        "may be added within `/v1`: treat an unknown one by its `status`.",
        examples=[problem.type for problem in CATALOGUE.values()],
    )
    title: str = Field(description="A short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong this time, for a human.")
    instance: str | None = Field(default=None, description="The request path.")
    request_id: str | None = Field(
        default=None,
        description="The request's id, as in the `X-Request-ID` response header: quote it "
        "when asking about this request.",
    )


class ValidationProblem(Problem):
    """A problem whose request was refused for its content; `errors` names each bad field."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": PROBLEM_BASE + "validation-error",
                    "title": "Unprocessable Content",
                    "status": 422,
                    "detail": "1 field is invalid.",
                    "errors": [
                        {
                            "field": "body.volume",
                            "message": "Input should be greater than 0",
                            "code": "greater_than",
                        }
                    ],
                }
            ]
        }
    )

    errors: list[FieldError] = Field(default_factory=list)


class DomainError(Exception):
    """An error a service raises; its class says which status and problem type it becomes."""

    status: int = 400
    slug: str = "bad-request"

    def __init__(
        self,
        detail: str,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers
        # RFC 9457 extension members, JSON-ready, e.g. {"blockers": [...]}.
        self.extensions = extensions


class NotFound(DomainError):
    status, slug = 404, "not-found"


class Unauthorized(DomainError):
    status, slug = 401, "unauthorized"


class Forbidden(DomainError):
    status, slug = 403, "forbidden"


class Conflict(DomainError):
    status, slug = 409, "conflict"


class TooManyRequests(DomainError):
    status, slug = 429, "rate-limited"


class PreconditionFailed(DomainError):
    status, slug = 412, "precondition-failed"


class Invalid(DomainError):
    """A value that passed the schema but breaks a rule that needs the database to check."""

    status, slug = 422, "validation-error"


# RFC 9110 names; Python's HTTPStatus still carries the older RFC 7231 phrases.
_TITLES = {413: "Content Too Large", 422: "Unprocessable Content"}


def problem_response(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    instance: str | None = None,
    errors: list[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
    extensions: dict[str, Any] | None = None,
) -> JSONResponse:
    phrase = _TITLES.get(status) or HTTPStatus(status).phrase
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + (slug or default_name(status)),
        "title": phrase,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if (request_id := current_request_id()) is not None:
        body["request_id"] = request_id
    if errors is not None:
        body["errors"] = [e.model_dump() for e in errors]
    for name, value in (extensions or {}).items():
        body.setdefault(name, value)  # never over a standard member
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def unavailable_response(
    detail: str, *, slug: str, retry_after: int, instance: str | None = None
) -> JSONResponse:
    """A 503 that tells the client when to come back: the server is overloaded or its
    database failed, and the request changed nothing (or says it may have)."""
    return problem_response(
        503, detail, slug=slug, instance=instance, headers={"Retry-After": str(retry_after)}
    )


def _field_path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "body"


def _validation_errors(exc: RequestValidationError) -> list[FieldError]:
    return [
        FieldError(
            field=_field_path(tuple(err.get("loc", ()))),
            message=str(err.get("msg", "Invalid value")).removeprefix("Value error, "),
            code=str(err.get("type", "invalid")),
        )
        for err in exc.errors()
    ]


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _validation_errors(exc)
    if any(e.code == "json_invalid" for e in errors):
        return problem_response(
            400,
            "The request body is not valid JSON.",
            slug="malformed-json",
            instance=request.url.path,
        )
    count = len(errors)
    return problem_response(
        422,
        f"{count} field{'s are' if count != 1 else ' is'} invalid.",
        slug="validation-error",
        instance=request.url.path,
        errors=errors,
    )


async def _on_domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    headers = dict(exc.headers or {})
    if exc.status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="offload"'
    return problem_response(
        exc.status,
        exc.detail,
        slug=exc.slug,
        instance=request.url.path,
        errors=exc.errors,
        headers=headers or None,
        extensions=exc.extensions,
    )


_METHODS = ("DELETE", "GET", "PATCH", "POST", "PUT")


def _allowed_methods(request: Request) -> str:
    """Every method some route takes on this path: Starlette's own Allow names only the first
    route's, and RFC 9110 wants them all. A fixed path outranks a template, as in OpenAPI:
    /v1/vendors/batch is that resource, not a vendor with the id 'batch'."""
    fixed: dict[str, bool] = {}  # method -> taken by a route without path parameters
    for context in iter_route_contexts(request.app.router.routes):
        match, child = context.route.matches({**request.scope, "path_params": {}})
        if match is Match.NONE:
            continue
        for method in context.methods or _METHODS:  # a mount takes any method
            if method in _METHODS:
                fixed[method] = fixed.get(method, False) or not child.get("path_params")
    any_fixed = any(fixed.values())
    return ", ".join(
        method for method in _METHODS if method in fixed and (fixed[method] or not any_fixed)
    )


async def _on_http_exception(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    headers = exc.headers
    if exc.status_code == 404:
        detail = f"No route matches {request.url.path}."
    elif exc.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}."
        headers = {**(headers or {}), "Allow": _allowed_methods(request)}
    return problem_response(exc.status_code, detail, instance=request.url.path, headers=headers)


async def _on_data_error(request: Request, exc: Exception) -> JSONResponse:
    # The database refused a value that passed validation, e.g. PostgreSQL and a NUL
    # character in text. The request's transaction is rolled back, so nothing changed.
    return problem_response(
        400,
        "The request holds a value that cannot be stored, such as a NUL character.",
        instance=request.url.path,
    )


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    # Never a stack trace on the wire; the server log keeps it. A database fault is normally
    # answered by the DatabaseGate; one on a route outside it still is not a 500.
    fault = classify(exc)
    if fault is not None:
        return unavailable_response(
            detail(fault), slug="database-unavailable", retry_after=1, instance=request.url.path
        )
    return problem_response(
        500, "An unexpected error occurred; it has been logged.", instance=request.url.path
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(DomainError, _on_domain_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_exception)
    app.add_exception_handler(DataError, _on_data_error)
    app.add_exception_handler(Exception, _on_unexpected)


_DESCRIPTIONS = {
    400: "The body is not valid JSON.",
    401: "No API key, or one that is unknown, revoked or expired.",
    403: "This key's role may never do this.",
    404: "The object does not exist or is not visible to this key.",
    409: "The request conflicts with the current state.",
    413: "The request body is larger than the server accepts.",
    412: "`If-Match` names a version that is no longer current; fetch it again.",
    415: "The body is not `application/json`.",
    422: "A field is invalid; `errors` names each one.",
    429: "Over this key's rate limit; retry after `Retry-After` seconds.",
}


def problems(
    *statuses: int, models: dict[int, tuple[type[Problem], str]] | None = None
) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for the problems a route can return; ``models`` gives a
    status a richer problem (with extension members) and its own description."""
    special = models or {}
    return {
        status: {
            "model": special[status][0]
            if status in special
            else (ValidationProblem if status == 422 else Problem),
            "description": special[status][1] if status in special else _DESCRIPTIONS[status],
            "content": {PROBLEM_MEDIA_TYPE: {}},
        }
        for status in statuses
    }
