"""Seeded factories that build vendors with their services and businesses with their task
profiles: each object through the API's request models (VendorCreate, ServiceCreate,
BusinessCreate, TaskCreate), then turned into table rows the way the services in
``api/*/service.py`` do, so the demo data can never drift from the validation rules.
Everything comes from a seeded ``random.Random`` and a fixed calendar (api/demo/data.py),
never from the clock or the ``secrets`` module.
"""

import math
import random
from collections.abc import Sequence
from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from api.businesses.models import Business, BusinessCreate, business_columns
from api.demo.data import (
    AFFINITIES,
    BUDGET_STANCES,
    BUSINESS_COUNTRIES,
    BUSINESS_KINDS,
    CERTIFICATIONS,
    CORE_WORK,
    COVERAGE_SHARE,
    COVERAGE_WINDOWS,
    DEFAULT_HOURLY_VALUE_USD,
    DESCRIPTIONS,
    EPOCH,
    EXPERIENCE,
    FAMILY,
    FAMILY_WORDS,
    HOURLY_RATE,
    HOURLY_VALUE_USD,
    KIND_WEIGHTS,
    KINDS,
    MARKETS,
    MIN_CHARGE_UNITS,
    MODEL_MIX,
    NAME_STEMS,
    NAME_TAILS,
    NICHES,
    OWNER_PACE,
    PACKAGE,
    PAYROLL_SKILLS,
    PEOPLE,
    REFERENCE_MONDAY,
    ROLE,
    SERVICE_COUNT,
    SERVICE_PHRASE,
    SKILLS,
    SPAN_DAYS,
    STAFF_HOURS,
    TASK_TYPES,
    TITLES,
    UNIT_PRICE,
    UNITS_PER_HOUR,
    USD_RATE,
    VENDOR_COUNTRIES,
    VOLUME,
    WEEKDAYS,
    WEIGHT_CHOICES,
    BusinessKind,
    VendorCountry,
)
from api.ids import make_id
from api.services.models import Service, ServiceCreate, service_columns
from api.tasks.models import Task, TaskCreate, task_columns
from api.vendors.models import Vendor, VendorCreate

# --- Helpers --------------------------------------------------------------------------------


def _nice_minor(major: float) -> int:
    """An amount rounded to two significant figures, in minor units (never zero)."""
    if major <= 0:
        return 0
    step: int = 10 ** max(0, math.floor(math.log10(major)) + 1)  # minor units per step
    return max(step, round(major * 100 / step) * step)


def _nice_int(value: float) -> int:
    """A count rounded to two significant figures, at least 1."""
    if value < 10:
        return max(1, round(value))
    step: int = 10 ** (math.floor(math.log10(value)) - 1)
    return round(value / step) * step


def _between(low: float, high: float, position: float) -> float:
    """Log-interpolate: position 0 is low, 1 is high (clamped)."""
    position = min(1.0, max(0.0, position))
    return low * math.pow(high / low, position)


