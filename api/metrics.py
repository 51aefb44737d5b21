"""Prometheus metrics: what a partner's operations team asks first, in the standard format.

Labels carry route templates and status classes, never ids, so a series count stays bounded
whatever the traffic. With several worker processes (`offload serve --workers N`) the CLI
points `PROMETHEUS_MULTIPROC_DIR` at a fresh directory before the workers start; each then
writes its samples there and whichever worker answers `/metrics` adds them all up.
Figures read from the database at scrape time (engagements by state) are the same whichever
process reads them, so they are collected once, by the process that answers.
"""

import os
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

if TYPE_CHECKING:
    from api.admission import Admission

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

# Seconds: from a refusal (about 2 ms) to a slow batch write.
_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


class Metrics:
    """One app's instruments. Each app gets its own registry, so tests may build many apps
    in one process; in multi-process mode the samples go to files regardless."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "offload_http_requests",
            "HTTP requests answered, by route template and status class.",
            ["method", "route", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "offload_http_request_duration_seconds",
            "Time from the request's arrival to the end of its response.",
            ["method", "route", "status"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.match_phase = Histogram(
            "offload_match_duration_seconds",
            "Time a match spends bringing the offer index up to date, and ranking.",
            ["phase"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.index_builds = Counter(
            "offload_offer_index_builds",
            "Full builds of the offer index, by task type (patches are counted apart).",
            ["task_type"],
            registry=r,
        )
        self.index_patches = Counter(
            "offload_offer_index_patches", "Offer index patches (changed vendors only).", registry=r
        )
        self.index_offers = Gauge(
            "offload_offer_index_offers",
            "Offers held in this process's index, by task type.",
            ["task_type"],
            multiprocess_mode="liveall",
            registry=r,
        )

    def observe_request(
        self, *, method: str, route: str | None, status: int, seconds: float
    ) -> None:
        labels = (method, route or "(no route)", f"{status // 100}xx")
        self.requests.labels(*labels).inc()
        self.latency.labels(*labels).observe(seconds)

    def render(self, *, collectors: Iterable[Collector]) -> bytes:
        """The exposition: this process's registry (or every process's files) plus the
        figures collected at scrape time."""
        registry = CollectorRegistry()
        if (directory := multiprocess_dir()) is not None:
            multiprocess.MultiProcessCollector(registry, path=directory)
        else:
            for collector in list(self.registry._collector_to_names):
                registry.register(collector)
        for collector in collectors:
            registry.register(collector)
        return generate_latest(registry)


class ProcessFigures(Collector):
    """Gauges read at scrape time from this process and the database."""

    def __init__(
        self,
        *,
        started_at: float,
        engine: Engine,
        admission: "Admission",
        pool_checked_out: Callable[[], int],
    ) -> None:
        self.started_at = started_at
        self.engine = engine
        self.admission = admission
        self.pool_checked_out = pool_checked_out

    def collect(self) -> Iterable[Metric]:
        yield GaugeMetricFamily(
            "offload_uptime_seconds",
            "Seconds since the process started.",
            value=time.time() - self.started_at,
        )
        yield GaugeMetricFamily(
            "offload_db_pool_checked_out",
            "Database connections in use by this process.",
            value=self.pool_checked_out(),
        )
        yield GaugeMetricFamily(
            "offload_requests_waiting",
            "Requests queued for a database slot in this process.",
            value=self.admission.waiting,
        )
        refused = GaugeMetricFamily(
            "offload_requests_refused",
            "Requests refused (503) by this process's admission control since it started.",
            value=self.admission.refused,
        )
        yield refused
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    text("SELECT status, COUNT(*) FROM engagements GROUP BY status ORDER BY status")
                ).all()
        except SQLAlchemyError:  # a scrape must still answer when the database does not
            yield GaugeMetricFamily(
                "offload_database_up", "Whether the scrape could read the database.", value=0
            )
            return
        yield GaugeMetricFamily(
            "offload_database_up", "Whether the scrape could read the database.", value=1
        )
        states = GaugeMetricFamily("offload_engagements", "Engagements by state.", labels=["state"])
        for state, count in rows:
            states.add_metric([state], count)
        yield states
