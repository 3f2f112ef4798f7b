"""Small PNRGOV XML notifications in the shapes airlines send (IATA_PNRGOV_NotifRQ 13.1-16.1),
written for the tests."""

from __future__ import annotations

NS = "http://www.iata.org/IATA/2007/00"


def notification(*pnrs: str, count: int | None = None, prefix: str = "", version: str = "15.1") -> bytes:
    """A notification for XA 123 CDG-JFK holding ``pnrs`` (the PNR elements' inner XML)."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{NS}"' if prefix else f'xmlns="{NS}"'
    number = f' NumberOfPnrs="{count if count is not None else len(pnrs)}"'
    body = "".join(f"<{p}PNR>{pnr}</{p}PNR>" for pnr in pnrs)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<{p}IATA_PNRGOV_NotifRQ {xmlns} Version="{version}" EchoToken="N1" TimeStamp="2024-03-01T10:15:00">'
        f'<{p}Originator AirlineCode="XA" SystemCode="1A"/>'
        f'<{p}FlightLeg CarrierCode="XA" FlightNumber="123" DepartureDateTime="2024-03-02T09:30:00">'
        f'<{p}DepartureAirport LocationCode="CDG"/><{p}ArrivalAirport LocationCode="JFK"/></{p}FlightLeg>'
        f"<{p}PNRs{number}>{body}</{p}PNRs></{p}IATA_PNRGOV_NotifRQ>"
    ).encode()


def passenger(rph: str, surname: str, given: str, inner: str = "", extra: str = "") -> str:
    return (
        f'<Passenger RPH="{rph}" PassengerTypeCode="ADT"{extra}>'
        f"<PassengerName><GivenName>{given}</GivenName><Surname>{surname}</Surname></PassengerName>"
        f"{inner}</Passenger>"
    )


FLIGHT = (
    '<Flight RPH="1" FlightNumber="123" DepartureDateTime="2024-03-02T09:30:00" ResBookDesigCode="Y">'
    '<DepartureAirport LocationCode="CDG"/><ArrivalAirport LocationCode="JFK"/>'
    '<MarketingAirline Code="XA"/></Flight>'
)
SECOND_FLIGHT = (
    '<Flight RPH="2" FlightNumber="456" DepartureDateTime="2024-03-05T18:00:00">'
    '<DepartureAirport LocationCode="JFK"/><ArrivalAirport LocationCode="YVR"/>'
    '<MarketingAirline Code="XA"/></Flight>'
)


def ref(locator: str, owner: str = "XA") -> str:
    return f'<BookingRefID ID="{locator}" Type="14"><CompanyName Code="{owner}"/></BookingRefID>'
