"""Cursor pagination: ``?limit=&cursor=`` in, ``{"data", "next_cursor"}`` out.

A cursor names the last id of the previous page; ids sort by creation time, so pages are
stable while rows are being added. It is signed (HMAC-SHA256 with the database's cursor
key, see api/instance.py) and bound to the list it came from, so a client can neither
forge one nor carry one to another list: anything but a cursor this API returned is a 422.
"""

import base64
import binascii
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy.orm import InstrumentedAttribute, Mapped
from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar

from api import instance
from api.errors import FieldError, Invalid

T = TypeVar("T")
MAX_LIMIT = 100
MAX_CURSOR_LENGTH = 200
_TAG_BYTES = 16  # 128 bits of HMAC-SHA256: forging one takes 2**128 guesses


class Page(BaseModel, Generic[T]):
    data: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page."
    )


class PageParams(BaseModel):
    limit: int
    cursor: str | None


@dataclass(frozen=True)
class CursorCodec:
    """Opaque, URL-safe cursors: base64url of the last id followed by its HMAC tag."""

    key: bytes

    def _tag(self, scope: str, last_id: bytes) -> bytes:
        message = scope.encode() + b"\x00" + last_id
        return hmac.new(self.key, message, hashlib.sha256).digest()[:_TAG_BYTES]

    def encode(self, *, scope: str, last_id: str) -> str:
        raw = last_id.encode()
        return base64.urlsafe_b64encode(raw + self._tag(scope, raw)).decode().rstrip("=")

    def decode(self, *, scope: str, cursor: str) -> str | None:
        """The last id ``cursor`` names, or None unless this codec made it for ``scope``."""
        try:
            padded = cursor + "=" * (-len(cursor) % 4)
            raw = base64.urlsafe_b64decode(padded.encode("ascii"))
        except (binascii.Error, UnicodeError, ValueError):
            return None
        last_id, tag = raw[:-_TAG_BYTES], raw[-_TAG_BYTES:]
        if not last_id or not hmac.compare_digest(tag, self._tag(scope, last_id)):
            return None
        return last_id.decode()  # signed by us, so the UTF-8 id we encoded


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size, 1 to 100.")] = 20,
    cursor: Annotated[
        str | None,
        Query(
            max_length=MAX_CURSOR_LENGTH,
            description="`next_cursor` from the previous page of the same list; "
            "any other value is a 422.",
        ),
    ] = None,
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor)


PageDep = Annotated[PageParams, Depends(page_params)]


def _after(session: Session, scope: str, cursor: str) -> str:
    last_id = CursorCodec(instance.cursor_key(session=session)).decode(scope=scope, cursor=cursor)
    if last_id is None:
        # The key may have changed under this worker (the database was recreated): look
        # again once, so only a cursor that is wrong for the current key is refused.
        fresh = instance.cursor_key(session=session, fresh=True)
        last_id = CursorCodec(fresh).decode(scope=scope, cursor=cursor)
    if last_id is None:
        raise Invalid(
            "The cursor is not one this API returned for this list.",
            errors=[FieldError(field="query.cursor", message="Unknown cursor", code="cursor")],
        )
    return last_id


def paginate(
    session: Session,
    query: SelectOfScalar[Any],
    id_column: Mapped[str],
    params: PageParams,
) -> tuple[Sequence[Any], str | None]:
    """Run ``query`` one page at a time, ordered by id; returns rows and the next cursor.

    ``id_column`` is what ``col(Model.id)`` gives: typed as ``Mapped``, it is a mapped
    attribute at run time, whose key reads the id off the last row.
    """
    if not isinstance(id_column, InstrumentedAttribute):
        raise TypeError(f"paginate needs a mapped id column, not {id_column!r}")
    scope = str(id_column)  # e.g. "Vendor.id": a cursor is good for one list only
    if params.cursor:  # an empty cursor is the first page, as no cursor is
        query = query.where(id_column > _after(session, scope, params.cursor))
    rows = session.exec(query.order_by(id_column).limit(params.limit + 1)).all()
    if len(rows) > params.limit:
        rows = rows[: params.limit]
        codec = CursorCodec(instance.cursor_key(session=session))
        return rows, codec.encode(scope=scope, last_id=getattr(rows[-1], id_column.key))
    return rows, None
