"""The passenger-data pipeline in one process: store, then read and screen.

Receipt is committed on its own before anything else happens, so an
acknowledged message is never lost; processing and screening commit together
afterwards. A message left `received` by a crash is picked up by
`process_pending` (at the next push, or by `liaison ingest`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.domain.codes import MessageStatus
from liaison.services import ingest, rescreening, screening
from liaison.services.criteria.screening import screen_rules
from liaison.services.runtime import Runtime
from liaison.settings import Settings
from liaison.store import schema

_processing = threading.Lock()


@dataclass(frozen=True)
class Processed:
    message_id: int
    status: MessageStatus
    bookings: int
    travellers: int
    hits: int
    errors: tuple[str, ...]


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
        message_id, outcome.status, outcome.bookings, outcome.travellers, len(hits), tuple(outcome.errors)
    )


def process_pending(runtime: Runtime, limit: int | None = None) -> list[Processed]:
    """Process stored messages still waiting, oldest first, one at a time per process."""
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
            done.append(process_one(runtime, waiting))
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
