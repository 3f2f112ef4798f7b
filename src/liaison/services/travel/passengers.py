"""A traveller and a booking as the reader's agency received them: documents,
itinerary, co-travellers, every PNR version with what changed.

Scoped like the manifest (`services.travel.manifests`): only what the agency itself
received (`receiving_agency_id`); another unit's traveller or booking is
answered "not found", never named. Reading names is a read of personal data:
it needs the right to review hits and is audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.domain.codes import HitStatus
from liaison.domain.errors import NotFound
from liaison.domain.permissions import Permission
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.services.travel.hits import readable_score
from liaison.store import schema

# traveller -> (hit, status, score); no score on another agency's record not released
HitsOf = dict[int, list[tuple[int, HitStatus, float | None]]]


@dataclass(frozen=True)
class DocumentRow:
    document_type: str
    number: str
    issuing_country: str | None
    expiry: date | None


@dataclass(frozen=True)
class Person:
    """One traveller of a booking version; names are None once depersonalised."""

    traveller_id: int
    surname: str | None
    given_names: str | None
    birth_date: str | None
    place_of_birth: str | None
    gender: str
    nationality: str | None
    role: str
    depersonalised: bool
    documents: list[DocumentRow] = field(default_factory=list)
    hits: list[tuple[int, HitStatus, float | None]] = field(default_factory=list)  # id, status, score


@dataclass(frozen=True)
class LegRow:
    flight_id: int
    label: str
    origin: str
    destination: str
    departure: datetime
    arrival: datetime | None


@dataclass(frozen=True)
class VersionRow:
    version: int
    received_at: datetime
    first: bool
    changed: dict[str, Any]  # field -> {"added", "removed"} or {"before", "after"}
    masked: bool  # a traveller of it is depersonalised: the changes name people, so they are not shown
    legs: list[LegRow]
    travellers: list[Person]
    # What the reader changed, left out or doubted in this PNR; not shown once depersonalised
    # (a warning may quote what was sent), but ``warned`` still says there were some.
    warnings: list[str] = field(default_factory=list)
    warned: bool = False


@dataclass(frozen=True)
class BookingPage:
    booking: schema.Booking
    versions: list[VersionRow]  # newest first


@dataclass(frozen=True)
class TravellerPage:
    person: Person
    booking: schema.Booking | None
    version: int | None
    latest_version: int | None
    legs: list[LegRow]
    co_travellers: list[Person]
    flight: LegRow | None  # the manifest's flight when the traveller came without a booking


def _person(traveller: schema.Traveller, hits: HitsOf) -> Person:
    identity = traveller.identity
    masked = traveller.depersonalised_at is not None
    return Person(
        traveller.id,
        None if masked or identity is None else identity.surname,
        None if masked or identity is None else identity.given_names,
        None if masked or identity is None else identity.birth_date,
        None if masked or identity is None else identity.place_of_birth,
        traveller.gender.value,
        traveller.nationality,
        traveller.role.value,
        masked,
        [] if masked else [_document(d) for d in traveller.documents],
        hits.get(traveller.id, []),
    )


def _document(d: schema.TravelDocument) -> DocumentRow:
    return DocumentRow(d.document_type, d.number, d.issuing_country, d.expiry)


def _leg(flight: schema.Flight) -> LegRow:
    return LegRow(
        flight.id,
        f"{flight.carrier}{flight.flight_number}",
        flight.origin,
        flight.destination,
        flight.scheduled_departure,
        flight.scheduled_arrival,
    )


def _hits(session: Session, principal: Principal, ids: list[int]) -> HitsOf:
    found: HitsOf = {}
    if not ids:
        return found
    rows = session.execute(
        select(schema.Hit.id, schema.Hit.traveller_id, schema.Hit.status, readable_score(principal.agency_id))
        .where(schema.Hit.agency_id == principal.agency_id, schema.Hit.traveller_id.in_(ids))
        .order_by(schema.Hit.id)
    )
    for hit_id, traveller_id, status, score in rows:
        assert traveller_id is not None
        found.setdefault(traveller_id, []).append((hit_id, status, score))
    return found


def _own_booking(session: Session, principal: Principal, booking_id: int) -> schema.Booking:
    booking = session.get(schema.Booking, booking_id)
    if booking is None or booking.receiving_agency_id != principal.agency_id:
        raise NotFound(f"no booking {booking_id} for your agency")
    return booking


def _version_travellers(session: Session, version_ids: list[int]) -> dict[int, list[schema.Traveller]]:
    by_version: dict[int, list[schema.Traveller]] = {}
    if version_ids:
        for traveller in session.scalars(
            select(schema.Traveller)
            .where(schema.Traveller.booking_version_id.in_(version_ids))
            .order_by(schema.Traveller.id)
        ):
            assert traveller.booking_version_id is not None
            by_version.setdefault(traveller.booking_version_id, []).append(traveller)
    return by_version


def booking(session: Session, principal: Principal, booking_id: int) -> BookingPage:
    """A booking with every version the airline pushed, newest first."""
    principal.require(Permission.REVIEW_HITS)
    found = _own_booking(session, principal, booking_id)
    versions = list(
        session.scalars(
            select(schema.BookingVersion)
            .where(schema.BookingVersion.booking_id == found.id)
            .order_by(schema.BookingVersion.version.desc())
        )
    )
    travellers = _version_travellers(session, [v.id for v in versions])
    hits = _hits(session, principal, [t.id for group in travellers.values() for t in group])
    rows = []
    for v in versions:
        people = [_person(t, hits) for t in travellers.get(v.id, [])]
        changed = v.changes.get("changed", {}) if isinstance(v.changes, dict) else {}
        masked = any(p.depersonalised for p in people)
        rows.append(
            VersionRow(
                v.version,
                v.received_at,
                bool(changed.get("first_version")),
                {k: c for k, c in changed.items() if k != "first_version"},
                masked,
                [_leg(leg.flight) for leg in v.legs],
                people,
                [] if masked else list(v.warnings or []),
                bool(v.warnings),
            )
        )
    audit.record(
        session, "booking_read", principal=principal, object_type="booking", object_id=found.id,
        detail={"record_locator": found.record_locator, "versions": len(rows)},
    )  # fmt: skip
    return BookingPage(found, rows)


def traveller(session: Session, principal: Principal, traveller_id: int) -> TravellerPage:
    """One traveller as one push stated them, with their booking's itinerary and
    the other travellers of that booking version."""
    principal.require(Permission.REVIEW_HITS)
    found = session.get(schema.Traveller, traveller_id)
    if found is None or found.receiving_agency_id != principal.agency_id:
        raise NotFound(f"no traveller {traveller_id} for your agency")
    version = found.booking_version
    others = [t for t in version.travellers if t.id != found.id] if version is not None else []
    others.sort(key=lambda t: t.id)
    hits = _hits(session, principal, [found.id, *(t.id for t in others)])
    latest = None
    if version is not None:
        latest = max(v.version for v in version.booking.versions)
    flight = None
    if found.flight_id is not None:
        manifest_flight = session.get(schema.Flight, found.flight_id)
        flight = _leg(manifest_flight) if manifest_flight is not None else None
    page = TravellerPage(
        _person(found, hits),
        version.booking if version is not None else None,
        version.version if version is not None else None,
        latest,
        [_leg(leg.flight) for leg in version.legs] if version is not None else [],
        [_person(t, hits) for t in others],
        flight,
    )
    audit.record(
        session, "traveller_read", principal=principal, object_type="traveller", object_id=found.id,
        detail={"co_travellers": len(others), "booking_id": version.booking_id if version else None},
    )  # fmt: skip
    return page
