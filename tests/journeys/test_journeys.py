"""Journeys from hand-built itineraries, identity resolution on the cases the
issue names, and co-traveller ties with their export."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from xml.etree import ElementTree as ET

from liaison.journeys import (
    Appearance,
    Decision,
    JourneyLeg,
    Person,
    TravellerRecord,
    network,
    resolve,
    ties,
    to_csv,
    to_graphml,
    trips,
)

T0 = datetime(2026, 11, 20, 6, 0)


def leg(
    carrier: str, number: str, origin: str, destination: str, hours: float, booking: int | None
) -> JourneyLeg:
    departure = T0 + timedelta(hours=hours)
    return JourneyLeg(
        carrier, number, origin, destination, departure, departure + timedelta(hours=3), booking
    )


def test_three_bookings_are_one_journey_with_broken_travel_and_a_schengen_entry_at_athens() -> None:
    legs = [
        leg("EK", "121", "DXB", "IST", 0, booking=1),
        leg("TK", "1843", "IST", "ATH", 5, booking=2),
        leg("A3", "402", "ATH", "FRA", 10, booking=3),  # another airline
        leg("TK", "1843", "IST", "ATH", 5, booking=2),  # the same flight pushed again
    ]
    (trip,) = trips(legs)
    assert [x.label.split()[0] for x in trip.legs] == ["EK121", "TK1843", "A3402"]
    assert (trip.origin, trip.destination) == ("DXB", "FRA")
    assert trip.transits == ["IST", "ATH"]
    assert trip.broken_travel
    assert [(c.kind, c.airport) for c in trip.crossings] == [("entry", "ATH")]
    assert trip.to_dict()["bookings"] == [1, 2, 3]


def test_a_stay_splits_trips_and_a_change_of_airport_is_a_gap() -> None:
    legs = [
        leg("AF", "1", "CDG", "JFK", 0, booking=1),
        leg("AF", "2", "JFK", "ORY", 24 * 6, booking=1),  # back six days later, into Orly
        leg("AF", "3", "CDG", "TUN", 24 * 6 + 8, booking=2),  # leaves from CDG the same day
    ]
    first, second = trips(legs)
    assert [(c.kind, c.airport) for c in first.crossings] == [("exit", "CDG")]
    assert second.gaps == ["ORY→CDG"]
    assert [(c.kind, c.airport) for c in second.crossings] == [("entry", "ORY"), ("exit", "CDG")]
    assert not first.broken_travel
    assert second.broken_travel


def _person_of(persons: list[Person], record_id: int) -> int:
    for number, person in enumerate(persons):
        if record_id in person.records:
            return number
    raise AssertionError(record_id)


def test_namesakes_with_different_birth_dates_stay_apart_and_a_typo_is_joined() -> None:
    records = [
        TravellerRecord(1, "SMITH", "JOHN", "1980-04-02", booking=10),
        TravellerRecord(2, "SMITH", "JOHN", "1975-11-30", booking=11),  # another John Smith
        TravellerRecord(3, "SMTIH", "JOHN", "1980-04-02", booking=12),  # the first, with a typo
        TravellerRecord(4, "ABDURAKHMANOV", "MAGOMED", "1985-03-12", booking=13),
        TravellerRecord(5, "ABDURAHMANOV", "MAGHOMED", "1985-03-12", booking=14),  # another romanisation
    ]
    persons = resolve(records)
    assert _person_of(persons, 1) == _person_of(persons, 3)
    assert _person_of(persons, 1) != _person_of(persons, 2)
    assert _person_of(persons, 4) == _person_of(persons, 5)
    joined = next(p for p in persons if 3 in p.records)
    (link,) = joined.links
    assert link.evidence == "name_and_birth_date"
    assert 0.85 <= link.strength < 1.0, "a typo is a weaker link than an exact spelling"


def test_documents_flyer_numbers_and_contacts_link_with_their_evidence() -> None:
    records = [
        TravellerRecord(1, "HADDAD", "KARIM", documents=(("X1234567", "LB"),), booking=1),
        TravellerRecord(2, "HADAD", "KARIM", documents=(("X1234567", None),), booking=2),
        TravellerRecord(3, "HADDAD", "KARIM", frequent_flyers=("TK:55512",), booking=3),
        TravellerRecord(4, "HADDAD", "K", frequent_flyers=("TK:55512",), birth_date="1990-01-02", booking=4),
        TravellerRecord(5, "HADDAD", "LINA", contacts=("h:phone1",), booking=5),
        TravellerRecord(6, "HADDAD", "KARIM", contacts=("h:phone1",), booking=6),
        TravellerRecord(
            7, "OTHER", "PERSON", documents=(("X1234567", "FR"),), booking=7
        ),  # same number, other country
    ]
    persons = resolve(records)
    assert _person_of(persons, 1) == _person_of(persons, 2)
    assert _person_of(persons, 1) != _person_of(persons, 7)
    assert _person_of(persons, 5) != _person_of(persons, 6), "a shared phone alone is a family"
    evidence = {link.evidence for p in persons for link in p.links}
    assert "document" in evidence


def test_analyst_decisions_come_first() -> None:
    records = [
        TravellerRecord(1, "SMITH", "JOHN", "1980-04-02"),
        TravellerRecord(2, "SMITH", "JOHN", "1980-04-02"),
        TravellerRecord(3, "SMYTH", "JON", "1980-04-02"),
        TravellerRecord(4, "JONES", "MARY", "1960-01-01"),
    ]
    split = resolve(records, [Decision(1, 2, same=False)])
    assert _person_of(split, 1) != _person_of(split, 2), "a split is never undone by the links"
    joined = resolve(records, [Decision(1, 4, same=True)])
    assert _person_of(joined, 1) == _person_of(joined, 4)
    assert any(link.evidence == "analyst" for p in joined for link in p.links)


def test_co_travellers_ties_network_and_exports() -> None:
    flights = [f"XX{n} 2026-11-{n:02d} IST" for n in range(1, 4)]
    seen = [
        # 1 and 2 book together three times; 3 sits next to 1 twice on separate bookings.
        *(Appearance(1, f, booking=100 + i, seat=f"{10 + i}A") for i, f in enumerate(flights)),
        *(Appearance(2, f, booking=100 + i, seat=f"{10 + i}B") for i, f in enumerate(flights)),
        Appearance(3, flights[0], booking=200, seat="10B"),
        Appearance(3, flights[1], booking=201, seat="11B"),
        Appearance(4, flights[2], booking=300, seat="30F"),
        Appearance(5, flights[2], booking=301, seat="31F"),  # a row apart: no tie
    ]
    found = ties(seen, contacts={2: {"h:1"}, 4: {"h:1"}})
    assert found[(1, 2)].strength == 3.0 + 0.5 * 3
    assert len(found[(1, 3)].adjacent_on) == 2
    assert (4, 5) not in found
    assert found[(2, 4)].contacts == 1
    around = network(1, found, depth=1, min_strength=1.0)
    assert {(t.a, t.b) for t in around} == {(1, 2), (1, 3)}
    wider = network(1, found, depth=2, min_strength=0.5)
    assert (2, 4) in {(t.a, t.b) for t in wider}
    graph = ET.fromstring(to_graphml(around, {1: "subject"}))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(graph.findall(".//g:node", ns)) == 3
    assert len(graph.findall(".//g:edge", ns)) == 2
    rows = list(csv.DictReader(io.StringIO(to_csv(around))))
    assert rows[0]["source"] == "1"
    assert rows[0]["target"] == "2"
    assert float(rows[0]["strength"]) == 4.5
