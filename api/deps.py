"""Request-scoped dependencies: the session, the caller, and objects loaded for the caller."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from api.auth import Principal, authenticate
from api.db import open_session
from api.settings import Settings

_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="An Offload API key: `Authorization: Bearer ofk_...`.",
)


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """One session per request, committed once when the handler returns without error."""
    write = request.method not in _READ_METHODS
    for session in open_session(request.app.state.engine, write=write):
        yield session
        if write:
            session.commit()


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_principal(
    session: SessionDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    return authenticate(
        session=session, settings=settings, token=credentials.credentials if credentials else None
    )


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
