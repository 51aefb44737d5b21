"""Contains all the data models used in inputs/outputs"""

from .advice_list import AdviceList
from .advice_public import AdvicePublic
from .advice_request import AdviceRequest
from .advice_task import AdviceTask
from .advice_totals import AdviceTotals
from .api_key_create import ApiKeyCreate
from .api_key_created import ApiKeyCreated
from .api_key_list import ApiKeyList
from .api_key_public import ApiKeyPublic
from .blocker import Blocker
from .budget import Budget
from .budget_public import BudgetPublic
from .business_create import BusinessCreate
from .business_list import BusinessList
from .business_public import BusinessPublic
from .business_update import BusinessUpdate
from .coverage import Coverage
from .day import Day
from .engagement_completion import EngagementCompletion
from .engagement_create import EngagementCreate
from .engagement_list import EngagementList
from .engagement_public import EngagementPublic
from .engagement_quote import EngagementQuote
from .engagement_status import EngagementStatus
from .factor import Factor
from .factor_public import FactorPublic
from .field_error import FieldError
from .health import Health
from .home import Home
from .hourly_value import HourlyValue
from .hourly_value_public import HourlyValuePublic
from .market_public import MarketPublic
from .market_quote import MarketQuote
from .match_list import MatchList
from .match_list_excluded import MatchListExcluded
from .match_list_weights import MatchListWeights
from .match_public import MatchPublic
from .match_quote import MatchQuote
from .match_request import MatchRequest
from .match_request_weights_type_0 import MatchRequestWeightsType0
from .money import Money
from .pricing import Pricing
from .pricing_model import PricingModel
from .problem import Problem
from .problem_type_list import ProblemTypeList
from .problem_type_public import ProblemTypePublic
from .proposal_refused import ProposalRefused
from .readiness import Readiness
from .reason import Reason
from .recommendation import Recommendation
from .role import Role
from .service_create import ServiceCreate
from .service_list import ServiceList
from .service_public import ServicePublic
from .service_update import ServiceUpdate
from .settable_task_status import SettableTaskStatus
from .task_create import TaskCreate
from .task_create_weights_type_0 import TaskCreateWeightsType0
from .task_list import TaskList
from .task_public import TaskPublic
from .task_public_weights_type_0 import TaskPublicWeightsType0
from .task_status import TaskStatus
from .task_terms import TaskTerms
from .task_type_list import TaskTypeList
from .task_type_public import TaskTypePublic
from .task_update import TaskUpdate
from .task_update_weights_type_0 import TaskUpdateWeightsType0
from .validation_problem import ValidationProblem
from .vendor_batch import VendorBatch
from .vendor_batch_entry import VendorBatchEntry
from .vendor_batch_item import VendorBatchItem
from .vendor_batch_result import VendorBatchResult
from .vendor_create import VendorCreate
from .vendor_list import VendorList
from .vendor_public import VendorPublic
from .vendor_update import VendorUpdate
from .working_window import WorkingWindow

__all__ = (
    "AdviceList",
    "AdvicePublic",
    "AdviceRequest",
    "AdviceTask",
    "AdviceTotals",
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyList",
    "ApiKeyPublic",
    "Blocker",
    "Budget",
    "BudgetPublic",
    "BusinessCreate",
    "BusinessList",
    "BusinessPublic",
    "BusinessUpdate",
    "Coverage",
    "Day",
    "EngagementCompletion",
    "EngagementCreate",
    "EngagementList",
    "EngagementPublic",
    "EngagementQuote",
    "EngagementStatus",
    "Factor",
    "FactorPublic",
    "FieldError",
    "Health",
    "Home",
    "HourlyValue",
    "HourlyValuePublic",
    "MarketPublic",
    "MarketQuote",
    "MatchList",
    "MatchListExcluded",
    "MatchListWeights",
    "MatchPublic",
    "MatchQuote",
    "MatchRequest",
    "MatchRequestWeightsType0",
    "Money",
    "Pricing",
    "PricingModel",
    "Problem",
    "ProblemTypeList",
    "ProblemTypePublic",
    "ProposalRefused",
    "Readiness",
    "Reason",
    "Recommendation",
    "Role",
    "ServiceCreate",
    "ServiceList",
    "ServicePublic",
    "ServiceUpdate",
    "SettableTaskStatus",
    "TaskCreate",
    "TaskCreateWeightsType0",
    "TaskList",
    "TaskPublic",
    "TaskPublicWeightsType0",
    "TaskStatus",
    "TaskTerms",
    "TaskTypeList",
    "TaskTypePublic",
    "TaskUpdate",
    "TaskUpdateWeightsType0",
    "ValidationProblem",
    "VendorBatch",
    "VendorBatchEntry",
    "VendorBatchItem",
    "VendorBatchResult",
    "VendorCreate",
    "VendorList",
    "VendorPublic",
    "VendorUpdate",
    "WorkingWindow",
)
