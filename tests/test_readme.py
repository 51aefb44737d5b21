"""The README's two commands are the ones CI runs."""

import re

from api.migrate import ROOT


def _readme_commands():
    return re.findall(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text(), flags=re.S)[:2]


def test_readme_starts_with_a_run_command_and_a_test_command():
    run, test = _readme_commands()
    assert run.startswith("python3 -m venv .venv") and run.endswith("offload demo")
    assert test.startswith("python3 -m venv .venv") and "pytest" in test


def test_ci_runs_the_readme_test_command():
    _, test = _readme_commands()
    assert test in (ROOT / ".ci" / "run").read_text().splitlines()
