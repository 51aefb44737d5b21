"""Money across currencies, as the operator's exchange rates allow."""

import numpy as np

from matching.currency import conversion_factors


def convertible(source: str, target: str, rates: dict[str, float]) -> bool:
    """Whether an amount in ``source`` can be expressed in ``target``: the same currency,
    or both with a rate (exactly when matching can convert between them)."""
    return not np.isnan(conversion_factors([source], target, rates)[0])
