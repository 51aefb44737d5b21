"""The task a match is for, read with everything the match needs in one query."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Row, select
from sqlmodel import Session, col

from api.auth import owns, require_role
from api.businesses.models import Business
from api.deps import CurrentPrincipal, Now, SessionDep, sweep_overdue
from api.engagements.deadlines import DeadlineWatch
from api.errors import NotFound
from api.instance import Instance
from api.matches.changes import OfferVersion, Position
from api.tasks.deps import TaskId
from api.tasks.models import Task
from api.tasks.service import ACTORS
from api.taxonomy.models import TaskType


@dataclass(frozen=True)
class MatchedTask:
    task: Task
    position: Position  # of the offer change log, as the request's session sees it
    # Held so the session's identity map (weak references) keeps them for the TaskSpec.
    business: Business
    task_type: TaskType | None


def _read(session: Session, task_id: str) -> Row[tuple[Task, Business, TaskType, str, int]] | None:
    """The task with its business and type (left in the session, so building its
    ``TaskSpec`` asks nothing more) and the change log's position, in one round trip."""
    query = (
        select(Task, Business, TaskType, col(Instance.database_id), col(OfferVersion.version))
        .join(Business, col(Business.id) == col(Task.business_id))
        .outerjoin(TaskType, col(TaskType.key) == col(Task.task_type))
        .join(OfferVersion, col(OfferVersion.id) == 1)
        .join(Instance, col(Instance.id) == 1)
        .where(col(Task.id) == task_id)
    )
    return session.execute(query).first()


def load_matched_task(
    request: Request, task_id: TaskId, principal: CurrentPrincipal, session: SessionDep, now: Now
) -> MatchedTask:
    """The task, if the caller may see it, with overdue proposals expired first (exact to
    the second, as every capacity-showing route is), which takes no query of its own until
    the next deadline has passed or the change log has moved (api/engagements/deadlines.py)."""
    require_role(principal, *ACTORS, action="use task profiles")
    row = _read(session, task_id)
    if row is not None:
        watch: DeadlineWatch = request.app.state.deadlines
        position = Position(row.database_id, int(row.version))
        if watch.due(session=session, position=position, now=now):
            sweep_overdue(request.app.state.engine, now=now)
            # End the read so the next one sees the sweep: SQLite fixes a read
            # transaction's snapshot at its first statement.
            session.rollback()
            row = _read(session, task_id)
    if row is None or not owns(
        principal, partner_id=row.Business.partner_id, business_id=row.Task.business_id
    ):
        raise NotFound(f"No task with id '{task_id}' is visible to this key.")
    return MatchedTask(
        task=row.Task,
        position=Position(row.database_id, int(row.version)),
        business=row.Business,
        task_type=row.TaskType,
    )


MatchTask = Annotated[MatchedTask, Depends(load_matched_task)]
