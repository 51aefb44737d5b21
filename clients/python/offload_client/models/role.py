from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    BUSINESS = "business"
    PARTNER = "partner"
    VENDOR = "vendor"

    def __str__(self) -> str:
        return str(self.value)
