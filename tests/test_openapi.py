"""The committed OpenAPI document is the contract partners build against."""

import re

import pytest

from api.cli import render_openapi
from api.main import create_app
from api.migrate import ROOT

SPEC_PATH = ROOT / "openapi" / "openapi.json"
PUBLIC_OPERATIONS = {
    "listTaskTypes",
    "healthz",
    "readyz",
    "metrics",
    "home",
    "listProblemTypes",
    "getProblemType",
}


@pytest.fixture(scope="module")
def spec(app):
    return app.openapi()


def _operations(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_committed_spec_matches_the_app(spec):
    assert SPEC_PATH.read_text() == render_openapi(spec), (
        "openapi/openapi.json is stale: run `offload openapi` and commit the result"
    )


def test_spec_is_the_same_for_every_app_instance(spec, settings):
    assert create_app(settings).openapi() == spec


def test_operation_ids_are_unique_camel_case_names(spec):
    ids = [op["operationId"] for _, _, op in _operations(spec)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(?:[A-Z][a-z]+)*", i) for i in ids), ids


def test_every_operation_is_tagged_summarised_and_described(spec):
    declared_tags = {t["name"] for t in spec["tags"]}
    for path, method, op in _operations(spec):
        assert op.get("tags"), (method, path)
        assert set(op["tags"]) <= declared_tags, (method, path)
        assert op.get("summary"), (method, path)
        assert op.get("description"), (method, path)


def test_every_v1_operation_requires_a_key_and_documents_401(spec):
    for path, method, op in _operations(spec):
        if op["operationId"] in PUBLIC_OPERATIONS:
            assert "security" not in op, (method, path)
            continue
        assert op["security"] == [{"ApiKey": []}], (method, path)
        assert "401" in op["responses"], (method, path)


def test_errors_are_documented_as_problem_documents(spec):
    schemas = spec["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert {"Problem", "ValidationProblem", "FieldError"} <= set(schemas)
    for path, method, op in _operations(spec):
        for status, response in op["responses"].items():
            if status.startswith(("4", "5")) and "content" in response and path.startswith("/v1"):
                assert list(response["content"]) == ["application/problem+json"], (
                    method,
                    path,
                    status,
                )
        if "422" in op["responses"]:
            ref = op["responses"]["422"]["content"]["application/problem+json"]["schema"]
            assert ref == {"$ref": "#/components/schemas/ValidationProblem"}


def test_id_bearing_operations_document_404(spec):
    for path, method, op in _operations(spec):
        if "{" in path:
            assert "404" in op["responses"], (method, path)


def test_request_bodies_and_resources_carry_examples(spec):
    schemas = spec["components"]["schemas"]
    for _, _, op in _operations(spec):
        body = op.get("requestBody")
        if body:
            ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
            assert schemas[ref].get("examples"), ref
    for name in ("BusinessPublic", "TaskPublic", "VendorPublic", "ServicePublic", "Problem"):
        assert schemas[name].get("examples"), name


def test_docs_page_loads_its_assets_from_this_server(client):
    page = client.get("/docs")
    assert page.status_code == 200
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", page.text)
    scripts = re.findall(r"""url\s*:\s*['"]([^'"]+)['"]""", page.text)
    assert urls
    for url in urls + scripts:
        assert url.startswith("/"), f"/docs fetches {url} from another host"
        assert client.get(url).status_code == 200, url


def test_every_schema_has_a_name_of_its_own_not_a_module_path(spec):
    for name in spec["components"]["schemas"]:
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", name), name


def test_the_document_names_a_server_and_a_contact(spec):
    assert spec["servers"] and spec["servers"][0]["url"].startswith("http")
    assert spec["info"]["contact"]["name"]
