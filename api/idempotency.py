"""Idempotency keys on POST, with the semantics payment APIs use.

The caller is authenticated and counted against its rate limit first (api/callers.py),
exactly as without the header; a request refused there (401, 429) gets its problem and
leaves no record, so nobody can replay, claim or fill the table without a valid key.

The first request with a given ``Idempotency-Key`` runs; its response is stored for 24
hours, scoped to the API key (by id) that sent it. A retry with the same key and the same
request gets that response again, marked ``Idempotent-Replayed: true``; the same key with a
different request is refused (422); a retry while the first is still running gets 409.
Responses that are no result to hold the client to (5xx, 429, 401) are not stored, so their
retry runs again. Fields a response shows only once (api/once.py: a new key's secret) are
stored as ``null`` and named in ``Idempotent-Replay-Omitted``, so a replay never repeats them.

The claim is a row with a unique (scope, key), so of any number of concurrent identical
requests exactly one runs. It is a lease: the running request renews it every third of
``OFFLOAD_IDEMPOTENCY_LEASE_SECONDS``, so a claim left by a process that died is taken back
within that time, while a slow live request keeps it however long it runs.
"""

import hashlib
import inspect
import json
import logging
from datetime import datetime, timedelta
from typing import Any

import anyio
from fastapi import Request
from sqlalchemy import LargeBinary, delete, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Field, Session, SQLModel, col, select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth import Principal
from api.callers import SETTINGS_ADMIN_ID, bearer_token, check_caller
from api.columns import json_object
from api.db import IMMEDIATE, UTCDateTime, open_session, utcnow
from api.errors import problem_response
from api.once import shown_once
from api.ratelimit import Decision

logger = logging.getLogger(__name__)

HEADER = "idempotency-key"
KEEP_FOR = timedelta(hours=24)
OMITTED_HEADER = "idempotent-replay-omitted"
_REPLAYED_HEADERS = ("content-type", "location", "cache-control")
_NEVER_STORED = frozenset({401, 429})  # and every 5xx


