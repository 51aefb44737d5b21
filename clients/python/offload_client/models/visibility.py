from enum import StrEnum


class Visibility(StrEnum):
    LISTED = "listed"
    PRIVATE = "private"

    def __str__(self) -> str:
        return str(self.value)
