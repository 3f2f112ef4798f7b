"""A traveller's journeys and co-travellers, from the agency's own data.

Starting from one stored traveller (a hit's, say), the records that may be
the same person are gathered from what the agency received around the same
time (same document number, same birth date, same booking; then once more
from what those records add), resolved into persons with
:func:`liaison.journeys.resolve` under the agency's recorded decisions, and
the person's legs joined into trips. Co-travellers are the people on the
person's flights, tied by shared bookings, adjacent seats and shared
contacts. Everything is scoped to the receiving agency and every read is
audited: this is personal data of people who are, as a rule, innocent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from liaison.domain.cards import mask_card_numbers_in_text
from liaison.domain.errors import Conflict, InvalidInput, NotFound
from liaison.domain.permissions import Permission
from liaison.journeys import (
    Appearance,
    Decision,
    JourneyLeg,
    Person,
    TravellerRecord,
    network,
    resolve,
    ties,
    trips,
)
from liaison.journeys.network import Tie
from liaison.journeys.pictures import journey_map, network_picture, timeline
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.services.pipeline.screening import person_key
from liaison.services.registers.rescreening import as_domain
from liaison.store import schema
from liaison.store.types import utcnow

WINDOW = timedelta(days=90)
MAX_RECORDS = 5_000


@dataclass(frozen=True)
class _Stored:
    """A traveller row with what journeys need of it."""

    row: schema.Traveller
    record: TravellerRecord
    legs: tuple[JourneyLeg, ...]
    contacts: tuple[str, ...]


def _record(row: schema.Traveller, booking_id: int | None, contacts: tuple[str, ...]) -> TravellerRecord:
    identity = row.identity
    assert identity is not None
    return TravellerRecord(
        row.id,
        identity.surname,
        identity.given_names or "",
        identity.birth_date,
        tuple((d.number_key, d.issuing_country) for d in row.documents),
        tuple(identity.frequent_flyers or ()),
        contacts,
        booking_id,
    )


def _legs(row: schema.Traveller, booking_id: int | None) -> tuple[JourneyLeg, ...]:
    version = row.booking_version
    if version is not None:
        seats = _seats(version, row)
        return tuple(
            JourneyLeg(
                leg.flight.carrier,
                leg.flight.flight_number,
                leg.flight.origin,
                leg.flight.destination,
                leg.flight.scheduled_departure,
                leg.flight.scheduled_arrival,
                booking_id,
                seats.get(leg.flight.origin),
            )
            for leg in version.legs
        )
    return ()


def _seats(version: schema.BookingVersion, row: schema.Traveller) -> dict[str, str]:
    """The traveller's seat as the booking's summary lists it ("NAME 12A")."""
    traveller = as_domain(row)
    if traveller is None:
        return {}
    key = person_key(traveller)
    seats = [
        s.rsplit(" ", 1)[1]
        for s in version.changes.get("summary", {}).get("seats", ())
        if s.startswith(key + " ")
    ]
    if not seats:
        return {}
    return {leg.flight.origin: seat for leg, seat in zip(version.legs, seats, strict=False)}


def _load(session: Session, agency_id: int, ids: Iterable[int]) -> list[_Stored]:
    rows = session.scalars(
        select(schema.Traveller)
        .where(schema.Traveller.id.in_(list(ids)), schema.Traveller.receiving_agency_id == agency_id)
        .options(
            selectinload(schema.Traveller.identity),
            selectinload(schema.Traveller.documents),
            selectinload(schema.Traveller.booking_version)
            .selectinload(schema.BookingVersion.legs)
            .selectinload(schema.BookingLeg.flight),
        )
    ).all()
    manifest_flights = {r.flight_id for r in rows if r.booking_version is None and r.flight_id is not None}
    flights = {
        f.id: f for f in session.scalars(select(schema.Flight).where(schema.Flight.id.in_(manifest_flights)))
    }
    out = []
    for row in rows:
        if row.identity is None:
            continue  # depersonalised
        version = row.booking_version
        booking_id = version.booking_id if version is not None else None
        contacts = tuple(version.contact_hashes or ()) if version is not None else ()
        legs = _legs(row, booking_id)
        if version is None and row.flight_id in flights:
            f = flights[row.flight_id]
            legs = (
                JourneyLeg(
                    f.carrier,
                    f.flight_number,
                    f.origin,
                    f.destination,
                    f.scheduled_departure,
                    f.scheduled_arrival,
                ),
            )
        out.append(_Stored(row, _record(row, booking_id, contacts), legs, contacts))
    return out


def _neighbours(session: Session, agency_id: int, stored: list[_Stored]) -> set[int]:
    """Traveller ids that may be the same person as any of ``stored``."""
    numbers = {number for s in stored for number, _ in s.record.documents if number}
    births = {s.record.full_birth_date for s in stored} - {None}
    bookings = {s.record.booking for s in stored} - {None}
    departures = [leg.departure for s in stored for leg in s.legs]
    conditions = []
    if numbers:
        conditions.append(
            schema.Traveller.id.in_(
                select(schema.TravelDocument.traveller_id).where(
                    schema.TravelDocument.number_key.in_(numbers)
                )
            )
        )
    if births:
        conditions.append(
            schema.Traveller.id.in_(
                select(schema.TravellerIdentity.traveller_id).where(
                    schema.TravellerIdentity.birth_date.in_(births)
                )
            )
        )
    if bookings:
        conditions.append(
            schema.Traveller.booking_version_id.in_(
                select(schema.BookingVersion.id).where(schema.BookingVersion.booking_id.in_(bookings))
            )
        )
    if not conditions:
        return set()
    query = select(schema.Traveller.id).where(
        schema.Traveller.receiving_agency_id == agency_id, or_(*conditions)
    )
    if departures:
        query = query.where(
            schema.Traveller.created_at >= min(departures) - WINDOW - timedelta(days=30),
        )
    return set(session.scalars(query.limit(MAX_RECORDS)))


def _decisions(session: Session, agency_id: int, ids: set[int]) -> list[Decision]:
    rows = session.scalars(
        select(schema.IdentityDecision).where(
            schema.IdentityDecision.agency_id == agency_id,
            or_(
                schema.IdentityDecision.traveller_a_id.in_(ids),
                schema.IdentityDecision.traveller_b_id.in_(ids),
            ),
        )
    )
    return [Decision(r.traveller_a_id, r.traveller_b_id, r.same) for r in rows]


@dataclass
class PersonView:
    traveller_id: int
    records: list[dict[str, Any]]
    links: list[dict[str, Any]]
    strength: float
    trips: list[dict[str, object]]


def _person(session: Session, principal: Principal, traveller_id: int) -> tuple[Person, dict[int, _Stored]]:
    principal.require(Permission.JOURNEYS_READ)
    seed = _load(session, principal.agency_id, [traveller_id])
    if not seed:
        raise NotFound(f"traveller {traveller_id}: not found")
    known = {s.record.id: s for s in seed}
    frontier = seed
    for _ in range(2):  # the records found may add documents and dates of their own
        found = _neighbours(session, principal.agency_id, frontier) - known.keys()
        if not found:
            break
        frontier = _load(session, principal.agency_id, found)
        known.update((s.record.id, s) for s in frontier)
    decisions = _decisions(session, principal.agency_id, set(known))
    persons = resolve([s.record for s in known.values()], decisions)
    person = next(p for p in persons if traveller_id in p.records)
    return person, known


def _audit_read(
    session: Session, principal: Principal, traveller_id: int, purpose: str, detail: dict[str, object]
) -> None:
    audit.record(
        session,
        "journey_read",
        principal=principal,
        object_type="traveller",
        object_id=traveller_id,
        purpose=purpose,
        detail=detail,
    )


def journey(session: Session, principal: Principal, traveller_id: int, purpose: str) -> PersonView:
    """The person behind a traveller: the records joined and why, and their trips."""
    person, known = _person(session, principal, traveller_id)
    members = [known[i] for i in sorted(person.records)]
    _audit_read(session, principal, traveller_id, purpose, {"records": len(members)})
    return PersonView(
        traveller_id=traveller_id,
        records=[
            {
                "traveller_id": s.record.id,
                "surname": s.record.surname,
                "given_names": s.record.given_names,
                "birth_date": s.record.birth_date,
                "booking_id": s.record.booking,
                "flights": [leg.label for leg in s.legs],
            }
            for s in members
        ],
        links=[
            {
                "a": link.a,
                "b": link.b,
                "strength": link.strength,
                "evidence": link.evidence,
                "detail": link.detail,
            }
            for link in person.links
        ],
        strength=person.strength,
        trips=[trip.to_dict() for trip in trips(leg for s in members for leg in s.legs)],
    )


@dataclass
class Network:
    """Ties around one person; persons are named by their lowest traveller id."""

    centre: int
    ties: list[Tie]
    labels: dict[int, str]


def co_travellers(
    session: Session, principal: Principal, traveller_id: int, purpose: str, min_strength: float = 1.0
) -> Network:
    """Ties around the person behind a traveller on the person's flights, and
    the names of the persons in it."""
    person, known = _person(session, principal, traveller_id)
    flight_keys = {leg.key for i in person.records for leg in known[i].legs}
    flight_ids = session.scalars(
        select(schema.Flight.id).where(
            schema.Flight.id.in_(
                select(schema.BookingLeg.flight_id).where(
                    schema.BookingLeg.booking_version_id.in_(
                        {known[i].row.booking_version_id for i in person.records} - {None}
                    )
                )
            )
        )
    ).all()
    aboard = session.scalars(
        select(schema.Traveller.id)
        .where(
            schema.Traveller.receiving_agency_id == principal.agency_id,
            or_(
                schema.Traveller.flight_id.in_(flight_ids),
                schema.Traveller.booking_version_id.in_(
                    select(schema.BookingLeg.booking_version_id).where(
                        schema.BookingLeg.flight_id.in_(flight_ids)
                    )
                ),
            ),
        )
        .limit(MAX_RECORDS)
    ).all()
    others = {s.record.id: s for s in _load(session, principal.agency_id, set(aboard) - known.keys())}
    everyone = {**known, **others}
    decisions = _decisions(session, principal.agency_id, set(everyone))
    persons = resolve([s.record for s in everyone.values()], decisions)
    person_of = {record: min(p.records) for p in persons for record in p.records}
    centre = person_of[traveller_id]
    appearances = [
        Appearance(person_of[s.record.id], _flight_label(leg), s.record.booking, leg.seat)
        for s in everyone.values()
        for leg in s.legs
        if leg.key in flight_keys
    ]
    contacts: dict[int, set[str]] = {}
    for s in everyone.values():
        contacts.setdefault(person_of[s.record.id], set()).update(s.contacts)
    found = network(centre, ties(appearances, contacts), depth=1, min_strength=min_strength)
    labels = {
        person_of[
            s.record.id
        ]: f"{s.record.given_names} {s.record.surname} {s.record.birth_date or ''}".strip()
        for s in everyone.values()
    }
    audit.record(
        session,
        "co_travellers_read",
        principal=principal,
        object_type="traveller",
        object_id=traveller_id,
        purpose=purpose,
        detail={"ties": len(found)},
    )
    shown = {centre} | {p for t in found for p in (t.a, t.b)}
    return Network(centre, found, {p: labels[p] for p in shown if p in labels})


def _flight_label(leg: JourneyLeg) -> str:
    return f"{leg.carrier}{leg.flight_number} {leg.departure:%Y-%m-%d} {leg.origin}"


def decide(
    session: Session, principal: Principal, first: int, second: int, same: bool, reason: str
) -> schema.IdentityDecision:
    """Record that two traveller records are (not) the same person; it
    overrides the evidence from then on, and can itself be changed."""
    principal.require(Permission.JOURNEYS_READ)
    principal.require(Permission.REVIEW_HITS)
    if first == second:
        raise InvalidInput("traveller_b: must differ from traveller_a")
    reason = mask_card_numbers_in_text(reason)
    if not reason.strip():
        raise InvalidInput("reason: say why")
    a, b = sorted((first, second))
    owned = set(
        session.scalars(
            select(schema.Traveller.id).where(
                schema.Traveller.id.in_((a, b)), schema.Traveller.receiving_agency_id == principal.agency_id
            )
        )
    )
    if owned != {a, b}:
        raise NotFound("traveller: not found")
    row = session.scalar(
        select(schema.IdentityDecision).where(
            schema.IdentityDecision.agency_id == principal.agency_id,
            schema.IdentityDecision.traveller_a_id == a,
            schema.IdentityDecision.traveller_b_id == b,
        )
    )
    if row is None:
        row = schema.IdentityDecision(
            agency_id=principal.agency_id, traveller_a_id=a, traveller_b_id=b, same=same
        )
        session.add(row)
    elif row.same == same and row.reason == reason.strip():
        raise Conflict("this decision is already recorded")
    row.same, row.reason = same, reason.strip()
    row.decided_by_id, row.decided_at = principal.user_id, utcnow()
    session.flush()
    audit.record(
        session,
        "identity_decided",
        principal=principal,
        object_type="traveller",
        object_id=a,
        detail={"other": b, "same": same},
    )
    return row


def picture(session: Session, principal: Principal, traveller_id: int, kind: str, purpose: str) -> str:
    """The person's journeys as an SVG map or timeline, or their co-traveller network."""
    if kind == "network":
        found = co_travellers(session, principal, traveller_id, purpose)
        return network_picture(found.ties, found.labels, found.centre)
    person, known = _person(session, principal, traveller_id)
    person_trips = trips(leg for i in person.records for leg in known[i].legs)
    _audit_read(session, principal, traveller_id, purpose, {"picture": kind})
    if kind == "map":
        return journey_map(person_trips)
    if kind == "timeline":
        return timeline(person_trips)
    raise InvalidInput(f"kind: {kind!r} is not map, timeline or network")
