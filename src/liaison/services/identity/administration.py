"""Agencies, users, machine clients and tokens, as administrators manage them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.domain.codes import AgencyKind, Role
from liaison.domain.errors import Conflict, Forbidden, NotFound
from liaison.domain.permissions import Permission
from liaison.services.identity import accounts, audit, sessions
from liaison.services.identity.principals import IssuedToken, Principal, create_machine_client, issue_token
from liaison.services.paging import PageRequest, apply_page, count_rows
from liaison.store import schema
from liaison.store.types import utcnow


class AgencyView(BaseModel):
    code: str
    name: str
    country: str
    kind: AgencyKind


class AgencyInput(BaseModel):
    code: str = Field(min_length=2, max_length=32, pattern=r"^[A-Za-z0-9-]+$")
    name: str = Field(min_length=1, max_length=200)
    country: str = Field(min_length=2, max_length=3, pattern=r"^[A-Za-z]{2,3}$")
    kind: AgencyKind


class UserView(BaseModel):
    id: int
    username: str
    display_name: str
    agency: str
    roles: list[Role]
    active: bool


class UserInput(BaseModel):
    username: str = Field(min_length=2, max_length=100, pattern=r"^[A-Za-z0-9._-]+$")
    display_name: str = Field(min_length=1, max_length=200)
    agency: str | None = Field(default=None, description="agency code; default: your own")
    roles: list[Role] = Field(min_length=1)
    locale: str = Field(default="en", pattern=r"^(en|fr)$")


class TokenView(BaseModel):
    id: int
    name: str
    prefix: str
    scopes: list[str]
    expires_at: datetime | None = Field(description="every new token expires; older ones may not")
    revoked: bool


def agency_view(agency: schema.Agency) -> AgencyView:
    return AgencyView(code=agency.code, name=agency.name, country=agency.country, kind=agency.kind)


AGENCY_SORTS = {"code": schema.Agency.code, "name": schema.Agency.name, "country": schema.Agency.country}


def list_agencies(
    session: Session, page: PageRequest, *, kind: AgencyKind | None = None, country: str | None = None
) -> tuple[list[AgencyView], int]:
    """The directory of agencies: who takes part is not personal data."""
    query = select(schema.Agency)
    if kind is not None:
        query = query.where(schema.Agency.kind == kind)
    if country:
        query = query.where(schema.Agency.country == country.upper())
    total = count_rows(session, query)
    agencies = session.scalars(apply_page(query, page, AGENCY_SORTS, default="code"))
    return [agency_view(a) for a in agencies], total


def create_agency(session: Session, principal: Principal, data: AgencyInput) -> AgencyView:
    """Who takes part is the hub's decision: another agency's administrator could
    otherwise create agencies of any kind, a second hub among them."""
    principal.require(Permission.MANAGE_AGENCIES)
    own = session.get(schema.Agency, principal.agency_id)
    if own is None or own.kind is not AgencyKind.HUB:
        raise Forbidden("only the hub's administrators create agencies")
    agency = accounts.create_agency(
        session, code=data.code, name=data.name, country=data.country, kind=data.kind
    )
    audit.record(session, "agency_created", principal=principal, object_type="agency", object_id=agency.code)
    return agency_view(agency)


def _target_agency(session: Session, principal: Principal, code: str | None) -> schema.Agency:
    """Administrators manage their own agency; the hub's administrators any agency."""
    own = session.get(schema.Agency, principal.agency_id)
    assert own is not None
    if code is None or code.upper() == own.code:
        return own
    if own.kind is not AgencyKind.HUB:
        raise Forbidden("only the hub's administrators manage other agencies' accounts")
    return accounts.get_agency(session, code)


def _user_view(user: schema.User) -> UserView:
    return UserView(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        agency=user.agency.code,
        roles=sorted(user.role_set),
        active=user.active,
    )


USER_SORTS = {"username": schema.User.username, "id": schema.User.id}


def list_users(session: Session, principal: Principal, page: PageRequest) -> tuple[list[UserView], int]:
    principal.require(Permission.MANAGE_USERS)
    query = select(schema.User).where(schema.User.agency_id == principal.agency_id)
    total = count_rows(session, query)
    users = session.scalars(apply_page(query, page, USER_SORTS, default="username"))
    return [_user_view(u) for u in users], total


def create_user(
    session: Session, principal: Principal, data: UserInput
) -> tuple[UserView, accounts.NewCredentials]:
    principal.require(Permission.MANAGE_USERS)
    agency = _target_agency(session, principal, data.agency)
    credentials = accounts.create_user(
        session,
        agency=agency,
        username=data.username,
        display_name=data.display_name,
        roles=set(data.roles),
        locale=data.locale,
    )
    user = session.scalar(select(schema.User).where(schema.User.username == credentials.username))
    assert user is not None
    audit.record(session, "user_created", principal=principal, object_type="user", object_id=user.id)
    return _user_view(user), credentials


