"""A flight's manifest as the reader's agency received it, with its hits marked.

Only travellers the agency itself received (`receiving_agency_id`) are listed:
another unit's passengers on the same flight stay with that unit. Listing names
is a read of personal data, so it is audited."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liaison.domain.codes import HitStatus
from liaison.domain.errors import NotFound
from liaison.domain.permissions import Permission
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.services.travel.hits import readable_score
from liaison.store import schema


@dataclass(frozen=True)
class ManifestRow:
    traveller_id: int
    surname: str | None
    given_names: str | None
    birth_date: str | None
    nationality: str | None
    record_locator: str | None
    booking_id: int | None
    hits: list[tuple[int, HitStatus, float | None]]  # id, status, score (None: withheld by the owner)


@dataclass(frozen=True)
class Manifest:
    flight: schema.Flight
    rows: list[ManifestRow]


def manifest(session: Session, principal: Principal, flight_id: int) -> Manifest:
    principal.require(Permission.REVIEW_HITS)
    flight = session.get(schema.Flight, flight_id)
    if flight is None:
        raise NotFound(f"no flight {flight_id}")
    latest = select(func.max(schema.BookingVersion.id)).group_by(schema.BookingVersion.booking_id)
    booked = (
        select(schema.Traveller.id)
        .join(schema.BookingLeg, schema.BookingLeg.booking_version_id == schema.Traveller.booking_version_id)
        .where(schema.BookingLeg.flight_id == flight_id, schema.Traveller.booking_version_id.in_(latest))
    )
    listed = select(schema.Traveller.id).where(
        schema.Traveller.flight_id == flight_id, schema.Traveller.booking_version_id.is_(None)
    )
    travellers = list(
        session.scalars(
            select(schema.Traveller).where(
                schema.Traveller.receiving_agency_id == principal.agency_id,
                schema.Traveller.id.in_(booked.union(listed)),
            )
        )
    )
    if not travellers:
        # A flight the agency received nothing about is not its to see.
        raise NotFound(f"no flight {flight_id} for your agency")
    ids = [t.id for t in travellers]
    hits: dict[int, list[tuple[int, HitStatus, float | None]]] = {}
    found = session.execute(
        select(schema.Hit.id, schema.Hit.traveller_id, schema.Hit.status, readable_score(principal.agency_id))
        .where(schema.Hit.agency_id == principal.agency_id, schema.Hit.traveller_id.in_(ids))
        .order_by(schema.Hit.id)
    )
    for hit_id, traveller_id, status, score in found:
        assert traveller_id is not None
        hits.setdefault(traveller_id, []).append((hit_id, status, score))
    versions = {t.booking_version_id for t in travellers if t.booking_version_id}
    locators = {
        row[0]: (row[1], row[2])  # not dict(result): a Result has keys() and would be read as a mapping
        for row in session.execute(
            select(schema.BookingVersion.id, schema.Booking.record_locator, schema.Booking.id)
            .join(schema.Booking, schema.Booking.id == schema.BookingVersion.booking_id)
            .where(schema.BookingVersion.id.in_(versions))
        )
    }
    none: tuple[str | None, int | None] = (None, None)
    rows = []
    for t in travellers:
        locator, booking_id = locators.get(t.booking_version_id, none) if t.booking_version_id else none
        rows.append(
            ManifestRow(
                t.id,
                t.identity.surname if t.identity else None,
                t.identity.given_names if t.identity else None,
                t.identity.birth_date if t.identity else None,
                t.nationality,
                locator,
                booking_id,
                hits.get(t.id, []),
            )
        )
    rows.sort(key=lambda row: (not row.hits, row.surname or "", row.given_names or ""))
    audit.record(
        session, "manifest_read", principal=principal, object_type="flight", object_id=flight_id,
        detail={"travellers": len(rows)},
    )  # fmt: skip
    return Manifest(flight, rows)
