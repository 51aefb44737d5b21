"""Request-scoped dependencies: the session, the caller, and objects loaded for the caller."""

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Update, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col
from starlette.concurrency import run_in_threadpool

from api.auth import Principal
from api.callers import charge, check_anonymous, check_caller, recall
from api.clock import request_clock
from api.db import commit, open_session
from api.engagements import service as engagements
from api.keys.models import ApiKey
from api.matches.index import OfferIndex
from api.principals import callers_changed
from api.ratelimit import Decision, Limiter
from api.settings import Settings

_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="An Offload API key: `Authorization: Bearer ofk_...`.",
)


# The dependencies that only read the app's state are coroutines: FastAPI runs a plain
# function in a worker thread, and a hop there and back costs more than they do.


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_now(request: Request) -> datetime:
    """The request's one notion of now (tests move the clock through ``app.state.clock``)."""
    return request_clock(request)()


Now = Annotated[datetime, Depends(get_now)]


def get_session(request: Request) -> Iterator[Session]:
    """One session per request, committed once when the handler returns without error.
    Write requests hold the SQLite write lock from BEGIN."""
    write = request.method not in _READ_METHODS
    for session in open_session(request.app.state.engine, write=write):
        yield session
        if write:
            commit(session)
            if callers_changed(session):
                # A revoked key, or one whose business or vendor is gone, stops working
                # at once in this worker (other workers: within the principal cache's window).
                request.app.state.principals.forget_all()


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_offer_index(request: Request) -> OfferIndex:
    index: OfferIndex = request.app.state.offer_index
    return index


OfferIndexDep = Annotated[OfferIndex, Depends(get_offer_index)]
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def expire_due(request: Request, now: Now, session: SessionDep) -> None:
    """Expire overdue proposals before a route that shows or changes capacity or an
    engagement's status, so what it sees is exact to the second even between the worker's
    ticks (the worker expires them on time when nobody is asking, and announces each).

    Writes do it inside their own transaction; reads, in a short write transaction of their
    own, and only when there is something to expire. A read looks in a session of its own
    too: the request's session must not start its snapshot (on SQLite, fixed at its first
    read) before the expiry commits.
    """
    engine = request.app.state.engine
    if request.method not in _READ_METHODS:
        engagements.expire_overdue(session=session, now=now)
        return
    for probe in open_session(engine, write=False):
        due = engagements.any_overdue(session=probe, now=now)
    if due:
        sweep_overdue(engine, now=now)


def sweep_overdue(engine: Engine, *, now: datetime) -> None:
    """Expire overdue proposals in a short write transaction of their own, for a read."""
    for sweeper in open_session(engine, write=True):
        engagements.expire_overdue(session=sweeper, now=now)
        sweeper.commit()


ExactCapacity = Depends(expire_due)


def _touch_key(request: Request, session: Session, key_id: str, now: datetime) -> None:
    """Record a key's use: in the request's own transaction when it writes anyway (on SQLite
    it holds the write lock), else in a short one of its own, so reads stay read-only."""
    if request.method not in _READ_METHODS:
        session.execute(_touch(key_id, now))
        return
    _touch_alone(request.app.state.engine, key_id, now)


def _touch(key_id: str, now: datetime) -> Update:
    return update(ApiKey).where(col(ApiKey.id) == key_id).values(last_used_at=now)


def _touch_alone(engine: Engine, key_id: str, now: datetime) -> None:
    for own in open_session(engine, write=True):
        own.execute(_touch(key_id, now))
        own.commit()


def get_principal(
    request: Request,
    response: Response,
    now: Now,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    """The caller, counted against its key's rate limit (see api/callers.py)."""
    principal, decision = check_caller(
        request,
        session=session,
        token=credentials.credentials if credentials else None,
        touch=lambda key_id: _touch_key(request, session, key_id, now),
    )
    response.headers.update(decision.headers())
    return principal


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


def _read_caller(request: Request, token: str | None, now: datetime) -> tuple[Principal, Decision]:
    """``check_caller`` in a read session of its own (a stale last use in a write one)."""
    for session in open_session(request.app.state.engine, write=False):
        found = check_caller(
            request,
            session=session,
            token=token,
            touch=lambda key_id: _touch_alone(request.app.state.engine, key_id, now),
        )
    return found


async def get_reader(
    request: Request,
    response: Response,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    """The caller of a route that only reads, as ``get_principal`` finds it, but with no
    thread and no database when this worker remembers the key (api/principals.py) and
    counts in-process: on a busy read route the hops to a worker thread cost more than the
    rest of the check. Otherwise in a worker thread, with a short session of its own."""
    token = credentials.credentials if credentials else None
    now = request_clock(request)()
    limiter: Limiter = request.app.state.limiter
    found = recall(request, token, now=now) if token and not limiter.blocking else None
    if found is None:
        principal, decision = await run_in_threadpool(_read_caller, request, token, now)
    else:
        principal, stale_use = found
        if principal.key_id is not None and stale_use:
            engine = request.app.state.engine
            await run_in_threadpool(_touch_alone, engine, principal.key_id, now)
        decision = charge(request, principal)
    response.headers.update(decision.headers())
    return principal


Reader = Annotated[Principal, Depends(get_reader)]


def limit_anonymous(request: Request, response: Response) -> None:
    """For routes anyone may call: limited per client address, as keys are per key."""
    response.headers.update(check_anonymous(request).headers())


Anonymous = Depends(limit_anonymous)
