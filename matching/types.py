"""The matching engine's vocabulary: frozen dataclasses in, frozen dataclasses out."""

from dataclasses import dataclass, field, fields, replace
from enum import StrEnum

MATCHING_VERSION = "2026-11-25.1"


class PricingModel(StrEnum):
    per_unit = "per_unit"
    hourly = "hourly"
    monthly = "monthly"


class Reason(StrEnum):
    """Why an offer was dropped. An offer failing several is counted once, under the first
    in this order."""

    currency = "currency"
    capacity = "capacity"
    min_volume = "min_volume"
    budget = "budget"
    language = "language"
    certification = "certification"
    timezone = "timezone"
    targeting = "targeting"


@dataclass(frozen=True, slots=True)
class Window:
    """Working or coverage time on the given weekdays (0 = Monday), minutes after local
    midnight. ``end <= start`` runs past midnight; ``end == start`` is the whole day."""

    days: tuple[int, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Coverage:
    timezone: str
    window: Window
    min_overlap: float | None = None


@dataclass(frozen=True, slots=True)
class Weights:
    """Relative importance of each factor. Defaults favour price and fit over reputation;
    docs/matching.md argues for each number."""

    task_type: float = 1.0
    volume: float = 1.0
    budget: float = 2.0
    skills: float = 1.5
    timezone: float = 1.0
    reputation: float = 1.5

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return _WEIGHT_NAMES

    def merged(self, overrides: dict[str, float] | None) -> "Weights":
        """These weights with some replaced; unknown names, negatives or all-zero raise."""
        if not overrides:
            return self
        unknown = set(overrides) - set(self.names())
        if unknown:
            raise ValueError(f"unknown factor(s): {', '.join(sorted(unknown))}")
        if any(v < 0 or v != v for v in overrides.values()):
            raise ValueError("weights must be non-negative numbers")
        merged = replace(self, **overrides)
        if not any(merged.as_dict().values()):
            raise ValueError("weights must not all be zero")
        return merged

    def as_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in _WEIGHT_NAMES}


# Read once: dataclasses.fields costs more than a match's arithmetic on a few offers.
_WEIGHT_NAMES = tuple(f.name for f in fields(Weights))


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """What a business needs done. Money is integer minor units of ``currency`` per month."""

    task_type: str
    volume: int
    currency: str
    budget_min: int
    budget_max: int
    skills: tuple[str, ...] = ()
    required_certifications: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    coverage: Coverage | None = None
    weights: dict[str, float] | None = None
    unit: str = "units"
    # The business's country (ISO 3166-1 alpha-2); None when unknown (an inline task), and
    # then no service's country targeting applies.
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Pricing:
    model: PricingModel
    currency: str
    amount: int
    units_per_hour: float | None = None
    minimum_monthly: int = 0


@dataclass(frozen=True, slots=True)
class Offer:
    """One vendor's service of one task type, as matching sees it."""

    service_id: str
    vendor_id: str
    vendor_name: str
    task_type: str
    capacity: int
    reserved: int
    min_volume: int
    pricing: Pricing
    skills: tuple[str, ...] = ()
    experience_years: int = 0
    completed_count: int = 0
    types_offered: int = 1
    languages: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()
    timezone: str = "UTC"
    working_hours: tuple[Window, ...] = ()
    rating_sum: int = 0
    rating_count: int = 0
    # Targeting: the businesses' countries it serves (empty: all) and the smallest budget
    # max it takes, in ``min_budget_currency`` (None: any budget).
    target_countries: tuple[str, ...] = ()
    min_budget: int | None = None
    min_budget_currency: str | None = None


@dataclass(frozen=True, slots=True)
class MatchConfig:
    """Operator settings. ``exchange_rates`` gives the value of one major unit of each
    currency in a common base (any base, as long as it is the same for all)."""

    budget_tolerance: float = 0.10
    exchange_rates: dict[str, float] = field(default_factory=dict)
    reputation_prior_mean: float = 3.5
    reputation_prior_weight: float = 5.0
    default_weights: Weights = field(default_factory=Weights)


@dataclass(frozen=True, slots=True)
class Money:
    amount: int
    currency: str


@dataclass(frozen=True, slots=True)
class FactorScore:
    name: str
    score: float
    weight: float
    detail: str


@dataclass(frozen=True, slots=True)
class RankedMatch:
    rank: int
    service_id: str
    vendor_id: str
    vendor_name: str
    score: float
    quote: Money
    factors: tuple[FactorScore, ...]


@dataclass(frozen=True, slots=True)
class Ranking:
    matches: tuple[RankedMatch, ...]
    excluded: dict[str, int]
    weights: Weights
    candidates: int
    eligible: int
    version: str = MATCHING_VERSION
    # Empty rankings only: what the business could change to get matches, in words.
    hints: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """One edit that clears (part of) a blocker: on the ``target`` ("service" or "vendor"),
    ``op`` "set" makes ``field`` equal ``value``; "add" adds ``value`` to the list
    ``field``; "extend" adds ``value`` minutes a week of working hours inside the task's
    coverage window."""

    target: str
    field: str
    op: str
    value: int | str | None


@dataclass(frozen=True, slots=True)
class Blocker:
    """A hard constraint one offer fails for one task: why, and the smallest change (on
    the vendor's side) that clears it."""

    reason: str
    detail: str
    fix: str
    changes: tuple[Change, ...]
