from enum import StrEnum


class Reason(StrEnum):
    BUDGET = "budget"
    CAPACITY = "capacity"
    CERTIFICATION = "certification"
    CURRENCY = "currency"
    LANGUAGE = "language"
    MIN_VOLUME = "min_volume"
    TARGETING = "targeting"
    TIMEZONE = "timezone"

    def __str__(self) -> str:
        return str(self.value)
