"""Reusable validated field types: ISO codes, IANA zones, clock times, money, bounded text."""

import re
from collections.abc import Callable
from enum import StrEnum
from functools import cache
from typing import Annotated, ClassVar
from zoneinfo import available_timezones

import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

MAX_AMOUNT = 100_000_000_000  # minor units: a billion in any two-decimal currency
MAX_VOLUME = 10_000_000  # units per month


class Strict(BaseModel):
    """Base of every request body: unknown (and server-owned) fields are refused."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


@cache
def _countries() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


@cache
def _languages() -> frozenset[str]:
    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


@cache
def _currencies() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


@cache
def _timezones() -> frozenset[str]:
    return frozenset(available_timezones())


def _member_of(kind: str, allowed: Callable[[], frozenset[str]], normalise: str) -> AfterValidator:
    def check(value: str) -> str:
        value = value.upper() if normalise == "upper" else value.lower()
        if value not in allowed():
            raise ValueError(f"'{value}' is not a known {kind}")
        return value

    return AfterValidator(check)


def _check_timezone(value: str) -> str:
    if value not in _timezones():
        raise ValueError(f"'{value}' is not an IANA time zone name, e.g. 'Europe/Berlin'")
    return value


_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _check_time(value: str) -> str:
    if not _TIME.match(value):
        raise ValueError("must be a 24-hour time HH:MM, from 00:00 to 23:59")
    return value


CountryCode = Annotated[
    str,
    StringConstraints(min_length=2, max_length=2),
    _member_of("ISO 3166-1 alpha-2 country code", _countries, "upper"),
    Field(examples=["US"]),
]
LanguageCode = Annotated[
    str,
    StringConstraints(min_length=2, max_length=2),
    _member_of("ISO 639-1 language code", _languages, "lower"),
    Field(examples=["en"]),
]
CurrencyCode = Annotated[
    str,
    StringConstraints(min_length=3, max_length=3),
    _member_of("ISO 4217 currency code", _currencies, "upper"),
    Field(examples=["USD"]),
]
TimeZoneName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=64),
    AfterValidator(_check_timezone),
    Field(examples=["America/New_York"]),
]
ClockTime = Annotated[
    str,
    StringConstraints(min_length=5, max_length=5),
    AfterValidator(_check_time),
    Field(examples=["09:00"]),
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Description = Annotated[str, StringConstraints(max_length=5000)]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=80)]
Amount = Annotated[
    int, Field(ge=0, le=MAX_AMOUNT, strict=True, description="Minor units, e.g. cents.")
]


class Day(StrEnum):
    mon = "mon"
    tue = "tue"
    wed = "wed"
    thu = "thu"
    fri = "fri"
    sat = "sat"
    sun = "sun"


def unique(values: list[str]) -> list[str]:
    """Drop repeats, keeping first-seen order."""
    return list(dict.fromkeys(values))


class StrictUpdate(Strict):
    """Base of PATCH bodies: omitted fields stay as they are; ``null`` only where allowed."""

    nullable: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _no_null_for_required(cls, value: object, info: ValidationInfo) -> object:
        if value is None and info.field_name not in cls.nullable:
            raise ValueError("may not be null; omit the field to leave it unchanged")
        return value
