"""Who is reading a page: the signed-in user and the principal their roles make."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends

from liaison.http.deps import SignedInDep
from liaison.services.identity.principals import Principal, principal_for_user
from liaison.store.schema import User


@dataclass(frozen=True)
class Reader:
    user: User
    principal: Principal


def reader(found: SignedInDep) -> Reader:
    return Reader(found.user, principal_for_user(found.user, session_id=found.session_id))


ReaderDep = Annotated[Reader, Depends(reader)]
