"""Quotes: what each offer would charge per month for a volume, in the task's currency.

Rounding, documented once: an hourly quote is rounded to the nearest minor unit, halves
up; a converted quote likewise. Per-unit and monthly quotes in the task's own currency are
exact integers.
"""

import numpy as np
from numpy.typing import NDArray

from matching.currency import conversion_factors, round_half_up
from matching.offers import OfferSet
from matching.types import Pricing, PricingModel


def priced(
    model: PricingModel,
    amount: int | NDArray[np.int64],
    volume: int | NDArray[np.int64],
    units_per_hour: float | NDArray[np.float64] | None,
    minimum_monthly: int | NDArray[np.int64],
) -> NDArray[np.int64]:
    """The quote rules, stated once: what offers priced with ``model`` charge a month for
    ``volume``, in their own currency's minor units. Any argument may be an array (one per
    offer, or one volume per task); the result has their broadcast shape. Every quote the
    kernel makes, vectorised or for one offer, comes from here.
    """
    base = np.asarray(amount, dtype=np.int64)
    quote: NDArray[np.int64]
    if model is PricingModel.per_unit:
        quote = base * volume
    elif model is PricingModel.hourly:
        assert units_per_hour is not None
        quote = round_half_up(base * volume / units_per_hour)
    else:  # monthly: the flat fee, whatever the volume
        quote = base + np.zeros_like(volume, dtype=np.int64)
    result: NDArray[np.int64] = np.maximum(quote, minimum_monthly)
    return result


def quote_one(pricing: Pricing, volume: int) -> int:
    """One offer's monthly quote in its own currency: :func:`priced` for a single offer."""
    return int(
        priced(
            pricing.model,
            pricing.amount,
            volume,
            pricing.units_per_hour,
            pricing.minimum_monthly,
        )
    )


def native_quotes(offers: OfferSet, volume: int) -> NDArray[np.int64]:
    """Monthly quote of each offer in its own currency's minor units, shape ``(n,)``:
    :func:`priced` over each pricing model's offers, so per-unit quotes stay exact
    integers and hourly ones are rounded once, half up."""
    quote = np.zeros(offers.n, dtype=np.int64)
    for model in PricingModel:
        at = offers.positions_of_model(model)
        if len(at):
            quote[at] = priced(
                model,
                offers.amount[at],
                volume,
                offers.units_per_hour[at] if model is PricingModel.hourly else None,
                offers.minimum_monthly[at],
            )
    return quote


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
