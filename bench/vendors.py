"""What vendors see, beside one match, on the same preloaded offers, in one run.

    python -m bench vendors                       # 100,000 offers, 5,000 listed tasks
    python -m bench vendors --offers 10000 --output -   # a quick look, printed

Variants, timed round-robin so load on the machine falls on all alike, on a settled heap
(``gc.freeze`` after building, as the service does): one match
(``rank``, limit 20, explanations: what a match request computes); the single-service view
(``matching.standing``: every blocker with its fix, score, factors and rank among all
eligible offers); one service's opportunities over the listed tasks, whole; the same as a
request runs it, ranking only as many of the newest eligible tasks as the default
``OFFLOAD_OPPORTUNITIES_RANKED_PAIRS`` allows; and the part without ranks alone
(eligibility, missed per reason and price sensitivity at three discounts: four
``check_tasks`` passes over every task); and, for scale, the least an index that never
touches an offer would still do: read a few hundred stored counts per ranked task. The
view's rank and each opportunity must equal the full ranking's answer (checked on a
sample), or the run fails.
"""

import argparse
import os
import random
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from bench import report
from bench.advisor import RATES, load, timed_side_by_side
from matching import MatchConfig, Offer, OfferSet, TaskSet, TaskSpec, check_tasks, rank
from matching.opportunities import DISCOUNTS, discounted, opportunities
from matching.places import SLACK, family_key, group_key
from matching.pricing import native_quotes, quotes_in
from matching.rank import skills_wanted
from matching.standing import standing

AT = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
SECTION = report.VENDORS
SKILLS = ["quickbooks", "xero", "sage", "wave", "freshbooks", "square"]
RANKED_PAIRS = 20_000_000  # api.settings.Settings.opportunities_ranked_pairs' default
# What an index that counts without touching offers would store per family: counts per
# quote cell (64) and score bin (256), per subset of the skills tasks want (all offers,
# each of 6 skills, each of their 15 pairs) and per language set (3): int32, 4.3 MB.
FLOOR_TABLE = 64 * 256 * 22 * 3
FLOOR_READS = 256  # stored counts read per ranked task


def listed_tasks(count: int, seed: int = 2) -> list[TaskSpec]:
    """Listed bookkeeping tasks as a marketplace would hold them: volumes 50 to 800,
    budgets in USD, EUR or GBP, some wanting English or Spanish, businesses in four
    countries."""
    rng = random.Random(seed)
    tasks = []
    for _ in range(count):
        low = rng.choice([5_000, 10_000, 20_000, 40_000])
        tasks.append(
            TaskSpec(
                "bookkeeping",
                rng.choice([50, 100, 200, 300, 400, 800]),
                rng.choice(["USD", "USD", "USD", "EUR", "GBP"]),
                low,
                low + rng.choice([10_000, 30_000, 60_000, 120_000]),
                skills=tuple(rng.sample(SKILLS, rng.randint(0, 2))),
                languages=rng.choice([(), (), ("en",), ("es",)]),
                country=rng.choice(["US", "GB", "CA", "MX"]),
                unit="transactions",
            )
        )
    return tasks


