"""The generated TypeScript types compile, and openapi-fetch over them takes a business and a
vendor from keys to a completed, rated engagement against a live server
(clients/typescript/src/check.ts)."""

import os
import shutil
import subprocess

from api.migrate import ROOT
from tests.clients.conftest import missing
from tests.helpers import ADMIN_KEY

CLIENTS = ROOT / "clients"


def _npm(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["npm", "run", "--silent", *args],
        cwd=CLIENTS,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=300,
        check=False,
    )


def test_the_typescript_client_compiles_and_completes_an_engagement(start_server):
    if shutil.which("npm") is None:
        missing("npm is not installed")
    if not (CLIENTS / "node_modules" / ".bin" / "tsc").exists():
        missing("the npm tools are not installed: run `npm ci` in clients/")
    built = _npm("build:ts")
    assert built.returncode == 0, built.stdout + built.stderr
    server = start_server()
    run = _npm("check:ts", OFFLOAD_URL=server.url, OFFLOAD_ADMIN_KEY=ADMIN_KEY)
    assert run.returncode == 0, run.stdout + run.stderr
    assert '"status":"completed"' in run.stdout
