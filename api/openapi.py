"""The OpenAPI document: stable operationIds and the real problem schemas.

FastAPI documents its own validation error shape for every route with parameters; Offload
answers with RFC 9457 problems instead, so the document is patched to say so.
"""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from api.errors import PROBLEM_MEDIA_TYPE
from api.problems.catalogue import for_status

_FASTAPI_ERROR_SCHEMAS = ("HTTPValidationError", "ValidationError")


def operation_id(route: APIRoute) -> str:
    """`list_vendors` -> `listVendors`: the handler's name is the stable operationId."""
    head, *rest = route.name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _patch_responses(operation: dict[str, Any]) -> None:
    for status, response in operation.get("responses", {}).items():
        content = response.get("content", {})
        if status == "422":
            content.pop("application/json", None)
            content[PROBLEM_MEDIA_TYPE] = {
                "schema": {"$ref": "#/components/schemas/ValidationProblem"}
            }
        elif PROBLEM_MEDIA_TYPE in content and "application/json" in content:
            content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")


_HEADER_DOCS = {
    "RateLimit": "The remaining quota of this key (without a key: of this client address): "
    '`"default";r=<left>;t=<seconds to full>`.',
    "RateLimit-Policy": "The quota of this key (without a key: of this client address): "
    '`"default";q=<burst>;w=<seconds to refill>`.',
    "Retry-After": "Seconds to wait before retrying.",
    "ETag": "Strong version tag of the object; send it as `If-Match` to edit safely.",
    "Idempotent-Replayed": "`true` when this is the stored response to an earlier request "
    "with the same `Idempotency-Key`.",
    "Idempotent-Replay-Omitted": "In a replay, the fields shown only once (`x-shown-once`, "
    "e.g. `secret`) that are `null` here because they are never stored.",
}
_IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Any unique string (1-255 printable ASCII characters) to make retries safe: "
    "the same key and body within 24 hours replay the first response; the same key with another "
    "body is a 422; a retry while the first is still running is a 409. A replay is "
    "authenticated and rate-limited like any request, and never repeats a field shown once.",
    # Printable ASCII; no space at either end, since HTTP drops it before the server sees it.
    "schema": {
        "type": "string",
        "minLength": 1,
        "maxLength": 255,
        "pattern": "^[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?$",
    },
}


def _headers(*names: str) -> dict[str, Any]:
    return {
        name: {"description": _HEADER_DOCS[name], "schema": {"type": "string"}} for name in names
    }


def _problem(description: str, *headers: str) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    if headers:
        response["headers"] = _headers(*headers)
    return response


def _document_protocol(path: str, method: str, operation: dict[str, Any]) -> None:
    """Headers and errors that middleware adds, which FastAPI cannot see on the routes."""
    responses = operation.setdefault("responses", {})
    success = [r for status, r in responses.items() if status.startswith("2")]
    keyed = "security" in operation
    if keyed or path.startswith("/v1/"):  # routes without a key are limited per client
        for response in success:
            response.setdefault("headers", {}).update(_headers("RateLimit", "RateLimit-Policy"))
        responses.setdefault(
            "429",
            _problem(
                "Over this key's rate limit; retry after `Retry-After` seconds."
                if keyed
                else "Over this client address's rate limit; retry after `Retry-After` seconds.",
                "Retry-After",
                "RateLimit",
                "RateLimit-Policy",
            ),
        )
    if path.startswith("/v1/"):
        responses.setdefault(
            "503",
            _problem(
                "The server is at capacity or its database is unavailable; nothing was changed "
                "unless the detail says the outcome is unknown. Retry after `Retry-After` "
                "seconds.",
                "Retry-After",
            ),
        )
    if method in ("get", "patch") and path.endswith("}") and "200" in responses:
        responses["200"].setdefault("headers", {}).update(_headers("ETag"))
    if method == "post" and "security" in operation:
        operation.setdefault("parameters", []).append(_IDEMPOTENCY_KEY)
        for response in success:
            response.setdefault("headers", {}).update(
                _headers("Idempotent-Replayed", "Idempotent-Replay-Omitted")
            )
        responses.setdefault(
            "400", _problem("The body is not valid JSON, or the Idempotency-Key is malformed.")
        )
        responses.setdefault(
            "409", _problem("A request with this Idempotency-Key is still running.", "Retry-After")
        )


def _example(status: int, name: str, title: str, detail: str, path: str) -> dict[str, Any]:
    value: dict[str, Any] = {
        "type": "/problems/" + name,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": path,
    }
    if name == "validation-error":
        value["errors"] = [
            {
                "field": "body.volume",
                "message": "Input should be greater than 0",
                "code": "greater_than",
            }
        ]
    return value


def _document_problem_types(path: str, operation: dict[str, Any]) -> None:
    """Every error response shows, as named examples, each problem type it can carry, so the
    document names every type and a client sees a whole problem for every status."""
    for status, response in operation.get("responses", {}).items():
        media = response.get("content", {}).get(PROBLEM_MEDIA_TYPE)
        if media is None or not status.isdigit() or int(status) < 400:
            continue
        media.pop("example", None)
        media["examples"] = {
            problem.name: {
                "summary": problem.meaning.split(". ")[0].removesuffix(".")
                if problem.status
                else "Any other error",
                "description": f"[`{problem.type}`]({problem.type}): {problem.action}",
                "value": _example(
                    int(status), problem.name, problem.title, problem.example_detail, path
                ),
            }
            for problem in for_status(int(status))
        }


def build_openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        summary=app.summary,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
        servers=app.servers,
        contact=app.contact,
    )
    for path, path_item in schema.get("paths", {}).items():
        for method, operation in path_item.items():
            _patch_responses(operation)
            _document_protocol(path, method, operation)
            _document_problem_types(path, operation)
    schemas = schema.get("components", {}).get("schemas", {})
    for name in _FASTAPI_ERROR_SCHEMAS:
        schemas.pop(name, None)
    app.openapi_schema = schema
    return schema
