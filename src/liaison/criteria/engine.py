"""Evaluate many active rules against bookings, fast, with explanations.

Most rules name places (departure points, destinations, routes), and a
booking touches only a few airports, so the rule set is indexed by the
places each rule needs: a booking is tested only against the rules its
airports and countries can satisfy, plus the few rules that name no place.
The explanation (every condition with the booking values it looked at) is
built only for rules that fire. Rules are fixed data here: no learning, no
weights, the same booking always gives the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from liaison.criteria.facts import BookingFacts, TravellerFacts
from liaison.criteria.language import RuleDefinition

PLACES_CACHE = 20_000


@dataclass(frozen=True)
class ActiveRule:
    """One approved rule version in force, with what it applies to."""

    rule_id: int
    version: int
    definition: RuleDefinition
    # Applies only to bookings touching these airports / flying these flights
    # ("TK1591") when given; empty means everywhere.
    scope_airports: frozenset[str] = frozenset()
    scope_flights: frozenset[str] = frozenset()
    valid_from: datetime | None = None
    valid_until: datetime | None = None

    @property
    def ref(self) -> str:
        """Stable across versions: a hit stays one hit when the rule is revised."""
        return f"rule:{self.rule_id}"

    def in_force(self, at: datetime | None) -> bool:
        if at is None or (self.valid_from is None and self.valid_until is None):
            return True
        return (self.valid_from is None or self.valid_from <= at) and (
            self.valid_until is None or at < self.valid_until
        )

    def in_scope(self, booking: BookingFacts) -> bool:
        if not self.scope_airports and not self.scope_flights:
            return True
        if self.scope_airports and self.scope_airports.isdisjoint(booking.trip.airports):
            return False
        flights = self.scope_flights
        return not flights or any(f"{leg.carrier}{leg.flight_number}" in flights for leg in booking.legs)


@dataclass(frozen=True)
class RuleHit:
    """A rule selected a traveller of a booking (index into ``booking.travellers``)."""

    rule: ActiveRule
    traveller: int
    explanation: dict[str, Any]


def explain(
    rule: ActiveRule,
    booking: BookingFacts,
    traveller: TravellerFacts | None,
    summary: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Why the rule selected (or did not select) this traveller: each
    condition with the booking values that satisfied it or not. ``summary``
    is :func:`booking_summary` of the booking, when the caller has it."""
    tree = rule.definition.when.explain(booking, traveller)
    return {
        "kind": "rule",
        "rule": rule.definition.name,
        "rule_id": rule.rule_id,
        "version": rule.version,
        "description": rule.definition.description,
        "conditions": tree,
        "booking": booking_summary(booking) if summary is None else summary,
    }


def booking_summary(booking: BookingFacts) -> dict[str, Any]:
    """The booking as evaluated, in an explanation (shared by all its hits)."""
    return {
        "record_locator": booking.record_locator,
        "legs": [leg.label for leg in booking.trip.legs],
        "origin": booking.trip.origin,
        "destination": booking.trip.destination,
    }


class RuleSet:
    """Active rules compiled for evaluation (see the module docstring)."""

    def __init__(self, rules: Iterable[ActiveRule]) -> None:
        self.rules = tuple(rules)
        # Per rule, compiled once: its predicate and whether it looks at travellers.
        self._compiled = [
            (
                r,
                r.definition.when.compile(),
                r.definition.when.traveller_level,
                bool(r.scope_airports or r.scope_flights or r.valid_from or r.valid_until),
            )
            for r in self.rules
        ]
        # Bookings of one unit fly a few routes over and over: the rules a set of
        # airports can satisfy is remembered (bounded).
        self._by_places: dict[frozenset[str], list[int]] = {}
        self._by_airport: dict[str, list[int]] = {}
        self._everywhere: list[int] = []
        for number, rule in enumerate(self.rules):
            places = rule.definition.when.places()
            if places is None:
                self._everywhere.append(number)
                continue
            for airport in places.codes:  # a country's airports included
                self._by_airport.setdefault(airport, []).append(number)

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def needs_other_bookings(self) -> bool:
        """Whether any rule looks at the travellers' other bookings (broken
        travel), which costs a query the other rules do not need."""
        return any(c.kind == "broken_travel" for r in self.rules for c in r.definition.leaves())

    def _numbers(self, booking: BookingFacts) -> list[int]:
        airports = booking.trip.airports
        known = self._by_places.get(airports)
        if known is not None:
            return known
        numbers = set(self._everywhere)
        by_airport = self._by_airport
        for airport in airports:
            found = by_airport.get(airport)
            if found is not None:
                numbers.update(found)
        ordered = sorted(numbers)
        if len(self._by_places) >= PLACES_CACHE:
            self._by_places.clear()
        self._by_places[airports] = ordered
        return ordered

    def candidates(self, booking: BookingFacts) -> list[ActiveRule]:
        """The rules this booking's places can satisfy, in rule order."""
        return [self.rules[n] for n in self._numbers(booking)]

    def evaluate(self, booking: BookingFacts, at: datetime | None = None) -> list[RuleHit]:
        """Every (rule, traveller) the rules in force ``at`` select in this booking."""
        hits: list[RuleHit] = []
        travellers = booking.travellers or (TravellerFacts(),)
        compiled = self._compiled
        summary: dict[str, Any] | None = None
        for number in self._numbers(booking):
            rule, test, per_traveller, restricted = compiled[number]
            if restricted and not (rule.in_force(at) and rule.in_scope(booking)):
                continue
            if not per_traveller:
                if test(booking, None):
                    summary = summary or booking_summary(booking)
                    explanation = explain(rule, booking, None, summary)
                    hits.extend(RuleHit(rule, i, explanation) for i in range(len(travellers)))
                continue
            for i, traveller in enumerate(travellers):
                if test(booking, traveller):
                    summary = summary or booking_summary(booking)
                    hits.append(RuleHit(rule, i, explain(rule, booking, traveller, summary)))
        return hits

    def selects(self, booking: BookingFacts) -> int:
        """How many (rule, traveller) pairs fire, without explanations (back-testing)."""
        count = 0
        travellers = booking.travellers or (TravellerFacts(),)
        compiled = self._compiled
        for number in self._numbers(booking):
            rule, test, per_traveller, restricted = compiled[number]
            if restricted and not rule.in_scope(booking):
                continue
            if per_traveller:
                count += sum(1 for t in travellers if test(booking, t))
            elif test(booking, None):
                count += len(travellers)
        return count
