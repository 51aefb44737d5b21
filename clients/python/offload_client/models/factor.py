from enum import StrEnum


class Factor(StrEnum):
    BUDGET = "budget"
    REPUTATION = "reputation"
    SKILLS = "skills"
    TASK_TYPE = "task_type"
    TIMEZONE = "timezone"
    VOLUME = "volume"

    def __str__(self) -> str:
        return str(self.value)
