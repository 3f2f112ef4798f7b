"""Counts for the first page and for command-line summaries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liaison.domain.codes import RecordStatus, RegisterKind
from liaison.store import schema


@dataclass(frozen=True)
class AgencyRow:
    code: str
    name: str
    country: str
    kind: str


@dataclass(frozen=True)
class RegisterRow:
    owner: str
    name: str
    kind: RegisterKind
    active_records: int
    shared_with: int


@dataclass(frozen=True)
class FlightRow:
    carrier: str
    flight_number: str
    origin: str
    destination: str
    departure: str
    travellers: int
    hits: int


COUNTED_TABLES: dict[str, type[schema.Base]] = {
    "agencies": schema.Agency,
    "users": schema.User,
    "registers": schema.Register,
    "records": schema.Record,
    "persons": schema.PersonRecord,
    "person_names": schema.PersonName,
    "documents": schema.DocumentRecord,
    "cards": schema.CardRecord,
    "flights": schema.Flight,
    "bookings": schema.Booking,
    "travellers": schema.Traveller,
    "travel_documents": schema.TravelDocument,
    "messages": schema.InboundMessage,
    "hits": schema.Hit,
}


def table_counts(session: Session) -> dict[str, int]:
    return {
        name: session.scalar(select(func.count()).select_from(model)) or 0
        for name, model in COUNTED_TABLES.items()
    }


def agencies(session: Session) -> list[AgencyRow]:
    rows = session.scalars(select(schema.Agency).order_by(schema.Agency.code))
    return [AgencyRow(a.code, a.name, a.country, a.kind.value) for a in rows]


def registers(session: Session) -> list[RegisterRow]:
    active = (
        select(func.count())
        .where(schema.Record.register_id == schema.Register.id)
        .where(schema.Record.status == RecordStatus.ACTIVE)
        .scalar_subquery()
    )
    shared = (
        select(func.count(func.distinct(schema.RecordShare.agency_id)))
        .join(schema.Record, schema.Record.id == schema.RecordShare.record_id)
        .where(schema.Record.register_id == schema.Register.id)
        .scalar_subquery()
    )
    query = (
        select(schema.Agency.code, schema.Register.name, schema.Register.kind, active, shared)
        .join(schema.Agency, schema.Agency.id == schema.Register.owner_agency_id)
        .order_by(schema.Agency.code, schema.Register.name)
    )
    return [RegisterRow(*row) for row in session.execute(query)]


def flights_on(session: Session, day: date) -> list[FlightRow]:
    """The day's flights with their passengers (latest version of each booking, or
    the manifest where no booking was pushed) and the hits raised on them."""
    latest = (
        select(func.max(schema.BookingVersion.id))
        .group_by(schema.BookingVersion.booking_id)
        .scalar_subquery()
    )
    booked = (
        select(func.count(schema.Traveller.id))
        .join(schema.BookingLeg, schema.BookingLeg.booking_version_id == schema.Traveller.booking_version_id)
        .where(
            schema.BookingLeg.flight_id == schema.Flight.id, schema.Traveller.booking_version_id.in_(latest)
        )
        .scalar_subquery()
    )
    listed_only = (
        select(func.count(schema.Traveller.id))
        .where(schema.Traveller.flight_id == schema.Flight.id, schema.Traveller.booking_version_id.is_(None))
        .scalar_subquery()
    )
    bookings_on_flight = (
        select(schema.BookingVersion.booking_id)
        .join(schema.BookingLeg, schema.BookingLeg.booking_version_id == schema.BookingVersion.id)
        .where(schema.BookingLeg.flight_id == schema.Flight.id)
        .correlate(schema.Flight)  # two levels down: say which flight it belongs to
    )
    hits = (
        select(func.count(schema.Hit.id))
        .where(schema.Hit.booking_id.in_(bookings_on_flight))
        .scalar_subquery()
    )
    query = (
        select(schema.Flight, booked, listed_only, hits)
        .where(schema.Flight.departure_date == day)
        .order_by(schema.Flight.scheduled_departure, schema.Flight.carrier, schema.Flight.flight_number)
    )
    return [
        FlightRow(
            carrier=flight.carrier,
            flight_number=flight.flight_number,
            origin=flight.origin,
            destination=flight.destination,
            departure=flight.scheduled_departure.strftime("%H:%M"),
            travellers=in_bookings or listed,
            hits=hit_count,
        )
        for flight, in_bookings, listed, hit_count in session.execute(query)
    ]
