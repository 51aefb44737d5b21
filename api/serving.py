"""How Offload is served: the uvicorn options, and a deadline for a request's headers.

uvicorn closes a connection idle after a response (``timeout_keep_alive``), but once a
client has sent one byte it waits for the rest of the headers forever, and a fresh
connection that sends nothing is never closed: a few hundred such connections (slowloris)
tie the server up. The protocol below gives every request ``header_timeout_seconds`` from
the moment the connection can take one until its headers are complete; late, the client
gets a 408 (or, if it sent nothing, just a closed connection). Slow bodies are bounded by
the request guard (api/middleware.py).
"""

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.errors import problem_response
from api.settings import get_settings

PROTOCOL = "api.serving:HeaderDeadlineProtocol"


def uvicorn_options() -> dict[str, Any]:
    """Options for every way Offload runs under uvicorn (`offload serve`, `offload demo`).

    uvicorn believes X-Forwarded-For from 127.0.0.1 by default, which would let any local
    caller pick its own address. Offload reads the header itself, only from
    OFFLOAD_TRUSTED_PROXIES (api/callers.py), so uvicorn must hand over the real peer.
    """
    # Logging is Offload's own (api/logs.py, configured where api.asgi loads): uvicorn must
    # not install its handlers over it, nor write its access log beside ours.
    return {
        "http": PROTOCOL,
        "server_header": False,
        "proxy_headers": False,
        "log_config": None,
        "access_log": False,
    }


def _timeout_response() -> bytes:
    response = problem_response(408, "The request headers took too long to arrive.")
    head = [
        b"HTTP/1.1 408 Request Timeout",
        *(b"%s: %s" % (name, value) for name, value in response.raw_headers),
        b"connection: close",
        b"x-content-type-options: nosniff",
        b"cache-control: no-store",
    ]
    return b"\r\n".join(head) + b"\r\n\r\n" + bytes(response.body)


class HeaderDeadlineProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with a deadline for each request's headers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = get_settings().header_timeout_seconds
        self._deadline: asyncio.TimerHandle | None = None
        self._started = False  # some bytes of the awaited request have arrived

    def _arm(self) -> None:
        self._disarm()
        self._started = False
        self._deadline = self.loop.call_later(self.header_timeout, self._headers_late)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _headers_late(self) -> None:
        self._deadline = None
        waiting = self.cycle is None or self.cycle.response_complete
        if not waiting or self.transport.is_closing():
            return
        if self._started:
            self.transport.write(_timeout_response())
        self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        self._started = True
        super().data_received(data)

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # Unless a pipelined request was already waiting, the next one's clock starts now.
        if not self.transport.is_closing() and self.cycle.response_complete:
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)
