"""Receiving pushed passenger data: store the bytes first, then read and keep it.

`receive` writes the raw message in the caller's transaction, so nothing is
acknowledged that is not stored. `process` reads a stored message part by part
(`formats.iter_message_bytes`), keeps every booking version and traveller, and
hands new travellers to screening. A message that cannot be read stays stored
with its error; one read in part or with warnings says so in its status.

A duplicate is what was already received: the same bytes from the same sender
as a copy that was read or waits to be (kept, marked `duplicate`, not read
again; a resend of bytes whose copies were all rejected or failed is read),
or a PNR identical to the latest
version of its booking (not stored as a new version). The same interchange
reference with other content is not a duplicate: it is read, with a warning
naming the earlier message (airlines reuse references, and a corrected resend
keeps its reference).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table, insert, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from liaison.criteria import BookingFacts
from liaison.domain import passenger
from liaison.domain.cards import mask_card_numbers_in_text
from liaison.domain.codes import READ_STATUSES, Gender, MessageFormat, MessageStatus
from liaison.domain.contacts import contact_hash
from liaison.domain.dates import as_utc
from liaison.domain.documents import document_number_key
from liaison.domain.errors import InvalidInput, NotFound, PayloadTooLarge
from liaison.domain.permissions import Permission
from liaison.formats import iter_message_bytes
from liaison.formats.catalogue import warning
from liaison.formats.detect import detect_format
from liaison.formats.envelope import interchange_reference
from liaison.formats.errors import ParseError
from liaison.formats.masking import mask_card_numbers
from liaison.formats.warnings import booking_warnings
from liaison.services.criteria.facts import booking_facts
from liaison.services.identity.principals import Principal
from liaison.services.pipeline.screening import Booked, Subject, person_key, subject_key
from liaison.store import schema
from liaison.store.types import utcnow


@dataclass(frozen=True)
class Receipt:
    message_id: int
    status: MessageStatus
    reference: str | None
    duplicate_of: int | None = None


def sent_message(session: Session, principal: Principal, message_id: int) -> schema.InboundMessage:
    """A message the principal's agency sent, for its sender and its administrators
    (status and error, not content); another agency's does not exist for them."""
    if not (principal.can(Permission.PUSH_MESSAGES) or principal.can(Permission.MANAGE_USERS)):
        principal.require(Permission.PUSH_MESSAGES)
    message = session.scalar(
        select(schema.InboundMessage).where(
            schema.InboundMessage.id == message_id,
            schema.InboundMessage.sender_agency_id == principal.agency_id,
        )
    )
    if message is None:
        raise NotFound(f"no message {message_id} from your agency")
    return message


def receive(
    session: Session, *, agency_id: int, machine_client_id: int | None, body: bytes, max_bytes: int
) -> Receipt:
    """Store the message as received; the same bytes again from the same sender are kept
    but marked duplicate of the first that was read or waits to be (the receipt answers
    as for a resend). Bytes whose earlier copies were all rejected or failed are read
    again: a resend after a reader fix or an outage must not be lost as a duplicate.
    Another message with the same interchange reference is not a duplicate either:
    `process` reads it."""
    if len(body) > max_bytes:
        raise PayloadTooLarge(f"the message is larger than the {max_bytes}-byte limit")
    if not body.strip():
        raise InvalidInput("body: the message is empty")
    body = mask_card_numbers(body)  # before anything is written: never a clear card number
    reference = interchange_reference(body)
    digest = hashlib.sha256(body).hexdigest()
    earlier = select(schema.InboundMessage.id).where(
        schema.InboundMessage.sender_agency_id == agency_id,
        schema.InboundMessage.sha256 == digest,
        schema.InboundMessage.status.in_([*READ_STATUSES, MessageStatus.RECEIVED]),
    )
    original = session.scalar(earlier.order_by(schema.InboundMessage.id).limit(1))
    try:
        fmt: MessageFormat | None = detect_format(body)
    except ParseError:
        fmt = None
    message = schema.InboundMessage(
        sender_agency_id=agency_id,
        machine_client_id=machine_client_id,
        format=fmt,
        reference=reference,
        body=body,
        size=len(body),
        sha256=digest,
        status=MessageStatus.DUPLICATE if original is not None else MessageStatus.RECEIVED,
    )
    session.add(message)
    session.flush()
    return Receipt(message.id, message.status, reference, original)


# Bookings (or travellers) read and stored at a time: memory follows this, not the message's size.
CHUNK = 500
# Warnings kept on a message; a message with more says how many were left out.
MAX_WARNINGS = 1000


