"""Slowing down password guessing without letting anyone lock an account.

Failed sign-ins are counted in the database, so the limits hold across every
process. They are counted per (user name, address) pair: past a few failures,
each further try from that pair waits twice as long as the last one. Someone
guessing from elsewhere therefore slows only themselves, and the account's
owner, signing in from their own address, still gets in. An address that fails
for many names (spraying one password over many accounts) is refused for a
while, whatever the name.
"""

from __future__ import annotations

import math
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from liaison.domain.errors import LiaisonError
from liaison.store.schema import LoginAttempt
from liaison.store.types import utcnow

WINDOW = timedelta(minutes=15)
FREE_FAILURES_PER_PAIR = 3  # then each try waits 30 s, 1 min, 2 min… after the last failure
FIRST_DELAY = timedelta(seconds=30)
LONGEST_DELAY = timedelta(minutes=15)
MAX_FAILURES_PER_ADDRESS = 30  # failures from one address, any name, within WINDOW


class TooManyAttempts(LiaisonError):
    status_code = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after  # seconds, for the Retry-After header


def delay_after(failures: int) -> timedelta:
    """How long a (name, address) pair waits after its latest failure."""
    if failures < FREE_FAILURES_PER_PAIR:
        return timedelta(0)
    doubled: timedelta = FIRST_DELAY * 2 ** min(failures - FREE_FAILURES_PER_PAIR, 32)
    return min(doubled, LONGEST_DELAY)


def _name(username: str) -> str:
    return username.strip().lower()[:100]


def check_allowed(session: Session, username: str, remote: str) -> None:
    """Refuses (429) a sign-in that comes too soon after failures from the same pair,
    or from an address that has failed too often; never because of other addresses."""
    now = utcnow()
    recent = (LoginAttempt.at >= now - WINDOW, LoginAttempt.succeeded.is_(False))
    by_address = session.scalar(
        select(func.count()).select_from(LoginAttempt).where(*recent, LoginAttempt.remote == remote[:64])
    )
    if (by_address or 0) >= MAX_FAILURES_PER_ADDRESS:
        minutes = int(WINDOW.total_seconds() // 60)
        raise TooManyAttempts(
            f"too many failed sign-ins from this address; try again in {minutes} minutes",
            retry_after=int(WINDOW.total_seconds()),
        )
    failures, latest = session.execute(
        select(func.count(), func.max(LoginAttempt.at)).where(
            *recent, LoginAttempt.username == _name(username), LoginAttempt.remote == remote[:64]
        )
    ).one()
    if not failures or latest is None:
        return
    wait = latest + delay_after(failures) - now
    if wait > timedelta(0):
        seconds = math.ceil(wait.total_seconds())
        raise TooManyAttempts(
            f"too many failed sign-ins; try again in {seconds} seconds", retry_after=seconds
        )


def note_attempt(session: Session, username: str, remote: str, *, succeeded: bool) -> None:
    session.add(LoginAttempt(username=_name(username), remote=remote[:64], succeeded=succeeded))
    if succeeded:  # the right password from this address forgets this pair's failures
        session.execute(
            delete(LoginAttempt).where(
                LoginAttempt.username == _name(username),
                LoginAttempt.remote == remote[:64],
                LoginAttempt.succeeded.is_(False),
            )
        )
