"""A small PNRGOV XML writer for the benchmarks (the project has no XML writer).

It writes what ``formats.pnrgov_xml`` reads, in the shape of the IATA PNRGOV XML
implementation guide 13.1 (``IATA_PNRGOV_NotifRQ``): originator, flight leg, and
per PNR the booking reference, contact, passengers with DOCS, seat, loyalty and
ticket, and the flights. Not a conforming writer: no schema validation.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import quoteattr

from liaison.domain.passenger import Booking, PnrMessage


def _iso(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value is not None else ""


def _attrs(**values: object) -> str:
    return "".join(
        f" {name}={quoteattr(str(value))}" for name, value in values.items() if value not in (None, "")
    )


def write_booking(b: Booking) -> str:
    out = [f"<PNR{_attrs(PNR_CreationDate=_iso(b.created), PNR_TransDate=_iso(b.last_modified))}>"]
    out.append(f'<BookingRefID ID="{b.record_locator}"><CompanyName Code="{b.record_locator_owner or ""}"/>')
    out.append("</BookingRefID>")
    emails, phones = b.contacts.emails, b.contacts.phones
    contact = _attrs(EmailAddress=emails[0] if emails else "", PhoneNumber=phones[0] if phones else "")
    out.append(f"<ContactInfo{contact}/>")
    for t in b.travellers:
        out.append(f"<Passenger{_attrs(RPH=t.reference)}><PassengerName>")
        out.append(
            f"<GivenName>{t.given_names or ''}</GivenName><Surname>{t.surname}</Surname></PassengerName>"
        )
        for ff in t.frequent_flyers:
            out.append(f"<CustLoyalty{_attrs(ProgramID=ff.airline, MembershipID=ff.number)}/>")
        for doc in t.documents:
            birth = t.birth_date.isoformat() if t.birth_date is not None else ""
            gender = t.gender.value if t.gender is not None else ""
            expiry = doc.expiry.isoformat() if doc.expiry is not None else ""
            docs = _attrs(
                DocType=doc.type,
                DocID=doc.number,
                DocIssueCountry=doc.issuing_country,
                PaxNationality=doc.nationality,
                DateOfBirth=birth,
                Gender=gender,
                ExpiryDate=expiry,
            )
            out.append(f'<DOC_SSR SSR_Code="DOCS" Status="HK"><DOCS{docs}/></DOC_SSR>')
        for seat in t.seats:
            place = _attrs(SeatNumber=seat.number, BoardPoint=seat.origin, OffPoint=seat.destination)
            out.append(f"<SeatInfo{place}/>")
        for ticket in t.tickets:
            out.append(f"<TicketDocument{_attrs(TicketDocumentNbr=ticket.number, Type=ticket.type)}>")
            out.append(
                f"<TotalFare{_attrs(Amount=ticket.total, CurrencyCode=ticket.currency)}/></TicketDocument>"
            )
        out.append("</Passenger>")
    for leg in b.itinerary:
        flight = _attrs(
            DepartureDateTime=_iso(leg.departure),
            ArrivalDateTime=_iso(leg.arrival),
            ResBookDesigCode=leg.booking_class,
            Status=leg.status,
            FlightNumber=leg.flight_number,
        )
        out.append(f'<Flight{flight}><DepartureAirport LocationCode="{leg.origin}"/>')
        out.append(
            f'<ArrivalAirport LocationCode="{leg.destination}"/><MarketingAirline Code="{leg.carrier}"/>'
        )
        out.append("</Flight>")
    out.append("</PNR>\n")
    return "".join(out)


def head(message: PnrMessage, count: int) -> str:
    leg = message.flight
    flight = ""
    if leg is not None:
        attrs = _attrs(
            CarrierCode=leg.carrier, FlightNumber=leg.flight_number, DepartureDateTime=_iso(leg.departure)
        )
        flight = (
            f'<FlightLeg{attrs}><DepartureAirport LocationCode="{leg.origin}"/>'
            f'<ArrivalAirport LocationCode="{leg.destination}"/></FlightLeg>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<IATA_PNRGOV_NotifRQ xmlns="http://www.iata.org/IATA/2007/00" Version="13.1"'
        f"{_attrs(EchoToken=message.reference, TimeStamp=_iso(message.prepared))}>"
        f'<Originator AirlineCode="{message.sender or ""}"/>{flight}<PNRs NumberOfPnrs="{count}">\n'
    )


TAIL = "</PNRs></IATA_PNRGOV_NotifRQ>\n"
