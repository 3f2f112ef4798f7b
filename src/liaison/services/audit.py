"""The audit trail: every sign-in and every read of personal data leaves a row."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from liaison.store.schema import AuditEvent, User


def record(
    session: Session,
    action: str,
    *,
    user: User | None = None,
    agency_id: int | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    purpose: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    event = AuditEvent(
        action=action,
        user_id=user.id if user is not None else None,
        agency_id=agency_id if agency_id is not None else (user.agency_id if user else None),
        object_type=object_type,
        object_id=str(object_id) if object_id is not None else None,
        purpose=purpose,
        detail=detail or {},
    )
    session.add(event)
    return event
