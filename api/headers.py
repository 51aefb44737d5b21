"""Security headers on every response, and the content security policy of the docs pages.

JSON is never a page a browser should render, frame, sniff or keep: every response says so,
whatever route (or guard, or error handler) made it. The docs pages get a policy that lets
them run their own scripts and nothing else: bundled files from this server, and the inline
scripts they contain by hash.
"""

import base64
import hashlib
import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Nothing in a JSON response may load, run or be framed.
API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

# Public documents anyone may cache: the docs pages, their assets and the OpenAPI document.
# Everything else may carry someone's data (or is a problem about their request).
_PUBLIC_PREFIXES = ("/docs", "/redoc", "/openapi.json", "/app")

ALWAYS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def script_hashes(html: str) -> list[str]:
    """CSP sources for each inline script of ``html`` (``<script>`` without ``src``)."""
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    ]


def page_policy(html: str) -> str:
    """A strict policy for one of our HTML pages: scripts only from this server or inline
    ones with these exact contents; styles may be inline (ReDoc and Swagger UI style
    elements from script); workers from blobs (ReDoc's search); no frames, no plugins."""
    scripts = " ".join(["'self'", *script_hashes(html)])
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "object-src 'none'",
        ]
    )


class SecurityHeaders:
    """Pure ASGI, outermost, so guards' and error handlers' responses get the headers too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        public = scope["path"].startswith(_PUBLIC_PREFIXES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # A copy: a response object may be sent more than once.
                message = {**message, "headers": list(message.get("headers", []))}
                headers = MutableHeaders(scope=message)
                for name, value in ALWAYS.items():
                    headers.setdefault(name, value)
                headers.setdefault("content-security-policy", API_POLICY)
                problem = headers.get("content-type", "").startswith("application/problem+json")
                if problem or not public:
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
