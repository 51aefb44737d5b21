"""Every problem `type` the service can answer with is documented and served where it points:
`/problems/{name}`, a page for a person and JSON for a program, with no key."""

import ast
import importlib
import pkgutil

import pytest

import api
from api.errors import DomainError
from api.migrate import ROOT
from api.problems.catalogue import CATALOGUE, DEFAULT_FOR_STATUS, PROBLEM_BASE


def _every_api_module() -> None:
    for module in pkgutil.walk_packages(api.__path__, "api."):
        importlib.import_module(module.name)


def _domain_error_slugs() -> set[str]:
    _every_api_module()
    found, queue = set(), [DomainError]
    while queue:
        cls = queue.pop()
        found.add(cls.slug)
        queue.extend(cls.__subclasses__())
    return found


def _slug_literals() -> set[str]:
    """Every string passed as `slug=` anywhere in the service's code."""
    found = set()
    for path in (ROOT / "api").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.keyword) and node.arg == "slug":
                assert isinstance(node.value, ast.Constant | ast.Name | ast.Attribute), path
                if isinstance(node.value, ast.Constant):
                    found.add(node.value.value)
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name | ast.Tuple) and "slug" in ast.unparse(t)
                for t in node.targets
            ):
                found.update(
                    c.value
                    for c in ast.walk(node.value)
                    if isinstance(c, ast.Constant) and isinstance(c.value, str)
                )
    return found


def test_every_type_the_code_can_emit_is_in_the_catalogue():
    emitted = _domain_error_slugs() | _slug_literals() | set(DEFAULT_FOR_STATUS.values())
    assert emitted, "found no problem types in the code: the scan is broken"
    assert emitted - CATALOGUE.keys() == set()


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_type_is_served_as_json_and_as_a_page_without_a_key(client, name):
    as_json = client.get(PROBLEM_BASE + name)
    assert as_json.status_code == 200
    entry = as_json.json()
    assert entry["type"] == PROBLEM_BASE + name
    assert entry["meaning"] and entry["action"]
    page = client.get(PROBLEM_BASE + name, headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert f"<code>{name}</code>" in page.text


def test_a_real_error_names_a_type_that_resolves(client):
    problem = client.get("/v1/businesses").json()
    assert problem["type"] == "/problems/unauthorized"
    assert client.get(problem["type"]).json()["status"] == 401


def test_an_unknown_type_is_a_not_found_problem(client):
    response = client.get("/problems/no-such-thing")
    assert response.status_code == 404
    assert response.json()["type"] == "/problems/not-found"


def test_the_list_names_every_type(client):
    listed = client.get("/problems").json()["data"]
    assert [p["name"] for p in listed] == list(CATALOGUE)


def test_every_type_is_named_in_the_spec_and_every_example_there_is_served(app, client):
    spec = app.openapi()
    # Named as examples of a problem's `type`, and shown whole in the error responses.
    named = set(spec["components"]["schemas"]["Problem"]["properties"]["type"]["examples"])
    for item in spec["paths"].values():
        for operation in item.values():
            for status, response in operation["responses"].items():
                media = response.get("content", {}).get("application/problem+json")
                if media is None:
                    continue
                assert media.get("examples"), (operation["operationId"], status)
                for example in media["examples"].values():
                    value = example["value"]
                    assert value["status"] == int(status)
                    named.add(value["type"])
    assert named == {PROBLEM_BASE + name for name in CATALOGUE}
    for problem_type in named:
        assert client.get(problem_type).status_code == 200, problem_type


def test_docs_errors_lists_every_type():
    text = (ROOT / "docs" / "errors.md").read_text()
    for name in CATALOGUE:
        assert f"`{PROBLEM_BASE}{name}`" in text, name
