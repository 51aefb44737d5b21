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
from api.demo.loader import busiest_business, seed_marketplace
from api.keys import service as keys
from api.keys.models import ApiKey, ApiKeyCreate, Role
from api.services.models import Service
from api.tasks.models import Task, Visibility
from api.vendors.models import Vendor

DEMO_KEY_NAME = "demo"
SEED = 7


@dataclass(frozen=True)
class DemoState:
    seeded: dict[str, int] | None  # None: the database already held data
    secret: str
    key_reused: bool
    advised: str | None  # the business whose advice shows the most
    owner_secret: str | None = None  # a business key for the advised business
    vendor_secret: str | None = None  # a vendor key, for the workspace's vendor view


def _live_demo_key(session: Session, secret: str, name: str) -> ApiKey | None:
    key = session.exec(
        select(ApiKey).where(ApiKey.secret_hash == hash_secret(secret), ApiKey.name == name)
    ).first()
    if key is None or key.revoked_at is not None:
        return None
    if key.expires_at is not None and key.expires_at <= utcnow():
        return None
    return key


def _demo_key(
    session: Session, key_file: Path, *, name: str = DEMO_KEY_NAME, **owner: str
) -> tuple[str, bool]:
    """A demo key's secret and whether it was reused: the admin key by default, or a
    business or vendor key (``business_id=`` or ``vendor_id=``). A new one revokes every
    earlier demo key of its name, so at most one of each is ever live."""
    if key_file.is_file():
        secret = key_file.read_text().strip()
        if _live_demo_key(session, secret, name) is not None:
            return secret, True
    admin = Principal(role=Role.admin)
    for old in session.exec(
        select(ApiKey).where(ApiKey.name == name, col(ApiKey.revoked_at).is_(None))
    ).all():
        keys.revoke(session=session, principal=admin, key_id=old.id)
    role = Role.business if "business_id" in owner else Role.vendor if owner else Role.admin
    _, secret = keys.create(
        session=session, principal=admin, data=ApiKeyCreate(role=role, name=name, **owner)
    )
    key_file.write_text(secret + "\n")
    key_file.chmod(0o600)
    return secret, False


def _workspace_people(session: Session, business_id: str) -> tuple[str, str] | None:
    """The demo owner (the advised business) and a demo vendor: the first with an active
    service of the type of the owner's first open task, which the seed lists for vendors."""
    task = session.exec(
        select(Task)
        .where(Task.business_id == business_id, Task.status == "open")
        .order_by(col(Task.id))
    ).first()
    if task is None:
        return None
    vendor_id = session.exec(
        select(Service.vendor_id)
        .where(Service.task_type == task.task_type, col(Service.active).is_(True))
        .order_by(col(Service.vendor_id))
    ).first()
    return (business_id, vendor_id) if vendor_id is not None else None


def prepare(*, session: Session, key_file: Path, vendors: int, businesses: int) -> DemoState:
    """Seed an empty database, find or make the demo keys. Flushes; the caller commits."""
    seeded = None
    if session.exec(select(Vendor.id).limit(1)).first() is None:
        seeded = seed_marketplace(
            session=session, vendors=vendors, businesses=businesses, seed=SEED
        )
    secret, reused = _demo_key(session, key_file)
    advised = busiest_business(session=session)
    people = _workspace_people(session, advised) if advised is not None else None
    owner = vendor = None
    if people is not None:
        if seeded is not None:  # the owner's open tasks are listed, so vendors see them
            for task in session.exec(
                select(Task).where(Task.business_id == people[0], Task.status == "open")
            ).all():
                task.visibility = Visibility.listed.value
                session.add(task)
            session.flush()
        owner, _ = _demo_key(
            session, _beside(key_file, "owner"), name="demo owner", business_id=people[0]
        )
        vendor, _ = _demo_key(
            session, _beside(key_file, "vendor"), name="demo vendor", vendor_id=people[1]
        )
    return DemoState(
        seeded=seeded,
        secret=secret,
        key_reused=reused,
        advised=advised,
        owner_secret=owner,
        vendor_secret=vendor,
    )


def _beside(key_file: Path, who: str) -> Path:
    return key_file.with_name(f"{key_file.name}-{who}")


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
    if state.owner_secret and state.vendor_secret:
        # The key rides in the fragment, which browsers never send: no log sees it.
        lines.append(f"workspace, as the owner: {base}/app/#key={state.owner_secret}")
        lines.append(f"workspace, as a vendor: {base}/app/#key={state.vendor_secret}")
    return lines
