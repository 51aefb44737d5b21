"""Every offer's numbers for one task, as scoring leaves them: what the ranker, the
explainer and the advisor share. Its own module, above the constraints it holds and below
everything that reads it, so no two matching modules import each other."""

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from matching.constraints import Checked
from matching.offers import OfferSet
from matching.types import MatchConfig, TaskSpec, Weights


@dataclass(frozen=True)
class Scored:
    """Every offer's numbers for one task: what the ranker and the explainer share."""

    offers: OfferSet
    task: TaskSpec
    weights: Weights
    applied: dict[str, float]
    quote: NDArray[np.int64]
    checked: Checked
    columns: dict[str, NDArray[np.float64]]
    score: NDArray[np.float64]
    coverage_minutes: int
    overlap_minutes: NDArray[np.float64]
    skill_hits: NDArray[np.int64]
    wanted_skills: tuple[str, ...]
    config: MatchConfig
    rows: NDArray[np.int64] | None = None  # offers the columns cover; None means all

    @cached_property
    def reason(self) -> NDArray[np.int8]:
        """Each offer's first failed constraint (``Checked.first_reason``), computed only
        when asked: ranking counts drops by it, the advisor's best match does not."""
        return self.checked.first_reason()

    def factor(self, name: str, i: int) -> float:
        """Offer ``i``'s score on factor ``name``."""
        at = i if self.rows is None else int(np.searchsorted(self.rows, i))
        return float(self.columns[name][at])
