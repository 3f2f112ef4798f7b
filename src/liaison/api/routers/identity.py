"""Who am I, agencies, users, machine clients and tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from liaison.api.schemas import Page
from liaison.domain.codes import AgencyKind
from liaison.domain.permissions import Permission
from liaison.http.deps import DbDep, Id, PrincipalDep, RuntimeDep, paging
from liaison.http.errors import ERROR_RESPONSES
from liaison.services.identity import administration, principals
from liaison.services.identity.administration import AgencyInput, AgencyView, TokenView, UserInput, UserView
from liaison.services.paging import PageRequest

router = APIRouter(prefix="/api/v1", tags=["identity"], responses=ERROR_RESPONSES)


class Me(BaseModel):
    name: str
    agency: str
    kind: str = Field(description="user or machine")
    permissions: list[Permission]


@router.get("/me")
def me(principal: PrincipalDep) -> Me:
    return Me(
        name=principal.name,
        agency=principal.agency_code,
        kind="user" if principal.user_id is not None else "machine",
        permissions=sorted(principal.permissions),
    )


@router.get("/agencies")
def list_agencies(
    db: DbDep,
    principal: PrincipalDep,
    page: Annotated[PageRequest, paging(*administration.AGENCY_SORTS)],
    kind: Annotated[AgencyKind | None, Query()] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
) -> Page[AgencyView]:
    items, total = administration.list_agencies(db, page, kind=kind, country=country)
    return Page.of(items, page, total)


@router.post("/agencies", status_code=201)
def create_agency(db: DbDep, principal: PrincipalDep, data: AgencyInput) -> AgencyView:
    return administration.create_agency(db, principal, data)


@router.get("/users")
def list_users(
    db: DbDep, principal: PrincipalDep, page: Annotated[PageRequest, paging(*administration.USER_SORTS)]
) -> Page[UserView]:
    items, total = administration.list_users(db, principal, page)
    return Page.of(items, page, total)


class NewUser(BaseModel):
    user: UserView
    password: str = Field(description="shown once; give it to the person by a safe channel")


@router.post("/users", status_code=201)
def create_user(db: DbDep, principal: PrincipalDep, data: UserInput) -> NewUser:
    user, credentials = administration.create_user(db, principal, data)
    return NewUser(user=user, password=credentials.password)


@router.post("/users/{user_id}/suspend", status_code=204)
def suspend_user(db: DbDep, principal: PrincipalDep, user_id: Id) -> None:
    """Suspends the account and ends its sessions and tokens for good."""
    administration.suspend_user(db, principal, user_id)


@router.post("/users/{user_id}/reactivate", status_code=204)
def reactivate_user(db: DbDep, principal: PrincipalDep, user_id: Id) -> None:
    administration.reactivate_user(db, principal, user_id)


class PasswordChange(BaseModel):
    current_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=1, max_length=200)


@router.post("/me/password", status_code=204)
def change_password(db: DbDep, principal: PrincipalDep, data: PasswordChange) -> None:
    """Changes the signed-in person's password and ends their other sessions."""
    administration.change_own_password(db, principal, current=data.current_password, new=data.new_password)


class MachineClientInput(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    agency: str | None = None
    scopes: list[Permission] = Field(default_factory=lambda: [Permission.PUSH_MESSAGES])
    days: int | None = Field(
        default=None,
        ge=1,
        description="the token's validity in days; default and most: LIAISON_MACHINE_TOKEN_MAX_DAYS (365)",
    )


class NewMachineClient(BaseModel):
    id: int
    name: str
    agency: str
    token: str = Field(description="shown once")


@router.post("/machine-clients", status_code=201)
def create_machine_client(
    db: DbDep, runtime: RuntimeDep, principal: PrincipalDep, data: MachineClientInput
) -> NewMachineClient:
    client, issued = administration.register_machine_client(
        db,
        principal,
        name=data.name,
        agency_code=data.agency,
        scopes=set(data.scopes),
        days=data.days or runtime.settings.machine_token_max_days,
        max_days=runtime.settings.machine_token_max_days,
    )
    return NewMachineClient(id=client.id, name=client.name, agency=client.agency.code, token=issued.clear)


@router.post("/machine-clients/{client_id}/disable", status_code=204)
def disable_machine_client(db: DbDep, principal: PrincipalDep, client_id: Id) -> None:
    administration.disable_machine_client(db, principal, client_id)


class TokenInput(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    scopes: list[Permission] = Field(min_length=1)
    days: int | None = Field(
        default=None,
        ge=1,
        description="validity in days (every token expires); default and most: "
        "LIAISON_PERSONAL_TOKEN_MAX_DAYS (90)",
    )


class NewToken(BaseModel):
    token: TokenView
    secret: str = Field(description="the bearer token, shown once")


@router.get("/tokens")
def list_tokens(
    db: DbDep, principal: PrincipalDep, page: Annotated[PageRequest, paging()]
) -> Page[TokenView]:
    tokens = principals.list_tokens(db, principal)
    items = [administration.token_view(t) for t in tokens][page.offset : page.offset + page.limit]
    return Page.of(items, page, len(tokens))


@router.post("/tokens", status_code=201)
def create_token(db: DbDep, runtime: RuntimeDep, principal: PrincipalDep, data: TokenInput) -> NewToken:
    issued = administration.issue_own_token(
        db,
        principal,
        name=data.name,
        scopes=set(data.scopes),
        days=data.days or runtime.settings.personal_token_max_days,
        max_days=runtime.settings.personal_token_max_days,
    )
    return NewToken(token=administration.token_view(issued.token), secret=issued.clear)


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(db: DbDep, principal: PrincipalDep, token_id: Id) -> None:
    administration.revoke_token(db, principal, token_id)
