"""Who is acting: a signed-in user or a bearer token, always on behalf of one agency."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from liaison.domain.errors import Forbidden, InvalidInput, NotAuthenticated, NotFound
from liaison.domain.permissions import MACHINE_PERMISSIONS, Permission, permissions_of
from liaison.store.schema import Agency, ApiToken, MachineClient, User
from liaison.store.types import utcnow

TOKEN_PREFIX = "lsn_"  # noqa: S105 (marks Liaison tokens for secret scanners)


@dataclass(frozen=True)
class Principal:
    agency_id: int
    agency_code: str
    name: str
    permissions: frozenset[Permission]
    user_id: int | None = None
    machine_client_id: int | None = None
    token_id: int | None = None

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        if permission not in self.permissions:
            raise Forbidden(f"this needs the {permission.value!r} permission, which {self.name} lacks")


def principal_for_user(user: User) -> Principal:
    return Principal(
        agency_id=user.agency_id,
        agency_code=user.agency.code,
        name=user.username,
        permissions=permissions_of(user.role_set),
        user_id=user.id,
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
    valid_for: timedelta | None = None,
) -> IssuedToken:
    """A new token whose scopes must lie within what its holder may do."""
    if (user is None) == (machine_client is None):
        raise InvalidInput("a token belongs to exactly one user or machine client")
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
        expires_at=utcnow() + valid_for if valid_for else None,
    )
    session.add(token)
    session.flush()
    return IssuedToken(token, clear)


def principal_for_token(session: Session, clear: str) -> Principal:
    """The principal a bearer token stands for; refuses unknown, revoked or expired tokens."""
    token = session.scalar(
        select(ApiToken)
        .where(ApiToken.token_hash == hash_token(clear))
        .options(
            joinedload(ApiToken.user).joinedload(User.agency),
            joinedload(ApiToken.user).selectinload(User.roles),
            joinedload(ApiToken.machine_client).joinedload(MachineClient.agency),
        )
    )
    now = utcnow()
    if token is None or token.revoked_at is not None:
        raise NotAuthenticated("unknown or revoked token")
    if token.expires_at is not None and token.expires_at <= now:
        raise NotAuthenticated("the token has expired")
    scopes = frozenset(Permission(scope) for scope in token.scopes)
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        token.last_used_at = now  # coarse, to avoid a write on every request
    if token.user is not None:
        if not token.user.active:
            raise Forbidden("the token's user is disabled")
        return Principal(
            agency_id=token.user.agency_id,
            agency_code=token.user.agency.code,
            name=token.user.username,
            permissions=scopes & permissions_of(token.user.role_set),
            user_id=token.user.id,
            token_id=token.id,
        )
    client = token.machine_client
    assert client is not None
    if not client.active:
        raise Forbidden(f"machine client {client.name} is disabled")
    return Principal(
        agency_id=client.agency_id,
        agency_code=client.agency.code,
        name=client.name,
        permissions=scopes & MACHINE_PERMISSIONS,
        machine_client_id=client.id,
        token_id=token.id,
    )


def list_tokens(session: Session, principal: Principal) -> list[ApiToken]:
    if principal.user_id is None:
        raise Forbidden("machine clients cannot manage tokens")
    return list(
        session.scalars(select(ApiToken).where(ApiToken.user_id == principal.user_id).order_by(ApiToken.id))
    )


def revoke_token(session: Session, principal: Principal, token_id: int) -> ApiToken:
    """Users revoke their own tokens; administrators any token of their agency."""
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(f"no token {token_id}")
    holder_agency = token.user.agency_id if token.user else token.machine_client.agency_id  # type: ignore[union-attr]
    own = token.user_id is not None and token.user_id == principal.user_id
    admin = principal.can(Permission.MANAGE_USERS) and holder_agency == principal.agency_id
    if not (own or admin):
        raise NotFound(f"no token {token_id}")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    return token


def create_machine_client(
    session: Session, *, agency: Agency, name: str, scopes: set[Permission] | None = None
) -> tuple[MachineClient, IssuedToken]:
    client = MachineClient(agency=agency, name=name)
    session.add(client)
    session.flush()
    issued = issue_token(
        session, name=f"{name} token", scopes=scopes or {Permission.PUSH_MESSAGES}, machine_client=client
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
