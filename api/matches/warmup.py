"""The offer index built at start-up, in the background, so no user waits for a first build.

Until it is done, `/readyz` answers 503 with status `warming` (a load balancer sends the
worker nothing yet) while `/healthz` stays 200 (the process is alive). A warm-up that fails
(the database away, say) ends too: the index then builds each type on its first match, as
it would without a warm-up, and readiness says what is wrong with the database.
"""

import logging
import threading

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from api.matches.index import OfferIndex
from api.services.models import Service

log = logging.getLogger("offload.warmup")


class Warmup:
    def __init__(self, *, index: OfferIndex, engine: Engine) -> None:
        self.index = index
        self.engine = engine
        self.done = threading.Event()
        self.done.set()  # nothing to wait for until started
        self.types_built = 0

    def start(self) -> None:
        self.done.clear()
        threading.Thread(target=self._run, name="offload-warmup", daemon=True).start()

    def _run(self) -> None:
        try:
            with Session(self.engine) as session:
                offered = session.execute(
                    select(col(Service.task_type)).where(col(Service.active)).distinct()
                )
                for task_type in offered.scalars().all():
                    self.index.snapshot(session=session, task_type=task_type)
                    self.types_built += 1
        except Exception:
            log.exception("warming the offer index failed; types build on first use")
        finally:
            self.done.set()

    def wait(self, timeout: float) -> bool:
        """Whether the warm-up is done, waiting up to ``timeout`` seconds for it."""
        return self.done.wait(timeout)
