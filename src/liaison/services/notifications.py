"""Telling an agency (or one of its people) of something that concerns it: a hit
on its data, a message in a case, a request and its decision, an overdue answer.
One helper so every use case writes a notification the same way."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from liaison.domain.codes import NotificationKind
from liaison.store import schema


def notify(
    session: Session,
    agency_id: int,
    kind: NotificationKind,
    payload: dict[str, Any],
    *,
    user_id: int | None = None,
    created_at: datetime | None = None,
) -> None:
    """Add a notification to the session: for the whole agency, or for ``user_id``
    only; dated ``created_at`` (for a batch that shares one clock), else now."""
    notification = schema.Notification(agency_id=agency_id, kind=kind, payload=payload, user_id=user_id)
    if created_at is not None:
        notification.created_at = created_at
    session.add(notification)
