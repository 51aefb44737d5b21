"""Offload's matching engine: pure Python and NumPy, no HTTP and no database.

>>> ranking = rank(task, OfferSet(offers), limit=10)
>>> priced, best = assess(task, OfferSet(offers), config=MatchConfig())
>>> verdict = check_one(task, offer)  # one offer's quote and blockers, by name

The market's function stays in its module (``from matching.market import market``), so
``matching.market`` is always the module; likewise ``matching.standing.standing`` (one
offer on one task) and ``matching.opportunities.opportunities`` (one offer on many).

See docs/matching.md for every formula.
"""

from matching.advice import MIN_VENDORS, Advice, Plan, Recommendation, advise, assess, plan
from matching.blockers import Verdict, check_one
from matching.constraints import Checked, TaskSet, check, check_tasks
from matching.market import Market
from matching.offers import OfferSet
from matching.rank import rank, score_all
from matching.types import (
    MATCHING_VERSION,
    Blocker,
    Change,
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
    "MIN_VENDORS",
    "Advice",
    "Blocker",
    "Change",
    "Checked",
    "Coverage",
    "FactorScore",
    "Market",
    "MatchConfig",
    "Money",
    "Offer",
    "OfferSet",
    "Plan",
    "Pricing",
    "PricingModel",
    "RankedMatch",
    "Ranking",
    "Reason",
    "Recommendation",
    "TaskSet",
    "TaskSpec",
    "Verdict",
    "Weights",
    "Window",
    "advise",
    "assess",
    "check",
    "check_one",
    "check_tasks",
    "plan",
    "rank",
    "score_all",
]
