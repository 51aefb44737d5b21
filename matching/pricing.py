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
    """Monthly quote of each offer in its own currency's minor units, shape ``(n,)``.

    Each pricing model is computed only over its own offers; per-unit quotes stay exact
    integers, hourly ones are rounded once, half up.
    """
    quote = offers.amount.copy()  # monthly: the flat fee
    per_unit = offers.positions_of_model(PricingModel.per_unit)
    quote[per_unit] = offers.amount[per_unit] * volume
    hourly = offers.positions_of_model(PricingModel.hourly)
    if len(hourly):
        quote[hourly] = round_half_up(
            offers.amount[hourly] * volume / offers.units_per_hour[hourly]
        )
    result: NDArray[np.int64] = np.maximum(quote, offers.minimum_monthly, out=quote)
    return result


def quotes_in(
    offers: OfferSet, volume: int, currency: str, rates: dict[str, float]
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Quotes converted to ``currency`` and a mask of offers whose currency has no known rate
    (their quote is meaningless and they are excluded under ``currency``)."""
    quote = native_quotes(offers, volume)
    unknown = np.zeros(offers.n, dtype=np.bool_)
    factors = conversion_factors(offers.currencies, currency, rates)
    if not offers.n or np.all(factors == 1.0):
        return quote, unknown
    foreign = np.flatnonzero((factors != 1.0)[offers.currency_index])
    factor = factors[offers.currency_index[foreign]]
    missing = np.isnan(factor)
    unknown[foreign[missing]] = True
    quote[foreign[missing]] = 0
    known = foreign[~missing]
    quote[known] = round_half_up(quote[known] * factor[~missing])
    return quote, unknown


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
