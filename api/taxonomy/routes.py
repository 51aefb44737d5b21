"""The task-type taxonomy: public, no key needed."""

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import Anonymous, SessionDep
from api.taxonomy import service
from api.taxonomy.models import TaskTypePublic

# No key needed, so limited per client address instead.
router = APIRouter(prefix="/v1/task-types", tags=["Task types"], dependencies=[Anonymous])


class TaskTypeList(BaseModel):
    data: list[TaskTypePublic]
    next_cursor: None = None


@router.get("", summary="List task types")
def list_task_types(session: SessionDep) -> TaskTypeList:
    """Every task type Offload matches on, with its family and the unit its volume counts.

    No API key needed; limited per client address.
    """
    return TaskTypeList(
        data=[TaskTypePublic.model_validate(t) for t in service.list_all(session=session)]
    )