def pick_service(pool: OfferSet, tasks: TaskSet, config: MatchConfig) -> Offer:
    """The service the benchmark asks for: the median, by how many tasks it is eligible
    for, of the first 200 offers that are eligible for any (neither a straw man nor the
    best-placed vendor)."""
    counted = []
    for offer in pool.offers[:2000]:
        eligible = int(check_tasks(tasks, offer, config=config, at=AT).passing().sum())
        if eligible:
            counted.append((eligible, offer.service_id, offer))
        if len(counted) == 200:
            break
    counted.sort(key=lambda c: (c[0], c[1]))
    return counted[len(counted) // 2][2]


def verify(tasks: list[TaskSpec], pool: OfferSet, offer: Offer, config: MatchConfig) -> int:
    """The view's rank and the opportunities, on a sample of tasks, against the full
    ranking; aborts on any difference. Returns how many tasks it compared."""
    sample = tasks[:40]
    found = {
        o.task: o for o in opportunities(TaskSet(sample), pool, offer, config=config, at=AT).found
    }
    for t, spec in enumerate(sample):
        ranking = rank(spec, pool, limit=1000, config=config, at=AT)
        place = {m.service_id: m for m in ranking.matches}
        view = standing(spec, pool, offer, config=config, at=AT)
        match = place.get(offer.service_id)
        if match is None and (view.eligible and view.rank is not None and view.rank <= 1000):
            raise SystemExit("the view says eligible where the ranking does not")
        if match is not None:
            if view.rank != match.rank or found[t].rank != match.rank:
                raise SystemExit("a rank disagrees with the full ranking")
            if found[t].score != match.score or found[t].quote != match.quote.amount:
                raise SystemExit("an opportunity's score or quote disagrees with the ranking")
    return len(sample)


def quote_pool(pool: OfferSet, quoted: list[tuple[int, str]]) -> None:
    native = {volume: native_quotes(pool, volume) for volume, _ in quoted}
    for volume, currency in quoted:
        quotes_in(pool, volume, currency, RATES, native[volume])


def stored_counts(ranked: int, families: int, per_task: int, seed: int = 3) -> Callable[[], None]:
    """What the cheapest index conceivable still pays per request: reading ``per_task``
    stored counts for each of ``ranked`` tasks from its family's table (``FLOOR_TABLE``
    counts), in memory order (the kindest layout: random places cost about twice as
    much), and summing them per task; no offer touched, no position or threshold
    computed, nothing scored exactly."""
    rng = np.random.default_rng(seed)
    each = max(ranked // max(families, 1), 1)
    tables = [rng.integers(0, 1000, FLOOR_TABLE, dtype=np.int32) for _ in range(families)]
    where = [np.sort(rng.integers(0, FLOOR_TABLE, each * per_task)) for _ in range(families)]
    starts = np.arange(0, each * per_task, per_task)

    def read() -> None:
        for table, at in zip(tables, where, strict=True):
            np.add.reduceat(np.take(table, at), starts)

    return read


def run(n: int, tasks_count: int, repeat: int, runs: int):
    pool = load(n)
    config = MatchConfig(exchange_rates=RATES)
    tasks = listed_tasks(tasks_count)
    task_set = TaskSet(tasks)
    offer = pick_service(pool, task_set, config)
    compared = verify(tasks, pool, offer, config)
    first = tasks[0]
    variants = {
        "one match": lambda: rank(first, pool, limit=20, config=config, at=AT),
        "single view": lambda: standing(first, pool, offer, config=config, at=AT),
        f"opportunities, {tasks_count:,} tasks": lambda: opportunities(
            task_set, pool, offer, config=config, at=AT
        ),
        "opportunities as a request runs them": lambda: opportunities(
            task_set, pool, offer, config=config, at=AT, rank_at_most=RANKED_PAIRS // pool.n
        ),
        f"(of which) eligibility, missed and price sensitivity, {tasks_count:,} tasks": lambda: [
            check_tasks(task_set, o, config=config, at=AT)
            for o in (offer, *(discounted(offer, d) for d in DISCOUNTS))
        ],
    }
    # What places() pays for quotes alone, before it counts anything.
    passing = check_tasks(task_set, offer, config=config, at=AT).passing()
    quoted = sorted(
        {(spec.volume, spec.currency) for spec, p in zip(tasks, passing, strict=True) if p}
    )
    variants[f"(of which) quoting the pool per volume and currency, {len(quoted)} of them"] = (
        lambda: quote_pool(pool, quoted)
    )
    ranked = [spec for spec, p in zip(tasks, passing, strict=True) if p]
    families = len({family_key(group_key(spec, config)) for spec in ranked})
    variants[f"(floor) reading {FLOOR_READS} stored counts per ranked task"] = stored_counts(
        len(ranked), families, FLOOR_READS
    )
    for fn in variants.values():
        fn()  # warm: offer-only columns are computed once and kept
    found = opportunities(task_set, pool, offer, config=config, at=AT)
    return [timed_side_by_side(variants, repeat) for _ in range(runs)], found, compared


def section(n, tasks_count, all_runs, found, compared, machine: str, command: str) -> str:
    config = MatchConfig(exchange_rates=RATES)
    tasks = listed_tasks(tasks_count)
    whole = f"opportunities, {tasks_count:,} tasks"
    ratios = sorted(r[whole][0] / r["one match"][0] for r in all_runs)
    results = sorted(all_runs, key=lambda r: r[whole][0] / r["one match"][0])[len(all_runs) // 2]
    base = results["one match"][0]
    load_avg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        SECTION,
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `{command}` on: {machine}; "
        f"load average {load_avg} when it finished (other work shared the two cores).",
        f"Kernel level, no I/O: {n:,} preloaded offers of one type (the data above, seed 1) "
        f"and {tasks_count:,} listed bookkeeping tasks (`bench/vendors.py`: volumes 50-800, "
        "budgets in USD, EUR or GBP, some wanting English or Spanish, four countries). The "
        f"service is the median one of the first 200 eligible somewhere: eligible for "
        f"{len(found.found):,} of the {tasks_count:,} tasks. On {compared} tasks the "
        "view's rank and each opportunity equalled the full ranking (the run aborts "
        "otherwise).",
        "",
        "| variant | median ms | p95 ms | / one match |",
        "|---|---|---|---|",
    ]
    for name, (median, p95) in results.items():
        lines.append(f"| {name} | {median:,.2f} | {p95:,.2f} | {median / base:.2f}x |")
    ratio = results[whole][0] / base
    vectorised = results[
        f"(of which) eligibility, missed and price sensitivity, {tasks_count:,} tasks"
    ][0]
    capped = results["opportunities as a request runs them"][0]
    quoting = next(v[0] for k, v in results.items() if k.startswith("(of which) quoting"))
    floor = next(v[0] for k, v in results.items() if k.startswith("(floor)"))
    per_read = floor / max(len(found.found) * FLOOR_READS, 1)  # ms
    reads_within = int(max(10 * base - vectorised, 0) / per_read / max(len(found.found), 1))
    ranked = [tasks[o.task] for o in found.found]
    groups = len({group_key(spec, config) for spec in ranked})
    families = len({family_key(group_key(spec, config)) for spec in ranked})
    budgets = len({(family_key(group_key(s, config)), s.budget_min, s.budget_max) for s in ranked})
    distinct = len(
        {(group_key(s, config), s.budget_min, s.budget_max, skills_wanted(s)) for s in ranked}
    )
    median_score = sorted(o.score for o in found.found)[len(found.found) // 2]
    lines += [
        "",
        f"Target: opportunities within 10x one match. Measured {ratio:.1f}x: "
        + ("met" if ratio <= 10 else "missed")
        + (
            f" (median of {len(ratios)} runs: " + ", ".join(f"{r:.1f}x" for r in ratios) + ")."
            if len(ratios) > 1
            else "."
        ),
        "",
        f"Where the time goes: eligibility, the reasons for each miss and the price "
        f"sensitivity over all {tasks_count:,} tasks are four `check_tasks` passes "
        f"({vectorised:,.2f} ms, {vectorised / base:.2f}x one match): array arithmetic over "
        "the tasks, no per-task loop. The rest is the rank on each task the service is "
        f"eligible for ({len(found.found):,} here): how many of the offers eligible there "
        "rank ahead of it (`matching/places.py`). Work the tasks share is done once at the "
        "widest level it holds: the tasks are indexed in one pass and the service's own "
        "score is array arithmetic per distinct budget and skills; quotes per volume and "
        f"currency; per family ({families} here: same volume, currency, coverage and "
        "weights) the offers passing those constraints, cheapest first (a stable sort "
        "starting from the last family's order), and the factors that depend on neither "
        f"budget nor skills; per budget of a family ({budgets:,} here) each offer's weighted "
        "budget factor, piece by piece over the cheapest-first offers; per budget and skills "
        "the values and the masks of offers surely ahead and too close to call; per group "
        f"({groups:,} here: languages, certifications and country too) a count of those "
        f"masks within its own offers ({distinct:,} distinct tasks of {len(found.found):,}). "
        "Profiled on this data, the passes per budget and skills are about half of the "
        "time and the per-family setup (quoting, ordering, gathering the columns) about "
        "as much; the per-family setup is most of the capped request's time. No bound on "
        f"the score prunes offers for a service like this one: its median score is "
        f"{median_score:.2f}, and budget and skills alone can move an offer's score by 0.44 "
        "(their share of the default weights), so almost every eligible offer could be on "
        "either side of it. Offers within "
        f"{SLACK:g} (the most rounding to 6 decimals moves a score, plus bounds on "
        "floating-point error) of the service's score are scored exactly, all of a "
        "family's at once, so every rank is the full ranking's."
        + (
            ""
            if ratio <= 10
            else " Why 10x is out of reach this way: quoting alone, the pool once per "
            "volume and currency the ranked tasks span (native quotes once per volume, then "
            f"converted), costs {quoting:,.2f} ms ({quoting / base:.1f}x one match), and the "
            f"four check passes {vectorised / base:.1f}x; within 10x would leave "
            f"{max(10 * base - quoting - vectorised, 0) * 1000 / max(len(found.found), 1):,.1f}"
            " µs per ranked task for everything else: a couple of passes over a family's "
            "offers, where counting one task takes about eight (its values, two comparisons "
            "and their counts, its group's two masked counts) plus its share of the work per "
            "family and per budget. An index kept across requests that counts without "
            "touching each offer (counts per quote cell and score bin, per subset of the "
            "skills tasks want and per language set, kept up to date as offers change) would "
            "drop the quoting and the passes, yet it still reads, per ranked task, a count "
            "per quote cell of the budget's sloped piece, per skill "
            "subset (four for two skills, by inclusion and exclusion) and per threshold (one "
            "per number of skills held), and scores exactly the offers of the cells the "
            f"budget's edges cut. The row '(floor)' reads only {FLOOR_READS} stored counts "
            "per ranked task from tables the size such an index needs "
            f"({FLOOR_TABLE * 4 / 1e6:.1f} MB per family), in memory order, and sums them per "
            f"task: {floor:,.2f} ms ({floor / base:.1f}x one match, "
            f"{per_read * 1e6:.0f} ns a count); after "
            f"the check passes, 10x leaves room for {reads_within:,} such reads a task with "
            "nothing else done. The sloped piece alone needs a few hundred reads a task (64 "
            "quote cells, leaving thousands of offers in the cells its edges cut to score "
            "exactly) to over a thousand (256 cells, a few hundred offers), before any "
            "position or threshold is computed. So, by this count, even such an index (a large "
            "piece of work: upkeep as capacities move, exactness at every cell edge) would "
            "at best come near 10x, not clearly under it; a compiled kernel could, which the "
            "pure-Python runtime rules out. Meeting it takes another measure (the request as "
            "it runs, below, or a time per ranked task)."
        ),
        "",
        f"A request does not wait for all of it: it ranks the newest eligible tasks only, "
        f"as many as {RANKED_PAIRS:,} (task, offer) pairs allow "
        f"({RANKED_PAIRS // n:,} tasks among {n:,} offers; "
        "`OFFLOAD_OPPORTUNITIES_RANKED_PAIRS`), and says how many in `ranked`; the counts "
        "and price sensitivity still cover every listed task. That is the row "
        f"'opportunities as a request runs them': {capped / base:.1f}x one match. The "
        "whole request, beside a whole match request, is in 'What vendors see over HTTP' "
        "below.",
        "",
        f"The single view costs {results['single view'][0] / base:.2f}x one match: one check "
        "and one scoring of the eligible offers, one comparison pass for the rank, and the "
        "fixes for one offer in plain Python.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench vendors",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--tasks", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=5, help="timings per variant per run")
    parser.add_argument("--runs", type=int, default=1, help="whole tables; the median is shown")
    parser.add_argument("--output", default="docs/performance.md", help="'-' prints instead")
    args = parser.parse_args(argv)
    from bench.databases import machine

    print(f"vendors: {args.offers:,} offers, {args.tasks:,} tasks ...", flush=True)
    results, found, compared = run(args.offers, args.tasks, args.repeat, args.runs)
    command = " ".join(["python -m bench vendors", *argv])
    text = section(args.offers, args.tasks, results, found, compared, machine(), command)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        report.replace_section(Path(args.output), text)
        print(f"wrote {args.output}")
