"""What risk rules may look at: booking, traveller and itinerary facts.

A deliberately narrow view of a booking. Names, contact details, meal and
assistance requests and free-text remarks are not here at all, so no rule
can be written over them (see :mod:`liaison.criteria.sensitive`). Card
numbers appear only as their BIN (first six digits). Facts travel as JSON
(stored with each booking version for back-testing), hence ``to_dict`` /
``from_dict``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from itertools import pairwise
from typing import Any

from liaison.criteria.places import airport_country

# Two legs connect when the next leaves the same airport within this time.
CONNECTION = timedelta(hours=24)

PAYMENT_KINDS = {
    "CA": "cash",
    "CASH": "cash",
    "CC": "card",
    "CR": "card",
    "DC": "card",
    "CK": "check",
    "MS": "miscellaneous",
    "GR": "government",
    "IN": "invoice",
    "INV": "invoice",
}
PAYMENT_TYPES = frozenset(PAYMENT_KINDS.values()) | {"other"}


def payment_kind(code: str) -> str:
    """The form of payment in plain words (``CA`` → ``cash``)."""
    return PAYMENT_KINDS.get(code.strip().upper(), "other")


@dataclass(frozen=True, slots=True)
class LegFacts:
    """One flight leg; countries are filled from the airport codes."""

    origin: str
    destination: str
    departure: datetime | None = None
    arrival: datetime | None = None
    carrier: str = ""
    flight_number: str = ""
    origin_country: str = ""
    destination_country: str = ""

    @classmethod
    def of(
        cls,
        origin: str,
        destination: str,
        departure: datetime | None = None,
        arrival: datetime | None = None,
        carrier: str = "",
        flight_number: str = "",
    ) -> LegFacts:
        origin, destination = origin.upper(), destination.upper()
        return cls(
            origin,
            destination,
            departure,
            arrival,
            carrier.upper(),
            flight_number,
            airport_country(origin),
            airport_country(destination),
        )

    @property
    def label(self) -> str:
        when = self.departure.strftime("%Y-%m-%d %H:%M") if self.departure else "?"
        return f"{self.carrier}{self.flight_number} {self.origin}-{self.destination} {when}".strip()

    @property
    def ends(self) -> datetime | None:
        return self.arrival or self.departure


@dataclass(frozen=True, slots=True)
class TravellerFacts:
    """What rules may know of one traveller: never the name."""

    key: str = ""
    documents_issued: tuple[date, ...] = ()
    bags: int | None = None


@dataclass(frozen=True)
class BookingFacts:
    """One booking as risk rules see it."""

    record_locator: str = ""
    carrier: str = ""
    booked_at: datetime | None = None
    legs: tuple[LegFacts, ...] = ()
    travellers: tuple[TravellerFacts, ...] = ()
    payment_types: frozenset[str] = frozenset()
    card_bins: frozenset[str] = frozenset()
    third_party_payment: bool = False
    travel_agency: str | None = None
    bags: int = 0
    changed: frozenset[str] = frozenset()
    # The same travellers' legs in their other bookings (broken travel).
    other_legs: tuple[LegFacts, ...] = field(default=())

    @cached_property
    def trip(self) -> Trip:
        return Trip(self.legs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "record_locator": self.record_locator,
            "carrier": self.carrier,
            "booked_at": _iso(self.booked_at),
            "legs": [_leg_dict(leg) for leg in self.legs],
            "travellers": [_traveller_dict(t) for t in self.travellers],
            "payment_types": sorted(self.payment_types),
            "card_bins": sorted(self.card_bins),
            "third_party_payment": self.third_party_payment,
            "travel_agency": self.travel_agency,
            "bags": self.bags,
            "changed": sorted(self.changed),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], other_legs: tuple[LegFacts, ...] = ()) -> BookingFacts:
        return cls(
            record_locator=data.get("record_locator", ""),
            carrier=data.get("carrier", ""),
            booked_at=_parse(data.get("booked_at")),
            legs=tuple(_leg_of(leg) for leg in data.get("legs", ())),
            travellers=tuple(
                TravellerFacts(
                    t.get("key", ""),
                    tuple(date.fromisoformat(d) for d in t.get("documents_issued", ())),
                    t.get("bags"),
                )
                for t in data.get("travellers", ())
            ),
            payment_types=frozenset(data.get("payment_types", ())),
            card_bins=frozenset(data.get("card_bins", ())),
            third_party_payment=bool(data.get("third_party_payment")),
            travel_agency=data.get("travel_agency"),
            bags=int(data.get("bags") or 0),
            changed=frozenset(data.get("changed", ())),
            other_legs=other_legs,
        )


def _traveller_dict(t: TravellerFacts) -> dict[str, Any]:
    return {"key": t.key, "documents_issued": [d.isoformat() for d in t.documents_issued], "bags": t.bags}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _leg_dict(leg: LegFacts) -> dict[str, Any]:
    return {
        "origin": leg.origin,
        "destination": leg.destination,
        "departure": _iso(leg.departure),
        "arrival": _iso(leg.arrival),
        "carrier": leg.carrier,
        "flight_number": leg.flight_number,
    }


def _leg_of(data: dict[str, Any]) -> LegFacts:
    return LegFacts.of(
        data["origin"],
        data["destination"],
        _parse(data.get("departure")),
        _parse(data.get("arrival")),
        data.get("carrier", ""),
        data.get("flight_number", ""),
    )


class Trip:
    """The itinerary read as a journey: origin, turnaround destination,
    transit airports, whether it comes back. Worked out once per booking
    and shared by every rule."""

    __slots__ = (
        "airports",
        "destination",
        "first_departure",
        "legs",
        "one_way",
        "origin",
        "returned_at",
        "transits",
    )

    def __init__(self, legs: tuple[LegFacts, ...]) -> None:
        if len(legs) > 1 and not _in_order(legs):
            legs = tuple(sorted(legs, key=_departure))
        self.legs = legs
        airports = {leg.origin for leg in legs}
        airports.update([leg.destination for leg in legs])
        self.airports: frozenset[str] = frozenset(airports)
        self.first_departure = legs[0].departure if legs else None
        self.origin = legs[0].origin if legs else ""
        transits: set[str] = set()
        longest: tuple[timedelta, str] | None = None
        for before, after in pairwise(legs):
            ends, leaves = before.ends, after.departure
            if ends is None or leaves is None:
                continue
            ground = leaves - ends
            if ground <= CONNECTION and before.destination == after.origin:
                transits.add(before.destination)
            elif longest is None or ground > longest[0]:
                longest = (ground, before.destination)
        comes_back = bool(legs) and legs[-1].destination == self.origin and len(legs) > 1
        self.one_way = not comes_back
        self.returned_at = legs[-1].ends if comes_back else None
        if comes_back and longest is not None:
            self.destination = longest[1]  # the turnaround: the longest stay
        elif comes_back:
            self.destination = legs[0].destination
        else:
            self.destination = legs[-1].destination if legs else ""
        self.transits = frozenset(transits - {self.origin, self.destination})

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(c for leg in self.legs for c in (leg.origin_country, leg.destination_country) if c)


def _departure(leg: LegFacts) -> datetime:
    return leg.departure or datetime.min


def _in_order(legs: tuple[LegFacts, ...]) -> bool:
    """Whether the legs are already in departure order (as airlines send them)."""
    return all(_departure(a) <= _departure(b) for a, b in pairwise(legs))
