"""The CSV format of ``offload import vendors``: one row per service, grouped into vendors.

docs/api.md ("Bulk import") is the reference for users. In short: a header row of column
names, then one row per service. ``vendor_ref`` (any text, local to the file) groups rows
into vendors; the vendor columns may repeat on each of a vendor's rows or be left empty
after the first, and where given they must agree. A row whose service columns are all empty
adds a vendor without that service. Lists (languages, certifications, skills) are
``;``-separated. ``working_hours`` is ``mon-fri 09:00-17:00; sat 10:00-14:00`` or the
API's JSON list. Empty cells take the API's defaults.

This module only turns text into the API's item shape; every value is then validated by
the request models in :func:`api.imports.import_vendors`, so the rules live in one place.
:func:`locate` maps an error inside an item back to the line and column it came from.
"""

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from api.imports.vendors import ImportReport, ItemError

VENDOR_COLUMNS = (
    "name",
    "description",
    "country",
    "timezone",
    "languages",
    "certifications",
    "working_hours",
)
PRICING_COLUMNS = {
    "pricing_model": "model",
    "pricing_currency": "currency",
    "pricing_amount": "amount",
    "units_per_hour": "units_per_hour",
    "minimum_monthly": "minimum_monthly",
}
SERVICE_COLUMNS = (
    "task_type",
    "capacity",
    "min_volume",
    "skills",
    "experience_years",
    *PRICING_COLUMNS,
    "active",
)
COLUMNS = ("vendor_ref", *VENDOR_COLUMNS, *SERVICE_COLUMNS)
REQUIRED_COLUMNS = (
    "vendor_ref",
    "name",
    "country",
    "timezone",
    "languages",
    "task_type",
    "capacity",
    "pricing_model",
    "pricing_currency",
    "pricing_amount",
)
_VENDOR_COLUMNS = frozenset(VENDOR_COLUMNS)
_LISTS = frozenset({"languages", "certifications", "skills"})
_INTEGERS = frozenset(
    {"capacity", "min_volume", "experience_years", "pricing_amount", "minimum_monthly"}
)
_COLUMN_OF_PRICING = {field: column for column, field in PRICING_COLUMNS.items()}
_INTEGER = re.compile(r"[+-]?[0-9]+")  # ASCII digits only, as in JSON
_TRUE, _FALSE = frozenset({"true", "yes", "1"}), frozenset({"false", "no", "0"})
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WINDOW = re.compile(
    r"(?P<days>[a-z][a-z ,-]*?)\s+(?P<start>[0-9]{1,2}:[0-9]{2})\s*-\s*(?P<end>[0-9]{1,2}:[0-9]{2})"
)


class FormatError(Exception):
    """The file as a whole cannot be read (a bad header, broken quoting)."""


@dataclass(frozen=True)
class LineError:
    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}: {self.column}: " if self.column else f"line {self.line}: "
        return where + self.message

    def as_item_error(self) -> ItemError:
        """For ``import_vendors(prior_errors=...)``; :func:`locate` turns it back."""
        return ItemError(("line", self.line, self.column or ""), self.message, "csv")

    @property
    def order(self) -> tuple[int, int]:
        """Sort key: by line, then by the column's place in the format."""
        return self.line, COLUMNS.index(self.column) + 1 if self.column in COLUMNS else 0


@dataclass
class VendorRows:
    """One vendor_ref's rows: the item to import and where each part came from."""

    ref: str
    line: int  # its first row
    vendor: dict[str, Any] = field(default_factory=dict)
    services: list[dict[str, Any]] = field(default_factory=list)
    service_lines: list[int] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)  # found while reading
    # vendor column -> (its value's text, the line it was first given on)
    sources: dict[str, tuple[str, int]] = field(default_factory=dict, repr=False)

    @property
    def item(self) -> dict[str, Any]:
        # vendor_ref becomes the vendor's external_ref: importing the file again updates
        # the vendors it made instead of adding them twice.
        return {"vendor": {**self.vendor, "external_ref": self.ref}, "services": self.services}


@dataclass
class Parsed:
    vendors: list[VendorRows]
    orphans: list[LineError]  # bad rows that belong to no vendor (no vendor_ref)
    rows: int

    @property
    def services(self) -> int:
        return sum(len(v.services) for v in self.vendors)


