"""Strong ETags on single objects, and If-Match for safe concurrent edits.

The tag is a hash of the object's public JSON, so it changes exactly when what a client
would see changes. ``If-Match`` is optional on PATCH and DELETE: without it the last
write wins, as most clients expect; with it a stale tag gets 412 instead of overwriting
someone else's change. The comparison happens under a row lock, so two editors holding the
same tag cannot both succeed.
"""

import hashlib
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Header, Response
from pydantic import BaseModel
from sqlmodel import Session

from api.db import lock
from api.errors import PreconditionFailed

P = TypeVar("P", bound=BaseModel)


def etag(public: BaseModel) -> str:
    return '"' + hashlib.sha256(public.model_dump_json().encode()).hexdigest()[:32] + '"'


def tagged(response: Response, public: P) -> P:
    """Return ``public`` with its ETag set on the response."""
    response.headers["ETag"] = etag(public)
    return public


IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=1000,
        description="The ETag you last read; 412 if the object has changed since. Optional.",
    ),
]


def require_match(
    if_match: str | None, session: Session, row: Any, to_public: Callable[[Any], BaseModel]
) -> None:
    """412 unless ``If-Match`` (when sent) names the row's current version."""
    wanted = if_match
    if wanted is None:
        return
    lock(session, type(row), row.id)
    if wanted.strip() == "*":
        return
    current = etag(to_public(row))
    tags = [tag.strip() for tag in wanted.split(",")]
    if current not in tags:  # weak tags (W/"...") never match: the comparison is strong
        raise PreconditionFailed(
            "The object has changed since that version (If-Match); fetch it again."
        )
