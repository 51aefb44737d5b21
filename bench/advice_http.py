"""The advisor through the whole stack (auth, session, offer index, kernels, JSON), beside
one match, in process.

    python -m bench.advice_http                          # 10,000 and 100,000 offers, SQLite
    python -m bench.advice_http --offers 10000 --databases sqlite,postgresql --output -

A business with ten bookkeeping tasks (bench/advisor.py's, stored as task profiles) on a
market of N bookkeeping offers (bench/data.py). Each variant is one request through a
``TestClient`` on the real app, every variant run in turn in the same loop so load on the
machine falls on all alike: one match (``GET /v1/tasks/{task_id}/matches``), the market for
one task, the business's advice over its ten tasks, and the same ten inline
(``POST /v1/advice``). The stored and inline answers must agree, or the run fails.
"""

from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import insert, update

from api import migrate
from api.businesses.models import Business
from api.ids import new_id
from api.main import create_app
from api.settings import Settings
from api.tasks.models import Task
from bench import report
from bench.advisor import business_tasks, timed_side_by_side
from bench.data import TASK_TYPE, populate
from bench.databases import database as _database
from bench.databases import machine

ADMIN_KEY = "bench-admin-key-0123456789"
HEADERS = {"Authorization": f"Bearer {ADMIN_KEY}"}
SECTION = report.ADVISOR_HTTP
HOURS = (12, 3, 6, 20, 2, 30, 8, 1.5, 25, 5)  # what each of the ten costs the owner a month


def _terms(spec, hours):
    terms = {
        "task_type": spec.task_type,
        "volume": spec.volume,
        "budget": {"currency": spec.currency, "min": spec.budget_min, "max": spec.budget_max},
        "skills": list(spec.skills),
        "required_certifications": list(spec.required_certifications),
        "languages": list(spec.languages),
        "hours_spent_per_month": hours,
    }
    if spec.coverage is not None:
        terms["coverage"] = {
            "timezone": spec.coverage.timezone,
            "start": "09:00",
            "end": "17:00",
            "days": ["mon", "tue", "wed", "thu", "fri"],
        }
    return terms


def _business(engine, task_id):
    """Give the bench business an hourly value and the ten tasks; returns its id and the
    ten tasks' terms as an inline request would send them."""
    with engine.begin() as conn:
        business_id = (
            conn.execute(Task.__table__.select().where(Task.__table__.c.id == task_id))
            .one()
            ._mapping["business_id"]
        )
        conn.execute(
            update(Business)
            .where(Business.id == business_id)
            .values(hourly_value_amount=6000, hourly_value_currency="USD")
        )
        conn.execute(Task.__table__.delete().where(Task.__table__.c.id == task_id))
        now = datetime.now(UTC)
        inline = []
        for number, (spec, hours) in enumerate(zip(business_tasks(), HOURS, strict=True)):
            terms = _terms(spec, hours)
            inline.append({"title": f"Books {number}", **terms})
            budget = terms.pop("budget")
            conn.execute(
                insert(Task),
                [
                    {
                        "id": new_id("tsk"),
                        "business_id": business_id,
                        "title": f"Books {number}",
                        "description": "",
                        "budget_currency": budget["currency"],
                        "budget_min": budget["min"],
                        "budget_max": budget["max"],
                        "coverage": terms.pop("coverage", None),
                        "weights": None,
                        "status": "open",
                        "core": False,
                        "created_at": now,
                        "updated_at": now,
                        **terms,
                    }
                ],
            )
    return business_id, inline


def run(kind: str, n: int, repeat: int, tmp: Path) -> dict[str, tuple[float, float]]:
    url, drop = _database(kind, tmp)
    app = None
    try:
        migrate.upgrade(url)
        settings = Settings(
            database_url=url, admin_key=ADMIN_KEY, rate_limit_burst=10**9, _env_file=None
        )
        app = create_app(settings)
        task_id = populate(app.state.engine, n)
        business_id, inline = _business(app.state.engine, task_id)
        with TestClient(app) as client:
            stored_tasks = client.get(f"/v1/businesses/{business_id}/tasks", headers=HEADERS)
            first_id = stored_tasks.json()["data"][0]["id"]
            # Stored advice takes the tasks oldest first (by id); the inline request the same.
            by_title = {terms["title"]: terms for terms in inline}
            inline = [by_title[task["title"]] for task in stored_tasks.json()["data"]]

            def get(path, **params):
                response = client.get(path, params=params, headers=HEADERS)
                assert response.status_code == 200, response.text
                return response.json()

            def post(path, body):
                response = client.post(path, json=body, headers=HEADERS)
                assert response.status_code == 200, response.text
                return response.json()

            stored = get(f"/v1/businesses/{business_id}/advice")
            calculated = post("/v1/advice", {"hourly_value": HOURLY, "tasks": inline})
            for item in stored["data"]:
                item["task_id"] = None
            if stored != calculated:
                raise SystemExit("stored and inline advice disagree")
            variants = {
                "one match": lambda: get(f"/v1/tasks/{first_id}/matches"),
                "market, 1 task": lambda: get(
                    f"/v1/market/{TASK_TYPE}", volume=300, currency="USD", languages="en"
                ),
                "advice, stored, 10 tasks": lambda: get(f"/v1/businesses/{business_id}/advice"),
                "advice, inline, 10 tasks": lambda: post(
                    "/v1/advice", {"hourly_value": HOURLY, "tasks": inline}
                ),
            }
            return timed_side_by_side(variants, repeat)
    finally:
        if app is not None:
            app.state.engine.dispose()
        drop()


HOURLY = {"amount": 6000, "currency": "USD"}


def section(results, command: str) -> str:
    lines = [
        SECTION,
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `{command}` on: {machine()}.",
        "One request at a time through the real app in process (`TestClient`: auth, rate "
        "limit, session, offer index, kernels, JSON), on N bookkeeping offers "
        "(`bench/data.py`) and a business with ten bookkeeping tasks (`bench/advisor.py`'s), "
        "every variant run in turn in the same loop (`bench/advice_http.py`). The stored "
        "and inline advice were checked equal first.",
        "",
        *report.ratio_table(results),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    report.http_bench(
        "bench.advice_http",
        __doc__,
        run=run,
        section=section,
        offers="10000,100000",
        databases="sqlite",
        repeat=30,
    )


if __name__ == "__main__":
    main()
