"""Which database failures are the database being busy or away, rather than the request.

Such a failure says nothing about the request, so it is answered 503 with ``Retry-After``
(never 500), and some kinds are worth one immediate retry. Everything else a database
raises (a missing table, a broken constraint) stays the error it is.
"""

import sqlite3
from enum import Enum

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout


class Fault(Enum):
    # The connection died or the server is restarting; the transaction rolled back.
    DISCONNECTED = "disconnected"
    # Serialization failure or deadlock: the database rolled the transaction back on purpose.
    CONFLICT = "conflict"
    # No connection within the pool timeout, a lock not granted in time, too many clients.
    BUSY = "busy"
    # The connection died during COMMIT: the write may or may not have been saved.
    OUTCOME_UNKNOWN = "outcome-unknown"


class OutcomeUnknown(Exception):
    """COMMIT did not come back: the transaction may have been saved or not."""


# SQLSTATE classes and codes (PostgreSQL appendix A).
_PG_DISCONNECTED_CLASSES = ("08",)  # connection exception
_PG_DISCONNECTED = {"57P01", "57P02", "57P03"}  # admin shutdown, crash shutdown, starting up
_PG_CONFLICT = {"40001", "40P01"}  # serialization failure, deadlock detected
_PG_BUSY = {"53300", "55P03", "57014"}  # too many connections, lock not available, cancelled
_SQLITE_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


def classify(exc: BaseException) -> Fault | None:
    """The kind of database fault ``exc`` is, or None when it is not one."""
    if isinstance(exc, OutcomeUnknown):
        return Fault.OUTCOME_UNKNOWN
    if isinstance(exc, PoolTimeout):
        return Fault.BUSY
    if not isinstance(exc, DBAPIError):
        return None
    original = exc.orig
    if isinstance(original, sqlite3.Error):
        code = getattr(original, "sqlite_errorcode", None)
        return Fault.BUSY if code is not None and code & 0xFF in _SQLITE_BUSY else None
    state = getattr(original, "sqlstate", None)
    if state in _PG_CONFLICT:
        return Fault.CONFLICT
    if state in _PG_BUSY:
        return Fault.BUSY
    if exc.connection_invalidated or state in _PG_DISCONNECTED:
        return Fault.DISCONNECTED
    if state is not None and state.startswith(_PG_DISCONNECTED_CLASSES):
        return Fault.DISCONNECTED
    return None


def retryable(fault: Fault, *, read_only: bool) -> bool:
    """Whether running the whole request again is safe and worth it.

    The transaction of a failed attempt rolled back, so a second run starts from the same
    state, except when COMMIT itself was lost (the first run may have been saved). A busy
    database is not retried: that would add load exactly when there is too much.
    """
    if fault is Fault.BUSY:
        return False
    if fault is Fault.OUTCOME_UNKNOWN:
        return read_only
    return True


_DETAILS = {
    Fault.DISCONNECTED: "The connection to the database was lost; nothing was changed.",
    Fault.CONFLICT: "The request conflicted with concurrent ones; nothing was changed.",
    Fault.BUSY: "The database is too busy to serve this request now; nothing was changed.",
    Fault.OUTCOME_UNKNOWN: "The connection to the database was lost while saving: the change "
    "may or may not have been made. Check before retrying.",
}


def detail(fault: Fault) -> str:
    return _DETAILS[fault]