def read(lines: Iterable[str]) -> Parsed:
    """Read the CSV text (lines as from a file opened with ``newline=""``)."""
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise FormatError("the file is empty; it needs a header row")
        columns = [name.strip().lower() for name in header]
        unknown = [name for name in columns if name not in COLUMNS]
        if unknown:
            raise FormatError(
                f"line 1: unknown column(s) {', '.join(map(repr, unknown))}; "
                f"the columns are {', '.join(COLUMNS)}"
            )
        repeated = sorted({name for name in columns if columns.count(name) > 1})
        if repeated:
            raise FormatError(f"line 1: column(s) {', '.join(repeated)} appear more than once")
        missing = [name for name in REQUIRED_COLUMNS if name not in columns]
        if missing:
            raise FormatError(f"line 1: missing column(s) {', '.join(missing)}")
        vendors: dict[str, VendorRows] = {}
        orphans: list[LineError] = []
        rows = 0
        line = reader.line_num + 1
        for cells in reader:
            start, line = line, reader.line_num + 1
            row = {
                name: text
                for name, cell in zip(columns, cells, strict=False)
                if (text := cell.strip())
            }
            if not row and not any(cell.strip() for cell in cells):
                continue
            rows += 1
            ref = row.pop("vendor_ref", "")
            problem = None
            if len(cells) > len(columns):
                problem = LineError(
                    start, None, f"has {len(cells)} cells; the header has {len(columns)}"
                )
            elif not ref:
                problem = LineError(start, "vendor_ref", "required: it says whose row this is")
            vendor = vendors.get(ref) if ref else None
            if vendor is None and ref:
                vendor = vendors[ref] = VendorRows(ref=ref, line=start)
            if problem is None and vendor is not None:
                _add_row(vendor, row, start)
            elif vendor is not None and problem is not None:
                vendor.errors.append(problem)
            elif problem is not None:
                orphans.append(problem)
    except csv.Error as exc:
        raise FormatError(f"line {reader.line_num}: {exc}") from exc
    return Parsed(vendors=list(vendors.values()), orphans=orphans, rows=rows)


def _add_row(vendor: VendorRows, row: dict[str, str], line: int) -> None:
    service: dict[str, Any] = {}
    pricing: dict[str, Any] = {}
    for column, text in row.items():
        if column in PRICING_COLUMNS:
            pricing[PRICING_COLUMNS[column]] = _value(column, text)
        elif column not in _VENDOR_COLUMNS:
            service[column] = _value(column, text)
        elif (seen := vendor.sources.get(column)) is None:
            vendor.sources[column] = (text, line)
            _set_vendor_column(vendor, column, text, line)
        elif text != seen[0] and _normal(column, text) != _normal(column, seen[0]):
            vendor.errors.append(
                LineError(
                    line,
                    column,
                    f"differs from line {seen[1]} for vendor_ref '{vendor.ref}'; leave it "
                    "empty or repeat it exactly",
                )
            )
    if service or pricing:
        service["pricing"] = pricing
        vendor.services.append(service)
        vendor.service_lines.append(line)


def _set_vendor_column(vendor: VendorRows, column: str, text: str, line: int) -> None:
    if column == "working_hours":
        try:
            vendor.vendor[column] = working_hours(text)
        except ValueError as exc:
            vendor.errors.append(LineError(line, column, str(exc)))
    else:
        vendor.vendor[column] = _split(text) if column in _LISTS else text


def _normal(column: str, text: str) -> Any:
    return _split(text) if column in _LISTS else text


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _value(column: str, text: str) -> Any:
    """The cell as the JSON value the API would receive; text that is not of the column's
    type stays text, so the request model reports it as it would in a request."""
    if column in _LISTS:
        return _split(text)
    if column in _INTEGERS:
        return int(text) if _INTEGER.fullmatch(text) else text
    if column == "units_per_hour":
        try:
            return float(text)
        except ValueError:
            return text
    if column == "active":
        lowered = text.lower()
        return True if lowered in _TRUE else False if lowered in _FALSE else text
    return text


def working_hours(text: str) -> list[Any]:
    """``mon-fri 09:00-17:00; sat 10:00-14:00`` (or the API's JSON list) as the API's list of
    windows. Days are names or ranges (``fri-mon`` wraps), separated by commas."""
    if text.startswith("["):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"is not valid JSON: {exc.msg} at character {exc.pos}") from exc
        if not isinstance(value, list):
            raise ValueError("JSON working hours must be a list of windows")
        return value
    windows = []
    for part in text.split(";"):
        part = part.strip().lower()
        if not part:
            continue
        match = _WINDOW.fullmatch(part)
        if match is None:
            raise ValueError(
                f"'{part}' is not a window such as 'mon-fri 09:00-17:00' or 'sat,sun 10:00-14:00'"
            )
        windows.append(
            {
                "days": _days(match["days"]),
                "start": match["start"].zfill(5),
                "end": match["end"].zfill(5),
            }
        )
    return windows


