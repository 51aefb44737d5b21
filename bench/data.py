"""A synthetic marketplace of N bookkeeping offers, inserted in bulk, deterministic by seed."""

import random
import sys
from datetime import UTC, datetime

from sqlalchemy import insert
from sqlalchemy.engine import Engine

from api.businesses.models import Business
from api.ids import new_id
from api.matches import adapters
from api.services.models import Service
from api.tasks.models import Task
from api.vendors.models import Vendor
from matching import Offer, Pricing, PricingModel

ZONES = [
    ("US", "America/New_York", ["en"]),
    ("US", "America/Chicago", ["en", "es"]),
    ("GB", "Europe/London", ["en"]),
    ("PH", "Asia/Manila", ["en", "tl"]),
    ("IN", "Asia/Kolkata", ["en", "hi"]),
    ("MX", "America/Mexico_City", ["es", "en"]),
    ("PL", "Europe/Warsaw", ["pl", "en"]),
    ("ZA", "Africa/Johannesburg", ["en", "af"]),
]
HOURS = [
    [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00"}],
    [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "21:00", "end": "05:00"}],
    [{"days": ["mon", "tue", "wed", "thu", "fri", "sat"], "start": "08:00", "end": "20:00"}],
    [{"days": ["sat", "sun"], "start": "10:00", "end": "18:00"}],
]
SKILLS = ["quickbooks", "xero", "sage", "wave", "freshbooks", "square", "shopify", "stripe"]
CERTS = ["quickbooks_proadvisor", "xero_advisor", "aipb_certified_bookkeeper"]
TASK_TYPE = "bookkeeping"


def offer(service, vendor, types_offered=1) -> Offer:
    """A service and its vendor (rows or anything with their attributes) as an Offer."""
    return Offer(
        service_id=service.id,
        vendor_id=vendor.id,
        vendor_name=vendor.name,
        task_type=service.task_type,
        capacity=service.capacity,
        reserved=service.reserved,
        min_volume=service.min_volume,
        pricing=Pricing(
            PricingModel(service.pricing_model),
            service.pricing_currency,
            service.pricing_amount,
            service.pricing_units_per_hour,
            service.pricing_minimum_monthly,
        ),
        skills=tuple(service.skills),
        experience_years=service.experience_years,
        completed_count=service.completed_count,
        types_offered=types_offered,
        languages=tuple(vendor.languages),
        certifications=tuple(vendor.certifications),
        timezone=vendor.timezone,
        working_hours=tuple(
            adapters.window(w["days"], w["start"], w["end"]) for w in vendor.working_hours
        ),
        rating_sum=vendor.rating_sum,
        rating_count=vendor.rating_count,
    )


def marketplace(n: int, seed: int = 1) -> tuple[list[dict], list[dict]]:
    """``n`` vendor rows and one bookkeeping service row each, as the tables hold them."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    vendors, services = [], []
    for i in range(n):
        country, zone, languages = rng.choice(ZONES)
        vendor_id = new_id("ven")
        ratings = rng.choice([0, 0, 1, 5, 20, 80])
        vendors.append(
            {
                "id": vendor_id,
                "name": f"Vendor {i}",
                "description": "",
                "country": country,
                "timezone": zone,
                "languages": languages,
                "certifications": rng.sample(CERTS, rng.randint(0, 2)),
                "working_hours": rng.choice(HOURS),
                "rating_sum": round(ratings * rng.uniform(3.5, 5.0)),
                "rating_count": ratings,
                "created_at": now,
                "updated_at": now,
            }
        )
        model = rng.choice(["per_unit", "per_unit", "hourly", "monthly"])
        amount = {
            "per_unit": rng.randint(40, 200),
            "hourly": rng.randint(1500, 6000),
            "monthly": rng.randint(15000, 70000),
        }[model]
        capacity = rng.randint(0, 5000)
        services.append(
            {
                "id": new_id("svc"),
                "vendor_id": vendor_id,
                "task_type": TASK_TYPE,
                "capacity": capacity,
                "reserved": rng.randint(0, capacity // 2),
                "completed_count": rng.randint(0, 30),
                "min_volume": rng.choice([0, 50, 100, 500]),
                "skills": rng.sample(SKILLS, rng.randint(1, 4)),
                "experience_years": rng.randint(0, 15),
                "pricing_model": model,
                "pricing_currency": rng.choice(["USD", "USD", "USD", "EUR", "GBP"]),
                "pricing_amount": amount,
                "pricing_units_per_hour": float(rng.randint(10, 60)) if model == "hourly" else None,
                "pricing_minimum_monthly": rng.choice([0, 0, 10000]),
                "active": True,
                "created_at": now,
                "updated_at": now,
            }
        )
    return vendors, services


def populate(engine: Engine, n: int, seed: int = 1) -> str:
    """Insert ``n`` vendors with one bookkeeping service each and one business task; returns
    the task's id."""
    now = datetime.now(UTC)
    vendors, services = marketplace(n, seed)
    business_id, task_id = new_id("biz"), new_id("tsk")
    with engine.begin() as conn:
        for start in range(0, n, 5000):
            conn.execute(insert(Vendor), vendors[start : start + 5000])
            conn.execute(insert(Service), services[start : start + 5000])
        conn.execute(
            insert(Business),
            [
                {
                    "id": business_id,
                    "name": "Bench Bakery",
                    "country": "US",
                    "timezone": "America/New_York",
                    "languages": ["en"],
                    "currency": "USD",
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        )
        conn.execute(
            insert(Task),
            [
                {
                    "id": task_id,
                    "business_id": business_id,
                    "task_type": TASK_TYPE,
                    "title": "Books",
                    "description": "",
                    "volume": 300,
                    "budget_currency": "USD",
                    "budget_min": 20000,
                    "budget_max": 60000,
                    "skills": ["quickbooks", "xero"],
                    "required_certifications": [],
                    "languages": ["en"],
                    "coverage": {
                        "timezone": "America/New_York",
                        "start": "09:00",
                        "end": "17:00",
                        "days": ["mon", "tue", "wed", "thu", "fri"],
                    },
                    "weights": None,
                    "hours_spent_per_month": 10,
                    "status": "open",
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        )
    sys.stdout.flush()
    return task_id
