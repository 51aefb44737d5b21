"""The client address that limits callers without a key: X-Forwarded-For is believed only
from OFFLOAD_TRUSTED_PROXIES, and then only up to the rightmost address not a trusted proxy.
"""

from ipaddress import ip_network

import httpx
import pytest
from pydantic import ValidationError

from api.callers import forwarded_client
from api.settings import Settings

PROXIES = [ip_network("10.0.0.0/8"), ip_network("192.168.1.1"), ip_network("fd00::/8")]


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "client"),
    [
        # Not from a trusted proxy: the header is the caller's own invention.
        ("203.0.113.9", ["198.51.100.1"], "203.0.113.9"),
        ("127.0.0.1", ["198.51.100.1"], "127.0.0.1"),
        # From a trusted proxy: the address it got the request from.
        ("10.0.0.2", ["198.51.100.1"], "198.51.100.1"),
        ("10.0.0.2", [], "10.0.0.2"),
        # A chain of trusted proxies is walked from the right.
        ("10.0.0.2", ["198.51.100.1, 192.168.1.1, 10.9.9.9"], "198.51.100.1"),
        ("10.0.0.2", ["198.51.100.1", "192.168.1.1"], "198.51.100.1"),
        # Entries the client wrote itself, left of the real one, change nothing.
        ("10.0.0.2", ["1.2.3.4, 5.6.7.8, 198.51.100.1"], "198.51.100.1"),
        ("10.0.0.2", ["10.0.0.7, 198.51.100.1"], "198.51.100.1"),
        # Garbage stops the walk at the trusted proxy that passed it on.
        ("10.0.0.2", ["198.51.100.1, not-an-ip"], "10.0.0.2"),
        ("10.0.0.2", ["198.51.100.1, 10.0.0.3, garbage, 10.0.0.4"], "10.0.0.4"),
        # Empty list elements are no hop at all.
        ("10.0.0.2", ["198.51.100.1, , 10.0.0.3, "], "198.51.100.1"),
        # Only proxies: the leftmost is the best known.
        ("10.0.0.2", ["10.0.0.5, 10.0.0.4"], "10.0.0.5"),
        # IPv6, and IPv4 written as IPv6.
        ("fd00::1", ["2001:db8::7"], "2001:db8::7"),
        ("::ffff:10.0.0.2", ["198.51.100.1"], "198.51.100.1"),
    ],
)
def test_the_client_is_the_rightmost_address_not_a_trusted_proxy(peer, forwarded_for, client):
    assert forwarded_client(peer, forwarded_for, PROXIES) == client


def test_with_no_trusted_proxies_the_header_is_never_believed():
    assert forwarded_client("10.0.0.2", ["198.51.100.1"], []) == "10.0.0.2"


def test_trusted_proxies_must_be_addresses_or_networks():
    assert Settings(trusted_proxies=["127.0.0.1", "10.0.0.0/8"]).trusted_proxies == [
        ip_network("127.0.0.1"),
        ip_network("10.0.0.0/8"),
    ]
    with pytest.raises(ValidationError):
        Settings(trusted_proxies=["proxy.internal"])


def _failed_logins(server, forwarded_for: list[str]) -> list[int]:
    return [
        httpx.get(
            server.url + "/v1/businesses",
            headers={"Authorization": "Bearer ofk_guess", "X-Forwarded-For": address},
        ).status_code
        for address in forwarded_for
    ]


TIGHT = {"rate_limit_burst": "3", "rate_limit_per_second": "0.01"}


def test_a_local_caller_cannot_pick_its_address_on_a_default_server(start_server):
    # `offload serve` as operators run it: no proxy is trusted, not even 127.0.0.1.
    server = start_server(via_cli=True, **TIGHT)
    spoofed = [f"198.51.100.{i}" for i in range(5)]
    assert _failed_logins(server, spoofed) == [401, 401, 401, 429, 429]


def test_behind_a_trusted_proxy_each_client_has_its_own_bucket_and_cannot_forge_another(
    start_server,
):
    server = start_server(via_cli=True, trusted_proxies='["127.0.0.1"]', **TIGHT)
    assert _failed_logins(server, [f"198.51.100.{i}" for i in range(5)]) == [401] * 5
    forged = [f"203.0.113.{i}, 198.51.100.77" for i in range(5)]
    assert _failed_logins(server, forged) == [401, 401, 401, 429, 429]
