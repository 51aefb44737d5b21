"""API keys and the partners that own businesses and vendors."""

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from api.columns import created_at, optional_timestamp
from api.fields import Name, Strict, Timestamp
from api.once import SHOWN_ONCE


class Role(StrEnum):
    admin = "admin"
    partner = "partner"
    business = "business"
    vendor = "vendor"


class Partner(SQLModel, table=True):
    __tablename__ = "partners"

    id: str = SQLField(primary_key=True, max_length=40)
    name: str = SQLField(max_length=200)
    created_at: datetime = created_at()


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_keys"

    id: str = SQLField(primary_key=True, max_length=40)
    name: str = SQLField(max_length=200)
    role: str = SQLField(max_length=16)
    # SHA-256 of the secret: secrets are 256 random bits, so a slow hash adds nothing.
    secret_hash: str = SQLField(max_length=64, unique=True)
    prefix: str = SQLField(max_length=16)
    partner_id: str | None = SQLField(
        default=None, foreign_key="partners.id", ondelete="CASCADE", index=True, max_length=40
    )
    business_id: str | None = SQLField(
        default=None, foreign_key="businesses.id", ondelete="CASCADE", index=True, max_length=40
    )
    vendor_id: str | None = SQLField(
        default=None, foreign_key="vendors.id", ondelete="CASCADE", index=True, max_length=40
    )
    created_by: str | None = SQLField(default=None, max_length=40)
    created_at: datetime = created_at()
    expires_at: datetime | None = optional_timestamp()
    revoked_at: datetime | None = optional_timestamp()
    # Refreshed at most once a minute, so a busy key does not write on every request.
    last_used_at: datetime | None = optional_timestamp()


class ApiKeyCreate(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"role": "business", "name": "Acme web app", "business_id": "biz_01jd..."},
                {"role": "partner", "name": "LedgerLite integration"},
            ]
        }
    )

    role: Role = Field(description="What the key may do; see the roles table in the docs.")
    name: Name = Field(description="A label to recognise the key by.")
    partner_id: str | None = Field(
        default=None,
        max_length=40,
        validate_default=True,
        description="For a partner key: add a key to this existing partner (admin only). "
        "Omit to create a new partner.",
    )
    business_id: str | None = Field(
        default=None,
        max_length=40,
        validate_default=True,
        description="Required for a business key: the business it acts as.",
    )
    vendor_id: str | None = Field(
        default=None,
        max_length=40,
        validate_default=True,
        description="Required for a vendor key: the vendor it acts as.",
    )
    expires_at: Timestamp | None = Field(
        default=None,
        description="When the key stops working (RFC 3339, with an offset). Never later than "
        "the creating key's own expiry; omitted, a key made by an expiring key inherits "
        "that expiry.",
    )

    @field_validator("partner_id", "business_id", "vendor_id")
    @classmethod
    def _binding_matches_role(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Checked per field, so a 422 names the field at fault."""
        role = info.data.get("role")  # absent when the role itself was invalid
        if role is None:
            return value
        field = info.field_name
        required = {Role.business: "business_id", Role.vendor: "vendor_id"}.get(role)
        if field == required and value is None:
            raise ValueError(f"a {role} key needs {field}")
        allowed = required or ("partner_id" if role is Role.partner else None)
        if value is not None and field != allowed:
            raise ValueError(f"{field} does not apply to {role} keys")
        return value


class ApiKeyPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    role: Role
    prefix: str = Field(description="The first characters of the secret, to recognise it by.")
    partner_id: str | None
    business_id: str | None
    vendor_id: str | None
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None = Field(
        description="When the key was last used, to the minute; null if never."
    )


class ApiKeyCreated(ApiKeyPublic):
    # Nullable because a replay of this response (same Idempotency-Key) never repeats it.
    secret: str | None = Field(
        description="The key itself. Shown only in this response; store it now. `null` in "
        "an idempotent replay (`Idempotent-Replayed: true`), which never repeats a secret.",
        examples=["ofk_3kx9...w2"],
        json_schema_extra=SHOWN_ONCE,
    )
