"""What ingest says it read: a message's status (processed, read with warnings, partly
read, rejected), the warnings of its PNRs on their booking versions, what a duplicate
is, and storing a message part by part. On SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liaison.domain.codes import READ_STATUSES, MessageStatus
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Booking, Document, Leg, PnrMessage, Seat, Traveller
from liaison.formats import ParseError, write_pnrgov
from liaison.services.pipeline import ingest
from liaison.services.runtime import Runtime
from liaison.store import schema

FLIGHT = Leg("KL", "1234", "IST", "AMS", datetime(2026, 11, 23, 9, 30), datetime(2026, 11, 23, 12, 45))


def _booking(locator: str, *surnames: str, seat: str = "12A") -> Booking:
    travellers = tuple(
        Traveller(
            surname=surname,
            given_names="ANNA",
            reference=str(n),
            birth_date=PartialDate(1980 + n, 1, 2),
            documents=(Document("DOCS", "P", f"P{locator}{n}", "NLD"),),
            seats=(Seat(f"{n}{seat[-1]}" if n > 1 else seat, "IST", "AMS"),),
        )
        for n, surname in enumerate(surnames, start=1)
    )
    return Booking(
        record_locator=locator, record_locator_owner="KL", itinerary=(FLIGHT,), travellers=travellers
    )


def _pnr(reference: str, *bookings: Booking) -> PnrMessage:
    return PnrMessage(
        sender="KL", reference=reference, interchange_reference=reference, flight=FLIGHT, bookings=bookings
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


def _push(runtime: Runtime, body: bytes, chunk: int = ingest.CHUNK) -> tuple[ingest.Receipt, ingest.Outcome]:
    receipt = _receive(runtime, body)
    with runtime.transaction() as session:
        return receipt, ingest.process(session, receipt.message_id, chunk=chunk)


def _message(runtime: Runtime, message_id: int) -> schema.InboundMessage:
    with runtime.sessions() as session:
        found = session.get(schema.InboundMessage, message_id)
        assert found is not None
        session.expunge(found)
        return found


def _versions(runtime: Runtime, locator: str) -> list[schema.BookingVersion]:
    with runtime.sessions() as session:
        found = list(
            session.scalars(
                select(schema.BookingVersion)
                .join(schema.Booking)
                .where(schema.Booking.record_locator == locator)
                .order_by(schema.BookingVersion.version)
            )
        )
        session.expunge_all()
        return found


def _count(runtime: Runtime, model: type[schema.Base]) -> int:
    with runtime.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_message_read_as_sent_is_processed(runtime: Runtime) -> None:
    receipt, outcome = _push(runtime, write_pnrgov(_pnr("0001", _booking("AAA001", "SMIT", "JONG"))))
    assert outcome.status is MessageStatus.PROCESSED
    assert (outcome.bookings, outcome.travellers, outcome.errors, outcome.warnings) == (1, 2, [], [])
    stored = _message(runtime, receipt.message_id)
    assert stored.status is MessageStatus.PROCESSED
    assert (stored.error, stored.warnings) == (None, None)


def test_a_message_read_with_warnings_says_so_in_its_status(runtime: Runtime) -> None:
    body = re.sub(rb"UNT\+\d+\+", b"UNT+99+", write_pnrgov(_pnr("0002", _booking("AAA002", "SMIT"))))
    receipt, outcome = _push(runtime, body)
    assert outcome.status is MessageStatus.READ_WITH_WARNINGS
    assert outcome.travellers == 1
    stored = _message(runtime, receipt.message_id)
    assert stored.status is MessageStatus.READ_WITH_WARNINGS
    assert stored.status.read
    assert stored.status in READ_STATUSES
    assert stored.warnings is not None
    assert any("UNT says 99 segments" in text for text in stored.warnings)
    assert stored.error is not None
    assert stored.error.startswith("warnings: ")


def test_a_message_with_a_pnr_that_cannot_be_read_is_partly_read(runtime: Runtime) -> None:
    body = (
        b"UNB+IATA:1+KL+YY+240101:1200+0003'UNH+M1+PNRGOV:11:1:IA'SRC'RCI+KL:OK0001'TIF+GOED+ANNA:A:1'"
        b"SRC'RCI+KL:KO0001'TIF++PIET:A:1'TVL+010124:1200+CDG+JFK+KL+1'UNT+9+M1'UNZ+1+0003'"
    )
    receipt, outcome = _push(runtime, body)
    assert outcome.status is MessageStatus.PARTLY_READ
    assert outcome.travellers == 1
    assert len(outcome.errors) == 1
    assert "KO0001" in outcome.errors[0]
    stored = _message(runtime, receipt.message_id)
    assert stored.status is MessageStatus.PARTLY_READ
    assert stored.status.read
    assert stored.error is not None
    assert stored.error.startswith("partly read: ")
    assert [v.version for v in _versions(runtime, "OK0001")] == [1]


def test_a_message_nothing_of_which_can_be_read_stays_rejected(runtime: Runtime) -> None:
    body = b"UNA:+.? 'UNB+IATA:1+KL+NLPIU+261122:0930+0099'UNH+1+PNRGOV:11:1:IA+X'TVL+BROKEN'"
    receipt, outcome = _push(runtime, body)
    assert outcome.status is MessageStatus.REJECTED
    stored = _message(runtime, receipt.message_id)
    assert stored.status is MessageStatus.REJECTED
    assert not stored.status.read
    assert stored.error


def test_the_same_bytes_again_are_a_duplicate_not_read_again(runtime: Runtime) -> None:
    body = write_pnrgov(_pnr("0004", _booking("AAA004", "SMIT")))
    first, _ = _push(runtime, body)
    again, outcome = _push(runtime, body)
    assert again.status is MessageStatus.DUPLICATE
    assert again.duplicate_of == first.message_id
    assert again.reference == "0004"
    assert outcome.status is MessageStatus.DUPLICATE
    assert _message(runtime, again.message_id).body == body, "a resend is kept too"
    assert [v.version for v in _versions(runtime, "AAA004")] == [1]
    # A third resend names the first, not the second.
    assert _receive(runtime, body).duplicate_of == first.message_id


def test_the_same_reference_with_other_content_is_read_and_flagged(runtime: Runtime) -> None:
    first, _ = _push(runtime, write_pnrgov(_pnr("0005", _booking("AAA005", "SMIT"))))
    other = write_pnrgov(_pnr("0005", _booking("AAA005", "SMIT", seat="14C"), _booking("BBB005", "JONG")))
    receipt, outcome = _push(runtime, other)
    assert receipt.status is MessageStatus.RECEIVED
    assert receipt.duplicate_of is None
    assert outcome.status is MessageStatus.READ_WITH_WARNINGS
    assert outcome.travellers == 2
    stored = _message(runtime, receipt.message_id)
    assert stored.warnings == [
        f"interchange reference 0005 was already received with other content in message {first.message_id}; "
        "this message is read as well"
    ]
    assert [v.version for v in _versions(runtime, "AAA005")] == [1, 2]
    assert [v.version for v in _versions(runtime, "BBB005")] == [1]
    assert _message(runtime, first.message_id).status is MessageStatus.PROCESSED


def test_a_pnr_pushed_again_unchanged_is_not_a_new_version(runtime: Runtime) -> None:
    same, changed = _booking("AAA006", "SMIT", "JONG"), _booking("BBB006", "VRIES")
    _push(runtime, write_pnrgov(_pnr("0006", same, changed)))
    travellers = _count(runtime, schema.Traveller)
    _, outcome = _push(runtime, write_pnrgov(_pnr("0007", same, replace(changed, group_name="TOUR"))))
    assert outcome.status is MessageStatus.PROCESSED
    assert (outcome.bookings, outcome.repeated, outcome.travellers) == (2, 1, 1)
    assert [v.version for v in _versions(runtime, "AAA006")] == [1]
    # A change the booking page's summary does not show is still a new version.
    assert [v.version for v in _versions(runtime, "BBB006")] == [1, 2]
    assert _count(runtime, schema.Traveller) == travellers + 1
    # Changed back, it is a change again (compared with the latest version, not any).
    _push(runtime, write_pnrgov(_pnr("0008", changed)))
    assert [v.version for v in _versions(runtime, "BBB006")] == [1, 2, 3]


def test_the_warnings_of_a_pnr_are_kept_on_its_booking_version(runtime: Runtime) -> None:
    warned = replace(
        _booking("WRN001", "SMIT"),
        warnings=(
            "PNR WRN001: segment TVL #14 element TVL 01:4: arrival time 4321 is not a time HHMM: left empty",
        ),
    )
    body = write_pnrgov(_pnr("0009", warned))
    receipt = _receive(runtime, body)
    with runtime.transaction() as session:
        message = session.get(schema.InboundMessage, receipt.message_id)
        assert message is not None
        outcome = ingest.keep(session, message, [_pnr("0009", warned)])
    assert outcome.status is MessageStatus.READ_WITH_WARNINGS
    (version,) = _versions(runtime, "WRN001")
    assert version.warnings == list(warned.warnings)
    assert _message(runtime, receipt.message_id).warnings == list(warned.warnings)


def test_a_warning_of_a_pnr_that_does_not_name_it_is_named_on_the_message(runtime: Runtime) -> None:
    warned = replace(_booking("WRN002", "SMIT"), warnings=("segment SSR #9: DOCS date of birth left out",))
    receipt = _receive(runtime, write_pnrgov(_pnr("0010", warned)))
    with runtime.transaction() as session:
        message = session.get(schema.InboundMessage, receipt.message_id)
        assert message is not None
        ingest.keep(session, message, [_pnr("0010", warned)])
    assert _message(runtime, receipt.message_id).warnings == [
        "PNR WRN002: segment SSR #9: DOCS date of birth left out"
    ]


def test_each_part_is_stored_as_it_comes(runtime: Runtime) -> None:
    """The parts of a large message are stored one after the other: the first is in the
    database before the reader is asked for the second, and nothing waits for the end."""
    parts = [
        _pnr("0011", _booking("PRT001", "SMIT"), _booking("PRT002", "JONG")),
        ParseError("PNR PRT003: departure: 311399 is not a date", reference="0011", tag="TVL"),
        _pnr("0011", _booking("PRT004", "VRIES")),
    ]
    seen: list[int] = []
    receipt = _receive(runtime, write_pnrgov(parts[0]))  # type: ignore[arg-type]
    with runtime.transaction() as session:

        def reader() -> Iterator[PnrMessage | ParseError]:
            for part in parts:
                seen.append(session.scalar(select(func.count()).select_from(schema.BookingVersion)) or 0)
                yield part  # type: ignore[misc]

        message = session.get(schema.InboundMessage, receipt.message_id)
        assert message is not None
        outcome = ingest.keep(session, message, reader())
    assert seen == [0, 2, 2]
    assert (outcome.bookings, outcome.travellers, len(outcome.errors)) == (3, 3, 1)
    assert outcome.status is MessageStatus.PARTLY_READ


def test_a_message_read_in_small_parts_is_kept_as_a_whole(runtime: Runtime) -> None:
    bookings = [_booking(f"CHK{n:03}", "SMIT", "JONG") for n in range(5)]
    body = write_pnrgov(_pnr("0012", *bookings))
    _, outcome = _push(runtime, body, chunk=2)
    assert outcome.status is MessageStatus.PROCESSED
    assert (outcome.bookings, outcome.travellers) == (5, 10)
    assert _count(runtime, schema.BookingVersion) == 5
    assert _count(runtime, schema.Traveller) == 10


def test_a_warning_that_quotes_a_card_number_is_kept_masked(runtime: Runtime) -> None:
    warned = replace(
        _booking("WRN003", "SMIT"),
        warnings=("PNR WRN003: segment FOP #8: expiry 1399 of card 4111111111111111 left out",),
    )
    receipt = _receive(runtime, write_pnrgov(_pnr("0013", warned)))
    with runtime.transaction() as session:
        message = session.get(schema.InboundMessage, receipt.message_id)
        assert message is not None
        ingest.keep(session, message, [_pnr("0013", warned)])
    (version,) = _versions(runtime, "WRN003")
    stored = _message(runtime, receipt.message_id).warnings
    for kept in (version.warnings, stored):
        assert kept is not None
        assert "4111111111111111" not in kept[0]
        assert "1111" in kept[0]
