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


def _imports(path):
    """The modules ``path`` imports, type-checking-only imports included, as
    ``(module, names)`` pairs."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []


def _module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_module_imports_another_modules_private_names():
    """A leading underscore means "this module only": api/ and matching/ share through
    public names."""
    offenders = []
    for package in ("api", "matching"):
        for path in (ROOT / package).rglob("*.py"):
            for module, names in _imports(path):
                if module.split(".")[0] in ("api", "matching"):
                    private = [n for n in names if n.startswith("_")]
                    if private:
                        offenders.append(f"{_module_name(path)} imports {private} from {module}")
    assert offenders == []


def test_matching_modules_import_each_other_without_a_cycle():
    """Not even for type checking: a shared type lives below every module that reads it."""
    paths = {_module_name(p): p for p in (ROOT / "matching").glob("*.py")}
    edges: dict[str, set[str]] = {name: set() for name in paths if name != "matching"}
    for name in edges:
        for module, names in _imports(paths[name]):
            targets = [f"{module}.{n}" for n in names] if module == "matching" else [module]
            edges[name] |= {t for t in targets if t in edges}

    def cycle_from(start, seen=()):
        for target in sorted(edges[start]):
            if target in seen:
                return [*seen, target]
            found = cycle_from(target, (*seen, target))
            if found:
                return found
        return None

    cycles = {name: cycle_from(name, (name,)) for name in edges}
    assert {name: c for name, c in cycles.items() if c} == {}
