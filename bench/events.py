"""What events cost a write, and how fast one worker delivers webhooks.

    python -m bench.events                                  # SQLite and PostgreSQL
    python -m bench.events --databases sqlite --updates 200 --deliveries 300 --output -

(1) The cost of an event: p50 of `PATCH /v1/tasks/{task_id}` through the whole app in
process (auth, session, the event, commit), three variants interleaved in one loop so load
on the machine falls on all alike: the event recording switched off (the write as it was
before events), with its event, and with its event while a webhook endpoint subscribed to
every type is registered. Fan-out to endpoints happens in the worker, so the third should
match the second.

(2) Delivery throughput: N task updates with one endpoint subscribed, then one worker
(`api.worker.Worker`, 16 deliveries claimed and sent in parallel per tick) delivers them
all to a receiver on 127.0.0.1 that answers 200 at once; deliveries per second, from the
first tick to the last delivery recorded.
"""

import argparse
import statistics
import tempfile
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api import migrate
from api.events import service as events
from api.main import create_app
from api.settings import Settings
from api.webhooks.models import DeliveryStatus, WebhookDelivery
from api.worker import Worker
from bench import report
from bench.databases import database as _database
from bench.databases import machine

ADMIN_KEY = "bench-admin-key-0123456789"
HEADERS = {"Authorization": f"Bearer {ADMIN_KEY}"}
SECRET_KEY = "bench-secret-key-0123456789-0123456789"  # noqa: S105 - a throwaway bench database


@contextmanager
def _receiver():
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            self.rfile.read(int(self.headers.get("content-length", 0)))
            self.send_response(200)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def _events_off():
    real = events.record
    events.record = lambda **kwargs: None
    try:
        yield
    finally:
        events.record = real


def _world(client):
    business = client.post(
        "/v1/businesses",
        json={
            "name": "Bench Bakery",
            "country": "US",
            "timezone": "America/New_York",
            "languages": ["en"],
            "currency": "USD",
        },
        headers=HEADERS,
    ).json()["id"]
    task = client.post(
        f"/v1/businesses/{business}/tasks",
        json={
            "task_type": "bookkeeping",
            "title": "Books",
            "volume": 100,
            "budget": {"currency": "USD", "min": 0, "max": 50000},
        },
        headers=HEADERS,
    ).json()["id"]
    return task


def _update(client, task, i):
    started = time.perf_counter()
    response = client.patch(f"/v1/tasks/{task}", json={"title": f"Books {i}"}, headers=HEADERS)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.text
    return elapsed


def run(kind, tmp, updates, deliveries):
    url, drop = _database(kind, tmp)
    try:
        migrate.upgrade(url)
        settings = Settings(
            _env_file=None,
            database_url=url,
            admin_key=ADMIN_KEY,
            secret_key=SECRET_KEY,
            rate_limit_burst=10_000_000,
            webhook_allow_private=True,
        )
        app = create_app(settings)
        with TestClient(app) as client, _receiver() as hook_url:
            plain_task, event_task, hooked_task = _world(client), _world(client), _world(client)
            times = {"no event": [], "event": [], "event + endpoint": []}
            endpoint = None
            for i in range(updates + 20):
                with _events_off():
                    off = _update(client, plain_task, i)
                on = _update(client, event_task, i)
                if endpoint is None:
                    endpoint = client.post(
                        "/v1/webhook-endpoints", json={"url": hook_url}, headers=HEADERS
                    ).json()["id"]
                hooked = _update(client, hooked_task, i)
                client.delete(f"/v1/webhook-endpoints/{endpoint}", headers=HEADERS)
                endpoint = None
                if i >= 20:  # warm-up
                    times["no event"].append(off)
                    times["event"].append(on)
                    times["event + endpoint"].append(hooked)
            p50 = {name: statistics.median(values) for name, values in times.items()}

            client.post("/v1/webhook-endpoints", json={"url": hook_url}, headers=HEADERS)
            for i in range(deliveries):
                _update(client, event_task, i)
            worker = Worker(settings, engine=app.state.engine)
            try:
                started = time.perf_counter()
                while True:
                    worker.tick()
                    with app.state.engine.connect() as conn:
                        done = conn.execute(
                            select(func.count())
                            .select_from(WebhookDelivery)
                            .where(WebhookDelivery.status == DeliveryStatus.succeeded.value)
                        ).scalar_one()
                    if done >= deliveries:
                        break
                elapsed = time.perf_counter() - started
            finally:
                worker.close()
        app.state.engine.dispose()
        return p50, deliveries / elapsed
    finally:
        drop()


def section(results, command, updates, deliveries):
    lines = [
        report.EVENTS,
        "",
        f"`{command}` ({machine()}): {updates} updates per variant, interleaved; "
        f"{deliveries} deliveries.",
        "",
        "| database | task update p50, no event | with its event | with its event and an endpoint subscribed | what the event adds | deliveries/s, one worker |",
        "|---|---|---|---|---|---|",
    ]
    for kind, (p50, rate) in results.items():
        added = p50["event"] - p50["no event"]
        lines.append(
            f"| {kind} | {p50['no event']:.2f} ms | {p50['event']:.2f} ms | "
            f"{p50['event + endpoint']:.2f} ms | {added:+.2f} ms "
            f"({added / p50['no event']:+.0%}) | {rate:,.0f} |"
        )
    lines += [
        "",
        "An event is one `UPDATE ... RETURNING` of the counter row and one `INSERT` in the "
        "writer's transaction, plus reading the owner's partner for the audience. A "
        "subscribed endpoint adds nothing to the write: the worker fans events out to "
        "endpoints after commit (docs/webhooks.md). Delivery throughput is one worker "
        "sending 16 at a time to a local receiver that answers at once, so it measures "
        "Offload's own cost per delivery (claim, sign, send, record), not a network.",
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(prog="python -m bench.events", description=__doc__)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--updates", type=int, default=300)
    parser.add_argument("--deliveries", type=int, default=500)
    parser.add_argument("--output", default="docs/performance.md")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.databases.split(","):
            results[kind] = run(kind, Path(tmp), args.updates, args.deliveries)
    command = "python -m bench.events"
    text = section(results, command, args.updates, args.deliveries)
    if args.output != "-":
        report.replace_section(Path(args.output), text)
    print(text)


if __name__ == "__main__":
    main()
