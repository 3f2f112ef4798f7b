"""Co-travellers: who travels with whom, how often, and on which flights.

Two persons are tied when they are in the same booking, sit next to each
other on the same flight, or share a contact detail (as keyed hashes). A
tie's strength adds up its occasions: once is chance or a family trip,
again and again is a pattern worth an analyst's look. The network around a
person or a hit is exported as GraphML (Gephi, yEd, i2) or CSV.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

SAME_BOOKING = 1.0
ADJACENT_SEATS = 0.5
SHARED_CONTACT = 0.5


@dataclass(frozen=True, slots=True)
class Appearance:
    """A person on a flight, in a booking, with their seat."""

    person: int
    flight: str  # "TK1951 2026-11-23 IST"
    booking: int | None = None
    seat: str | None = None


@dataclass
class Tie:
    a: int
    b: int
    bookings: set[int] = field(default_factory=set)
    adjacent_on: set[str] = field(default_factory=set)  # flights where they sat side by side
    contacts: int = 0
    flights: set[str] = field(default_factory=set)  # every flight they shared

    @property
    def strength(self) -> float:
        return (
            SAME_BOOKING * len(self.bookings)
            + ADJACENT_SEATS * len(self.adjacent_on)
            + SHARED_CONTACT * min(self.contacts, 1)
        )

    def to_row(self) -> dict[str, object]:
        return {
            "source": self.a,
            "target": self.b,
            "strength": round(self.strength, 2),
            "bookings": len(self.bookings),
            "adjacent_seats": len(self.adjacent_on),
            "shared_contacts": self.contacts,
            "flights": " ".join(sorted(self.flights)),
        }


_SEAT = re.compile(r"^(\d{1,3})([A-K])$")


def adjacent(seat_a: str | None, seat_b: str | None) -> bool:
    """Side by side in one row (12A and 12B); 12C and 12D count, aisles vary."""
    if not seat_a or not seat_b:
        return False
    a, b = _SEAT.match(seat_a.strip().upper()), _SEAT.match(seat_b.strip().upper())
    if a is None or b is None or a.group(1) != b.group(1):
        return False
    return abs(ord(a.group(2)) - ord(b.group(2))) == 1


def ties(
    appearances: Iterable[Appearance], contacts: dict[int, set[str]] | None = None
) -> dict[tuple[int, int], Tie]:
    """Every tie between persons seen together (see the module docstring)."""
    by_flight: dict[str, list[Appearance]] = {}
    for seen in appearances:
        by_flight.setdefault(seen.flight, []).append(seen)
    found: dict[tuple[int, int], Tie] = {}

    def tie(a: int, b: int) -> Tie:
        key = (min(a, b), max(a, b))
        existing = found.get(key)
        if existing is None:
            existing = found[key] = Tie(*key)
        return existing

    for flight, aboard in by_flight.items():
        by_booking: dict[int, list[Appearance]] = {}
        by_row: dict[str, list[Appearance]] = {}
        for seen in aboard:
            if seen.booking is not None:
                by_booking.setdefault(seen.booking, []).append(seen)
            match = _SEAT.match((seen.seat or "").strip().upper())
            if match is not None:
                by_row.setdefault(match.group(1), []).append(seen)
        for booking, together in by_booking.items():
            for i, x in enumerate(together):
                for y in together[i + 1 :]:
                    if x.person != y.person:
                        t = tie(x.person, y.person)
                        t.bookings.add(booking)
                        t.flights.add(flight)
        for row in by_row.values():
            for i, x in enumerate(row):
                for y in row[i + 1 :]:
                    if x.person != y.person and adjacent(x.seat, y.seat):
                        t = tie(x.person, y.person)
                        t.adjacent_on.add(flight)
                        t.flights.add(flight)
    if contacts:
        holders: dict[str, list[int]] = {}
        for person, hashes in contacts.items():
            for value in hashes:
                holders.setdefault(value, []).append(person)
        for people in holders.values():
            if 2 <= len(people) <= 50:  # a travel agency's phone on every booking is no tie
                for i, first in enumerate(people):
                    for second in people[i + 1 :]:
                        tie(first, second).contacts += 1
    return found


def network(
    around: int, all_ties: dict[tuple[int, int], Tie], *, depth: int = 1, min_strength: float = 1.0
) -> list[Tie]:
    """The ties within ``depth`` steps of a person, at least ``min_strength``."""
    strong = [t for t in all_ties.values() if t.strength >= min_strength]
    near: dict[int, list[Tie]] = {}
    for t in strong:
        near.setdefault(t.a, []).append(t)
        near.setdefault(t.b, []).append(t)
    reached, frontier, kept = {around}, {around}, {}
    for _ in range(depth):
        following = set()
        for person in frontier:
            for t in near.get(person, ()):
                kept[(t.a, t.b)] = t
                other = t.b if t.a == person else t.a
                if other not in reached:
                    reached.add(other)
                    following.add(other)
        frontier = following
    return sorted(kept.values(), key=lambda t: (-t.strength, t.a, t.b))


def to_graphml(ties_: list[Tie], labels: dict[int, str] | None = None) -> str:
    """GraphML for analysts' tools: persons as nodes, ties as weighted edges."""
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    for key, target, name, kind in (
        ("label", "node", "label", "string"),
        ("strength", "edge", "strength", "double"),
        ("bookings", "edge", "bookings", "int"),
        ("adjacent_seats", "edge", "adjacent_seats", "int"),
        ("flights", "edge", "flights", "string"),
    ):
        ET.SubElement(root, "key", {"id": key, "for": target, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="co-travellers", edgedefault="undirected")
    nodes = sorted({p for t in ties_ for p in (t.a, t.b)})
    for person in nodes:
        node = ET.SubElement(graph, "node", id=f"p{person}")
        ET.SubElement(node, "data", key="label").text = (labels or {}).get(person, f"person {person}")
    for t in ties_:
        edge = ET.SubElement(graph, "edge", source=f"p{t.a}", target=f"p{t.b}")
        row = t.to_row()
        for key in ("strength", "bookings", "adjacent_seats", "flights"):
            ET.SubElement(edge, "data", key=key).text = str(row[key])
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def to_csv(ties_: list[Tie]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, ["source", "target", "strength", "bookings", "adjacent_seats", "shared_contacts", "flights"]
    )
    writer.writeheader()
    for t in ties_:
        writer.writerow(t.to_row())
    return out.getvalue()
