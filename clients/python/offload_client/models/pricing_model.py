from enum import StrEnum


class PricingModel(StrEnum):
    HOURLY = "hourly"
    MONTHLY = "monthly"
    PER_UNIT = "per_unit"

    def __str__(self) -> str:
        return str(self.value)
