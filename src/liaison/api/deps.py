"""Typed dependencies shared by routers: runtime, database session, current user."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from liaison.domain.errors import NotAuthenticated
from liaison.services.runtime import Runtime
from liaison.store.schema import User

USER_SESSION_KEY = "user_id"


def get_runtime(request: Request) -> Runtime:
    runtime = request.app.state.runtime
    assert isinstance(runtime, Runtime)
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_db(runtime: RuntimeDep) -> Iterator[Session]:
    """One session per request, committed when the handler succeeds."""
    with runtime.sessions() as session, session.begin():
        yield session


DbDep = Annotated[Session, Depends(get_db)]


class LoginRequired(NotAuthenticated):
    """Raised for a page request without a signed-in user; the web layer redirects."""


def current_user(request: Request, db: DbDep) -> User:
    user_id = request.session.get(USER_SESSION_KEY)
    user = db.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.active:
        request.session.pop(USER_SESSION_KEY, None)
        raise LoginRequired("sign in first")
    return user


UserDep = Annotated[User, Depends(current_user)]
