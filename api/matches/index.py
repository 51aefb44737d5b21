"""The in-memory offer index: each task type's offers as NumPy columns, kept exactly fresh.

Each worker process holds one index. Before every match it reads the change log's version
and the database's identity (one query, or none when the caller read them with its task).
If anything changed since it last looked, it reloads just the services of the vendors that
changed, in one query, and patches them in; a service that left a type, or a gap in the
log, makes it rebuild that type instead. So a match reflects every write committed before
it began, whichever worker made the write. Another database identity (the database was
recreated or restored) empties the index.

Locks around state, not work: the lock is held to refresh and to take the current offers
of a type, never while they are ranked. The offers a caller gets are never changed
afterwards: a patch is applied to a copy (copy-on-write), which then replaces the entry, so
any number of matches rank at once on the offers they took while the index moves on.
"""

import threading
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

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

    def patched(self, vendors: Sequence[str], fresh: list[Offer]) -> "_TypeEntry | None":
        """A copy with the changed vendors' current offers applied, this entry untouched
        (matches may be ranking on its offers); None if one was removed (rebuild)."""
        current = {offer.service_id: offer for offer in fresh}
        for vendor in vendors:
            if any(sid not in current for sid in self.by_vendor.get(vendor, ())):
                return None
        if not current:
            return self
        copy = _TypeEntry(
            self.offers.snapshot(),
            dict(self.positions),
            defaultdict(list, {vendor: list(ids) for vendor, ids in self.by_vendor.items()}),
        )
        appended = []
        for service_id, offer in current.items():
            position = copy.positions.get(service_id)
            if position is None:
                appended.append(offer)
            else:
                copy.offers.replace(position, offer)
        copy.add(appended)
        return copy


class Snapshot(NamedTuple):
    """A type's offers as of one change-log version of one database; never changed."""

    offers: OfferSet
    database_id: str
    version: int


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
    def offers(
        self, *, session: Session, task_type: str, position: changes.Position | None = None
    ) -> Iterator[OfferSet]:
        """The fresh offers of ``task_type``, for the caller to rank; the index is not held
        meanwhile, and what the caller got does not change under it."""
        started = time.perf_counter()
        taken = self.snapshot(session=session, task_type=task_type, position=position)
        ranking_from = time.perf_counter()
        yield taken.offers
        self.observe(
            task_type,
            taken,
            refresh=ranking_from - started,
            ranking=time.perf_counter() - ranking_from,
        )

    def observe(self, task_type: str, taken: Snapshot, *, refresh: float, ranking: float) -> None:
        """Record a match's time in bringing the index up to date and in ranking."""
        if self.metrics is not None:
            self.metrics.match_phase.labels("index_refresh").observe(refresh)
            self.metrics.match_phase.labels("ranking").observe(ranking)
            self.metrics.index_offers.labels(task_type).set(taken.offers.n)

    def snapshot(
        self, *, session: Session, task_type: str, position: changes.Position | None = None
    ) -> Snapshot:
        """The offers of ``task_type`` as of ``position`` (the database's identity and
        change-log version, read in the caller's snapshot of the database; read here when
        not given), refreshed first if the index is behind it."""
        with self._lock:
            position = position or changes.current_position(session=session)
            behind = position.database_id == self._database_id and position.version < self._version
            if behind and task_type not in self._entries:
                # A type built from the caller's older view would be labelled with the
                # index's newer version and miss what changed in between: build it from
                # the database as it is now.
                with Session(session.get_bind()) as own:
                    return self._take(own, changes.current_position(session=own), task_type)
            return self._take(session, position, task_type)

    def _take(self, session: Session, position: changes.Position, task_type: str) -> Snapshot:
        self._refresh(session, position)
        entry = self._entries.get(task_type)
        if entry is None:
            entry = self._build(session, task_type)
        return Snapshot(entry.offers, position.database_id, self._version)

    def _build(self, session: Session, task_type: str) -> _TypeEntry:
        loaded = list(adapters.load_offers(session=session, task_type=task_type))
        entry = self._entries[task_type] = _TypeEntry.build(loaded)
        self.full_builds += 1
        heap.settle()
        if self.metrics is not None:
            self.metrics.index_builds.labels(task_type).inc()
        return entry

    def _refresh(self, session: Session, position: changes.Position) -> None:
        database_id, version = position
        if database_id != self._database_id:
            # Versions of another database say nothing about what this index holds.
            self._entries.clear()
            self._version = -1
            self._database_id = database_id
        if version <= self._version:
            # The caller's snapshot of the database may be a moment older than what another
            # thread already brought the index up to; newer offers are as good for it.
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
                patched = entry.patched(vendors, fresh.get(task_type, []))
                if patched is None:
                    del self._entries[task_type]
                    continue
                self._entries[task_type] = patched
                self.patches += 1
                if self.metrics is not None:
                    self.metrics.index_patches.inc()
        self._version = version
