"""The root: where a person who opens the service's address finds the docs, the spec and
the problem catalogue. No key needed."""

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.deps import Anonymous

router = APIRouter(tags=["Operations"], dependencies=[Anonymous])


class Home(BaseModel):
    name: str
    version: str
    docs: str = Field(description="Interactive API docs (Swagger UI).")
    redoc: str = Field(description="The same docs as ReDoc.")
    openapi: str = Field(description="The OpenAPI document.")
    problems: str = Field(description="Every problem type, what it means and what to do.")
    task_types: str = Field(description="The taxonomy; the one `/v1` route without a key.")
    app: str = Field(description="The web workspace for business owners and vendors.")


@router.get("/", summary="Links to the docs")
def home() -> Home:
    """Where to start: links to the docs, the OpenAPI document, the problem catalogue and the
    app. No API key needed; limited per client address."""
    return Home(
        name="Offload API",
        version="1",
        docs="/docs",
        redoc="/redoc",
        openapi="/openapi.json",
        problems="/problems",
        task_types="/v1/task-types",
        app="/app/",
    )
