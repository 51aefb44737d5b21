"""The task-type taxonomy."""

from collections.abc import Sequence

from sqlmodel import Session, select

from api.errors import FieldError, Invalid
from api.taxonomy.models import TaskType


def list_all(*, session: Session) -> Sequence[TaskType]:
    return session.exec(select(TaskType).order_by(TaskType.key)).all()


def ensure_known(*, session: Session, key: str, field: str = "body.task_type") -> TaskType:
    """The task type, or a 422 naming the field and the known keys."""
    task_type = session.get(TaskType, key)
    if task_type is None:
        known = ", ".join(t.key for t in list_all(session=session))
        raise Invalid(
            f"'{key}' is not a task type.",
            errors=[FieldError(field=field, message=f"must be one of: {known}", code="enum")],
        )
    return task_type
