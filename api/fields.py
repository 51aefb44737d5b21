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
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

MAX_AMOUNT = 100_000_000_000  # minor units: a billion in any two-decimal currency
MAX_VOLUME = 10_000_000  # units per month


def no_nul(value: object) -> object:
    """Refuse text with a NUL character, alone or in a list: PostgreSQL cannot store one, and
    the answer must not depend on the database."""
    texts = value if isinstance(value, list) else [value]
    if any(isinstance(text, str) and "\x00" in text for text in texts):
        raise PydanticCustomError("nul_character", "must not contain a NUL character")
    return value


class Strict(BaseModel):
    """Base of every request body: unknown (and server-owned) fields are refused, and so is
    text with a NUL character."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        return no_nul(value)


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


# ASCII digits only (Python's \d takes any Unicode digit), and the same pattern in the schema.
_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
_TIME = re.compile(_TIME_PATTERN)


def _check_time(value: str) -> str:
    if not _TIME.fullmatch(value):
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
    Field(examples=["09:00"], json_schema_extra={"pattern": _TIME_PATTERN}),
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Description = Annotated[str, StringConstraints(max_length=5000)]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=80)]


def _whole_number(value: object) -> object:
    """JSON has one number type: 400.0 is the integer 400 (as JSON Schema says); 2.5 is not."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# Put after a strict int's Field: strings and booleans stay refused, whole numbers pass.
WholeNumber = BeforeValidator(_whole_number)
Amount = Annotated[
    int,
    Field(ge=0, le=MAX_AMOUNT, strict=True, description="Minor units, e.g. cents."),
    WholeNumber,
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

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Document `null` only where it is accepted: the fields are optional in Python so
        they can be left out, not so they can be null."""
        schema = handler(core_schema)
        for name, field in handler.resolve_ref_schema(schema).get("properties", {}).items():
            options = field.get("anyOf")
            if name in cls.nullable or not options:
                continue
            kept = [option for option in options if option != {"type": "null"}]
            if len(kept) == 1:
                del field["anyOf"]
                field.update(kept[0])
            else:
                field["anyOf"] = kept
        return schema
