"""Runtime configuration: one class, every field overridable as an ``OFFLOAD_*`` variable."""

from functools import lru_cache
from typing import Literal

from pydantic import Field, IPvAnyNetwork, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from matching import MatchConfig, Weights

# US dollars per unit, rounded, for demos and tests only: operators set real rates through
# OFFLOAD_EXCHANGE_RATES (a JSON object) and keep them current.
ILLUSTRATIVE_RATES = {
    "USD": 1.0,
    "EUR": 1.08,
    "GBP": 1.27,
    "CAD": 0.73,
    "AUD": 0.66,
    "NZD": 0.60,
    "CHF": 1.13,
    "INR": 0.012,
    "PHP": 0.018,
    "PKR": 0.0036,
    "MXN": 0.055,
    "BRL": 0.19,
    "ZAR": 0.055,
    "PLN": 0.25,
    "JPY": 0.0067,
}

# Seconds before each retry of a failed webhook delivery: from a blip to most of a day.
_RETRY_SCHEDULE: tuple[float, ...] = (5, 300, 1800, 7200, 18000, 36000, 36000)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OFFLOAD_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///./offload.db",
        description="SQLAlchemy URL; PostgreSQL as postgresql+psycopg://user@host/db.",
    )
    admin_key: SecretStr | None = Field(
        default=None, description="Accepted as an admin key, so a fresh deployment can bootstrap."
    )
    max_body_bytes: int = Field(
        default=1_048_576, ge=1024, description="Largest request body accepted, in bytes."
    )
    header_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        description="How long a client may take to send a request's headers (from connecting, "
        "or from the end of its previous response) before the connection is closed.",
    )
    body_timeout_seconds: float = Field(
        default=30.0,
        gt=0,
        description="How long a client may take to send a request body before a 408.",
    )
    sqlite_busy_timeout_ms: int = Field(
        default=5_000, ge=0, description="How long a SQLite writer waits for the write lock."
    )
    db_pool_size: int = Field(
        default=10, ge=1, description="Connection pool size (and as many again in overflow)."
    )
    max_active_requests: int = Field(
        default=2,
        ge=1,
        description="Requests one worker runs at once (at most OFFLOAD_DB_POOL_SIZE); the "
        "rest wait their turn or are refused. More than the cores only contend for Python's "
        "interpreter lock and slow every request down.",
    )
    admission_timeout_seconds: float = Field(
        default=1.0,
        gt=0,
        description="Longest a request may wait for a database slot; a request that would "
        "wait longer is answered at once with 503 and Retry-After.",
    )
    readiness_timeout_seconds: float = Field(
        default=0.5,
        gt=0,
        le=5,
        description="How long /readyz waits for the database before answering 503.",
    )

    rate_limit_per_second: float = Field(
        default=20.0,
        gt=0,
        description="Tokens a second each key (a partner's keys together) gets back; a "
        "request costs one, a batch one per item.",
    )
    rate_limit_burst: int = Field(
        default=200,
        ge=1,
        description="Tokens a bucket holds: requests or batch items at once before a 429.",
    )
    principal_cache_seconds: float = Field(
        default=5.0,
        ge=0,
        le=60,
        description="How long a worker trusts a key it has read without reading it again: "
        "a revocation made through another worker takes effect within this time (0: read "
        "the key on every request).",
    )
    match_cache_bytes: int = Field(
        default=32 * 2**20,
        ge=0,
        description="Bytes of task-match answers each worker keeps to answer a repeated "
        "match at once (0: none). An answer is reused only while nothing it depends on "
        "has changed.",
    )
    warm_index: bool = Field(
        default=True,
        description="Build the offer index at start-up, in the background; /readyz answers "
        "503 `warming` until it is done.",
    )
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        default="info", description="The least severe log lines written."
    )
    log_json: bool | None = Field(
        default=None,
        description="Logs as JSON lines (true) or text for people (false); unset: text on a "
        "terminal, JSON anywhere else.",
    )
    redis_url: str | None = Field(
        default=None, description="Share rate limits across workers through this Redis."
    )
    trusted_proxies: list[IPvAnyNetwork] = Field(
        default_factory=list,
        description="Proxies (IPs or CIDRs, a JSON list) whose X-Forwarded-For is believed; "
        "the client is the rightmost address not in this list. Empty: never believed.",
    )
    idempotency_lease_seconds: int = Field(
        default=30,
        ge=1,
        description="How long a claimed Idempotency-Key outlives a process that died while "
        "running it; a live request renews its claim well within this.",
    )
    engagement_ttl_seconds: int = Field(
        default=72 * 3600, ge=1, description="How long a proposal waits for the vendor's answer."
    )
    proposal_cooldown_seconds: int = Field(
        default=30 * 86400,
        ge=0,
        description="How long a (task, service) pair the vendor declined, or left to expire, "
        "cannot be proposed again.",
    )
    allocation_ttl_seconds: int = Field(
        default=15 * 60, ge=1, description="How long a dry-run allocation can be committed."
    )
    max_open_proposals: int = Field(
        default=20, ge=1, description="Unanswered proposals one business may hold at once."
    )
    opportunities_ranked_pairs: int = Field(
        default=20_000_000,
        ge=1,
        description="The most (listed task, offer) pairs one opportunities request ranks: "
        "a service's newest eligible tasks, as many as fit with every offer of its type "
        "(at least one); counts and price sensitivity still cover every listed task.",
    )
    match_budget_tolerance: float = Field(
        default=0.10, ge=0, le=1, description="How far over a budget's max a quote may be."
    )
    match_weights: dict[str, float] = Field(
        default_factory=dict,
        description='Default factor weights, e.g. {"budget": 3}; unnamed factors keep theirs.',
    )
    reputation_prior_mean: float = Field(
        default=3.5, ge=1, le=5, description="Rating a vendor without ratings counts as."
    )
    reputation_prior_weight: float = Field(
        default=5.0, ge=0, description="How many ratings the prior is worth."
    )
    exchange_rates: dict[str, float] = Field(
        default_factory=lambda: dict(ILLUSTRATIVE_RATES),
        description="Value of one unit of each currency in a common base; offers in a "
        "currency without a rate are excluded from matches in another currency.",
    )
    advice_oversight_share: float = Field(
        default=0.10,
        ge=0,
        lt=1,
        description="Share of a task's hours the owner still spends once a vendor does it "
        "(briefing, checking, answering questions); the advisor counts the rest as freed.",
    )

    secret_key: SecretStr | None = Field(
        default=None,
        description="Encrypts webhook signing secrets at rest (any long random string; "
        "`offload demo` writes one to .env). Without it, webhook endpoints cannot be created.",
    )
    run_worker: bool = Field(
        default=False,
        description="Run one background worker (webhook deliveries, proposal expiry) in each "
        "server process; `offload serve` and `offload demo` set it unless --no-worker.",
    )
    worker_interval_seconds: float = Field(
        default=1.0, gt=0, le=60, description="How often an idle worker looks for work."
    )
    webhook_allow_private: bool = Field(
        default=False,
        description="Admit webhook URLs on private, loopback and link-local addresses, and "
        "plain http: for tests and local development only.",
    )
    webhook_retry_schedule: list[float] = Field(
        default_factory=lambda: list(_RETRY_SCHEDULE),
        description="Seconds to wait before each retry of a failed delivery (a JSON list); "
        "after the last, the delivery is marked failed.",
    )
    webhook_claim_seconds: float = Field(
        default=60.0,
        gt=0,
        description="How long a worker's claim on a delivery lasts; a worker that dies "
        "mid-delivery loses its claim after this and another retries. Keep it above the "
        "10 s delivery timeout.",
    )
    webhook_disable_after_seconds: float = Field(
        default=5 * 86400,
        gt=0,
        description="An endpoint whose deliveries have all failed for this long is disabled.",
    )
    webhook_max_endpoints: int = Field(
        default=10, ge=1, le=1000, description="Webhook endpoints one owner may hold."
    )

    @field_validator("webhook_retry_schedule")
    @classmethod
    def _sane_schedule(cls, schedule: list[float]) -> list[float]:
        if len(schedule) > 20 or any(not 0 <= delay <= 7 * 86400 for delay in schedule):
            raise ValueError("at most 20 retries, each 0 to 604800 seconds after the last")
        return schedule

    @field_validator("match_weights")
    @classmethod
    def _known_factors(cls, weights: dict[str, float]) -> dict[str, float]:
        Weights().merged(weights)  # raises on unknown names, negatives, all zeros
        return weights

    @field_validator("exchange_rates")
    @classmethod
    def _positive_rates(cls, rates: dict[str, float]) -> dict[str, float]:
        bad = [code for code, rate in rates.items() if not rate > 0]
        if bad:
            raise ValueError(f"exchange rates must be positive: {', '.join(bad)}")
        return {code.upper(): rate for code, rate in rates.items()}

    def match_config(self) -> MatchConfig:
        return MatchConfig(
            budget_tolerance=self.match_budget_tolerance,
            exchange_rates=self.exchange_rates,
            reputation_prior_mean=self.reputation_prior_mean,
            reputation_prior_weight=self.reputation_prior_weight,
            default_weights=Weights().merged(self.match_weights),
        )


@lru_cache
def get_settings() -> Settings:
    return Settings()
