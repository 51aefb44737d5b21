"""The workspace at /app/: one HTML page and its script and styles, from the package.

The page calls the public /v1 API with the key a person signs in with, like any other
client; this module only hands out the files. Its policy lets the page load its own files
and talk to its own origin, and nothing else: no inline script, no third-party host, no
frames. A sign-in link carries the key in the URL fragment, which a browser never sends, so
no server or proxy log sees it.
"""

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"

POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
    ]
)


def add_workspace(app: FastAPI) -> None:
    app.mount("/app/assets", StaticFiles(directory=STATIC), name="workspace-assets")

    @app.get("/app", include_in_schema=False)
    def workspace_redirect() -> RedirectResponse:
        return RedirectResponse("/app/", status_code=308)

    @app.get("/app/", include_in_schema=False)
    def workspace() -> FileResponse:
        """Anonymous: the page holds no data; everything it shows it fetches with the key."""
        return FileResponse(
            STATIC / "index.html",
            media_type="text/html; charset=utf-8",
            headers={"content-security-policy": POLICY, "cache-control": "no-cache"},
        )
