"""The background worker: the one home of work no request waits for.

Each tick runs the jobs in order: expire overdue proposals (announcing each), fan new
events out into webhook deliveries, and send the deliveries that are due. ``offload
worker`` runs it alone; ``offload serve`` and ``offload demo`` run one in each server
process (a thread), unless told ``--no-worker``. Any number may run against one database:
expiry and fan-out are single transactions, and each delivery is claimed by one worker
(api/webhooks/delivery.py).
"""

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from api.db import make_engine, open_session, utcnow
from api.engagements import service as engagements
from api.settings import Settings
from api.webhooks import delivery, signing, urls

log = logging.getLogger("offload.worker")

SEND_BATCH = 16  # deliveries claimed, and sent in parallel, per tick


@dataclass(frozen=True)
class Tick:
    expired: int
    fanned_out: int
    sent: int

    @property
    def busy(self) -> bool:
        return bool(self.expired or self.fanned_out or self.sent)


class Worker:
    def __init__(
        self,
        settings: Settings,
        *,
        engine: Engine | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.settings = settings
        self.engine = engine or make_engine(settings)
        self._owns_engine = engine is None
        self.clock = clock
        self.client = urls.client(allow_private=settings.webhook_allow_private)
        self.pool = ThreadPoolExecutor(SEND_BATCH, thread_name_prefix="offload-webhook")

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        self.client.close()
        if self._owns_engine:
            self.engine.dispose()

    def _needed(self, probe: Callable[..., bool], **kwargs: object) -> bool:
        """Look first, in a read: an idle worker takes no write lock (SQLite has one)."""
        for session in open_session(self.engine, write=False):
            needed = probe(session=session, **kwargs)
        return needed

    def _write(self, job: Callable[..., int], **kwargs: object) -> int:
        for session in open_session(self.engine, write=True):
            done = job(session=session, now=self.clock(), **kwargs)
            session.commit()
        return done

    def expire(self) -> int:
        if not self._needed(engagements.any_overdue, now=self.clock()):
            return 0
        return self._write(engagements.expire_overdue)

    def fan_out(self) -> int:
        if not self._needed(delivery.fan_out_pending):
            return 0
        return self._write(delivery.fan_out)

    def deliver(self) -> int:
        """Claim what is due and send it; returns how many attempts were made."""
        if not self._needed(delivery.any_due, now=self.clock()):
            return 0
        for session in open_session(self.engine, write=True):
            claims = delivery.claim_due(
                session=session, settings=self.settings, now=self.clock(), limit=SEND_BATCH
            )
            session.commit()
        return sum(self.pool.map(self._attempt, claims))

    def _attempt(self, claim: delivery.Claim) -> int:
        started = self.clock()
        try:
            for session in open_session(self.engine, write=False):
                request = delivery.prepare(
                    session=session, settings=self.settings, claim=claim, now=started
                )
        except signing.SecretUnreadable:
            # OFFLOAD_SECRET_KEY changed under the stored secret: nothing can be signed, so
            # the attempt fails (and is retried, then given up) like any other.
            outcome = delivery.Outcome(
                status_code=None,
                error="the endpoint's signing secret does not open with OFFLOAD_SECRET_KEY; "
                "rotate the secret",
                duration_ms=0,
            )
        else:
            if request is None:
                return 0
            outcome = delivery.send(self.client, request, timestamp=int(started.timestamp()))
        for session in open_session(self.engine, write=True):
            delivery.record(
                session=session,
                settings=self.settings,
                claim=claim,
                outcome=outcome,
                started_at=started,
                now=self.clock(),
            )
            session.commit()
        return 1

    def tick(self) -> Tick:
        return Tick(expired=self.expire(), fanned_out=self.fan_out(), sent=self.deliver())

    def run(self, stop: threading.Event) -> None:
        """Tick until ``stop`` is set; idle, wait the interval between ticks. A failing tick
        (the database away, say) is logged and tried again after the interval."""
        while not stop.is_set():
            try:
                busy = self.tick().busy
            except Exception:
                log.exception("worker tick failed; trying again")
                busy = False
            if not busy:
                stop.wait(self.settings.worker_interval_seconds)


class Background:
    """One worker on a daemon thread, for a server process."""

    def __init__(self, settings: Settings) -> None:
        self.stop = threading.Event()
        self.worker = Worker(settings)
        self.thread = threading.Thread(
            target=self.worker.run, args=(self.stop,), name="offload-worker", daemon=True
        )

    def start(self) -> None:
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=15)
        self.worker.close()
