"""Who is reading a page: the signed-in user and the principal their roles make."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends

from liaison.api.deps import UserDep
from liaison.services.principals import Principal, principal_for_user
from liaison.store.schema import User


@dataclass(frozen=True)
class Reader:
    user: User
    principal: Principal


def reader(user: UserDep) -> Reader:
    return Reader(user, principal_for_user(user))


ReaderDep = Annotated[Reader, Depends(reader)]
