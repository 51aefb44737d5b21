from enum import StrEnum


class UnassignedReason(StrEnum):
    CAPACITY_TAKEN = "capacity_taken"
    NO_ELIGIBLE_OFFER = "no_eligible_offer"
    TASK_NOT_OPEN = "task_not_open"

    def __str__(self) -> str:
        return str(self.value)
