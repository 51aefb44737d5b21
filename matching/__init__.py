"""Offload's matching engine: pure Python and NumPy, no HTTP and no database.

>>> ranking = rank(task, OfferSet(offers), limit=10)

See docs/matching.md for every formula.
"""

from matching.constraints import Checked, check
from matching.offers import OfferSet
from matching.rank import rank, score_all
from matching.types import (
    MATCHING_VERSION,
    Coverage,
    FactorScore,
    MatchConfig,
    Money,
    Offer,
    Pricing,
    PricingModel,
    RankedMatch,
    Ranking,
    Reason,
    TaskSpec,
    Weights,
    Window,
)

__all__ = [
    "MATCHING_VERSION",
    "Checked",
    "Coverage",
    "FactorScore",
    "MatchConfig",
    "Money",
    "Offer",
    "OfferSet",
    "Pricing",
    "PricingModel",
    "RankedMatch",
    "Ranking",
    "Reason",
    "TaskSpec",
    "Weights",
    "Window",
    "check",
    "rank",
    "score_all",
]
