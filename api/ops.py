"""Operations endpoints: liveness, readiness and a few Prometheus counters. No auth."""

import anyio
import anyio.to_thread
from alembic.runtime.migration import MigrationContext
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from api.clock import request_clock
from api.db import make_probe_engine
from api.matches.warmup import Warmup
from api.metrics import CONTENT_TYPE, ProcessFigures
from api.settings import Settings

router = APIRouter(tags=["Operations"])


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    database: str
    migration: str | None
    head: str | None
    reason: str | None = None


class ReadinessProbe:
    """Asks the database for its schema revision over a path of its own.

    Not through the request pool nor behind the DatabaseGate, and with a deadline: a
    readiness check that queues behind the load it is meant to judge answers too late to
    be of use. A check still running at the deadline is abandoned (at most two at a time
    are left running), and the answer is 503 with the reason.
    """

    def __init__(self, settings: Settings, *, head: str | None) -> None:
        self.engine = make_probe_engine(settings)
        self.timeout = settings.readiness_timeout_seconds
        self.head = head
        self.threads = anyio.CapacityLimiter(2)

    def _revision(self) -> str | None:
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    async def check(self) -> Readiness:
        with anyio.move_on_after(self.timeout):
            try:
                current = await anyio.to_thread.run_sync(
                    self._revision, limiter=self.threads, abandon_on_cancel=True
                )
            except Exception:  # any failure to reach the database means not ready
                return self._unready("unreachable", None, "The database cannot be reached.")
            if current != self.head:
                return self._unready(
                    "ok",
                    current,
                    f"The schema is at migration {current or 'none'}, not {self.head}; "
                    "run `offload migrate`.",
                )
            return Readiness(status="ok", database="ok", migration=current, head=self.head)
        return self._unready(
            "timeout", None, f"The database did not answer within {self.timeout:g} s."
        )

    def _unready(self, database: str, migration: str | None, reason: str) -> Readiness:
        return Readiness(
            status="unavailable",
            database=database,
            migration=migration,
            head=self.head,
            reason=reason,
        )


@router.get("/healthz", summary="Liveness")
def healthz() -> Health:
    """The process is up and serving. No auth."""
    return Health(status="ok")


@router.get(
    "/readyz",
    summary="Readiness",
    response_model=Readiness,
    responses={
        503: {
            "model": Readiness,
            "description": "Not ready to serve; `reason` says why.",
            "content": {
                "application/json": {
                    "example": {
                        "status": "unavailable",
                        "database": "ok",
                        "migration": "0009",
                        "head": "0010",
                        "reason": "The schema is at migration 0009, not 0010; run `offload "
                        "migrate`.",
                    }
                }
            },
        }
    },
)
async def readyz(request: Request) -> Readiness | JSONResponse:
    """The database answers within the readiness timeout and its schema is at the latest
    migration. Never queued behind other requests, never refused for load. No auth."""
    # Also 503 with status "warming" while the offer index is built at start-up
    # (api/matches/warmup.py); documented in docs/quickstart-operator.md.
    probe: ReadinessProbe = request.app.state.readiness
    readiness = await probe.check()
    warmup: Warmup = request.app.state.warmup
    if readiness.status == "ok" and not await anyio.to_thread.run_sync(
        warmup.wait, probe.timeout, limiter=probe.threads
    ):
        readiness = readiness.model_copy(
            update={
                "status": "warming",
                "reason": "The offer index is being built; the worker takes matches once "
                "it is ready.",
            }
        )
    if readiness.status != "ok":
        return JSONResponse(readiness.model_dump(), status_code=503)
    return readiness


@router.get(
    "/metrics",
    summary="Metrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE: {"schema": {"type": "string"}}}}},
)
def metrics(request: Request) -> Response:
    """Prometheus metrics (text format 0.0.4). No auth: serve it on a private network.

    Request counts and latency per route template and status class; match time split into
    bringing the offer index up to date and ranking; the index's size and builds per task
    type; engagements by state; the webhook queue's depth and how long its oldest due
    delivery has waited; the process's connection pool and admission queue.
    """
    state = request.app.state
    figures = ProcessFigures(
        started_at=state.started_at,
        now=request_clock(request)(),
        # /readyz's own path, with its deadline: a scrape never queues behind the requests
        # it measures, and a database that does not answer is reported, not waited for.
        engine=state.readiness.engine,
        admission=state.admission,
        pool_checked_out=getattr(state.engine.pool, "checkedout", lambda: 0),
    )
    body = state.metrics.render(collectors=[figures])
    return Response(body, media_type=CONTENT_TYPE)
