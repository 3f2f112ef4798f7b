"""People and machines that may use Liaison: creation and authentication."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liaison.domain.codes import AgencyKind, Role
from liaison.domain.countries import country_code
from liaison.domain.duties import check_separation_of_duties
from liaison.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from liaison.store.schema import Agency, User, UserRole
from liaison.store.types import utcnow

_hasher = PasswordHasher()


@dataclass(frozen=True)
class NewCredentials:
    """Shown once, never stored in clear."""

    username: str
    password: str


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def generate_password() -> str:
    return secrets.token_urlsafe(15)


def create_agency(session: Session, *, code: str, name: str, country: str, kind: AgencyKind) -> Agency:
    code = code.strip().upper()
    if not code or len(code) > 32:
        raise InvalidInput("agency code: 1 to 32 characters such as FR-PIU")
    if session.scalar(select(Agency).where(Agency.code == code)) is not None:
        raise Conflict(f"agency code {code} is already taken")
    agency = Agency(code=code, name=name, country=country_code(country), kind=kind)
    session.add(agency)
    session.flush()
    return agency


def get_agency(session: Session, code: str) -> Agency:
    agency = session.scalar(select(Agency).where(Agency.code == code.upper()))
    if agency is None:
        raise NotFound(f"no agency with code {code}")
    return agency


def create_user(
    session: Session,
    *,
    agency: Agency,
    username: str,
    display_name: str,
    roles: set[Role],
    password: str | None = None,
    locale: str = "en",
    password_hash: str | None = None,
) -> NewCredentials:
    """Create a user; `password_hash` lets bulk loaders hash one shared password once."""
    username = username.strip().lower()
    if not username:
        raise InvalidInput("username: must not be empty")
    if not roles:
        raise InvalidInput("roles: a user needs at least one role")
    check_separation_of_duties(roles)
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise Conflict(f"username {username} is already taken")
    clear = password or generate_password()
    user = User(
        agency=agency,
        username=username,
        display_name=display_name,
        password_hash=password_hash or hash_password(clear),
        locale=locale,
        roles=[UserRole(role=role) for role in sorted(roles)],
    )
    session.add(user)
    session.flush()
    return NewCredentials(username=username, password=clear)


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with these credentials, or None (never says which part was wrong)."""
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None or not user.active:
        _hasher.hash(password)  # spend the same time as a real check
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


MIN_PASSWORD_LENGTH = 12


def set_password(user: User, current: str, new: str) -> None:
    """Replaces the password after checking the current one; the new one must be long."""
    try:
        _hasher.verify(user.password_hash, current)
    except (VerificationError, InvalidHashError):
        raise Forbidden("current_password: this is not your current password") from None
    if not MIN_PASSWORD_LENGTH <= len(new) <= 200:
        raise InvalidInput(f"new_password: {MIN_PASSWORD_LENGTH} to 200 characters")
    if new == current:
        raise InvalidInput("new_password: must differ from the current password")
    user.password_hash = hash_password(new)


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0


def names_in_agency(
    session: Session, agency_id: int, user_ids: Iterable[int], *, username: bool = False
) -> dict[int, str]:
    """Display names (or usernames) of the agency's own people among these users:
    a page names its own colleagues, never another agency's."""
    ids = set(user_ids)
    if not ids:
        return {}
    column = User.username if username else User.display_name
    rows = session.execute(select(User.id, column).where(User.id.in_(ids), User.agency_id == agency_id))
    return {row[0]: row[1] for row in rows}
