"""The event feed."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CurrentPrincipal, SessionDep
from api.errors import FieldError, Invalid, problems
from api.events import service
from api.events.models import EventList, EventPublic, EventType
from api.pagination import MAX_LIMIT

router = APIRouter(tags=["Events"])

_NAME = "(?:" + "|".join(t.value.replace(".", r"\.") for t in EventType) + ")"
TYPES_PATTERN = f"^{_NAME}(?:,{_NAME})*$"


def _types(raw: str | None) -> list[str]:
    names = [name.strip() for name in (raw or "").split(",") if name.strip()]
    known = {t.value for t in EventType}
    unknown = sorted(set(names) - known)
    if unknown:
        raise Invalid(
            f"Unknown event types: {', '.join(unknown)}. Known: {', '.join(sorted(known))}.",
            errors=[FieldError(field="query.types", message="Unknown event type", code="enum")],
        )
    return names


@router.get(
    "/v1/events",
    summary="Read the event feed",
    responses=problems(401, 422),
)
def list_events(
    principal: CurrentPrincipal,
    session: SessionDep,
    after: Annotated[
        str | None,
        Query(
            max_length=40,
            pattern=r"^evt_[0-9a-z]{1,36}$",
            description="The id of the last event seen; omit to start.",
        ),
    ] = None,
    types: Annotated[
        str | None,
        Query(
            max_length=1000,
            pattern=TYPES_PATTERN,
            description="Comma-separated event types to keep, e.g. "
            "`engagement.accepted,engagement.declined`; omit for all.",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size, 1 to 100.")] = 20,
) -> EventList:
    """The events about objects the caller may read, oldest first in commit order: a
    business its own tasks and engagements; a vendor its services and engagements; a
    partner everything it owns; the admin all. Reading on from the last id seen never skips
    or repeats an event, across restarts and concurrent writers.

    Roles: every role; each sees its own.
    """
    rows, next_after = service.feed(
        session=session, principal=principal, after=after, types=_types(types), limit=limit
    )
    return EventList(data=[EventPublic.of(row) for row in rows], next_cursor=next_after)