def _managed_user(session: Session, principal: Principal, user_id: int) -> schema.User:
    """A user this administrator manages: of their agency, or any for the hub's."""
    principal.require(Permission.MANAGE_USERS)
    user = session.get(schema.User, user_id)
    own = session.get(schema.Agency, principal.agency_id)
    if user is None or own is None or (user.agency_id != own.id and own.kind is not AgencyKind.HUB):
        raise NotFound(f"no user {user_id}")
    return user


def suspend_user(session: Session, principal: Principal, user_id: int) -> None:
    """Suspends a user and ends everything they were signed in with: their sessions and
    tokens stay ended if the account is reactivated later."""
    user = _managed_user(session, principal, user_id)
    if user.id == principal.user_id:
        raise Conflict("user_id: administrators cannot suspend themselves")
    user.active = False
    ended = sessions.revoke_user_sessions(session, user.id, "user_suspended")
    now = utcnow()
    tokens = session.scalars(
        select(schema.ApiToken).where(
            schema.ApiToken.user_id == user.id, schema.ApiToken.revoked_at.is_(None)
        )
    ).all()
    for token in tokens:
        token.revoked_at = now
    audit.record(
        session,
        "user_suspended",
        principal=principal,
        object_type="user",
        object_id=user.id,
        detail={"sessions_ended": ended, "tokens_revoked": [t.id for t in tokens]},
    )


def reactivate_user(session: Session, principal: Principal, user_id: int) -> None:
    user = _managed_user(session, principal, user_id)
    user.active = True
    audit.record(session, "user_reactivated", principal=principal, object_type="user", object_id=user.id)


def change_own_password(session: Session, principal: Principal, *, current: str, new: str) -> None:
    """A signed-in person changes their password; every other session of theirs ends,
    so whoever may have copied a cookie or guessed the old password is signed out."""
    if principal.user_id is None or principal.token_id is not None:
        raise Forbidden("sign in to change your password; a token cannot")
    user = session.get(schema.User, principal.user_id)
    assert user is not None
    accounts.set_password(user, current, new)
    ended = sessions.revoke_user_sessions(session, user.id, "password_changed", keep=principal.session_id)
    audit.record(
        session,
        "password_changed",
        principal=principal,
        object_type="user",
        object_id=user.id,
        detail={"sessions_ended": ended},
    )


def register_machine_client(
    session: Session,
    principal: Principal,
    *,
    name: str,
    agency_code: str | None,
    scopes: set[Permission],
    days: int,
    max_days: int,
) -> tuple[schema.MachineClient, IssuedToken]:
    principal.require(Permission.MANAGE_USERS)
    agency = _target_agency(session, principal, agency_code)
    client, issued = create_machine_client(
        session, agency=agency, name=name, scopes=scopes, days=days, max_days=max_days
    )
    audit.record(
        session,
        "machine_client_created",
        principal=principal,
        object_type="machine_client",
        object_id=client.id,
    )
    return client, issued


def disable_machine_client(session: Session, principal: Principal, client_id: int) -> None:
    principal.require(Permission.MANAGE_USERS)
    client = session.get(schema.MachineClient, client_id)
    if client is None:
        raise NotFound(f"no machine client {client_id}")
    _target_agency(session, principal, client.agency.code)
    client.active = False
    audit.record(
        session,
        "machine_client_disabled",
        principal=principal,
        object_type="machine_client",
        object_id=client.id,
    )


def issue_own_token(
    session: Session, principal: Principal, *, name: str, scopes: set[Permission], days: int, max_days: int
) -> IssuedToken:
    if principal.user_id is None:
        raise Forbidden("machine clients cannot issue tokens")
    if principal.token_id is not None:
        raise Forbidden("sign in to issue tokens; a token cannot issue another")
    user = session.get(schema.User, principal.user_id)
    assert user is not None
    issued = issue_token(session, name=name, scopes=scopes, user=user, days=days, max_days=max_days)
    audit.record(session, "token_issued", principal=principal, object_type="token", object_id=issued.token.id)
    return issued


def revoke_token(session: Session, principal: Principal, token_id: int) -> schema.ApiToken:
    """Users revoke their own tokens; administrators any token of their agency."""
    token = session.get(schema.ApiToken, token_id)
    if token is None:
        raise NotFound(f"no token {token_id}")
    holder_agency = token.user.agency_id if token.user else token.machine_client.agency_id  # type: ignore[union-attr]
    own = token.user_id is not None and token.user_id == principal.user_id
    admin = principal.can(Permission.MANAGE_USERS) and holder_agency == principal.agency_id
    if not (own or admin):
        raise NotFound(f"no token {token_id}")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(
            session,
            "token_revoked",
            principal=principal,
            object_type="token",
            object_id=token.id,
            detail={"holder": "user" if token.user_id is not None else "machine_client"},
        )
    return token


def token_view(token: schema.ApiToken) -> TokenView:
    return TokenView(
        id=token.id,
        name=token.name,
        prefix=token.token_prefix,
        scopes=token.scopes,
        expires_at=token.expires_at,
        revoked=token.revoked_at is not None,
    )
