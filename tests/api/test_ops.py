import threading

from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings


def test_healthz_needs_no_key(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ok_when_the_schema_is_at_head(client):
    body = client.get("/readyz").json()
    assert body["status"] == "ok"
    assert body["migration"] == body["head"] is not None


def test_readyz_is_unavailable_before_migrations_run(new_database):
    app = create_app(Settings(database_url=new_database()))
    with TestClient(app) as fresh:
        response = fresh.get("/readyz")
    app.state.engine.dispose()
    assert response.status_code == 503
    assert response.json()["migration"] is None


def test_metrics_are_prometheus_text(client):
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "offload_uptime_seconds" in response.text
    assert "offload_requests_refused" in response.text


def test_readyz_says_warming_until_the_offer_index_is_built_and_healthz_is_up_meanwhile(
    settings, market, client
):
    market.service(market.vendor()["id"])
    app = create_app(settings)
    index_built = threading.Event()
    build = app.state.offer_index.snapshot

    def held_build(**kwargs):
        index_built.wait(timeout=30)
        return build(**kwargs)

    app.state.offer_index.snapshot = held_build
    with TestClient(app) as fresh:
        warming = fresh.get("/readyz")
        assert fresh.get("/healthz").status_code == 200
        index_built.set()
        assert app.state.warmup.wait(30)
        ready = fresh.get("/readyz")
    app.state.engine.dispose()
    assert (warming.status_code, warming.json()["status"]) == (503, "warming")
    assert "offer index" in warming.json()["reason"]
    assert (ready.status_code, ready.json()["status"]) == (200, "ok")
    assert app.state.offer_index.full_builds == 1  # built before any match asked for it
