"""Matching at marketplace scale, four ways side by side, plus HTTP under load.

    python -m bench                      # everything; writes docs/performance.md
    python -m bench --sizes 1000,10000 --databases sqlite --no-http   # a quick look
    python -m bench http                 # only matches vs /healthz over HTTP, printed (quick)
    python -m bench overload             # open-loop overload of one worker (bench/overload.py)
    python -m bench advisor              # the advisor's kernels beside one match (bench/advisor.py)
    python -m bench vendors              # what vendors see beside one match (bench/vendors.py)
    python -m bench allocation           # allocation beside per-task greedy (bench/allocation.py)
    python -m bench web                  # the workspace's first render in Chromium (bench/web.py)
    python -m bench screenshots          # the workspace's screenshots, docs/screenshots/

(a) naive: ORM objects loaded and scored in a Python loop;
(b) SQL prefilter, then Python scoring over plain rows;
(c) Offload's index: the production path (freshness check, ranking, explanations);
(d) the floor: the same arithmetic on preloaded arrays, no explanation, no I/O.
Every variant must return the same top 20 as the exact scorer, or the run fails.
"""

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy
from sqlalchemy import select
from sqlmodel import Session, col

from api import migrate
from api.db import json_array_contains, make_engine
from api.matches import adapters
from api.matches.index import OfferIndex
from api.services.models import Service
from api.settings import Settings
from api.tasks.models import Task
from api.vendors.models import Vendor
from bench import scalar, versions
from bench.data import TASK_TYPE, offer, populate
from bench.databases import database as _database
from bench.databases import machine
from matching import OfferSet, rank, score_all
from matching.rank import order

AT = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
BEFORE = "e783b33"  # the code before the second round of performance work (docs/performance.md)
SIZES: list[int] = []
HTTP_SECONDS = [5.0]
K = 20


def naive(engine, spec, config):
    """(a) ORM objects, then a Python loop."""
    with Session(engine) as session:
        rows = session.exec(
            select(Service, Vendor)
            .join(Vendor, col(Vendor.id) == col(Service.vendor_id))
            .where(col(Service.task_type) == TASK_TYPE, col(Service.active))
        ).all()
        offers = [offer(service, vendor) for service, vendor in rows]
    return scalar.top(offers, spec, config, AT, K)


def prefiltered(engine, spec, config):
    """(b) Hard constraints in SQL, then Python scoring over plain rows."""
    with Session(engine) as session:
        query = adapters.offers_query().where(
            col(Service.task_type) == TASK_TYPE,
            col(Service.capacity) - col(Service.reserved) >= spec.volume,
            col(Service.min_volume) <= spec.volume,
            sqlalchemy.or_(
                *(json_array_contains(Vendor.languages, lang) for lang in spec.languages)
            ),
        )
        offers = adapters.to_offers(session.execute(query))
    return scalar.top(offers, spec, config, AT, K)


def indexed(engine, spec, config, index):
    """(c) The production path."""
    with Session(engine) as session, index.offers(session=session, task_type=TASK_TYPE) as offers:
        ranking = rank(spec, offers, limit=K, config=config, at=AT)
    return [(m.service_id, m.score, m.quote.amount) for m in ranking.matches]


def floor(offers, spec, config):
    """(d) Arithmetic only."""
    scored = score_all(spec, offers, config=config, at=AT, eligible_only=True)
    chosen = order(scored, scored.rows, K)
    return [
        (offers.offers[i].service_id, float(scored.score[i]), int(scored.quote[i])) for i in chosen
    ]


