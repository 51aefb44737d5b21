"""Admission control in process, on a clock the test turns: the order in which a write on
SQLite takes its two slots must not turn a refusal at once into a refusal after waiting."""

import anyio
import pytest

from api.admission import Admission, Overloaded


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def _hold(admission: Admission, write: bool, entered: anyio.Event, leave: anyio.Event):
    async with admission.admit(write=write):
        entered.set()
        await leave.wait()


def _teach_slow_connections(admission: Admission, clock: Clock) -> None:
    """One read that held its connection for 20 s: the moving average of a slot's hold
    time becomes 2 s, so any queue at all on one connection means a wait over the 1 s
    bound."""

    async def slow_read() -> None:
        async with admission.admit(write=False):
            clock.now += 20

    anyio.run(slow_read)


def test_a_write_the_connections_would_refuse_is_refused_before_queueing_for_the_writer():
    clock = Clock()
    admission = Admission(connections=1, single_writer=True, bound=1.0, clock=clock)
    _teach_slow_connections(admission, clock)
    outcome: dict[str, object] = {}

    async def scenario() -> None:
        entered, leave = anyio.Event(), anyio.Event()
        async with anyio.create_task_group() as tg:
            tg.start_soon(_hold, admission, True, entered, leave)
            await entered.wait()  # a write holds the writer's slot and the only connection
            try:
                async with admission.admit(write=True):
                    outcome["admitted"] = True
            except Overloaded as refused:
                outcome["refused"] = refused
            outcome["writer_still_held"] = not leave.is_set()
            leave.set()

    anyio.run(scenario)
    refused = outcome.get("refused")
    assert isinstance(refused, Overloaded), outcome
    # Refused on arrival, not after queueing behind the writer for the whole bound.
    assert refused.waited is False
    assert refused.retry_after >= 1
    assert outcome["writer_still_held"] is True
    assert admission.waiting == 0


def test_a_write_that_has_the_writers_slot_waits_for_a_connection_within_the_bound():
    clock = Clock()
    admission = Admission(connections=1, single_writer=True, bound=1.0, clock=clock)
    order: list[str] = []

    async def scenario() -> None:
        first_in, first_out = anyio.Event(), anyio.Event()
        read_in, read_out = anyio.Event(), anyio.Event()
        async with anyio.create_task_group() as tg:
            tg.start_soon(_hold, admission, True, first_in, first_out)
            await first_in.wait()  # a write holds the writer's slot and the only connection
            tg.start_soon(_hold, admission, False, read_in, read_out)  # a read queues

            async def write() -> None:
                try:
                    async with admission.admit(write=True):
                        order.append("write")
                except Overloaded:
                    order.append("write refused")

            tg.start_soon(write)  # a second write queues for the writer's slot
            await anyio.sleep(0.05)
            clock.now += 20  # the first write held on for 20 s
            first_out.set()  # the read gets the connection, the second write the writer
            await read_in.wait()
            await anyio.sleep(0.05)
            # Judged by now, the connection's queue means a 2 s wait, over the 1 s bound;
            # but the write was judged when it arrived, and keeps its turn.
            order.append("read done")
            read_out.set()

    anyio.run(scenario)
    assert order == ["read done", "write"]


@pytest.mark.parametrize("write", [False, True])
def test_a_request_arriving_while_the_slots_are_stuck_is_refused_at_once(write):
    clock = Clock()
    admission = Admission(connections=1, single_writer=True, bound=1.0, clock=clock)

    async def scenario() -> Overloaded | None:
        entered, leave = anyio.Event(), anyio.Event()
        async with anyio.create_task_group() as tg:
            tg.start_soon(_hold, admission, False, entered, leave)
            await entered.wait()
            clock.now += 5  # held with nothing given back for longer than the bound
            try:
                async with admission.admit(write=write):
                    return None
            except Overloaded as refused:
                return refused
            finally:
                leave.set()

    refused = anyio.run(scenario)
    assert isinstance(refused, Overloaded)
    assert refused.waited is False
