"""This code beside an earlier revision, in one run: matches over HTTP and the kernel.

The earlier revision is taken with ``git archive`` into a temporary directory (nothing in
the repository changes) and served from there by the same interpreter, on the same
database, in turns with this code, so the shared machine's load falls on both alike.

HTTP: one uvicorn worker per variant, as ``offload serve`` runs it, started on the
populated database; the load generator is the asyncio HTTP/1.1 client of
``bench/overload.py`` (no dependency to install), authenticating with a business API key
(a row in the database, as partners' traffic does). First, from the moment ``/readyz``
answers 200, one connection asks for the task's matches for a few seconds (a fresh
worker's latency, first request included); then, in turns, four connections ask for the
matches and for ``/healthz`` (throughput).

Kernel: a process per variant builds the benchmark's offers in memory (same seed), settles
the heap as the service does after building its index (``gc.freeze``, api/heap.py), and
times ``rank`` (the top 20 with explanations) and the floor (the same arithmetic, no
explanations) in alternation, with a collection before each call; the processes run in
turns too.
"""

import asyncio
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import httpx

from api.serving import PROTOCOL
from bench.overload import Connections

PORT = 8767
ADMIN_KEY = "bench-admin-key"
SERVE = ("--http", PROTOCOL, "--no-server-header", "--no-proxy-headers", "--log-level", "error")


def checkout(revision: str, into: Path) -> Path:
    """The tree of ``revision``, extracted under ``into``."""
    git = shutil.which("git") or "git"
    archive = subprocess.run(
        [git, "archive", "--format=tar", revision], capture_output=True, check=True
    ).stdout
    tree = into / f"rev-{revision}"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tree, filter="data")
    return tree


def _serve(tree: Path, url: str, extra: dict[str, str]) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "OFFLOAD_DATABASE_URL": url,
        "OFFLOAD_ADMIN_KEY": ADMIN_KEY,
        "OFFLOAD_RATE_LIMIT_BURST": "100000000",
        "OFFLOAD_RATE_LIMIT_PER_SECOND": "100000000",
        **extra,
    }
    command = [sys.executable, "-m", "uvicorn", "api.asgi:app", "--port", str(PORT), *SERVE]
    return subprocess.Popen(
        command, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _ready(started: float) -> float:
    """Seconds from ``started`` until ``/readyz`` answers 200."""
    for _ in range(1200):
        try:
            if httpx.get(f"http://127.0.0.1:{PORT}/readyz", timeout=2).status_code == 200:
                return time.perf_counter() - started
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise SystemExit("the server did not become ready")


def business_key(url: str, tree: Path, task_id: str) -> str:
    """A business API key for the task's business, made through the API."""
    server = _serve(tree, url, {"OFFLOAD_WARM_INDEX": "false"})
    try:
        _ready(time.perf_counter())
        admin = {"Authorization": f"Bearer {ADMIN_KEY}"}
        base = f"http://127.0.0.1:{PORT}"
        task = httpx.get(f"{base}/v1/tasks/{task_id}", headers=admin).json()
        created = httpx.post(
            f"{base}/v1/api-keys",
            json={"role": "business", "name": "bench", "business_id": task["business_id"]},
            headers=admin,
        )
        created.raise_for_status()
        return str(created.json()["secret"])
    finally:
        server.terminate()
        server.wait()


async def _loop(key: str, path: str, connections: int, seconds: float) -> dict:
    pool = Connections(PORT, key)
    latencies: list[float] = []
    failures = 0
    started = time.perf_counter()

    async def client() -> None:
        nonlocal failures
        while time.perf_counter() - started < seconds:
            sent = time.perf_counter()
            status, _, _ = await pool.request("GET", path)
            if 200 <= status < 300:
                latencies.append(time.perf_counter() - sent)
            else:
                failures += 1

    await asyncio.gather(*(client() for _ in range(connections)))
    elapsed = time.perf_counter() - started
    pool.close()
    ordered = sorted(latencies) or [float("nan")]
    return {
        "rps": len(latencies) / elapsed,
        "p50": 1000 * ordered[len(ordered) // 2],
        "p99": 1000 * ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))],
        "first": 1000 * latencies[0] if latencies else float("nan"),
        "failures": failures,
    }


