"""The generated Python client takes a business and a vendor from keys to a completed, rated
engagement against a live server: the steps of docs/quickstart-partner.md."""

from contextlib import ExitStack

import pytest
from offload_client import AuthenticatedClient, Client
from offload_client.api.api_keys import create_api_key
from offload_client.api.businesses import create_business
from offload_client.api.engagements import (
    accept_engagement,
    complete_engagement,
    create_engagement,
)
from offload_client.api.errors import get_problem_type
from offload_client.api.matches import list_task_matches
from offload_client.api.services import create_service
from offload_client.api.tasks import create_task
from offload_client.api.vendors import create_vendor
from offload_client.models import (
    ApiKeyCreate,
    Budget,
    BusinessCreate,
    EngagementCompletion,
    EngagementCreate,
    EngagementStatus,
    MatchList,
    Pricing,
    PricingModel,
    Problem,
    ProblemTypePublic,
    Role,
    ServiceCreate,
    TaskCreate,
    VendorCreate,
)

from tests.helpers import ADMIN_KEY


@pytest.fixture(scope="module")
def server(start_server):
    return start_server()


@pytest.fixture
def connect(server):
    """A client for a key (or none), closed after the test."""
    with ExitStack() as stack:

        def make(token: str | None = None) -> AuthenticatedClient | Client:
            if token is None:
                return stack.enter_context(Client(base_url=server.url))
            return stack.enter_context(AuthenticatedClient(base_url=server.url, token=token))

        yield make


def test_a_partner_takes_a_task_from_matches_to_a_rated_engagement(connect):
    admin = connect(ADMIN_KEY)
    partner_key = create_api_key.sync(
        client=admin, body=ApiKeyCreate(role=Role.PARTNER, name="Python partner")
    )
    partner = connect(partner_key.secret)

    vendor = create_vendor.sync(
        client=partner,
        body=VendorCreate(
            name="Snake Books", country="PH", timezone="Asia/Manila", languages=["en"]
        ),
    )
    service = create_service.sync(
        vendor.id,
        client=partner,
        body=ServiceCreate(
            task_type="bookkeeping",
            capacity=1000,
            pricing=Pricing(model=PricingModel.PER_UNIT, currency="USD", amount=100),
        ),
    )
    business = create_business.sync(
        client=partner,
        body=BusinessCreate(
            name="Python Bakery",
            country="US",
            timezone="America/New_York",
            currency="USD",
            languages=["en"],
        ),
    )
    owner_key = create_api_key.sync(
        client=partner,
        body=ApiKeyCreate(role=Role.BUSINESS, name="bakery", business_id=business.id),
    )
    vendor_key = create_api_key.sync(
        client=partner,
        body=ApiKeyCreate(role=Role.VENDOR, name="books", vendor_id=vendor.id),
    )
    owner = connect(owner_key.secret)
    task = create_task.sync(
        business.id,
        client=owner,
        body=TaskCreate(
            task_type="bookkeeping",
            title="Monthly books",
            volume=400,
            budget=Budget(currency="USD", min_=30000, max_=50000),
        ),
    )

    matches = list_task_matches.sync(task.id, client=owner)
    assert isinstance(matches, MatchList)
    ours = next(m for m in matches.data if m.service_id == service.id)
    assert (ours.vendor_country, ours.vendor_rating_count) == ("PH", 0)

    proposed = create_engagement.sync(
        task.id, client=owner, body=EngagementCreate(service_id=ours.service_id)
    )
    assert proposed.status == EngagementStatus.PROPOSED
    vendor_client = connect(vendor_key.secret)
    accepted = accept_engagement.sync(proposed.id, client=vendor_client)
    assert accepted.status == EngagementStatus.ACTIVE
    completed = complete_engagement.sync(
        proposed.id, client=owner, body=EngagementCompletion(rating=5, review="On time.")
    )
    assert (completed.status, completed.rating) == (EngagementStatus.COMPLETED, 5)


def test_an_error_comes_back_as_a_typed_problem_whose_type_the_client_can_look_up(connect):
    stranger = connect("ofk_not-a-key")
    refused = list_task_matches.sync("tsk_nope", client=stranger)
    assert isinstance(refused, Problem)
    assert (refused.status, refused.type_) == (401, "/problems/unauthorized")
    name = refused.type_.rsplit("/", 1)[-1]
    about = get_problem_type.sync(name, client=connect())
    assert isinstance(about, ProblemTypePublic)
    assert about.status == 401
