"""PNRGOV XML (``IATA_PNRGOV_NotifRQ``, XML implementation guide 13.1 to 16.1).

Read into the same domain objects as the EDIFACT reader. Parsed with
``defusedxml`` (no entity expansion, no external entities: the input comes
from outside). Namespaces are ignored, because airlines send the schema
namespace of their guide version, or none. Element and attribute names follow
the guide: ``Originator``, ``FlightLeg``, ``PNRs/PNR`` with ``BookingRefID``,
``POS``, ``ContactInfo``, ``Passenger`` (``Surname``/``GivenName`` directly or in
``PassengerName``, ``CustLoyalty``, ``DOC_SSR/DOCS|DOCO|DOCA``, ``SeatInfo``,
``TicketDocument`` with ``TotalFare`` and ``PaymentInfo``) and ``Flight``
(``DepartureAirport``, ``ArrivalAirport``, ``MarketingAirline``,
``OperatingAirline``). Each PNR is read on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XmlParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from liaison.domain.codes import Gender, MessageFormat
from liaison.domain.dates import PartialDate
from liaison.domain.errors import InvalidInput
from liaison.domain.passenger import (
    Address,
    Booking,
    Codeshare,
    Contacts,
    Document,
    FrequentFlyer,
    Leg,
    Payment,
    PnrMessage,
    Seat,
    Ticket,
    Traveller,
    mask_card_number,
)
from liaison.formats.errors import ParseError
from liaison.formats.result import ReadResult
from liaison.formats.values import gender as read_gender
from liaison.formats.values import split_title


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: Element, name: str) -> list[Element]:
    return [c for c in el if _local(c.tag) == name]


def _child(el: Element, name: str) -> Element | None:
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _descendants(el: Element, name: str) -> list[Element]:
    return [c for c in el.iter() if _local(c.tag) == name]


def _attr(el: Element | None, *names: str) -> str | None:
    if el is None:
        return None
    for n in names:
        v = el.get(n)
        if v is not None and v.strip():
            return v.strip()
    return None


def _text(el: Element | None) -> str | None:
    if el is None or el.text is None:
        return None
    return el.text.strip() or None


def _dt(value: str | None, where: str) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        raise ParseError(f"{value!r} is not an ISO 8601 date-time", element=where) from None


def _pd(value: str | None, where: str) -> PartialDate | None:
    if not value:
        return None
    try:
        return PartialDate.parse(value[:10])
    except (InvalidInput, ValueError):
        raise ParseError(f"{value!r} is not an ISO 8601 date", element=where) from None


def _leg(el: Element, where: str) -> Leg:
    marketing = _child(el, "MarketingAirline")
    operating = _child(el, "OperatingAirline")
    carrier = _attr(marketing, "Code") or _attr(el, "CarrierCode") or _attr(operating, "Code")
    if carrier is None:
        raise ParseError("the flight has no carrier (MarketingAirline/@Code)", element=where)
    op_code = _attr(operating, "Code")
    op_number = _attr(operating, "FlightNumber")
    number = _attr(el, "FlightNumber") or _attr(marketing, "FlightNumber") or op_number or ""
    if op_code == carrier and op_number == number:
        op_code = op_number = None
    return Leg(
        carrier=carrier,
        flight_number=number,
        origin=_attr(_child(el, "DepartureAirport"), "LocationCode") or "",
        destination=_attr(_child(el, "ArrivalAirport"), "LocationCode") or "",
        departure=_dt(_attr(el, "DepartureDateTime"), f"{where}/@DepartureDateTime"),
        arrival=_dt(_attr(el, "ArrivalDateTime"), f"{where}/@ArrivalDateTime"),
        operating_carrier=op_code,
        operating_flight_number=op_number if op_code else None,
        booking_class=_attr(el, "ResBookDesigCode"),
        status=_attr(el, "Status"),
    )


def _address(el: Element, kind: str | None) -> Address | None:
    street = _text(_child(el, "AddressLine")) or _attr(el, "Address")
    city = _text(_child(el, "CityName")) or _attr(el, "CityName")
    state = _text(_child(el, "StateProv")) or _attr(el, "StateProvCounty")
    postal = _text(_child(el, "PostalCode")) or _attr(el, "PostalCode")
    country_el = _child(el, "CountryName")
    country = _attr(country_el, "Code") or _text(country_el) or _attr(el, "Country")
    if not any((street, city, state, postal, country)):
        return None
    return Address(kind, street, city, state, postal, country)


def _traveller(p: Element, where: str, payments: list[Payment]) -> Traveller:
    found = _child(p, "PassengerName")
    name_el = found if found is not None else p
    surname = _text(_child(name_el, "Surname"))
    if surname is None:
        raise ParseError("the passenger has no Surname", element=f"{where}/Surname")
    given_raw = _text(_child(name_el, "GivenName")) or ""
    name = split_title(given_raw)
    title = _text(_child(name_el, "NamePrefix")) or name.title
    ref = _attr(p, "RPH", "SurnameRefNumber")
    birth: PartialDate | None = _pd(_attr(p, "BirthDate"), f"{where}/@BirthDate")
    sex: Gender | None = None
    nationality: str | None = None
    docs: list[Document] = []
    addresses: list[Address] = []
    for i, ssr in enumerate(_children(p, "DOC_SSR"), start=1):
        w = f"{where}/DOC_SSR[{i}]"
        docs_el = _child(ssr, "DOCS")
        if docs_el is not None:
            birth = birth or _pd(_attr(docs_el, "DateOfBirth"), f"{w}/DOCS/@DateOfBirth")
            try:
                g, _infant = read_gender(_attr(docs_el, "Gender") or "")
            except ValueError as exc:
                raise ParseError(str(exc), element=f"{w}/DOCS/@Gender") from None
            sex = sex or g
            nat = _attr(docs_el, "PaxNationality")
            nationality = nationality or nat
            number = _attr(docs_el, "DocID", "TravelDocNbr")
            if number or _attr(docs_el, "DocType"):
                docs.append(
                    Document(
                        kind="DOCS",
                        type=_attr(docs_el, "DocType"),
                        number=number,
                        issuing_country=_attr(docs_el, "DocIssueCountry", "IssuingLoc"),
                        nationality=nat,
                        expiry=_pd(_attr(docs_el, "ExpiryDate"), f"{w}/DOCS/@ExpiryDate"),
                    )
                )
        doco = _child(ssr, "DOCO")
        if doco is not None:
            docs.append(
                Document(
                    kind="DOCO",
                    type=_attr(doco, "TravelDocType"),
                    number=_attr(doco, "TravelDocNbr"),
                    issuing_country=_attr(doco, "CountryState"),
                    place_of_issue=_attr(doco, "PlaceOfIssue"),
                    issued=_pd(_attr(doco, "DateOfIssue"), f"{w}/DOCO/@DateOfIssue"),
                )
            )
        doca = _child(ssr, "DOCA")
        if doca is not None:
            a = _address(doca, _attr(doca, "AddressType"))
            if a is not None:
                addresses.append(a)
    seats = tuple(
        Seat(n, _attr(s, "BoardPoint"), _attr(s, "OffPoint"))
        for s in _descendants(p, "SeatInfo")
        if (n := _attr(s, "SeatNumber", "Number")) is not None
    )
    ffs = tuple(
        FrequentFlyer(_attr(c, "ProgramID") or "", m, _attr(c, "LoyalLevel"))
        for c in _children(p, "CustLoyalty")
        if (m := _attr(c, "MembershipID")) is not None
    )
    tickets: list[Ticket] = []
    for tdoc in _children(p, "TicketDocument"):
        fare = _child(tdoc, "TotalFare")
        number = _attr(tdoc, "TicketDocumentNbr")
        if number:
            tickets.append(
                Ticket(number, _attr(tdoc, "Type"), _attr(fare, "Amount"), _attr(fare, "CurrencyCode"))
            )
        for pay in _children(tdoc, "PaymentInfo"):
            account = _attr(pay, "AccountNbr")
            expiry = _attr(pay, "ExpiryDate") or ""
            exp = (
                PartialDate(2000 + int(expiry[2:4]), int(expiry[:2]))
                if len(expiry) == 4 and expiry.isdigit() and 1 <= int(expiry[:2]) <= 12
                else None
            )
            payments.append(
                Payment(
                    type=_attr(pay, "PaymentType") or "",
                    card_type=_attr(pay, "VendorCode"),
                    masked_number=mask_card_number(account) if account else None,
                    expiry=exp,
                    amount=_attr(pay, "PaymentAmount") or _attr(fare, "Amount"),
                    currency=_attr(pay, "CurrencyCode") or _attr(fare, "CurrencyCode"),
                    traveller_reference=ref,
                )
            )
    ptype = _attr(p, "PassengerTypeCode")
    return Traveller(
        surname=" ".join(surname.upper().split()),
        given_names=name.given,
        reference=ref,
        title=title,
        passenger_type=ptype,
        is_infant=ptype in ("IN", "INF"),
        birth_date=birth,
        gender=sex,
        nationality=nationality,
        documents=tuple(docs),
        seats=seats,
        addresses=tuple(addresses),
        frequent_flyers=ffs,
        tickets=tuple(tickets),
        name_as_sent=f"{surname}/{given_raw}" if given_raw else surname,
    )


def _booking(pnr: Element, where: str) -> Booking:
    ref = _child(pnr, "BookingRefID")
    locator = _attr(ref, "ID")
    if locator is None:
        raise ParseError("the PNR has no BookingRefID/@ID", element=f"{where}/BookingRefID")
    owner = _attr(_child(ref, "CompanyName") if ref is not None else None, "Code")
    emails: list[str] = []
    phones: list[str] = []
    addresses: list[Address] = []
    for c in _children(pnr, "ContactInfo"):
        if (e := _attr(c, "EmailAddress")) is not None:
            emails.append(e)
        if (ph := _attr(c, "PhoneNumber")) is not None and ph != "-":
            phones.append(ph)
        if (a := _address(c, None)) is not None:
            addresses.append(a)
    payments: list[Payment] = []
    travellers = tuple(
        _traveller(p, f"{where}/Passenger[{i}]", payments)
        for i, p in enumerate(_children(pnr, "Passenger"), start=1)
    )
    legs = tuple(_leg(f, f"{where}/Flight[{i}]") for i, f in enumerate(_children(pnr, "Flight"), start=1))
    return Booking(
        record_locator=locator,
        record_locator_owner=owner,
        created=_dt(_attr(pnr, "PNR_CreationDate"), f"{where}/@PNR_CreationDate"),
        last_modified=_dt(_attr(pnr, "PNR_TransDate"), f"{where}/@PNR_TransDate"),
        itinerary=legs,
        travellers=travellers,
        contacts=Contacts(tuple(dict.fromkeys(emails)), tuple(dict.fromkeys(phones)), tuple(addresses)),
        payments=tuple(payments),
        codeshares=tuple(
            Codeshare(
                f"{leg.carrier}{leg.flight_number}",
                f"{leg.operating_carrier}{leg.operating_flight_number or ''}",
            )
            for leg in legs
            if leg.operating_carrier and leg.operating_carrier != leg.carrier
        ),
    )


def iter_pnrgov_xml(data: bytes, chunk: int = 500) -> Iterator[PnrMessage | ParseError]:
    """The streaming form of ``read_pnrgov_xml`` (see ``formats.iter_message_bytes``)."""
    result = read_pnrgov_xml(data)
    yield from result.messages
    yield from result.errors


def read_pnrgov_xml(data: bytes) -> ReadResult[PnrMessage]:
    """Read one ``IATA_PNRGOV_NotifRQ`` document (or several inside a wrapper)."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except (XmlParseError, DefusedXmlException, ValueError, LookupError) as exc:
        return ReadResult((), (ParseError(f"not well-formed or unsafe XML: {exc}"),))
    roots = [root] if _local(root.tag) == "IATA_PNRGOV_NotifRQ" else _descendants(root, "IATA_PNRGOV_NotifRQ")
    if not roots:
        return ReadResult((), (ParseError(f"root element is {_local(root.tag)!r}, not IATA_PNRGOV_NotifRQ"),))
    messages: list[PnrMessage] = []
    errors: list[ParseError] = []
    for n, notif in enumerate(roots, start=1):
        reference = _attr(notif, "EchoToken", "TransactionIdentifier") or str(n)
        originator = _child(notif, "Originator")
        flight_el = _child(notif, "FlightLeg")
        try:
            flight = _leg(flight_el, "FlightLeg") if flight_el is not None else None
        except ParseError as exc:
            errors.append(exc.located(reference=reference, tag="FlightLeg"))
            continue
        bookings: list[Booking] = []
        pnrs = _child(notif, "PNRs")
        for i, pnr in enumerate(_children(pnrs, "PNR") if pnrs is not None else [], start=1):
            try:
                bookings.append(_booking(pnr, f"PNRs/PNR[{i}]"))
            except ParseError as exc:
                errors.append(exc.located(reference=reference, tag="PNR", segment_index=i - 1))
        ts = _attr(notif, "TimeStamp")
        try:
            prepared = _dt(ts, "@TimeStamp")
        except ParseError:
            prepared = None
        messages.append(
            PnrMessage(
                sender=_attr(originator, "AirlineCode"),
                reference=reference,
                prepared=prepared,
                version=_attr(notif, "Version"),
                flight=flight,
                bookings=tuple(bookings),
                format=MessageFormat.PNRGOV_XML,
            )
        )
    return ReadResult(tuple(messages), tuple(errors))
