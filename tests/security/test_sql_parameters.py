"""SQL parameters never reach the logs: a failing query's values (here, the hash of the API
key being looked up) are left out of the error the server logs."""

import time

import httpx
from sqlalchemy import create_engine, text

from api import migrate
from api.auth import hash_secret
from tests.helpers import bearer


def test_a_logged_database_error_carries_no_parameter_values(start_server, new_database):
    url = new_database()
    migrate.upgrade(url)
    broken = create_engine(url)
    with broken.begin() as conn:  # the key lookup, which binds the key's hash, now fails
        conn.execute(text("ALTER TABLE api_keys RENAME TO api_keys_elsewhere"))
    broken.dispose()
    server = start_server(database_url=url)
    secret = "ofk_" + "parameter-that-must-not-be-logged-0123456789"

    response = httpx.get(server.url + "/v1/businesses", headers=bearer(secret), timeout=30)

    assert response.status_code == 500
    deadline = time.monotonic() + 15  # the server logs the error after it has answered
    while "api_keys" not in (log := server.log.read_text()):
        assert time.monotonic() < deadline, f"the error, with its SQL, is not logged: {log}"
        time.sleep(0.05)
    assert hash_secret(secret) not in log
    assert secret not in log
