"""The time, from one place, so tests can move it."""

from collections.abc import Callable
from datetime import datetime

from fastapi import Request

from api.db import utcnow

Clock = Callable[[], datetime]


def request_clock(request: Request) -> Clock:
    clock: Clock = getattr(request.app.state, "clock", utcnow)
    return clock
