"""Signing secrets: made, sealed at rest, and used to sign deliveries (Standard Webhooks).

A secret is ``whsec_`` + base64 of 32 random bytes. The database keeps it encrypted
(Fernet: AES-128-CBC with an HMAC-SHA256 tag) under a key derived from
``OFFLOAD_SECRET_KEY``, so a dump of the database alone does not reveal it; the worker
decrypts it only to sign.
"""

import base64
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet, InvalidToken

from api.errors import DomainError
from api.settings import Settings

PREFIX = "whsec_"


class NotConfigured(DomainError):
    status, slug = 503, "not-configured"


class SecretUnreadable(Exception):
    """A stored secret that the configured key cannot open (the key changed)."""


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _fernet(settings: Settings) -> Fernet:
    if settings.secret_key is None or not settings.secret_key.get_secret_value():
        raise NotConfigured(
            "Webhooks are not configured on this server: the operator must set OFFLOAD_SECRET_KEY."
        )
    digest = hashlib.sha256(
        b"offload-webhook-secrets\x00" + settings.secret_key.get_secret_value().encode()
    ).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(settings: Settings, secret: str) -> str:
    return _fernet(settings).encrypt(secret.encode()).decode()


def unseal(settings: Settings, sealed: str) -> str:
    try:
        return _fernet(settings).decrypt(sealed.encode()).decode()
    except InvalidToken as exc:
        raise SecretUnreadable("the stored secret does not open with OFFLOAD_SECRET_KEY") from exc


def signature(secret: str, *, msg_id: str, timestamp: int, body: bytes) -> str:
    """``v1,`` + base64 HMAC-SHA256 of ``id.timestamp.body``, keyed with the secret's bytes."""
    key = base64.b64decode(secret.removeprefix(PREFIX))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def headers(
    secrets_in_use: list[str], *, msg_id: str, timestamp: int, body: bytes
) -> dict[str, str]:
    """The Standard Webhooks headers; one signature per secret in use, space separated."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(
            signature(s, msg_id=msg_id, timestamp=timestamp, body=body) for s in secrets_in_use
        ),
        "content-type": "application/json",
        "user-agent": "Offload-Webhooks/1.0",
    }
