"""Loading the demo marketplace: :func:`seed_marketplace` (``offload seed``, ``offload
demo``) and the business whose advice shows the most.

The same seed (and counts) gives the same rows, ids and timestamps included.
docs/demo-data.md describes the result.
"""

from collections.abc import Callable, Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.businesses.models import Business
from api.demo.data import BATCH, TASK_TYPES
from api.demo.factories import BusinessFactory, Rng, VendorFactory
from api.services.models import Service
from api.tasks.models import Task
from api.taxonomy.models import TaskType
from api.vendors.models import Vendor


def seed_marketplace(
    *, session: Session, vendors: int, businesses: int, seed: int
) -> dict[str, int]:
    """Add `vendors` vendors (1-3 services each) and `businesses` businesses (1-4 task profiles
    each), derived from `seed` alone. Flushes in batches but does not commit."""
    if vendors < 0 or businesses < 0:
        raise ValueError("vendors and businesses must not be negative")
    known = set(session.exec(select(TaskType.key)).all())
    missing = [t for t in TASK_TYPES if t not in known]
    if missing:
        raise RuntimeError(f"task types {missing} are missing; run the migrations first")

    vendor_factory = VendorFactory(Rng(f"offload-seed:{seed}:vendors"), vendors)
    services = _load(session, vendor_factory.make, vendors, Vendor, seed)
    business_factory = BusinessFactory(
        Rng(f"offload-seed:{seed}:businesses"),
        businesses,
        advisor=Rng(f"offload-seed:{seed}:advisor"),
    )
    tasks = _load(session, business_factory.make, businesses, Business, seed)
    return {"vendors": vendors, "services": services, "businesses": businesses, "tasks": tasks}


def _load(
    session: Session,
    make: Callable[[], tuple[Vendor | Business, Sequence[Service | Task]]],
    count: int,
    table: type[Vendor] | type[Business],
    seed: int,
) -> int:
    """Add ``count`` owners made by ``make`` and what each owns; returns how many owned.

    Owners and what they own go in separate flushes: without relationship() the unit of
    work does not order inserts across tables, and the foreign keys need owners first."""
    owners: list[Vendor | Business] = []
    owned: list[Service | Task] = []
    total = 0

    def flush() -> None:
        if owners:
            session.add_all(owners)
            session.flush()
            session.add_all(owned)
            session.flush()
            owners.clear()
            owned.clear()

    for index in range(count):
        owner, items = make()
        if index == 0:
            _refuse_reseeding(session, table, owner.id, seed)
        owners.append(owner)
        owned.extend(items)
        total += len(items)
        if len(owners) + len(owned) >= BATCH:
            flush()
    flush()
    return total


def _refuse_reseeding(
    session: Session, table: type[Vendor] | type[Business], first_id: str, seed: int
) -> None:
    """The same seed and counts give the same ids, so a second run would collide."""
    found = session.exec(select(col(table.id)).where(col(table.id) == first_id)).first()
    if found is not None:
        raise ValueError(
            f"seed {seed} with these counts is already in this database ({first_id} exists); "
            "use another seed or a fresh database"
        )


def busiest_business(*, session: Session) -> str | None:
    """The business with the most tasks the advisor covers (the earliest of equals): the one
    whose advice shows the most at once."""
    count = func.count(col(Task.id))
    row = session.exec(
        select(Task.business_id)
        .where(col(Task.status).in_(("open", "paused")))
        .group_by(col(Task.business_id))
        .order_by(count.desc(), col(Task.business_id))
        .limit(1)
    ).first()
    return row