def _timed(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, result


def _same(a, b):
    return [sid for sid, *_ in a] == [sid for sid, *_ in b] and all(
        abs(x[1] - y[1]) < 1e-6 and x[2] == y[2] for x, y in zip(a, b, strict=True)
    )


def measure(kind, n, tmp, http):
    url, drop = _database(kind, tmp)
    try:
        migrate.upgrade(url)
        settings = Settings(database_url=url)
        engine = make_engine(settings)
        start = time.perf_counter()
        task_id = populate(engine, n)
        insert_rate = n / (time.perf_counter() - start)
        config = settings.match_config()
        with Session(engine) as session:
            spec = adapters.task_spec(
                session=session, terms=session.get(Task, task_id), weights=None
            )
            preloaded = OfferSet(adapters.load_offers(session=session, task_type=TASK_TYPE))
        tracemalloc.start()
        index = OfferIndex()
        indexed(engine, spec, config, index)  # warm: the first request builds the type
        index_bytes = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        slow_repeat = {1000: 15, 10000: 7}.get(n, 3)
        rows = {
            "a": _timed(lambda: naive(engine, spec, config), slow_repeat),
            "b": _timed(lambda: prefiltered(engine, spec, config), slow_repeat),
            "c": _timed(lambda: indexed(engine, spec, config, index), 60),
            "d": _timed(lambda: floor(preloaded, spec, config), 60),
        }
        exact = rows["d"][2]
        for name, (_, _, result) in rows.items():
            if not _same(result, exact):
                raise SystemExit(f"{kind} n={n}: variant {name} disagrees with the exact scorer")
        web = run_http(url, task_id, http) if http else None
        imported = import_rate(kind, tmp) if n == max(SIZES) else None
        engine.dispose()
        return {
            "rows": rows,
            "insert_rate": insert_rate,
            "import_rate": imported,
            "index_bytes": index_bytes,
            "array_bytes": index._entries[TASK_TYPE].offers.nbytes(),
            "http": web,
        }
    finally:
        drop()


def import_rate(kind, tmp, vendors=5000):
    """Services a second through the real bulk-import path (validation included), 4 per vendor."""
    from api.auth import Principal
    from api.imports.vendors import import_vendors
    from api.keys.models import Role

    url, drop = _database(kind, tmp)
    try:
        migrate.upgrade(url)
        engine = make_engine(Settings(database_url=url))
        types = ["bookkeeping", "invoicing", "payroll", "email_management"]
        items = [
            {
                "vendor": {
                    "name": f"Import {i}",
                    "country": "PH",
                    "timezone": "Asia/Manila",
                    "languages": ["en"],
                    "working_hours": [
                        {"days": ["mon", "tue", "wed"], "start": "09:00", "end": "17:00"}
                    ],
                },
                "services": [
                    {
                        "task_type": t,
                        "capacity": 1000,
                        "skills": ["xero"],
                        "pricing": {"model": "per_unit", "currency": "USD", "amount": 90},
                    }
                    for t in types
                ],
            }
            for i in range(vendors)
        ]
        start = time.perf_counter()
        with Session(engine) as session:
            import_vendors(session=session, principal=Principal(role=Role.admin), items=items)
            session.commit()
        rate = len(items) * len(types) / (time.perf_counter() - start)
        engine.dispose()
        return rate
    finally:
        drop()


def run_http(url, task_id, trees, rounds=3):
    """Matches and /healthz over HTTP, this code beside the earlier revision (bench/versions.py)."""
    here, before = trees
    key = versions.business_key(url, here, task_id)
    variants = {
        "before": (before, {}),
        "after": (here, {}),
        "after, no answer cache": (here, {"OFFLOAD_MATCH_CACHE_BYTES": "0"}),
    }
    return versions.http_side_by_side(
        url, task_id, variants, key, seconds=HTTP_SECONDS[0], rounds=rounds
    )


def http_only(argv):
    """The HTTP table alone (10,000 offers, every database asked for), printed, not
    written to docs/performance.md: for a quick look while working on the request path."""
    parser = argparse.ArgumentParser(prog="python -m bench http", description=http_only.__doc__)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--seconds", type=float, default=5.0, help="per HTTP measurement")
    parser.add_argument("--rounds", type=int, default=3, help="turns per variant (median)")
    parser.add_argument("--before", default=BEFORE, help="the revision measured beside")
    args = parser.parse_args(argv)
    HTTP_SECONDS[:] = [args.seconds]
    here = Path(__file__).resolve().parent.parent
    load = [os.getloadavg()]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        trees = (here, versions.checkout(args.before, Path(tmp)))
        for kind in args.databases.split(","):
            print(f"{kind} 10,000 offers over HTTP ...", flush=True)
            url, drop = _database(kind, Path(tmp))
            try:
                migrate.upgrade(url)
                engine = make_engine(Settings(database_url=url))
                task_id = populate(engine, 10_000)
                engine.dispose()
                web = run_http(url, task_id, trees, rounds=args.rounds)
            finally:
                drop()
            rows += [(kind, name, r) for name, r in web.items()]
    load.append(os.getloadavg())
    print(f"\nbefore = {args.before}; {args.seconds:g} s a measurement, median of {args.rounds}")
    print(
        "| database | variant | matches req/s | /healthz req/s | matches / healthz "
        "| fresh p50 ms | fresh p99 ms |"
    )
    print("|---|---|---|---|---|---|---|")
    for kind, name, r in rows:
        f = r["fresh"]
        print(
            f"| {kind} | {name} | {r['matches']:,.0f} | {r['healthz']:,.0f} | {r['share']:.0%} "
            f"| {f['p50']:.2f} | {f['p99']:.2f} |"
        )
    before, after = (" ".join(f"{x:.2f}" for x in figures) for figures in load)
    print(f"load average (1, 5, 15 min) before: {before}; after: {after}")


def main():
    if sys.argv[1:2] == ["vendors"]:
        from bench import vendors

        vendors.main(sys.argv[2:])
        return
    if sys.argv[1:2] == ["http"]:
        http_only(sys.argv[2:])
        return
    if sys.argv[1:2] == ["allocation"]:
        from bench import allocation

        allocation.main(sys.argv[2:])
        return
    if sys.argv[1:2] == ["advisor"]:
        from bench import advisor

        advisor.main(sys.argv[2:])
        return
    if sys.argv[1:2] in (["web"], ["screenshots"]):
        from bench import web

        (web.main if sys.argv[1] == "web" else web.main_screenshots)(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--output", default="docs/performance.md")
    parser.add_argument(
        "--kernel-sizes", help="sizes for the kernel beside the earlier revision (default: --sizes)"
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="per HTTP measurement")
    parser.add_argument(
        "--before",
        default=BEFORE,
        help="the revision this code is measured beside (HTTP and kernel tables)",
    )
    if sys.argv[1:2] == ["overload"]:
        from bench.overload import main as overload

        overload(sys.argv[2:])
        return
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    SIZES[:] = sizes
    HTTP_SECONDS[:] = [args.seconds]
    results = {}
    here = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        trees = (here, versions.checkout(args.before, Path(tmp)))
        for kind in args.databases.split(","):
            for n in sizes:
                print(f"{kind} {n:,} offers ...", flush=True)
                results[(kind, n)] = measure(
                    kind, n, Path(tmp), http=trees if not args.no_http and n == 10_000 else None
                )
        print(f"kernel beside {args.before} ...", flush=True)
        kernel_sizes = [int(s) for s in (args.kernel_sizes or args.sizes).split(",")]
        kernel = versions.kernel_side_by_side({"before": trees[1], "after": here}, kernel_sizes)
    from bench.report import write

    command = " ".join(["python -m bench", *sys.argv[1:]])
    write(Path(args.output), results, machine(), command, kernel=kernel, before=args.before)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
