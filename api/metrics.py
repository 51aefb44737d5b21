"""Prometheus metrics: what a partner's operations team asks first, in the standard format.

Labels carry route templates and status classes, never ids, so a series count stays bounded
whatever the traffic. With several worker processes (`offload serve --workers N`) the CLI
points `PROMETHEUS_MULTIPROC_DIR` at a fresh directory before the workers start; each then
writes its samples there and whichever worker answers `/metrics` adds them all up.
Figures read from the database at scrape time (engagements by state, the webhook queue) are
the same whichever process reads them, so they are collected once, by the process that
answers.
"""

import os
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

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
from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col

from api.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

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


class WebhookQueue(NamedTuple):
    depth: int
    first_due: datetime | None  # in the past when a delivery is late, else the next retry


def webhook_queue(connection: Connection) -> WebhookQueue:
    """The deliveries the workers owe enabled endpoints, due now or waiting for a retry, and
    the earliest time one of them is due. A disabled endpoint's deliveries wait for its
    owner, not for a worker, so they would only make the age grow without bound."""
    depth, first_due = connection.execute(
        select(func.count(), func.min(col(WebhookDelivery.next_attempt_at)))
        .select_from(WebhookDelivery)
        .join(WebhookEndpoint, col(WebhookEndpoint.id) == col(WebhookDelivery.endpoint_id))
        .where(
            col(WebhookDelivery.status) == DeliveryStatus.pending.value,
            col(WebhookEndpoint.enabled),
        )
    ).one()
    return WebhookQueue(depth=depth, first_due=first_due)


class ProcessFigures(Collector):
    """Gauges read at scrape time from this process and the database."""

    def __init__(
        self,
        *,
        started_at: float,
        now: datetime,
        engine: Engine,
        admission: "Admission",
        pool_checked_out: Callable[[], int],
    ) -> None:
        self.started_at = started_at
        self.now = now
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
                queue = webhook_queue(conn)
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
        yield GaugeMetricFamily(
            "offload_webhook_queue_depth",
            "Webhook deliveries to enabled endpoints not yet sent: due, or waiting for a retry.",
            value=queue.depth,
        )
        # Negative when every delivery waits for a retry: then none is late.
        late = 0.0 if queue.first_due is None else (self.now - queue.first_due).total_seconds()
        yield GaugeMetricFamily(
            "offload_webhook_oldest_due_age_seconds",
            "Seconds the longest-waiting due webhook delivery has been due; 0 when none is.",
            value=max(late, 0.0),
        )
