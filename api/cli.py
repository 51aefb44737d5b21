"""The `offload` command: migrate, serve, seed, keys and the OpenAPI document."""

import json
import os
import secrets
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import Session

from api import migrate
from api.settings import get_settings

app = typer.Typer(
    help="Offload: the outsourcing marketplace matcher API.",
    no_args_is_help=True,
    # A traceback's locals would show settings such as a database URL with its password.
    pretty_exceptions_show_locals=False,
)
keys_app = typer.Typer(help="Manage API keys.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")
import_app = typer.Typer(help="Bulk-load data from files.", no_args_is_help=True)
app.add_typer(import_app, name="import")


@app.command("migrate")
def migrate_command() -> None:
    """Upgrade the database to the latest migration."""
    settings = get_settings()
    migrate.upgrade(settings.database_url)
    typer.echo(f"database at {migrate.head_revision(settings.database_url)}")


NoWorker = Annotated[
    bool,
    typer.Option(
        "--no-worker",
        help="Run no background worker in the server (run `offload worker` elsewhere).",
    ),
]


def _with_worker(no_worker: bool) -> None:
    """Tell every server process (uvicorn's children too, through the environment) whether
    to run its one background worker."""
    os.environ["OFFLOAD_RUN_WORKER"] = "false" if no_worker else "true"
    get_settings.cache_clear()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    no_worker: NoWorker = False,
) -> None:
    """Migrate the database, then serve the API with uvicorn. Each server process runs one
    background worker (webhook deliveries, proposal expiry) unless --no-worker."""
    import uvicorn

    from api.serving import uvicorn_options

    _with_worker(no_worker)
    migrate.upgrade(get_settings().database_url)
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Each worker writes its samples here; /metrics from any of them adds all up.
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="offload-metrics-")
    uvicorn.run(
        "api.asgi:app",
        host=host,
        port=port,
        workers=workers,
        **uvicorn_options(),
    )


@app.command()
def worker(
    once: Annotated[bool, typer.Option("--once", help="Run one tick, then exit.")] = False,
) -> None:
    """Deliver webhooks and expire overdue proposals until stopped (Ctrl-C or SIGTERM).
    Run as many as you like: each delivery is claimed by exactly one."""
    import signal
    import threading

    from api import logs
    from api.worker import Worker

    settings = get_settings()
    logs.configure(level=settings.log_level, json_lines=settings.log_json)
    migrate.upgrade(settings.database_url)
    runner = Worker(settings)
    stop = threading.Event()
    try:
        if once:
            tick = runner.tick()
            typer.echo(f"expired {tick.expired}, fanned out {tick.fanned_out}, sent {tick.sent}")
            return
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        typer.echo("worker running; Ctrl-C to stop")
        runner.run(stop)
    finally:
        runner.close()


def ensure_secret_key(env_file: Path) -> bool:
    """Write a fresh OFFLOAD_SECRET_KEY into ``env_file`` unless the setting already has a
    value (environment or file). Returns whether it wrote one."""
    if get_settings().secret_key is not None:
        return False
    existing = env_file.read_text() if env_file.exists() else ""
    separator = "" if not existing or existing.endswith("\n") else "\n"
    line = f"OFFLOAD_SECRET_KEY={secrets.token_urlsafe(32)}\n"
    env_file.write_text(existing + separator + line)
    env_file.chmod(0o600)
    get_settings.cache_clear()
    return True


@app.command()
def seed(
    vendors: Annotated[int, typer.Option(min=0, help="Vendors to create.")] = 200,
    businesses: Annotated[int, typer.Option(min=0, help="Businesses to create.")] = 20,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same data.")] = 7,
) -> None:
    """Fill the database with realistic, deterministic demo data."""
    from api.db import make_engine
    from api.demo import seed_marketplace

    settings = get_settings()
    migrate.upgrade(settings.database_url)
    engine = make_engine(settings)
    with Session(engine) as session:
        counts = seed_marketplace(
            session=session, vendors=vendors, businesses=businesses, seed=seed
        )
        session.commit()
    engine.dispose()
    typer.echo(", ".join(f"{n} {what}" for what, n in counts.items()))


