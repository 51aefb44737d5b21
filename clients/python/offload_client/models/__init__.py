"""Contains all the data models used in inputs/outputs"""

from .advice_list import AdviceList
from .advice_public import AdvicePublic
from .advice_request import AdviceRequest
from .advice_task import AdviceTask
from .advice_totals import AdviceTotals
from .allocation_create import AllocationCreate
from .allocation_public import AllocationPublic
from .allocation_refused import AllocationRefused
from .allocation_status import AllocationStatus
from .api_key_create import ApiKeyCreate
from .api_key_created import ApiKeyCreated
from .api_key_list import ApiKeyList
from .api_key_public import ApiKeyPublic
from .assignment import Assignment
from .attempt_public import AttemptPublic
from .blocker import Blocker
from .blocker_public import BlockerPublic
from .budget import Budget
from .budget_public import BudgetPublic
from .business_create import BusinessCreate
from .business_list import BusinessList
from .business_public import BusinessPublic
from .business_update import BusinessUpdate
from .change_public import ChangePublic
from .coverage import Coverage
from .day import Day
from .delivery_list import DeliveryList
from .delivery_public import DeliveryPublic
from .delivery_status import DeliveryStatus
from .engagement_completion import EngagementCompletion
from .engagement_create import EngagementCreate
from .engagement_list import EngagementList
from .engagement_public import EngagementPublic
from .engagement_quote import EngagementQuote
from .engagement_status import EngagementStatus
from .event_list import EventList
from .event_public import EventPublic
from .event_public_data import EventPublicData
from .factor import Factor
from .factor_public import FactorPublic
from .field_error import FieldError
from .health import Health
from .home import Home
from .hourly_value import HourlyValue
from .hourly_value_public import HourlyValuePublic
from .listed_task import ListedTask
from .market_public import MarketPublic
from .market_quote import MarketQuote
from .match_list import MatchList
from .match_list_excluded import MatchListExcluded
from .match_list_weights import MatchListWeights
from .match_public import MatchPublic
from .match_quote import MatchQuote
from .match_request import MatchRequest
from .match_request_weights_type_0 import MatchRequestWeightsType0
from .min_budget import MinBudget
from .money import Money
from .no_longer_fits import NoLongerFits
from .opportunity_list import OpportunityList
from .opportunity_list_missed import OpportunityListMissed
from .opportunity_public import OpportunityPublic
from .price_step import PriceStep
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
from .standing_public import StandingPublic
from .targeting import Targeting
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
from .unassigned import Unassigned
from .unassigned_reason import UnassignedReason
from .validation_problem import ValidationProblem
from .vendor_batch import VendorBatch
from .vendor_batch_entry import VendorBatchEntry
from .vendor_batch_item import VendorBatchItem
from .vendor_batch_result import VendorBatchResult
from .vendor_create import VendorCreate
from .vendor_list import VendorList
from .vendor_public import VendorPublic
from .vendor_update import VendorUpdate
from .visibility import Visibility
from .webhook_endpoint_create import WebhookEndpointCreate
from .webhook_endpoint_create_event_types_item import WebhookEndpointCreateEventTypesItem
from .webhook_endpoint_list import WebhookEndpointList
from .webhook_endpoint_public import WebhookEndpointPublic
from .webhook_endpoint_update import WebhookEndpointUpdate
from .webhook_endpoint_update_event_types_item import WebhookEndpointUpdateEventTypesItem
from .webhook_endpoint_with_secret import WebhookEndpointWithSecret
from .working_window import WorkingWindow

__all__ = (
    "AdviceList",
    "AdvicePublic",
    "AdviceRequest",
    "AdviceTask",
    "AdviceTotals",
    "AllocationCreate",
    "AllocationPublic",
    "AllocationRefused",
    "AllocationStatus",
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyList",
    "ApiKeyPublic",
    "Assignment",
    "AttemptPublic",
    "Blocker",
    "BlockerPublic",
    "Budget",
    "BudgetPublic",
    "BusinessCreate",
    "BusinessList",
    "BusinessPublic",
    "BusinessUpdate",
    "ChangePublic",
    "Coverage",
    "Day",
    "DeliveryList",
    "DeliveryPublic",
    "DeliveryStatus",
    "EngagementCompletion",
    "EngagementCreate",
    "EngagementList",
    "EngagementPublic",
    "EngagementQuote",
    "EngagementStatus",
    "EventList",
    "EventPublic",
    "EventPublicData",
    "Factor",
    "FactorPublic",
    "FieldError",
    "Health",
    "Home",
    "HourlyValue",
    "HourlyValuePublic",
    "ListedTask",
    "MarketPublic",
    "MarketQuote",
    "MatchList",
    "MatchListExcluded",
    "MatchListWeights",
    "MatchPublic",
    "MatchQuote",
    "MatchRequest",
    "MatchRequestWeightsType0",
    "MinBudget",
    "Money",
    "NoLongerFits",
    "OpportunityList",
    "OpportunityListMissed",
    "OpportunityPublic",
    "PriceStep",
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
    "StandingPublic",
    "Targeting",
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
    "Unassigned",
    "UnassignedReason",
    "ValidationProblem",
    "VendorBatch",
    "VendorBatchEntry",
    "VendorBatchItem",
    "VendorBatchResult",
    "VendorCreate",
    "VendorList",
    "VendorPublic",
    "VendorUpdate",
    "Visibility",
    "WebhookEndpointCreate",
    "WebhookEndpointCreateEventTypesItem",
    "WebhookEndpointList",
    "WebhookEndpointPublic",
    "WebhookEndpointUpdate",
    "WebhookEndpointUpdateEventTypesItem",
    "WebhookEndpointWithSecret",
    "WorkingWindow",
)
