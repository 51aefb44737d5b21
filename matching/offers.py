"""Offers as columns: the arrays the filters and factors work on.

An :class:`OfferSet` holds one NumPy column per numeric field, each of shape ``(n,)``, and
inverted indexes (term -> offer positions) for the set-valued fields, so "how many of the
task's skills does each offer have" is a few scatter-adds, not a loop over offers. Offers
are added (:meth:`OfferSet.extend`) and changed in place (:meth:`OfferSet.replace`) without
rebuilding the rest, which is what keeps a long-lived index fresh cheaply.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matching.schedule import ScheduleTable, coverage_intervals
from matching.types import FactorScore, Offer, PricingModel, Window

MODEL_CODES = {PricingModel.per_unit: 0, PricingModel.hourly: 1, PricingModel.monthly: 2}
OVERLAPS_KEPT = 64  # coverage windows whose overlap with every schedule is kept
ID_KEY_WIDTH = 96  # bytes for "vendor_id NUL service_id"; ids are at most 40 characters


def normalise_term(term: str) -> str:
    """Skills and certifications compare ignoring case and all white space."""
    return "".join(term.split()).casefold()


class TermIndex:
    """term -> sorted positions of the offers that have it."""

    def __init__(self, normalise: bool) -> None:
        self.normalise = normalise
        self.postings: dict[str, NDArray[np.int64]] = {}

    def terms(self, raw: Iterable[str]) -> set[str]:
        return {normalise_term(t) for t in raw} if self.normalise else set(raw)

    def add(self, first: int, terms_per_offer: Iterable[Iterable[str]]) -> None:
        """Index offers at positions ``first``, ``first + 1``, ... in one pass."""
        fresh: dict[str, list[int]] = defaultdict(list)
        for position, raw in enumerate(terms_per_offer, start=first):
            for term in self.terms(raw):
                fresh[term].append(position)
        for term, positions in fresh.items():
            new = np.asarray(positions, dtype=np.int64)
            old = self.postings.get(term)
            self.postings[term] = new if old is None else np.concatenate([old, new])

    def move(self, position: int, old: Iterable[str], new: Iterable[str]) -> None:
        """Re-index one offer whose terms changed from ``old`` to ``new``."""
        before, after = self.terms(old), self.terms(new)
        for term in before - after:
            postings = self.postings[term]
            self.postings[term] = postings[postings != position]
        for term in after - before:
            old_postings = self.postings.get(term, np.zeros(0, dtype=np.int64))
            self.postings[term] = np.sort(np.append(old_postings, position))

    def count(self, terms: Iterable[str], n: int) -> NDArray[np.int64]:
        """How many of ``terms`` (already distinct and normalised) each of ``n`` offers has."""
        found = [p for p in map(self.postings.get, terms) if p is not None]
        if len(found) == 1:
            hits = np.zeros(n, dtype=np.int64)
            hits[found[0]] = 1  # an offer appears in a term's postings once
            return hits
        if not found:
            return np.zeros(n, dtype=np.int64)
        # One counting pass over all the postings: much cheaper than a scattered add each.
        counted: NDArray[np.int64] = np.bincount(np.concatenate(found), minlength=n)
        return counted.astype(np.int64, copy=False)


# Numeric columns: name -> (dtype, how to read it off an Offer). The readers return int,
# float or bool; float is the type that admits all three.
_COLUMNS: dict[str, tuple[type[np.generic], Callable[[Offer], float]]] = {
    "capacity": (np.int64, lambda o: o.capacity),
    "reserved": (np.int64, lambda o: o.reserved),
    "min_volume": (np.int64, lambda o: o.min_volume),
    "model": (np.int8, lambda o: MODEL_CODES[o.pricing.model]),
    "amount": (np.int64, lambda o: o.pricing.amount),
    "units_per_hour": (np.float64, lambda o: o.pricing.units_per_hour or np.nan),
    "minimum_monthly": (np.int64, lambda o: o.pricing.minimum_monthly),
    "experience_years": (np.float64, lambda o: o.experience_years),
    "completed": (np.float64, lambda o: o.completed_count),
    "types_offered": (np.float64, lambda o: max(o.types_offered, 1)),
    "rating_sum": (np.float64, lambda o: o.rating_sum),
    "rating_count": (np.float64, lambda o: o.rating_count),
    "targets_countries": (np.bool_, lambda o: bool(o.target_countries)),
    "min_budget": (np.int64, lambda o: o.min_budget or 0),
}


class OfferSet:
    """The offers of one task type as NumPy columns, each of shape ``(n,)``.

    Columns: ``capacity``, ``reserved``, ``min_volume``, ``model`` (pricing model code),
    ``amount``, ``units_per_hour``, ``minimum_monthly``, ``experience_years``, ``completed``,
    ``types_offered``, ``rating_sum``, ``rating_count``, ``targets_countries`` (whether the
    offer limits the countries it serves), ``min_budget``, ``currency_index`` (into
    ``currencies``), ``min_budget_currency_index`` (into ``currencies``; -1 without a
    minimum budget), ``schedule_index`` (distinct working-hours schedules) and ``id_keys``
    (``vendor_id NUL service_id`` as bytes, the last tie-break). ``countries`` indexes each
    offer's targeted countries.
    """

    capacity: NDArray[np.int64]
    reserved: NDArray[np.int64]
    min_volume: NDArray[np.int64]
    model: NDArray[np.int8]
    amount: NDArray[np.int64]
    units_per_hour: NDArray[np.float64]
    minimum_monthly: NDArray[np.int64]
    experience_years: NDArray[np.float64]
    completed: NDArray[np.float64]
    types_offered: NDArray[np.float64]
    rating_sum: NDArray[np.float64]
    rating_count: NDArray[np.float64]
    targets_countries: NDArray[np.bool_]
    min_budget: NDArray[np.int64]

    def __init__(self, offers: Sequence[Offer] = ()) -> None:
        self.offers: list[Offer] = []
        self.n = 0
        for name, (dtype, _) in _COLUMNS.items():
            setattr(self, name, np.zeros(0, dtype=dtype))
        self.currencies: list[str] = []
        self._currency_codes: dict[str, int] = {}
        self.currency_index = np.zeros(0, dtype=np.int64)
        self.min_budget_currency_index = np.zeros(0, dtype=np.int64)
        self.id_keys = np.zeros(0, dtype=f"S{ID_KEY_WIDTH}")
        self.skills = TermIndex(normalise=True)
        self.certifications = TermIndex(normalise=True)
        self.languages = TermIndex(normalise=False)
        self.countries = TermIndex(normalise=False)
        self._schedule_ids: dict[tuple[str, tuple[Window, ...]], int] = {}
        self.schedule_index = np.zeros(0, dtype=np.int64)
        self._schedules: dict[date, ScheduleTable] = {}
        self._overlaps: dict[tuple[str, Window, date, date], tuple[NDArray[np.float64], int]] = {}
        self._derived: dict[object, NDArray[Any]] = {}
        # Explained factors that depend on one offer alone (and the weight and settings
        # in the key), kept until the offers change: the best offers are explained on
        # request after request.
        self.said: dict[tuple[object, ...], FactorScore] = {}
        self.extend(offers)

    def derived(self, key: object, compute: Callable[[], NDArray[Any]]) -> NDArray[Any]:
        """A column computed from the offers alone (not the task), kept until they change."""
        found = self._derived.get(key)
        if found is None:
            found = self._derived[key] = compute()
        return found

    def positions_of_model(self, model: PricingModel) -> NDArray[np.int64]:
        """Positions of the offers priced with ``model``."""
        code = MODEL_CODES[model]
        return self.derived(("model", code), lambda: np.flatnonzero(self.model == code))

    def holding(self, index: str, term: str) -> NDArray[np.bool_]:
        """Whether each offer has ``term`` (as the index stores it) in the term index named
        ``index``, shape ``(n,)``. Kept until the offers change, so use it only for indexes
        with a small vocabulary (languages, countries); an absent term is not kept."""
        postings: NDArray[np.int64] | None = getattr(self, index).postings.get(term)
        if postings is None:
            return np.zeros(self.n, dtype=np.bool_)

        def mask() -> NDArray[np.bool_]:
            result = np.zeros(self.n, dtype=np.bool_)
            result[postings] = True
            return result

        return self.derived(("holding", index, term), mask)

    def positions_in_currency(self, code: int) -> NDArray[np.int64]:
        """Positions of the offers priced in ``currencies[code]``."""
        return self.derived(("currency", code), lambda: np.flatnonzero(self.currency_index == code))

    def _currency(self, code: str) -> int:
        if code not in self._currency_codes:
            self._currency_codes[code] = len(self.currencies)
            self.currencies.append(code)
        return self._currency_codes[code]

    def _schedule(self, offer: Offer) -> int:
        key = (offer.timezone, offer.working_hours)
        if key not in self._schedule_ids:
            self._schedule_ids[key] = len(self._schedule_ids)
            self._schedules.clear()  # laid-out tables no longer cover every schedule
            self._overlaps.clear()
        return self._schedule_ids[key]

    def _min_budget_currency(self, offer: Offer) -> int:
        if offer.min_budget is None or offer.min_budget_currency is None:
            return -1
        return self._currency(offer.min_budget_currency)

    @staticmethod
    def _id_key(offer: Offer) -> bytes:
        return f"{offer.vendor_id}\0{offer.service_id}".encode()

    def extend(self, offers: Sequence[Offer]) -> None:
        """Append offers; the work is proportional to the offers added."""
        if not offers:
            return
        count, first = len(offers), self.n
        for name, (dtype, read) in _COLUMNS.items():
            added = np.fromiter((read(o) for o in offers), dtype=dtype, count=count)
            setattr(self, name, np.concatenate([getattr(self, name), added]))
        self.currency_index = np.concatenate(
            [
                self.currency_index,
                np.fromiter((self._currency(o.pricing.currency) for o in offers), np.int64, count),
            ]
        )
        self.min_budget_currency_index = np.concatenate(
            [
                self.min_budget_currency_index,
                np.fromiter((self._min_budget_currency(o) for o in offers), np.int64, count),
            ]
        )
        self.schedule_index = np.concatenate(
            [
                self.schedule_index,
                np.fromiter((self._schedule(o) for o in offers), np.int64, count),
            ]
        )
        self.id_keys = np.concatenate(
            [
                self.id_keys,
                np.asarray([self._id_key(o) for o in offers], dtype=f"S{ID_KEY_WIDTH}"),
            ]
        )
        self.skills.add(first, (o.skills for o in offers))
        self.certifications.add(first, (o.certifications for o in offers))
        self.languages.add(first, (o.languages for o in offers))
        self.countries.add(first, (o.target_countries for o in offers))
        self.offers.extend(offers)
        self.n += count
        self._derived.clear()
        self.said = {}

    def replace(self, position: int, offer: Offer) -> None:
        """Change the offer at ``position`` in place."""
        old = self.offers[position]
        for name, (_, read) in _COLUMNS.items():
            getattr(self, name)[position] = read(offer)
        self.currency_index[position] = self._currency(offer.pricing.currency)
        self.min_budget_currency_index[position] = self._min_budget_currency(offer)
        self.schedule_index[position] = self._schedule(offer)
        self.id_keys[position] = self._id_key(offer)
        self.skills.move(position, old.skills, offer.skills)
        self.certifications.move(position, old.certifications, offer.certifications)
        self.languages.move(position, old.languages, offer.languages)
        self.countries.move(position, old.target_countries, offer.target_countries)
        self.offers[position] = offer
        self._derived.clear()
        self.said = {}

    def snapshot(self) -> "OfferSet":
        """A copy that later changes to this set do not touch, made in time proportional
        to the arrays (no Offer is rebuilt): so a long computation can run on it while the
        set itself is refreshed. Arrays that changes replace rather than write into (the
        postings, the derived columns, the laid-out schedules) are shared."""
        copy = OfferSet.__new__(OfferSet)
        copy.__dict__.update(self.__dict__)
        for name in (*_COLUMNS, "currency_index", "min_budget_currency_index", "schedule_index"):
            setattr(copy, name, getattr(self, name).copy())
        copy.id_keys = self.id_keys.copy()
        copy.offers = list(self.offers)
        copy.currencies = list(self.currencies)
        copy._currency_codes = dict(self._currency_codes)
        copy._schedule_ids = dict(self._schedule_ids)
        copy._schedules = dict(self._schedules)
        copy._overlaps = dict(self._overlaps)
        copy._derived = dict(self._derived)
        copy.said = {}
        for name in ("skills", "certifications", "languages", "countries"):
            index: TermIndex = getattr(self, name)
            twin = TermIndex(normalise=index.normalise)
            twin.postings = dict(index.postings)
            setattr(copy, name, twin)
        return copy

    @property
    def available(self) -> NDArray[np.int64]:
        result: NDArray[np.int64] = self.capacity - self.reserved
        return result

    def schedules(self, around: date) -> ScheduleTable:
        """Working hours laid out around ``around``, built once per date and kept."""
        table = self._schedules.get(around)
        if table is None:
            table = self._schedules[around] = ScheduleTable(list(self._schedule_ids), around)
        return table

    def coverage_overlap(
        self, timezone: str, window: Window, first_day: date, around: date
    ) -> tuple[NDArray[np.float64], int]:
        """Minutes of a coverage window (in ``timezone``, its week starting on its local
        ``first_day``) that each distinct schedule works, shape ``(schedules,)``, and the
        window's minutes a week; the tables laid out around ``around``.

        Tasks share few coverage windows (office hours in a few zones) and the answer is
        tiny, so the last ``OVERLAPS_KEPT`` are kept until a new schedule appears: a match
        does not lay the week out again."""
        key = (timezone, window, first_day, around)
        found = self._overlaps.get(key)
        if found is None:
            wanted = coverage_intervals(window, timezone, first_day)
            minutes = sum(end - start for start, end in wanted)
            each = self.schedules(around).overlap_minutes(wanted) if self.n else np.zeros(0)
            if len(self._overlaps) >= OVERLAPS_KEPT:
                self._overlaps.pop(next(iter(self._overlaps)))  # the oldest
            found = self._overlaps[key] = (each, minutes)
        return found

    def nbytes(self) -> int:
        """Bytes held by the arrays (not the Offer objects kept for explanations)."""
        arrays = [getattr(self, name) for name in _COLUMNS]
        arrays += [self.currency_index, self.min_budget_currency_index]
        arrays += [self.schedule_index, self.id_keys]
        for index in (self.skills, self.certifications, self.languages, self.countries):
            arrays += list(index.postings.values())
        return sum(a.nbytes for a in arrays)
