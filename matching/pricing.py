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
    integers and hourly ones are rounded once, half up.

    The per-unit rule runs over every offer at once (one multiplication is cheaper than
    gathering and scattering the per-unit offers, and a wrapped product of another model's
    amount is overwritten); the monthly and hourly offers are then overwritten from
    columns gathered once per change of the offers, and the minimum applied to all (again to
    the hourly ones, which :func:`priced` has done: a no-op).
    """
    quote: NDArray[np.int64] = offers.amount * volume
    monthly = offers.positions_of_model(PricingModel.monthly)
    if len(monthly):
        quote[monthly] = offers.derived("monthly amounts", lambda: offers.amount[monthly])
    hourly = offers.positions_of_model(PricingModel.hourly)
    if len(hourly):
        amount = offers.derived("hourly amounts", lambda: offers.amount[hourly])
        per_hour = offers.derived("hourly units per hour", lambda: offers.units_per_hour[hourly])
        least = offers.derived("hourly minimums", lambda: offers.minimum_monthly[hourly])
        quote[hourly] = priced(PricingModel.hourly, amount, volume, per_hour, least)
    np.maximum(quote, offers.minimum_monthly, out=quote)
    return quote


def quotes_in(
    offers: OfferSet,
    volume: int,
    currency: str,
    rates: dict[str, float],
    native: NDArray[np.int64] | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Quotes converted to ``currency`` and a mask of offers whose currency has no known rate
    (their quote is meaningless and they are excluded under ``currency``). ``native``:
    :func:`native_quotes` for ``volume`` when the caller has them (left unchanged), so
    several currencies of one volume share them."""
    quote = native_quotes(offers, volume) if native is None else native.copy()
    unknown = np.zeros(offers.n, dtype=np.bool_)
    factors = conversion_factors(offers.currencies, currency, rates)
    for code, factor in enumerate(factors.tolist()):
        if factor == 1.0:
            continue
        # One currency's offers at a time, by positions kept per change of the offers: a
        # scalar factor gives each quote the product the per-offer factors gave.
        at = offers.positions_in_currency(code)
        if factor != factor:  # NaN: no rate
            unknown[at] = True
            quote[at] = 0
        else:
            quote[at] = round_half_up(quote[at] * factor)
    return quote, unknown
