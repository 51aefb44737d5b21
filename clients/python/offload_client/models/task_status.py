from enum import StrEnum


class TaskStatus(StrEnum):
    CLOSED = "closed"
    COMPLETED = "completed"
    ENGAGED = "engaged"
    OPEN = "open"
    PAUSED = "paused"

    def __str__(self) -> str:
        return str(self.value)
