"""Validate and insert many vendors with their services in one go."""

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import Table, insert
from sqlmodel import Session, col, select

from api.auth import Principal, require_role
from api.db import utcnow
from api.errors import FieldError, Invalid
from api.ids import IdSequence, new_id
from api.keys.models import Role
from api.services.models import Service, ServiceCreate, service_columns
from api.taxonomy.models import TaskType
from api.vendors import service as vendors
from api.vendors.models import (
    Vendor,
    VendorBatch,
    VendorBatchEntry,
    VendorBatchItem,
    VendorBatchResult,
)

Stage = Literal["validate", "insert"]
Outcome = Literal["created", "updated", "unchanged"]
# Told (stage, items done, items the stage will do) every few hundred items.
Progress = Callable[[Stage, int, int], None]

_VALIDATE_CHUNK = 500  # items between progress reports while validating
_INSERT_CHUNK = 2000  # rows per executemany, about


@dataclass(frozen=True)
class ItemError:
    """One bad field of one item; ``loc`` is its path inside the item, e.g.
    ``("services", 0, "pricing", "amount")``."""

    loc: tuple[str | int, ...]
    message: str
    code: str

    @property
    def field(self) -> str:
        return ".".join(str(part) for part in self.loc)

    def as_field_error(self, prefix: str = "") -> FieldError:
        """The API's {field, message, code}, its field under ``prefix`` (e.g.
        ``body.items.3``)."""
        path = ".".join(p for p in (prefix, self.field) if p)
        return FieldError(field=path, message=self.message, code=self.code)


@dataclass
class ItemResult:
    """What became of one item: its errors, or (once written) its new ids."""

    index: int
    errors: list[ItemError] = field(default_factory=list)
    vendor_id: str | None = None
    service_ids: list[str] = field(default_factory=list)
    item: VendorBatchItem | None = field(default=None, repr=False)
    # What the item does (or, on a dry run, would do): a vendor with its external_ref
    # already there is updated where it differs, and left alone where it does not.
    outcome: Outcome | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    results: list[ItemResult]
    written: bool  # False on a dry run, and when all-or-nothing met an invalid item

    @property
    def valid(self) -> list[ItemResult]:
        return [r for r in self.results if r.ok]

    @property
    def failed(self) -> list[ItemResult]:
        return [r for r in self.results if not r.ok]

    @property
    def vendors(self) -> int:
        """Valid vendors: written, when ``written``; else that would have been."""
        return len(self.valid)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.ok and r.outcome == outcome)

    @property
    def services(self) -> int:
        return sum(len(r.item.services) for r in self.results if r.item is not None and r.ok)

    def field_errors(self, prefix: str = "") -> list[FieldError]:
        """Every error as the API names it: ``{prefix}.{index}.{path in the item}``."""
        return [
            error.as_field_error(f"{prefix}.{result.index}" if prefix else str(result.index))
            for result in self.results
            for error in result.errors
        ]


