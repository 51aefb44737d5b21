"""Every response tells browsers not to sniff, frame, refer or (when private) store it; the
docs pages may run exactly their own scripts; a real server does not name its software."""

import base64
import hashlib
import re

import httpx
import pytest

from tests.helpers import ADMIN, vendor_body

API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
ALWAYS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}

# (method, path, extra request arguments, expected status): one of each kind of response,
# from routes, guards, error handlers and the router.
RESPONSES = {
    "list": ("GET", "/v1/vendors", {"headers": ADMIN}, 200),
    "create": ("POST", "/v1/vendors", {"headers": ADMIN, "json": vendor_body()}, 201),
    "public-list": ("GET", "/v1/task-types", {}, 200),
    "no-key": ("GET", "/v1/vendors", {}, 401),
    "unknown-route": ("GET", "/v1/nothing-here", {"headers": ADMIN}, 404),
    "wrong-method": ("PUT", "/v1/vendors", {"headers": ADMIN}, 405),
    "too-large": (
        "POST",
        "/v1/vendors",
        {"headers": {**ADMIN, "Content-Type": "application/json"}, "content": b" " * 2_000_000},
        413,
    ),
    "wrong-media-type": (
        "POST",
        "/v1/vendors",
        {"headers": {**ADMIN, "Content-Type": "text/plain"}, "content": b"x"},
        415,
    ),
    "invalid": ("POST", "/v1/vendors", {"headers": ADMIN, "json": {"name": 1}}, 422),
    "nul-in-path": ("GET", "/v1/vendors/a%00b", {"headers": ADMIN}, 404),
}


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [pytest.param(*case, id=name) for name, case in RESPONSES.items()],
)
def test_every_api_response_forbids_sniffing_framing_referring_and_storing(
    client, method, path, kwargs, status
):
    response = client.request(method, path, **kwargs)

    assert response.status_code == status, response.text
    assert {name: response.headers.get(name) for name in ALWAYS} == ALWAYS
    assert response.headers["content-security-policy"] == API_POLICY
    assert response.headers["cache-control"] == "no-store"


def test_an_unexpected_error_gets_the_headers_too(app, client, monkeypatch):
    """A 500 is rendered by Starlette's outermost middleware; the headers sit outside it."""
    from api.taxonomy import routes

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(routes.service, "list_all", broken)
    response = client.get("/v1/task-types")

    assert response.status_code == 500
    assert {name: response.headers.get(name) for name in ALWAYS} == ALWAYS
    assert response.headers["cache-control"] == "no-store"


def _csp(response):
    directives = {}
    for directive in response.headers["content-security-policy"].split(";"):
        name, *sources = directive.split()
        directives[name] = sources
    return directives


def _sha256(script):
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_a_docs_page_may_run_exactly_the_scripts_it_includes(client, page):
    response = client.get(page)
    html = response.text
    csp = _csp(response)

    external = re.findall(r'<script src="([^"]+)"', html)
    inline = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert external, "the page loads its bundle"
    assert all(src.startswith("/docs-assets/") for src in external)
    for src in external:
        assert client.get(src).status_code == 200, src
    script_src = csp["script-src"]
    assert sorted(script_src) == sorted(["'self'", *(_sha256(s) for s in inline)])
    assert csp["default-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["connect-src"] == ["'self'"]  # the OpenAPI document and "try it out"
    assert {name: response.headers.get(name) for name in ALWAYS} == ALWAYS


def test_swagger_ui_still_gets_its_script_and_document(client):
    html = client.get("/docs").text

    assert re.search(r"<script>\s*const ui = SwaggerUIBundle\(", html)
    assert client.get("/openapi.json").json()["info"]["title"] == "Offload API"


def test_a_real_server_names_no_software(start_server):
    server = start_server()

    response = httpx.get(server.url + "/healthz")

    assert response.status_code == 200
    assert "server" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"
