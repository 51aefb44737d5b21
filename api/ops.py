"""Operations endpoints: liveness, readiness and a few Prometheus counters. No auth."""

import time

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel
from sqlalchemy import text

from api import migrate

router = APIRouter(tags=["Operations"])


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    database: str
    migration: str | None
    head: str | None


@router.get("/healthz", summary="Liveness")
def healthz() -> Health:
    """The process is up and serving. No auth."""
    return Health(status="ok")


@router.get(
    "/readyz",
    summary="Readiness",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "Not ready to serve."}},
)
def readyz(request: Request) -> Readiness | JSONResponse:
    """The database answers and its schema is at the latest migration. No auth."""
    engine = request.app.state.engine
    head = request.app.state.migration_head
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        current = migrate.current_revision(engine)
    except Exception:  # any failure to reach the database means not ready
        body = Readiness(status="unavailable", database="unreachable", migration=None, head=head)
        return JSONResponse(body.model_dump(), status_code=503)
    if current != head:
        body = Readiness(status="unavailable", database="ok", migration=current, head=head)
        return JSONResponse(body.model_dump(), status_code=503)
    return Readiness(status="ok", database="ok", migration=current, head=head)


@router.get("/metrics", summary="Metrics", response_class=PlainTextResponse)
def metrics(request: Request) -> str:
    """Process metrics in the Prometheus text format. No auth."""
    started: float = request.app.state.started_at
    pool = request.app.state.engine.pool
    lines = [
        "# HELP offload_uptime_seconds Seconds since the process started.",
        "# TYPE offload_uptime_seconds gauge",
        f"offload_uptime_seconds {time.time() - started:.3f}",
        "# HELP offload_db_pool_checked_out Database connections in use.",
        "# TYPE offload_db_pool_checked_out gauge",
        f"offload_db_pool_checked_out {getattr(pool, 'checkedout', lambda: 0)()}",
    ]
    return "\n".join(lines) + "\n"
