"""The quickstarts are true: every `sh` and `python` block of docs/quickstart-*.md runs, in
order, against a live server with demo data, as a newcomer would paste it."""

import os
import re
import shutil
import subprocess
import sys

import pytest
from sqlmodel import Session

from api.demo import seed_marketplace
from api.migrate import ROOT
from tests.clients.conftest import missing
from tests.helpers import ADMIN_KEY

QUICKSTARTS = sorted((ROOT / "docs").glob("quickstart-*.md"))
# The reader's own values, which the test supplies instead.
_THEIRS = re.compile(r"^export (OFFLOAD|ADMIN_KEY)=.*$", flags=re.M)


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.M | re.S)


@pytest.fixture(scope="module")
def server(start_server, engine):
    with Session(engine) as session:
        seed_marketplace(session=session, vendors=120, businesses=0, seed=7)
        session.commit()
    return start_server()


def test_there_is_a_quickstart_for_every_role():
    assert {path.stem for path in QUICKSTARTS} == {
        "quickstart-business",
        "quickstart-vendor",
        "quickstart-partner",
        "quickstart-operator",
    }


@pytest.mark.parametrize("path", QUICKSTARTS, ids=lambda path: path.stem)
def test_every_step_of_the_quickstart_runs_against_a_live_server(server, path, tmp_path):
    for tool in ("curl", "jq"):
        if shutil.which(tool) is None:
            missing(f"{tool} is not installed")
    text = path.read_text()
    env = {
        **os.environ,
        "OFFLOAD": server.url,
        "ADMIN_KEY": ADMIN_KEY,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "clients" / "python"), str(ROOT)]),
    }
    shell = "\n".join(_THEIRS.sub("", block) for block in _blocks(text, "sh"))
    assert shell.strip(), f"{path.name} has no sh steps"
    run = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", shell],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "null" not in re.findall(r"^\S+$", run.stdout, flags=re.M), run.stdout
    python = "\n".join(_blocks(text, "python"))
    if python:
        ran = subprocess.run(
            [sys.executable, "-c", python],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert ran.returncode == 0, ran.stdout + ran.stderr
