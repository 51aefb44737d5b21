"""`offload demo` can be run again and again: it seeds once, keeps one demo key, prints no
password, and says what it found."""

import os
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url
from sqlmodel import Session

from api.keys.models import ApiKey
from api.migrate import ROOT
from api.models import Task, Vendor


def _demo(url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from api.cli import app; app()",
            "demo",
            "--no-serve",
            "--vendors",
            "12",
            "--businesses",
            "3",
        ],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "OFFLOAD_DATABASE_URL": url, "PYTHONPATH": str(ROOT)},
        timeout=300,
        check=False,
    )


def _counts(url: str) -> tuple[int, int, int]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            vendors = session.execute(select(func.count()).select_from(Vendor)).scalar_one()
            admin = select(func.count()).select_from(ApiKey).where(ApiKey.role == "admin")
            keys = session.execute(admin).scalar_one()
            live = session.execute(admin.where(ApiKey.revoked_at.is_(None))).scalar_one()
            return vendors, keys, live
    finally:
        engine.dispose()


def _secret(output: str) -> str:
    found = re.search(r"^admin key: (ofk_\S+)", output, flags=re.M)
    assert found, output
    return found.group(1)


def test_a_second_demo_run_seeds_nothing_reuses_its_key_and_says_so(new_database, tmp_path):
    url = new_database()
    first = _demo(url, tmp_path)
    assert first.returncode == 0, first.stderr
    assert re.search(r"\(seeded 12 vendors, \d+ services, 3 businesses", first.stdout)
    assert "created a demo admin key" in first.stdout
    after_first = _counts(url)

    second = _demo(url, tmp_path)
    assert second.returncode == 0, second.stderr
    assert "found existing data; nothing seeded" in second.stdout
    assert "reused the demo admin key" in second.stdout
    assert _secret(second.stdout) == _secret(first.stdout)
    assert _counts(url) == after_first


def test_a_lost_demo_key_file_gets_a_new_key_and_the_old_one_revoked(new_database, tmp_path):
    url = new_database()
    first = _demo(url, tmp_path)
    (tmp_path / ".offload-demo-key").unlink()
    second = _demo(url, tmp_path)
    assert "created a demo admin key" in second.stdout
    assert _secret(second.stdout) != _secret(first.stdout)
    _vendors, keys, live = _counts(url)
    assert (keys, live) == (2, 1)


def test_the_demo_prints_workspace_links_for_an_owner_and_a_vendor_and_reuses_them(
    new_database, tmp_path
):
    url = new_database()
    first = _demo(url, tmp_path)
    links = re.findall(
        r"^workspace, as (?:the owner|a vendor): \S+/app/#key=(ofk_\S+)$", first.stdout, flags=re.M
    )
    assert len(links) == 2, first.stdout
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            roles = sorted(
                session.execute(
                    select(ApiKey.role).where(ApiKey.name.in_(("demo owner", "demo vendor")))
                ).scalars()
            )
            listed = session.execute(
                select(func.count()).select_from(Task).where(Task.visibility == "listed")
            ).scalar_one()
    finally:
        engine.dispose()
    assert roles == ["business", "vendor"]
    assert listed >= 1  # the owner's open tasks are listed, so the vendor has opportunities
    second = _demo(url, tmp_path)
    assert re.findall(r"#key=(ofk_\S+)$", second.stdout, flags=re.M) == links


def test_the_demo_never_prints_the_database_password(tmp_path):
    url = make_url("postgresql+psycopg://offload:s3cret-pw@127.0.0.1:1/offload")
    run = _demo(url.render_as_string(hide_password=False), tmp_path)
    # The database cannot be reached; whatever it printed on the way must hide the password.
    assert run.returncode != 0
    assert "s3cret-pw" not in run.stdout + run.stderr


def test_the_root_links_to_the_docs_the_spec_and_the_problem_catalogue(client):
    response = client.get("/")
    assert response.status_code == 200
    home = response.json()
    assert {home["docs"], home["openapi"], home["problems"]} == {
        "/docs",
        "/openapi.json",
        "/problems",
    }
    for link in (home["docs"], home["openapi"], home["problems"]):
        assert client.get(link).status_code == 200, link
