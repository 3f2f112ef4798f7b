"""Who is acting: a signed-in user or a bearer token, always on behalf of one agency."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import Session, aliased

from liaison.domain.errors import Forbidden, InvalidInput, NotAuthenticated, NotFound
from liaison.domain.permissions import MACHINE_PERMISSIONS, Permission, permissions_of
from liaison.store.schema import Agency, ApiToken, MachineClient, User, UserRole
from liaison.store.types import utcnow

TOKEN_PREFIX = "lsn_"  # noqa: S105 (marks Liaison tokens for secret scanners)
MACHINE_TOKEN_DAYS = 365  # a machine client's token, unless the administrator asks for less


@dataclass(frozen=True)
class Principal:
    agency_id: int
    agency_code: str
    name: str
    permissions: frozenset[Permission]
    user_id: int | None = None
    machine_client_id: int | None = None
    token_id: int | None = None
    session_id: int | None = None  # the signed-in session acted through, if any

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        if permission not in self.permissions:
            raise Forbidden(f"this needs the {permission.value!r} permission, which {self.name} lacks")


def principal_for_user(user: User, *, session_id: int | None = None) -> Principal:
    return Principal(
        agency_id=user.agency_id,
        agency_code=user.agency.code,
        name=user.username,
        permissions=permissions_of(user.role_set),
        user_id=user.id,
        session_id=session_id,
    )


def hash_token(token: str) -> str:
    """Tokens are long and random, so an unkeyed hash is enough to store them safely."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    clear: str  # shown once, never stored


def issue_token(
    session: Session,
    *,
    name: str,
    scopes: set[Permission],
    user: User | None = None,
    machine_client: MachineClient | None = None,
    days: int,
    max_days: int,
) -> IssuedToken:
    """A new token whose scopes lie within what its holder may do, and which expires:
    a token that never expires outlives the reason it was issued for."""
    if (user is None) == (machine_client is None):
        raise InvalidInput("a token belongs to exactly one user or machine client")
    if not 1 <= days <= max_days:
        raise InvalidInput(f"days: a token must expire within 1 to {max_days} days")
    allowed = permissions_of(user.role_set) if user is not None else MACHINE_PERMISSIONS
    if not scopes:
        raise InvalidInput("scopes: give at least one scope")
    beyond = sorted(scope.value for scope in scopes - allowed)
    if beyond:
        raise Forbidden(f"scopes: {', '.join(beyond)} exceed what the holder may do")
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        machine_client=machine_client,
        name=name,
        token_hash=hash_token(clear),
        token_prefix=clear[:12],
        scopes=sorted(scope.value for scope in scopes),
        expires_at=utcnow() + timedelta(days=days),
    )
    session.add(token)
    session.flush()
    return IssuedToken(token, clear)


def _token_statement() -> Select[*tuple[Any, ...]]:
    """One row per token with its user or machine client and their agency."""
    user_agency, client_agency = aliased(Agency), aliased(Agency)
    return (
        select(
            ApiToken.id,
            ApiToken.revoked_at,
            ApiToken.expires_at,
            ApiToken.last_used_at,
            ApiToken.scopes,
            User.id,
            User.active,
            User.username,
            User.agency_id,
            user_agency.code,
            MachineClient.id,
            MachineClient.active,
            MachineClient.name,
            MachineClient.agency_id,
            client_agency.code,
        )
        .select_from(ApiToken)
        .outerjoin(User, User.id == ApiToken.user_id)
        .outerjoin(user_agency, user_agency.id == User.agency_id)
        .outerjoin(MachineClient, MachineClient.id == ApiToken.machine_client_id)
        .outerjoin(client_agency, client_agency.id == MachineClient.agency_id)
        .where(ApiToken.token_hash == bindparam("token_hash"))
    )


# Built once, in Core: every API request runs them, and building an ORM
# statement and its objects cost more than the database's work (bench/api.py).
_TOKEN = _token_statement()
_ROLES = select(UserRole.role).where(UserRole.user_id == bindparam("user_id"))
_TOUCH = update(ApiToken).where(ApiToken.id == bindparam("token_id")).values(last_used_at=bindparam("now"))


def principal_for_token(session: Session, clear: str, *, record_use: bool = True) -> Principal:
    """The principal a bearer token stands for; refuses unknown, revoked or expired tokens.

    The token's last use is written every few minutes, unless `record_use` is false
    (the caller cannot write now without waiting)."""
    # On the session's connection: these are Core statements, and the ORM's
    # execution path around them cost more than the lookup (bench/api.py).
    connection = session.connection()
    row = connection.execute(_TOKEN, {"token_hash": hash_token(clear)}).first()
    now = utcnow()
    if row is None:
        raise NotAuthenticated("unknown or revoked token")
    (token_id, revoked_at, expires_at, last_used_at, scope_names,
     user_id, user_active, username, user_agency_id, user_agency_code,
     client_id, client_active, client_name, client_agency_id, client_agency_code) = row  # fmt: skip
    if revoked_at is not None:
        raise NotAuthenticated("unknown or revoked token")
    if expires_at is not None and expires_at <= now:
        raise NotAuthenticated("the token has expired")
    scopes = frozenset(Permission(scope) for scope in scope_names)
    if record_use and (last_used_at is None or now - last_used_at > timedelta(minutes=5)):
        # coarse, to avoid a write on every request
        connection.execute(_TOUCH, {"token_id": token_id, "now": now})
    if user_id is not None:
        if not user_active:
            raise Forbidden("the token's user is disabled")
        roles = frozenset(connection.execute(_ROLES, {"user_id": user_id}).scalars())
        return Principal(
            agency_id=user_agency_id,
            agency_code=user_agency_code,
            name=username,
            permissions=scopes & permissions_of(roles),
            user_id=user_id,
            token_id=token_id,
        )
    if not client_active:
        raise Forbidden(f"machine client {client_name} is disabled")
    return Principal(
        agency_id=client_agency_id,
        agency_code=client_agency_code,
        name=client_name,
        permissions=scopes & MACHINE_PERMISSIONS,
        machine_client_id=client_id,
        token_id=token_id,
    )


def list_tokens(session: Session, principal: Principal) -> list[ApiToken]:
    if principal.user_id is None:
        raise Forbidden("machine clients cannot manage tokens")
    return list(
        session.scalars(select(ApiToken).where(ApiToken.user_id == principal.user_id).order_by(ApiToken.id))
    )


def create_machine_client(
    session: Session,
    *,
    agency: Agency,
    name: str,
    scopes: set[Permission] | None = None,
    days: int = MACHINE_TOKEN_DAYS,
    max_days: int = MACHINE_TOKEN_DAYS,
) -> tuple[MachineClient, IssuedToken]:
    client = MachineClient(agency=agency, name=name)
    session.add(client)
    session.flush()
    issued = issue_token(
        session,
        name=f"{name} token",
        scopes=scopes or {Permission.PUSH_MESSAGES},
        machine_client=client,
        days=days,
        max_days=max_days,
    )
    return client, issued


def command_line_principal(session: Session, agency_code: str, permissions: set[Permission]) -> Principal:
    """Someone at the server's console acting for an agency (batch loads, the demo).

    Has no user account; audit events show the agency and this name.
    """
    agency = session.scalar(select(Agency).where(Agency.code == agency_code.strip().upper()))
    if agency is None:
        raise NotFound(f"no agency with code {agency_code}")
    return Principal(
        agency_id=agency.id, agency_code=agency.code, name="command line", permissions=frozenset(permissions)
    )
