"""Currencies: minor-unit exponents and conversion of minor-unit amounts."""

import numpy as np
from numpy.typing import NDArray

# ISO 4217 currencies whose minor unit is not the hundredth; every other code has two.
_EXPONENTS = {
    **dict.fromkeys(
        (
            "BIF",
            "CLP",
            "DJF",
            "GNF",
            "ISK",
            "JPY",
            "KMF",
            "KRW",
            "PYG",
            "RWF",
            "UGX",
            "UYI",
            "VND",
            "VUV",
            "XAF",
            "XOF",
            "XPF",
        ),
        0,
    ),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
    "CLF": 4,
    "UYW": 4,
}


def exponent(currency: str) -> int:
    """Digits after the decimal point: 2 for USD, 0 for JPY, 3 for KWD."""
    return _EXPONENTS.get(currency, 2)


def format_money(amount: int, currency: str) -> str:
    """``42000, "USD"`` -> ``"420.00 USD"``; thousands separated for readability."""
    digits = exponent(currency)
    if digits == 0:
        return f"{amount:,} {currency}"
    sign = "-" if amount < 0 else ""
    whole, frac = divmod(abs(amount), 10**digits)
    return f"{sign}{whole:,}.{frac:0{digits}d} {currency}"


def conversion_factors(
    currencies: list[str], target: str, rates: dict[str, float]
) -> NDArray[np.float64]:
    """Multipliers from minor units of each currency to minor units of ``target``.

    NaN where no rate is known. The same currency is always convertible (factor 1), with
    or without rates.
    """
    out = np.full(len(currencies), np.nan)
    for i, code in enumerate(currencies):
        if code == target:
            out[i] = 1.0
        elif code in rates and target in rates and rates[code] > 0 and rates[target] > 0:
            out[i] = rates[code] / rates[target] * 10.0 ** (exponent(target) - exponent(code))
    return out


def round_half_up(values: NDArray[np.float64]) -> NDArray[np.int64]:
    """Money rounding: to the nearest minor unit, halves away from zero (quotes are >= 0)."""
    result: NDArray[np.int64] = np.floor(values + 0.5).astype(np.int64)
    return result
