"""Overdue requests: flagged once to the receiving agency and to each of its supervisors."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.domain.codes import NotificationKind, Role
from liaison.domain.exchange import CaseStatus, RequestStatus
from liaison.services.notifications import notify
from liaison.services.pipeline.failures import describe
from liaison.services.runtime import Runtime
from liaison.store import schema
from liaison.store.types import utcnow

log = logging.getLogger(__name__)


def flag_overdue(session: Session, *, now: datetime | None = None) -> int:
    """Flag every open request past its due time that was not flagged yet; returns how many.

    Run by every worker and by `liaison exchange flag-overdue` (a timer may call it);
    flagging is idempotent, so several runs at once tell each agency only once."""
    now = now or utcnow()
    rows = session.execute(
        select(schema.MessageRecipient, schema.CaseMessage, schema.Case.reference)
        .join(schema.CaseMessage, schema.CaseMessage.id == schema.MessageRecipient.message_id)
        .join(schema.Case, schema.Case.id == schema.CaseMessage.case_id)
        .where(
            schema.MessageRecipient.request_status == RequestStatus.OPEN,
            schema.MessageRecipient.overdue_flagged_at.is_(None),
            schema.MessageRecipient.due_at < now,
            schema.Case.status == CaseStatus.OPEN,  # a closed case's requests are over
        )
        .with_for_update(of=schema.MessageRecipient, skip_locked=True)
    ).all()
    for receipt, message, reference in rows:
        receipt.overdue_flagged_at = now
        payload = {
            "message_id": message.id,
            "case_id": message.case_id,
            "case_reference": reference,
            "due_at": receipt.due_at.isoformat() if receipt.due_at else None,
            "urgency": message.urgency.value if message.urgency else None,
        }
        notify(session, receipt.agency_id, NotificationKind.REQUEST_OVERDUE, payload, created_at=now)
        for supervisor in _supervisors(session, receipt.agency_id):
            notify(
                session,
                receipt.agency_id,
                NotificationKind.REQUEST_OVERDUE,
                {**payload, "for": "supervisor"},
                user_id=supervisor,
                created_at=now,
            )
    session.flush()
    return len(rows)


def _supervisors(session: Session, agency_id: int) -> list[int]:
    return list(
        session.scalars(
            select(schema.User.id)
            .join(schema.UserRole, schema.UserRole.user_id == schema.User.id)
            .where(
                schema.User.agency_id == agency_id,
                schema.User.active.is_(True),
                schema.UserRole.role == Role.SUPERVISOR,
            )
        )
    )


CHECK_EVERY_SECONDS = 60


def flag_overdue_now(runtime: Runtime) -> int:
    """One round of flagging in its own transaction; a failure is logged, not raised,
    so the loop that calls it (web app, worker) carries on."""
    try:
        with runtime.transaction() as session:
            return flag_overdue(session)
    except Exception as exc:  # its text may quote values: the class and place only
        log.warning("flagging overdue requests failed (%s); the next round tries again", describe(exc))
        return 0


async def watch_deadlines(runtime: Runtime, stop: asyncio.Event) -> None:
    """Flag overdue requests every minute until `stop` is set (run by `liaison serve`
    and by every `liaison worker`; flags are set once whoever runs first)."""
    while not stop.is_set():
        await asyncio.to_thread(flag_overdue_now, runtime)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=CHECK_EVERY_SECONDS)
