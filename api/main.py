"""The application factory."""

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from api import heap, migrate, ops
from api.admission import Admission, size_thread_pool
from api.advice.routes import router as advice
from api.allocations.routes import router as allocations
from api.businesses.routes import router as businesses
from api.db import make_engine
from api.engagements.deadlines import DeadlineWatch
from api.engagements.routes import router as engagements
from api.errors import install_error_handlers
from api.events.routes import router as events
from api.headers import SecurityHeaders, page_policy
from api.home import router as home
from api.idempotency import Idempotency
from api.keys.routes import router as keys
from api.logs import RequestIds
from api.matches.cache import MatchCache
from api.matches.index import OfferIndex
from api.matches.routes import router as matches
from api.matches.warmup import Warmup
from api.metrics import Metrics
from api.middleware import DatabaseGate, RequestGuard
from api.openapi import build_openapi, operation_id
from api.opportunities.routes import router as opportunities
from api.principals import PrincipalCache
from api.problems.routes import router as problem_types
from api.ratelimit import make_limiter
from api.services.routes import router as services
from api.settings import Settings, get_settings
from api.tasks.routes import router as tasks
from api.taxonomy.routes import router as taxonomy
from api.vendors.routes import router as vendors
from api.web import add_workspace
from api.webhooks.routes import router as webhooks
from api.worker import Background

DESCRIPTION = """\
Offload matches small businesses with vendors who take their admin work off their hands:
invoicing, bookkeeping, payroll, appointment scheduling, email, social media and customer
service.

Every `/v1` route except `GET /v1/task-types` needs `Authorization: Bearer <api key>`.
Errors are RFC 9457 `application/problem+json`. Money is integer minor units with an
ISO 4217 currency. Lists take `limit` and `cursor` and return `data` and `next_cursor`.
"""

TAGS = [
    {"name": "Task types", "description": "The taxonomy of work Offload matches on."},
    {"name": "Businesses", "description": "Profiles of the businesses that hand work off."},
    {"name": "Tasks", "description": "Task profiles: what a business needs done."},
    {"name": "Vendors", "description": "Profiles of the vendors that take work on."},
    {"name": "Services", "description": "What each vendor offers, with capacity and price."},
    {"name": "Matches", "description": "Ranked, explained vendor matches for a task."},
    {
        "name": "Advice",
        "description": "Which tasks to hand off first, and what the market charges for them.",
    },
    {"name": "Engagements", "description": "From a match to work: propose, answer, complete."},
    {
        "name": "Events",
        "description": "The feed of changes, oldest first in commit order (docs/webhooks.md).",
    },
    {
        "name": "Webhooks",
        "description": "Events pushed to partners' URLs, signed per Standard Webhooks.",
    },
    {
        "name": "Allocations",
        "description": "Many tasks placed at once under capacity, with a bound on the optimum.",
    },
    {"name": "API keys", "description": "Keys, roles and revocation."},
    {
        "name": "Operations",
        "description": "Links to the docs, health, readiness and metrics; no key needed.",
    },
    {
        "name": "Errors",
        "description": "Every problem `type`: what it means and what to do. Each problem's "
        "`type` is the URL of its entry here.",
    },
]

# Where `offload demo` and `offload serve` listen by default; a deployment's clients set their
# own base URL (every generated client takes one).
SERVERS = [{"url": "http://127.0.0.1:8000", "description": "A local `offload demo` or serve."}]
CONTACT = {"name": "The operator of this deployment", "url": "http://127.0.0.1:8000/"}

_DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"


def _with_policy(page: HTMLResponse) -> Callable[[], HTMLResponse]:
    """The page, rendered once, served with a policy that admits exactly its scripts."""
    html = bytes(page.body).decode()
    policy = page_policy(html)

    def serve() -> HTMLResponse:
        return HTMLResponse(html, headers={"Content-Security-Policy": policy})

    return serve


