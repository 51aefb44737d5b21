"""The OpenAPI document: stable operationIds and the real problem schemas.

FastAPI documents its own validation error shape for every route with parameters; Offload
answers with RFC 9457 problems instead, so the document is patched to say so.
"""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from api.errors import PROBLEM_MEDIA_TYPE

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
    )
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            _patch_responses(operation)
    schemas = schema.get("components", {}).get("schemas", {})
    for name in _FASTAPI_ERROR_SCHEMAS:
        schemas.pop(name, None)
    app.openapi_schema = schema
    return schema
