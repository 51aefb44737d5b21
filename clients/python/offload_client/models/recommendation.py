from enum import StrEnum


class Recommendation(StrEnum):
    COSTS_MORE = "costs_more"
    KEEP_CORE = "keep_core"
    NEEDS_INPUT = "needs_input"
    OUTSOURCE = "outsource"
    TOO_FEW_VENDORS = "too_few_vendors"

    def __str__(self) -> str:
        return str(self.value)
