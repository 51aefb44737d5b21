"""Column helpers for the table models, so every table spells timestamps and JSON alike."""

from typing import Any

from sqlalchemy import JSON, BigInteger, Column
from sqlmodel import Field

from api.db import UTCDateTime, utcnow


def created_at() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


updated_at = created_at  # the same column shape; services set it again on every change


def optional_timestamp() -> Any:
    return Field(default=None, sa_type=UTCDateTime, nullable=True)


def json_list() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False))


def json_object(*, nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(JSON, nullable=nullable))


def money() -> Any:
    return Field(sa_type=BigInteger, nullable=False)
