"""One finished airport action day in the demo world: the hub coordinates the
units of the EU over six hub airports, officers report what they did about
some hits, an airline raises a fraud alert, and the hub closes the operation."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.domain.codes import AgencyKind, FieldOutcome
from liaison.domain.exchange import CrimeArea
from liaison.domain.permissions import Permission
from liaison.services.identity.principals import Principal, principal_for_user
from liaison.services.operations import operations
from liaison.services.travel import fraud
from liaison.store import schema

AIRPORTS = ["CDG", "AMS", "FRA", "MAD", "FCO", "BRU"]
OUTCOMES = [FieldOutcome.ARREST, FieldOutcome.REFUSED_BOARDING, FieldOutcome.RELEASED, FieldOutcome.SEIZURE]
REPORTERS = ("analyst.fr", "analyst.nl", "field.de")


def _user(session: Session, username: str) -> Principal:
    user = session.scalar(select(schema.User).where(schema.User.username == username))
    assert user is not None, username
    return principal_for_user(user)


def write_operation(session: Session, day: date) -> int:
    """Create, run and close the demo's operation; returns its id."""
    hub = _user(session, "coordinator.hub")
    units = session.scalars(
        select(schema.Agency.code).where(schema.Agency.kind == AgencyKind.PASSENGER_INFORMATION_UNIT)
    ).all()
    start = datetime.combine(day, time(0, 0), tzinfo=UTC)
    created = operations.create(
        session,
        hub,
        operations.OperationIn(
            name=f"Airport Action Day {day:%d %B %Y}",
            starts_at=start,
            ends_at=start + timedelta(days=1),
            agencies=list(units),
            crime_areas=[CrimeArea.PAYMENT_CARD_FRAUD, CrimeArea.TERRORISM, CrimeArea.DRUG_TRAFFICKING],
            scope=operations.ScopeIn(airports=AIRPORTS),
        ),
    )
    airline = session.scalar(select(schema.Agency).where(schema.Agency.code == "AIR-AF"))
    if airline is not None:
        desk = Principal(
            airline.id, airline.code, "Air France fraud desk", frozenset({Permission.FRAUD_REPORT})
        )
        fraud.raise_alert(
            session,
            desk,
            fraud.AlertIn(
                carrier="AF",
                record_locator="AFX7Q2",
                origin="CDG",
                destination="TUN",
                departure_date=day,
                reason="ticket bought with card details the issuer reported stolen the same morning",
            ),
        )
    count = 0
    for username in REPORTERS:
        officer = _user(session, username)
        room = operations.room(session, officer, created.id)
        own = [h for h in room.hits if h.traveller is not None][:2]
        for hit in own:
            airport = next(a for a in hit.airports if a in AIRPORTS)
            operations.report_outcome(
                session,
                officer,
                created.id,
                hit.hit_id,
                OUTCOMES[count % len(OUTCOMES)],
                airport,
                "checked at the gate with the airline's security staff",
            )
            count += 1
    operations.close(session, hub, created.id)
    return created.id
