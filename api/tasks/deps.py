"""The task a path names, loaded for the caller or refused: shared by every task route."""

from typing import Annotated

from fastapi import Depends, Path

from api.deps import CurrentPrincipal, SessionDep
from api.tasks import service
from api.tasks.models import Task

TaskId = Annotated[str, Path(max_length=40, description="The task profile's id.")]


def load_task(task_id: TaskId, principal: CurrentPrincipal, session: SessionDep) -> Task:
    return service.get_visible(session=session, principal=principal, task_id=task_id)


LoadedTask = Annotated[Task, Depends(load_task)]
