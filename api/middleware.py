"""Pure-ASGI guards that run before routing: NUL in the path, body size, time and media type;
admission to the database and its faults.

They answer with the same problem documents as the handlers, and because they refuse
before the application sees the request, a refused request cannot change anything.
"""

import logging
import random

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.admission import Admission, Overloaded
from api.errors import problem_response, unavailable_response
from api.faults import Fault, classify, detail, retryable

_BODY_METHODS = frozenset({b"POST", b"PUT", b"PATCH"})
_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_log = logging.getLogger("offload.database")
_JSON_TYPES = ("application/json", "application/merge-patch+json")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


class RequestGuard:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, body_timeout: float) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and "\x00" in scope.get("path", ""):
            # No route or object has a NUL character in its path. Said here, because a
            # database that cannot hold one (PostgreSQL) would answer differently.
            await self._refuse(scope, receive, send, 404, scope["path"])
            return
        if scope["type"] != "http" or scope["method"].encode() not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            await self._refuse(scope, receive, send, 413, path)
            return
        # Read the whole body now (it is small by construction) so a chunked body that
        # outgrows the limit is refused before the application sees any of it, and one that
        # trickles in (slowloris) is cut off in time, before it holds a database slot.
        chunks: list[bytes] = []
        size = 0
        more = True
        with anyio.move_on_after(self.body_timeout) as reading:
            while more and size <= self.max_body_bytes:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                chunks.append(chunk)
                more = message.get("more_body", False)
        if size > self.max_body_bytes or reading.cancelled_caught:
            await self._refuse(
                scope, receive, send, 413 if size > self.max_body_bytes else 408, path
            )
            return
        body = b"".join(chunks)
        if body:
            media = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
            if media not in _JSON_TYPES:
                await self._refuse(scope, receive, send, 415, path)
                return
        await self.app(scope, _replay(body, receive), send)

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, status: int, path: str
    ) -> None:
        detail = {
            404: "No route or object has a NUL character in its path.",
            408: f"The request body took longer than {self.body_timeout:g} s to arrive.",
            413: f"The request body is larger than {self.max_body_bytes} bytes.",
            415: "Send the body as JSON, with 'Content-Type: application/json'.",
        }[status]
        # After a 408 the rest of the body may still be on its way: end the connection.
        headers = {"Connection": "close"} if status == 408 else None
        response = problem_response(status, detail, instance=path, headers=headers)
        await response(scope, receive, send)


class DatabaseGate:
    """Admit no more requests to the database than it can serve at once, refuse at once
    those that would wait too long, and answer database faults with 503, not 500.

    Handlers run in a thread pool and hold their connection (on SQLite, the write lock)
    across several hops through it. Were more requests let in than there are connections,
    the pool's threads could all end up waiting for a connection held by requests that in
    turn wait for a thread. Waiting here, on the event loop, costs no thread, and a request
    refused here (api/admission.py) costs next to nothing.

    A fault of the database (api/faults.py) is caught here, around the whole request, not in
    an exception handler: the request may then be run once more from the start (its
    transaction rolled back, so nothing of the first run remains), and the answer is a
    response like any other, so the client's keep-alive connection survives. Anything that
    escapes to the server instead ends in a 500 and a closed connection.
    """

    _UNGATED = ("/healthz", "/readyz", "/metrics", "/docs", "/redoc", "/openapi.json", "/app")

    def __init__(self, app: ASGIApp, *, admission: Admission) -> None:
        self.app = app
        self.admission = admission

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self._UNGATED):
            await self.app(scope, receive, send)
            return
        read_only = scope["method"] in _READ_METHODS
        try:
            async with self.admission.admit(write=not read_only):
                await self._serve(scope, receive, send, read_only=read_only)
        except Overloaded as refused:
            response = unavailable_response(
                f"No turn came within {self.admission.bound:g} s; retry after the time in "
                "Retry-After."
                if refused.waited
                else "The server is at capacity; retry after the time in Retry-After.",
                slug="overloaded",
                retry_after=refused.retry_after,
                instance=scope["path"],
            )
            await response(scope, receive, send)

    async def _serve(self, scope: Scope, receive: Receive, send: Send, *, read_only: bool) -> None:
        body = await _read_body(receive)
        if body is None:  # the client left
            return
        fault = None
        for attempt in (1, 2):
            started = again = False

            async def tracked(message: Message) -> None:
                nonlocal started
                started = True
                await send(message)

            try:
                await self.app(scope, _replay(body, receive), tracked)
                return
            except Exception as exc:
                fault = classify(exc)
                if fault is None or started:
                    raise
                again = attempt == 1 and retryable(fault, read_only=read_only)
                _log.warning(
                    "database fault (%s) on %s %s; %s: %s",
                    fault.value,
                    scope["method"],
                    scope["path"],
                    "running it again" if again else "answered 503",
                    exc,
                )
            if not again:
                break
            if fault is Fault.CONFLICT:  # let the transaction that won finish first
                await anyio.sleep(random.uniform(0.001, 0.02))  # noqa: S311 - jitter
        assert fault is not None
        response = unavailable_response(
            detail(fault), slug="database-unavailable", retry_after=1, instance=scope["path"]
        )
        await response(scope, receive, send)


async def _read_body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """The request body once more for another run; after it, the client's own messages."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if replayed:
            return await receive()
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
