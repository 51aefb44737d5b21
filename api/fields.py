"""Reusable validated field types: ISO codes, IANA zones, clock times, money, bounded text,
timestamps; and the text rules every request body obeys."""

import itertools
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Annotated, Any, ClassVar, get_args, get_origin
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
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

MAX_AMOUNT = 100_000_000_000  # minor units: a billion in any two-decimal currency
MAX_VOLUME = 10_000_000  # units per month

# Text a partner sends is shown to other people, in browsers, spreadsheets and terminals.
# Control characters (ESC sequences repaint a terminal), bidi overrides and isolates (they
# reorder what a reader sees, "Trojan Source") and lone surrogates (no encoding can store
# them) are refused everywhere; line breaks and tabs only in multi-line fields.
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SINGLE_LINE_FORBIDDEN = re.compile(
    f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029{_BIDI_CONTROLS}\\ud800-\\udfff]"
)
# In multi-line text: tab, line feed, and carriage return only before a line feed (a lone
# one returns the cursor and overprints the line).
_MULTI_LINE_FORBIDDEN = re.compile(
    f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{_BIDI_CONTROLS}\\ud800-\\udfff]|\\r(?!\\n)"
)
# Blank letters: they show nothing, yet are neither whitespace nor format characters.
_BLANK_LETTERS = "\u115f\u1160\u3164\uffa0\u2800"


@cache
def _invisible() -> re.Pattern[str]:
    """Text that shows nothing: whitespace, format characters (zero-width spaces and
    joiners, U+2060, U+FEFF, tag characters...) and blank letters. Built once, on first use."""
    # Format characters and spaces live only in planes 0, 1 and 14 (tags); scanning just
    # those keeps the first request fast.
    codes = itertools.chain(range(0x20000), range(0xE0000, 0xE1000))
    chars = "".join(
        re.escape(chr(code))
        for code in codes
        if not 0xD800 <= code <= 0xDFFF
        and (chr(code).isspace() or unicodedata.category(chr(code)) == "Cf")
    )
    return re.compile(f"[{chars}{_BLANK_LETTERS}]+")


def text_fault(text: str, *, multiline: bool) -> PydanticCustomError | None:
    """Why ``text`` may not be stored, or None. Empty text is left to length limits."""
    if text.isprintable():
        # The common case, decided in C: no control, format or separator character (but
        # the space), so only the blank letters can make it invisible.
        if text and not text.strip(" " + _BLANK_LETTERS):
            return _invisible_text()
        return None
    forbidden = (_MULTI_LINE_FORBIDDEN if multiline else _SINGLE_LINE_FORBIDDEN).search(text)
    if forbidden:
        char = forbidden.group()[0]
        if char == "\x00":
            return PydanticCustomError("nul_character", "must not contain a NUL character")
        bidi = char in _BIDI_CONTROLS
        return PydanticCustomError(
            "bidi_control" if bidi else "control_character",
            "must not contain the {what} U+{point}",
            {
                "what": "bidirectional control" if bidi else "control character",
                "point": f"{ord(char):04X}",
            },
        )
    if text and _invisible().fullmatch(text):
        return _invisible_text()
    return None


def _invisible_text() -> PydanticCustomError:
    return PydanticCustomError(
        "invisible_text", "must contain a visible character, not only blank ones"
    )


def plain_text(value: object, *, multiline: bool = False) -> object:
    """Refuse text (alone or in a list) that breaks the text rules above; body models get
    this from `Strict`, text query parameters name it as a validator."""
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        if isinstance(text, str):
            fault = text_fault(text, multiline=multiline)
            if fault is not None:
                raise fault
    return value


class MultiLine:
    """Marks a text type in which line breaks and tabs are allowed (e.g. `Description`)."""


MULTI_LINE = MultiLine()


def _marked_multiline(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated:
        _, *metadata = get_args(annotation)
        return any(isinstance(m, MultiLine) for m in metadata) or _marked_multiline(
            get_args(annotation)[0]
        )
    return any(_marked_multiline(arg) for arg in get_args(annotation))


def _is_multiline(field: FieldInfo) -> bool:
    return any(isinstance(m, MultiLine) for m in field.metadata) or _marked_multiline(
        field.annotation
    )


class Strict(BaseModel):
    """Base of every request body: unknown (and server-owned) fields are refused, and every
    string, whatever its field, obeys the text rules (checked here once, so no model can
    forget them); only fields of a `MULTI_LINE` type may hold line breaks and tabs."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    multiline: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls.multiline = frozenset(
            name for name, field in cls.model_fields.items() if _is_multiline(field)
        )

    @field_validator("*", mode="after")
    @classmethod
    def _plain_text(cls, value: object, info: ValidationInfo) -> object:
        return plain_text(value, multiline=info.field_name in cls.multiline)


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
    """The IANA database proper: the zones the tzdata package lists. available_timezones()
    alone also takes whatever else lies in the system's zoneinfo directory that parses as
    a zone file: `localtime` (the host's own zone), and on some systems `posixrules`,
    `posix/...` and `right/...` (leap-second variants). `Factory` is IANA's placeholder for
    "zone not set", not a place."""
    listed = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()
    return frozenset(available_timezones() & set(listed)) - {"Factory"}


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
Description = Annotated[str, StringConstraints(max_length=5000), MULTI_LINE]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=80)]


_RFC3339_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt]")
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, 23, 59, 59, 999999, tzinfo=UTC)


def _rfc3339(value: object) -> object:
    """Pydantic alone would also take a Unix time (1900000000, "1900000000")."""
    if not (isinstance(value, str) and _RFC3339_DATE.match(value)):
        raise ValueError("must be an RFC 3339 time, e.g. 2027-01-01T00:00:00Z")
    return value


def _aware_utc_in_range(value: datetime) -> datetime:
    """In UTC, between 1970 and the end of 9999: the year 1 or 9999 with an offset does not
    fit a datetime once moved to UTC, and no date outside this range means anything here."""
    if value.tzinfo is None:
        raise ValueError("needs a UTC offset, e.g. 2027-01-01T00:00:00Z")
    # Bound the wall time first, so moving it by its offset (under a day) cannot overflow.
    wall = value.replace(tzinfo=None)
    if wall.year < EARLIEST.year - 1 or wall.date() > LATEST.date():
        raise _out_of_range()
    value = value.astimezone(UTC)
    if not EARLIEST <= value <= LATEST:
        raise _out_of_range()
    return value


def _out_of_range() -> PydanticCustomError:
    return PydanticCustomError(
        "datetime_out_of_range", "must be between 1970-01-01T00:00:00Z and 9999-12-30T23:59:59Z"
    )


Timestamp = Annotated[
    datetime,
    BeforeValidator(_rfc3339),
    AfterValidator(_aware_utc_in_range),
    Field(examples=["2027-01-01T00:00:00Z"]),
]
"""An RFC 3339 time with an offset, returned in UTC, from 1970 to 9999-12-30."""


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
