"""Booking facts for risk rules, taken from a parsed booking at ingest.

Only what :class:`liaison.criteria.BookingFacts` holds leaves here: no name,
no contact, no free text; a card number only as its BIN.
"""

from __future__ import annotations

from typing import Any

from liaison.criteria import BookingFacts, LegFacts, TravellerFacts
from liaison.criteria.facts import payment_kind
from liaison.domain import passenger
from liaison.domain.cards import masked_card_bin
from liaison.domain.dates import as_utc
from liaison.store import schema


def booking_facts(
    booking: passenger.Booking, flights: list[schema.Flight], carrier: str, changed: dict[str, Any]
) -> BookingFacts:
    return BookingFacts(
        record_locator=booking.record_locator,
        carrier=carrier,
        booked_at=as_utc(booking.created),
        legs=tuple(leg_facts(f) for f in flights),
        travellers=tuple(_traveller(booking, t, i) for i, t in enumerate(booking.travellers)),
        payment_types=frozenset(payment_kind(p.type) for p in booking.payments if p.type),
        card_bins=frozenset(b for b in (masked_card_bin(p.masked_number) for p in booking.payments) if b),
        third_party_payment=any(_third_party(p.payer, booking.travellers) for p in booking.payments),
        travel_agency=booking.travel_agency,
        bags=sum(b.count for b in booking.bags),
        changed=frozenset(k for k in changed if k != "first_version"),
    )


def leg_facts(flight: schema.Flight) -> LegFacts:
    return LegFacts.of(
        flight.origin,
        flight.destination,
        as_utc(flight.scheduled_departure),
        as_utc(flight.scheduled_arrival),
        flight.carrier,
        flight.flight_number,
    )


def _traveller(booking: passenger.Booking, traveller: passenger.Traveller, index: int) -> TravellerFacts:
    issued = tuple(
        day for d in traveller.documents if d.issued is not None and (day := d.issued.to_date()) is not None
    )
    bags = [
        b.count
        for b in booking.bags
        if b.traveller_reference and b.traveller_reference == traveller.reference
    ]
    return TravellerFacts(str(index), issued, sum(bags) if bags else None)


def _third_party(payer: str | None, travellers: tuple[passenger.Traveller, ...]) -> bool:
    """The payer named by the airline is none of the travellers (their surname
    is not part of the payer's name)."""
    if not payer or not payer.strip():
        return False
    words = set(payer.upper().replace("/", " ").replace(",", " ").split())
    return not any(set(t.surname.upper().split()) <= words for t in travellers if t.surname)