def http_side_by_side(
    url: str,
    task_id: str,
    variants: dict[str, tuple[Path, dict[str, str]]],
    key: str,
    *,
    seconds: float = 5,
    rounds: int = 3,
) -> dict[str, dict]:
    """Per variant: ``fresh`` (one connection from readiness on), and the medians over
    ``rounds`` turns of ``matches`` and ``healthz`` at four connections."""
    matches = f"/v1/tasks/{task_id}/matches"
    results: dict[str, dict] = {name: {"matches": [], "healthz": []} for name in variants}
    for turn in range(rounds):
        for name, (tree, extra) in variants.items():
            started = time.perf_counter()
            server = _serve(tree, url, extra)
            try:
                ready = _ready(started)
                if turn == 0:
                    fresh = asyncio.run(_loop(key, matches, 1, seconds))
                    results[name]["fresh"] = fresh | {"ready_s": ready}
                for route, path in (("matches", matches), ("healthz", "/healthz")):
                    results[name][route].append(asyncio.run(_loop(key, path, 4, seconds)))
            finally:
                server.terminate()
                server.wait()
    for result in results.values():
        for route in ("matches", "healthz"):
            result[route] = statistics.median(r["rps"] for r in result[route])
        result["share"] = result["matches"] / result["healthz"]
    return results


KERNEL = r"""
import gc, json, statistics, sys, time
from datetime import UTC, datetime
from types import SimpleNamespace as NS
from api.matches.adapters import coverage
from bench.data import marketplace, offer
from matching import MatchConfig, OfferSet, TaskSpec, rank, score_all
from matching.rank import order

AT = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
spec = TaskSpec(
    task_type="bookkeeping", volume=300, currency="USD", budget_min=20000, budget_max=60000,
    skills=("quickbooks", "xero"), languages=("en",), unit="transactions", country="US",
    coverage=coverage({"timezone": "America/New_York", "start": "09:00", "end": "17:00", "days": WEEKDAYS}),
)
config = MatchConfig()
out = {}
for n in json.loads(sys.argv[1]):
    vendors, services = marketplace(n)
    offers = OfferSet([offer(NS(**s), NS(**v)) for s, v in zip(services, vendors)])
    # As the service's index does after every build (api/heap.py): collections from here on
    # walk only what is made since, not the offers.
    gc.collect()
    gc.freeze()

    def ranked():
        return [m.service_id for m in rank(spec, offers, limit=20, config=config, at=AT).matches]

    def floor():
        scored = score_all(spec, offers, config=config, at=AT, eligible_only=True)
        return [offers.offers[i].service_id for i in order(scored, scored.rows, 20)]

    assert ranked() == floor()
    times = {"rank": [], "floor": []}
    for _ in range({1000: 200, 10000: 100}.get(n, 40)):
        for name, fn in (("rank", ranked), ("floor", floor)):
            gc.collect()
            start = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - start) * 1000)
    out[n] = {name: statistics.median(values) for name, values in times.items()}
    # Ids are drawn afresh in each process, so processes compare scores and quotes.
    out[n]["top"] = [
        (m.score, m.quote.amount)
        for m in rank(spec, offers, limit=20, config=config, at=AT).matches
    ]
print(json.dumps(out))
"""


def kernel_side_by_side(
    variants: dict[str, Path], sizes: list[int], *, rounds: int = 2
) -> dict[str, dict[int, dict[str, float]]]:
    """Per variant and size: the median over ``rounds`` processes of each one's medians."""
    runs: dict[str, list[dict]] = {name: [] for name in variants}
    for _ in range(rounds):
        for name, tree in variants.items():
            env = {**os.environ, "PYTHONPATH": str(tree)}
            out = subprocess.run(
                [sys.executable, "-c", KERNEL, json.dumps(sizes)],
                cwd=tree,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            runs[name].append({int(n): v for n, v in json.loads(out).items()})
    tops = {json.dumps([run[n]["top"] for n in sizes]) for r in runs.values() for run in r}
    if len(tops) != 1:
        raise SystemExit("the variants' kernels disagree on the top 20's scores and quotes")
    return {
        name: {
            n: {k: statistics.median(run[n][k] for run in r) for k in ("rank", "floor")}
            for n in sizes
        }
        for name, r in runs.items()
    }