@app.command()
def demo(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    vendors: Annotated[int, typer.Option(min=0, help="Vendors to seed on first run.")] = 500,
    businesses: Annotated[int, typer.Option(min=0, help="Businesses to seed on first run.")] = 30,
    key_file: Annotated[
        Path, typer.Option(help="Where the demo admin key is kept between runs.")
    ] = Path(".offload-demo-key"),
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve after preparing (default).")
    ] = True,
    no_worker: NoWorker = False,
) -> None:
    """Migrate, seed demo data (first run only), print the demo admin key, the docs URL and
    sign-in links for the workspace, serve. Rerunning changes nothing: the data and the
    keys are found and reused. Writes a fresh OFFLOAD_SECRET_KEY to .env when none is set,
    so webhooks work at once."""
    from api.db import make_engine
    from api.demo import run as demo_data

    _with_worker(no_worker)
    if ensure_secret_key(Path(".env")):
        typer.echo("wrote a new OFFLOAD_SECRET_KEY to .env (it seals webhook secrets; keep it)")
    settings = get_settings()
    migrate.upgrade(settings.database_url)
    engine = make_engine(settings)
    with Session(engine) as session:
        state = demo_data.prepare(
            session=session, key_file=key_file, vendors=vendors, businesses=businesses
        )
        session.commit()
    engine.dispose()
    base = f"http://{host}:{port}"
    for line in demo_data.describe(
        state, database_url=settings.database_url, base=base, key_file=key_file
    ):
        typer.echo(line)
    if serve:
        import uvicorn

        from api.serving import uvicorn_options

        uvicorn.run("api.asgi:app", host=host, port=port, **uvicorn_options())


@keys_app.command("create")
def create_key(
    role: Annotated[str, typer.Option(help="admin, partner, business or vendor.")] = "admin",
    name: Annotated[str, typer.Option(help="A label for the key.")] = "cli",
    business_id: Annotated[str | None, typer.Option(help="For a business key.")] = None,
    vendor_id: Annotated[str | None, typer.Option(help="For a vendor key.")] = None,
) -> None:
    """Create a key and print its secret alone on the last line."""
    from pydantic import ValidationError

    from api.auth import Principal
    from api.db import make_engine
    from api.errors import DomainError
    from api.keys import service
    from api.keys.models import ApiKeyCreate, Role

    settings = get_settings()
    migrate.upgrade(settings.database_url)
    try:
        data = ApiKeyCreate(role=role, name=name, business_id=business_id, vendor_id=vendor_id)
    except ValidationError as exc:
        typer.echo(f"error: {exc.errors()[0]['msg']}", err=True)
        raise typer.Exit(2) from exc
    engine = make_engine(settings)
    with Session(engine, expire_on_commit=False) as session:
        try:
            key, secret = service.create(
                session=session, principal=Principal(role=Role.admin), data=data
            )
        except DomainError as exc:
            typer.echo(f"error: {exc.detail}", err=True)
            raise typer.Exit(2) from exc
        session.commit()
    engine.dispose()
    typer.echo(f"created {key.role} key {key.id} ({key.name}); the secret is shown once:")
    typer.echo(secret)


