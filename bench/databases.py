"""Throwaway benchmark databases, and a description of the machine the figures come from."""

import os
import platform
import uuid
from pathlib import Path

import numpy as np
import sqlalchemy
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_SERVER = os.environ.get(
    "OFFLOAD_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def database(kind, tmp):
    if kind == "sqlite":
        return f"sqlite:///{tmp / uuid.uuid4().hex}.db", lambda: None
    name = f"offload_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False), drop


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    pg = "n/a"
    try:
        with create_engine(PG_SERVER).connect() as conn:
            pg = conn.execute(text("SHOW server_version")).scalar_one().split()[0]
    except sqlalchemy.exc.OperationalError:
        pg = "unreachable"
    import sqlite3

    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, NumPy {np.__version__}, "
        f"SQLAlchemy {sqlalchemy.__version__}, SQLite {sqlite3.sqlite_version}, PostgreSQL {pg}"
    )
