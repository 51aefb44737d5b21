"""Rate limits per API key: a token bucket, in-process or shared through Redis.

Each key has a bucket of ``burst`` tokens refilled at ``rate`` tokens a second; a request
takes one, and a batch one per object it creates (``cost``). In-process buckets suit one
worker; with ``OFFLOAD_REDIS_URL`` set, every worker shares one bucket per key through an
atomic Lua script, so N workers do not give N times the limit.
"""

import logging
import math
import threading
import time
from dataclasses import dataclass
from typing import Protocol

logger = logging.getLogger(__name__)

REDIS_SCRIPT = """
local key = KEYS[1]
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local state = redis.call('HMGET', key, 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', key, 'tokens', tokens, 'at', now)
redis.call('EXPIRE', key, math.ceil(burst / rate) + 1)
return {allowed, tostring(tokens)}
"""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int  # until the bucket is full again
    retry_after: int  # until one token is back; 0 when allowed
    window: int  # seconds a full bucket takes to refill

    def headers(self) -> dict[str, str]:
        """IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers)."""
        headers = {
            "RateLimit-Policy": f'"default";q={self.limit};w={self.window}',
            "RateLimit": f'"default";r={self.remaining};t={self.reset_seconds}',
        }
        if not self.allowed:
            headers["Retry-After"] = str(self.retry_after)
        return headers


class Limiter(Protocol):
    # Whether ``hit`` may wait on the network: then it is never called on the event loop.
    blocking: bool

    def hit(self, key: str, cost: int = 1) -> Decision:
        """Take ``cost`` tokens from ``key``'s bucket, all or none."""
        ...


def _decision(tokens: float, allowed: bool, rate: float, burst: int, cost: int) -> Decision:
    return Decision(
        allowed=allowed,
        limit=burst,
        remaining=max(0, math.floor(tokens)),
        reset_seconds=math.ceil((burst - tokens) / rate),
        retry_after=0 if allowed else max(1, math.ceil((cost - tokens) / rate)),
        window=math.ceil(burst / rate),
    )


class LocalLimiter:
    """Buckets in this process's memory."""

    blocking = False

    def __init__(self, *, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, cost: int = 1) -> Decision:
        now = time.monotonic()
        with self._lock:
            tokens, at = self._buckets.get(key, (float(self.burst), now))
            tokens = min(self.burst, tokens + (now - at) * self.rate)
            allowed = tokens >= cost
            if allowed:
                tokens -= cost
            self._buckets[key] = (tokens, now)
        return _decision(tokens, allowed, self.rate, self.burst, cost)


class RedisLimiter:
    """Buckets in Redis, shared by every worker; one round trip per request.

    While Redis cannot be reached, each worker falls back to its own buckets rather than
    failing requests or dropping limits altogether, and asks Redis again only every
    ``recheck_seconds``, so requests do not each wait out a connection timeout. The outage
    and the recovery are logged once each, not once per request.
    """

    blocking = True

    def __init__(self, url: str, *, rate: float, burst: int, recheck_seconds: float = 5.0) -> None:
        import redis

        self.rate, self.burst = rate, burst
        self._errors = (redis.RedisError, OSError)
        self._redis = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        self._script = self._redis.register_script(REDIS_SCRIPT)
        self._fallback = LocalLimiter(rate=rate, burst=burst)
        self._recheck_seconds = recheck_seconds
        self._down_since: float | None = None  # monotonic time of the last failure
        self._state = threading.Lock()

    def hit(self, key: str, cost: int = 1) -> Decision:
        down_since = self._down_since
        if down_since is not None and time.monotonic() - down_since < self._recheck_seconds:
            return self._fallback.hit(key, cost)
        try:
            allowed, tokens = self._script(
                keys=[f"offload:ratelimit:{key}"],
                args=[self.rate, self.burst, time.time(), cost],
            )
        except self._errors as exc:
            with self._state:
                went_down, self._down_since = self._down_since is None, time.monotonic()
            if went_down:
                logger.warning(
                    "Redis unreachable (%s); rate limiting per worker until it is back", exc
                )
            return self._fallback.hit(key, cost)
        if down_since is not None:
            with self._state:
                came_back, self._down_since = self._down_since is not None, None
            if came_back:
                logger.info("Redis reachable again; rate limits are shared again")
        return _decision(float(tokens), bool(allowed), self.rate, self.burst, cost)


def make_limiter(*, rate: float, burst: int, redis_url: str | None) -> Limiter:
    if redis_url:
        return RedisLimiter(redis_url, rate=rate, burst=burst)
    return LocalLimiter(rate=rate, burst=burst)