class IdempotencyRecord(SQLModel, table=True):
    __tablename__ = "idempotency_keys"

    scope: str = Field(primary_key=True, max_length=64)
    key: str = Field(primary_key=True, max_length=255)
    fingerprint: str = Field(max_length=64)
    status: int | None = None
    headers: dict[str, Any] | None = json_object()
    body: bytes | None = Field(default=None, sa_type=LargeBinary)
    # When the claim was taken or last renewed: the lease and the 24 hours count from it.
    created_at: datetime = Field(sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def _stored(status: int) -> bool:
    return status < 500 and status not in _NEVER_STORED


def _without_shown_once(body: bytes, fields: frozenset[str]) -> tuple[bytes, list[str]]:
    """``body`` with each shown-once field that has a value set to null, and their names."""
    if not fields:
        return body, []
    try:
        document = json.loads(body)
    except ValueError:
        return body, []
    if not isinstance(document, dict):
        return body, []
    omitted = sorted(name for name in fields if document.get(name) is not None)
    if not omitted:
        return body, []
    document.update(dict.fromkeys(omitted))
    # Serialised as FastAPI serialises responses, so the replay reads like the original.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode(), omitted


def _claim(
    engine: Engine, scope_key: str, key: str, fingerprint: str, lease: timedelta
) -> IdempotencyRecord | str:
    """'new' if this request may run; else the stored record to answer from."""
    now = utcnow()
    with Session(engine, expire_on_commit=False) as session:
        session.connection(execution_options={IMMEDIATE: True})
        found = session.get(IdempotencyRecord, (scope_key, key))
        if found is not None:
            expired = found.created_at <= now - KEEP_FOR
            abandoned = found.status is None and found.created_at <= now - lease
            if not (expired or abandoned):
                return found
            session.delete(found)
            session.flush()
        session.add(
            IdempotencyRecord(scope=scope_key, key=key, fingerprint=fingerprint, created_at=now)
        )
        try:
            session.commit()
        except IntegrityError:  # a concurrent twin claimed it first
            session.rollback()
            return session.exec(
                select(IdempotencyRecord).where(
                    col(IdempotencyRecord.scope) == scope_key, col(IdempotencyRecord.key) == key
                )
            ).one()
    return "new"


def _finish(
    engine: Engine, scope_key: str, key: str, status: int, headers: dict[str, str], body: bytes
) -> None:
    with Session(engine) as session:
        session.connection(execution_options={IMMEDIATE: True})
        where = (col(IdempotencyRecord.scope) == scope_key, col(IdempotencyRecord.key) == key)
        if not _stored(status):
            # Not a result the client should be held to: let a retry run again.
            session.execute(delete(IdempotencyRecord).where(*where))
        else:
            session.execute(
                update(IdempotencyRecord)
                .where(*where)
                .values(status=status, headers=headers, body=body, completed_at=utcnow())
            )
        session.commit()


def _renew(engine: Engine, scope_key: str, key: str) -> None:
    try:
        with Session(engine) as session:
            session.connection(execution_options={IMMEDIATE: True})
            session.execute(
                update(IdempotencyRecord)
                .where(
                    col(IdempotencyRecord.scope) == scope_key,
                    col(IdempotencyRecord.key) == key,
                    col(IdempotencyRecord.status).is_(None),
                )
                .values(created_at=utcnow())
            )
            session.commit()
    except SQLAlchemyError:
        # The next renewal may succeed; if none does, the claim lapses, as a dead one would.
        logger.warning("could not renew an idempotency claim", exc_info=True)


async def _hold(engine: Engine, scope_key: str, key: str, lease: timedelta) -> None:
    """Renew a running request's claim until cancelled, three times per lease."""
    while True:
        await anyio.sleep(lease.total_seconds() / 3)
        await anyio.to_thread.run_sync(_renew, engine, scope_key, key)


def _check_caller(request: Request, authorization: str) -> tuple[Principal, Decision]:
    for session in open_session(request.app.state.engine, write=False):
        return check_caller(request, session=session, token=bearer_token(authorization))
    raise AssertionError("open_session yields once")


async def _answer_as_the_app_would(
    exc: Exception, scope: Scope, receive: Receive, send: Send
) -> None:
    """Render ``exc`` with the app's own exception handler for it (a 401 or 429 from
    the caller check, a database failure), since a middleware runs outside those handlers."""
    handlers = scope["app"].exception_handlers
    handler = next(
        (handlers[cls] for cls in type(exc).__mro__ if cls in handlers and cls is not Exception),
        None,
    )
    if handler is None:
        raise exc
    response = handler(Request(scope), exc)
    if inspect.isawaitable(response):
        response = await response
    await response(scope, receive, send)


class Idempotency:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = _header(scope, HEADER.encode()) if scope["type"] == "http" else None
        authorization = _header(scope, b"authorization") if key is not None else None
        if scope["type"] != "http" or scope["method"] != "POST" or key is None or not authorization:
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if not 1 <= len(key) <= 255 or not key.isascii() or not key.isprintable():
            response = problem_response(
                400, "Idempotency-Key must be 1 to 255 printable ASCII characters.", instance=path
            )
            await response(scope, receive, send)
            return

        body = b""
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)

        request = Request(scope)
        fingerprint = hashlib.sha256(
            b"\n".join(
                [scope["method"].encode(), path.encode(), scope.get("query_string", b""), body]
            )
        ).hexdigest()
        engine: Engine = scope["app"].state.engine
        lease = timedelta(seconds=scope["app"].state.settings.idempotency_lease_seconds)
        try:
            principal, decision = await anyio.to_thread.run_sync(
                _check_caller, request, authorization
            )
            scope_key = principal.key_id or SETTINGS_ADMIN_ID
            claimed = await anyio.to_thread.run_sync(
                _claim, engine, scope_key, key, fingerprint, lease
            )
        except Exception as exc:  # answered by the app's own handler for it, or re-raised
            await _answer_as_the_app_would(exc, scope, receive, send)
            return
        limits = decision.headers()
        if isinstance(claimed, IdempotencyRecord):
            await self._answer_from(claimed, fingerprint, limits, scope, receive, send)
            return

        sent: dict[str, Any] = {"status": 500, "headers": {}, "body": b""}

        async def replay() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                sent["status"] = message["status"]
                sent["headers"] = {
                    k.decode("latin-1").lower(): v.decode("latin-1")
                    for k, v in message.get("headers", [])
                    if k.decode("latin-1").lower() in _REPLAYED_HEADERS
                }
            elif message["type"] == "http.response.body":
                sent["body"] += message.get("body", b"")
            await send(message)

        failure: Exception | None = None
        try:
            async with anyio.create_task_group() as group:
                group.start_soon(_hold, engine, scope_key, key, lease)
                try:
                    await self.app(scope, replay, capture)
                except Exception as exc:  # re-raised below, not wrapped in an ExceptionGroup
                    failure = exc
                group.cancel_scope.cancel()
        finally:
            stored, omitted = _without_shown_once(
                sent["body"], shown_once(getattr(scope.get("route"), "response_model", None))
            )
            if omitted:
                sent["headers"][OMITTED_HEADER] = ", ".join(omitted)
            # Shielded: a request cancelled by a disconnect must still release its claim.
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(
                    _finish, engine, scope_key, key, sent["status"], sent["headers"], stored
                )
        if failure is not None:
            raise failure

    async def _answer_from(
        self,
        record: IdempotencyRecord,
        fingerprint: str,
        limits: dict[str, str],
        scope: Scope,
        receive: Receive,
        send: Send,
    ) -> None:
        path = scope.get("path", "")
        if record.fingerprint != fingerprint:
            response = problem_response(
                422,
                "This Idempotency-Key was used with a different request; use a new key.",
                slug="idempotency-key-reused",
                instance=path,
                headers=limits,
            )
        elif record.status is None:
            response = problem_response(
                409,
                "A request with this Idempotency-Key is still being processed; retry shortly.",
                slug="idempotency-key-in-use",
                instance=path,
                headers={**limits, "Retry-After": "1"},
            )
        else:
            stored = {**(record.headers or {}), **{k.lower(): v for k, v in limits.items()}}
            headers = [(k.encode(), v.encode()) for k, v in stored.items()]
            headers.append((b"idempotent-replayed", b"true"))
            headers.append((b"content-length", str(len(record.body or b"")).encode()))
            await send({"type": "http.response.start", "status": record.status, "headers": headers})
            await send({"type": "http.response.body", "body": record.body or b""})
            return
        await response(scope, receive, send)
