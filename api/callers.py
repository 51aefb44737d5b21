"""Who is calling and whether they may call now: authentication and rate limits.

:func:`check_caller` runs before anything acts for the caller. The ``get_principal``
dependency calls it, and so does the Idempotency middleware, which must know the caller
before it replays or claims anything. A request's tokens are taken once whichever asks first: the
decision is kept on the request's scope, so a request is never counted twice.

Callers without a key are counted by client address (:func:`client_address`), which
believes ``X-Forwarded-For`` only from the proxies in ``OFFLOAD_TRUSTED_PROXIES``.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

from fastapi import Request
from fastapi.security.utils import get_authorization_scheme_param
from sqlmodel import Session

from api.auth import Principal, authenticate
from api.clock import request_clock
from api.errors import FieldError, Invalid, TooManyRequests, Unauthorized
from api.keys.models import Role
from api.logs import note_key
from api.principals import PrincipalCache
from api.ratelimit import Decision, Limiter

SETTINGS_ADMIN_ID = "admin-from-settings"  # stands in for the bootstrap admin key's key id
_COUNTED = "offload.rate_limit"  # scope["state"] entry: the decisions taken for this request


def _parse(text: str) -> IPv4Address | IPv6Address | None:
    try:
        address = ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def forwarded_client(
    peer: str, forwarded_for: Sequence[str], trusted: Sequence[IPv4Network | IPv6Network]
) -> str:
    """The client behind ``peer``: walking ``X-Forwarded-For`` from the right, the first
    address that is not a trusted proxy.

    Each proxy appends the address it got the request from, so entries left of the first
    untrusted one were written by someone we do not trust and are ignored; a client cannot
    escape its limit by sending the header itself. A malformed entry ends the walk at the
    trusted proxy that passed it on.
    """

    def is_trusted(address: IPv4Address | IPv6Address | None) -> bool:
        return address is not None and any(address in network for network in trusted)

    client = peer
    if not is_trusted(_parse(peer)):
        return client
    # Empty list elements are allowed in HTTP (RFC 9110 §5.6.1) and mean nothing.
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            return client
        client = str(address)
        if not is_trusted(address):
            return client
    return client  # every hop is a trusted proxy: the leftmost is the best we know


def client_address(request: Request) -> str:
    """The address a request comes from, for limits on callers without a key."""
    peer = request.client.host if request.client else "unknown"
    trusted = request.app.state.settings.trusted_proxies
    return forwarded_client(peer, request.headers.getlist("x-forwarded-for"), trusted)


def bearer_token(authorization: str | None) -> str | None:
    """The key in ``Authorization: Bearer <key>``, read as FastAPI's ``HTTPBearer`` reads it."""
    scheme, token = get_authorization_scheme_param(authorization)
    return token if authorization and scheme.lower() == "bearer" and token else None


def count(request: Request, bucket: str) -> Decision:
    """Take one token for this request from ``bucket``; asking again returns the same
    decision rather than a second token."""
    counted: dict[str, Decision] = request.scope.setdefault("state", {}).setdefault(_COUNTED, {})
    if bucket not in counted:
        limiter: Limiter = request.app.state.limiter
        counted[bucket] = limiter.hit(bucket)
    return counted[bucket]


def limited(decision: Decision) -> TooManyRequests:
    return TooManyRequests(
        f"Rate limit exceeded; retry in {decision.retry_after} s.", headers=decision.headers()
    )


def check_caller(
    request: Request,
    *,
    session: Session,
    token: str | None,
    touch: Callable[[str], None] = lambda key_id: None,
) -> tuple[Principal, Decision]:
    """The caller, counted against its key's bucket (failed attempts against the client
    address's, so guessing keys is limited too). Raises 401 or 429."""
    try:
        principal = _remembered_or_read(request, session=session, token=token, touch=touch)
    except Unauthorized:
        decision = count(request, f"failed-auth:{client_address(request)}")
        if not decision.allowed:
            raise limited(decision) from None
        raise
    return principal, charge(request, principal)


def charge(request: Request, principal: Principal) -> Decision:
    """Count a known caller against its bucket; raises 429 when it is empty."""
    decision = count(request, bucket_of(principal))
    if not decision.allowed:
        raise limited(decision)
    return decision


def recall(request: Request, token: str, *, now: datetime) -> tuple[Principal, bool] | None:
    """The caller behind ``token`` if this worker remembers it (api/principals.py), noted
    for the access log, and whether its last use is due to be recorded again."""
    cache: PrincipalCache = request.app.state.principals
    found = cache.get(token, now=now)
    if found is not None and found[0].key_id is not None:
        note_key(found[0].key_id)
    return found


def _remembered_or_read(
    request: Request, *, session: Session, token: str | None, touch: Callable[[str], None]
) -> Principal:
    """The caller from this worker's cache of recently read keys (api/principals.py), else
    from its key's row, which is then remembered."""
    now = request_clock(request)()
    found = recall(request, token, now=now) if token else None
    if found is not None:
        principal, stale_use = found
        if principal.key_id is not None and stale_use:
            touch(principal.key_id)
        return principal
    principal = authenticate(
        session=session,
        settings=request.app.state.settings,
        token=token,
        now=now,
        stale_last_used=touch,
    )
    if token:
        cache: PrincipalCache = request.app.state.principals
        cache.put(token, principal, now=now)
    return principal


def bucket_of(principal: Principal) -> str:
    """Whose tokens a caller spends: a partner's keys share one bucket, since a partner
    may mint itself more keys and would otherwise multiply its limit with each."""
    if principal.role is Role.partner and principal.partner_id is not None:
        return f"partner:{principal.partner_id}"
    return principal.key_id or SETTINGS_ADMIN_ID


def check_anonymous(request: Request) -> Decision:
    """A route anyone may call is limited per client address instead of per key."""
    decision = count(request, f"anonymous:{client_address(request)}")
    if not decision.allowed:
        raise limited(decision)
    return decision


def charge_objects(request: Request, principal: Principal, *, objects: int) -> Decision:
    """A request that creates ``objects`` objects costs a token for each, all or none: the
    request itself paid for one. Limits count objects, not requests, so a batch cannot
    create more than a key could one by one."""
    limiter: Limiter = request.app.state.limiter
    burst: int = request.app.state.settings.rate_limit_burst
    if objects > burst:
        # Waiting would never help: the bucket is never this full.
        raise Invalid(
            f"A batch costs one rate-limit token per item and this key's bucket holds "
            f"{burst}; send at most {burst} items per request.",
            errors=[
                FieldError(
                    field="body.items",
                    message=f"at most {burst} items per request with this key's rate limit",
                    code="too_long",
                )
            ],
        )
    decision = limiter.hit(bucket_of(principal), objects - 1) if objects > 1 else None
    if decision is None:
        return count(request, bucket_of(principal))
    if not decision.allowed:
        raise limited(decision)
    return decision
