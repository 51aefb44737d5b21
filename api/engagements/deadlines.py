"""When the next unanswered proposal falls due, known without asking on every request.

A proposal reserves capacity on its service, and its expiry or answer releases it, so the
set of unanswered proposals can grow only when the offer change log moves on (every write
to a service row bumps it; api/matches/changes.py). So the earliest deadline read at one
position of the log is a lower bound on the true one for as long as the log stays there:
a match path that reads the position anyway asks the database for the deadline only after
the log has moved, and sweeps only once the deadline has passed.
"""

import threading
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from api.engagements.models import Engagement, EngagementStatus
from api.matches.changes import Position


def next_deadline(*, session: Session) -> datetime | None:
    """The earliest ``expires_at`` of an unanswered proposal; None if there is none."""
    query = select(func.min(col(Engagement.expires_at))).where(
        col(Engagement.status) == EngagementStatus.proposed
    )
    found: datetime | None = session.execute(query).scalar_one()
    return found


class DeadlineWatch:
    """The earliest deadline as of the last change-log position this worker looked at."""

    def __init__(self) -> None:
        self._seen: tuple[Position, datetime | None] | None = None
        self._lock = threading.Lock()

    def due(self, *, session: Session, position: Position, now: datetime) -> bool:
        """Whether a proposal may be overdue at ``now``, ``session`` seeing ``position``."""
        with self._lock:
            seen = self._seen
            if seen is None or seen[0] != position:
                seen = self._seen = (position, next_deadline(session=session))
        deadline = seen[1]
        return deadline is not None and deadline <= now