def import_vendors(
    *,
    session: Session,
    principal: Principal,
    items: Sequence[Mapping[str, Any] | VendorBatchItem],
    dry_run: bool = False,
    skip_invalid: bool = False,
    prior_errors: Mapping[int, Sequence[ItemError]] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate every item, then insert the vendors and services (flushed, not committed).

    Items are raw mappings (validated here through VendorBatchItem) or VendorBatchItem
    objects already validated by the caller; both then meet the taxonomy and the
    one-service-per-task-type rule. All or nothing by default: one invalid item and nothing
    is written. ``skip_invalid`` writes the valid items anyway; ``dry_run`` writes nothing.
    ``prior_errors`` are errors the caller found itself (a file parser's, say): those items
    are reported with them and never written. The owner is the caller's partner, as for
    ``POST /v1/vendors``.
    """
    require_role(principal, Role.admin, Role.partner, action="create vendors")
    with gc_paused():
        results = _validate(session, items, prior_errors or {}, progress)
        _refuse_repeated_refs(results)
        existing = _existing(session, principal.partner_id, results)
        offered = _services_of(session, [vendor.id for vendor in existing.values()])
        write = not dry_run and (skip_invalid or all(r.ok for r in results))
        fresh = []
        for result in results:
            if not result.ok:
                continue
            assert result.item is not None
            vendor = existing.get(result.item.vendor.external_ref or "")
            if vendor is None:
                result.outcome = "created"
                fresh.append(result)
            else:
                result.vendor_id = vendor.id
                current = offered.get(vendor.id, {})
                result.outcome = _refresh(session, vendor, current, result, write=write)
        if write:
            # The updates of every existing vendor in one flush: the unit of work sends
            # those that change the same columns as one executemany.
            session.flush()
            _insert(session, principal.partner_id, fresh, progress)
    return ImportReport(results=results, written=write)


def _refuse_repeated_refs(results: Sequence[ItemResult]) -> None:
    first: dict[str, int] = {}
    for result in results:
        ref = result.item.vendor.external_ref if result.item is not None else None
        if ref is None:
            continue
        if ref in first:
            result.errors.append(
                ItemError(
                    ("vendor", "external_ref"),
                    f"repeats items.{first[ref]}: one reference names one vendor",
                    "duplicate",
                )
            )
            result.item = None
        else:
            first[ref] = result.index


def _existing(
    session: Session, partner_id: str | None, results: Sequence[ItemResult]
) -> dict[str, Vendor]:
    refs = [
        r.item.vendor.external_ref
        for r in results
        if r.item is not None and r.item.vendor.external_ref is not None
    ]
    return vendors.by_external_ref(session=session, partner_id=partner_id, refs=refs)


def _services_of(session: Session, vendor_ids: Sequence[str]) -> dict[str, dict[str, Service]]:
    """The services of these vendors by vendor and task type, read in one query per 500
    vendors: one query per vendor made a batch sent again cost a query per item."""
    found: dict[str, dict[str, Service]] = {}
    unique = sorted(set(vendor_ids))
    for start in range(0, len(unique), 500):  # below every driver's parameter limit
        rows = session.exec(
            select(Service).where(col(Service.vendor_id).in_(unique[start : start + 500]))
        ).all()
        for service in rows:
            found.setdefault(service.vendor_id, {})[service.task_type] = service
    return found


def _refresh(
    session: Session,
    vendor: Vendor,
    current: Mapping[str, Service],
    result: ItemResult,
    *,
    write: bool,
) -> Outcome:
    """Bring an existing vendor and its services (``current``, by task type) to what the
    item says; a service is matched by its task type, and services the item does not name
    are left as they are. Changes are left to the caller's flush; new services are added
    to the session."""
    assert result.item is not None
    changed = False
    for name, value in result.item.vendor.model_dump(mode="json").items():
        if getattr(vendor, name) != value:
            changed = True
            if write:
                setattr(vendor, name, value)
    now = utcnow()
    for data in result.item.services:
        service = current.get(data.task_type)
        wanted = _service_row(service.id if service else new_id("svc"), vendor.id, data)
        result.service_ids.append(wanted["id"])
        if service is None:
            changed = True
            if write:
                session.add(Service(**wanted, created_at=now, updated_at=now))
            continue
        differs = {k: v for k, v in wanted.items() if getattr(service, k) != v}
        if differs:
            changed = True
            if write:
                for name, value in differs.items():
                    setattr(service, name, value)
                service.updated_at = now
                session.add(service)
    if changed and write:
        vendor.updated_at = now
        session.add(vendor)
    return "updated" if changed else "unchanged"


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector off for a bulk load. Each of the tens of thousands
    of objects a load keeps alive makes every full collection longer, and collections come
    every few hundred allocations: it doubled the time of a 20,000-service import.
    Reference counting still frees everything the load does not keep. The collector is
    turned back on only if it was on, so nested or concurrent loads cannot leave it off."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def create_batch(
    *, session: Session, principal: Principal, batch: VendorBatch
) -> VendorBatchResult:
    """``POST /v1/vendors/batch``: all or nothing, a 422 naming ``body.items.N...`` fields.
    An item whose ``vendor.external_ref`` the caller's vendors already use updates that
    vendor."""
    report = import_vendors(
        session=session, principal=principal, items=batch.items, dry_run=batch.dry_run
    )
    if report.failed:
        errors = report.field_errors("body.items")
        count = len(errors)
        raise Invalid(
            f"{count} field{'s are' if count != 1 else ' is'} invalid in {len(report.failed)} "
            f"of {len(report.results)} items; nothing was written.",
            errors=errors,
        )
    return VendorBatchResult(
        dry_run=batch.dry_run,
        vendors=report.count("created"),
        updated=report.count("updated"),
        unchanged=report.count("unchanged"),
        services=report.services,
        data=[
            VendorBatchEntry(id=r.vendor_id, service_ids=r.service_ids)
            for r in report.results
            if r.vendor_id is not None
        ],
    )


def _validate(
    session: Session,
    items: Sequence[Mapping[str, Any] | VendorBatchItem],
    prior_errors: Mapping[int, Sequence[ItemError]],
    progress: Progress | None,
) -> list[ItemResult]:
    known = frozenset(session.exec(select(TaskType.key)).all())
    listing = ", ".join(sorted(known))
    results = []
    for index, raw in enumerate(items):
        result = ItemResult(index=index, errors=list(prior_errors.get(index, ())))
        item: VendorBatchItem | None
        if isinstance(raw, VendorBatchItem):
            item = raw
        else:
            try:
                item = VendorBatchItem.model_validate(raw)
            except ValidationError as exc:
                item = None
                result.errors.extend(_pydantic_errors(exc))
        if item is not None:
            result.errors.extend(
                _task_type_errors([s.task_type for s in item.services], known, listing)
            )
            if result.ok:
                result.item = item
        else:  # still check the task types, so one pass reports every error
            reported = {e.loc for e in result.errors}
            task_types = [
                _raw_task_type(service, ("services", position, "task_type"), reported)
                for position, service in enumerate(_raw_services(raw))
            ]
            result.errors.extend(_task_type_errors(task_types, known, listing))
        results.append(result)
        if progress is not None and ((index + 1) % _VALIDATE_CHUNK == 0 or index + 1 == len(items)):
            progress("validate", index + 1, len(items))
    return results


def _pydantic_errors(exc: ValidationError) -> list[ItemError]:
    return [
        ItemError(
            loc=tuple(error["loc"]),
            message=str(error["msg"]).removeprefix("Value error, "),
            code=str(error["type"]),
        )
        for error in exc.errors(include_url=False)
    ]


def _task_type_errors(
    task_types: Sequence[str | None], known: frozenset[str], listing: str
) -> list[ItemError]:
    """The rules the request models cannot check: as POST /v1/vendors/{id}/services, an
    unknown task type names the field and the known keys; a repeat is refused (it would be a
    409 there, but here both services arrive together, so it is the item that is invalid).
    None stands for a task type the request model has already refused."""
    errors = []
    first: dict[str, int] = {}
    for position, task_type in enumerate(task_types):
        if task_type is None:
            continue
        loc = ("services", position, "task_type")
        if task_type not in known:
            errors.append(ItemError(loc, f"must be one of: {listing}", "enum"))
        elif task_type in first:
            errors.append(
                ItemError(
                    loc,
                    f"repeats services.{first[task_type]}: a vendor offers each task type once",
                    "duplicate",
                )
            )
        else:
            first[task_type] = position
    return errors


def _raw_services(raw: Any) -> list[Any]:
    services = raw.get("services") if isinstance(raw, Mapping) else None
    return services if isinstance(services, list) else []


def _raw_task_type(service: Any, loc: tuple[str | int, ...], reported: set[Any]) -> str | None:
    """A raw service's task type as the request model would take it, or None when it is not
    a string or the model already reported it."""
    value = service.get("task_type") if isinstance(service, Mapping) else None
    if not isinstance(value, str) or loc in reported:
        return None
    return value.strip()


def _service_row(service_id: str, vendor_id: str, data: ServiceCreate) -> dict[str, Any]:
    return {"id": service_id, "vendor_id": vendor_id, **service_columns(data)}


def _insert(
    session: Session,
    partner_id: str | None,
    results: Sequence[ItemResult],
    progress: Progress | None,
) -> None:
    """Vendors, then their services, a few thousand rows per executemany."""
    vendor_id, service_id = IdSequence("ven"), IdSequence("svc")
    now = utcnow()
    vendor_constants = {"partner_id": partner_id, "created_at": now, "updated_at": now}
    service_constants = {"created_at": now, "updated_at": now}
    start = 0
    while start < len(results):
        vendor_rows: list[dict[str, Any]] = []
        service_rows: list[dict[str, Any]] = []
        stop = start
        while stop < len(results) and len(vendor_rows) + len(service_rows) < _INSERT_CHUNK:
            result = results[stop]
            assert result.item is not None
            result.vendor_id = vendor_id()
            # As api/vendors/service.py create() builds a vendor.
            vendor_rows.append(
                {"id": result.vendor_id, **result.item.vendor.model_dump(mode="json")}
            )
            for data in result.item.services:
                result.service_ids.append(service_id())
                service_rows.append(_service_row(result.service_ids[-1], result.vendor_id, data))
            stop += 1
        _executemany(session, Vendor.__table__, vendor_rows, vendor_constants)  # type: ignore[attr-defined]
        if service_rows:
            _executemany(session, Service.__table__, service_rows, service_constants)  # type: ignore[attr-defined]
        if progress is not None:
            progress("insert", stop, len(results))
        start = stop


def _executemany(
    session: Session, table: Table, rows: list[dict[str, Any]], constants: dict[str, Any]
) -> None:
    """``INSERT INTO table`` every row (all with the same keys) plus ``constants``, in one
    driver executemany on the session's connection and transaction.

    Core's ``session.execute(insert(table), rows)`` does the same, but it builds and
    processes every parameter of every row in Python, and that took nearly as long as SQLite
    took to insert them and run the change-log trigger. Here each column's bind processor is
    still SQLAlchemy's own (JSON, UTC timestamps, booleans come out exactly as through the
    ORM), but it runs only for the columns that vary, and the constants are processed once.
    Columns in neither take their scalar default, as they would in a Core insert.
    """
    connection = session.connection()
    dialect = connection.dialect
    constants = dict(constants)
    for column in table.columns:
        if column.key not in rows[0] and column.key not in constants:
            default = column.default
            if default is None or not default.is_scalar:
                raise ValueError(f"{table.name}.{column.key} needs a value")
            constants[column.key] = default.arg  # type: ignore[attr-defined]
    processor = {
        column.key: column.type.dialect_impl(dialect).bind_processor(dialect)
        for column in table.columns
    }
    fixed = {
        key: process(value) if (process := processor[key]) else value
        for key, value in constants.items()
    }
    varying = [(key, processor[key]) for key in rows[0]]
    parameters: list[Any] = []
    for row in rows:
        values = {key: process(row[key]) if process else row[key] for key, process in varying}
        values.update(fixed)
        parameters.append(values)
    compiled = insert(table).compile(dialect=dialect, column_keys=list(parameters[0]))
    if dialect.positional:  # SQLite's "?" placeholders take tuples in the statement's order
        order = compiled.positiontup or []
        parameters = [tuple(values[key] for key in order) for values in parameters]
    connection.exec_driver_sql(compiled.string, parameters)
