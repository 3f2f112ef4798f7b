"""A resend of the same bytes is a duplicate only of a copy that was read or waits to be:
after a rejected or failed original (a reader fix, an outage) it is read again. On SQLite
and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.domain.codes import MessageStatus
from liaison.domain.passenger import Booking, Leg, PnrMessage, Traveller
from liaison.formats import write_pnrgov
from liaison.services.pipeline import ingest
from liaison.services.pipeline.pipeline import record_failure
from liaison.services.runtime import Runtime
from liaison.store import schema

FLIGHT = Leg("KL", "1234", "IST", "AMS", datetime(2026, 11, 23, 9, 30), datetime(2026, 11, 23, 12, 45))
# Nothing in it can be read: the interchange breaks off inside its first message.
UNREADABLE = b"UNA:+.? 'UNB+IATA:1+KL+NLPIU+261122:0930+0077'UNH+1+PNRGOV:11:1:IA+X'TVL+BROKEN'"


def _body(locator: str) -> bytes:
    booking = Booking(locator, "KL", itinerary=(FLIGHT,), travellers=(Traveller("SMIT", "ANNA", "1"),))
    return write_pnrgov(
        PnrMessage("KL", locator, interchange_reference=locator, flight=FLIGHT, bookings=(booking,))
    )


def _hub(session: Session) -> int:
    found = session.scalar(select(schema.Agency.id).where(schema.Agency.code == "HUB"))
    assert found is not None
    return found


def _receive(runtime: Runtime, body: bytes) -> ingest.Receipt:
    with runtime.transaction() as session:
        return ingest.receive(
            session, agency_id=_hub(session), machine_client_id=None, body=body, max_bytes=10_000_000
        )


def _process(runtime: Runtime, message_id: int) -> ingest.Outcome:
    with runtime.transaction() as session:
        return ingest.process(session, message_id)


def test_a_resend_of_a_rejected_message_is_read_again(runtime: Runtime) -> None:
    first = _receive(runtime, UNREADABLE)
    assert _process(runtime, first.message_id).status is MessageStatus.REJECTED
    again = _receive(runtime, UNREADABLE)
    assert (again.status, again.duplicate_of) == (MessageStatus.RECEIVED, None)
    outcome = _process(runtime, again.message_id)
    assert outcome.status is MessageStatus.REJECTED, "read again (and, unchanged, refused again)"
    assert outcome.errors


def test_a_resend_of_a_failed_message_is_read_and_a_later_resend_is_its_duplicate(runtime: Runtime) -> None:
    body = _body("RSD001")
    first = _receive(runtime, body)
    for _ in range(runtime.settings.max_processing_attempts):  # an outage, say: set aside
        record_failure(runtime, first.message_id, "the database went away")
    with runtime.sessions() as session:
        failed = session.get(schema.InboundMessage, first.message_id)
        assert failed is not None
        assert failed.status is MessageStatus.FAILED
    again = _receive(runtime, body)
    assert (again.status, again.duplicate_of) == (MessageStatus.RECEIVED, None)
    outcome = _process(runtime, again.message_id)
    assert (outcome.status, outcome.travellers) == (MessageStatus.PROCESSED, 1)
    third = _receive(runtime, body)
    assert (third.status, third.duplicate_of) == (MessageStatus.DUPLICATE, again.message_id)


def test_a_resend_while_the_original_waits_is_its_duplicate(runtime: Runtime) -> None:
    body = _body("RSD002")
    first = _receive(runtime, body)
    again = _receive(runtime, body)
    assert (again.status, again.duplicate_of) == (MessageStatus.DUPLICATE, first.message_id)
    assert _process(runtime, again.message_id).status is MessageStatus.DUPLICATE
    assert _process(runtime, first.message_id).status is MessageStatus.PROCESSED
