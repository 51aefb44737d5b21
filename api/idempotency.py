"""Idempotency keys on POST, with the semantics payment APIs use.

The first request with a given ``Idempotency-Key`` runs; its response is stored for 24
hours, scoped to the API key that sent it. A retry with the same key and the same request
gets that response again, marked ``Idempotent-Replayed: true``; the same key with a
different request is refused (422); a retry while the first is still running gets 409.
The claim is a row with a unique (scope, key), so of any number of concurrent identical
requests exactly one runs.
"""

import hashlib
from datetime import datetime, timedelta
from typing import Any

import anyio
from sqlalchemy import LargeBinary, delete, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.columns import json_object
from api.db import IMMEDIATE, UTCDateTime, utcnow
from api.errors import problem_response

HEADER = "idempotency-key"
KEEP_FOR = timedelta(hours=24)
# A claim this old with no response was left by a process that died: it may be retaken.
ABANDONED_AFTER = timedelta(minutes=5)
_REPLAYED_HEADERS = ("content-type", "location", "cache-control")


class IdempotencyRecord(SQLModel, table=True):
    __tablename__ = "idempotency_keys"

    scope: str = Field(primary_key=True, max_length=64)
    key: str = Field(primary_key=True, max_length=255)
    fingerprint: str = Field(max_length=64)
    status: int | None = None
    headers: dict[str, Any] | None = json_object()
    body: bytes | None = Field(default=None, sa_type=LargeBinary)
    created_at: datetime = Field(sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def _claim(engine: Engine, scope_key: str, key: str, fingerprint: str) -> IdempotencyRecord | str:
    """'new' if this request may run; else the stored record to answer from."""
    now = utcnow()
    with Session(engine, expire_on_commit=False) as session:
        session.connection(execution_options={IMMEDIATE: True})
        found = session.get(IdempotencyRecord, (scope_key, key))
        if found is not None:
            expired = found.created_at <= now - KEEP_FOR
            abandoned = found.status is None and found.created_at <= now - ABANDONED_AFTER
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
            return session.execute(
                select(IdempotencyRecord).where(
                    IdempotencyRecord.scope == scope_key, IdempotencyRecord.key == key
                )
            ).scalar_one()
    return "new"


def _finish(
    engine: Engine, scope_key: str, key: str, status: int, headers: dict[str, str], body: bytes
) -> None:
    with Session(engine) as session:
        session.connection(execution_options={IMMEDIATE: True})
        where = (IdempotencyRecord.scope == scope_key, IdempotencyRecord.key == key)
        if status >= 500 or status == 429:
            # Not a result the client should be held to: let a retry run again.
            session.execute(delete(IdempotencyRecord).where(*where))
        else:
            session.execute(
                update(IdempotencyRecord)
                .where(*where)
                .values(status=status, headers=headers, body=body, completed_at=utcnow())
            )
        session.commit()


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

        scope_key = hashlib.sha256(authorization.encode()).hexdigest()
        fingerprint = hashlib.sha256(
            b"\n".join(
                [scope["method"].encode(), path.encode(), scope.get("query_string", b""), body]
            )
        ).hexdigest()
        engine: Engine = scope["app"].state.engine
        claimed = await anyio.to_thread.run_sync(_claim, engine, scope_key, key, fingerprint)
        if isinstance(claimed, IdempotencyRecord):
            await self._answer_from(claimed, fingerprint, scope, receive, send)
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

        try:
            await self.app(scope, replay, capture)
        finally:
            await anyio.to_thread.run_sync(
                _finish, engine, scope_key, key, sent["status"], sent["headers"], sent["body"]
            )

    async def _answer_from(
        self,
        record: IdempotencyRecord,
        fingerprint: str,
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
            )
        elif record.status is None:
            response = problem_response(
                409,
                "A request with this Idempotency-Key is still being processed; retry shortly.",
                slug="idempotency-key-in-use",
                instance=path,
                headers={"Retry-After": "1"},
            )
        else:
            headers = [(k.encode(), v.encode()) for k, v in (record.headers or {}).items()]
            headers.append((b"idempotent-replayed", b"true"))
            headers.append((b"content-length", str(len(record.body or b"")).encode()))
            await send({"type": "http.response.start", "status": record.status, "headers": headers})
            await send({"type": "http.response.body", "body": record.body or b""})
            return
        await response(scope, receive, send)
