"""A person's legs joined into trips: connections, transit airports, Schengen
entries and exits, broken travel and gaps.

Legs come from every booking and manifest of the person; the same flight
pushed three times is one leg. Two legs are one trip when the second leaves
within the connection time of the first's arrival. Leaving from another
airport than the one arrived at (Orly after Charles de Gaulle, a train or a
car between) is a *gap* inside the trip; a trip whose legs come from more
than one booking is *broken travel*.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import pairwise

from liaison.criteria.places import airport_country

CONNECTION = timedelta(hours=24)

# Countries applying the Schengen acquis in full (Bulgaria and Romania since
# 1 January 2025; Croatia since 1 January 2023). Cyprus and Ireland are not.
SCHENGEN = frozenset(
    {
        "AT", "BE", "BG", "CH", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IS",
        "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class JourneyLeg:
    """One flown leg of a person, with where it came from."""

    carrier: str
    flight_number: str
    origin: str
    destination: str
    departure: datetime
    arrival: datetime | None = None
    booking: int | None = None  # None: known from an API manifest only
    seat: str | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.carrier, self.flight_number, self.departure.date().isoformat(), self.origin)

    @property
    def ends(self) -> datetime:
        return self.arrival or self.departure

    @property
    def label(self) -> str:
        flight = f"{self.carrier}{self.flight_number}"
        return f"{flight} {self.origin}-{self.destination} {self.departure:%Y-%m-%d %H:%M}"


@dataclass(frozen=True, slots=True)
class Crossing:
    """Entering or leaving the Schengen area at an airport."""

    kind: str  # "entry" or "exit"
    airport: str
    at: datetime
    leg: str


@dataclass
class Trip:
    legs: list[JourneyLeg]
    transits: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # "CDG→ORY"
    crossings: list[Crossing] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return self.legs[0].origin

    @property
    def destination(self) -> str:
        return self.legs[-1].destination

    @property
    def bookings(self) -> set[int]:
        return {leg.booking for leg in self.legs if leg.booking is not None}

    @property
    def broken_travel(self) -> bool:
        """One trip booked as several bookings."""
        return len(self.bookings) > 1

    def to_dict(self) -> dict[str, object]:
        return {
            "origin": self.origin,
            "destination": self.destination,
            "departure": self.legs[0].departure.isoformat(),
            "arrival": self.legs[-1].ends.isoformat(),
            "legs": [leg.label for leg in self.legs],
            "transits": self.transits,
            "gaps": self.gaps,
            "broken_travel": self.broken_travel,
            "bookings": sorted(self.bookings),
            "schengen": [
                {"kind": c.kind, "airport": c.airport, "at": c.at.isoformat(), "leg": c.leg}
                for c in self.crossings
            ],
        }


def distinct_legs(legs: Iterable[JourneyLeg]) -> list[JourneyLeg]:
    """Each flight once (pushes repeat it), the booked version preferred over
    the manifest's, in time order."""
    chosen: dict[tuple[str, str, str, str], JourneyLeg] = {}
    for leg in legs:
        found = chosen.get(leg.key)
        if found is None or (found.booking is None and leg.booking is not None):
            chosen[leg.key] = leg
    return sorted(chosen.values(), key=lambda leg: leg.departure)


def in_schengen(airport: str) -> bool:
    return airport_country(airport) in SCHENGEN


def trips(legs: Iterable[JourneyLeg], connection: timedelta = CONNECTION) -> list[Trip]:
    """The person's legs joined into trips (see the module docstring)."""
    ordered = distinct_legs(legs)
    if not ordered:
        return []
    out = [Trip([ordered[0]])]
    for before, after in pairwise(ordered):
        ground = after.departure - before.ends
        trip = out[-1]
        if timedelta(0) <= ground <= connection:
            if before.destination == after.origin:
                trip.transits.append(before.destination)
            else:
                trip.gaps.append(f"{before.destination}→{after.origin}")
            trip.legs.append(after)
        else:
            out.append(Trip([after]))
    for trip in out:
        trip.crossings = _crossings(trip.legs)
    return out


def _crossings(legs: list[JourneyLeg]) -> list[Crossing]:
    """A flight from outside into the area is an entry at its arrival airport;
    a flight out of it an exit at its departure airport."""
    crossings = []
    for leg in legs:
        inside_before, inside_after = in_schengen(leg.origin), in_schengen(leg.destination)
        if not inside_before and inside_after:
            crossings.append(Crossing("entry", leg.destination, leg.ends, leg.label))
        elif inside_before and not inside_after:
            crossings.append(Crossing("exit", leg.origin, leg.departure, leg.label))
    return crossings
