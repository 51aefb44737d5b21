"""Pure-ASGI guards that run before routing: body size and media type.

They answer with the same problem documents as the handlers, and because they refuse
before the application sees the request, a refused request cannot change anything.
"""

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
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"].encode() not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            await self._refuse(scope, receive, send, 413, path)
            return
        # Read the whole body now (it is small by construction) so a chunked body that
        # outgrows the limit is refused before the application sees any of it.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                await self._refuse(scope, receive, send, 413, path)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
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
        detail = (
            f"The request body is larger than {self.max_body_bytes} bytes."
            if status == 413
            else "Send the body as JSON, with 'Content-Type: application/json'."
        )
        response = problem_response(status, detail, instance=path)
        await response(scope, receive, send)
