"""Airline ticket fraud: compromised card numbers from airlines and card
issuers, and airlines' alerts about bookings they believe fraudulent.

A card number is turned into a keyed hash (HMAC with the installation's
secret), its BIN and its last four digits the moment it arrives; the clear
number is never stored, logged or returned. Uploads go to the uploading
agency's own register of compromised cards, shared with the agencies it
names, and a card already there is counted as a duplicate, not stored again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.criteria.places import is_airport
from liaison.domain.cards import fingerprint_card, mask_card_numbers_in_text, normalise_card_number
from liaison.domain.codes import RegisterKind
from liaison.domain.errors import InvalidInput
from liaison.domain.permissions import Permission
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.services.registers import registers
from liaison.services.registers.records import CardInput, RecordInput
from liaison.store import schema

REGISTER_NAME = "Compromised payment cards"
MAX_CARDS = 10_000


class CardsIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    numbers: list[str] = Field(
        min_length=1, max_length=MAX_CARDS, description="card numbers (PAN), never stored"
    )
    scheme: str | None = Field(default=None, max_length=20)
    reported_on: date | None = None
    share_with: list[str] = Field(default_factory=list, max_length=300, description="agency codes")


@dataclass(frozen=True)
class CardsOutcome:
    added: int
    duplicates: int
    rejected: list[int]  # positions of numbers that are no card number (length or check digit)


class AlertIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    carrier: str = Field(min_length=2, max_length=3)
    record_locator: str = Field(min_length=5, max_length=12)
    flight_number: str | None = Field(default=None, max_length=5)
    origin: str | None = Field(default=None, min_length=3, max_length=3)
    destination: str | None = Field(default=None, min_length=3, max_length=3)
    departure_date: date | None = None
    reason: str = Field(
        min_length=3, max_length=2000, description="a card number in it is kept masked (BIN and last four)"
    )


def _register(session: Session, principal: Principal) -> schema.Register:
    found = session.scalar(
        select(schema.Register).where(
            schema.Register.owner_agency_id == principal.agency_id, schema.Register.name == REGISTER_NAME
        )
    )
    if found is not None:
        return found
    return registers.create_register(
        session,
        principal,
        name=REGISTER_NAME,
        kind=RegisterKind.CARDS,
        description="Cards reported compromised by this agency (keyed hashes, BIN and last four only).",
    )


def upload_cards(session: Session, principal: Principal, body: CardsIn, card_key: bytes) -> CardsOutcome:
    principal.require(Permission.FRAUD_REPORT)
    # Reporting fraud writes to the agency's own compromised-card register, and
    # only there: the permission is widened for that register alone.
    writer = replace(principal, permissions=principal.permissions | {Permission.REGISTER_WRITE})
    register = _register(session, writer)
    known = set(
        session.scalars(
            select(schema.CardRecord.card_hash)
            .join(schema.Record, schema.Record.id == schema.CardRecord.record_id)
            .where(schema.Record.register_id == register.id)
        )
    )
    added, duplicates, rejected = 0, 0, []
    for position, number in enumerate(body.numbers):
        try:
            digits = normalise_card_number(number)  # checks length and check digit
        except InvalidInput:
            rejected.append(position)
            continue
        fingerprint = fingerprint_card(digits, card_key)
        if fingerprint.card_hash in known:
            duplicates += 1
            continue
        known.add(fingerprint.card_hash)
        registers.create_record(
            session,
            writer,
            register.id,
            RecordInput(
                reference=f"card-{fingerprint.card_hash[:16]}",
                details=CardInput(number=digits, scheme=body.scheme, reported_on=body.reported_on),
                shared_with=body.share_with,
            ),
            card_key,
            audited=False,
        )
        added += 1
    audit.record(
        session,
        "compromised_cards_uploaded",
        principal=principal,
        object_type="register",
        object_id=register.id,
        detail={"added": added, "duplicates": duplicates, "rejected": len(rejected)},
    )
    return CardsOutcome(added, duplicates, rejected)


def raise_alert(session: Session, principal: Principal, body: AlertIn) -> schema.FraudAlert:
    """An airline's alert about one of its bookings, for the operation rooms."""
    principal.require(Permission.FRAUD_REPORT)
    for name in ("origin", "destination"):
        value = getattr(body, name)
        if value is not None and not is_airport(value):
            raise InvalidInput(f"{name}: {value!r} is not an IATA airport code")
    alert = schema.FraudAlert(
        airline_agency_id=principal.agency_id,
        carrier=body.carrier.upper(),
        record_locator=body.record_locator.upper(),
        flight_number=body.flight_number,
        origin=body.origin.upper() if body.origin else None,
        destination=body.destination.upper() if body.destination else None,
        departure_date=body.departure_date,
        reason=mask_card_numbers_in_text(body.reason),  # every agency of the room reads it
    )
    session.add(alert)
    session.flush()
    audit.record(session, "fraud_alert", principal=principal, object_type="fraud_alert", object_id=alert.id)
    return alert
