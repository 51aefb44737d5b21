"""`offload demo` makes webhooks work on a fresh checkout: it writes an OFFLOAD_SECRET_KEY
to .env when none is set, and never replaces one."""

from pathlib import Path

import pytest

from api.cli import ensure_secret_key
from api.settings import Settings, get_settings


@pytest.fixture
def fresh_settings(tmp_cwd, monkeypatch):
    monkeypatch.delenv("OFFLOAD_SECRET_KEY", raising=False)
    get_settings.cache_clear()
    yield tmp_cwd
    get_settings.cache_clear()


def test_a_missing_key_is_generated_into_env_once_and_then_read(fresh_settings):
    env = Path(".env")
    env.write_text("OFFLOAD_ADMIN_KEY=kept-as-it-was")

    assert ensure_secret_key(env) is True
    first = Settings().secret_key
    assert ensure_secret_key(env) is False

    lines = env.read_text().splitlines()
    assert lines[0] == "OFFLOAD_ADMIN_KEY=kept-as-it-was"
    assert [line.split("=")[0] for line in lines[1:]] == ["OFFLOAD_SECRET_KEY"]
    assert first is not None
    assert len(first.get_secret_value()) >= 40
    assert Settings().secret_key == first
    assert env.stat().st_mode & 0o077 == 0


def test_a_key_set_in_the_environment_is_left_alone(fresh_settings, monkeypatch):
    monkeypatch.setenv("OFFLOAD_SECRET_KEY", "set-by-the-operator-0123456789")
    get_settings.cache_clear()

    assert ensure_secret_key(Path(".env")) is False
    assert not Path(".env").exists()