def _add_docs(app: FastAPI) -> None:
    """Swagger UI and ReDoc from bundled assets: /docs works with no network."""
    app.mount("/docs-assets", StaticFiles(directory=_DOCS_ASSETS), name="docs-assets")
    swagger = _with_policy(
        get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="Offload API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon.png",
        )
    )
    redoc = _with_policy(
        get_redoc_html(
            openapi_url="/openapi.json",
            title="Offload API",
            redoc_js_url="/docs-assets/redoc.standalone.js",
            redoc_favicon_url="/docs-assets/favicon.png",
            with_google_fonts=False,
        )
    )
    app.get("/docs", include_in_schema=False)(swagger)
    app.get("/redoc", include_in_schema=False)(redoc)


def _with_security_headers(app: FastAPI) -> None:
    """Outside even Starlette's outermost error middleware, so a 500 gets them (and a
    request id, and an access line) too."""
    build = app.build_middleware_stack
    metrics: Metrics = app.state.metrics
    app.build_middleware_stack = lambda: SecurityHeaders(  # type: ignore[method-assign]
        RequestIds(build(), on_response=metrics.observe_request)
    )


def forget_database(app: FastAPI) -> None:
    """Start afresh what this process keeps in memory about the database's rows: the offer
    index, the answers cached from it, the callers and the next proposal deadline. Each
    is kept in step with the database through its change log, so only rows that went
    without a word there (a test emptying its tables) call for this."""
    state, settings = app.state, app.state.settings
    state.offer_index = OfferIndex(metrics=state.metrics)
    state.principals = PrincipalCache(seconds=settings.principal_cache_seconds)
    state.match_cache = MatchCache(max_bytes=settings.match_cache_bytes)
    state.deadlines = DeadlineWatch()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        size_thread_pool(settings.db_pool_size)
        heap.settle()
        # One worker loop per server process: with --workers N there are N, and the claims
        # in api/webhooks/delivery.py keep them from sending one delivery twice.
        background = Background(settings) if settings.run_worker else None
        if background is not None:
            background.start()
        if settings.warm_index:
            app.state.warmup.start()
        try:
            yield
        finally:
            if background is not None:
                background.close()
            app.state.engine.dispose()

    app = FastAPI(
        title="Offload API",
        version="1.0.0",
        summary="Match small businesses' admin work with the vendors best placed to take it.",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        servers=SERVERS,
        contact=CONTACT,
    )
    app.state.settings = settings
    app.state.engine = make_engine(settings)
    app.state.migration_head = migrate.head_revision(settings.database_url)
    app.state.readiness = ops.ReadinessProbe(settings, head=app.state.migration_head)
    app.state.admission = Admission(
        connections=min(settings.max_active_requests, settings.db_pool_size),
        single_writer=app.state.engine.dialect.name == "sqlite",
        bound=settings.admission_timeout_seconds,
    )
    app.state.started_at = time.time()
    app.state.metrics = Metrics()
    forget_database(app)
    app.state.warmup = Warmup(index=app.state.offer_index, engine=app.state.engine)
    app.state.limiter = make_limiter(
        rate=settings.rate_limit_per_second,
        burst=settings.rate_limit_burst,
        redis_url=settings.redis_url,
    )

    install_error_handlers(app)
    app.add_middleware(Idempotency)
    app.add_middleware(DatabaseGate, admission=app.state.admission)
    app.add_middleware(
        RequestGuard,
        max_body_bytes=settings.max_body_bytes,
        body_timeout=settings.body_timeout_seconds,
    )
    for router in (
        taxonomy,
        businesses,
        tasks,
        vendors,
        services,
        opportunities,
        matches,
        advice,
        engagements,
        events,
        webhooks,
        allocations,
        keys,
        ops.router,
        home,
        problem_types,
    ):
        app.include_router(router)
    _add_docs(app)
    add_workspace(app)
    _with_security_headers(app)
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
    return app
