"""Keep the garbage collector's full passes short, so they do not stall the event loop.

A full collection walks every container object alive and holds the GIL while it does.
After import the service has about 140,000 of them (FastAPI, SQLAlchemy, Pydantic), and an
offer index adds a few per offer: on a busy two-core machine such a pass took 60-350 ms,
during which the event loop answers nothing, not even the 503s that admission control
means to send in a few milliseconds. Objects that live as long as the process need no
walking: once they are built, ``settle`` collects what is garbage at that moment and
freezes the rest (``gc.freeze``), so later passes walk only what was made since.

Frozen objects are still freed by reference counting when dropped (an index replaced by a
rebuild goes as soon as the last match using it ends); only a reference cycle among them
would outlive its use, which is why the collection comes first.
"""

import gc


def settle() -> None:
    """Call after building something that lives as long as the process."""
    gc.collect()
    gc.freeze()
