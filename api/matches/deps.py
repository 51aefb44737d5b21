"""The task a match is for, read with everything the match needs in one query."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Row, bindparam, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from api.auth import Principal, owns, require_role
from api.businesses.models import Business
from api.clock import request_clock
from api.deps import Reader, sweep_overdue
from api.engagements.deadlines import DeadlineWatch
from api.errors import NotFound
from api.instance import Instance
from api.matches import adapters
from api.matches.changes import OfferVersion, Position
from api.tasks.deps import TaskId
from api.tasks.models import Task
from api.tasks.service import ACTORS
from api.taxonomy.models import TaskType
from matching import TaskSpec


@dataclass(frozen=True)
class MatchedTask:
    spec: TaskSpec  # with the task's own weights
    position: Position  # of the offer change log, as the request's session sees it


# Built once: a statement's cache key is quicker to take than the statement is to build.
_TASK = (
    select(
        col(Task.business_id),
        col(Task.task_type),
        col(Task.volume),
        col(Task.budget_currency),
        col(Task.budget_min),
        col(Task.budget_max),
        col(Task.skills),
        col(Task.required_certifications),
        col(Task.languages),
        col(Task.coverage),
        col(Task.weights),
        col(Business.partner_id),
        col(Business.country),
        col(TaskType.unit),
        col(Instance.database_id),
        col(OfferVersion.version),
    )
    .select_from(Task)
    .join(Business, col(Business.id) == col(Task.business_id))
    .outerjoin(TaskType, col(TaskType.key) == col(Task.task_type))
    .join(OfferVersion, col(OfferVersion.id) == 1)
    .join(Instance, col(Instance.id) == 1)
    .where(col(Task.id) == bindparam("task_id"))
)


def _read(session: Session, task_id: str) -> Row[Any] | None:
    """What matching needs of the task, whose it is, and the change log's position, in one
    round trip, as plain columns (no objects to load)."""
    return session.connection().execute(_TASK, {"task_id": task_id}).first()


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for a match, which only reads. On PostgreSQL without a transaction: at
    READ COMMITTED, the isolation level it runs at, every statement takes a snapshot of its
    own anyway, so BEGIN and ROLLBACK would be two round trips that change nothing."""
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        if engine.dialect.name == "postgresql":
            session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        yield session


def load_matched_task(
    *,
    session: Session,
    engine: Engine,
    deadlines: DeadlineWatch,
    principal: Principal,
    task_id: str,
    now: datetime,
) -> MatchedTask:
    """The task, if the caller may see it, with overdue proposals expired first (exact to
    the second, as every capacity-showing route is), which takes no query of its own until
    the next deadline has passed or the change log has moved (api/engagements/deadlines.py)."""
    row = _read(session, task_id)
    if row is not None:
        position = Position(row.database_id, int(row.version))
        if deadlines.due(session=session, position=position, now=now):
            sweep_overdue(engine, now=now)
            # End the read so the next one sees the sweep: SQLite fixes a read
            # transaction's snapshot at its first statement.
            session.rollback()
            row = _read(session, task_id)
    if row is None or not owns(principal, partner_id=row.partner_id, business_id=row.business_id):
        raise NotFound(f"No task with id '{task_id}' is visible to this key.")
    return MatchedTask(
        spec=adapters.stored_task_spec(row),
        position=Position(row.database_id, int(row.version)),
    )


@dataclass(frozen=True)
class TaskAsked:
    """A caller whose role may use task profiles, and the task it names."""

    principal: Principal
    task_id: str
    now: datetime  # the request's one notion of now


async def task_asked(request: Request, task_id: TaskId, principal: Reader) -> TaskAsked:
    """Checked on the event loop, before the query is (a 403 before a 422, as on every task
    route); the task itself is read with the match, in the same worker thread."""
    require_role(principal, *ACTORS, action="use task profiles")
    return TaskAsked(principal, task_id, request_clock(request)())


AskedTask = Annotated[TaskAsked, Depends(task_asked)]
