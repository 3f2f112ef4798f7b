"""Messages set aside as failed: list them for an operator, and retry them.

A retried message goes back to `received` with a fresh count of attempts and is
handed over as a new push would be: published to the workers when a broker is
configured (should that fail, their sweep takes it), read here otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from liaison.domain.codes import MessageStatus
from liaison.domain.errors import NotFound
from liaison.services.pipeline import broker, pipeline
from liaison.services.runtime import Runtime
from liaison.store import schema


@dataclass(frozen=True)
class FailedMessage:
    """A message set aside: what an operator needs to decide on a retry (no content)."""

    id: int
    agency: str
    format: str | None
    reference: str | None
    size: int
    received_at: datetime
    failed_at: datetime | None
    attempts: int
    error: str | None


def failed_messages(session: Session, limit: int = 1000) -> list[FailedMessage]:
    """The messages set aside as failed, oldest first."""
    rows = session.execute(
        select(schema.InboundMessage, schema.Agency.code)
        .join(schema.Agency, schema.Agency.id == schema.InboundMessage.sender_agency_id)
        .where(schema.InboundMessage.status == MessageStatus.FAILED)
        .order_by(schema.InboundMessage.id)
        .limit(limit)
    )
    return [
        FailedMessage(
            message.id,
            agency,
            message.format.value if message.format else None,
            message.reference,
            message.size,
            message.received_at,
            message.processed_at,
            message.attempts,
            message.error,
        )
        for message, agency in rows
    ]


def reset_failed(session: Session, message_ids: list[int] | None) -> list[int]:
    """Put failed messages (all when `message_ids` is None) back to `received` with a
    fresh count of attempts; returns their ids. Unknown or not failed ids are refused."""
    wanted = select(schema.InboundMessage.id).where(schema.InboundMessage.status == MessageStatus.FAILED)
    if message_ids is not None:
        found = set(session.scalars(wanted.where(schema.InboundMessage.id.in_(message_ids))))
        missing = sorted(set(message_ids) - found)
        if missing:
            raise NotFound(f"id: no failed message {', '.join(map(str, missing))}")
        wanted = wanted.where(schema.InboundMessage.id.in_(message_ids))
    ids = sorted(session.scalars(wanted))
    if ids:
        session.execute(
            update(schema.InboundMessage)
            .where(schema.InboundMessage.id.in_(ids))
            .values(status=MessageStatus.RECEIVED, attempts=0, processed_at=None, error=None)
        )
    return ids


def list_failed(runtime: Runtime) -> list[FailedMessage]:
    with runtime.sessions() as session:
        return failed_messages(session)


def retry(runtime: Runtime, message_ids: list[int] | None) -> list[int]:
    """Retry failed messages (all when `message_ids` is None); returns the ids retried."""
    with runtime.transaction() as session:
        ids = reset_failed(session, message_ids)
    if ids:
        if runtime.settings.broker_url:
            broker.publish(runtime, ids)
        else:
            pipeline.process_pending(runtime)
    return ids
