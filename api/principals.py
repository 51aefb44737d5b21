"""Callers remembered for a few seconds, so a busy key is not looked up on every request.

A key's row is read at most once per ``OFFLOAD_PRINCIPAL_CACHE_SECONDS`` in each worker.
Expiry is checked on every request (the expiry time is remembered with the caller). A
revocation, or the deletion of what a key acts for, takes effect at once in the worker that
made it (a session whose flush revoked or deleted a key, or deleted a business or vendor, is
marked, and once it commits every remembered caller there is forgotten) and within the
window in the others. Entries are keyed by the secret's hash, never the secret, and are few and small:
at most ``MAX_ENTRIES``, the oldest forgotten first.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from api.auth import LAST_USED_RESOLUTION, Principal, hash_secret
from api.businesses.models import Business
from api.keys.models import ApiKey
from api.vendors.models import Vendor

MAX_ENTRIES = 10_000
_CHANGED = "offload.callers_changed"  # a session.info entry
# Deleting one of these ends the keys that act for it (its keys go with it).
_CALLERS = (ApiKey, Business, Vendor)


@event.listens_for(Session, "after_flush")
def _note_changed_callers(session: Session, _flush: UOWTransaction) -> None:
    """Mark a session whose flush revoked or deleted a key or deleted what keys act for,
    whichever route or service did it (the lists still hold what this flush wrote)."""
    if any(isinstance(gone, _CALLERS) for gone in session.deleted) or any(
        isinstance(changed, ApiKey) and inspect(changed).attrs.revoked_at.history.has_changes()
        for changed in session.dirty
    ):
        session.info[_CHANGED] = True


def callers_changed(session: Session) -> bool:
    """Whether ``session`` revoked a key or deleted what keys act for (once committed, the
    cache must forget what it remembers)."""
    return bool(session.info.get(_CHANGED))


@dataclass(frozen=True)
class _Entry:
    principal: Principal
    read_at: datetime  # when the key's row was last read
    used_at: datetime  # when its last use was recorded, at the latest


class PrincipalCache:
    def __init__(self, *, seconds: float) -> None:
        self.window = timedelta(seconds=seconds)
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, token: str, *, now: datetime) -> tuple[Principal, bool] | None:
        """The caller behind ``token`` if read within the window (and the key has not
        expired since), and whether its last use is due to be recorded again."""
        if not self.window:
            return None
        digest = hash_secret(token)
        with self._lock:
            entry = self._entries.get(digest)
            if entry is None:
                return None
            expires_at = entry.principal.expires_at
            fresh = entry.read_at <= now < entry.read_at + self.window
            if not fresh or (expires_at is not None and expires_at <= now):
                del self._entries[digest]
                return None
            stale_use = entry.used_at <= now - LAST_USED_RESOLUTION
            if stale_use:
                self._entries[digest] = _Entry(entry.principal, entry.read_at, now)
            return entry.principal, stale_use

    def put(self, token: str, principal: Principal, *, now: datetime) -> None:
        """Remember a caller just read from its key's row (whose last use is recorded)."""
        if not self.window or principal.key_id is None:
            return
        with self._lock:
            self._entries[hash_secret(token)] = _Entry(principal, now, now)
            while len(self._entries) > MAX_ENTRIES:
                self._entries.popitem(last=False)

    def forget_all(self) -> None:
        with self._lock:
            self._entries.clear()
