"""Task profile routes."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from api.businesses.deps import business_loader
from api.businesses.models import Business
from api.deps import ExactCapacity, SessionDep
from api.errors import problems
from api.etags import IfMatch, require_match, tagged
from api.pagination import Page, PageDep
from api.tasks import service
from api.tasks.deps import LoadedTask
from api.tasks.models import TaskCreate, TaskPublic, TaskUpdate

router = APIRouter(tags=["Tasks"], dependencies=[ExactCapacity])


class TaskList(Page[TaskPublic]):
    """A page of task profiles."""


LoadedBusiness = Annotated[
    Business, Depends(business_loader(action="use task profiles", roles=service.ACTORS))
]


@router.post(
    "/v1/businesses/{business_id}/tasks",
    status_code=status.HTTP_201_CREATED,
    summary="Create a task profile",
    responses=problems(400, 401, 403, 404, 413, 415, 422),
)
def create_task(
    business: LoadedBusiness, body: TaskCreate, session: SessionDep, response: Response
) -> TaskPublic:
    """Describe a piece of work the business wants handed off: type, monthly volume, budget
    and the must-haves a vendor has to meet.

    Roles: admin, the owning partner, the business itself.
    """
    task = service.create(session=session, business=business, data=body)
    response.headers["Location"] = f"/v1/tasks/{task.id}"
    return TaskPublic.of(task)


@router.get(
    "/v1/businesses/{business_id}/tasks",
    summary="List a business's task profiles",
    responses=problems(401, 403, 404, 422),
)
def list_tasks(business: LoadedBusiness, session: SessionDep, page: PageDep) -> TaskList:
    """List the business's task profiles, oldest first.

    Roles: admin, the owning partner, the business itself.
    """
    rows, cursor = service.list_for_business(session=session, business=business, page=page)
    return TaskList(data=[TaskPublic.of(t) for t in rows], next_cursor=cursor)


@router.get(
    "/v1/tasks/{task_id}", summary="Get a task profile", responses=problems(401, 403, 404, 422)
)
def get_task(task: LoadedTask, response: Response) -> TaskPublic:
    """Get one task profile, with its ETag.

    Roles: admin, the owning partner, the business itself.
    """
    return tagged(response, TaskPublic.of(task))


@router.patch(
    "/v1/tasks/{task_id}",
    summary="Update a task profile",
    responses=problems(400, 401, 403, 404, 409, 412, 413, 415, 422),
)
def update_task(
    task: LoadedTask,
    body: TaskUpdate,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> TaskPublic:
    """Change some fields of a task profile; fields left out stay as they are. Objects
    (`budget`, `coverage`, `weights`) are replaced whole.

    Roles: admin, the owning partner, the business itself.
    """
    require_match(if_match, session, task, TaskPublic.of)
    return tagged(response, TaskPublic.of(service.update(session=session, task=task, data=body)))


@router.delete(
    "/v1/tasks/{task_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a task profile",
    responses=problems(401, 403, 404, 409, 412),
)
def delete_task(task: LoadedTask, session: SessionDep, if_match: IfMatch = None) -> None:
    """Delete a task profile.

    Roles: admin, the owning partner, the business itself.
    """
    require_match(if_match, session, task, TaskPublic.of)
    service.delete(session=session, task=task)
