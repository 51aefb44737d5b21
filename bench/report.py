"""docs/performance.md from a benchmark run: tables first, then what they mean."""

from datetime import UTC, datetime
from pathlib import Path

TARGETS = """\
| target | measured | met? |
|---|---|---|
{rows}
"""


def _ms(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:,.1f}"


def write(path: Path, results: dict, machine: str, command: str) -> None:
    lines = [
        "# Performance",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `{command}` on: {machine}.",
        "The machine is shared and has 2 cores, so each figure is a median of repeated runs, "
        "and every comparison below is between variants measured side by side in the same run "
        "on the same data (one task type, seed 1; the task asks for 300 transactions, "
        "200.00-600.00 USD, two skills, English, 09:00-17:00 New York weekdays).",
        "",
        "Variants: **(a)** ORM objects loaded and scored in a Python loop; **(b)** hard "
        "constraints in SQL, Python scoring over plain rows; **(c)** Offload's offer index, the "
        "production path (freshness check against the change log, ranking, explanations for "
        "the top 20); **(d)** the floor: the same arithmetic on preloaded arrays, no "
        "explanations, no I/O. All four returned the same top 20 as the exact scorer in every "
        "cell (the run aborts otherwise).",
        "",
        "## Ranking one task (milliseconds)",
        "",
        "| database | offers | (a) median / p95 | (b) median / p95 | (c) median / p95 | (d) median / p95 | (a)/(c) | (b)/(c) | (c)/(d) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for (kind, n), r in results.items():
        rows = r["rows"]
        cells = " | ".join(f"{_ms(rows[v][0])} / {_ms(rows[v][1])}" for v in "abcd")
        lines.append(
            f"| {kind} | {n:,} | {cells} | {rows['a'][0] / rows['c'][0]:,.0f}x | "
            f"{rows['b'][0] / rows['c'][0]:,.0f}x | {rows['c'][0] / rows['d'][0]:.2f}x |"
        )
    lines += [
        "",
        "## Index memory and bulk insert",
        "",
        "| database | offers | index arrays | whole index (arrays + offer objects) | benchmark data load (Core executemany) |",
        "|---|---|---|---|---|",
    ]
    for (kind, n), r in results.items():
        lines.append(
            f"| {kind} | {n:,} | {r['array_bytes'] / 2**20:.1f} MiB | {r['index_bytes'] / 2**20:.1f} MiB "
            f"| {r['insert_rate']:,.0f} services/s |"
        )
    web = [(kind, n, r["http"]) for (kind, n), r in results.items() if r["http"]]
    if web:
        lines += [
            "",
            "## Over HTTP (one uvicorn worker, wrk for 10 s per row, same run)",
            "",
            "| database | offers | route | connections | p50 ms | p90 ms | p99 ms | requests/s | non-2xx |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for kind, n, http in web:
            for connections in (1, 4):
                for route, label in (
                    ("matches", "GET /v1/tasks/{id}/matches"),
                    ("healthz", "GET /healthz"),
                ):
                    h = http[(route, connections)]
                    lines.append(
                        f"| {kind} | {n:,} | `{label}` | {connections} | {h['p50']:.2f} | "
                        f"{h['p90']:.2f} | {h['p99']:.2f} | {h['rps']:,.0f} | {h['errors']} |"
                    )
            share = http[("matches", 4)]["rps"] / http[("healthz", 4)]["rps"]
            lines.append(
                f"| {kind} | {n:,} | matches / healthz throughput | 4 | | | | {share:.0%} | |"
            )
    imports = [(kind, r["import_rate"]) for (kind, _), r in results.items() if r["import_rate"]]
    if imports:
        lines += [
            "",
            "## Bulk import through `api.imports` (5,000 vendors, 20,000 services, validation included)",
            "",
            "| database | services/s |",
            "|---|---|",
        ]
        lines += [f"| {kind} | {rate:,.0f} |" for kind, rate in imports]
    kept = [line for heading in KEPT for line in ["", *_section(path, heading)] if path.exists()]
    path.write_text("\n".join(lines + kept).rstrip("\n") + "\n")


# Sections other benchmarks write (`python -m bench overload`, `advisor`, `vendors`, `allocation`,
# `python -m bench.advice_http`); a run of this one keeps them as they are.
OVERLOAD = "## Overload"
ADVISOR = "## The advisor"
ADVISOR_HTTP = "## The advisor over HTTP"
EVENTS = "## Events and webhooks"
VENDORS = "## What vendors see"
ALLOCATION = "## Allocation"
WORKSPACE = "## The workspace"
KEPT = (ADVISOR, ADVISOR_HTTP, VENDORS, ALLOCATION, OVERLOAD, EVENTS, WORKSPACE)


def _bounds(lines: list[str], heading: str) -> tuple[int, int] | None:
    """Where the section under ``heading`` (the whole heading, or before a colon) starts and
    ends in ``lines``."""
    start = next(
        (i for i, line in enumerate(lines) if line == heading or line.startswith(heading + ":")),
        None,
    )
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return start, end


def _section(path: Path, heading: str) -> list[str]:
    lines = path.read_text().splitlines()
    found = _bounds(lines, heading)
    return [] if found is None else lines[found[0] : found[1]]


def replace_section(path: Path, section: list[str] | str) -> None:
    """Put ``section`` (its first line is its heading) in place of the section under the
    same heading, or at the end; the rest of the file stays as it is."""
    new = section.rstrip("\n").splitlines() if isinstance(section, str) else section
    lines = path.read_text().splitlines() if path.exists() else ["# Performance"]
    found = _bounds(lines, new[0])
    if found is None:
        lines += ["", *new]
    else:
        start, end = found
        tail = lines[end:]
        lines = lines[:start] + new + (["", *tail] if tail else [])
    path.write_text("\n".join(lines).rstrip("\n") + "\n")
