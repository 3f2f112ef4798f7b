"""Every condition type of the rule language on real itineraries (real
airports from airportsdata), with and / or / not and the explanations."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from liaison.criteria import (
    ActiveRule,
    BookingFacts,
    LegFacts,
    NamedList,
    RuleSet,
    TravellerFacts,
    parse_rule,
)
from liaison.criteria.facts import Trip

T0 = datetime(2026, 11, 20, 8, 0)
LISTS = {
    "departure points of concern": NamedList(
        "departure points of concern", "airports", frozenset({"IST", "SAW", "BEY"})
    ),
    "countries of concern": NamedList("countries of concern", "countries", frozenset({"SY", "IQ"})),
    "prepaid card issuers": NamedList("prepaid card issuers", "bins", frozenset({"535522", "4899"})),
}


def leg(origin: str, destination: str, hours: float, duration: float = 3, flight: str = "XX100") -> LegFacts:
    departure = T0 + timedelta(hours=hours)
    return LegFacts.of(
        origin, destination, departure, departure + timedelta(hours=duration), flight[:2], flight[2:]
    )


def booking(*legs: LegFacts, **extra: Any) -> BookingFacts:
    extra.setdefault("travellers", (TravellerFacts("A"),))
    return BookingFacts(record_locator="ABC123", carrier="TK", legs=legs, **extra)


def selects(when: dict[str, Any], facts: BookingFacts) -> bool:
    rule = parse_rule({"name": "test rule", "description": "a test", "when": when}, LISTS)
    return bool(RuleSet([ActiveRule(1, 1, rule)]).evaluate(facts))


# DXB → IST → ATH → FRA: a journey through Istanbul into the Schengen area.
THROUGH_ISTANBUL = booking(leg("DXB", "IST", 0), leg("IST", "ATH", 5), leg("ATH", "FRA", 10))
DXB_IST_ATH = [{"airports": ["DXB"]}, {"airports": ["IST"]}, {"airports": ["ATH"]}]
ROUND_TRIP = booking(leg("FRA", "BEY", 0), leg("BEY", "FRA", 24 * 5))


def test_trip_reads_origin_destination_transits_and_return() -> None:
    trip = Trip(THROUGH_ISTANBUL.legs)
    assert (trip.origin, trip.destination, trip.one_way) == ("DXB", "FRA", True)
    assert trip.transits == {"IST", "ATH"}
    assert {"AE", "TR", "GR", "DE"} <= trip.countries
    back = Trip(ROUND_TRIP.legs)
    assert (back.origin, back.destination, back.one_way) == ("FRA", "BEY", False)
    assert back.transits == frozenset()


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ({"departs_from": {"airports": ["DXB"]}}, True),
        ({"departs_from": {"countries": ["ARE"]}}, True),  # alpha-3 accepted
        ({"departs_from": {"lists": ["departure points of concern"]}}, False),
        ({"arrives_at": {"countries": ["DE"]}}, True),
        ({"arrives_at": {"airports": ["ATH"]}}, False),
        ({"transits": {"lists": ["departure points of concern"]}}, True),
        ({"transits": {"airports": ["FRA"]}}, False),
        ({"visits": {"countries": ["GR"]}}, True),
        ({"route": {"stops": [{"airports": ["DXB"]}, {"countries": ["TR"]}, {"airports": ["ATH"]}]}}, True),
        ({"route": {"stops": [{"airports": ["DXB"]}, {"airports": ["ATH"]}]}}, False),
        ({"route": {"stops": DXB_IST_ATH, "within_hours": 6}}, False),
        ({"route": {"stops": DXB_IST_ATH, "within_hours": 9}}, True),
        ({"one_way": True}, True),
        ({"one_way": False}, False),
    ],
)  # fmt: skip
def test_place_and_route_conditions(when: dict[str, Any], expected: bool) -> None:
    assert selects(when, THROUGH_ISTANBUL) is expected


def test_return_to_origin_within_days() -> None:
    assert selects({"returns_within_days": {"max_days": 7}}, ROUND_TRIP)
    assert not selects({"returns_within_days": {"max_days": 3}}, ROUND_TRIP)
    assert not selects({"returns_within_days": {"max_days": 30}}, THROUGH_ISTANBUL)


def test_time_from_booking_to_departure() -> None:
    late = booking(leg("BEY", "CDG", 0), booked_at=T0 - timedelta(hours=20))
    early = booking(leg("BEY", "CDG", 0), booked_at=T0 - timedelta(days=40))
    unknown = booking(leg("BEY", "CDG", 0))
    when = {"booked_before_departure": {"max_hours": 48}}
    assert selects(when, late)
    assert not selects(when, early)
    assert not selects(when, unknown)  # a missing fact never satisfies a condition
    assert selects({"booked_before_departure": {"min_hours": 24 * 30}}, early)


def test_payment_card_bin_third_party_and_agency() -> None:
    cash = booking(leg("BEY", "CDG", 0), payment_types=frozenset({"cash"}))
    card = booking(
        leg("BEY", "CDG", 0),
        payment_types=frozenset({"card"}),
        card_bins=frozenset({"535522"}),
        third_party_payment=True,
        travel_agency="12345678",
    )
    assert selects({"payment": {"types": ["cash"]}}, cash)
    assert not selects({"payment": {"types": ["cash"]}}, card)
    assert selects({"card_bin": {"lists": ["prepaid card issuers"]}}, card)
    assert selects({"card_bin": {"bins": ["5355"]}}, card)
    assert not selects({"card_bin": {"bins": ["4111"]}}, card)
    assert selects({"paid_by_third_party": True}, card)
    assert not selects({"paid_by_third_party": True}, cash)
    assert selects({"travel_agency": True}, card)
    assert selects({"travel_agency": {"agencies": ["12345678"]}}, card)
    assert not selects({"travel_agency": {"agencies": ["99999999"]}}, card)
    assert not selects({"travel_agency": True}, cash)


def test_group_bags_changes_and_recent_documents() -> None:
    travellers = (
        TravellerFacts("A", documents_issued=(date(2026, 11, 1),), bags=0),
        TravellerFacts("B", documents_issued=(date(2015, 3, 1),), bags=3),
    )
    facts = booking(leg("IST", "CDG", 0), travellers=travellers, bags=3, changed=frozenset({"seats"}))
    assert selects({"group_size": {"min": 2, "max": 4}}, facts)
    assert not selects({"group_size": {"min": 5}}, facts)
    assert selects({"changed_since_last_push": {"fields": ["seats", "legs"]}}, facts)
    assert not selects({"changed_since_last_push": {"fields": ["legs"]}}, facts)
    rule = parse_rule({"name": "n", "description": "d", "when": {"bags": {"min": 2}}})
    hits = RuleSet([ActiveRule(1, 1, rule)]).evaluate(facts)
    assert [h.traveller for h in hits] == [1]  # the traveller with three bags only
    rule = parse_rule(
        {"name": "n", "description": "d", "when": {"document_issued_within_days": {"max_days": 30}}}
    )
    hits = RuleSet([ActiveRule(1, 1, rule)]).evaluate(facts)
    assert [h.traveller for h in hits] == [0]


def test_broken_travel_across_bookings() -> None:
    # DXB→IST on one booking, IST→ATH on another four hours later: one journey.
    first = leg("DXB", "IST", 0)
    second = booking(leg("IST", "ATH", 9), other_legs=(first,))
    assert selects({"broken_travel": {"within_hours": 12}}, second)
    assert not selects({"broken_travel": {"within_hours": 3}}, second)
    assert not selects({"broken_travel": True}, booking(leg("IST", "ATH", 9)))


def test_and_or_not_combine() -> None:
    when = {
        "all": [
            {"departs_from": {"airports": ["DXB"]}},
            {"any": [{"transits": {"airports": ["IST"]}}, {"transits": {"airports": ["DOH"]}}]},
            {"not": {"payment": {"types": ["card"]}}},
        ]
    }
    assert selects(when, THROUGH_ISTANBUL)
    paid_by_card = booking(*THROUGH_ISTANBUL.legs, payment_types=frozenset({"card"}))
    assert not selects(when, paid_by_card)


def test_explanation_lists_each_condition_with_the_booking_values() -> None:
    rule = parse_rule(
        {
            "name": "Through Istanbul into Schengen",
            "description": "journeys from the Gulf changing planes in Istanbul",
            "when": {"all": [{"departs_from": {"countries": ["AE"]}}, {"transits": {"airports": ["IST"]}}]},
        }
    )
    (hit,) = RuleSet([ActiveRule(7, 2, rule)]).evaluate(THROUGH_ISTANBUL)
    explanation = hit.explanation
    assert explanation["rule"] == "Through Istanbul into Schengen"
    assert (explanation["rule_id"], explanation["version"]) == (7, 2)
    first, second = explanation["conditions"]["all"]
    assert first["name"] == "departs from"
    assert first["values"] == {"origin": "DXB"}
    assert first["satisfied"]
    assert second["values"] == {"transits": ["ATH", "IST"]}
    assert "IST" in second["description"]


def test_facts_survive_json() -> None:
    facts = booking(
        *THROUGH_ISTANBUL.legs,
        booked_at=T0 - timedelta(hours=3),
        payment_types=frozenset({"cash"}),
        card_bins=frozenset({"535522"}),
        travellers=(TravellerFacts("A", (date(2026, 1, 2),), 2),),
        changed=frozenset({"legs"}),
    )
    again = BookingFacts.from_dict(facts.to_dict())
    assert again.to_dict() == facts.to_dict()
    assert again.trip.transits == facts.trip.transits


def test_scope_limits_a_rule_to_its_airports_and_flights() -> None:
    definition = parse_rule({"name": "n", "description": "d", "when": {"one_way": True}})
    assert RuleSet([ActiveRule(1, 1, definition, scope_airports=frozenset({"ATH"}))]).evaluate(
        THROUGH_ISTANBUL
    )
    assert not RuleSet([ActiveRule(1, 1, definition, scope_airports=frozenset({"CDG"}))]).evaluate(
        THROUGH_ISTANBUL
    )
    assert RuleSet([ActiveRule(1, 1, definition, scope_flights=frozenset({"XX100"}))]).evaluate(
        THROUGH_ISTANBUL
    )
    assert not RuleSet([ActiveRule(1, 1, definition, scope_flights=frozenset({"LH1"}))]).evaluate(
        THROUGH_ISTANBUL
    )
