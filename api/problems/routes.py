"""The problem types, served where every problem's `type` points: a short page for a person,
JSON for a program. No key needed."""

from html import escape
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from api.deps import Anonymous
from api.errors import NotFound, problems
from api.problems.catalogue import CATALOGUE, ProblemType

router = APIRouter(prefix="/problems", tags=["Errors"], dependencies=[Anonymous])


class ProblemTypePublic(BaseModel):
    type: str = Field(description="The `type` member of problems of this kind.")
    name: str
    status: int | None = Field(description="The HTTP status it comes with; null: any.")
    title: str
    meaning: str = Field(description="What went wrong.")
    action: str = Field(description="What the caller can do about it.")


class ProblemTypeList(BaseModel):
    data: list[ProblemTypePublic]
    next_cursor: None = None


def _public(problem: ProblemType) -> ProblemTypePublic:
    return ProblemTypePublic(
        type=problem.type,
        name=problem.name,
        status=problem.status,
        title=problem.title,
        meaning=problem.meaning,
        action=problem.action,
    )


def _page(problem: ProblemType) -> str:
    status = f"{problem.status} " if problem.status else ""
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{escape(problem.name)}: Offload problem type</title></head><body>"
        f"<h1>{escape(status + problem.title)}: <code>{escape(problem.name)}</code></h1>"
        f"<h2>What it means</h2><p>{escape(problem.meaning)}</p>"
        f"<h2>What to do</h2><p>{escape(problem.action)}</p>"
        '<p><a href="/problems">Every problem type</a> · <a href="/docs">API docs</a></p>'
        "</body></html>"
    )


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "application/json" not in accept


ProblemName = Annotated[
    str,
    Path(
        description="The last segment of a problem's `type`, e.g. `not-found`.",
        examples=["validation-error"],
        max_length=64,
    ),
]


@router.get("", summary="List problem types")
def list_problem_types() -> ProblemTypeList:
    """Every problem `type` the service can answer with, what it means and what to do.

    No API key needed; limited per client address.
    """
    return ProblemTypeList(data=[_public(p) for p in CATALOGUE.values()])


@router.get(
    "/{name}",
    summary="Get a problem type",
    response_model=ProblemTypePublic,
    responses={
        200: {"content": {"text/html": {"schema": {"type": "string"}}}},
        **problems(404),
    },
)
def get_problem_type(name: ProblemName, request: Request) -> ProblemTypePublic | Response:
    """What a problem `type` means and what to do about it: where each problem's `type`
    points. JSON, or a short page when the client asks for `text/html`.

    No API key needed; limited per client address.
    """
    problem = CATALOGUE.get(name)
    if problem is None:
        raise NotFound(f"No problem type is named '{name}'; GET /problems lists them all.")
    if _wants_html(request):
        return HTMLResponse(_page(problem))
    return _public(problem)