@dataclass
class Outcome:
    message_id: int
    status: MessageStatus
    bookings: int = 0
    travellers: int = 0
    subjects: list[Subject] = field(default_factory=list)
    # One line per unit (interchange, message, PNR, traveller) that could not be read.
    errors: list[str] = field(default_factory=list)
    # Each stored booking version with its facts, for risk rules.
    booked: list[Booked] = field(default_factory=list)
    # What was read but changed, left out or doubted (the message's and its PNRs' warnings).
    warnings: list[str] = field(default_factory=list)
    # PNRs identical to the latest version of their booking: not stored again.
    repeated: int = 0


def process(
    session: Session, message_id: int, contact_key: bytes | None = None, chunk: int = CHUNK
) -> Outcome:
    """Read a stored message and keep what it says, part by part as the reader yields
    it (at most ``chunk`` bookings or travellers at a time, all in the caller's
    transaction). Idempotent: a message already read, rejected, failed or marked
    duplicate is left as it is."""
    # Row lock on PostgreSQL: two workers given the same id take turns, and the
    # second finds it processed.
    message = session.get(schema.InboundMessage, message_id, with_for_update=True)
    if message is None:
        raise InvalidInput(f"no message {message_id}")
    if message.status is not MessageStatus.RECEIVED:
        return Outcome(message.id, message.status)
    return keep(session, message, iter_message_bytes(message.body, message.format, chunk), contact_key)


def keep(
    session: Session,
    message: schema.InboundMessage,
    parts: Iterable[passenger.PnrMessage | passenger.PaxlstMessage | ParseError],
    contact_key: bytes | None = None,
) -> Outcome:
    """Store what a received message says, each part as it comes (only one part is
    held at a time), and set its status: rejected when nothing could be read, partly
    read when a unit could not be, read with warnings, or processed."""
    outcome = Outcome(message.id, message.status)
    warnings = _Warnings()
    warnings.add(_same_reference(session, message))
    flights = _FlightCache(session)
    read_any = False
    for part in parts:
        if isinstance(part, ParseError):
            outcome.errors.append(str(part))
            continue
        read_any = True
        warnings.extend(part.warnings)
        flights.prefetch(_legs(part))
        if isinstance(part, passenger.PnrMessage):
            outcome.bookings += len(part.bookings)
            for booking in part.bookings:
                warnings.extend(booking_warnings(booking))
            outcome.subjects += _store_bookings(session, message, part, flights, outcome, contact_key)
        else:
            outcome.subjects += _store_manifest(session, message, part, flights)
    outcome.travellers = len(outcome.subjects)
    outcome.warnings = [mask_card_numbers_in_text(text) for text in warnings.kept()]  # they may quote a value
    message.processed_at = utcnow()  # set with the status: one UPDATE, not two
    message.warnings = outcome.warnings or None
    if not read_any:
        message.status = MessageStatus.REJECTED
        message.error = mask_card_numbers_in_text("; ".join(outcome.errors[:20]) or "nothing could be read")
    else:
        message.status = _status(outcome)
        notes = []
        if outcome.errors:  # read in part: say what was left out
            notes.append("partly read: " + "; ".join(outcome.errors[:20]))
        if outcome.warnings:  # read, but not exactly as sent (control characters removed, counts that differ)
            notes.append("warnings: " + "; ".join(outcome.warnings[:20]))
        if notes or message.error:  # an earlier failed attempt's error no longer holds
            message.error = mask_card_numbers_in_text(" | ".join(notes)) or None
    outcome.status = message.status
    return outcome


def _status(outcome: Outcome) -> MessageStatus:
    """Partly read when a unit was lost; read with warnings when all was read but not as sent."""
    if outcome.errors:
        return MessageStatus.PARTLY_READ
    if outcome.warnings:
        return MessageStatus.READ_WITH_WARNINGS
    return MessageStatus.PROCESSED


