"""Signed-in sessions kept on the server, so that they can be ended there.

The cookie carries only a random session id (signed by the session middleware);
the database keeps its hash, the user, an idle limit and an absolute end. A copied
cookie is worth nothing once the session is revoked (logout, password change,
suspension) or has run out, however often it is replayed.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from liaison.settings import Settings
from liaison.store.schema import User, UserSession, table_of
from liaison.store.types import utcnow

SESSION_KEY = "session"  # the cookie's key holding the session id
KEEP_ENDED = timedelta(days=30)  # ended sessions are kept this long, for the record


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta
    lifetime: timedelta

    @classmethod
    def of(cls, settings: Settings) -> SessionPolicy:
        return cls(
            idle=timedelta(minutes=settings.session_idle_minutes),
            lifetime=timedelta(hours=settings.session_lifetime_hours),
        )

    @property
    def touch_every(self) -> timedelta:
        """Last use is written this often at most, not on every request."""
        return min(timedelta(minutes=5), self.idle / 6)


@dataclass(frozen=True)
class SignedIn:
    user: User
    session_id: int


def _hash(clear: str) -> str:
    return hashlib.sha256(clear.encode("utf-8")).hexdigest()


def open_session(session: Session, user: User, policy: SessionPolicy) -> str:
    """A new session for `user`; returns the id the cookie carries (never stored)."""
    now = utcnow()
    session.execute(delete(UserSession).where(UserSession.expires_at < now - KEEP_ENDED))
    clear = secrets.token_urlsafe(32)
    session.add(
        UserSession(
            token_hash=_hash(clear),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + policy.lifetime,
        )
    )
    session.flush()
    return clear


# Built once: every signed-in request runs it (one indexed lookup, the user joined).
_LOOKUP = (
    select(User, UserSession.id, UserSession.last_seen_at, UserSession.expires_at, UserSession.revoked_at)
    .join(UserSession, UserSession.user_id == User.id)
    .where(UserSession.token_hash == bindparam("token_hash"))
)
_TOUCH = (
    update(table_of(UserSession))
    .where(table_of(UserSession).c.id == bindparam("session_id"))
    .values(last_seen_at=bindparam("now"))
)


def resolve(
    session: Session, clear: object, policy: SessionPolicy, *, record_use: bool = True
) -> SignedIn | None:
    """The active user of a live session, or None (unknown, revoked, idle too long,
    past its absolute end, or its user suspended). Last use is written every few
    minutes, unless `record_use` is false (the caller cannot write now)."""
    if not isinstance(clear, str) or not clear:
        return None
    row = session.execute(_LOOKUP, {"token_hash": _hash(clear)}).first()
    if row is None:
        return None
    user, session_id, last_seen_at, expires_at, revoked_at = row
    now = utcnow()
    if not _live(now, policy, last_seen_at, expires_at, revoked_at) or not user.active:
        return None
    if record_use and now - last_seen_at > policy.touch_every:
        session.connection().execute(_TOUCH, {"session_id": session_id, "now": now})
    return SignedIn(user, session_id)


def _live(
    now: datetime,
    policy: SessionPolicy,
    last_seen_at: datetime,
    expires_at: datetime,
    revoked: datetime | None,
) -> bool:
    return revoked is None and now < expires_at and now - last_seen_at <= policy.idle


def revoke(session: Session, clear: object, reason: str) -> None:
    """Ends the session whose id the cookie carried (logout)."""
    if isinstance(clear, str) and clear:
        session.execute(
            update(UserSession)
            .where(UserSession.token_hash == _hash(clear), UserSession.revoked_at.is_(None))
            .values(revoked_at=utcnow(), revoked_reason=reason)
        )


def revoke_user_sessions(session: Session, user_id: int, reason: str, *, keep: int | None = None) -> int:
    """Ends every live session of a user but `keep`; returns how many were ended."""
    query = update(UserSession).where(UserSession.user_id == user_id, UserSession.revoked_at.is_(None))
    if keep is not None:
        query = query.where(UserSession.id != keep)
    result = session.execute(query.values(revoked_at=utcnow(), revoked_reason=reason))
    return int(getattr(result, "rowcount", 0) or 0)
