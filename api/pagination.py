"""Cursor pagination: ``?limit=&cursor=`` in, ``{"data", "next_cursor"}`` out.

A cursor is the last id of the previous page, base64url-encoded so clients treat it as
opaque. Ids sort by creation time, so pages are stable while rows are being added.
"""

import base64
import binascii
from collections.abc import Sequence
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar

from api.errors import FieldError, Invalid

T = TypeVar("T")
MAX_LIMIT = 100


class Page(BaseModel, Generic[T]):
    data: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page."
    )


class PageParams(BaseModel):
    limit: int
    after: str | None


def encode_cursor(last_id: str) -> str:
    return base64.urlsafe_b64encode(last_id.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> str:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = base64.urlsafe_b64decode(padded.encode("ascii")).decode()
    except (binascii.Error, UnicodeError, ValueError):
        value = ""
    if not value or not value.isascii() or not value.isprintable() or len(value) > 64:
        raise Invalid(
            "The cursor is not one this API returned.",
            errors=[FieldError(field="query.cursor", message="Unknown cursor", code="cursor")],
        )
    return value


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size, 1 to 100.")] = 20,
    cursor: Annotated[
        str | None,
        Query(max_length=200, description="`next_cursor` from the previous page."),
    ] = None,
) -> PageParams:
    return PageParams(limit=limit, after=_decode_cursor(cursor) if cursor else None)


PageDep = Annotated[PageParams, Depends(page_params)]


def paginate(
    session: Session,
    query: SelectOfScalar[Any],
    id_column: InstrumentedAttribute[str],
    params: PageParams,
) -> tuple[Sequence[Any], str | None]:
    """Run ``query`` one page at a time, ordered by id; returns rows and the next cursor."""
    if params.after is not None:
        query = query.where(id_column > params.after)
    rows = session.exec(query.order_by(id_column).limit(params.limit + 1)).all()
    if len(rows) > params.limit:
        rows = rows[: params.limit]
        return rows, encode_cursor(getattr(rows[-1], id_column.key))
    return rows, None