@import_app.command("vendors")
def import_vendors_command(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True, dir_okay=False, readable=True, help="CSV, one row per service."
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Validate every line; write nothing.")
    ] = False,
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid", help="Import the valid vendors even when other lines fail."),
    ] = False,
    partner_id: Annotated[
        str | None, typer.Option(help="The partner to own the vendors (default: none).")
    ] = None,
    max_errors: Annotated[
        int, typer.Option(min=0, help="Print at most this many line errors; 0 prints all.")
    ] = 100,
) -> None:
    """Import vendors and their services from a CSV file (format: docs/api.md).

    All or nothing unless --skip-invalid: one bad line and nothing is written. Exits 1 when
    any line failed, 2 when the file itself cannot be read.
    """
    import tempfile
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from sqlalchemy.exc import SQLAlchemyError

    from api.auth import Principal
    from api.db import IMMEDIATE, make_engine
    from api.imports import csv_format, gc_paused, import_vendors
    from api.keys.models import Partner, Role

    settings = get_settings()
    scratch = None
    if dry_run and _missing_sqlite_file(settings.database_url):
        # A dry run writes nothing, not even a new database: check against a fresh one.
        scratch = tempfile.TemporaryDirectory()
        settings = settings.model_copy(
            update={"database_url": f"sqlite:///{Path(scratch.name) / 'dry-run.db'}"}
        )
        typer.echo("the database does not exist yet: checking against a fresh one", err=True)
    engine = make_engine(settings)
    # Migrate first, as every command does; but look before, as even a no-op upgrade is slow.
    if migrate.current_revision(engine) != migrate.head_revision(settings.database_url):
        migrate.upgrade(settings.database_url)
    started = time.perf_counter()
    try:
        with gc_paused(), file.open(newline="", encoding="utf-8-sig") as stream:
            parsed = csv_format.read(stream)
    except (csv_format.FormatError, UnicodeDecodeError) as exc:
        engine.dispose()
        typer.echo(f"error: {file}: {exc}", err=True)
        raise typer.Exit(2) from exc

    console = Console(stderr=True)
    bar = Progress(
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("vendors"),
        console=console,
        disable=not console.is_terminal,
    )
    stages: dict[str, object] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage not in stages:
            label = {"validate": "checking", "insert": "inserting"}.get(stage, stage)
            stages[stage] = bar.add_task(label, total=total)
        bar.update(stages[stage], completed=done)  # type: ignore[arg-type]

    try:
        with Session(engine, expire_on_commit=False, autoflush=False) as session:
            session.connection(execution_options={IMMEDIATE: not dry_run})
            principal = Principal(role=Role.admin)
            if partner_id is not None:
                if session.get(Partner, partner_id) is None:
                    typer.echo(f"error: no partner with id '{partner_id}'", err=True)
                    raise typer.Exit(2)
                principal = Principal(role=Role.partner, partner_id=partner_id)
            with bar:
                report = import_vendors(
                    session=session,
                    principal=principal,
                    items=[vendor.item for vendor in parsed.vendors],
                    dry_run=dry_run,
                    skip_invalid=skip_invalid,
                    prior_errors={
                        i: [e.as_item_error() for e in vendor.errors]
                        for i, vendor in enumerate(parsed.vendors)
                        if vendor.errors
                    },
                    progress=progress,
                )
            if report.written:
                session.commit()
    except SQLAlchemyError as exc:
        typer.echo(f"error: the database refused the import, nothing was written: {exc}", err=True)
        raise typer.Exit(1) from exc
    finally:
        engine.dispose()
        if scratch is not None:
            scratch.cleanup()
    elapsed = time.perf_counter() - started

    errors = csv_format.line_errors(parsed, report)
    for error in errors if max_errors == 0 else errors[:max_errors]:
        typer.echo(str(error), err=True)
    if max_errors and len(errors) > max_errors:
        typer.echo(f"... and {len(errors) - max_errors:,} more errors", err=True)
    typer.echo(csv_format.summary(parsed, report, errors, elapsed, dry_run=dry_run))
    if errors:
        raise typer.Exit(1)


def _missing_sqlite_file(database_url: str) -> bool:
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    return (
        url.get_backend_name() == "sqlite"
        and url.database not in (None, "", ":memory:")
        and not Path(url.database).exists()
    )


@app.command()
def openapi(
    output: Annotated[Path, typer.Option(help="Where to write the document.")] = Path(
        "openapi/openapi.json"
    ),
) -> None:
    """Write the OpenAPI document, with sorted keys, from the app."""
    from api.main import create_app

    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_openapi(create_app().openapi()))
    typer.echo(f"wrote {output}")


def render_openapi(document: dict[str, object]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
