"""The workspace in a real Chromium: how fast the owner's first view of 20 matches renders,
and the screenshots of every view at a phone's and a desktop's width.

    python -m bench web                  # first render, SQLite and PostgreSQL; docs/performance.md
    python -m bench web --runs 5 --databases sqlite        # a quick look
    python -m bench screenshots          # docs/screenshots/*.png, at 390 and 1440 px

A run starts `offload serve`'s app under uvicorn on a fresh database, builds the browser
tests' marketplace through the API (tests/web/world.py), and opens a sign-in link that goes
straight to a task's matches (`/app/#key=…&task=…`). The figure is the page's own mark,
`offload:matches-rendered`, set when 20 match cards with their factor bars are in the
document: milliseconds since navigation began, so it includes loading the page, signing
in (one request), the business, the advice, the tasks and the matches.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from playwright.sync_api import Page, sync_playwright

from api import migrate
from api.serving import PROTOCOL
from bench.databases import database, machine
from tests.web import world as worlds
from tests.web.browser import CHROMIUM, launch

KEY = "bench-admin-key-0123456789"
PORT = 8767
SCREENSHOTS = Path("docs/screenshots")
WIDTHS = (390, 1440)


@contextmanager
def serving(url: str) -> Iterator[str]:
    migrate.upgrade(url)
    env = {**os.environ, "OFFLOAD_DATABASE_URL": url, "OFFLOAD_ADMIN_KEY": KEY}
    env.setdefault("OFFLOAD_LOG_LEVEL", "warning")
    server = subprocess.Popen(
        [
            *[sys.executable, "-m", "uvicorn", "api.asgi:app", "--port", str(PORT)],
            *["--log-level", "error", "--http", PROTOCOL, "--no-server-header"],
            "--no-proxy-headers",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{PORT}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        else:
            raise SystemExit("uvicorn did not become ready")
        yield base
    finally:
        server.terminate()
        server.wait()


def first_render(page: Page, base: str, world: worlds.World) -> float:
    page.goto(f"{base}/app/#key={world.owner_key}&task={world.task_id}")
    # A locator, not wait_for_function: the page's policy forbids the eval that needs.
    page.locator("#matches-body .match").nth(worlds.MATCHES - 1).wait_for(timeout=60_000)
    count = page.locator("#matches-body .match").count()
    assert count == worlds.MATCHES, f"{count} matches rendered, not {worlds.MATCHES}"
    return float(
        page.evaluate("performance.getEntriesByName('offload:matches-rendered')[0].startTime")
    )


def measure(kind: str, runs: int) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        url, drop = database(kind, Path(tmp))
        try:
            with serving(url) as base, sync_playwright() as playwright:
                world = worlds.build(base, KEY)
                browser = launch(playwright)
                timings = []
                for run in range(runs + 1):  # the first warms the server's offer index
                    context = browser.new_context(viewport={"width": 1440, "height": 900})
                    took = first_render(context.new_page(), base, world)
                    context.close()
                    if run:
                        timings.append(took)
                browser.close()
                return timings
        finally:
            drop()


def report(results: dict[str, list[float]], runs: int, command: str) -> list[str]:
    lines = [
        "## The workspace: first render of 20 matches",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC with `{command}` on: "
        f"{machine()}; Debian's Chromium, headless, 1440 x 900.",
        "",
        "From navigation to the page's `offload:matches-rendered` mark: the page loads, signs "
        "in with a key from its link, reads the business, its advice and tasks, and renders 20 "
        f"matches with six factor bars each. A fresh browser context each time (no cache); "
        f"median and p90 of {runs} runs after one that warms the server.",
        "",
        "| database | median ms | p90 ms | min ms |",
        "|---|---|---|---|",
    ]
    for kind, timings in results.items():
        ordered = sorted(timings)
        p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
        lines.append(
            f"| {kind} | {statistics.median(timings):.0f} | {p90:.0f} | {ordered[0]:.0f} |"
        )
    return lines


def screenshots(out: Path) -> list[Path]:
    """Every view at both widths, each width on a fresh SQLite database."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for width in WIDTHS:
        with (
            tempfile.TemporaryDirectory() as tmp,
            serving(database("sqlite", Path(tmp))[0]) as base,
            sync_playwright() as playwright,
        ):
            world = worlds.build(base, KEY)
            browser = launch(playwright)
            # Opportunities first: once the owner proposes, the task is no longer open to others.
            for role in ("visitor", "vendor-opportunities", "owner", "vendor-proposals"):
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()

                def shot(name: str, page: Page = page, width: int = width) -> None:
                    path = out / f"{name}-{width}.png"
                    page.screenshot(path=str(path))
                    made.append(path)

                if role == "visitor":
                    page.goto(f"{base}/app/")
                    page.get_by_label("API key").fill("ofk_not-a-real-key")
                    page.get_by_role("button", name="Sign in").click()
                    page.get_by_role("alert").wait_for()
                    shot("sign-in-refused")
                elif role == "owner":
                    page.goto(f"{base}/app/#key={world.owner_key}")
                    page.locator("#advice .advice").first.wait_for()
                    shot("owner-advice")
                    page.get_by_role("button", name="Matches for Monthly books").click()
                    page.locator("#matches-body .match").first.wait_for()
                    page.locator("#matches-title").scroll_into_view_if_needed()
                    shot("owner-matches")
                    page.get_by_label("Service id").fill(world.blocked_service_id)
                    page.get_by_role("button", name="Explain").click()
                    page.locator("#matches-body .single").scroll_into_view_if_needed()
                    shot("owner-why-not")
                    page.get_by_role("button", name="Propose to Northwind Books").click()
                    page.locator("#engagements-body .engagement").wait_for()
                    page.locator("#engagements").scroll_into_view_if_needed()
                    shot("owner-engagements")
                elif role == "vendor-opportunities":
                    page.goto(f"{base}/app/#key={world.vendor_key}")
                    page.get_by_role("button", name="Opportunities for bookkeeping").click()
                    page.locator("#opportunities-body .opportunity").first.wait_for()
                    page.locator("#opportunities").scroll_into_view_if_needed()
                    shot("vendor-opportunities")
                else:
                    page.goto(f"{base}/app/#key={world.vendor_key}")
                    page.locator("#proposals-body .engagement").first.wait_for()
                    shot("vendor-proposals")
                context.close()
            browser.close()
    return made


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench web", description=__doc__)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--output", default="docs/performance.md")
    args = parser.parse_args(argv)
    if CHROMIUM is None:
        raise SystemExit("Debian's chromium package is needed: apt-get install chromium")
    results = {}
    for kind in args.databases.split(","):
        results[kind] = measure(kind, args.runs)
        print(kind, [round(t) for t in results[kind]], flush=True)
    from bench.report import replace_section

    command = " ".join(["python -m bench web", *argv])
    replace_section(Path(args.output), report(results, args.runs, command))
    print(f"wrote {args.output}")


def main_screenshots(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench screenshots")
    parser.add_argument("--output", default=str(SCREENSHOTS))
    args = parser.parse_args(argv)
    if CHROMIUM is None:
        raise SystemExit("Debian's chromium package is needed: apt-get install chromium")
    for path in screenshots(Path(args.output)):
        print(path)
