"""The passenger-data pipeline in one process: store, then read and screen.

Receipt is committed on its own before anything else happens, so an
acknowledged message is never lost; processing and screening commit together
afterwards. A message left `received` by a crash is picked up by
`process_pending` (at the next push, or by `liaison ingest`).

A message whose processing fails is tried again, up to
`max_processing_attempts` times counted in the database (so across workers
and restarts); then it is set aside as `failed` with a description of the
error that holds no personal data, for an operator to see and retry
(`services.pipeline.dead_letters`). A database outage is not the message's
fault and is not counted: `attempt` raises it for the caller to back off.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.domain.codes import MessageStatus
from liaison.services.criteria.screening import screen_rules
from liaison.services.pipeline import ingest, screening
from liaison.services.pipeline.failures import describe, is_outage
from liaison.services.registers import rescreening
from liaison.services.runtime import Runtime
from liaison.settings import Settings
from liaison.store import schema
from liaison.store.types import utcnow

log = logging.getLogger(__name__)

_processing = threading.Lock()


@dataclass(frozen=True)
class Processed:
    message_id: int
    status: MessageStatus
    bookings: int
    travellers: int
    hits: int
    errors: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    # PNRs identical to the latest version of their booking: read, not stored again.
    repeated: int = 0


def receive(
    runtime: Runtime, *, agency_id: int, machine_client_id: int | None, body: bytes
) -> ingest.Receipt:
    with runtime.transaction() as session:
        return ingest.receive(
            session,
            agency_id=agency_id,
            machine_client_id=machine_client_id,
            body=body,
            max_bytes=runtime.settings.max_upload_bytes,
        )


def process_one(runtime: Runtime, message_id: int) -> Processed:
    with runtime.transaction() as session:
        outcome = ingest.process(session, message_id, runtime.secret.encode("utf-8"))
        agency_id = session.get(schema.InboundMessage, message_id).sender_agency_id  # type: ignore[union-attr]
        hits = screening.screen(session, agency_id, outcome.subjects, runtime.person_indexes)
        hits += screen_rules(session, agency_id, outcome.booked, runtime.rules)
    return Processed(
        message_id,
        outcome.status,
        outcome.bookings,
        outcome.travellers,
        len(hits),
        tuple(outcome.errors),
        tuple(outcome.warnings),
        outcome.repeated,
    )


@dataclass(frozen=True)
class Failure:
    """A processing attempt that failed; `set_aside` once the limit is reached."""

    message_id: int
    attempts: int
    set_aside: bool
    description: str


def attempt(runtime: Runtime, message_id: int) -> Processed | Failure:
    """Process a message; a failure is counted against it (and logged with ids only).

    Raises the error of a database outage (not counted: the caller backs off)."""
    try:
        return process_one(runtime, message_id)
    except Exception as exc:
        if is_outage(exc):
            raise
        description = describe(exc)
        failure = record_failure(runtime, message_id, description)
        log.error(
            "processing message %s failed (attempt %s of %s%s): %s",
            message_id,
            failure.attempts,
            runtime.settings.max_processing_attempts,
            ", set aside as failed" if failure.set_aside else "",
            description,
        )
        return failure


def record_failure(runtime: Runtime, message_id: int, description: str) -> Failure:
    """Count a failed attempt in its own transaction; at the limit, set the message aside."""
    limit = runtime.settings.max_processing_attempts
    with runtime.transaction() as session:
        message = session.get(schema.InboundMessage, message_id, with_for_update=True)
        if message is None:  # an id no message has (another database's?): nothing to retry
            return Failure(message_id, 0, True, description)
        if message.status is not MessageStatus.RECEIVED:  # another worker finished it meanwhile
            return Failure(message_id, message.attempts, message.status is MessageStatus.FAILED, description)
        message.attempts += 1
        if message.attempts >= limit:
            message.status = MessageStatus.FAILED
            message.processed_at = utcnow()
            message.error = f"set aside after {message.attempts} failed attempts: {description}"
        else:
            message.error = f"attempt {message.attempts} of {limit} failed: {description}"
        return Failure(message_id, message.attempts, message.status is MessageStatus.FAILED, description)


def process_pending(runtime: Runtime, limit: int | None = None) -> list[Processed]:
    """Process stored messages still waiting, oldest first, one at a time per process.
    A message that fails is tried again until it is set aside; the others go on."""
    done: list[Processed] = []
    with _processing:
        while limit is None or len(done) < limit:
            with runtime.sessions() as session:
                waiting = session.scalar(
                    select(schema.InboundMessage.id)
                    .where(schema.InboundMessage.status == MessageStatus.RECEIVED)
                    .order_by(schema.InboundMessage.id)
                    .limit(1)
                )
            if waiting is None:
                break
            outcome = attempt(runtime, waiting)
            if isinstance(outcome, Processed):
                done.append(outcome)
    return done


def rescreen_in(session: Session, settings: Settings, record_ids: list[int]) -> int:
    """Screen recent and upcoming travellers again against records just added or
    changed, in the caller's transaction (so the change and its hits commit together)."""
    return rescreening.rescreen_records(
        session,
        record_ids,
        past=timedelta(hours=settings.rescreen_past_hours),
        future=timedelta(hours=settings.rescreen_future_hours),
    )
