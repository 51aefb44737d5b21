"""Task profiles: queries and rules."""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from api.auth import Principal, owns, require_role
from api.businesses.models import Business
from api.db import lock, utcnow
from api.engagements import service as engagements
from api.errors import Conflict, NotFound
from api.events import service as events
from api.events.models import EventType
from api.ids import new_id
from api.keys.models import Role
from api.pagination import PageParams, paginate
from api.tasks.models import (
    Task,
    TaskCreate,
    TaskPublic,
    TaskStatus,
    TaskUpdate,
    task_columns,
)
from api.taxonomy.service import ensure_known

ACTORS = (Role.admin, Role.partner, Role.business)


def announce(*, session: Session, type: EventType, task: Task) -> None:
    """Record the event of a change to ``task``, with the task as its GET shows it."""
    partner_id = session.execute(
        select(Business.partner_id).where(Business.id == task.business_id)
    ).scalar_one_or_none()
    events.record(
        session=session,
        type=type,
        data=TaskPublic.of(task).model_dump(mode="json"),
        audience=events.Audience(business_id=task.business_id, business_partner_id=partner_id),
    )


def create(*, session: Session, business: Business, data: TaskCreate) -> Task:
    ensure_known(session=session, key=data.task_type)
    values = task_columns(data)
    values.setdefault("status", data.status.value)
    values.setdefault("visibility", data.visibility.value)
    task = Task(id=new_id("tsk"), business_id=business.id, **values)
    session.add(task)
    session.flush()
    announce(session=session, type=EventType.task_created, task=task)
    return task


def list_for_business(
    *, session: Session, business: Business, page: PageParams
) -> tuple[Sequence[Task], str | None]:
    query = select(Task).where(Task.business_id == business.id)
    return paginate(session, query, col(Task.id), page)


def get_visible(*, session: Session, principal: Principal, task_id: str) -> Task:
    require_role(principal, *ACTORS, action="use task profiles")
    row = session.exec(
        select(Task, Business.partner_id).join(Business).where(Task.id == task_id)
    ).first()
    if row is None or not owns(principal, partner_id=row[1], business_id=row[0].business_id):
        raise NotFound(f"No task with id '{task_id}' is visible to this key.")
    return row[0]


# What a live engagement was agreed on; the business may not change it underneath.
_FIXED_WHILE_ENGAGED = frozenset({"task_type", "volume", "status"})


def update(*, session: Session, task: Task, data: TaskUpdate) -> Task:
    if data.task_type is not None:
        ensure_known(session=session, key=data.task_type)
    changes = task_columns(data)
    if _FIXED_WHILE_ENGAGED & changes.keys():
        lock(session, Task, task.id)
        if task.status == TaskStatus.engaged:
            raise Conflict(
                "The task has a live engagement; its type, volume and status follow it until "
                "it ends."
            )
    for field, value in changes.items():
        setattr(task, field, value)
    task.updated_at = utcnow()
    session.add(task)
    session.flush()
    announce(session=session, type=EventType.task_updated, task=task)
    return task


def delete(*, session: Session, task: Task) -> None:
    lock(session, Task, task.id)
    if engagements.has_live(session=session, task_id=task.id):
        raise Conflict("The task has a live engagement; cancel it before deleting the task.")
    announce(session=session, type=EventType.task_deleted, task=task)
    session.delete(task)
    session.flush()
