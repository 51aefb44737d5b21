"""Logs an operator can search at 3 a.m.: one line per event, each with its request's id.

Every request gets an id: the client's `X-Request-ID` when it sends a sane one (so a partner
can trace a call through its own logs and ours), a new one otherwise. The id is echoed in
the response's `X-Request-ID`, in every problem document (api/errors.py) and on every log
line written while the request runs, in the event loop or a handler's thread. Each request
ends with one access line: method, route template (never the ids in the path), status,
duration and the id of the key that made it; never a secret, never a query string.

On a terminal the lines are for people; anywhere else (a container, a file) they are JSON,
one object a line.
"""

import json
import logging
import re
import sys
import time
import uuid
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Printable, no spaces or quotes, short: safe to echo into headers, JSON and log lines.
_SANE_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")

access = logging.getLogger("offload.access")


class Observer(Protocol):
    def __call__(self, *, method: str, route: str | None, status: int, seconds: float) -> None: ...


@dataclass
class RequestLog:
    """What is known about the request being served; the handler's thread fills in the key
    (a contextvar copied into a thread cannot be set back, but this object is shared)."""

    request_id: str
    key_id: str | None = None


_current: ContextVar[RequestLog | None] = ContextVar("offload_request", default=None)


def current_request_id() -> str | None:
    request = _current.get()
    return request.request_id if request else None


def note_key(key_id: str) -> None:
    """Record which key the current request authenticated with (its id, not the secret)."""
    request = _current.get()
    if request is not None:
        request.key_id = key_id


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    for name, value in headers:
        if name == b"x-request-id":
            given = value.decode("latin-1")
            if _SANE_ID.fullmatch(given):
                return given
            break
    return "req_" + uuid.uuid4().hex


class RequestIds:
    """Pure ASGI, outermost but for the security headers: the id exists before anything
    else runs, and the access line sees the final status, refusals and 500s included."""

    def __init__(self, app: ASGIApp, *, on_response: Observer | None = None) -> None:
        self.app = app
        self.on_response = on_response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = RequestLog(request_id_from(scope["headers"]))
        token = _current.set(request)
        started = time.perf_counter()
        status = 500  # if nothing is sent, the server answers 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": list(message.get("headers", []))}
                MutableHeaders(scope=message)["x-request-id"] = request.request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            route = scope.get("route")
            seconds = time.perf_counter() - started
            if self.on_response is not None:
                self.on_response(
                    method=scope["method"],
                    route=getattr(route, "path", None),
                    status=status,
                    seconds=seconds,
                )
            access.info(
                "%s %s %s",
                scope["method"],
                getattr(route, "path", None) or "(no route)",
                status,
                extra={
                    "method": scope["method"],
                    "route": getattr(route, "path", None),
                    "status": status,
                    "duration_ms": round(seconds * 1000, 2),
                    "key_id": request.key_id,
                },
            )
            _current.reset(token)


class _WithRequestId(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


# Attributes every LogRecord has; anything else was passed in `extra` and is logged too.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        line.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        rid = getattr(record, "request_id", None)
        text = f"{when} {record.levelname:<7} {record.name}: {record.getMessage()}"
        extras = {k: v for k, v in vars(record).items() if k not in _STANDARD}
        if record.name == access.name:
            extras = {"ms": extras.get("duration_ms"), "key": extras.get("key_id")}
        if extras:
            text += " " + " ".join(f"{k}={v}" for k, v in extras.items() if v is not None)
        if rid:
            text += f" [{rid}]"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


def configure(*, level: str = "INFO", json_lines: bool | None = None) -> None:
    """Send every logger (uvicorn's too) through one handler on stderr; JSON unless stderr
    is a terminal. uvicorn's own access log is left off: ours carries more."""
    if json_lines is None:
        json_lines = not sys.stderr.isatty()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else TextFormatter())
    handler.addFilter(_WithRequestId())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True
