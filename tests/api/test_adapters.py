"""Rows become offers by column name: every stored field lands on the Offer field it means."""

import pytest
from sqlalchemy import literal, select
from sqlmodel import Session

from api.matches import adapters
from matching import Pricing, PricingModel, Window


def test_a_stored_service_reads_back_as_the_offer_its_fields_describe(market, engine):
    vendor = market.vendor(
        name="Northdesk",
        timezone="Europe/Warsaw",
        languages=["pl", "en"],
        certifications=["ACCA"],
        working_hours=[{"days": ["mon", "tue"], "start": "08:00", "end": "16:00"}],
    )
    service = market.service(
        vendor["id"],
        capacity=700,
        min_volume=40,
        skills=["xero", "sage"],
        experience_years=9,
        pricing={
            "model": "hourly",
            "currency": "EUR",
            "amount": 3_000,
            "units_per_hour": 12.5,
            "minimum_monthly": 90_000,
        },
        targeting={"countries": ["DE", "PL"], "min_budget": {"amount": 50_000, "currency": "EUR"}},
    )
    market.service(vendor["id"], task_type="payroll")

    with Session(engine) as session:
        (offer,) = adapters.load_offers(session=session, service_id=service["id"])

    assert (offer.service_id, offer.vendor_id, offer.vendor_name) == (
        service["id"],
        vendor["id"],
        "Northdesk",
    )
    assert (offer.task_type, offer.capacity, offer.reserved, offer.min_volume) == (
        "bookkeeping",
        700,
        0,
        40,
    )
    assert offer.skills == ("xero", "sage")
    assert (offer.experience_years, offer.completed_count, offer.types_offered) == (9, 0, 2)
    assert offer.pricing == Pricing(PricingModel.hourly, "EUR", 3_000, 12.5, 90_000)
    assert (offer.languages, offer.certifications, offer.timezone) == (
        ("pl", "en"),
        ("ACCA",),
        "Europe/Warsaw",
    )
    assert offer.working_hours == (Window(days=(0, 1), start=8 * 60, end=16 * 60),)
    assert (offer.rating_sum, offer.rating_count) == (0, 0)
    assert (offer.target_countries, offer.min_budget, offer.min_budget_currency) == (
        ("DE", "PL"),
        50_000,
        "EUR",
    )


def test_rows_that_are_not_the_offers_query_are_refused_not_misread(engine):
    with Session(engine) as session:
        rows = session.execute(select(literal("svc_1").label("vendor_id"))).all()
        with pytest.raises(ValueError, match="not a row of offers_query"):
            adapters.to_offers(rows)
