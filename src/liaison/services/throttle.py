"""Slowing down password guessing: failed sign-ins are counted in the database,
so the limit holds across every process serving the application."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from liaison.domain.errors import LiaisonError
from liaison.store.schema import LoginAttempt
from liaison.store.types import utcnow

WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_USERNAME = 5
MAX_FAILURES_PER_ADDRESS = 20


class TooManyAttempts(LiaisonError):
    status_code = 429


def check_allowed(session: Session, username: str, remote: str) -> None:
    since = utcnow() - WINDOW
    failures = (
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.at >= since, LoginAttempt.succeeded.is_(False))
    )
    by_name = session.scalar(failures.where(LoginAttempt.username == username.strip().lower())) or 0
    by_address = session.scalar(failures.where(LoginAttempt.remote == remote)) or 0
    if by_name >= MAX_FAILURES_PER_USERNAME or by_address >= MAX_FAILURES_PER_ADDRESS:
        minutes = int(WINDOW.total_seconds() // 60)
        raise TooManyAttempts(f"too many failed sign-ins; try again in {minutes} minutes")


def note_attempt(session: Session, username: str, remote: str, *, succeeded: bool) -> None:
    session.add(
        LoginAttempt(username=username.strip().lower()[:100], remote=remote[:64], succeeded=succeeded)
    )
    if succeeded:  # forget earlier failures for this name once the right password is given
        session.execute(
            delete(LoginAttempt).where(
                LoginAttempt.username == username.strip().lower(), LoginAttempt.succeeded.is_(False)
            )
        )
