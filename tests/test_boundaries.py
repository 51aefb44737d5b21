"""Architecture rules that code review alone would let slip."""

import ast
import subprocess
import sys

from api.migrate import ROOT

FORBIDDEN_IN_MATCHING = ("fastapi", "sqlmodel", "sqlalchemy", "api", "starlette", "pydantic")


def test_importing_matching_loads_no_web_or_database_module():
    probe = (
        "import sys, matching, pkgutil, importlib\n"
        "for m in pkgutil.walk_packages(matching.__path__, 'matching.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()
    leaked = [m for m in loaded if m.split(".")[0] in FORBIDDEN_IN_MATCHING]
    assert leaked == []


def test_matching_sources_import_only_the_standard_library_numpy_and_scipy():
    allowed_third_party = {"numpy", "scipy"}
    for path in (ROOT / "matching").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                tops = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                tops = [node.module.split(".")[0]]
            else:
                continue
            for top in tops:
                assert (
                    top in allowed_third_party
                    or top == "matching"
                    or top in sys.stdlib_module_names
                ), f"{path.name} imports {top}"
