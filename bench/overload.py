"""Overload: open-loop arrivals at three times what one worker serves.

    python -m bench overload                         # SQLite and PostgreSQL, 3 runs of 60 s
    python -m bench overload --databases sqlite --runs 1 --seconds 20    # a quick look

One uvicorn worker serves a marketplace of 10,000 vendors. First a closed loop (a few
clients, each sending its next request when the last is answered) finds the most it
serves a second; then requests arrive at three times that rate, on a fixed schedule
whatever the server does (an open loop: the way real clients arrive, and the only way to
see a queue build). Latency is measured from each request's scheduled time, so a late
generator counts against the server, never for it.

The load generator is a few dozen lines of asyncio speaking HTTP/1.1 over keep-alive
connections (below): no dependency, and far cheaper per request than a general client, on
a machine whose two cores it shares with the server.
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import text

from api import migrate
from api.db import make_engine
from api.serving import PROTOCOL
from api.settings import Settings
from bench.data import populate
from bench.databases import database, machine

KEY = "bench-admin-key"
IDLE_SECONDS = 3
PORT = 8766
MIX = (  # share of requests, and what they are
    (0.4, "match"),  # GET /v1/tasks/{id}/matches
    (0.2, "vendor"),  # GET /v1/vendors/{id}
    (0.2, "list"),  # GET /v1/vendors?limit=20
    (0.2, "write"),  # POST /v1/businesses/{id}/tasks
)
TASK_BODY = json.dumps(
    {
        "task_type": "bookkeeping",
        "title": "Monthly books",
        "volume": 300,
        "budget": {"currency": "USD", "min": 20000, "max": 60000},
    }
).encode()


class Connections:
    """Keep-alive HTTP/1.1 connections to one server, opened as needed and reused."""

    def __init__(self, port: int, key: str = KEY) -> None:
        self.port = port
        self.key = key
        # Most recently used last; the oldest are closed before the server's keep-alive
        # timeout (uvicorn's is 5 s) could close them under a request.
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, bool, bytes]:
        """(status, whether it carried Retry-After, body); raises OSError on a broken
        connection."""
        now = time.monotonic()
        while self.idle and now - self.idle[0][2] > IDLE_SECONDS:
            self.idle.pop(0)[1].close()
        if self.idle:
            reader, writer, _ = self.idle.pop()
        else:
            reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {self.key}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        try:
            writer.write(head.encode() + body)
            status = int((await reader.readline()).split()[1])
            headers = {}
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                headers[name.strip().lower()] = value.strip()
            answer = await reader.readexactly(int(headers.get("content-length", "0")))
        except (OSError, IndexError, ValueError, asyncio.IncompleteReadError) as exc:
            writer.close()
            raise OSError(f"connection broken: {exc!r}") from exc
        if headers.get("connection", "").lower() == "close":
            writer.close()
        else:
            self.idle.append((reader, writer, time.monotonic()))
        return status, "retry-after" in headers, answer

    def close(self) -> None:
        for _, writer, _ in self.idle:
            writer.close()


@dataclass
class World:
    task_id: str
    business_id: str
    vendor_ids: list[str]

    def pick(self, rng: random.Random) -> tuple[str, str, bytes]:
        kind = rng.choices([k for _, k in MIX], weights=[w for w, _ in MIX])[0]
        if kind == "match":
            return "GET", f"/v1/tasks/{self.task_id}/matches", b""
        if kind == "vendor":
            return "GET", f"/v1/vendors/{rng.choice(self.vendor_ids)}", b""
        if kind == "list":
            return "GET", "/v1/vendors?limit=20", b""
        return "POST", f"/v1/businesses/{self.business_id}/tasks", TASK_BODY


@dataclass
class Outcome:
    admitted: list[float] = field(default_factory=list)  # 2xx latencies, seconds
    shed: list[float] = field(default_factory=list)  # 503 with Retry-After
    other: dict[str, int] = field(default_factory=dict)  # anything else, by kind
    lag: list[float] = field(default_factory=list)  # generator: sent after scheduled time
    shed_at_once: list[float] = field(default_factory=list)  # refused on arrival
    shed_late: list[float] = field(default_factory=list)  # refused after waiting the bound

    def record(
        self, status: int | None, retry_after: bool, latency: float, error: str = ""
    ) -> None:
        if status is not None and 200 <= status < 300:
            self.admitted.append(latency)
        elif status == 503 and retry_after:
            self.shed.append(latency)
        else:
            kind = error if status is None else str(status)
            self.other[kind] = self.other.get(kind, 0) + 1


async def closed_loop(world: World, clients: int, seconds: float) -> float:
    """Requests a second the server completes with ``clients`` always waiting on it: the
    median over whole seconds, so a slow first second (pools filling) or a stall of the
    shared machine does not set the rate the open loop then offers."""
    connections = Connections(PORT)
    started = time.perf_counter()
    per_second = [0] * max(1, int(seconds))

    async def client(seed: int) -> None:
        rng = random.Random(seed)
        while (second := int(time.perf_counter() - started)) < len(per_second):
            status, _, _ = await connections.request(*world.pick(rng))
            if 200 <= status < 300 and second < len(per_second):
                per_second[second] += 1

    await asyncio.gather(*(client(i) for i in range(clients)))
    connections.close()
    return statistics.median(per_second)


async def open_loop(world: World, rate: float, seconds: float, timeout: float) -> Outcome:
    """Requests sent at a constant ``rate``, on schedule, whatever the answers."""
    loop = asyncio.get_running_loop()
    connections = Connections(PORT)
    outcome = Outcome()
    rng = random.Random(7)
    start = loop.time() + 0.2

    async def one(at: float, request: tuple[str, str, bytes]) -> None:
        sent = loop.time()
        outcome.lag.append(sent - at)
        try:
            status, retry_after, answer = await asyncio.wait_for(
                connections.request(*request), timeout=timeout
            )
        except TimeoutError:
            outcome.record(None, False, loop.time() - at, "no answer")
            return
        except OSError as exc:
            outcome.record(None, False, loop.time() - at, f"broken connection ({exc})"[:80])
            return
        outcome.record(status, retry_after, loop.time() - at)
        if status == 503 and retry_after:
            # Refused after queueing for the whole bound, or at once.
            waited = b"No turn came within" in answer
            (outcome.shed_late if waited else outcome.shed_at_once).append(loop.time() - at)

    tasks = []
    for i in range(int(rate * seconds)):
        at = start + i / rate
        delay = at - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(at, world.pick(rng))))
    await asyncio.gather(*tasks)
    connections.close()
    return outcome


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# As `offload serve` runs it (api/serving.py).
_SERVE_OPTIONS = ("--http", PROTOCOL, "--no-server-header", "--no-proxy-headers")


def _serve(url: str, admission_timeout: float | None) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "OFFLOAD_DATABASE_URL": url,
        "OFFLOAD_ADMIN_KEY": KEY,
        "OFFLOAD_RATE_LIMIT_BURST": "100000000",
        "OFFLOAD_RATE_LIMIT_PER_SECOND": "100000000",
    }
    if admission_timeout is not None:
        env["OFFLOAD_ADMISSION_TIMEOUT_SECONDS"] = str(admission_timeout)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api.asgi:app",
            "--port",
            str(PORT),
            "--log-level",
            "error",
            *_SERVE_OPTIONS,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{PORT}/readyz", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    server.terminate()
    raise SystemExit("uvicorn did not become ready")


def _world(url: str, vendors: int) -> World:
    migrate.upgrade(url)
    engine = make_engine(Settings(database_url=url))
    task_id = populate(engine, vendors)
    with engine.connect() as conn:
        business_id = conn.execute(
            text("SELECT business_id FROM tasks WHERE id = :id"), {"id": task_id}
        ).scalar_one()
        vendor_ids = list(conn.execute(text("SELECT id FROM vendors")).scalars())
    engine.dispose()
    return World(task_id=task_id, business_id=business_id, vendor_ids=vendor_ids)


def measure(kind: str, tmp: Path, args: argparse.Namespace) -> dict:
    url, drop = database(kind, tmp)
    try:
        world = _world(url, args.vendors)
        server = _serve(url, None)
        try:
            asyncio.run(closed_loop(world, args.clients, 3))  # warm: index built, pools full
            capacity = asyncio.run(closed_loop(world, args.clients, args.seconds / 4))
            rate = args.factor * capacity
            print(f"{kind}: one worker serves {capacity:.0f}/s; offering {rate:.0f}/s", flush=True)
            runs = []
            for run in range(args.runs):
                outcome = asyncio.run(open_loop(world, rate, args.seconds, args.timeout))
                runs.append(outcome)
                print(f"  run {run + 1}: {summary(outcome)}", flush=True)
        finally:
            server.terminate()
            server.wait()
        control = None
        if args.control_seconds:
            # The same offered load with admission control switched off (a bound of an
            # hour): every request is queued, as before admission control existed.
            server = _serve(url, 3600)
            try:
                asyncio.run(closed_loop(world, args.clients, 3))
                control = asyncio.run(open_loop(world, rate, args.control_seconds, args.timeout))
                print(f"  without admission control: {summary(control)}", flush=True)
            finally:
                server.terminate()
                server.wait()
        return {"capacity": capacity, "rate": rate, "runs": runs, "control": control}
    finally:
        drop()


def summary(o: Outcome) -> str:
    def ms(values: list[float], q: float) -> str:
        return f"{_percentile(values, q) * 1000:.1f}"

    return (
        f"admitted {len(o.admitted)} p50 {ms(o.admitted, 0.5)} p99 {ms(o.admitted, 0.99)} ms; "
        f"shed {len(o.shed)} p50 {ms(o.shed, 0.5)} p99 {ms(o.shed, 0.99)} ms, of which at once "
        f"{len(o.shed_at_once)} p50 {ms(o.shed_at_once, 0.5)} p99 {ms(o.shed_at_once, 0.99)} ms "
        f"and after waiting {len(o.shed_late)}; other {sum(o.other.values())} {o.other or ''}; "
        f"generator lag p99 {ms(o.lag, 0.99)} ms"
    )


def _median(runs: list[Outcome], values, q: float) -> float:
    return statistics.median(_percentile(values(o), q) for o in runs) * 1000


def report(results: dict, args: argparse.Namespace, command: str) -> list[str]:
    settings = Settings(database_url="sqlite://")  # the server's, from the same environment
    lines = [
        "## Overload: open-loop arrivals at three times one worker's throughput",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC with `{command}` on: "
        f"{machine()}. The machine was shared with other work while this ran, so each figure "
        f"is the median over {args.runs} runs of {args.seconds:g} s.",
        "",
        f"One uvicorn worker (`OFFLOAD_ADMISSION_TIMEOUT_SECONDS="
        f"{settings.admission_timeout_seconds:g}`, `OFFLOAD_MAX_ACTIVE_REQUESTS="
        f"{settings.max_active_requests}`, `OFFLOAD_DB_POOL_SIZE={settings.db_pool_size}`), "
        f"{args.vendors:,} vendors. The request mix: 40% "
        "`GET /v1/tasks/{id}/matches`, 20% `GET /v1/vendors/{id}`, 20% "
        "`GET /v1/vendors?limit=20`, 20% `POST /v1/businesses/{id}/tasks`. Capacity is the "
        f"closed-loop throughput with {args.clients} clients; the open loop then offers "
        f"{args.factor:g} times that at a constant rate. Latency runs from each request's "
        "scheduled time. *Admitted* are 2xx answers; *shed* are 503 answers with "
        "`Retry-After`; *other* is anything else (another status, a broken connection, no "
        f"answer within {args.timeout:g} s). Targets: admitted p99 under 1 s, shed p99 "
        "under 50 ms, other 0.",
        "",
        "| database | capacity (req/s) | offered (req/s) | admitted (req/s) | admitted p50 / p99 ms "
        "| shed (req/s) | shed p50 / p99 ms | refused at once p50 / p99 ms "
        "| refused after waiting the bound (share of shed) | other | generator lag p99 ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for kind, r in results.items():
        runs = r["runs"]
        admitted = statistics.median(len(o.admitted) for o in runs) / args.seconds
        shed = statistics.median(len(o.shed) for o in runs) / args.seconds
        other = sum(sum(o.other.values()) for o in runs)
        lines.append(
            f"| {kind} | {r['capacity']:.0f} | {r['rate']:.0f} | {admitted:.0f} | "
            f"{_median(runs, lambda o: o.admitted, 0.5):.0f} / "
            f"{_median(runs, lambda o: o.admitted, 0.99):.0f} | {shed:.0f} | "
            f"{_median(runs, lambda o: o.shed, 0.5):.1f} / "
            f"{_median(runs, lambda o: o.shed, 0.99):.1f} | "
            f"{_median(runs, lambda o: o.shed_at_once, 0.5):.1f} / "
            f"{_median(runs, lambda o: o.shed_at_once, 0.99):.1f} | "
            f"{statistics.median(len(o.shed_late) / max(1, len(o.shed)) for o in runs):.1%} | "
            f"{other} | "
            f"{_median(runs, lambda o: o.lag, 0.99):.1f} |"
        )
    lines += [
        "",
        "*Refused at once* are refused on arrival, their expected wait being over the bound; "
        "*refused after waiting* were queued (their expected wait was within it) but got no "
        "turn within the bound, and were answered then. The generator's lag (how late it sent "
        "requests against its own schedule) measures how late this machine ran a program that "
        "does almost nothing; stalls of that size hit the server too, and every latency here "
        "includes them.",
    ]
    controls = {k: r["control"] for k, r in results.items() if r["control"] is not None}
    if controls:
        lines += [
            "",
            f"For comparison, the same offered load for {args.control_seconds:g} s against a "
            "server with admission control switched off (`OFFLOAD_ADMISSION_TIMEOUT_SECONDS="
            "3600`: every request queues):",
            "",
            "| database | 2xx answers | 2xx p50 / p99 ms | other |",
            "|---|---|---|---|",
        ]
        for kind, o in controls.items():
            lines.append(
                f"| {kind} | {len(o.admitted):,} | "
                f"{_percentile(o.admitted, 0.5) * 1000:,.0f} / "
                f"{_percentile(o.admitted, 0.99) * 1000:,.0f} | "
                f"{sum(o.other.values())} {o.other or ''} |"
            )
    return lines


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench overload",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--vendors", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--factor", type=float, default=3)
    parser.add_argument("--clients", type=int, default=8, help="closed-loop clients")
    parser.add_argument("--timeout", type=float, default=30, help="per request, seconds")
    parser.add_argument(
        "--control-seconds", type=float, default=20, help="without admission control; 0: skip"
    )
    parser.add_argument("--output", default="docs/performance.md")
    args = parser.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.databases.split(","):
            results[kind] = measure(kind, Path(tmp), args)
    from bench.report import replace_section

    command = " ".join(["python -m bench overload", *argv])
    replace_section(Path(args.output), report(results, args, command))
    print(f"wrote {args.output}")
