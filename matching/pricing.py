"""Quotes: what each offer would charge per month for a volume, in the task's currency.

Rounding, documented once: an hourly quote is rounded to the nearest minor unit, halves
up; a converted quote likewise. Per-unit and monthly quotes in the task's own currency are
exact integers.
"""

import numpy as np
from numpy.typing import NDArray

from matching.currency import conversion_factors, round_half_up
from matching.offers import MODEL_CODES, OfferSet
from matching.types import PricingModel

PER_UNIT = MODEL_CODES[PricingModel.per_unit]
HOURLY = MODEL_CODES[PricingModel.hourly]


def native_quotes(offers: OfferSet, volume: int) -> NDArray[np.int64]:
    """Monthly quote of each offer in its own currency's minor units, shape ``(n,)``."""
    per_unit = offers.amount * volume
    with np.errstate(invalid="ignore", divide="ignore"):
        hourly = round_half_up(offers.amount * volume / offers.units_per_hour)
    hourly = np.where(offers.model == HOURLY, hourly, 0)
    quote = np.where(
        offers.model == PER_UNIT, per_unit, np.where(offers.model == HOURLY, hourly, offers.amount)
    )
    result: NDArray[np.int64] = np.maximum(quote, offers.minimum_monthly)
    return result


def quotes_in(
    offers: OfferSet, volume: int, currency: str, rates: dict[str, float]
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Quotes converted to ``currency`` and a mask of offers whose currency has no known rate
    (their quote is meaningless and they are excluded under ``currency``)."""
    native = native_quotes(offers, volume)
    factors = conversion_factors([str(c) for c in offers.currencies], currency, rates)
    per_offer = factors[offers.currency_index] if offers.n else np.zeros(0)
    unknown = np.isnan(per_offer)
    same = per_offer == 1.0
    with np.errstate(invalid="ignore"):
        converted = round_half_up(np.where(unknown, 0.0, native * np.nan_to_num(per_offer)))
    return np.where(same, native, converted), unknown


def quote_one(
    model: PricingModel,
    amount: int,
    volume: int,
    units_per_hour: float | None,
    minimum_monthly: int,
) -> int:
    """The same arithmetic for a single offer, in plain Python: for explanations and tests."""
    if model is PricingModel.per_unit:
        quote = amount * volume
    elif model is PricingModel.hourly:
        assert units_per_hour
        quote = int(np.floor(amount * volume / units_per_hour + 0.5))
    else:
        quote = amount
    return max(quote, minimum_monthly)
