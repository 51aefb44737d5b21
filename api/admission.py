"""Admission control: a request that would wait too long for a slot is refused at once.

A queue longer than the server can drain in time helps nobody: every request in it comes
back late, and the client has usually given up by then. So a request is queued only when
its expected wait is within the bound; otherwise it is refused before it costs anything,
and the client is told when to come back.

The expected wait is the queue ahead of it times the recent time a slot is held, divided
by the number of slots. Two rules, after CoDel (Nichols and Jacobson, 2012), keep a queue
from standing: when the queue has not drained for a tenth of the bound, the wait allowed
drops to a tenth of the bound (a burst may use the whole bound; sustained overload may
not); and when every slot has been held with none released for longer than the wait
allowed (a slow request, a stuck database), new requests are refused rather than queued
behind it. A request that waits longer than the bound anyway is refused then.
"""

import math
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import anyio
import anyio.to_thread

# Weight of the newest sample in the moving average of how long a slot is held.
_SMOOTHING = 0.1


class Overloaded(Exception):
    """No slot within the bound; come back after ``retry_after`` seconds."""

    def __init__(self, retry_after: int, *, waited: bool = False) -> None:
        super().__init__(f"overloaded; retry after {retry_after} s")
        self.retry_after = retry_after
        self.waited = waited  # refused after queueing for the whole bound, not at once


class Slots:
    """``size`` slots handed out first come, first served, within ``bound`` seconds."""

    def __init__(
        self, size: int, *, bound: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.size = size
        self.bound = bound
        self.target = bound / 10
        self._clock = clock
        self._free = size
        self._waiters: deque[anyio.Event] = deque()
        self._held_for = 0.0  # moving average, seconds
        self._drained_at = clock()  # last time nobody was waiting
        self._progress_at = clock()  # last time a slot was taken or given back
        self.refused = 0

    @property
    def waiting(self) -> int:
        return len(self._waiters)

    def _allowed_wait(self, now: float) -> float:
        standing = self._waiters and now - self._drained_at > self.target
        return self.target if standing else self.bound

    def expected_wait(self) -> float:
        return (len(self._waiters) + 1) * self._held_for / self.size

    @asynccontextmanager
    async def slot(self, *, patient: bool = False) -> AsyncIterator[None]:
        """Hold a slot; ``patient``: queue for it within the bound even when a newcomer
        would be refused at once (for a request already screened, see :meth:`screen`)."""
        await self._acquire(patient=patient)
        started = self._clock()
        try:
            yield
        finally:
            self._release(self._clock() - started)

    def screen(self) -> None:
        """Raise :class:`Overloaded` if a request arriving now would be refused at once."""
        if self._free and not self._waiters:
            return
        now = self._clock()
        allowed = self._allowed_wait(now)
        expected = self.expected_wait()
        stuck = not self._free and now - self._progress_at > allowed
        if expected > allowed or stuck:
            raise self._refusal(expected)

    async def _acquire(self, *, patient: bool) -> None:
        if self._free and not self._waiters:
            self._free -= 1
            self._progress_at = self._drained_at = self._clock()
            return
        if not patient:
            self.screen()
        expected = self.expected_wait()
        event = anyio.Event()
        self._waiters.append(event)
        try:
            with anyio.fail_after(self.bound):
                await event.wait()
        except TimeoutError:
            if event.is_set():  # handed over just as time ran out: it is ours
                return
            self._leave(event)
            raise self._refusal(expected, waited=True) from None
        except BaseException:  # cancelled: pass on a slot handed over meanwhile
            if event.is_set():
                self._release(None)
            else:
                self._leave(event)
            raise

    def _leave(self, event: anyio.Event) -> None:
        self._waiters.remove(event)
        if not self._waiters:
            self._drained_at = self._clock()

    def _refusal(self, expected: float, *, waited: bool = False) -> Overloaded:
        self.refused += 1
        return Overloaded(max(1, math.ceil(expected)), waited=waited)

    def _release(self, held_for: float | None) -> None:
        now = self._clock()
        if held_for is not None:
            self._held_for += _SMOOTHING * (held_for - self._held_for)
        self._progress_at = now
        if self._waiters:
            # Hand the slot straight to the next in line, so no newcomer can take it first.
            self._waiters.popleft().set()
            if not self._waiters:
                self._drained_at = now
        else:
            self._free += 1
            self._drained_at = now


class Admission:
    """The slots a request needs before it may use the database: one of the connection
    slots, and on SQLite, where the database takes one writer at a time, the writer's slot
    too (taken first, so writers queue for it without holding connection slots; but judged
    against both on arrival, so that a refusal is always at once)."""

    def __init__(
        self,
        *,
        connections: int,
        single_writer: bool,
        bound: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bound = bound
        self.connections = Slots(connections, bound=bound, clock=clock)
        self.writer = Slots(1, bound=bound, clock=clock) if single_writer else None

    @asynccontextmanager
    async def admit(self, *, write: bool) -> AsyncIterator[None]:
        if write and self.writer is not None:
            # Judge the connection slots before queueing for the writer's: a write they
            # would refuse is refused now, not after waiting its turn at the writer. Once
            # it has the writer's slot, it waits for a connection (within the bound).
            self.connections.screen()
            async with self.writer.slot(), self.connections.slot(patient=True):
                yield
        else:
            async with self.connections.slot():
                yield

    @property
    def refused(self) -> int:
        return self.connections.refused + (self.writer.refused if self.writer else 0)

    @property
    def waiting(self) -> int:
        return self.connections.waiting + (self.writer.waiting if self.writer else 0)


def size_thread_pool(slots: int) -> None:
    """Give the thread pool room for every admitted request plus the ungated operations
    routes, so a request never waits for a thread where admission control cannot see it."""
    limiter = anyio.to_thread.current_default_thread_limiter()
    limiter.total_tokens = max(limiter.total_tokens, slots + 8)