def _days(text: str) -> list[str]:
    days: list[str] = []
    for part in text.replace(" ", "").split(","):
        first, _, last = part.partition("-")
        for day in (first, last or first):
            if day not in DAYS:
                raise ValueError(f"'{day}' is not a day; use {', '.join(DAYS)}")
        start, stop = DAYS.index(first), DAYS.index(last or first)
        days.extend(DAYS[(start + offset) % 7] for offset in range((stop - start) % 7 + 1))
    return days


def locate(vendor: VendorRows, error: ItemError) -> LineError:
    """The line and column an error inside ``vendor``'s item came from."""
    loc = error.loc
    if len(loc) == 3 and loc[0] == "line" and isinstance(loc[1], int):
        return LineError(loc[1], str(loc[2]) or None, error.message)
    if loc[:2] == ("vendor", "external_ref"):
        return LineError(vendor.line, "vendor_ref", error.message)
    if len(loc) >= 2 and loc[0] == "vendor" and isinstance(loc[1], str):
        seen = vendor.sources.get(loc[1])
        return LineError(seen[1] if seen else vendor.line, loc[1], error.message)
    if len(loc) >= 2 and loc[0] == "services" and isinstance(loc[1], int):
        line = vendor.service_lines[loc[1]]
        if len(loc) >= 4 and loc[2] == "pricing":
            return LineError(line, _COLUMN_OF_PRICING.get(str(loc[3]), "pricing"), error.message)
        column = str(loc[2]) if len(loc) >= 3 else None
        message = error.message
        if error.code == "duplicate":  # "repeats services.0" -> "repeats line 17"
            message = re.sub(
                r"services\.(\d+)", lambda m: f"line {vendor.service_lines[int(m[1])]}", message
            )
        return LineError(line, column, message)
    return LineError(vendor.line, error.field or None, error.message)


def line_errors(parsed: Parsed, report: ImportReport) -> list[LineError]:
    """Every error of an import of ``parsed``, at its line and column, in file order."""
    errors = list(parsed.orphans)
    for vendor, result in zip(parsed.vendors, report.results, strict=True):
        errors.extend(locate(vendor, error) for error in result.errors)
    errors.sort(key=lambda error: error.order)
    return errors


def summary(
    parsed: Parsed,
    report: ImportReport,
    errors: list[LineError],
    elapsed: float,
    *,
    dry_run: bool,
) -> str:
    """The last line ``offload import vendors`` prints: what happened, counts and the rate."""

    def count(n: int, noun: str) -> str:
        return f"{n:,} {noun}{'' if n == 1 else 's'}"

    valid = f"{count(report.vendors, 'vendor')} and {count(report.services, 'service')}"
    failed = (
        f"{count(len({e.line for e in errors}), 'line')} failed "
        f"({count(len(report.failed), 'vendor')} affected)"
    )
    created, updated, unchanged = (
        report.count("created"),
        report.count("updated"),
        report.count("unchanged"),
    )
    if not errors and updated + unchanged == 0:
        done = (
            f"dry run: {valid} are valid, nothing was written" if dry_run else f"imported {valid}"
        )
    elif not errors:
        found = f"{count(updated, 'vendor')} updated, {unchanged:,} unchanged"
        if dry_run:
            done = f"dry run: {count(created, 'new vendor')}, {found}; nothing was written"
        elif created == updated == 0:
            done = f"nothing changed: all {count(unchanged, 'vendor')} were already up to date"
        else:
            done = f"imported {count(created, 'new vendor')}, {found}"
    elif dry_run:
        done = f"dry run: {failed}; {valid} are valid; nothing was written"
    elif report.written:
        done = f"imported {valid}; skipped the rest: {failed}"
    else:
        done = (
            f"nothing was imported: {failed}; fix them, or pass --skip-invalid to import the "
            f"{valid} that are valid"
        )
    rate = f"{parsed.services / elapsed:,.0f}" if elapsed > 0 else "-"
    return (
        f"{done}; {count(parsed.rows, 'line')}, {count(parsed.services, 'service')} in "
        f"{elapsed:.2f} s ({rate} services/s)"
    )
