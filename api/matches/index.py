"""The in-memory offer index: each task type's offers as NumPy columns, kept exactly fresh.

Each worker process holds one index. Before every match it reads the change log's version
and the database's identity (one query). If anything changed since it last looked, it reloads just the
services of the vendors that changed, in one query, and patches them in place; a service
that left a type, or a gap in the log, makes it rebuild that type instead. So a match
reflects every write committed before it began, whichever worker made the write. Another
database identity (the database was recreated or restored) empties the index.
"""

import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlmodel import Session

from api import heap

if TYPE_CHECKING:
    from api.metrics import Metrics
from api.matches import adapters, changes
from matching import Offer, OfferSet


@dataclass
class _TypeEntry:
    offers: OfferSet
    positions: dict[str, int] = field(default_factory=dict)  # service id -> position
    by_vendor: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, offers: list[Offer]) -> "_TypeEntry":
        entry = cls(OfferSet())
        entry.add(offers)
        return entry

    def add(self, offers: list[Offer]) -> None:
        first = self.offers.n
        self.offers.extend(offers)
        for position, offer in enumerate(offers, start=first):
            self.positions[offer.service_id] = position
            self.by_vendor[offer.vendor_id].append(offer.service_id)

    def patch(self, vendors: list[str], fresh: list[Offer]) -> bool:
        """Apply the changed vendors' current offers; False if one was removed (rebuild)."""
        current = {offer.service_id: offer for offer in fresh}
        for vendor in vendors:
            if any(sid not in current for sid in self.by_vendor.get(vendor, ())):
                return False
        appended = []
        for service_id, offer in current.items():
            position = self.positions.get(service_id)
            if position is None:
                appended.append(offer)
            else:
                self.offers.replace(position, offer)
        self.add(appended)
        return True


class OfferIndex:
    """Task type -> offers, shared by the threads of one worker."""

    def __init__(self, *, metrics: "Metrics | None" = None) -> None:
        self.metrics = metrics
        self._entries: dict[str, _TypeEntry] = {}
        self._version = -1
        self._database_id: str | None = None
        self._lock = threading.Lock()
        self.full_builds = 0
        self.patches = 0

    @contextmanager
    def offers(self, *, session: Session, task_type: str) -> Iterator[OfferSet]:
        """The fresh offers of ``task_type``; held locked while the caller ranks them."""
        with self._lock:
            started = time.perf_counter()
            self._refresh(session)
            entry = self._entries.get(task_type)
            if entry is None:
                loaded = list(adapters.load_offers(session=session, task_type=task_type))
                entry = self._entries[task_type] = _TypeEntry.build(loaded)
                self.full_builds += 1
                heap.settle()
                if self.metrics is not None:
                    self.metrics.index_builds.labels(task_type).inc()
            ranking_from = time.perf_counter()
            yield entry.offers
            if self.metrics is not None:
                done = time.perf_counter()
                self.metrics.match_phase.labels("index_refresh").observe(ranking_from - started)
                self.metrics.match_phase.labels("ranking").observe(done - ranking_from)
                for name, held in self._entries.items():
                    self.metrics.index_offers.labels(name).set(held.offers.n)

    def _refresh(self, session: Session) -> None:
        database_id, version = changes.current_position(session=session)
        if database_id != self._database_id:
            # Versions of another database say nothing about what this index holds.
            self._entries.clear()
            self._version = -1
            self._database_id = database_id
        if version == self._version:
            return
        vendors = (
            changes.changed_vendors(session=session, since=self._version, until=version)
            if self._version >= 0
            else None
        )
        if vendors is None:
            self._entries.clear()
        elif self._entries and vendors:
            fresh: dict[str, list[Offer]] = defaultdict(list)
            for offer in adapters.load_offers(session=session, vendor_ids=vendors):
                fresh[offer.task_type].append(offer)
            for task_type, entry in list(self._entries.items()):
                if entry.patch(vendors, fresh.get(task_type, [])):
                    self.patches += 1
                    if self.metrics is not None:
                        self.metrics.index_patches.inc()
                else:
                    del self._entries[task_type]
        self._version = version

    def memory_bytes(self, task_type: str) -> int:
        entry = self._entries.get(task_type)
        return entry.offers.nbytes() if entry else 0
