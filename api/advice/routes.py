"""Advisor routes: the market price of a task's terms, and which tasks to hand off first."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import AfterValidator, BeforeValidator

from api.advice import service
from api.advice.models import AdviceList, AdviceRequest, MarketPublic
from api.auth import require_role
from api.businesses.deps import business_loader
from api.businesses.models import Business
from api.deps import CurrentPrincipal, ExactCapacity, OfferIndexDep, SessionDep, SettingsDep
from api.errors import problems
from api.fields import MAX_VOLUME, CurrencyCode, LanguageCode, Tag, plain_text
from api.keys.models import Role

router = APIRouter(tags=["Advice"], dependencies=[ExactCapacity])

ADVISED = (Role.admin, Role.partner, Role.business)


def _split_commas(values: object) -> object:
    """`?languages=en,es` and `?languages=en&languages=es` are the same filter."""
    if not isinstance(values, list):
        return values
    return [p.strip() for v in values for p in str(v).split(",") if p.strip()]


Languages = Annotated[
    list[LanguageCode],
    BeforeValidator(_split_commas),
    Query(
        max_length=20,
        description="ISO 639-1; vendors must speak one of them. Repeat the parameter or "
        "separate codes with commas.",
    ),
]
Certifications = Annotated[
    list[Tag],
    BeforeValidator(_split_commas),
    AfterValidator(plain_text),
    Query(
        max_length=20,
        description="Vendors must hold every one. Repeat the parameter or separate with commas.",
    ),
]
TaskTypeKey = Annotated[
    str,
    Path(max_length=64, description="A key from `GET /v1/task-types`."),
    AfterValidator(plain_text),
]
AdvisedBusiness = Annotated[
    Business, Depends(business_loader(action="ask for advice", roles=ADVISED))
]


@router.get(
    "/v1/market/{task_type}",
    summary="Get the market price of a task",
    responses=problems(401, 404, 422),
)
def get_market(
    task_type: TaskTypeKey,
    volume: Annotated[
        int, Query(gt=0, le=MAX_VOLUME, description="Units of work per month, in the type's unit.")
    ],
    currency: Annotated[CurrencyCode, Query(description="ISO 4217; quotes are converted to it.")],
    principal: CurrentPrincipal,
    session: SessionDep,
    settings: SettingsDep,
    index: OfferIndexDep,
    languages: Languages = [],  # noqa: B006 - FastAPI copies defaults per request
    required_certifications: Certifications = [],  # noqa: B006
) -> MarketPublic:
    """What vendors charge a month for this much of this work: quote percentiles (p10 to
    p90) over every active offer that could take it on (capacity, minimum volume,
    languages, certifications and currency; budget aside), converted to `currency`, and
    the median per unit. An unknown task type is a 404.

    Roles: any valid key.
    """
    return service.market_for(
        session=session,
        settings=settings,
        index=index,
        task_type=task_type,
        volume=volume,
        currency=currency,
        languages=languages,
        required_certifications=required_certifications,
    )


@router.get(
    "/v1/businesses/{business_id}/advice",
    summary="Advise a business on what to hand off",
    responses=problems(401, 403, 404, 409, 422),
)
def get_business_advice(
    business: AdvisedBusiness,
    session: SessionDep,
    settings: SettingsDep,
    index: OfferIndexDep,
) -> AdviceList:
    """For each open or paused task of the business: hand it off or not, and why, priced by
    the live market against the owner's time (`hourly_value`, the tasks'
    `hours_spent_per_month` and `core`). Tasks worth handing off come first, biggest monthly
    gain first, numbered by `priority`; `totals` add them up in the business's currency.
    A 409 when a task's budget currency has no exchange rate with the hourly value's.

    Roles: admin, the owning partner, the business itself.
    """
    return service.for_business(session=session, settings=settings, index=index, business=business)


@router.post(
    "/v1/advice",
    summary="Advise on tasks described inline",
    responses=problems(400, 401, 403, 413, 415, 422),
)
def advise_inline(
    body: AdviceRequest,
    principal: CurrentPrincipal,
    session: SessionDep,
    settings: SettingsDep,
    index: OfferIndexDep,
) -> AdviceList:
    """The advisor as a calculator: up to 50 tasks and the owner's hourly value, nothing
    stored (for a front end before sign-up). Answers as `GET
    /v1/businesses/{business_id}/advice` does, with `task_id` null and totals in the hourly
    value's currency. A task without a budget is priced in that currency too.

    Roles: admin, partner, business.
    """
    require_role(principal, *ADVISED, action="ask for advice")
    return service.for_inline(session=session, settings=settings, index=index, request=body)
