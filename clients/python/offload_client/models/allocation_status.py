from enum import StrEnum


class AllocationStatus(StrEnum):
    COMMITTED = "committed"
    DRY_RUN = "dry_run"

    def __str__(self) -> str:
        return str(self.value)
