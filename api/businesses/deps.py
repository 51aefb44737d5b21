"""The business a path names, loaded for the caller or refused: shared by every route
under ``/v1/businesses/{business_id}``, each saying what the caller is doing and who may."""

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Path
from sqlmodel import Session

from api.auth import Principal
from api.businesses import service
from api.businesses.models import Business
from api.deps import CurrentPrincipal, SessionDep
from api.keys.models import Role

BusinessId = Annotated[str, Path(max_length=40, description="The business's id.")]


def business_loader(
    *, action: str = "read businesses", roles: tuple[Role, ...] = service.READERS
) -> Callable[[str, Principal, Session], Business]:
    """A dependency: the path's business if a caller of ``roles`` may ``action`` it (403 for
    a role that never may, 404 for a business it cannot see)."""

    def load(business_id: BusinessId, principal: CurrentPrincipal, session: SessionDep) -> Business:
        return service.get_visible(
            session=session,
            principal=principal,
            business_id=business_id,
            action=action,
            roles=roles,
        )

    return load


LoadedBusiness = Annotated[Business, Depends(business_loader())]