def _hhmm(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class Rng(random.Random):
    """random.Random plus the weighted picks the generators need."""

    def pick(self, pairs: Sequence[tuple[str, float]]) -> str:
        return self.choices([k for k, _ in pairs], weights=[w for _, w in pairs])[0]

    def some(self, pairs: Sequence[tuple[str, float]], k: int) -> list[str]:
        """Up to k distinct keys, weighted, without replacement."""
        pool = list(pairs)
        chosen: list[str] = []
        while pool and len(chosen) < k:
            index = self.choices(range(len(pool)), weights=[w for _, w in pool])[0]
            chosen.append(pool.pop(index)[0])
        return chosen

    def ranked(self, words: str, k: int) -> list[str]:
        """Up to k distinct words from a most-common-first list."""
        items = words.split()
        return self.some([(w, 1 / (i + 1) ** 0.7) for i, w in enumerate(items)], k)

    def spoken(self, languages: Sequence[tuple[str, float]]) -> list[str]:
        """The first language always, each other with its probability."""
        return [code for i, (code, p) in enumerate(languages) if i == 0 or self.random() < p]

    def chance(self, probability: float) -> bool:
        return self.random() < probability


class _Clock:
    """Milliseconds since the Unix epoch, strictly increasing, so ids sort in creation order."""

    def __init__(self, rng: Rng, owners: int) -> None:
        self.rng = rng
        self.ms = int(EPOCH.timestamp() * 1000)
        # Spread the owners (vendors, businesses) over SPAN_DAYS; what they own follows closely.
        self.step = max(2, SPAN_DAYS * 86_400_000 // max(1, owners))

    def next_owner(self) -> int:
        self.ms += self.rng.randint(1, self.step * 6 // 10)
        return self.ms

    def next_owned(self) -> int:  # at most four per owner, so the total stays within the span
        self.ms += self.rng.randint(1, max(1, self.step // 10))
        return self.ms


def _make_id(prefix: str, millis: int, rng: Rng) -> str:
    """An id as api/ids.py makes them, from the seeded clock and generator."""
    return make_id(prefix, millis=millis, bits=rng.getrandbits(80))


def _at(millis: int) -> datetime:
    return datetime.fromtimestamp(millis / 1000, UTC)


class _Deck:
    """Draws every item once per round, in a shuffled order: balanced, yet random."""

    def __init__(self, rng: Rng, items: Sequence[str]) -> None:
        self.rng = rng
        self.items = list(items)
        self.left: list[str] = []

    def draw(self) -> str:
        if not self.left:
            self.left = list(self.items)
            self.rng.shuffle(self.left)
        return self.left.pop()


# --- Vendors --------------------------------------------------------------------------------


class VendorFactory:
    def __init__(self, rng: Rng, count: int) -> None:
        self.rng = rng
        self.clock = _Clock(rng, count)
        self.types = _Deck(rng, TASK_TYPES)
        self.countries = [(c, float(c.weight)) for c in VENDOR_COUNTRIES]

    def make(self) -> tuple[Vendor, list[Service]]:
        rng = self.rng
        country = rng.choices([c for c, _ in self.countries], [w for _, w in self.countries])[0]
        kind = rng.choices(KINDS, KIND_WEIGHTS[country.tier])[0]
        zone = rng.choice(country.zones)
        market = rng.pick(country.markets)
        primary = self.types.draw()
        count = rng.choices((1, 2, 3), SERVICE_COUNT[kind])[0]
        types = [primary, *rng.some(AFFINITIES[primary], count - 1)]
        experience = round(rng.triangular(*EXPERIENCE[kind]))
        # Where the vendor sits in its tier's price range: premium vendors are more seasoned.
        position = rng.random() * 0.8 + 0.1 + (experience - 8) / 60
        rules_country = MARKETS[market][2] if market in MARKETS else country.code

        services: list[dict[str, Any]] = []
        certifications: list[str] = []
        for task_type in types:
            services.append(
                self._service(task_type, kind, country, rules_country, experience, position)
            )
            for tag, share, _, scope in CERTIFICATIONS[task_type]:
                if (not scope or scope == rules_country) and rng.chance(share):
                    certifications.append(tag)
        if kind == "bpo" and rng.chance(0.3):
            certifications.append("iso_9001")

        name = self._name(kind, country, primary)
        languages = rng.spoken(country.languages)
        if market in MARKETS and "en" not in languages:  # it works for English-speaking clients
            languages.append("en")
        data = VendorCreate.model_validate(
            {
                "name": name,
                "description": self._description(kind, country, types, market, experience),
                "country": country.code,
                "timezone": zone,
                "languages": languages,
                "certifications": list(dict.fromkeys(certifications)),
                "working_hours": self._working_hours(kind, zone, market),
            }
        )
        millis = self.clock.next_owner()
        rating_sum, rating_count = self._rating()
        vendor = Vendor(
            id=_make_id("ven", millis, rng),
            partner_id=None,
            **data.model_dump(mode="json"),
            rating_sum=rating_sum,
            rating_count=rating_count,
            created_at=_at(millis),
            updated_at=_at(millis),
        )
        # Every completed engagement carries a rating, so the services' completed counts add
        # up to the vendor's rating count; most of them on its main service.
        completed = [0] * len(services)
        for index in rng.choices(range(len(services)), [4, 2, 1][: len(services)], k=rating_count):
            completed[index] += 1
        rows = []
        for body, done in zip(services, completed, strict=True):
            service_data = ServiceCreate.model_validate(body)
            millis = self.clock.next_owned()
            # As api/services/service.py builds it.
            row = Service(
                id=_make_id("svc", millis, rng),
                vendor_id=vendor.id,
                **service_columns(service_data),
                completed_count=done,
                created_at=_at(millis),
                updated_at=_at(millis),
            )
            rows.append(row)
        return vendor, rows

    def _service(
        self,
        task_type: str,
        kind: str,
        country: VendorCountry,
        rules_country: str,
        experience: int,
        position: float,
    ) -> dict[str, Any]:
        rng = self.rng
        tier = country.tier
        currency = rng.pick(country.currencies)
        rate = USD_RATE[currency]
        unit_usd = _between(*UNIT_PRICE[task_type][tier], position + rng.gauss(0, 0.12))
        model = rng.choices(("per_unit", "hourly", "monthly"), MODEL_MIX[task_type])[0]
        pricing: dict[str, Any] = {"model": model, "currency": currency}
        min_volume = 0
        if model == "per_unit":
            pricing["amount"] = _nice_minor(unit_usd * rate)
            if rng.chance(0.3):
                min_volume = _nice_int(MIN_CHARGE_UNITS[task_type] * rng.uniform(0.5, 1.0))
        elif model == "hourly":
            hourly_usd = _between(*HOURLY_RATE[task_type][tier], position + rng.gauss(0, 0.12))
            low, high = UNITS_PER_HOUR[task_type]
            units_per_hour = rng.uniform(low, high)
            units_per_hour = round(units_per_hour * 2) / 2 if high > 5 else round(units_per_hour, 1)
            pricing["amount"] = _nice_minor(hourly_usd * rate)
            pricing["units_per_hour"] = units_per_hour
            unit_usd = hourly_usd / units_per_hour
        else:
            package = rng.randint(*PACKAGE[task_type])
            pricing["amount"] = _nice_minor(unit_usd * package * rng.uniform(0.80, 0.95) * rate)
            min_volume = _nice_int(package * rng.uniform(0.25, 0.5))
        minimum_share = 0.7 if task_type == "payroll" else 0.4
        if model != "monthly" and rng.chance(minimum_share):
            minimum = unit_usd * MIN_CHARGE_UNITS[task_type] * rng.uniform(0.8, 1.5)
            pricing["minimum_monthly"] = _nice_minor(minimum * rate)

        low, high = UNITS_PER_HOUR[task_type]
        capacity = _nice_int((low + high) / 2 * rng.uniform(*STAFF_HOURS[kind]))
        skills = rng.ranked(SKILLS[task_type], rng.randint(1, 3))
        if task_type == "payroll" and rules_country in PAYROLL_SKILLS:
            skills = rng.ranked(PAYROLL_SKILLS[rules_country], rng.randint(1, 3)) + skills
        else:
            skills += rng.ranked(SKILLS[task_type], rng.randint(1, 2))
        return {
            "task_type": task_type,
            "capacity": max(capacity, 3 * min_volume),
            "min_volume": min_volume,
            "skills": list(dict.fromkeys(skills)),
            "experience_years": max(0, experience - rng.choice((0, 0, 0, 1, 2, 3))),
            "pricing": pricing,
            "active": rng.chance(0.96),
        }

    def _name(self, kind: str, country: VendorCountry, primary: str) -> str:
        rng = self.rng
        first, last = rng.choice(PEOPLE[country.names][0]), rng.choice(PEOPLE[country.names][1])
        word = rng.choice(FAMILY_WORDS[FAMILY[primary]])
        firm = f"{rng.choice(NAME_STEMS)}{rng.choice(NAME_TAILS)}"
        if kind == "solo":
            return rng.choice((f"{first} {last}", f"{first} {last} {word}", f"{last} {word}"))
        if kind == "bpo":
            return f"{firm} {rng.choice(FAMILY_WORDS['bpo'])}"
        return rng.choice(
            (f"{firm} {word}", f"{last} & {rng.choice(PEOPLE[country.names][1])} {word}")
        )

    def _description(
        self, kind: str, country: VendorCountry, types: list[str], market: str, experience: int
    ) -> str:
        rng = self.rng
        city = rng.choice(country.cities)
        if kind == "solo":
            intro = f"Independent {ROLE[types[0]]} in {city}, {country.name}, with {experience} years of experience."
        elif kind == "agency":
            intro = f"A {rng.randint(3, 25)}-person team in {city}, {country.name}."
        else:
            intro = f"A {rng.randint(40, 400)}-seat back office in {city}, {country.name}."
        phrases = [SERVICE_PHRASE[t] for t in types]
        offer = phrases[0] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} and {phrases[-1]}"
        text = f"{intro} Handles {offer} for {rng.choice(NICHES)}."
        if market in MARKETS:
            text += f" Works {MARKETS[market][1]}."
        return text

    def _working_hours(self, kind: str, zone: str, market: str) -> list[dict[str, Any]]:
        rng = self.rng
        if kind == "bpo" and rng.chance(0.4):
            return [{"days": list(WEEKDAYS), "start": "00:00", "end": "00:00"}]
        start = rng.choice((8 * 60, 8 * 60 + 30, 9 * 60, 9 * 60, 9 * 60 + 30, 10 * 60))
        length = rng.choice((8 * 60, 8 * 60 + 30, 9 * 60))
        windows = []
        if kind == "solo" and rng.chance(0.15):  # a short Friday
            windows.append(_window(zone, market, start, length, (0, 1, 2, 3)))
            windows.append(_window(zone, market, start, 4 * 60, (4,)))
        else:
            windows.append(_window(zone, market, start, length, (0, 1, 2, 3, 4)))
        if rng.chance({"solo": 0.15, "agency": 0.3, "bpo": 0.6}[kind]):  # weekend cover
            days = (5, 6) if kind == "bpo" or rng.chance(0.4) else (5,)
            windows.append(_window(zone, market, 10 * 60, rng.choice((4, 6, 8)) * 60, days))
        return windows

    def _rating(self) -> tuple[int, int]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.45:
            return 0, 0
        if roll < 0.75:
            count = rng.randint(1, 9)
        elif roll < 0.95:
            count = rng.randint(10, 49)
        else:
            count = rng.randint(50, 220)
        mean = rng.gauss(3.6, 0.4) if rng.chance(0.06) else rng.gauss(4.55, 0.28)
        return min(5 * count, max(count, round(mean * count))), count


def _window(zone: str, market: str, start: int, length: int, days: Sequence[int]) -> dict[str, Any]:
    """Office hours in a market's zone (or the vendor's own), as a window in the vendor's zone.
    Night shifts come out crossing midnight, and their days move with them."""
    offset = 0
    if market in MARKETS:
        there = datetime.combine(
            REFERENCE_MONDAY, time(start // 60, start % 60), ZoneInfo(MARKETS[market][0])
        )
        here = there.astimezone(ZoneInfo(zone))
        offset = (here.date() - REFERENCE_MONDAY).days
        start = here.hour * 60 + here.minute
    start = start // 30 * 30
    return {
        "days": [WEEKDAYS[(d + offset) % 7] for d in days],
        "start": _hhmm(start),
        "end": _hhmm(start + length),
    }


# --- Businesses -----------------------------------------------------------------------------


class BusinessFactory:
    def __init__(self, rng: Rng, count: int, advisor: Rng) -> None:
        self.rng = rng
        self.clock = _Clock(rng, count)
        self.types = _Deck(rng, TASK_TYPES)
        # The advisor's inputs come from a stream of their own, so adding them left every
        # other seeded value as it was.
        self.advisor = advisor

    def make(self) -> tuple[Business, list[Task]]:
        rng = self.rng
        first_type = self.types.draw()
        kinds = [(k, dict(k.task_types).get(first_type, 0.0)) for k in BUSINESS_KINDS]
        kind = rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
        country = rng.choices(BUSINESS_COUNTRIES, [c.weight for c in BUSINESS_COUNTRIES])[0]
        employees = round(math.exp(rng.uniform(*(math.log(e) for e in kind.employees))))
        surnames = PEOPLE[country.names][1]
        name = rng.choice(kind.templates).format(
            surname=rng.choice(surnames),
            surname2=rng.choice(surnames),
            place=rng.choice(country.places),
        )
        zone = rng.choice(country.zones)
        data = BusinessCreate.model_validate(
            {
                "name": name,
                "country": country.code,
                "timezone": zone,
                "languages": rng.spoken(country.languages),
                "currency": country.currency,
                "hourly_value": self._hourly_value(kind, country.currency),
            }
        )
        millis = self.clock.next_owner()
        business = Business(
            id=_make_id("biz", millis, rng),
            partner_id=None,
            **business_columns(data),
            created_at=_at(millis),
            updated_at=_at(millis),
        )
        count = rng.choices((1, 2, 3, 4), (30, 35, 25, 10))[0]
        others = [(t, w) for t, w in kind.task_types if t != first_type]
        types = [first_type, *rng.some(others, count - 1)]
        tasks = []
        for task_type in types:
            body = self._task(task_type, kind, business, employees)
            body.update(self._advisor_inputs(task_type, kind, body))
            task_data = TaskCreate.model_validate(body)
            millis = self.clock.next_owned()
            # As api/tasks/service.py builds it: the budget object becomes three columns.
            values: dict[str, Any] = dict(task_columns(task_data))
            values.setdefault("status", task_data.status.value)
            tasks.append(
                Task(
                    id=_make_id("tsk", millis, rng),
                    business_id=business.id,
                    **values,
                    created_at=_at(millis),
                    updated_at=_at(millis),
                )
            )
        return business, tasks

    def _task(
        self, task_type: str, kind: BusinessKind, business: Business, employees: int
    ) -> dict[str, Any]:
        rng = self.rng
        fixed, per_employee, low, high = VOLUME[task_type]
        if task_type == "payroll":
            volume = employees
        else:
            raw = (fixed + per_employee * employees) * rng.lognormvariate(0, 0.3)
            volume = min(high, max(low, _nice_int(raw)))
        title = rng.choice(TITLES[task_type]).format(kind=kind.label, volume=volume)
        description = DESCRIPTIONS[task_type].format(
            volume=volume,
            accounts=rng.randint(2, 5),
            frequency=rng.choice(("monthly", "every two weeks", "weekly")),
        )
        if task_type == "payroll" and business.country in PAYROLL_SKILLS:
            skills = rng.ranked(PAYROLL_SKILLS[business.country], rng.randint(1, 2))
        else:
            skills = rng.ranked(SKILLS[task_type], rng.randint(0, 3))
        if skills:
            description += f" We use {' and '.join(skills[:2]).replace('_', ' ')}."
        body: dict[str, Any] = {
            "task_type": task_type,
            "title": title,
            "description": description,
            "volume": volume,
            "budget": self._budget(task_type, volume, business.currency),
            "skills": skills,
            "status": rng.choices(("open", "paused", "closed"), (88, 8, 4))[0],
        }
        required = [
            tag
            for tag, _, share, scope in CERTIFICATIONS[task_type]
            if (not scope or scope == business.country) and rng.chance(share)
        ]
        hipaa = kind.medical and business.country == "US" and task_type == "appointment_scheduling"
        if hipaa and rng.chance(0.5):
            required.append("hipaa_trained")
        if required:
            body["required_certifications"] = required
        if rng.chance(0.35):
            body["languages"] = list(business.languages)
        if rng.chance(COVERAGE_SHARE[task_type]):
            start, end, days, _ = rng.choices(COVERAGE_WINDOWS, [w[3] for w in COVERAGE_WINDOWS])[0]
            coverage: dict[str, Any] = {
                "timezone": business.timezone,
                "start": start,
                "end": end,
                "days": days.split(),
            }
            if rng.chance(0.3):
                coverage["min_overlap"] = rng.choice((0.5, 0.6, 0.7, 0.8))
            body["coverage"] = coverage
        if rng.chance(0.15):
            body["weights"] = dict(rng.choice(WEIGHT_CHOICES))
        if rng.chance(0.7):
            low_uph, high_uph = UNITS_PER_HOUR[task_type]
            owner_pace = (low_uph + high_uph) / 2 * rng.uniform(*OWNER_PACE)
            body["hours_spent_per_month"] = min(744.0, max(0.5, round(volume / owner_pace * 2) / 2))
        return body

    def _hourly_value(self, kind: BusinessKind, currency: str) -> dict[str, Any]:
        """The owner's hour, a round 5 in the business's currency."""
        low, high = HOURLY_VALUE_USD.get(kind.label, DEFAULT_HOURLY_VALUE_USD)
        major = self.advisor.uniform(low, high) * USD_RATE[currency]
        return {"amount": max(5, round(major / 5) * 5) * 100, "currency": currency}

    def _advisor_inputs(
        self, task_type: str, kind: BusinessKind, body: dict[str, Any]
    ) -> dict[str, Any]:
        """Hours for every task (the owner's own pace where the main stream left none), and
        `core` for the work the business sells."""
        advisor = self.advisor
        inputs: dict[str, Any] = {}
        if "hours_spent_per_month" not in body:
            low_uph, high_uph = UNITS_PER_HOUR[task_type]
            owner_pace = (low_uph + high_uph) / 2 * advisor.uniform(*OWNER_PACE)
            hours = round(body["volume"] / owner_pace * 2) / 2
            inputs["hours_spent_per_month"] = min(744.0, max(0.5, hours))
        inputs["core"] = (kind.label, task_type) in CORE_WORK and advisor.chance(0.6)
        return inputs

    def _budget(self, task_type: str, volume: int, currency: str) -> dict[str, Any]:
        """A monthly budget for the volume at the prices of one tier: tight budgets assume
        offshore prices, fair ones nearshore, generous ones onshore."""
        rng = self.rng
        _, _, tier = rng.choices(BUDGET_STANCES, [s[1] for s in BUDGET_STANCES])[0]
        unit_usd = _between(*UNIT_PRICE[task_type][tier], rng.uniform(0.3, 1.0))
        high_usd = max(40.0, volume * unit_usd * rng.uniform(1.0, 1.25))
        high = _nice_minor(high_usd * USD_RATE[currency])
        low = 0 if rng.chance(0.1) else min(high, _nice_minor(high / 100 * rng.uniform(0.4, 0.8)))
        return {"currency": currency, "min": low, "max": high}
