"""Clients that send their headers or body too slowly (slowloris) are cut off, against a
real server over raw sockets; prompt clients are not."""

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.helpers import ADMIN_KEY

TIMEOUT = "2"  # seconds, for headers and for bodies
PATIENCE = 8.0  # how long a test waits for the server to act before calling it stuck


@pytest.fixture(scope="module")
def server(start_server):
    return start_server(header_timeout_seconds=TIMEOUT, body_timeout_seconds=TIMEOUT)


def _connect(url):
    address = httpx.URL(url)
    return socket.create_connection((address.host, address.port), timeout=PATIENCE)


def _trickle_until_answered(sock, first, drip):
    """Send ``first``, then one byte of ``drip`` every 0.2 s until the server answers; all
    it sent, up to the connection's end (b"" if it closed without a word)."""
    sock.sendall(first)
    sock.settimeout(0.2)
    deadline = time.monotonic() + PATIENCE
    received = b""
    for byte in drip:
        if time.monotonic() > deadline:
            break
        try:
            sock.sendall(bytes([byte]))
        except (BrokenPipeError, ConnectionResetError):
            break
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            continue
        except ConnectionResetError:
            break
        received += chunk
        if not chunk:
            return received
        break
    return received + _rest(sock)


def _rest(sock):
    sock.settimeout(PATIENCE)
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except TimeoutError:
        pytest.fail(f"the server kept the connection open after {received!r}")
    except ConnectionResetError:
        pass
    return received


def test_headers_trickled_in_past_the_deadline_get_a_408_and_the_connection_closed(server):
    with _connect(server.url) as sock:
        answer = _trickle_until_answered(
            sock, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ", b"a" * 1000
        )

    assert answer.startswith(b"HTTP/1.1 408 "), answer
    assert b"application/problem+json" in answer


def test_a_connection_that_never_sends_a_request_is_closed(server):
    with _connect(server.url) as sock:
        assert _rest(sock) == b""


def test_a_body_trickled_in_past_the_deadline_gets_a_408_and_the_connection_closed(server):
    head = (
        b"POST /v1/businesses HTTP/1.1\r\nHost: x\r\n"
        b"Authorization: Bearer " + ADMIN_KEY.encode() + b"\r\n"
        b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
    )
    with _connect(server.url) as sock:
        answer = _trickle_until_answered(sock, head + b'{"name": "', b"a" * 1000)

    assert answer.startswith(b"HTTP/1.1 408 "), answer
    assert b"request body took longer" in answer


def test_a_prompt_client_keeps_its_connection_across_requests(server):
    with httpx.Client(base_url=server.url) as client:
        first = client.get("/healthz")
        time.sleep(0.2)
        second = client.get("/healthz")

    assert first.status_code == second.status_code == 200


def test_offload_serve_cuts_off_slow_clients_and_names_no_software(database_url, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "OFFLOAD_DATABASE_URL": database_url,
        "OFFLOAD_HEADER_TIMEOUT_SECONDS": TIMEOUT,
    }
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-c", "from api.cli import app; app()", "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                response = httpx.get(url + "/healthz", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "offload serve did not start"
                time.sleep(0.2)

        assert response.status_code == 200
        assert "server" not in response.headers
        with _connect(url) as sock:
            answer = _trickle_until_answered(sock, b"GET /healthz HTTP/1.1\r\n", b"a" * 1000)
        assert answer.startswith(b"HTTP/1.1 408 "), answer
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
