"""What vendors see through the whole stack (auth, session, offer index, kernels, JSON),
beside one match, in process.

    python -m bench.vendors_http                          # 100,000 offers, SQLite and PostgreSQL
    python -m bench.vendors_http --offers 10000 --databases sqlite --output -

N bookkeeping offers (bench/data.py) and 5,000 listed open bookkeeping tasks of businesses in
four countries (bench/vendors.py's ``listed_tasks``), stored. Each variant is one request
through a ``TestClient`` on the real app, every variant run in turn in the same loop so load
on the machine falls on all alike: one match (``GET /v1/tasks/{task_id}/matches``, computed:
the app's answer cache is off, or every repeat would be a cached answer), the single-service
view (``GET /v1/tasks/{task_id}/matches/{service_id}``) and the service's opportunities
(``GET /v1/vendors/{vendor_id}/services/{service_id}/opportunities``, as a request serves
them: the counts over every listed task, ranks for the newest eligible ones within
``OFFLOAD_OPPORTUNITIES_RANKED_PAIRS``). The service is the median, by how many tasks it is
eligible for, of the first 30 vendors' services; each opportunity on the first page must
have the rank its single-service view gives, or the run fails.
"""

from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import insert, select

from api import migrate
from api.businesses.models import Business
from api.ids import new_id
from api.main import create_app
from api.services.models import Service
from api.settings import Settings
from api.tasks.models import Task
from api.vendors.models import Vendor
from bench import report
from bench.advisor import timed_side_by_side
from bench.data import populate
from bench.databases import database as _database
from bench.databases import machine
from bench.vendors import listed_tasks

ADMIN_KEY = "bench-admin-key-0123456789"
HEADERS = {"Authorization": f"Bearer {ADMIN_KEY}"}
SECTION = report.VENDORS_HTTP
LISTED = 5_000
ZONES = {
    "US": "America/New_York",
    "GB": "Europe/London",
    "CA": "America/Toronto",
    "MX": "America/Mexico_City",
}


def _list_tasks(engine) -> None:
    """Store ``LISTED`` listed open tasks, each of a business in its country."""
    now = datetime.now(UTC)
    business = {country: new_id("biz") for country in ZONES}
    with engine.begin() as conn:
        conn.execute(
            insert(Business),
            [
                {
                    "id": business_id,
                    "name": f"Listed {country}",
                    "country": country,
                    "timezone": ZONES[country],
                    "languages": ["en"],
                    "currency": "USD",
                    "created_at": now,
                    "updated_at": now,
                }
                for country, business_id in business.items()
            ],
        )
        conn.execute(
            insert(Task),
            [
                {
                    "id": new_id("tsk"),
                    "business_id": business[spec.country],
                    "task_type": spec.task_type,
                    "title": "Listed books",
                    "description": "",
                    "volume": spec.volume,
                    "budget_currency": spec.currency,
                    "budget_min": spec.budget_min,
                    "budget_max": spec.budget_max,
                    "skills": list(spec.skills),
                    "required_certifications": [],
                    "languages": list(spec.languages),
                    "coverage": None,
                    "weights": None,
                    "status": "open",
                    "visibility": "listed",
                    "created_at": now,
                    "updated_at": now,
                }
                for spec in listed_tasks(LISTED)
            ],
        )


def run(kind: str, n: int, repeat: int, tmp: Path) -> tuple[dict[str, tuple[float, float]], dict]:
    url, drop = _database(kind, tmp)
    app = None
    try:
        migrate.upgrade(url)
        settings = Settings(
            database_url=url,
            admin_key=ADMIN_KEY,
            rate_limit_burst=10**9,
            match_cache_bytes=0,
            _env_file=None,
        )
        app = create_app(settings)
        task_id = populate(app.state.engine, n)
        _list_tasks(app.state.engine)
        with app.state.engine.connect() as conn:
            services = conn.execute(
                select(Service.id, Service.vendor_id)
                .join(Vendor)
                .where(Vendor.name.in_([f"Vendor {i}" for i in range(30)]))  # the same each run
                .order_by(Service.id)
            ).all()
        with TestClient(app) as client:

            def get(path):
                response = client.get(path, headers=HEADERS)
                assert response.status_code == 200, response.text
                return response.json()

            def opportunities(service_id, vendor_id):
                return get(f"/v1/vendors/{vendor_id}/services/{service_id}/opportunities")

            by_eligible = sorted(
                (opportunities(*service)["eligible"], *service) for service in services
            )
            _, service_id, vendor_id = by_eligible[len(by_eligible) // 2]
            found = opportunities(service_id, vendor_id)
            for item in found["data"]:
                view = get(f"/v1/tasks/{item['task_id']}/matches/{service_id}")
                if view["rank"] != item["rank"] or view["score"] != item["score"]:
                    raise SystemExit("an opportunity disagrees with its single-service view")
            facts = {k: found[k] for k in ("listed_tasks", "eligible", "ranked")}
            variants = {
                "one match": lambda: get(f"/v1/tasks/{task_id}/matches"),
                "single view": lambda: get(f"/v1/tasks/{task_id}/matches/{service_id}"),
                "opportunities": lambda: opportunities(service_id, vendor_id),
            }
            return timed_side_by_side(variants, repeat), facts
    finally:
        if app is not None:
            app.state.engine.dispose()
        drop()


def section(results, command: str) -> str:
    lines = [
        SECTION,
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `{command}` on: {machine()}.",
        "One request at a time through the real app in process (`TestClient`: auth, rate "
        "limit, session, offer index, kernels, JSON), on N bookkeeping offers "
        f"(`bench/data.py`) and {LISTED:,} listed open bookkeeping tasks "
        "(`bench/vendors.py`'s), every variant run in turn in the same loop "
        "(`bench/vendors_http.py`). One match is computed each time (the answer cache is "
        "off). Opportunities are as a request serves them: counts and price sensitivity over "
        "every listed task, ranks for the newest eligible tasks within "
        "`OFFLOAD_OPPORTUNITIES_RANKED_PAIRS`. Each opportunity on the first page had the "
        "rank its single-service view gives (the run aborts otherwise). Besides the "
        "kernels (split in 'What vendors see' above), an opportunities request reads the "
        "listing (one query of plain columns, JSON decoded once per distinct value) and "
        "writes the page as JSON.",
        "",
        *report.ratio_table({key: rows for key, (rows, _) in results.items()}),
    ]
    lines.append("")
    for (kind, n), (_, facts) in results.items():
        lines.append(
            f"- {kind}, {n:,} offers: the service was eligible for {facts['eligible']:,} of "
            f"{facts['listed_tasks']:,} listed tasks; the request ranked {facts['ranked']:,}."
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    report.http_bench(
        "bench.vendors_http",
        __doc__,
        run=run,
        section=section,
        offers="100000",
        databases="sqlite,postgresql",
        repeat=15,
    )


if __name__ == "__main__":
    main()
