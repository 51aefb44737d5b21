"""`offload demo`, rerunnable: seed once, keep one demo key, say what it did.

The demo key's secret is kept in a file beside where the demo runs (as a browser keeps a
session), because Offload itself stores only its hash: a second run finds the file, checks
the key is still live, and reuses it instead of minting another admin key.
"""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlmodel import Session, col, select

from api.auth import Principal, hash_secret
from api.db import utcnow
from api.keys import service as keys
from api.keys.models import ApiKey, ApiKeyCreate, Role
from api.seed import busiest_business, seed_marketplace
from api.vendors.models import Vendor

DEMO_KEY_NAME = "demo"
SEED = 7


@dataclass(frozen=True)
class DemoState:
    seeded: dict[str, int] | None  # None: the database already held data
    secret: str
    key_reused: bool
    advised: str | None  # the business whose advice shows the most


def _live_demo_key(session: Session, secret: str) -> ApiKey | None:
    key = session.exec(
        select(ApiKey).where(
            ApiKey.secret_hash == hash_secret(secret), ApiKey.name == DEMO_KEY_NAME
        )
    ).first()
    if key is None or key.revoked_at is not None:
        return None
    if key.expires_at is not None and key.expires_at <= utcnow():
        return None
    return key


def _demo_key(session: Session, key_file: Path) -> tuple[str, bool]:
    """The demo's admin secret and whether it was reused. A new one revokes every earlier
    demo key, so at most one is ever live."""
    if key_file.is_file():
        secret = key_file.read_text().strip()
        if _live_demo_key(session, secret) is not None:
            return secret, True
    admin = Principal(role=Role.admin)
    for old in session.exec(
        select(ApiKey).where(ApiKey.name == DEMO_KEY_NAME, col(ApiKey.revoked_at).is_(None))
    ).all():
        keys.revoke(session=session, principal=admin, key_id=old.id)
    _, secret = keys.create(
        session=session, principal=admin, data=ApiKeyCreate(role=Role.admin, name=DEMO_KEY_NAME)
    )
    key_file.write_text(secret + "\n")
    key_file.chmod(0o600)
    return secret, False


def prepare(*, session: Session, key_file: Path, vendors: int, businesses: int) -> DemoState:
    """Seed an empty database, find or make the demo key. Flushes; the caller commits."""
    seeded = None
    if session.exec(select(Vendor.id).limit(1)).first() is None:
        seeded = seed_marketplace(
            session=session, vendors=vendors, businesses=businesses, seed=SEED
        )
    secret, reused = _demo_key(session, key_file)
    return DemoState(
        seeded=seeded,
        secret=secret,
        key_reused=reused,
        advised=busiest_business(session=session),
    )


def masked(database_url: str) -> str:
    """The URL without its password, fit to print."""
    return make_url(database_url).render_as_string(hide_password=True)


def describe(state: DemoState, *, database_url: str, base: str, key_file: Path) -> list[str]:
    """What `offload demo` prints: what it found or did, then where to go."""
    if state.seeded is None:
        data = "found existing data; nothing seeded"
    else:
        data = "seeded " + ", ".join(f"{n} {what}" for what, n in state.seeded.items())
    key = (
        f"reused the demo admin key kept in {key_file}"
        if state.key_reused
        else f"created a demo admin key (kept in {key_file}; earlier demo keys revoked)"
    )
    lines = [
        f"database: {masked(database_url)} ({data})",
        f"admin key: {state.secret} ({key})",
        f"API docs: {base}/docs",
        f"try: curl -H 'Authorization: Bearer {state.secret}' {base}/v1/vendors?limit=3",
    ]
    if state.advised is not None:
        lines.append(
            f"advice: curl -H 'Authorization: Bearer {state.secret}' "
            f"{base}/v1/businesses/{state.advised}/advice"
        )
    return lines
