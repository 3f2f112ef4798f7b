"""The audit trail: every sign-in and every read of personal data leaves a row.

Rows are only ever added: the database itself refuses UPDATE and DELETE on
audit_events (see migration 0002).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, insert, select
from sqlalchemy.orm import Session

from liaison.domain.cards import mask_card_numbers_in_text
from liaison.domain.permissions import Permission
from liaison.services.identity.principals import Principal
from liaison.services.paging import PageRequest, apply_page, count_rows
from liaison.store.schema import AuditEvent, User, table_of
from liaison.store.types import utcnow


def record(
    session: Session,
    action: str,
    *,
    principal: Principal | None = None,
    user: User | None = None,
    agency_id: int | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    purpose: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add one event; the actor is a principal, or a user before one exists (sign-in).

    Written at once with a prepared Core statement on the session's connection,
    not as an ORM object nor through the ORM's execution path: it happens on
    every read of personal data, so it must cost next to nothing."""
    user_id = principal.user_id if principal else (user.id if user else None)
    if agency_id is None:
        agency_id = principal.agency_id if principal else (user.agency_id if user else None)
    session.connection().execute(
        _INSERT,
        {
            "at": utcnow(),
            "action": action,
            "user_id": user_id,
            "machine_client_id": principal.machine_client_id if principal else None,
            "agency_id": agency_id,
            "object_type": object_type,
            "object_id": str(object_id) if object_id is not None else None,
            # Purposes and reasons are people's words: a card number in them stays masked.
            "purpose": mask_card_numbers_in_text(purpose) if purpose else purpose,
            "detail": {
                k: mask_card_numbers_in_text(v) if isinstance(v, str) else v for k, v in detail.items()
            }
            if detail
            else {},
        },
    )


_INSERT = insert(table_of(AuditEvent))


@dataclass(frozen=True)
class AuditFilter:
    action: str | None = None
    user_id: int | None = None
    object_type: str | None = None
    object_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


SORTABLE = {"at": AuditEvent.at, "action": AuditEvent.action, "id": AuditEvent.id}


def _query(principal: Principal, where: AuditFilter) -> Select[AuditEvent]:
    principal.require(Permission.AUDIT_READ)
    query = select(AuditEvent).where(AuditEvent.agency_id == principal.agency_id)
    if where.action:
        query = query.where(AuditEvent.action == where.action)
    if where.user_id is not None:
        query = query.where(AuditEvent.user_id == where.user_id)
    if where.object_type:
        query = query.where(AuditEvent.object_type == where.object_type)
    if where.object_id:
        query = query.where(AuditEvent.object_id == where.object_id)
    if where.since:
        query = query.where(AuditEvent.at >= where.since)
    if where.until:
        query = query.where(AuditEvent.at < where.until)
    return query


def search(
    session: Session, principal: Principal, where: AuditFilter, page: PageRequest
) -> tuple[list[AuditEvent], int]:
    """The data protection officer's view of their agency's trail (reading it is itself audited)."""
    query = _query(principal, where)
    total = count_rows(session, query)
    events = list(session.scalars(apply_page(query, page, SORTABLE, default="-at")))
    record(session, "audit_searched", principal=principal, detail={"results": total})
    return events, total


EXPORT_COLUMNS = ("id", "at", "action", "user_id", "machine_client_id", "agency_id", "object_type",
                  "object_id", "purpose", "detail")  # fmt: skip


def export_csv(session: Session, principal: Principal, where: AuditFilter) -> str:
    query = _query(principal, where).order_by(AuditEvent.id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for event in session.scalars(query):
        count += 1
        writer.writerow(
            [
                event.id,
                event.at.isoformat(),
                event.action,
                event.user_id,
                event.machine_client_id,
                event.agency_id,
                event.object_type,
                event.object_id,
                event.purpose,
                event.detail,
            ]
        )
    record(session, "audit_exported", principal=principal, detail={"rows": count})
    return buffer.getvalue()
