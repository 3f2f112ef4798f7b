"""Booking facts for risk rules, as ingest takes them from a parsed booking:
nothing identifying, a card only as its BIN."""

from __future__ import annotations

import json
from datetime import date, datetime

from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Bag, Booking, Document, Leg, Payment, Traveller
from liaison.services.criteria.facts import booking_facts
from liaison.store.schema import Flight


def _flight() -> Flight:
    return Flight(
        carrier="TK",
        flight_number="1951",
        origin="IST",
        destination="AMS",
        departure_date=date(2026, 11, 23),
        scheduled_departure=datetime(2026, 11, 23, 10, 0),
        scheduled_arrival=datetime(2026, 11, 23, 13, 0),
    )


def test_facts_hold_patterns_not_identities() -> None:
    karim = Traveller(
        surname="HADDAD",
        given_names="KARIM",
        reference="1",
        documents=(Document("DOCS", "P", "X1234567", "LBN", issued=PartialDate(2026, 11, 1)),),
    )
    lina = Traveller(surname="HADDAD", given_names="LINA", reference="2")
    booking = Booking(
        record_locator="ABC123",
        created=datetime(2026, 11, 22, 18, 0),
        travel_agency="12345678",
        itinerary=(Leg("TK", "1951", "IST", "AMS", datetime(2026, 11, 23, 10, 0)),),
        travellers=(karim, lina),
        payments=(
            Payment("CC", masked_number="535522XXXXXX0042", payer="NOUR TRADING LLC"),
            Payment("CA", payer="KARIM HADDAD"),
        ),
        bags=(Bag(2, traveller_reference="1"), Bag(1, traveller_reference="2")),
    )
    facts = booking_facts(booking, [_flight()], "TK", {"seats": {"added": ["x"]}})
    assert facts.payment_types == {"card", "cash"}
    assert facts.card_bins == {"535522"}
    assert facts.third_party_payment, "a company paid for the family"
    assert facts.travel_agency == "12345678"
    assert facts.bags == 3
    assert [t.bags for t in facts.travellers] == [2, 1]
    assert facts.travellers[0].documents_issued == (date(2026, 11, 1),)
    assert facts.changed == {"seats"}
    assert facts.trip.origin == "IST"
    assert facts.trip.destination == "AMS"
    stored = json.dumps(facts.to_dict())
    for identifying in ("HADDAD", "KARIM", "X1234567", "NOUR", "0042"):
        assert identifying not in stored


def test_a_traveller_paying_is_not_a_third_party() -> None:
    booking = Booking(
        record_locator="ABC124",
        travellers=(Traveller(surname="DE VRIES", given_names="SANNE", reference="1"),),
        payments=(Payment("CC", masked_number="453957XXXXXX1486", payer="SANNE DE VRIES"),),
    )
    assert not booking_facts(booking, [], "KL", {"first_version": True}).third_party_payment
