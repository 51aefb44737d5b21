"""This database's identity and signing secret: one row, written by migration 0008.

``database_id`` is random per database, so anything cached from one database (a worker's
offer index) can tell when it is talking to another one, such as a restored or recreated
database whose change counter happens to stand at the same number. ``cursor_key`` signs
pagination cursors; kept in the database, it is the same for every worker and survives
restarts without being configured.
"""

import weakref

from sqlalchemy import CheckConstraint, LargeBinary, select
from sqlalchemy.engine import Engine
from sqlmodel import Field, Session, SQLModel, col


class Instance(SQLModel, table=True):
    __tablename__ = "instance"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: int = Field(primary_key=True)
    database_id: str = Field(max_length=36)
    cursor_key: bytes = Field(sa_type=LargeBinary)


_cursor_keys: "weakref.WeakKeyDictionary[Engine, bytes]" = weakref.WeakKeyDictionary()


def cursor_key(*, session: Session, fresh: bool = False) -> bytes:
    """The cursor signing key, read once per engine (again when ``fresh``)."""
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    key = None if fresh else _cursor_keys.get(engine)
    if key is None:
        query = select(col(Instance.cursor_key)).where(col(Instance.id) == 1)
        key = _cursor_keys[engine] = bytes(session.execute(query).scalar_one())
    return key
