"""What the analyst's review pages show around a hit: where it was raised (register,
booking, flights), the matched record when the owner has released it, and the
hit's history. Every query starts from the hits of the principal's own agency
(`hits.list_hits` / `hits.read_hit`), so nothing here widens what a unit sees."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liaison.domain.permissions import Permission
from liaison.services.identity.principals import Principal
from liaison.services.registers import registers
from liaison.services.registers.records import RecordView
from liaison.services.travel import hits
from liaison.services.travel.hits import HitView
from liaison.store import schema

REVIEW_ACTIONS = ("hit_start", "hit_confirm", "hit_dismiss")


@dataclass(frozen=True)
class FlightLeg:
    flight_id: int
    label: str  # carrier and number, e.g. KL1234
    origin: str
    destination: str
    departure: datetime


@dataclass(frozen=True)
class HitPlace:
    """Where a hit comes from, for the queue's columns."""

    register: str | None
    register_id: int | None
    flights: tuple[FlightLeg, ...] = ()
    booking_id: int | None = None


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    action: str  # raised, rescored, hit_start, hit_confirm, hit_dismiss
    by: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class HitPage:
    hit: HitView
    place: HitPlace
    record: RecordView | None  # only when the owner is the reader's agency or released it
    history: list[HistoryEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


def _legs(session: Session, hit_rows: list[tuple[int, int | None, int | None]]) -> dict[int, list[FlightLeg]]:
    """Flights per hit: the legs of the booking's latest version, else the manifest's flight."""
    booking_ids = {booking for _, booking, _ in hit_rows if booking is not None}
    traveller_ids = {traveller for _, _, traveller in hit_rows if traveller is not None}
    by_booking: dict[int, list[FlightLeg]] = {}
    if booking_ids:
        latest = (
            select(func.max(schema.BookingVersion.id))
            .where(schema.BookingVersion.booking_id.in_(booking_ids))
            .group_by(schema.BookingVersion.booking_id)
        )
        rows = session.execute(
            select(schema.BookingVersion.booking_id, schema.Flight)
            .join(schema.BookingLeg, schema.BookingLeg.booking_version_id == schema.BookingVersion.id)
            .join(schema.Flight, schema.Flight.id == schema.BookingLeg.flight_id)
            .where(schema.BookingVersion.id.in_(latest))
            .order_by(schema.BookingLeg.sequence)
        )
        for booking_id, flight in rows:
            by_booking.setdefault(booking_id, []).append(_leg(flight))
    by_traveller: dict[int, FlightLeg] = {}
    if traveller_ids:
        rows2 = session.execute(
            select(schema.Traveller.id, schema.Flight)
            .join(schema.Flight, schema.Flight.id == schema.Traveller.flight_id)
            .where(schema.Traveller.id.in_(traveller_ids))
        )
        by_traveller = {traveller_id: _leg(flight) for traveller_id, flight in rows2}
    found: dict[int, list[FlightLeg]] = {}
    for hit_id, booking, traveller in hit_rows:
        legs = by_booking.get(booking, []) if booking is not None else []
        if not legs and traveller is not None and traveller in by_traveller:
            legs = [by_traveller[traveller]]
        found[hit_id] = legs
    return found


def _leg(flight: schema.Flight) -> FlightLeg:
    return FlightLeg(
        flight.id,
        f"{flight.carrier}{flight.flight_number}",
        flight.origin,
        flight.destination,
        flight.scheduled_departure,
    )


def places(session: Session, principal: Principal, hit_ids: list[int]) -> dict[int, HitPlace]:
    """Register and flights of each of these hits of the principal's agency."""
    principal.require(Permission.REVIEW_HITS)
    if not hit_ids:
        return {}
    rows = session.execute(
        select(
            schema.Hit.id,
            schema.Hit.booking_id,
            schema.Hit.traveller_id,
            schema.Register.id,
            schema.Register.name,
        )
        .outerjoin(schema.Record, schema.Record.id == schema.Hit.record_id)
        .outerjoin(schema.Register, schema.Register.id == schema.Record.register_id)
        .where(schema.Hit.id.in_(hit_ids), schema.Hit.agency_id == principal.agency_id)
    ).all()
    legs = _legs(session, [(hit_id, booking, traveller) for hit_id, booking, traveller, _, _ in rows])
    return {
        hit_id: HitPlace(register_name, register_id, tuple(legs[hit_id]), booking_id)
        for hit_id, booking_id, _, register_id, register_name in rows
    }


def history(session: Session, principal: Principal, hit: HitView) -> list[HistoryEntry]:
    """Raised, rescored by a later push, and each review step with who took it."""
    # A withheld score (another agency's record, not released) is not told here either.
    entries = [
        HistoryEntry(hit.created_at, "raised", detail=None if hit.score is None else f"{hit.score:.2f}")
    ]
    updated = hit.explanation.get("updated")
    if hit.score is not None and isinstance(updated, dict) and isinstance(updated.get("at"), str):
        entries.append(
            HistoryEntry(
                datetime.fromisoformat(updated["at"]),
                "rescored",
                detail=f"{updated.get('previous_score')} → {hit.score:.2f}",
            )
        )
    rows = session.execute(
        select(schema.AuditEvent.at, schema.AuditEvent.action, schema.User.display_name)
        .outerjoin(schema.User, schema.User.id == schema.AuditEvent.user_id)
        .where(
            schema.AuditEvent.agency_id == principal.agency_id,
            schema.AuditEvent.object_type == "hit",
            schema.AuditEvent.object_id == str(hit.id),
            schema.AuditEvent.action.in_(REVIEW_ACTIONS),
        )
        .order_by(schema.AuditEvent.id)
    )
    entries += [HistoryEntry(at, action, by=name) for at, action, name in rows]
    if hit.reason and entries[-1].action in ("hit_confirm", "hit_dismiss"):
        last = entries[-1]
        entries[-1] = HistoryEntry(last.at, last.action, last.by, hit.reason)
    return sorted(entries, key=lambda entry: entry.at)


def hit_page(session: Session, principal: Principal, hit_id: int) -> HitPage:
    """Everything the hit page shows; reading it is audited (hit_read, and record_read
    when the matched record's details are shown)."""
    hit = hits.read_hit(session, principal, hit_id)
    place = places(session, principal, [hit.id]).get(hit.id, HitPlace(None, None))
    record = None
    if hit.record_id is not None and hit.record_details_released and principal.can(Permission.REGISTER_READ):
        record = registers.read_record(session, principal, hit.record_id, purpose=f"review of hit {hit.id}")
    return HitPage(hit, place, record, history(session, principal, hit))


def filter_choices(session: Session, principal: Principal) -> tuple[list[Choice], list[Choice]]:
    """The flights and registers the agency's hits come from, for the queue's filters."""
    principal.require(Permission.REVIEW_HITS)
    registers_seen = session.execute(
        select(schema.Register.id, schema.Register.name, schema.Agency.code)
        .join(schema.Agency, schema.Agency.id == schema.Register.owner_agency_id)
        .where(
            schema.Register.id.in_(
                select(schema.Record.register_id)
                .join(schema.Hit, schema.Hit.record_id == schema.Record.id)
                .where(schema.Hit.agency_id == principal.agency_id)
            )
        )
        .order_by(schema.Register.name, schema.Agency.code)
    )
    on_flights = (
        select(schema.BookingLeg.flight_id)
        .join(schema.BookingVersion, schema.BookingVersion.id == schema.BookingLeg.booking_version_id)
        .join(schema.Hit, schema.Hit.booking_id == schema.BookingVersion.booking_id)
        .where(schema.Hit.agency_id == principal.agency_id)
    )
    on_manifests = (
        select(schema.Traveller.flight_id)
        .join(schema.Hit, schema.Hit.traveller_id == schema.Traveller.id)
        .where(schema.Hit.agency_id == principal.agency_id, schema.Traveller.flight_id.is_not(None))
    )
    flights = session.scalars(
        select(schema.Flight)
        .where(schema.Flight.id.in_(on_flights.union(on_manifests)))
        .order_by(schema.Flight.scheduled_departure.desc())
        .limit(200)
    )
    return (
        [
            Choice(f.id, f"{f.carrier}{f.flight_number} {f.origin}→{f.destination} {f.departure_date}")
            for f in flights
        ],
        [Choice(rid, f"{name} ({owner})") for rid, name, owner in registers_seen],
    )
