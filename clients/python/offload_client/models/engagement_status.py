from enum import StrEnum


class EngagementStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    DECLINED = "declined"
    EXPIRED = "expired"
    PROPOSED = "proposed"

    def __str__(self) -> str:
        return str(self.value)
