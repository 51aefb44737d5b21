"""The `offload` command: migrate, serve, seed, keys and the OpenAPI document."""

import json
from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import Session

from api import migrate
from api.settings import get_settings

app = typer.Typer(help="Offload: the outsourcing marketplace matcher API.", no_args_is_help=True)
keys_app = typer.Typer(help="Manage API keys.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


@app.command("migrate")
def migrate_command() -> None:
    """Upgrade the database to the latest migration."""
    settings = get_settings()
    migrate.upgrade(settings.database_url)
    typer.echo(f"database at {migrate.head_revision(settings.database_url)}")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Migrate the database, then serve the API with uvicorn."""
    import uvicorn

    migrate.upgrade(get_settings().database_url)
    uvicorn.run("api.asgi:app", host=host, port=port, workers=workers, log_level="info")


@app.command()
def seed(
    vendors: Annotated[int, typer.Option(min=0, help="Vendors to create.")] = 200,
    businesses: Annotated[int, typer.Option(min=0, help="Businesses to create.")] = 20,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same data.")] = 7,
) -> None:
    """Fill the database with realistic, deterministic demo data."""
    from api.db import make_engine
    from api.seed import seed_marketplace

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
) -> None:
    """Migrate, seed demo data (first run only), print an admin key and the docs URL, serve."""
    import uvicorn
    from sqlmodel import select

    from api.auth import Principal
    from api.db import make_engine
    from api.keys import service
    from api.keys.models import ApiKeyCreate, Role
    from api.seed import seed_marketplace
    from api.vendors.models import Vendor

    settings = get_settings()
    migrate.upgrade(settings.database_url)
    engine = make_engine(settings)
    with Session(engine) as session:
        if session.exec(select(Vendor.id).limit(1)).first() is None:
            counts = seed_marketplace(
                session=session, vendors=vendors, businesses=businesses, seed=7
            )
            typer.echo("seeded " + ", ".join(f"{n} {what}" for what, n in counts.items()))
        _, secret = service.create(
            session=session,
            principal=Principal(role=Role.admin),
            data=ApiKeyCreate(role=Role.admin, name="demo"),
        )
        session.commit()
    engine.dispose()
    base = f"http://{host}:{port}"
    typer.echo(f"database: {settings.database_url}")
    typer.echo(f"API docs: {base}/docs")
    typer.echo(f"admin key: {secret}")
    typer.echo(f"try: curl -H 'Authorization: Bearer {secret}' {base}/v1/vendors?limit=3")
    uvicorn.run("api.asgi:app", host=host, port=port, log_level="info")


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
    from api.keys import service
    from api.keys.models import ApiKeyCreate, Role

    settings = get_settings()
    migrate.upgrade(settings.database_url)
    try:
        data = ApiKeyCreate(role=role, name=name, business_id=business_id, vendor_id=vendor_id)  # type: ignore[arg-type]
    except ValidationError as exc:
        typer.echo(f"error: {exc.errors()[0]['msg']}", err=True)
        raise typer.Exit(2) from exc
    engine = make_engine(settings)
    with Session(engine, expire_on_commit=False) as session:
        key, secret = service.create(
            session=session, principal=Principal(role=Role.admin), data=data
        )
        session.commit()
    engine.dispose()
    typer.echo(f"created {key.role} key {key.id} ({key.name}); the secret is shown once:")
    typer.echo(secret)


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
