"""Offers as columns: the arrays the filters and factors work on.

Building an :class:`OfferSet` is the only place matching touches offers one by one; every
request after that is array arithmetic. Set-valued fields (skills, languages,
certifications) are held as inverted indexes, term -> offer positions, so "how many of the
task's skills does each offer have" is a handful of scatter-adds, not a loop over offers.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from matching.schedule import ScheduleTable
from matching.types import Offer, PricingModel, Window

MODEL_CODES = {PricingModel.per_unit: 0, PricingModel.hourly: 1, PricingModel.monthly: 2}


def normalise_term(term: str) -> str:
    """Skills and certifications compare ignoring case and all white space."""
    return "".join(term.split()).casefold()


@dataclass(frozen=True)
class TermIndex:
    """term -> positions of the offers that have it."""

    postings: dict[str, NDArray[np.int64]]

    @classmethod
    def build(cls, terms_per_offer: Iterable[Iterable[str]], normalise: bool) -> "TermIndex":
        lists: dict[str, list[int]] = defaultdict(list)
        for position, terms in enumerate(terms_per_offer):
            seen = {normalise_term(t) if normalise else t for t in terms}
            for term in seen:
                lists[term].append(position)
        return cls({t: np.asarray(p, dtype=np.int64) for t, p in lists.items()})

    def count(self, terms: Iterable[str], n: int) -> NDArray[np.int64]:
        """How many of ``terms`` (already distinct) each of the ``n`` offers has."""
        hits = np.zeros(n, dtype=np.int64)
        for term in terms:
            positions = self.postings.get(term)
            if positions is not None:
                hits[positions] += 1
        return hits


class OfferSet:
    """The offers of one task type as NumPy columns, each of shape ``(n,)``."""

    def __init__(self, offers: Sequence[Offer]) -> None:
        self.offers = tuple(offers)
        n = self.n = len(self.offers)
        o = self.offers

        def column(values: Iterable[float | int], dtype: type) -> NDArray[np.generic]:
            return np.fromiter(values, dtype=dtype, count=n)

        self.capacity = column((x.capacity for x in o), np.int64)
        self.reserved = column((x.reserved for x in o), np.int64)
        self.min_volume = column((x.min_volume for x in o), np.int64)
        self.model = column((MODEL_CODES[x.pricing.model] for x in o), np.int8)
        self.amount = column((x.pricing.amount for x in o), np.int64)
        self.units_per_hour = column((x.pricing.units_per_hour or np.nan for x in o), np.float64)
        self.minimum_monthly = column((x.pricing.minimum_monthly for x in o), np.int64)
        self.experience_years = column((x.experience_years for x in o), np.float64)
        self.completed = column((x.completed_count for x in o), np.float64)
        self.types_offered = column((max(x.types_offered, 1) for x in o), np.float64)
        self.rating_sum = column((x.rating_sum for x in o), np.float64)
        self.rating_count = column((x.rating_count for x in o), np.float64)
        # Last tie-break: position in (vendor id, service id) order, as one integer column.
        by_id = sorted(range(n), key=lambda i: (o[i].vendor_id, o[i].service_id))
        self.id_order = np.empty(n, dtype=np.int64)
        self.id_order[by_id] = np.arange(n, dtype=np.int64)

        self.currencies, currency_index = (
            np.unique(np.asarray([x.pricing.currency for x in o], dtype=str), return_inverse=True)
            if n
            else (np.asarray([], dtype=str), np.asarray([], dtype=np.int64))
        )
        self.currency_index = np.asarray(currency_index, dtype=np.int64)

        self.skills = TermIndex.build((x.skills for x in o), normalise=True)
        self.certifications = TermIndex.build((x.certifications for x in o), normalise=True)
        self.languages = TermIndex.build((x.languages for x in o), normalise=False)

        schedule_ids: dict[tuple[str, tuple[Window, ...]], int] = {}
        self.schedule_index = column(
            (schedule_ids.setdefault((x.timezone, x.working_hours), len(schedule_ids)) for x in o),
            np.int64,
        )
        self._schedule_keys = list(schedule_ids)
        self._schedules: dict[date, ScheduleTable] = {}

    @property
    def available(self) -> NDArray[np.int64]:
        result: NDArray[np.int64] = self.capacity - self.reserved
        return result

    def schedules(self, around: date) -> ScheduleTable:
        """Working hours laid out around ``around``, built once per date and kept."""
        table = self._schedules.get(around)
        if table is None:
            table = self._schedules[around] = ScheduleTable(self._schedule_keys, around)
        return table
