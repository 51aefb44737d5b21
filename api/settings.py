"""Runtime configuration: one class, every field overridable as an ``OFFLOAD_*`` variable."""

from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


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
    sqlite_busy_timeout_ms: int = Field(
        default=5_000, ge=0, description="How long a SQLite writer waits for the write lock."
    )
    db_pool_size: int = Field(default=10, ge=1, description="PostgreSQL connection pool size.")


@lru_cache
def get_settings() -> Settings:
    return Settings()
