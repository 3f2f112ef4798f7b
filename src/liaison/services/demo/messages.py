"""The demo day as airlines send it: one PNRGOV and one PAXLST push per flight,
written with the project's own writers so the demo flows through the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pycountry

from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Booking, Document, Leg, PaxlstMessage, PnrMessage, Seat, Traveller
from liaison.formats import write_paxlst, write_pnrgov
from liaison.services.demo.world import DemoBooking, DemoFlight, DemoTraveller, DemoWorld


@dataclass(frozen=True)
class Push:
    """One message an airline pushes to one passenger information unit."""

    receiving_agency: str
    body: bytes


def _alpha3(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return str(country.alpha_3) if country is not None else code


def _naive(moment: datetime) -> datetime:
    """EDIFACT carries local times without a zone; the demo's times are UTC."""
    return moment.replace(tzinfo=None)


def _leg(flight: DemoFlight) -> Leg:
    return Leg(
        flight.carrier,
        flight.number,
        flight.origin,
        flight.destination,
        _naive(flight.departure),
        _naive(flight.arrival),
    )


def _traveller(person: DemoTraveller, seat: str | None, leg: Leg) -> Traveller:
    country = _alpha3(person.document_country)
    return Traveller(
        surname=person.surname,
        given_names=person.given_names,
        reference=person.reference,
        birth_date=PartialDate.parse(person.birth_date),
        gender=person.gender,
        nationality=_alpha3(person.nationality),
        documents=(
            Document(
                "DOCS",
                person.document_type,
                person.document_number,
                country,
                nationality=_alpha3(person.nationality),
                expiry=PartialDate.from_date(person.document_expiry),
            ),
        ),
        seats=(Seat(seat, leg.origin, leg.destination),) if seat else (),
    )


def pushes(world: DemoWorld) -> list[Push]:
    """PNRGOV 24 hours before departure, then PAXLST at check-in, flight by flight."""
    flights = {f.key: f for f in world.flights}
    by_flight: dict[tuple[str, str], list[DemoBooking]] = {}
    for booking in world.bookings:
        by_flight.setdefault(booking.flights[0], []).append(booking)
    out: list[Push] = []
    for number, (key, bookings) in enumerate(sorted(by_flight.items()), start=1):
        flight = flights[key]
        leg = _leg(flight)
        receiving = bookings[0].receiving_agency
        pnrs = []
        seats: dict[str, str] = {}
        row = 3
        for booking in bookings:
            for index, person in enumerate(booking.travellers):
                seats[person.reference] = f"{row}{'ABCDEF'[index % 6]}"
            row += 1
            pnrs.append(
                Booking(
                    record_locator=booking.record_locator,
                    record_locator_owner=booking.carrier,
                    created=_naive(booking.booked_at),
                    itinerary=tuple(_leg(flights[k]) for k in booking.flights),
                    travellers=tuple(_traveller(p, seats[p.reference], leg) for p in booking.travellers),
                )
            )
        prepared = _naive(flight.departure - timedelta(hours=24))
        out.append(
            Push(
                receiving,
                write_pnrgov(
                    PnrMessage(
                        sender=flight.carrier,
                        reference=f"P{number:05d}",
                        interchange_reference=f"PNR{world.seed % 100000:05d}{number:05d}",
                        recipient=receiving.replace("-", ""),
                        prepared=prepared,
                        flight=leg,
                        bookings=tuple(pnrs),
                    )
                ),
            )
        )
        passengers = tuple(_traveller(p, None, leg) for b in bookings for p in b.travellers)
        out.append(
            Push(
                receiving,
                write_paxlst(
                    PaxlstMessage(
                        sender=flight.carrier,
                        reference=f"A{number:05d}",
                        interchange_reference=f"API{world.seed % 100000:05d}{number:05d}",
                        recipient=receiving.replace("-", ""),
                        prepared=_naive(flight.departure - timedelta(hours=1)),
                        legs=(leg,),
                        travellers=passengers,
                    )
                ),
            )
        )
    return out
