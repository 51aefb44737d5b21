"""The offer change log: how every worker's in-memory index knows exactly what changed.

Database triggers (migration 0006) append one row per changed service or vendor row, each
with the next value of a single counter. The counter row is updated inside the writing
transaction, so its lock orders the writers: versions become visible in commit order, and a
reader that has seen version v has seen every change up to v. A reader that finds a gap
(changes it can no longer read) rebuilds instead.

A version means something only within one database: one recreated or restored can reach
the same number with other rows. So the version is read together with the database's
identity (the ``instance`` row), and a reader that sees another identity rebuilds.
"""

from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import BigInteger, CheckConstraint, select
from sqlmodel import Field, Session, SQLModel, col

from api.instance import Instance


class OfferVersion(SQLModel, table=True):
    __tablename__ = "offer_version"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: int = Field(primary_key=True)
    version: int = Field(sa_type=BigInteger)


class OfferChange(SQLModel, table=True):
    __tablename__ = "offer_changes"

    version: int = Field(sa_type=BigInteger, primary_key=True)
    vendor_id: str = Field(max_length=40)


class Position(NamedTuple):
    database_id: str
    version: int


def current_position(*, session: Session) -> Position:
    """The database's identity and change counter, in one primary-key lookup of each."""
    query = select(col(Instance.database_id), col(OfferVersion.version)).join_from(
        OfferVersion, Instance, col(Instance.id) == col(OfferVersion.id)
    )
    database_id, version = session.execute(query.where(col(OfferVersion.id) == 1)).one()
    return Position(database_id=database_id, version=int(version))


def changed_vendors(*, session: Session, since: int, until: int) -> Sequence[str] | None:
    """Vendors changed in versions ``since`` (exclusive) to ``until``; None if the log no
    longer holds all of them."""
    vendors = (
        session.execute(
            select(col(OfferChange.vendor_id)).where(
                col(OfferChange.version) > since, col(OfferChange.version) <= until
            )
        )
        .scalars()
        .all()
    )
    if len(vendors) != until - since:
        return None
    return sorted(set(vendors))