class _Warnings:
    """A message's warnings in the order met, each once (the parts of one message repeat
    its header's), at most MAX_WARNINGS kept and the rest counted."""

    def __init__(self) -> None:
        self.seen: dict[str, None] = {}
        self.left_out = 0

    def add(self, text: str | None) -> None:
        if text is None or text in self.seen:
            return
        if len(self.seen) < MAX_WARNINGS:
            self.seen[text] = None
        else:
            self.left_out += 1

    def extend(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.add(text)

    def kept(self) -> list[str]:
        more = [f"and {self.left_out} more warnings not kept"] if self.left_out else []
        return [*self.seen, *more]


def _same_reference(session: Session, message: schema.InboundMessage) -> str | None:
    """The catalogued warning for a message whose interchange reference the sender
    already used for other content (it is read all the same), naming the earlier messages."""
    if not message.reference:
        return None
    earlier = list(
        session.scalars(
            select(schema.InboundMessage.id)
            .where(
                schema.InboundMessage.sender_agency_id == message.sender_agency_id,
                schema.InboundMessage.reference == message.reference,
                schema.InboundMessage.id < message.id,
                schema.InboundMessage.sha256 != message.sha256,
                schema.InboundMessage.status != MessageStatus.DUPLICATE,
            )
            .order_by(schema.InboundMessage.id)
            .limit(6)
        )
    )
    if not earlier:
        return None
    named = ", ".join(str(id_) for id_ in earlier[:5]) + (" and others" if len(earlier) > 5 else "")
    return warning(
        "same-reference-other-content",
        f"interchange reference {message.reference} was already received with other content "
        f"in message{'s' if len(earlier) > 1 else ''} {named}; this message is read as well",
    )


FlightKey = tuple[str, str, date, str]


def _insert_new(session: Session, table: Table) -> Any:
    """INSERT that skips rows whose unique key already exists (both databases say ON CONFLICT)."""
    insert_for = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    return insert_for(table).on_conflict_do_nothing()


class _FlightCache:
    """Flights by carrier, number, departure date and origin, created on first sight.

    `prefetch` loads (or creates) every flight a message names in two
    statements; `get` then answers from memory."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.known: dict[FlightKey, schema.Flight] = {}

    @staticmethod
    def _key(leg: passenger.Leg) -> tuple[FlightKey, datetime] | None:
        departure = leg.departure
        if departure is None or not leg.origin:
            return None
        if departure.tzinfo is None:
            departure = departure.replace(tzinfo=UTC)  # times as sent; the zone is not in the message
        return (leg.carrier[:3], leg.flight_number[:5], departure.date(), leg.origin[:3]), departure

    def prefetch(self, legs: list[passenger.Leg]) -> None:
        wanted: dict[FlightKey, tuple[passenger.Leg, datetime]] = {}
        for leg in legs:
            keyed = self._key(leg)
            if keyed is not None and keyed[0] not in self.known:
                wanted.setdefault(keyed[0], (leg, keyed[1]))
        self._load(wanted)

    def _load(self, wanted: dict[FlightKey, tuple[passenger.Leg, datetime]]) -> None:
        """Known flights in one SELECT; the others created in one INSERT that leaves alone
        a flight another transaction created meanwhile, then read like the known ones.

        The PNRGOV and the PAXLST of one flight often reach two workers at once: a plain
        INSERT made the second fail on the flight's unique key and wait for redelivery
        (bench/pipeline.py: 10 s lost at the end of a run)."""
        if not wanted:
            return
        self._read(list(wanted))
        # In key order, so two transactions creating the same flights never wait on each other crosswise.
        missing = sorted(key for key in wanted if key not in self.known)
        if not missing:
            return
        self.session.execute(
            _insert_new(self.session, schema.table_of(schema.Flight)),
            [self._row(key, *wanted[key]) for key in missing],
        )
        self._read(missing)

    def _read(self, keys: list[FlightKey]) -> None:
        for flight in self.session.scalars(
            select(schema.Flight).where(
                tuple_(
                    schema.Flight.carrier,
                    schema.Flight.flight_number,
                    schema.Flight.departure_date,
                    schema.Flight.origin,
                ).in_(keys)
            )
        ):
            self.known[(flight.carrier, flight.flight_number, flight.departure_date, flight.origin)] = flight

    @staticmethod
    def _row(key: FlightKey, leg: passenger.Leg, departure: datetime) -> dict[str, Any]:
        return {
            "carrier": key[0],
            "flight_number": key[1],
            "origin": key[3],
            "destination": leg.destination[:3],
            "departure_date": key[2],
            "scheduled_departure": departure,
            "scheduled_arrival": as_utc(leg.arrival),
            "operating_carrier": _cut(leg.operating_carrier, 3),
            "operating_flight_number": _cut(leg.operating_flight_number, 5),
        }

    def get(self, leg: passenger.Leg) -> schema.Flight | None:
        keyed = self._key(leg)
        if keyed is None:
            return None
        key, departure = keyed
        if key not in self.known:
            self._load({key: (leg, departure)})
        return self.known[key]


def _itinerary(parsed: passenger.PnrMessage, booking: passenger.Booking) -> tuple[passenger.Leg, ...]:
    """A booking's legs; the message's flight when the booking states none."""
    return booking.itinerary or ((parsed.flight,) if parsed.flight else ())


def _legs(parsed: passenger.PnrMessage | passenger.PaxlstMessage) -> list[passenger.Leg]:
    """Every leg a read message names."""
    if isinstance(parsed, passenger.PnrMessage):
        return [leg for booking in parsed.bookings for leg in _itinerary(parsed, booking)]
    return list(parsed.legs)


def _cut(value: str | None, size: int) -> str | None:
    """Fit a value into its column; empty becomes None."""
    return value[:size] if value else None


def _insert_travellers(
    session: Session,
    agency_id: int,
    message_id: int,
    placed: list[tuple[passenger.Traveller, dict[str, Any]]],
) -> list[int]:
    """Store travellers with their identities and documents in three batched
    statements (not one ORM object each: a 300-passenger flight is one
    message); returns their ids in order. ``placed`` pairs each traveller
    with its links (booking version or flight)."""
    if not placed:
        return []
    ids = list(
        session.scalars(
            insert(schema.Traveller).returning(schema.Traveller.id, sort_by_parameter_order=True),
            [
                {
                    "receiving_agency_id": agency_id,
                    "message_id": message_id,
                    "reference": _cut(traveller.reference, 32),
                    "role": traveller.role,
                    "gender": traveller.gender or Gender.UNKNOWN,
                    "nationality": _cut(traveller.nationality, 3),
                    "booking_version_id": links.get("booking_version_id"),
                    "flight_id": links.get("flight_id"),
                }
                for traveller, links in placed
            ],
        )
    )
    session.execute(
        insert(schema.TravellerIdentity),
        [
            {
                "traveller_id": traveller_id,
                "surname": traveller.surname[:200],
                "given_names": (traveller.given_names or "")[:200],
                "birth_date": traveller.birth_date.isoformat() if traveller.birth_date else None,
                "place_of_birth": _cut(traveller.birth_place, 200),
                "frequent_flyers": [f"{f.airline}:{f.number}"[:40] for f in traveller.frequent_flyers]
                or None,
            }
            for traveller_id, (traveller, _) in zip(ids, placed, strict=True)
        ],
    )
    documents = [
        {
            "traveller_id": traveller_id,
            "document_type": (document.type or "P")[:8],
            "number": document.number[:40],
            "number_key": document_number_key(document.number)[:40],
            "issuing_country": _cut(document.issuing_country, 3),
            "expiry": document.expiry.to_date() if document.expiry else None,
        }
        for traveller_id, (traveller, _) in zip(ids, placed, strict=True)
        for document in traveller.documents
        if document.number
    ]
    if documents:
        session.execute(insert(schema.TravelDocument), documents)
    return ids


def _summary(booking: passenger.Booking, legs: list[schema.Flight]) -> dict[str, Any]:
    return {
        "travellers": sorted(person_key(t) for t in booking.travellers),
        "legs": [f"{f.carrier}{f.flight_number} {f.origin}-{f.destination} {f.departure_date}" for f in legs],
        "seats": sorted(f"{person_key(t)} {s.number}" for t in booking.travellers for s in t.seats),
        "documents": sorted(
            f"{person_key(t)} {d.number}" for t in booking.travellers for d in t.documents if d.number
        ),
        "payments": sorted(f"{p.type} {p.masked_number or ''}".strip() for p in booking.payments),
        "bags": sum(b.count for b in booking.bags),
    }


def _changes(previous: dict[str, Any] | None, current: dict[str, Any]) -> dict[str, Any]:
    """What differs from the previous version, field by field (PNR history as data)."""
    if previous is None:
        return {"first_version": True}
    changed: dict[str, Any] = {}
    for key, value in current.items():
        before = previous.get(key)
        if before == value:
            continue
        if isinstance(value, list) and isinstance(before, list):
            changed[key] = {
                "added": [v for v in value if v not in before],
                "removed": [v for v in before if v not in value],
            }
        else:
            changed[key] = {"before": before, "after": value}
    return changed


@dataclass
class _Pending:
    """One booking of a message on its way to the database."""

    booking: passenger.Booking
    carrier: str
    locator: str
    legs: list[schema.Flight]
    digest: str
    booking_id: int = 0
    version_id: int = 0
    facts: BookingFacts | None = None


def _store_bookings(
    session: Session,
    message: schema.InboundMessage,
    parsed: passenger.PnrMessage,
    flights: _FlightCache,
    outcome: Outcome,
    contact_key: bytes | None = None,
) -> list[Subject]:
    """Keep every booking of one PNR message (or part of one): a new version of each,
    with what changed since the last, its warnings and its travellers; a booking
    identical to its latest version is not stored again (counted in
    ``outcome.repeated``). A few batched statements per part whatever its size, not
    one ORM object per row."""
    agency_id = message.sender_agency_id
    pending = []
    for booking in parsed.bookings:
        itinerary = _itinerary(parsed, booking)
        legs = [f for f in (flights.get(leg) for leg in itinerary) if f is not None]
        carrier = (
            booking.record_locator_owner
            or (itinerary[0].carrier if itinerary else None)
            or parsed.sender
            or ""
        )[:3]
        pending.append(
            _Pending(booking, carrier, booking.record_locator[:12], legs, _content_digest(booking, itinerary))
        )
    if not pending:
        return []
    now = utcnow()
    known = _booking_ids(session, agency_id, pending)
    earlier = set(known.values())  # bookings pushed before: touched, and their versions read
    new = {(item.carrier, item.locator) for item in pending} - known.keys()
    if new:
        created = {(item.carrier, item.locator): item.booking.created for item in pending}
        order = sorted(new)
        inserted = session.scalars(
            insert(schema.Booking).returning(schema.Booking.id, sort_by_parameter_order=True),
            [
                {
                    "receiving_agency_id": agency_id,
                    "carrier": carrier,
                    "record_locator": locator,
                    "booked_at": as_utc(created[(carrier, locator)]),
                    "first_received_at": now,
                    "last_received_at": now,
                }
                for carrier, locator in order
            ],
        )
        known.update(zip(order, inserted, strict=True))
    # The latest version of each booking: its number, summary and content digest.
    latest: dict[int, tuple[int, dict[str, Any] | None, str | None]] = {}
    if earlier:
        session.execute(
            update(schema.Booking).where(schema.Booking.id.in_(earlier)).values(last_received_at=now)
        )
        for booking_id, number, changes, digest in session.execute(
            select(
                schema.BookingVersion.booking_id,
                schema.BookingVersion.version,
                schema.BookingVersion.changes,
                schema.BookingVersion.content_sha256,
            )
            .where(schema.BookingVersion.booking_id.in_(earlier))
            .order_by(schema.BookingVersion.booking_id, schema.BookingVersion.version)
        ):
            latest[booking_id] = (number, changes.get("summary"), digest)
    versions = []
    fresh = []
    for item in pending:
        item.booking_id = known[(item.carrier, item.locator)]
        number, previous, digest = latest.get(item.booking_id, (0, None, None))
        if digest == item.digest:  # pushed again as it was: the latest version says it all
            outcome.repeated += 1
            continue
        fresh.append(item)
        summary = _summary(item.booking, item.legs)
        latest[item.booking_id] = (number + 1, summary, item.digest)  # the same booking twice in one message
        changed = _changes(previous, summary)
        item.facts = booking_facts(item.booking, item.legs, item.carrier, changed)
        versions.append(
            {
                "booking_id": item.booking_id,
                "version": number + 1,
                "message_id": message.id,
                "received_at": now,
                "changes": {"summary": summary, "changed": changed},
                "facts": item.facts.to_dict(),
                "contact_hashes": _contact_hashes(item.booking, contact_key),
                "warnings": [mask_card_numbers_in_text(text) for text in item.booking.warnings] or None,
                "content_sha256": item.digest,
            }
        )
    pending = fresh
    if not pending:
        return []
    version_ids = session.scalars(
        insert(schema.BookingVersion).returning(schema.BookingVersion.id, sort_by_parameter_order=True),
        versions,
    )
    for item, version_id in zip(pending, version_ids, strict=True):
        item.version_id = version_id
    leg_rows = [
        {"booking_version_id": item.version_id, "sequence": index + 1, "flight_id": flight.id}
        for item in pending
        for index, flight in enumerate(item.legs)
    ]
    if leg_rows:
        session.execute(insert(schema.BookingLeg), leg_rows)
    placed = [
        (traveller, {"booking_version_id": item.version_id})
        for item in pending
        for traveller in item.booking.travellers
    ]
    stored = iter(_insert_travellers(session, agency_id, message.id, placed))
    subjects = []
    for item in pending:
        own = [
            Subject(
                next(stored),
                traveller,
                subject_key(traveller, booking_id=item.booking_id, flight=None),
                item.booking_id,
                tuple(item.booking.payments),
            )
            for traveller in item.booking.travellers
        ]
        assert item.facts is not None
        outcome.booked.append(Booked(item.booking_id, item.version_id, item.facts, tuple(own)))
        subjects += own
    return subjects


def _content_digest(booking: passenger.Booking, itinerary: tuple[passenger.Leg, ...]) -> str:
    """What makes two pushes of a PNR the same version: everything read from it and the
    flights it is kept on (the message's flight when it names none), but not the reader's
    warnings. Stricter than the summary the booking page compares, so a change the
    summary does not show (a new phone, a remark) is still a new version."""
    content = repr((replace(booking, warnings=()), itinerary))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _contact_hashes(booking: passenger.Booking, key: bytes | None) -> list[str] | None:
    """The booking's e-mail addresses and phones as keyed hashes (journeys
    compare them; the clear values stay in the raw message only)."""
    if key is None:
        return None
    hashes = {contact_hash(value, key) for value in (*booking.contacts.emails, *booking.contacts.phones)}
    return sorted(h for h in hashes if h is not None)


def _booking_ids(session: Session, agency_id: int, pending: list[_Pending]) -> dict[tuple[str, str], int]:
    """Bookings of this agency already known, by carrier and record locator."""
    wanted = {(item.carrier, item.locator) for item in pending}
    rows = session.execute(
        select(schema.Booking.carrier, schema.Booking.record_locator, schema.Booking.id).where(
            schema.Booking.receiving_agency_id == agency_id,
            schema.Booking.record_locator.in_({locator for _, locator in wanted}),
        )
    )
    return {(carrier, locator): id_ for carrier, locator, id_ in rows if (carrier, locator) in wanted}


def _store_manifest(
    session: Session, message: schema.InboundMessage, parsed: passenger.PaxlstMessage, flights: _FlightCache
) -> list[Subject]:
    legs = [(leg, flights.get(leg)) for leg in parsed.legs]
    placed = []
    for traveller in parsed.travellers:
        flight = next(
            (
                f
                for leg, f in legs
                if f is not None and (not traveller.embarkation or leg.origin == traveller.embarkation)
            ),
            next((f for _, f in legs if f is not None), None),
        )
        placed.append((traveller, flight))
    ids = _insert_travellers(
        session,
        message.sender_agency_id,
        message.id,
        [(traveller, {"flight_id": flight.id if flight else None}) for traveller, flight in placed],
    )
    booked = _booked_on(session, message.sender_agency_id, [f for _, f in legs if f is not None])
    subjects = []
    for traveller_id, (traveller, flight) in zip(ids, placed, strict=True):
        booking_id = booked.get((flight.id, *_identity(traveller))) if flight else None
        # the same person as in the booking: one subject, one set of hits
        key = subject_key(
            traveller, booking_id=booking_id, flight=flight.id if flight else f"message-{message.id}"
        )
        subjects.append(Subject(traveller_id, traveller, key, booking_id, ()))
    return subjects


def _identity(traveller: passenger.Traveller) -> tuple[str, str, str | None]:
    born = traveller.birth_date.isoformat() if traveller.birth_date else None
    return traveller.surname[:200], (traveller.given_names or "")[:200], born


def _booked_on(
    session: Session, agency_id: int, flights: list[schema.Flight]
) -> dict[tuple[int, str, str, str | None], int]:
    """The bookings in which API travellers fly, by flight, name and birth date
    (the latest booking when several match), for every flight of a manifest."""
    if not flights:
        return {}
    rows = session.execute(
        select(
            schema.BookingLeg.flight_id,
            schema.TravellerIdentity.surname,
            schema.TravellerIdentity.given_names,
            schema.TravellerIdentity.birth_date,
            schema.BookingVersion.booking_id,
        )
        .join(schema.BookingLeg, schema.BookingLeg.booking_version_id == schema.BookingVersion.id)
        .join(schema.Traveller, schema.Traveller.booking_version_id == schema.BookingVersion.id)
        .join(schema.TravellerIdentity, schema.TravellerIdentity.traveller_id == schema.Traveller.id)
        .where(
            schema.BookingLeg.flight_id.in_({f.id for f in flights}),
            schema.Traveller.receiving_agency_id == agency_id,
        )
        .order_by(schema.BookingVersion.id)
    )
    return {
        (flight_id, surname, given, born): booking_id for flight_id, surname, given, born, booking_id in rows
    }
