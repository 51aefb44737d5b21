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
