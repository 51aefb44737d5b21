"""Which URLs a webhook may be sent to, and an HTTP client that holds to it.

A webhook URL is a request the server makes on a partner's behalf, so it must not reach
what only the server can reach (server-side request forgery): the database, the metadata
service at 169.254.169.254, an admin port on localhost. The rule: https only, and every
address connected to must be globally routable (Python's ``ip_address(...).is_global``:
no private, loopback, link-local, shared, reserved, multicast or unspecified address,
IPv4-mapped IPv6 judged by its IPv4). ``OFFLOAD_WEBHOOK_ALLOW_PRIVATE=true`` lifts it, for
tests and local development, and admits plain http.

The rule is checked twice: on the URL when an endpoint is registered or changed (literal
addresses and local names; no DNS lookup, so registration does not depend on DNS), and on
the address each delivery actually connects to. The second check is the one that counts: a
name can resolve to a public address today and to 10.0.0.5 tomorrow (DNS rebinding), so the
client resolves the name itself, refuses a private answer, and connects to the address it
checked rather than resolving again.
"""

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".localdomain", ".home.arpa")
TIMEOUT_SECONDS = 10.0


class UrlRefused(ValueError):
    """A URL webhooks may not be sent to; the message says why."""


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check(url: str, *, allow_private: bool) -> str:
    """The URL if webhooks may be registered at it; else :class:`UrlRefused`."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise UrlRefused("not a valid URL") from exc
    schemes = ("https", "http") if allow_private else ("https",)
    if parsed.scheme not in schemes:
        raise UrlRefused("must be an https URL")
    if not parsed.host:
        raise UrlRefused("must name a host")
    if parsed.userinfo:
        raise UrlRefused("must not carry a user name or password")
    if parsed.fragment:
        raise UrlRefused("must not carry a #fragment")
    if allow_private:
        return url
    host = parsed.host.lower().rstrip(".")
    try:
        public = is_public(host)
    except ValueError:  # a name, not an address
        if host == "localhost" or host.endswith(LOCAL_SUFFIXES) or "." not in host:
            raise UrlRefused("must name a public host, not a local one") from None
        return url
    if not public:
        raise UrlRefused("must not point at a private, loopback or link-local address")
    return url


class GuardedBackend(httpcore.SyncBackend):
    """Resolves the host itself and connects only to an address that passes the rule."""

    def __init__(self, *, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        addresses = [str(info[4][0]) for info in answers]
        allowed = [a for a in addresses if self.allow_private or is_public(a)]
        if not allowed:
            raise httpcore.ConnectError(
                f"{host} resolves only to private, loopback or link-local addresses; "
                "webhooks are not sent there"
            )
        return super().connect_tcp(
            allowed[0], port, timeout, local_address, socket_options=socket_options
        )


def client(*, allow_private: bool) -> httpx.Client:
    """The one client deliveries go through: 10 s for everything, no redirects (a 3xx is a
    failure, never followed to where the rule was not checked), no proxies from the
    environment (they would connect for us, past the check)."""
    transport = httpx.HTTPTransport(retries=0)
    # httpx builds its connection pool without a way to name the network backend; replace
    # the pool with one that connects through the guarded backend.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        network_backend=GuardedBackend(allow_private=allow_private),
    )
    return httpx.Client(
        transport=transport,
        timeout=TIMEOUT_SECONDS,
        follow_redirects=False,
        trust_env=False,
    )
