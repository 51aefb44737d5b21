"""Pure-ASGI guards that run before routing: NUL in the path, body size, time and media type.

They answer with the same problem documents as the handlers, and because they refuse
before the application sees the request, a refused request cannot change anything.
"""

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem_response

_BODY_METHODS = frozenset({b"POST", b"PUT", b"PATCH"})
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
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

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
    """Admit no more requests to the database than it can serve at once.

    Handlers run in a thread pool and hold their connection (on SQLite, the write lock)
    across several hops through it. Were more requests let in than there are connections,
    the pool's threads could all end up waiting for a connection held by requests that in
    turn wait for a thread. Waiting here, on the event loop, costs no thread. On SQLite
    writers are admitted one at a time, since the database takes only one writer anyway.
    """

    _UNGATED = ("/healthz", "/metrics", "/docs", "/redoc", "/openapi.json")

    def __init__(self, app: ASGIApp, *, connections: int, single_writer: bool) -> None:
        self.app = app
        self.connections = anyio.Semaphore(connections)
        self.writer = anyio.Lock() if single_writer else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self._UNGATED):
            await self.app(scope, receive, send)
            return
        async with self.connections:
            if self.writer is not None and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
                async with self.writer:
                    await self.app(scope, receive, send)
            else:
                await self.app(scope, receive, send)
